# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date, timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.tests import tagged

from .common import LitigationCommon

INVOICES, COMMUNICATIONS = 200, 50
# Queries of one summary, whatever the number of invoices and communications.
SUMMARY_QUERIES = 40


@tagged("post_install", "-at_install")
class TestCourtFileScale(LitigationCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with freeze_time("2024-03-01"):
            cls.big = cls.env["res.partner"].create(
                {
                    "name": "Grossiste Martin SA",
                    "is_company": True,
                    "debt_recovery_debtor_type": "professional",
                    "debt_recovery_professional_kind": "commercial",
                    "debt_recovery_status_confirmed": True,
                }
            )
            moves = cls.env["account.move"].create(
                [
                    {
                        "move_type": "out_invoice",
                        "partner_id": cls.big.id,
                        "invoice_date": date(2024, 1, 1) + timedelta(days=i % 40),
                        "invoice_date_due": date(2024, 1, 1) + timedelta(days=i % 40),
                        "invoice_line_ids": [
                            Command.create(
                                {
                                    "name": "Supplies",
                                    "price_unit": 100.0 + i,
                                    "tax_ids": [Command.clear()],
                                }
                            )
                        ],
                    }
                    for i in range(INVOICES)
                ]
            )
            moves.action_post()
            cls.moves = moves
            cls.case = cls._case_at(cls.big, date(2024, 3, 1), cls.formal)
            cls._send_notice(cls.big, moves[:10], date(2024, 2, 20), pdf=False)
            cls._letters(cls.big, moves, COMMUNICATIONS - 1)

    @classmethod
    def _letters(cls, partner, moves, count):
        """``count`` reminder emails sent, each kept as evidence."""
        comms = cls.env["debt.recovery.communication"].create(
            [
                {
                    "partner_id": partner.id,
                    "case_id": cls.case.id,
                    "company_id": cls.company.id,
                    "channel": "email",
                    "direction": "outbound",
                    "date": date(2024, 2, 1) + timedelta(days=i % 20),
                    "summary": f"Reminder {i}",
                    "invoice_ids": [Command.set(moves[i * 4 : i * 4 + 4].ids)],
                }
                for i in range(count)
            ]
        )
        attachments = cls.env["ir.attachment"].create(
            [
                {
                    "name": f"reminder_{comm.id}.html",
                    "raw": b"<html><body>Reminder</body></html>",
                    "mimetype": "text/html",
                    "res_model": comm._name,
                    "res_id": comm.id,
                }
                for comm in comms
            ]
        )
        for comm, attachment in zip(comms, attachments, strict=True):
            comm.sudo().evidence_attachment_id = attachment

    @freeze_time("2024-03-31")
    def test_summary_queries_are_bounded(self):
        summary = self.case.get_litigation_summary()
        self.assertEqual(len(summary["lines"]), INVOICES)
        self.assertEqual(len(summary["exhibits"]), INVOICES + COMMUNICATIONS + 2)
        self.assertEqual(summary["principal"], sum(100.0 + i for i in range(INVOICES)))
        self.env.invalidate_all()
        with self.assertQueryCount(SUMMARY_QUERIES):
            self.case.get_litigation_summary()
