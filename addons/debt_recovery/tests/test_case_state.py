# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The case's state machine: one table, one entry point, every change dated and logged."""

from datetime import date

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import DebtRecoveryCommon


@tagged("post_install", "-at_install")
class TestCaseState(DebtRecoveryCommon):
    def _status_messages(self, case):
        return case.message_ids.filtered(lambda m: "Status:" in (m.body or "")).sorted("id")

    def test_hold_by_hand_and_release_are_logged(self):
        self._invoice(self.debtor, 300.0, "2026-03-01")
        self._run(date(2026, 3, 4))
        case = self._case()
        wizard = (
            self.env["debt.recovery.hold.wizard"]
            .with_user(self.collector)
            .create({"mode": "case", "case_ids": case.ids, "reason": "mediation", "note": "CMAP"})
        )
        wizard.action_hold()
        self.assertEqual(
            (case.state, case.hold_reason, case.hold_explicit), ("on_hold", "mediation", True)
        )
        self.assertTrue(case.state_date)
        self.assertIn("On Hold (Mediation)", self._status_messages(case)[-1].body)
        history = case.transition_ids
        self.assertEqual(
            (history[0].state_from, history[0].state_to, history[0].hold_reason, history[0].note),
            ("open", "on_hold", "mediation", "CMAP"),
        )
        self.assertEqual(history[0].create_uid, self.collector)
        # The daily job keeps an explicit hold.
        self._run(date(2026, 3, 20))
        self.assertEqual(case.hold_reason, "mediation")
        case.with_user(self.collector).action_release_hold()
        self.assertEqual((case.state, case.hold_reason), ("open", False))
        self.assertIn("Open", self._status_messages(case)[-1].body)

    def test_refused_transitions(self):
        self._invoice(self.debtor, 300.0, "2026-03-01")
        self._run(date(2026, 3, 4))
        case = self._case()
        case._transition("litigation")
        with self.assertRaises(UserError):
            case._transition("open")
        with self.assertRaises(UserError):
            case._transition("on_hold")  # a hold needs a reason
        with self.assertRaises(UserError):
            case.with_user(self.collector).action_release_hold()  # not on hold
        self.assertEqual(case.state, "litigation")

    def test_daily_job_transitions_in_bulk(self):
        """Payments close cases and a new invoice reopens one: logged by the job, set-based."""
        partners = self.env["res.partner"].create(
            [
                {
                    "name": f"Bulk debtor {i}",
                    "is_company": True,
                    "debt_recovery_debtor_type": "professional",
                }
                for i in range(6)
            ]
        )
        invoices = self.env["account.move"]
        for partner in partners:
            invoices |= self._invoice(partner, 100.0, "2026-03-01")
        self._run(date(2026, 3, 4))
        cases = self.env["debt.recovery.case"].search([("partner_id", "in", partners.ids)])
        self.assertEqual(set(cases.mapped("state")), {"open"})
        self._pay(invoices, pay_date=date(2026, 3, 5))
        self._run(date(2026, 3, 6))
        self.assertEqual(set(cases.mapped("state")), {"closed"})
        self.assertEqual(set(cases.mapped("date_closed")), {date(2026, 3, 6)})
        for case in cases:
            self.assertIn("Closed", self._status_messages(case)[-1].body)
        self._invoice(partners[0], 50.0, "2026-03-10")
        self._run(date(2026, 3, 14))
        reopened = cases.filtered(lambda c: c.partner_id == partners[0])
        self.assertEqual((reopened.state, reopened.state_date), ("open", date(2026, 3, 14)))
        self.assertFalse(reopened.date_closed)

    def test_promise_holds_then_releases_through_the_rule(self):
        invoice = self._invoice(self.debtor, 300.0, "2026-03-01")
        self._run(date(2026, 3, 4))
        case = self._case()
        promise = self.env["debt.recovery.promise"].create(
            {
                "partner_id": self.debtor.id,
                "case_id": case.id,
                "amount": 300.0,
                "date": date(2026, 12, 20),
                "invoice_ids": invoice.ids,
            }
        )
        self.assertEqual(
            (case.state, case.hold_reason, case.hold_explicit), ("on_hold", "promise", False)
        )
        promise.action_cancel()
        self.assertEqual(case.state, "open")
