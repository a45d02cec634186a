"""Benchmark of the direct debit daily step: N plans paid by direct debit.

Run by hand inside an Odoo shell, on a database with ``debt_recovery_sepa`` installed::

    odoo-bin shell -c .odoo.conf -d debt_recovery_bench < tests/benchmarks/bench_sepa.py

Environment: ``BENCH_SEPA_PLANS`` (default 10000). The data is inserted with SQL in bulk (an ORM
create per plan would take longer than what is measured): N debtors, each with a bank account, a
valid mandate, two posted invoices (receivable lines of 300.00 and 900.00) and an active plan
of three instalments of 400.00 paid by direct debit. Measured, each as one call of the step
(``debt.recovery.plan.line._direct_debit_daily_step``): the day the first instalments are
pre-notified (N emails queued and N communications), then their order date (N instalments put in
one direct debit order, each as a payment line against the oldest invoice). Rolled back at the
end.
"""

import os
import time
from datetime import date, timedelta

from odoo import Command
from odoo.tools import SQL

env = globals()["env"]  # provided by odoo-bin shell
FIRST_DUE = date(2027, 2, 5)  # a Friday: pre-notified on 22 January, ordered on 3 February


def build(n):
    cr = env.cr
    company = env.company
    company.sepa_creditor_identifier = "FR78ZZZ424242"
    sdd = env.ref("account_banking_sepa_direct_debit.sepa_direct_debit")
    bank = company.partner_id.bank_ids[:1] or env["res.partner.bank"].create(
        {"acc_number": "FR7630006000011234567890189", "partner_id": company.partner_id.id}
    )
    journal = env["account.journal"].create(
        {
            "name": "Bench direct debits",
            "type": "bank",
            "code": "BSDD",
            "bank_account_id": bank.id,
            "inbound_payment_method_line_ids": [Command.create({"payment_method_id": sdd.id})],
        }
    )
    mode = env["account.payment.mode"].create(
        {
            "name": "Bench SEPA direct debit",
            "payment_method_id": sdd.id,
            "bank_account_link": "fixed",
            "fixed_journal_id": journal.id,
        }
    )
    template = env["account.move"].create(
        {
            "move_type": "out_invoice",
            "partner_id": company.partner_id.id,
            "invoice_date": date(2026, 10, 1),
            "invoice_date_due": date(2026, 10, 31),
            "invoice_line_ids": [
                Command.create({"name": "Bench", "price_unit": 100.0, "tax_ids": [Command.clear()]})
            ],
        }
    )
    template.action_post()
    receivable = template.line_ids.filtered(lambda line: line.account_type == "asset_receivable")
    env.flush_all()
    cr.execute(
        SQL(
            """
            INSERT INTO res_partner (name, complete_name, is_company, active, type, lang,
                                     autopost_bills, debt_recovery_debtor_type, email,
                                     email_normalized, create_date, write_date)
            SELECT 'Bench SDD ' || g, 'Bench SDD ' || g, FALSE, TRUE, 'contact', 'en_US', 'ask',
                   'consumer', 'sdd' || g || '@bench.example.com',
                   'sdd' || g || '@bench.example.com', now(), now()
              FROM generate_series(1, %s) g
            RETURNING id
            """,
            n,
        )
    )
    partners = [row[0] for row in cr.fetchall()]
    cr.execute(
        SQL("UPDATE res_partner SET commercial_partner_id = id WHERE id IN %s", tuple(partners))
    )
    cr.execute(
        SQL(
            """
            INSERT INTO res_partner_bank (acc_number, sanitized_acc_number, partner_id, active,
                                          allow_out_payment, create_date, write_date)
            SELECT 'FR76BENCH' || p, 'FR76BENCH' || p, p, TRUE, FALSE, now(), now()
              FROM unnest(%s::int[]) p
            RETURNING id, partner_id
            """,
            partners,
        )
    )
    bank_of = {partner: bank_id for bank_id, partner in cr.fetchall()}
    cr.execute(
        SQL(
            """
            INSERT INTO account_banking_mandate (format, type, recurrent_sequence_type, scheme,
                   partner_bank_id, partner_id, company_id, unique_mandate_reference,
                   signature_date, state, display_name, create_date, write_date)
            SELECT 'sepa', 'recurrent', 'first', 'CORE', b.id, b.partner_id, %s,
                   'BENCH' || b.id, %s, 'valid', 'BENCH' || b.id || ' (first)', now(), now()
              FROM res_partner_bank b WHERE b.id = ANY(%s::int[])
            RETURNING id, partner_id
            """,
            company.id,
            date(2026, 11, 2),
            list(bank_of.values()),
        )
    )
    mandate_of = {partner: mandate for mandate, partner in cr.fetchall()}
    # Two invoices per debtor (300.00 due 31 October, 900.00 due 30 November), each with its
    # receivable line, cloned from the template.
    cr.execute(
        SQL(
            """
            INSERT INTO account_move (name, move_type, state, journal_id, company_id, currency_id,
                   partner_id, commercial_partner_id, date, invoice_date, invoice_date_due,
                   amount_untaxed, amount_tax, amount_total, amount_residual,
                   amount_untaxed_signed, amount_tax_signed, amount_total_signed,
                   amount_total_in_currency_signed, amount_residual_signed, payment_state,
                   auto_post, create_date, write_date)
            SELECT 'BSDD/' || p || '/' || k, 'out_invoice', 'posted', m.journal_id, m.company_id,
                   m.currency_id, p, p, m.date, m.invoice_date, d, a, 0, a, a, a, 0, a, a, a,
                   'not_paid', 'no', now(), now()
              FROM unnest(%s::int[]) p
             CROSS JOIN (VALUES (1, 300.0, %s::date), (2, 900.0, %s::date)) AS v(k, a, d)
              JOIN account_move m ON m.id = %s
            RETURNING id, partner_id, amount_total, invoice_date_due
            """,
            partners,
            date(2026, 10, 31),
            date(2026, 11, 30),
            template.id,
        )
    )
    moves = cr.fetchall()
    cr.execute(
        SQL(
            """
            INSERT INTO account_move_line (move_id, move_name, journal_id, company_id,
                   company_currency_id, currency_id, account_id, partner_id, date, date_maturity,
                   parent_state, display_type, name, balance, debit, credit, amount_currency,
                   amount_residual, amount_residual_currency, reconciled, create_date, write_date)
            SELECT m.id, m.name, l.journal_id, l.company_id, l.company_currency_id,
                   l.currency_id, l.account_id, m.partner_id, l.date, m.invoice_date_due,
                   'posted', 'payment_term', '', m.amount_total, m.amount_total, 0,
                   m.amount_total, m.amount_total, m.amount_total, FALSE, now(), now()
              FROM account_move m JOIN account_move_line l ON l.id = %s
             WHERE m.id = ANY(%s::int[])
            """,
            receivable.id,
            [move[0] for move in moves],
        )
    )
    invoices_of = {}
    for move_id, partner, _amount, _due in moves:
        invoices_of.setdefault(partner, []).append(move_id)
    cr.execute(
        SQL(
            """
            INSERT INTO debt_recovery_plan (name, partner_id, company_id, state, amount_total,
                   down_payment, instalment_count, frequency, date_start, first_due_date,
                   tolerance_days, max_missed, amount_paid, date_activated, direct_debit,
                   mandate_id, direct_debit_mode_id, create_date, write_date)
            SELECT 'BENCH-PLAN/' || p, p, %s, 'active', 1200, 0, 3, 'monthly', %s, %s, 5, 1, 0,
                   %s, TRUE, (%s::jsonb ->> p::text)::int, %s, now(), now()
              FROM unnest(%s::int[]) p
            RETURNING id, partner_id
            """,
            company.id,
            date(2027, 1, 5),
            FIRST_DUE,
            date(2027, 1, 5),
            __import__("json").dumps({str(k): v for k, v in mandate_of.items()}),
            mode.id,
            partners,
        )
    )
    plans = cr.fetchall()
    rel, lines = [], []
    for plan_id, partner in plans:
        rel += [(plan_id, move_id) for move_id in invoices_of[partner]]
    cr.execute(
        SQL(
            "INSERT INTO debt_recovery_plan_invoice_rel (plan_id, move_id) "
            "SELECT * FROM unnest(%s::int[], %s::int[])",
            [r[0] for r in rel],
            [r[1] for r in rel],
        )
    )
    cr.execute(
        SQL(
            """
            INSERT INTO debt_recovery_plan_line (plan_id, company_id, sequence, due_date, amount,
                   amount_paid, is_down_payment, state, direct_debit_state, create_date,
                   write_date)
            SELECT p, %s, k, (%s::date + make_interval(months => k - 1))::date, 400, 0, FALSE,
                   'pending', 'planned', now(), now()
              FROM unnest(%s::int[]) p CROSS JOIN generate_series(1, 3) k
            """,
            company.id,
            FIRST_DUE,
            [plan[0] for plan in plans],
        )
    )
    cr.execute(
        SQL(
            "ANALYZE res_partner, account_move, account_move_line, debt_recovery_plan, "
            "debt_recovery_plan_line, account_banking_mandate"
        )
    )
    env.invalidate_all()
    return lines


def measure(function):
    env.flush_all()
    env.invalidate_all()
    queries = env.cr.sql_log_count
    start = time.perf_counter()
    result = function()
    env.flush_all()
    return time.perf_counter() - start, env.cr.sql_log_count - queries, result


def main():
    n = int(os.environ.get("BENCH_SEPA_PLANS", "10000"))
    build(n)
    Line = env["debt.recovery.plan.line"].sudo()
    seconds, queries, done = measure(
        lambda: Line._direct_debit_daily_step(FIRST_DUE - timedelta(days=14))
    )
    print(f"BENCH sepa N={n}: pre-notification day {seconds:.2f} s, {queries} queries, {done}")
    order_day = date(2027, 2, 3)
    orders_before = env["account.payment.order"].search_count([])
    seconds, queries, done = measure(lambda: Line._direct_debit_daily_step(order_day))
    pay_lines = env["account.payment.line"].search_count(
        [("debt_recovery_plan_line_id", "!=", False)]
    )
    orders = env["account.payment.order"].search_count([]) - orders_before
    print(
        f"BENCH sepa N={n}: order day {seconds:.2f} s, {queries} queries, {done}, "
        f"{orders} order(s), {pay_lines} payment lines ({queries / max(pay_lines, 1):.2f} "
        "queries per line)"
    )
    seconds, queries, done = measure(lambda: Line._direct_debit_daily_step(order_day))
    print(f"BENCH sepa N={n}: same day again {seconds:.2f} s, {queries} queries, {done}")
    env.cr.rollback()


main()
