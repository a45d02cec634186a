"""Benchmark of the debtor's recovery page: a debtor with 200 open invoices.

Run inside an Odoo shell on a database with the add-ons (the data is rolled back)::

    odoo-bin shell -c .odoo.conf -d debt_recovery_bench < tests/benchmarks/bench_portal_page.py

``BENCH_PORTAL_INVOICES`` sets the number of invoices (default 200). Measured: reading the page's
data (invoices, penalties to date under the debtor's regime, plan, promises, letters, messages)
and rendering its sections (the page without Odoo's portal frame), best of five, with the number
of queries of one rendering.
"""

import os
import time
from datetime import date, timedelta

from odoo import Command

env = globals()["env"]  # provided by odoo-bin shell
COUNT = int(os.environ.get("BENCH_PORTAL_INVOICES", "200"))
SECTIONS = (
    "debt_recovery_portal.portal_recovery_summary",
    "debt_recovery_portal.portal_recovery_invoices",
    "debt_recovery_portal.portal_recovery_plan",
    "debt_recovery_portal.portal_recovery_promises",
    "debt_recovery_portal.portal_recovery_disputes",
    "debt_recovery_portal.portal_recovery_letters",
)


def build():
    today = date.today()
    partner = env["res.partner"].create(
        {
            "name": "Bench Portal SARL",
            "is_company": True,
            "debt_recovery_debtor_type": "professional",
        }
    )
    moves = env["account.move"].create(
        [
            {
                "move_type": "out_invoice",
                "partner_id": partner.id,
                "invoice_date": today - timedelta(days=30 + i % 300),
                "invoice_date_due": today - timedelta(days=i % 300) + timedelta(days=10),
                "invoice_line_ids": [
                    Command.create(
                        {"name": "Bench", "price_unit": 100.0 + i, "tax_ids": [Command.clear()]}
                    )
                ],
            }
            for i in range(COUNT)
        ]
    )
    moves.action_post()
    Case = env["debt.recovery.case"]
    Case._sync_cases(today, env.company.ids, partner.ids)
    return Case.search([("partner_id", "=", partner.id)]), today


def render(case, today):
    values = case._portal_page_values(today)
    values.update(token_query="", access_token="", error=None, done=None)
    html = "".join(str(env["ir.qweb"]._render(name, values)) for name in SECTIONS)
    return values, html


def main():
    case, today = build()
    env.flush_all()
    timings = []
    for _run in range(5):
        env.invalidate_all()
        start = time.perf_counter()
        queries = env.cr.sql_log_count
        values, html = render(case, today)
        timings.append(time.perf_counter() - start)
        queries = env.cr.sql_log_count - queries
    rows = len(values["invoice_rows"])
    print(
        f"BENCH portal page: {rows} invoices listed of {COUNT}, best {min(timings) * 1000:.0f} ms, "
        f"median {sorted(timings)[2] * 1000:.0f} ms, {queries} queries, {len(html) // 1024} KiB"
    )


try:
    main()
finally:
    env.cr.rollback()
