#!/usr/bin/env python3
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Benchmark of the letters: N letters rendered as PDF in batches, kept as evidence, then the
day's letters merged in one PDF for the post room.

N debtors with one overdue invoice each (set-based SQL) reach a level that sends a letter
through the daily escalation; then, timed: the letters marked as sent (rendered by batches of
``LETTER_BATCH_SIZE``, one wkhtmltopdf call each, split into one evidence PDF per letter) and
the merged PDF of the day (``action_print_todays_letters``, from the evidence PDFs). Everything
is ROLLED BACK at the end.

wkhtmltopdf loads the letters' CSS from an Odoo server serving the database: start one (e.g.
``odoo-bin -c .odoo.conf -d debt_recovery_bench``) and give its address with ``--url``.

Figures (2 cores, quiet machine, the bench company with a bank account): 977 one-page letters
rendered and kept as evidence in 25 s (batches of 100, 2 wkhtmltopdf processes at once; CPU:
Odoo 13 s, wkhtmltopdf 27 to 28 s); the merged PDF of the day (977 pages, 14 MB) in 5 s; 340 MB
peak memory. Before the shared layouts and the stylesheet subsets: 68 to 80 s (wkhtmltopdf CPU
93 to 118 s, batches of 25).

Usage::

    .venv/bin/python tests/benchmarks/bench_letters.py -c .odoo.conf -d debt_recovery_bench \
        -n 1000 --url http://127.0.0.1:8069
"""

import io
import os
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))

from bench_parallel_escalation import (
    TODAY,
    bench_parser,
    build,
    configure,
    parse_bench_args,
    peak_rss_mb,
)


def company_bank(env):
    """The company's bank account, printed on every letter as in real use."""
    partner = env.company.partner_id
    if not partner.bank_ids:
        env["res.partner.bank"].create(
            {
                "partner_id": partner.id,
                "acc_number": "FR76 3000 6000 0112 3456 7890 189",
                "allow_out_payment": True,
            }
        )


def letter_level(env):
    """The benchmark ladder's first level sends a letter."""
    policy = env.company.debt_recovery_policy_id
    first = policy.level_ids.sorted(lambda lv: (lv.sequence, lv.delay_days))[:1]
    first.write({"send_letter": True})
    return first


def main():
    parser = bench_parser(__doc__)
    parser.add_argument("-n", "--letters", type=int, default=1000)
    parser.add_argument("--url", default="http://127.0.0.1:8069")
    args = parse_bench_args(parser)
    odoo = configure(args.config)
    from odoo.tools.pdf import PdfFileReader

    from odoo.addons.debt_recovery_reports.models import (
        debt_recovery_communication as letters,
    )

    registry = odoo.modules.registry.Registry(args.database)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"tracking_disable": True})
        env["ir.config_parameter"].set_param("report.url", args.url)
        build(env, args.letters, args.letters)
        letter_level(env)
        company_bank(env)
        env["debt.recovery.case"].with_context(tracking_disable=True)._cron_escalate_at(TODAY)
        Comm = env["debt.recovery.communication"].with_context(tz="UTC")
        comms = Comm.search(Comm._letters_to_print_domain())
        print(
            f"BENCH letters: {len(comms)} letters to print (batches of {letters.LETTER_BATCH_SIZE})"
        )
        env.flush_all()
        start, cpu = time.perf_counter(), os.times()
        comms.action_mark_sent()
        env.flush_all()
        rendered, cpu_end = time.perf_counter() - start, os.times()
        attachments = comms.evidence_attachment_id
        print(
            f"BENCH letters: {len(comms)} letters rendered and kept as evidence in "
            f"{rendered:.1f} s ({rendered / max(len(comms), 1) * 1000:.0f} ms a letter), "
            f"{len(attachments)} evidence PDFs; CPU: Odoo {cpu_end.user - cpu.user:.1f} s, "
            f"wkhtmltopdf {cpu_end.children_user - cpu.children_user:.1f} s"
        )
        start = time.perf_counter()
        pdf, _fmt = env["ir.actions.report"]._render_qweb_pdf(letters.LETTER_REPORT, comms.ids)
        merged = time.perf_counter() - start
        pages = len(PdfFileReader(io.BytesIO(pdf)).pages)
        print(
            f"BENCH letters: merged PDF of the day in {merged:.1f} s, {pages} pages, "
            f"{len(pdf) / 1e6:.1f} MB; peak RSS {peak_rss_mb():.0f} MB"
        )
        cr.rollback()
        print("rolled back: database unchanged")


if __name__ == "__main__":
    main()
