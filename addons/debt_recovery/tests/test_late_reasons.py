# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Reasons debtors give for paying late: recorded with the contact and the promise, reported."""

from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

from .common import DebtRecoveryCommon


@tagged("post_install", "-at_install")
class TestLateReasons(DebtRecoveryCommon):
    def _log(self, partner, reason, outcome="none", **values):
        case = self._case(partner)
        wizard = (
            self.env["debt.recovery.log.contact.wizard"]
            .with_user(self.collector)
            .create(
                {
                    "case_id": case.id,
                    "outcome": outcome,
                    "late_reason_id": reason.id,
                    "summary": "Called the accountant",
                    **values,
                }
            )
        )
        wizard.action_log()
        return case.communication_ids.sorted("id")[-1]

    def test_reason_on_the_call_and_the_promise_then_reported(self):
        cash = self.env.ref("debt_recovery.late_reason_cash_flow")
        not_received = self.env.ref("debt_recovery.late_reason_not_received")
        self._invoice(self.debtor, 1000.0, "2026-03-01")
        self._invoice(self.consumer, 300.0, "2026-03-01")
        with freeze_time("2026-03-10"):
            self._run(date(2026, 3, 10))
            call = self._log(
                self.debtor,
                cash,
                outcome="promise",
                promise_amount=1000.0,
                promise_date=date(2026, 3, 31),
            )
            other = self._log(self.consumer, not_received)
        self.assertEqual(call.late_reason_id, cash)
        promise = self._case().promise_ids
        self.assertEqual((promise.amount, promise.late_reason_id), (1000.0, cash))
        self.assertEqual(other.late_reason_id, not_received)
        # The report: amounts claimed by reason and month.
        groups = self.env["debt.recovery.communication"]._read_group(
            [("late_reason_id", "!=", False)], ["late_reason_id", "date:month"], ["amount_due:sum"]
        )
        by_reason = {reason: amount for reason, _month, amount in groups}
        self.assertEqual(by_reason, {cash: 1000.0, not_received: 300.0})

    def test_shipped_reasons(self):
        names = self.env["debt.recovery.late.reason"].search([]).mapped("name")
        for name in (
            "Cash-flow difficulties",
            "Invoice not received",
            "Dispute on the goods or the service",
            "Missing order number",
            "Forgotten",
            "Other",
        ):
            self.assertIn(name, names)
