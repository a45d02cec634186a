"""Benchmark of the weekly risk score: N debtors, M posted customer invoices over two years.

Run by hand inside an Odoo shell (both modules installed)::

    odoo-bin shell -c .odoo.conf -d debt_recovery_bench < tests/benchmarks/bench_risk_score.py

Environment: ``BENCH_RISK_SIZES`` as ``N:M,N:M`` (default ``1000:20000``). The data is inserted
with SQL in bulk: invoices issued over the last two years, due 30 days later; each debtor pays
with its own delay (from 10 days early to 44 days late), the paid ones reconciled (a receivable
line and a partial reconciliation dated the payment day). One case per debtor, then
``_refresh_risk`` is timed. Everything is rolled back at the end.
"""

import os
import time
from collections import Counter
from datetime import date, timedelta

from odoo import Command
from odoo.tools import SQL

env = globals()["env"]  # provided by odoo-bin shell
TODAY = date(2026, 6, 15)


def template_invoice():
    """A posted invoice whose journal, accounts and currency the inserted rows copy."""
    move = env["account.move"].create(
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
    move.action_post()
    env.flush_all()
    return move


def insert_partners(n_partners, tag):
    env.cr.execute(
        SQL(
            """
            INSERT INTO res_partner (name, complete_name, is_company, active, type, lang,
                                     autopost_bills, debt_recovery_debtor_type,
                                     create_date, write_date)
            SELECT %s || g, %s || g, TRUE, TRUE, 'contact', 'en_US', 'ask', 'professional',
                   now(), now()
              FROM generate_series(1, %s) g
            RETURNING id
            """,
            f"Risk {tag} ",
            f"Risk {tag} ",
            n_partners,
        )
    )
    ids = [row[0] for row in env.cr.fetchall()]
    env.cr.execute(
        SQL("UPDATE res_partner SET commercial_partner_id = id WHERE id IN %s", tuple(ids))
    )
    return ids


def insert_invoices(template, partner_ids, m_invoices, tag):
    """The invoices (temporary table ``risk_bench`` keeps each one's payment day)."""
    env.cr.execute(
        SQL(
            """
            CREATE TEMP TABLE risk_bench ON COMMIT DROP AS
            SELECT g, p.id AS partner_id, s.issued, s.issued + 30 AS due,
                   s.issued + 30 + (mod(p.k, 10) * 6 - 10 + mod(g, 7)) AS paid,
                   (50 + mod(g * 37, 4950))::numeric AS amount
              FROM generate_series(0, %(m)s - 1) g
              JOIN LATERAL (SELECT mod(g, %(n)s) AS k,
                                   (%(ids)s::int[])[mod(g, %(n)s) + 1] AS id) p ON TRUE
              JOIN LATERAL (SELECT %(today)s::date - (mod(g * 7, 730) + 1) AS issued) s ON TRUE;
            INSERT INTO account_move (name, move_type, state, journal_id, company_id, currency_id,
                   partner_id, commercial_partner_id, date, invoice_date, invoice_date_due,
                   amount_untaxed, amount_tax, amount_total, amount_residual,
                   amount_untaxed_signed, amount_tax_signed, amount_total_signed,
                   amount_total_in_currency_signed, amount_residual_signed, payment_state,
                   auto_post, create_date, write_date)
            SELECT 'RISK/' || %(tag)s || '/' || b.g, 'out_invoice', 'posted', m.journal_id,
                   m.company_id, m.currency_id, b.partner_id, b.partner_id, b.issued, b.issued,
                   b.due, b.amount, 0, b.amount, r.residual, b.amount, 0, b.amount, b.amount,
                   r.residual, CASE WHEN r.residual = 0 THEN 'paid' ELSE 'not_paid' END,
                   'no', now(), now()
              FROM risk_bench b
              JOIN account_move m ON m.id = %(template)s
              JOIN LATERAL (SELECT CASE WHEN b.paid <= %(today)s THEN 0 ELSE b.amount END
                                   AS residual) r ON TRUE
            """,
            m=m_invoices,
            n=len(partner_ids),
            ids=partner_ids,
            today=TODAY,
            tag=tag,
            template=template.id,
        )
    )


def reconcile_paid(template, tag):
    """A receivable line for every paid invoice, reconciled on its payment day."""
    receivable = template.line_ids.filtered(lambda line: line.display_type == "payment_term")
    other = template.line_ids - receivable
    env.cr.execute(
        SQL(
            """
            WITH lines AS (
                INSERT INTO account_move_line (move_id, display_type, account_id, company_id,
                       currency_id, company_currency_id, journal_id, partner_id, date,
                       parent_state, debit, credit, balance, amount_currency, amount_residual,
                       amount_residual_currency, reconciled, create_date, write_date)
                SELECT m.id, 'payment_term', %(account)s, m.company_id, m.currency_id,
                       m.currency_id, m.journal_id, m.partner_id, m.date, 'posted',
                       m.amount_total, 0, m.amount_total, m.amount_total, 0, 0, TRUE, now(),
                       now()
                  FROM account_move m
                 WHERE m.name LIKE %(pattern)s AND m.amount_residual = 0
                RETURNING id, move_id, amount_currency, company_id, currency_id
            )
            INSERT INTO account_partial_reconcile (debit_move_id, credit_move_id, amount,
                   debit_amount_currency, credit_amount_currency, debit_currency_id,
                   credit_currency_id, company_id, max_date, create_date, write_date)
            SELECT l.id, %(credit)s, l.amount_currency, l.amount_currency, l.amount_currency,
                   l.currency_id, l.currency_id, l.company_id, b.paid, now(), now()
              FROM lines l
              JOIN account_move m ON m.id = l.move_id
              JOIN risk_bench b ON 'RISK/' || %(tag)s || '/' || b.g = m.name
            """,
            account=receivable.account_id.id,
            pattern=f"RISK/{tag}/%",
            credit=other[:1].id,
            tag=tag,
        )
    )


def insert_cases(partner_ids):
    env.cr.execute(
        SQL(
            """
            INSERT INTO debt_recovery_case (partner_id, company_id, state, amount_overdue,
                                            priority, create_date, write_date)
            SELECT p, %s, 'open', 1000, 0, now(), now() FROM unnest(%s::int[]) p
            """,
            env.company.id,
            partner_ids,
        )
    )
    env.cr.execute(
        SQL(
            "ANALYZE res_partner, account_move, account_move_line, account_partial_reconcile, "
            "debt_recovery_case"
        )
    )
    env.invalidate_all()


def main():
    Case = env["debt.recovery.case"]
    for spec in os.environ.get("BENCH_RISK_SIZES", "1000:20000").split(","):
        n, m = (int(x) for x in spec.split(":"))
        tag = f"{n}x{m}"
        template = template_invoice()
        partner_ids = insert_partners(n, tag)
        insert_invoices(template, partner_ids, m, tag)
        reconcile_paid(template, tag)
        insert_cases(partner_ids)
        queries = env.cr.sql_log_count
        start = time.perf_counter()
        scored = Case._refresh_risk(TODAY, env.company.ids)
        env.flush_all()
        seconds = time.perf_counter() - start
        grades = Counter(Case.search([("partner_id", "in", partner_ids)]).mapped("risk_grade"))
        print(
            f"BENCH risk N={n} M={m}: {scored} cases scored in {seconds:.2f} s, "
            f"{env.cr.sql_log_count - queries} queries; grades {sorted(grades.items())}"
        )
        env.cr.rollback()


main()
