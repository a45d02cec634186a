#!/usr/bin/env python3
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Benchmark of the daily escalation in parallel workers: 1, 2 and 4 processes on the same data.

Each worker is a separate process with its own registry and connection running the loop of the
escalation worker crons (take a chunk of debtors with SKIP LOCKED, synchronise and escalate it,
commit; then claim any case left pending). The data (N debtors, M overdue invoices, inserted
with set-based SQL) is built once in a copy of the database and the day is planned there (the
daily cron's part: the debtors listed by chunks); every run then starts from a fresh copy of
that database (``CREATE DATABASE ... TEMPLATE``), so that each number of workers does exactly the
same work: the first run of the day, every case created, synchronised and escalated. The copies
are dropped at the end.

Usage (database with the modules installed, named *_bench; ``make bench`` builds one)::

    .venv/bin/python tests/benchmarks/bench_parallel_escalation.py -c .odoo.conf \
        -d debt_recovery_bench -n 10000 -m 50000 --workers 1,2,4

Prints, per number of workers: wall time of the run (registries loaded beforehand), cases
escalated, speed-up over one worker, and each worker's peak memory (``ru_maxrss``).

Figures (2 cores, quiet machine): 100,000 debtors / 500,000 invoices: data 30.2 s, day planned
in 0.3 s, 49.0 s with 1 worker, 25.1 s with 2 (x1.95; 24.5 to 26.9 s over six runs, median
25.4 s; about 12 s of CPU per worker), 26.9 s with 4, 258 MB per worker.
10,000 / 50,000: 0.0 s, then 4.4 s / 2.4 s (x1.80) / 2.9 s.
"""

import argparse
import multiprocessing
import resource
import time
from datetime import date, timedelta

TODAY = date(2026, 6, 15)


_CONFIGURED = []


def configure(config):
    """Odoo's configuration, read once per process."""
    import odoo

    if not _CONFIGURED:
        odoo.tools.config.parse_config(["-c", config, "--log-level=warn"])
        _CONFIGURED.append(config)
    return odoo


def bench_parser(doc):
    """The command line of a benchmark script: Odoo's configuration and a database named
    *_bench (its own options are added by the script)."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    return parser


def parse_bench_args(parser):
    """The arguments, refused unless the database is a benchmark one."""
    args = parser.parse_args()
    if not args.database.endswith("_bench"):
        raise SystemExit("Use a benchmark database (named *_bench).")
    return args


def connect(config, database):
    return configure(config).modules.registry.Registry(database)


def peak_rss_mb():
    """Peak memory of this process: ``ru_maxrss``, or the high-water mark of its own memory
    (``VmHWM``) when lower: on Linux a spawned process's ``ru_maxrss`` starts from its parent's
    size at the fork."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    peak = min(peak, int(line.split()[1]))
    except OSError:
        pass
    return peak / 1024


def build(env, n_partners, m_invoices):
    """``n_partners`` companies, ``m_invoices`` posted invoices overdue 1-90 days."""
    from odoo import Command
    from odoo.tools import SQL

    cr = env.cr
    template = env["account.move"].create(
        {
            "move_type": "out_invoice",
            "partner_id": env.company.partner_id.id,
            "invoice_date": TODAY - timedelta(days=60),
            "invoice_date_due": TODAY - timedelta(days=30),
            "invoice_line_ids": [
                Command.create({"name": "Bench", "price_unit": 100.0, "tax_ids": [Command.clear()]})
            ],
        }
    )
    template.action_post()
    env.flush_all()
    cr.execute(
        SQL(
            """
            INSERT INTO res_partner (name, complete_name, is_company, active, type, lang,
                                     autopost_bills, debt_recovery_debtor_type,
                                     create_date, write_date)
            SELECT 'Parallel ' || g, 'Parallel ' || g, TRUE, TRUE, 'contact', 'en_US', 'ask',
                   CASE WHEN mod(g, 10) = 0 THEN 'consumer' WHEN mod(g, 10) = 1 THEN 'public'
                        ELSE 'professional' END,
                   now(), now()
              FROM generate_series(1, %s) g
            RETURNING id
            """,
            n_partners,
        )
    )
    partner_ids = [row[0] for row in cr.fetchall()]
    cr.execute(
        SQL("UPDATE res_partner SET commercial_partner_id = id WHERE id IN %s", tuple(partner_ids))
    )
    # Fresh statistics before the invoices: the foreign-key checks of their debtors would
    # otherwise keep a plan made for the few partners of an empty database (a scan per row).
    cr.execute("ANALYZE res_partner")
    cr.execute(
        SQL(
            """
            INSERT INTO account_move (name, move_type, state, journal_id, company_id, currency_id,
                   partner_id, commercial_partner_id, date, invoice_date, invoice_date_due,
                   amount_untaxed, amount_tax, amount_total, amount_residual,
                   amount_untaxed_signed, amount_tax_signed, amount_total_signed,
                   amount_total_in_currency_signed, amount_residual_signed, payment_state,
                   auto_post, create_date, write_date)
            SELECT 'PAR/' || g, 'out_invoice', 'posted', m.journal_id, m.company_id,
                   m.currency_id, p.id, p.id, m.date,
                   %(today)s::date - (mod(g, 90) + 31), %(today)s::date - (mod(g, 90) + 1),
                   a, 0, a, a, a, 0, a, a, a, 'not_paid', 'no', now(), now()
              FROM generate_series(0, %(count)s - 1) g
              JOIN account_move m ON m.id = %(template)s
              JOIN LATERAL (SELECT (%(partners)s::int[])[mod(g, %(np)s) + 1] AS id) p ON TRUE
              JOIN LATERAL (SELECT 50 + mod(g * 37, 4950) AS a) amount ON TRUE
            """,
            today=TODAY,
            count=m_invoices,
            template=template.id,
            partners=partner_ids,
            np=len(partner_ids),
        )
    )
    policy = env["debt.recovery.policy"].create(
        {
            "name": "Parallel benchmark ladder",
            "company_id": env.company.id,
            "contact_limit": 0,
            "level_ids": [
                Command.create({"name": "Reminder", "delay_days": 3, "stage": "amicable"}),
                Command.create({"name": "Second", "delay_days": 10, "stage": "amicable"}),
                Command.create({"name": "Notice", "delay_days": 30, "stage": "formal_notice"}),
            ],
        }
    )
    env.company.debt_recovery_policy_id = policy
    # The reference rates are taken as known for good (no half-year left to confirm), as in the
    # tests: the run computes every amount.
    env["debt.recovery.rate.type"].search([]).confirmed_through = False
    env.flush_all()
    cr.execute("ANALYZE res_partner; ANALYZE account_move")


def seed(config, database, n_partners, m_invoices):
    """Build the data and prepare the day (the daily cron's part) in ``database``."""
    import odoo

    registry = connect(config, database)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        start = time.perf_counter()
        build(env, n_partners, m_invoices)
        cr.commit()
        print(
            f"BENCH data: {n_partners} debtors, {m_invoices} invoices in "
            f"{time.perf_counter() - start:.1f} s"
        )
        start = time.perf_counter()
        listed = env["debt.recovery.case"].sudo()._plan_day(TODAY)
        env.flush_all()
        cr.commit()
        print(
            f"BENCH day planned (daily cron: promises and plans, debtors listed by chunks): "
            f"{time.perf_counter() - start:.1f} s, {listed} debtors, "
            f"peak RSS {peak_rss_mb():.0f} MB"
        )
    odoo.sql_db.close_db(database)  # the copies need the template without connections
    return listed


def worker(config, database, batch_size, barrier, results):
    """One escalation worker: the loop of a worker cron, committed per batch."""
    import psycopg2.errors

    import odoo

    registry = connect(config, database)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"tracking_disable": True})
        Case = env["debt.recovery.case"]
        Case._count_pending(TODAY)  # warm the registry's caches, as a running server has them
        cr.rollback()
        barrier.wait()
        start, cpu = time.perf_counter(), time.process_time()
        done = conflicts = batches = 0
        while True:
            try:
                batch = Case._escalate_next_batch(TODAY, batch_size)
            except psycopg2.errors.SerializationFailure:
                cr.rollback()
                conflicts += 1
                continue
            cr.commit()
            env.invalidate_all()
            if not batch:
                break
            done += len(batch)
            batches += 1
        cpu = time.process_time() - cpu
        results.put((done, batches, conflicts, time.perf_counter() - start, peak_rss_mb(), cpu))


def create_copy(config, source, target):
    odoo = configure(config)
    with odoo.sql_db.db_connect("postgres").cursor() as cr:
        cr._cnx.autocommit = True
        cr.execute(f'DROP DATABASE IF EXISTS "{target}"')
        cr.execute(f'CREATE DATABASE "{target}" TEMPLATE "{source}"')


def drop(config, database):
    odoo = configure(config)
    odoo.sql_db.close_db(database)
    with odoo.sql_db.db_connect("postgres").cursor() as cr:
        cr._cnx.autocommit = True
        cr.execute(f'DROP DATABASE IF EXISTS "{database}"')


def run(config, database, count, batch_size):
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(count + 1)
    results = ctx.Queue()
    processes = [
        ctx.Process(target=worker, args=(config, database, batch_size, barrier, results))
        for _ in range(count)
    ]
    for process in processes:
        process.start()
    barrier.wait()  # every worker has its registry: the clock starts
    start = time.perf_counter()
    outcomes = [results.get() for _ in processes]
    elapsed = time.perf_counter() - start
    for process in processes:
        process.join()
    return elapsed, outcomes


def main():
    parser = bench_parser(__doc__)
    parser.add_argument("-n", "--debtors", type=int, default=10000)
    parser.add_argument("-m", "--invoices", type=int, default=50000)
    parser.add_argument("--workers", default="1,2,4")
    parser.add_argument("--batch-size", type=int, default=1000)
    args = parse_bench_args(parser)
    seed_db, run_db = f"{args.database}_seed", f"{args.database}_run"
    create_copy(args.config, args.database, seed_db)
    try:
        # In a process of its own: the workers, started from this one, stay small.
        ctx = multiprocessing.get_context("spawn")
        with ctx.Pool(1) as pool:
            listed = pool.apply(seed, (args.config, seed_db, args.debtors, args.invoices))
        base = None
        for count in (int(c) for c in args.workers.split(",")):
            create_copy(args.config, seed_db, run_db)
            elapsed, outcomes = run(args.config, run_db, count, args.batch_size)
            drop(args.config, run_db)
            done = sum(o[0] for o in outcomes)
            base = base or elapsed
            rss = ", ".join(f"{o[4]:.0f}" for o in outcomes)
            cpu = ", ".join(f"{o[5]:.1f}" for o in outcomes)
            print(
                f"BENCH escalation N={args.debtors} M={args.invoices} workers={count}: "
                f"{elapsed:.1f} s, {done} cases of {listed} debtors listed "
                f"({sum(o[1] for o in outcomes)} batches, {sum(o[2] for o in outcomes)} "
                f"conflicts retried), speed-up x{base / elapsed:.2f}, "
                f"peak RSS per worker {rss} MB, CPU per worker {cpu} s"
            )
    finally:
        drop(args.config, run_db)
        drop(args.config, seed_db)


if __name__ == "__main__":
    main()
