"""Benchmark of the daily escalation: N debtors, M overdue invoices.

Run through ``setup/bench.sh`` (``make bench``), or by hand inside an Odoo shell::

    odoo-bin shell -c .odoo.conf -d debt_recovery_bench < tests/benchmarks/bench_escalation.py

Environment: ``BENCH_SIZES`` as ``N:M,N:M`` (default ``1000:5000``), ``BENCH_EMAILS`` (default
1000, 0 to skip). The data is inserted with SQL in bulk (an ORM create per invoice would take
longer than what is measured), the job runs on levels without email (decisions and records only),
then email rendering is timed apart. Everything is rolled back at the end.
"""

import os
import time
from datetime import date, timedelta

from odoo import Command
from odoo.tools import SQL

env = globals()["env"]  # provided by odoo-bin shell
TODAY = date(2026, 6, 15)


def build(n_partners, m_invoices, tag):
    """Insert ``n_partners`` companies and ``m_invoices`` posted invoices, overdue 1-90 days."""
    cr = env.cr
    company = env.company
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
                                     email, email_normalized, create_date, write_date)
            SELECT %s || g, %s || g, TRUE, TRUE, 'contact', 'en_US', 'ask',
                   CASE WHEN mod(g, 10) = 0 THEN 'consumer' WHEN mod(g, 10) = 1 THEN 'public'
                        ELSE 'professional' END,
                   'debtor' || g || '@bench.example.com', 'debtor' || g || '@bench.example.com',
                   now(), now()
              FROM generate_series(1, %s) g
            RETURNING id
            """,
            f"Bench {tag} ",
            f"Bench {tag} ",
            n_partners,
        )
    )
    partner_ids = [row[0] for row in cr.fetchall()]
    cr.execute(
        SQL("UPDATE res_partner SET commercial_partner_id = id WHERE id IN %s", tuple(partner_ids))
    )
    # Clone the template invoice's header: partner k % N, due 1..90 days ago, 50..5000.
    cr.execute(
        SQL(
            """
            INSERT INTO account_move (name, move_type, state, journal_id, company_id, currency_id,
                   partner_id, commercial_partner_id, date, invoice_date, invoice_date_due,
                   amount_untaxed, amount_tax, amount_total, amount_residual,
                   amount_untaxed_signed, amount_tax_signed, amount_total_signed,
                   amount_total_in_currency_signed, amount_residual_signed, payment_state,
                   auto_post, create_date, write_date)
            SELECT 'BENCH/' || %s || '/' || g, 'out_invoice', 'posted', m.journal_id,
                   m.company_id, m.currency_id, p.id, p.id, m.date,
                   %s::date - (mod(g, 90) + 31), %s::date - (mod(g, 90) + 1),
                   a, 0, a, a, a, 0, a, a, a, 'not_paid', 'no', now(), now()
              FROM generate_series(0, %s - 1) g
              JOIN account_move m ON m.id = %s
              JOIN LATERAL (SELECT (%s::int[])[mod(g, %s) + 1] AS id) p ON TRUE
              JOIN LATERAL (SELECT 50 + mod(g * 37, 4950) AS a) amount ON TRUE
            """,
            tag,
            TODAY,
            TODAY,
            m_invoices,
            template.id,
            partner_ids,
            len(partner_ids),
        )
    )
    cr.execute(SQL("ANALYZE res_partner, account_move"))
    env.invalidate_all()
    return company


def bench_policy(company):
    policy = env["debt.recovery.policy"].create(
        {
            "name": "Benchmark ladder",
            "company_id": company.id,
            "contact_limit": 0,
            "level_ids": [
                Command.create({"name": "Reminder", "delay_days": 3, "stage": "amicable"}),
                Command.create({"name": "Second", "delay_days": 10, "stage": "amicable"}),
                Command.create({"name": "Notice", "delay_days": 30, "stage": "formal_notice"}),
            ],
        }
    )
    company.debt_recovery_policy_id = policy
    # The reference rates are taken as known for good (no half-year left to confirm), as in the
    # tests: the run computes every amount.
    env["debt.recovery.rate.type"].search([]).confirmed_through = False
    return policy


def measure(function):
    env.flush_all()
    env.invalidate_all()
    queries = env.cr.sql_log_count
    start = time.perf_counter()
    function()
    env.flush_all()
    return time.perf_counter() - start, env.cr.sql_log_count - queries


def main():
    sizes = os.environ.get("BENCH_SIZES", "1000:5000")
    emails = int(os.environ.get("BENCH_EMAILS", "1000"))
    Case = env["debt.recovery.case"]
    for spec in sizes.split(","):
        n, m = (int(x) for x in spec.split(":"))
        company = build(n, m, f"{n}x{m}")
        bench_policy(company)
        seconds, queries = measure(lambda: Case._cron_escalate_at(TODAY))
        cases = Case.search_count([("partner_id.name", "like", f"Bench {n}x{m} ")])
        comms = env["debt.recovery.communication"].search_count([("date", "=", TODAY)])
        print(
            f"BENCH escalation N={n} M={m}: first run {seconds:.2f} s, {queries} queries, "
            f"{cases} cases, {comms} communications"
        )
        seconds2, queries2 = measure(lambda: Case._cron_escalate_at(TODAY))
        print(f"BENCH escalation N={n} M={m}: second run same day {seconds2:.2f} s, {queries2} q")
        seconds3, queries3 = measure(lambda: Case._cron_escalate_at(TODAY + timedelta(days=7)))
        print(f"BENCH escalation N={n} M={m}: run a week later {seconds3:.2f} s, {queries3} q")
        env.cr.rollback()
    if emails:
        company = build(emails, emails, "mail")
        policy = bench_policy(company)
        policy.level_ids[0].write(
            {
                "send_email": True,
                "mail_template_id": env.ref("debt_recovery.mail_template_amicable").id,
            }
        )
        seconds, queries = measure(lambda: Case._cron_escalate_at(TODAY))
        mails = env["debt.recovery.communication"].search_count([("mail_id", "!=", False)])
        per_mail = seconds / max(mails, 1) * 1000
        print(
            f"BENCH emails: {emails} debtors, {mails} escalated with an email queued, in "
            f"{seconds:.2f} s, {queries} queries ({per_mail:.1f} ms per email)"
        )
        env.cr.rollback()


main()
