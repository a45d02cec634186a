#!/usr/bin/env python3
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Benchmark of the aged-receivables view (debt_recovery_reports) on N open invoices.

Inserts N posted customer invoices (one move, one receivable item and one income item each)
with set-based SQL (generate_series) inside a transaction, times the view's queries (today and
rebuilt at a past date, with partial payments on a share of the invoices), then ROLLS BACK:
the database is left untouched.

Usage (database with debt_recovery_reports installed, named *_bench; `make bench` does it):

    .venv/bin/python tests/benchmarks/bench_aged_balance.py -c .odoo.conf \
        -d debt_recovery_bench -n 100000

Figures (2 cores shared with other jobs while measuring, load average 2 to 5; PostgreSQL on
the same machine; best of 3 runs for the SQL queries, one run for the ORM calls). The
invoice's recovery level is joined on the marked snapshot line of its last claim
(``last_claim_invoice_id``); the queries that do not read the level do not join it at all.
Before that, the level was a correlated sub-query per invoice sorting its claims (figures of
the same day, same machine, as "before -> now").

100,000 invoices + 20,000 partial payments, 1,000 debtors, 2,000 reminders listing 200,000
invoice snapshot lines (last claims marked in 2.1 s): aged rows today 170 -> 63 ms, buckets per
debtor today 228 -> 125 ms, rebuilt at a past date 198 -> 111 ms / 229 -> 146 ms, open amount
per invoice level 585 -> 181 ms, ORM list page with the invoice level 115 -> 104 ms, ORM
read_group (pivot) 203 -> 113 ms today and 220 -> 161 ms at a past date.

1,000,000 invoices (200,000 partial payments, 2,000,000 invoice snapshot lines, last claims
marked in 36 s: the upgrade's cost at that size): aged rows today 1,365 -> 741 ms, buckets per
debtor today 1,557 -> 1,077 ms, rebuilt at a past date 1,047 -> 1,044 ms / 1,336 -> 1,189 ms,
open amount per invoice level 4,692 -> 1,425 ms, ORM list page 529 -> 796 ms (one run each on
a loaded machine; the plan reads the level after the sort, for the 80 rows shown, as before:
EXPLAIN ANALYZE of both queries alternated on the same data gave 1.08-1.19 s before and
1.11-1.58 s now, with the machine under load),
ORM read_group by debtor 1,327 -> 655 ms today and by bucket 1,533 -> 1,236 ms at a past date.
Every query is under 2 s.
"""

import argparse
import time
from datetime import date, timedelta

import odoo
from odoo.tools import SQL


def timed(cr, label, query, repeat=3):
    best = None
    for _ in range(repeat):
        start = time.perf_counter()
        cr.execute(query)
        rows = cr.fetchall()
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    print(f"{label:<58} {best * 1000:9.1f} ms  ({len(rows)} rows)")
    return rows


def insert_invoices(env, count, paid_share):
    cr = env.cr
    company = env["res.company"].search([], limit=1, order="id")
    journal = env["account.journal"].search(
        [("type", "=", "sale"), ("company_id", "=", company.id)], limit=1
    )
    receivable = env["account.account"].search(
        [("account_type", "=", "asset_receivable"), ("company_ids", "in", company.id)], limit=1
    )
    income = env["account.account"].search(
        [("account_type", "=", "income"), ("company_ids", "in", company.id)], limit=1
    )
    if not (journal and receivable and income):
        raise SystemExit("The database needs an accounting company (sale journal, accounts).")
    partners = 1000
    cr.execute(
        SQL(
            """
            INSERT INTO res_partner (name, active, is_company, type, company_id, create_date,
                                     autopost_bills, complete_name)
            SELECT 'Bench debtor ' || g, TRUE, TRUE, 'contact', NULL, now(), 'ask',
                   'Bench debtor ' || g
              FROM generate_series(1, %s) g
            RETURNING id
            """,
            partners,
        )
    )
    partner_ids = [row[0] for row in cr.fetchall()]
    cr.execute(
        SQL(
            "UPDATE res_partner SET commercial_partner_id = id WHERE id IN %s",
            tuple(partner_ids),
        )
    )
    start = time.perf_counter()
    today = date.today()
    cr.execute(
        SQL(
            """
            CREATE TEMP TABLE bench_inv ON COMMIT DROP AS
            SELECT g AS n,
                   (%(partners)s)[1 + mod(g, %(np)s)] AS partner_id,
                   (%(today)s::date - mod(g, 400)) AS inv_date,
                   (%(today)s::date - mod(g, 400) + 30) AS due_date,
                   (100 + mod(g, 900))::numeric AS amount,
                   nextval('account_move_id_seq')::int AS move_id
              FROM generate_series(1, %(count)s) g;
            INSERT INTO account_move (id, name, move_type, state, date, invoice_date,
                                          invoice_date_due, partner_id, commercial_partner_id,
                                          journal_id, company_id, currency_id,
                                          amount_total_signed, amount_residual_signed,
                                          amount_total, amount_residual, payment_state,
                                          auto_post, create_date, write_date)
                SELECT move_id, 'BENCH/' || n, 'out_invoice', 'posted', inv_date, inv_date,
                       due_date,
                       partner_id, partner_id, %(journal)s, %(company)s, %(currency)s,
                       amount, amount, amount, amount, 'not_paid', 'no', now(), now()
                  FROM bench_inv;
            INSERT INTO account_move_line (move_id, journal_id, company_id, company_currency_id,
                                           currency_id, account_id, partner_id, date,
                                           date_maturity, parent_state, display_type, balance,
                                           debit, credit, amount_currency, amount_residual,
                                           amount_residual_currency, reconciled, name)
            SELECT move_id, %(journal)s, %(company)s, %(currency)s, %(currency)s, %(receivable)s,
                   partner_id, inv_date, due_date, 'posted', 'payment_term', amount, amount, 0,
                   amount, amount, amount, FALSE, 'BENCH'
              FROM bench_inv
            UNION ALL
            SELECT move_id, %(journal)s, %(company)s, %(currency)s, %(currency)s, %(income)s,
                   partner_id, inv_date, NULL, 'posted', 'product', -amount, 0, amount,
                   -amount, 0, 0, FALSE, 'BENCH'
              FROM bench_inv;
            """,
            partners=partner_ids,
            np=partners,
            today=today,
            count=count,
            journal=journal.id,
            company=company.id,
            currency=company.currency_id.id,
            receivable=receivable.id,
            income=income.id,
        )
    )
    # Fresh statistics first: with stale ones (a table believed empty), the planner joins the
    # payments below to the journal items with a nested loop over every item.
    cr.execute("ANALYZE bench_inv; ANALYZE account_move; ANALYZE account_move_line")
    # Partial payments (30 % of the amount) on a share of the invoices, dated 10 days after
    # the invoice: one payment item each, reconciled through account_partial_reconcile.
    cr.execute(
        SQL(
            """
            WITH pay AS (
                INSERT INTO account_move_line (move_id, journal_id, company_id,
                                               company_currency_id, currency_id, account_id,
                                               partner_id, date, parent_state, display_type,
                                               balance, debit, credit, amount_currency,
                                               amount_residual, amount_residual_currency,
                                               reconciled, name)
                SELECT b.move_id, %(journal)s, %(company)s, %(currency)s, %(currency)s,
                       %(receivable)s, b.partner_id, b.inv_date + 10, 'posted', 'product',
                       -(b.amount * 0.3), 0, b.amount * 0.3, -(b.amount * 0.3), 0, 0, TRUE,
                       'BENCH PAY ' || b.n
                  FROM bench_inv b
                 WHERE mod(b.n, %(every)s) = 0
                RETURNING id, move_id, date, credit
            ), partial AS (
                INSERT INTO account_partial_reconcile (debit_move_id, credit_move_id, amount,
                                                       debit_amount_currency,
                                                       credit_amount_currency, company_id,
                                                       max_date, create_date)
                SELECT l.id, pay.id, pay.credit, pay.credit, pay.credit, %(company)s, pay.date,
                       now()
                  FROM pay
                  JOIN account_move_line l
                    ON l.move_id = pay.move_id AND l.display_type = 'payment_term'
                RETURNING debit_move_id, amount
            )
            UPDATE account_move_line l SET amount_residual = l.amount_residual - p.amount
              FROM partial p WHERE p.debit_move_id = l.id
            """,
            journal=journal.id,
            company=company.id,
            currency=company.currency_id.id,
            receivable=receivable.id,
            every=max(1, round(1 / paid_share)) if paid_share else 10**9,
        )
    )
    insert_claims(env, company, partner_ids)
    cr.execute(
        "ANALYZE account_move_line; ANALYZE account_move; ANALYZE account_partial_reconcile; "
        "ANALYZE debt_recovery_communication; ANALYZE debt_recovery_communication_line"
    )
    print(f"inserted {count} invoices in {time.perf_counter() - start:.1f} s")
    return company


def insert_claims(env, company, partner_ids):
    """Two reminders per debtor (60 and 20 days ago) listing every invoice of the debtor:
    the invoices' last level is read from these snapshots (the second reminder's lines)."""
    levels = company.debt_recovery_policy_id.level_ids.filtered(lambda lv: lv.delay_days > 0)
    if len(levels) < 2:
        raise SystemExit("The company needs a default recovery policy with two levels.")
    cr = env.cr
    cr.execute(
        SQL(
            """
            INSERT INTO debt_recovery_communication (partner_id, company_id, level_id, channel,
                   direction, date, state, outcome, create_date, write_date)
            SELECT p.id, %(company)s, lv.level_id, 'email', 'outbound', %(today)s::date - lv.age,
                   'done', 'none', now(), now()
              FROM unnest(%(partners)s::int[]) AS p(id)
             CROSS JOIN (VALUES (%(first)s, 60), (%(second)s, 20)) AS lv(level_id, age)
            """,
            company=company.id,
            today=date.today(),
            partners=partner_ids,
            first=levels[0].id,
            second=levels[1].id,
        )
    )
    # Fresh statistics, or the foreign-key checks of the lines below scan the table.
    cr.execute("ANALYZE bench_inv; ANALYZE debt_recovery_communication")
    cr.execute(
        """
        INSERT INTO debt_recovery_communication_line (communication_id, invoice_id, due_date,
               amount_residual, excluded)
        SELECT c.id, b.move_id, b.due_date, b.amount, FALSE
          FROM debt_recovery_communication c
          JOIN bench_inv b ON b.partner_id = c.partner_id
        """
    )
    count = cr.rowcount
    # Rows inserted by SQL: mark the invoices' last claims as the upgrade to 18.0.1.4.0 does.
    start = time.perf_counter()
    env["account.move"]._debt_recovery_refresh_last_claims()
    print(
        f"claims: {count} invoice snapshot lines, last claims marked in "
        f"{time.perf_counter() - start:.1f} s"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("-n", "--count", type=int, default=100000)
    parser.add_argument("--paid-share", type=float, default=0.2)
    args = parser.parse_args()
    if not args.database.startswith("dr_reports") and not args.database.endswith("_bench"):
        raise SystemExit("Use a benchmark database (named *_bench or dr_reports*).")
    odoo.tools.config.parse_config(["-c", args.config, "-d", args.database])
    registry = odoo.modules.registry.Registry(args.database)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        company = insert_invoices(env, args.count, args.paid_share)
        Aged = env["debt.recovery.aged.receivable"]
        past = date.today() - timedelta(days=200)
        for label, at_date in (("today", None), (f"as of {past}", past)):
            query = Aged._aged_query(at_date, company_ids=company.ids)
            timed(
                cr,
                f"aged rows, {label}",
                SQL("SELECT count(*), sum(amount_residual) FROM (%s) q", query),
            )
            timed(
                cr,
                f"buckets per debtor, {label}",
                SQL(
                    "SELECT partner_id, sum(amount_current), sum(amount_1_30), "
                    "sum(amount_31_60), sum(amount_61_90), sum(amount_90_plus) "
                    "FROM (%s) q GROUP BY partner_id",
                    query,
                ),
            )
        timed(
            cr,
            "open amount per invoice level (last claim), today",
            SQL(
                "SELECT invoice_level_id, sum(amount_residual) FROM (%s) q GROUP BY 1",
                Aged._aged_query(None, company_ids=company.ids),
            ),
        )
        start = time.perf_counter()
        rows = Aged.search_fetch(
            [("company_id", "=", company.id)],
            ["move_id", "partner_id", "invoice_level_id", "bucket", "amount_residual"],
            limit=80,
        )
        print(
            f"{'ORM list page (80 rows, invoice level included), today':<58} "
            f"{(time.perf_counter() - start) * 1000:9.1f} ms  ({len(rows)} rows)"
        )
        start = time.perf_counter()
        groups = Aged._read_group(
            [("company_id", "=", company.id)], ["partner_id"], ["amount_residual:sum"]
        )
        print(
            f"{'ORM read_group by debtor (pivot), today':<58} "
            f"{(time.perf_counter() - start) * 1000:9.1f} ms  ({len(groups)} groups)"
        )
        start = time.perf_counter()
        groups = Aged.with_context(aged_date=str(past))._read_group(
            [("company_id", "=", company.id)], ["bucket"], ["amount_residual:sum"]
        )
        print(
            f"{'ORM read_group by bucket, as of a past date':<58} "
            f"{(time.perf_counter() - start) * 1000:9.1f} ms  ({len(groups)} groups)"
        )
        cr.rollback()
        print("rolled back: database unchanged")


if __name__ == "__main__":
    main()
