#!/usr/bin/env python3
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Where the time of an escalation worker goes: wall and CPU time of each step of a chunk.

N debtors and M overdue invoices are inserted (``build`` of ``bench_parallel_escalation.py``) in
a copy of the benchmark database, the day is planned (the debtors listed by chunks of 5,000),
then one worker takes up to B chunks, synchronising and escalating each and committing it, with
every step below timed (wall time, this process's CPU time; their difference is mostly the
database's share). The steps nest: a step's time includes the steps it calls. The copy is
dropped at the end.

Usage::

    .venv/bin/python tests/benchmarks/bench_escalation_steps.py -c .odoo.conf \
        -d debt_recovery_bench -n 20000 -m 100000 --batches 20

Figures (2 cores, 20,000 debtors / 100,000 invoices, the first run of the day; the same run
varies by a tenth from one try to the next): 0.45 s wall and 0.25 s CPU per 1,000 cases. Per
1,000 cases: the communications and their invoice snapshot lines 0.15 s (COPY of 1,000 + 5,000
rows, mostly database), the synchronisation that creates the cases 0.08 s, the penalties of
the 5,000 invoices 0.05 s (Python), the cases moved to their level 0.05 s, the decisions
0.02 s.
"""

import os
import sys
import time
from collections import Counter

sys.path.insert(0, os.path.dirname(__file__))

from bench_parallel_escalation import (
    TODAY,
    bench_parser,
    build,
    connect,
    create_copy,
    drop,
    parse_bench_args,
)

# (model, method) of the steps timed, in the order of a batch.
STEPS = [
    ("debt.recovery.case", "_next_chunk"),
    ("debt.recovery.case", "_escalate_chunk"),
    ("debt.recovery.case", "_refresh_statistics"),
    ("debt.recovery.case", "_sync_cases"),
    ("debt.recovery.case", "_sync_rows"),
    ("debt.recovery.case", "_sync_create"),
    ("debt.recovery.case", "_apply_legal_holds"),
    ("debt.recovery.case", "_send_preventive_reminders"),
    ("debt.recovery.case", "_pending_among"),
    ("debt.recovery.case", "_escalate_batch"),
    ("debt.recovery.case", "_decide_levels"),
    ("debt.recovery.case", "_apply_decisions"),
    ("debt.recovery.communication", "_create_for_levels"),
    ("account.move", "_debt_recovery_penalties_of_rows"),
    ("debt.recovery.communication", "_create_with_snapshots"),
    ("debt.recovery.communication", "_mark_last_claims"),
    ("debt.recovery.communication", "_apply_level"),
    ("debt.recovery.communication", "_perform_actions"),
]


def timed(wall, cpu, calls, name, method):
    def step(self, *args, **kwargs):
        start, start_cpu = time.perf_counter(), time.process_time()
        try:
            return method(self, *args, **kwargs)
        finally:
            wall[name] += time.perf_counter() - start
            cpu[name] += time.process_time() - start_cpu
            calls[name] += 1

    return step


def instrument(env):
    """Wrap the steps' methods on the registry's classes; returns the counters."""
    wall, cpu, calls = Counter(), Counter(), Counter()
    for model, method in STEPS:
        cls = type(env[model])
        setattr(cls, method, timed(wall, cpu, calls, method, getattr(cls, method)))
    return wall, cpu, calls


def run(config, database, debtors, invoices, batches):
    import odoo

    registry = connect(config, database)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"tracking_disable": True})
        build(env, debtors, invoices)
        cr.commit()
        start = time.perf_counter()
        env["debt.recovery.case"].sudo()._plan_day(TODAY)
        env.flush_all()
        cr.commit()
        print(f"BENCH steps: day planned (debtors listed) in {time.perf_counter() - start:.2f} s")
        wall, cpu, calls = instrument(env)
        Case = env["debt.recovery.case"].sudo()
        start, start_cpu, done = time.perf_counter(), time.process_time(), 0
        for _chunk in range(batches):
            batch = Case._escalate_next_batch(TODAY, 1000)
            cr.commit()
            env.invalidate_all()
            if not batch:
                break
            done += len(batch)
        elapsed, used = time.perf_counter() - start, time.process_time() - start_cpu
        per = 1000 / max(done, 1)
        print(
            f"BENCH steps: {done} cases in {elapsed:.2f} s, CPU {used:.2f} s "
            f"({elapsed * per:.3f} s and {used * per:.3f} s CPU per 1,000 cases)"
        )
        for _model, name in STEPS:
            print(
                f"BENCH steps: {name:34s} per 1,000 cases: wall {wall[name] * per:.3f} s, "
                f"CPU {cpu[name] * per:.3f} s ({calls[name]} calls)"
            )


def main():
    parser = bench_parser(__doc__)
    parser.add_argument("-n", "--debtors", type=int, default=20000)
    parser.add_argument("-m", "--invoices", type=int, default=100000)
    parser.add_argument("--batches", type=int, default=20)
    args = parse_bench_args(parser)
    copy = f"{args.database}_steps"
    create_copy(args.config, args.database, copy)
    try:
        run(args.config, copy, args.debtors, args.invoices, args.batches)
    finally:
        drop(args.config, copy)


if __name__ == "__main__":
    main()
