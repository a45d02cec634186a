"""Benchmark of reminder emails: N debtors reminded on the same day, each by one email.

Run through ``setup/bench.sh`` (``make bench``), or by hand inside an Odoo shell::

    odoo-bin shell -c .odoo.conf -d debt_recovery_bench < tests/benchmarks/bench_delivery.py

Environment: ``BENCH_DELIVERY_SIZES`` as ``N,N`` (default ``2000,10000``). The debtors and
their overdue invoices are inserted with SQL in bulk; the daily job first runs on a level
without email (the ladder's decisions and the communications with their invoice snapshots),
then the emails of those communications are timed apart: rendering the level's template,
posting one message per case with its email and notification, keeping the evidence on the
communication. A last run times the whole daily job with the email level. Everything is rolled
back at the end. The target: under 10 ms per email (20,000 reminders in under 2 minutes).
"""

import os
import time
from datetime import date, timedelta

from odoo import Command
from odoo.tools import SQL

env = globals()["env"]  # provided by odoo-bin shell
TODAY = date(2026, 6, 15)


def build(n_debtors, tag):
    """Insert ``n_debtors`` companies with an email and one posted invoice each, overdue."""
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
                                     autopost_bills, debt_recovery_debtor_type, email,
                                     email_normalized, create_date, write_date)
            SELECT %(name)s || g, %(name)s || g, TRUE, TRUE, 'contact', 'en_US', 'ask',
                   'professional', %(tag)s || g || '@bench.example.com',
                   %(tag)s || g || '@bench.example.com', now(), now()
              FROM generate_series(1, %(n)s) g
            RETURNING id
            """,
            name=f"Bench mail {tag} ",
            tag=tag,
            n=n_debtors,
        )
    )
    partner_ids = [row[0] for row in cr.fetchall()]
    cr.execute(
        SQL("UPDATE res_partner SET commercial_partner_id = id WHERE id IN %s", tuple(partner_ids))
    )
    cr.execute(
        SQL(
            """
            INSERT INTO account_move (name, move_type, state, journal_id, company_id, currency_id,
                   partner_id, commercial_partner_id, date, invoice_date, invoice_date_due,
                   amount_untaxed, amount_tax, amount_total, amount_residual,
                   amount_untaxed_signed, amount_tax_signed, amount_total_signed,
                   amount_total_in_currency_signed, amount_residual_signed, payment_state,
                   auto_post, create_date, write_date)
            SELECT 'BENCHMAIL/' || %s || '/' || p.n, 'out_invoice', 'posted', m.journal_id,
                   m.company_id, m.currency_id, p.id, p.id, m.date, %s::date - 40,
                   %s::date - 10, a, 0, a, a, a, 0, a, a, a, 'not_paid', 'no', now(), now()
              FROM unnest(%s::int[]) WITH ORDINALITY AS p(id, n)
              JOIN account_move m ON m.id = %s
              JOIN LATERAL (SELECT 50 + mod(p.n * 37, 4950) AS a) amount ON TRUE
            """,
            tag,
            TODAY,
            TODAY,
            partner_ids,
            template.id,
        )
    )
    cr.execute(SQL("ANALYZE res_partner, account_move"))
    env.invalidate_all()


def bench_policy(company):
    policy = env["debt.recovery.policy"].create(
        {
            "name": "Benchmark reminders",
            "company_id": company.id,
            "contact_limit": 0,
            "level_ids": [
                Command.create({"name": "Reminder", "delay_days": 3, "stage": "amicable"}),
            ],
        }
    )
    company.debt_recovery_policy_id = policy
    # The reference rates are taken as known for good (no half-year left to confirm), as in the
    # tests: the run computes every amount.
    env["debt.recovery.rate.type"].search([]).confirmed_through = False
    return policy


def measure(function):
    """(wall seconds, CPU seconds of this process, queries) of ``function``. On a shared
    machine the wall time depends on the neighbours: the CPU time shows what the code costs
    (PostgreSQL's own time is not in it, but a few hundred statements weigh little here)."""
    env.flush_all()
    env.invalidate_all()
    queries = env.cr.sql_log_count
    start, cpu = time.perf_counter(), time.process_time()
    function()
    env.flush_all()
    return (
        time.perf_counter() - start,
        time.process_time() - cpu,
        env.cr.sql_log_count - queries,
    )


def report(label, n, measured):
    seconds, cpu, queries = measured
    per_email = seconds / max(n, 1) * 1000
    print(
        f"BENCH {label}: {n} emails in {seconds:.2f} s ({cpu:.2f} s CPU), {queries} queries: "
        f"{per_email:.2f} ms per email ({cpu / max(n, 1) * 1000:.2f} ms CPU), "
        f"20,000 in {per_email * 20:.0f} s"
    )


def main():
    sizes = [int(x) for x in os.environ.get("BENCH_DELIVERY_SIZES", "2000,10000").split(",")]
    Case = env["debt.recovery.case"]
    Comm = env["debt.recovery.communication"]
    template = env.ref("debt_recovery.mail_template_amicable")
    for n in sizes:
        build(n, f"d{n}")
        policy = bench_policy(env.company)
        seconds, cpu, queries = measure(lambda: Case._cron_escalate_at(TODAY))
        comms = Comm.search([("date", "=", TODAY), ("level_id", "=", policy.level_ids.id)])
        print(
            f"BENCH delivery N={n}: decisions and communications {seconds:.2f} s "
            f"({cpu:.2f} s CPU), {queries} queries, {len(comms)} communications"
        )
        measured = measure(lambda comms=comms: comms._send_emails(template))
        sent = Comm.search_count([("id", "in", comms.ids), ("delivery_state", "=", "queued")])
        report(f"delivery N={n}: emails alone", sent, measured)
        env.cr.rollback()
        build(n, f"e{n}")
        policy = bench_policy(env.company)
        policy.level_ids.write({"send_email": True, "mail_template_id": template.id})
        measured = measure(lambda: Case._cron_escalate_at(TODAY))
        sent = Comm.search_count([("date", "=", TODAY), ("delivery_state", "=", "queued")])
        report(f"delivery N={n}: whole daily job with emails", sent, measured)
        env.cr.rollback()


main()
