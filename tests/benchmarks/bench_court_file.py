"""Benchmark of the court file (debt_recovery_litigation): a case with N invoices.

Run through ``setup/bench.sh`` (``make bench``), or by hand inside an Odoo shell::

    odoo-bin shell -c .odoo.conf -d debt_recovery_bench < tests/benchmarks/bench_court_file.py

Environment: ``BENCH_COURT_INVOICES`` (default 200), ``BENCH_COURT_LETTERS`` (default 50).
Creates a professional debtor, its posted invoices (not timed), a formal notice and reminders
kept as evidence, then times the request summary (JSON) and the whole court file: every invoice
PDF rendered by wkhtmltopdf (in runs of 50), the exhibits stamped and merged, the ZIP.
Rolled back.

Figures (2 shared cores, 200 invoices, 50 letters kept as PDF, 252 exhibits): request summary
42-72 ms (32 queries); court file 36.8 s without an Odoo server answering wkhtmltopdf (unstyled
invoices, 327 pages), 70.6 s with the server serving the report styles (335 pages). Most of it
is wkhtmltopdf rendering the invoices; invoices already sent reuse the PDF Odoo kept.
"""

import os
import time
from datetime import date, timedelta

from odoo import Command

env = globals()["env"]  # provided by odoo-bin shell
N = int(os.environ.get("BENCH_COURT_INVOICES", "200"))
LETTERS = int(os.environ.get("BENCH_COURT_LETTERS", "50"))
TODAY = date.today()


def build():
    partner = env["res.partner"].create(
        {
            "name": "Bench Court Debtor",
            "is_company": True,
            "debt_recovery_debtor_type": "professional",
        }
    )
    moves = env["account.move"].create(
        [
            {
                "move_type": "out_invoice",
                "partner_id": partner.id,
                "invoice_date": TODAY - timedelta(days=120 + i % 30),
                "invoice_date_due": TODAY - timedelta(days=90 + i % 30),
                "invoice_line_ids": [
                    Command.create(
                        {"name": "Bench", "price_unit": 100.0 + i, "tax_ids": [Command.clear()]}
                    )
                ],
            }
            for i in range(N)
        ]
    )
    moves.action_post()
    Case = env["debt.recovery.case"]
    Case._sync_cases(TODAY, partner_ids=partner.ids)
    case = Case.search([("partner_id", "=", partner.id)])
    policy = case.policy_id
    formal = policy.level_ids.filtered(lambda lv: lv.stage == "formal_notice")[:1]
    if not formal:
        formal = env["debt.recovery.level"].create(
            {
                "policy_id": policy.id,
                "name": "Formal notice",
                "stage": "formal_notice",
                "delay_days": 30,
                "sequence": 50,
            }
        )
    case.write({"level_id": formal.id, "level_date": TODAY - timedelta(days=20)})
    Comm = env["debt.recovery.communication"]
    comms = Comm.create(
        [
            {
                "partner_id": partner.id,
                "case_id": case.id,
                "channel": "registered_letter" if i == 0 else "email",
                "level_id": formal.id if i == 0 else False,
                "direction": "outbound",
                "date": TODAY - timedelta(days=60 - i % 40),
                "summary": f"Bench letter {i}",
                "invoice_ids": [Command.set(moves[i * 4 : i * 4 + 4].ids)],
            }
            for i in range(LETTERS)
        ]
    )
    letter = env["ir.actions.report"]._render_qweb_pdf(
        "debt_recovery_reports.action_report_communication_letter", comms[:1].ids
    )[0]
    attachments = env["ir.attachment"].create(
        [
            {
                "name": f"letter_{c.id}.pdf",
                "raw": letter,
                "mimetype": "application/pdf",
                "res_model": c._name,
                "res_id": c.id,
            }
            for c in comms
        ]
    )
    for comm, attachment in zip(comms, attachments, strict=True):
        comm.sudo().evidence_attachment_id = attachment
    return case


def run():
    case = build()
    env.flush_all()
    start = time.perf_counter()
    summary = case.get_litigation_summary()
    summary_time = time.perf_counter() - start
    start = time.perf_counter()
    court_file = env["debt.recovery.court.file"].create({"case_id": case.id})
    court_file.action_build()
    build_time = time.perf_counter() - start
    print(
        f"BENCH court file: {N} invoices, {LETTERS} letters: summary {summary_time * 1000:.0f} ms "
        f"({len(summary['exhibits'])} exhibits), court file {build_time:.1f} s "
        f"({court_file.page_count} pages)"
    )


try:
    run()
finally:
    env.cr.rollback()
