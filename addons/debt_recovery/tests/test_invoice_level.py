# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date, datetime

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from ..models import bulk
from .common import DebtRecoveryCommon


@tagged("post_install", "-at_install")
class TestInvoiceLevel(DebtRecoveryCommon):
    """The invoice's recovery level is read from the communications that claimed it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.claimed = cls._invoice(cls.debtor, 700.0, "2026-03-01")
        cls.held = cls._invoice(cls.debtor, 300.0, "2026-03-02")
        cls.held.debt_recovery_excluded = True
        cls.held.debt_recovery_exclusion_reason = "dispute"
        cls.untouched = cls._invoice(cls.consumer, 100.0, "2026-04-30")

    def _level_ids(self, domain):
        moves = self.claimed | self.held | self.untouched
        return self.env["account.move"].search([("id", "in", moves.ids), *domain])

    def test_level_follows_the_communications(self):
        self._run(date(2026, 3, 4))
        first = self.level_by_name["First reminder"]
        self.assertEqual(self.claimed.debt_recovery_level_id, first)
        self.assertFalse(self.held.debt_recovery_level_id, "a held invoice is not claimed")
        self.assertFalse(self.untouched.debt_recovery_level_id)
        self._run(date(2026, 3, 11))
        firm = self.level_by_name["Firm reminder"]
        self.assertEqual(self.claimed.debt_recovery_level_id, firm)
        # Searches: by level, by several levels, by name, and "no level".
        self.assertEqual(self._level_ids([("debt_recovery_level_id", "=", firm.id)]), self.claimed)
        self.assertFalse(self._level_ids([("debt_recovery_level_id", "=", first.id)]))
        self.assertEqual(
            self._level_ids([("debt_recovery_level_id", "in", [first.id, firm.id])]), self.claimed
        )
        self.assertEqual(
            self._level_ids([("debt_recovery_level_id", "ilike", "firm")]), self.claimed
        )
        self.assertEqual(
            self._level_ids([("debt_recovery_level_id", "=", False)]), self.held | self.untouched
        )
        self.assertEqual(
            self._level_ids([("debt_recovery_level_id", "!=", "Firm reminder")]),
            self.held | self.untouched,
        )
        self.assertEqual(self._level_ids([("debt_recovery_level_id", "!=", False)]), self.claimed)
        self.assertEqual(
            self._level_ids([("debt_recovery_level_id", "not in", [firm.id])]),
            self.held | self.untouched,
        )
        # A manager cancels the firm reminder: the invoice is back at the first reminder.
        comm = self._case().communication_ids.filtered(lambda c: c.level_id == firm)
        comm.with_user(self.manager).action_cancel()
        self.assertEqual(self.claimed.debt_recovery_level_id, first)

    def test_bulk_insert_keeps_text_exact(self):
        """The daily job's bulk insert (COPY) stores tabs, newlines and backslashes as given."""
        summary = "Line one\twith a tab\nline two \\ backslash\r\nend é"
        self._run(date(2026, 3, 4))
        case = self._case()
        self.assertEqual(len(case.communication_ids), 1)
        comm_model = self.env["debt.recovery.communication"].sudo()
        comm = comm_model._create_with_snapshots(
            [
                {
                    "partner_id": self.debtor.id,
                    "case_id": case.id,
                    "company_id": self.company.id,
                    "channel": "other",
                    "direction": "outbound",
                    "date": date(2026, 3, 5),
                    "state": "done",
                    "summary": summary,
                    "amount_due": 12.5,
                    "line_ids": [],
                }
            ]
        )
        comm.invalidate_recordset()
        self.assertEqual(comm.summary, summary)
        self.assertEqual(comm.amount_due, 12.5)
        self.assertEqual(comm.date, date(2026, 3, 5))
        self.assertEqual(comm.create_uid, self.env.user)
        self.assertIn(comm, case.communication_ids, "the case's cached list is refreshed")

    def test_bulk_update_keeps_values_exact(self):
        """The daily job's bulk update (arrays given as text) stores every value as given:
        quotes, backslashes, braces and the word NULL in text, empty values, JSON, dates."""
        self._run(date(2026, 5, 15))
        case, other = self._case(), self._case(self.consumer)
        self.assertTrue(case and other)
        text = 'He said "NULL", {a,b} \\ back\tslash\nend é'
        phrases = [{"text": 'a "quoted" {phrase}', "weight": 1.5}]
        bulk.update(
            case.sudo(),
            {
                case.id: {
                    "blocked_reason": text,
                    "next_action_date": date(2026, 3, 9),
                    "amount_overdue": 1234.56,
                    "risk_reason_phrases": phrases,
                    "hold_explicit": True,
                },
                other.id: {
                    "blocked_reason": False,
                    "next_action_date": False,
                    "amount_overdue": 0.0,
                    "risk_reason_phrases": False,
                    "hold_explicit": False,
                },
            },
        )
        self.assertEqual(case.blocked_reason, text)
        self.assertEqual(case.next_action_date, date(2026, 3, 9))
        self.assertEqual(case.amount_overdue, 1234.56)
        self.assertEqual(case.risk_reason_phrases, phrases)
        self.assertTrue(case.hold_explicit)
        self.assertFalse(other.blocked_reason)
        self.assertFalse(other.next_action_date)
        self.assertEqual(other.amount_overdue, 0.0)
        self.assertFalse(other.risk_reason_phrases)
        self.assertFalse(other.hold_explicit)
        comm = case.communication_ids[:1]
        bulk.update(comm.sudo(), {comm.id: {"sent_date": datetime(2026, 3, 5, 14, 30, 15)}})
        self.assertEqual(comm.sent_date, datetime(2026, 3, 5, 14, 30, 15))

    def test_invoices_chosen_by_hand_get_snapshot_lines(self):
        """A contact logged by hand lists its invoices: each gets its line as of that date."""
        comm = self.env["debt.recovery.communication"].create(
            {
                "partner_id": self.debtor.id,
                "company_id": self.company.id,
                "channel": "phone",
                "direction": "inbound",
                "date": date(2026, 3, 11),
                "invoice_ids": [Command.set(self.claimed.ids)],
            }
        )
        self.assertEqual(comm.invoice_ids, self.claimed)
        self.assertEqual(comm.line_ids.invoice_id, self.claimed)
        self.assertEqual(comm.line_ids.amount_residual, 700.0)
        self.assertEqual(comm.line_ids.days_late, 10)
        comm.invoice_ids = [Command.set((self.claimed | self.held).ids)]
        self.assertEqual(comm.line_ids.invoice_id, self.claimed | self.held)
        self.assertTrue(comm.line_ids.filtered(lambda line: line.invoice_id == self.held).excluded)
        comm.invoice_ids = [Command.set(self.held.ids)]
        self.assertEqual(comm.line_ids.invoice_id, self.held)
        comms = self.env["debt.recovery.communication"].search(
            [("invoice_ids", "in", self.held.ids)]
        )
        self.assertEqual(comms, comm)
        # An inbound contact is not a claim: the invoice's level does not move.
        self.assertFalse(self.held.debt_recovery_level_id)
        # An outbound claim recorded by hand moves it at once.
        first = self.level_by_name["First reminder"]
        self.assertFalse(self.claimed.debt_recovery_level_id)
        letter = self.env["debt.recovery.communication"].create(
            {
                "partner_id": self.debtor.id,
                "company_id": self.company.id,
                "level_id": first.id,
                "channel": "letter",
                "direction": "outbound",
                "date": date(2026, 3, 12),
                "invoice_ids": [Command.set(self.claimed.ids)],
            }
        )
        self.assertEqual(self.claimed.debt_recovery_level_id, first)
        # Sent, it is evidence: its invoices cannot be changed any more.
        with self.assertRaises(UserError):
            letter.with_user(self.collector).invoice_ids = [Command.set(self.held.ids)]
