"""Benchmark of the preview of the next run: N debtors, M overdue invoices.

Run inside an Odoo shell (``setup/bench.sh`` runs it too)::

    odoo-bin shell -c .odoo.conf -d debt_recovery_bench < tests/benchmarks/bench_run_preview.py

Environment: ``BENCH_PREVIEW_SIZES`` as ``N:M,N:M`` (default ``10000:50000``). The data is
inserted in bulk by ``bench_escalation.py``'s ``build`` (its module is read, not run), then
the preview is timed twice: before the first run (every debtor would get its case and its
first level) and after a run, a week later. Everything is rolled back at the end.

Figures (2 cores shared with other test runs, 10,000 debtors / 50,000 invoices): 5.0 s and 35
queries before the first run (10,015 debtors, 10,001 would move), 6.1 s and 42 queries a week
after a run.
"""

import os
import time
from datetime import timedelta

env = globals()["env"]  # provided by odoo-bin shell
here = os.path.dirname(os.path.abspath(globals().get("__file__", "tests/benchmarks/x")))
source = open(os.path.join(here, "bench_escalation.py"), encoding="utf-8").read()
helpers = {"env": env, "__name__": "bench_escalation"}
exec(compile(source.replace("\nmain()\n", "\n"), "bench_escalation.py", "exec"), helpers)
TODAY, build, bench_policy = helpers["TODAY"], helpers["build"], helpers["bench_policy"]


def timed(function):
    env.flush_all()
    env.invalidate_all()
    queries = env.cr.sql_log_count
    start = time.perf_counter()
    result = function()
    return result, time.perf_counter() - start, env.cr.sql_log_count - queries


def main():
    Case = env["debt.recovery.case"]
    for spec in os.environ.get("BENCH_PREVIEW_SIZES", "10000:50000").split(","):
        n, m = (int(x) for x in spec.split(":"))
        company = build(n, m, f"p{n}x{m}")
        bench_policy(company)
        rows, seconds, queries = timed(lambda c=company: Case._preview_run(TODAY, c.ids))
        acting = sum(1 for row in rows if row["level_to"])
        print(
            f"BENCH preview N={n} M={m}: before the first run {seconds:.2f} s, {queries} "
            f"queries, {len(rows)} debtors, {acting} would move"
        )
        Case._cron_escalate_at(TODAY)
        later = TODAY + timedelta(days=7)
        rows, seconds, queries = timed(lambda c=company, d=later: Case._preview_run(d, c.ids))
        acting = sum(1 for row in rows if row["level_to"])
        print(
            f"BENCH preview N={n} M={m}: a week after a run {seconds:.2f} s, {queries} "
            f"queries, {len(rows)} debtors, {acting} would move"
        )
        env.cr.rollback()


main()
