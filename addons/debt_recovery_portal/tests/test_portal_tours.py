# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Browser tours of the debtor's page (Chromium), through the signed link, logged out: pay an
invoice and an instalment with the demo provider, promise, ask for a plan and sign it, dispute
an invoice with a document. Each checks the records left and the case's state."""

from datetime import timedelta

from odoo.tests import tagged

from .common import RecoveryPortalCommon

# Every tour runs well under this (seconds); the first one also builds the asset bundles.
TOUR_TIMEOUT = 120


@tagged("post_install", "-at_install")
class TestPortalTours(RecoveryPortalCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.policy.write(
            {
                "portal_plan_max_instalments": 6,
                "portal_plan_auto_instalments": 3,
                "portal_plan_auto_amount": 5000.0,
            }
        )
        for name in ("web.assets_frontend", "web.assets_tests"):
            bundle = cls.env["ir.qweb"]._get_asset_bundle(name)
            bundle.js()
            bundle.css()

    def _tour(self, tour):
        self.start_tour(self.case.get_portal_url(), tour, timeout=TOUR_TIMEOUT)
        self.env.invalidate_all()

    def _portal_comms(self, outcome):
        return self.env["debt.recovery.communication"].search(
            [("case_id", "=", self.case.id), ("channel", "=", "portal"), ("outcome", "=", outcome)]
        )

    def test_pay_an_invoice(self):
        self._tour("debt_recovery_portal_pay_invoice")
        tx = self.env["payment.transaction"].sudo().search([("invoice_ids", "=", self.invoice.id)])
        self.assertRecordValues(tx, [{"state": "done", "amount": 1000.0}])
        self.assertTrue(tx.payment_id)
        self.assertIn(self.invoice.payment_state, ("paid", "in_payment"))
        self.assertEqual(self.invoice_2.payment_state, "not_paid")
        self.assertEqual(len(self._portal_comms("paid")), 1)
        self.assertEqual(self.case.amount_overdue, 500.0)
        self.assertEqual(self.case.state, "open")

    def test_pay_an_instalment(self):
        plan = self.case.sudo()._portal_request_plan(
            3, {"ip": "127.0.0.1", "submitted": {"count": 3}}
        )
        self.assertEqual(plan.state, "active")
        self._tour("debt_recovery_portal_pay_instalment")
        tx = self.env["payment.transaction"].sudo().search([("partner_id", "=", self.debtor.id)])
        self.assertRecordValues(tx, [{"state": "done", "amount": 500.0}])
        lines = plan.line_ids.sorted("due_date")
        self.assertEqual(lines.mapped("state"), ["paid", "pending", "pending"])
        self.assertEqual(plan.amount_paid, 500.0)
        self.assertEqual(plan.state, "active")
        self.assertEqual(self.case.state, "on_hold")

    def test_promise(self):
        self._tour("debt_recovery_portal_promise")
        promise = self.case.promise_ids
        self.assertRecordValues(
            promise,
            [{"amount": 600.0, "date": self.today + timedelta(days=10), "state": "open"}],
        )
        self.assertEqual(promise.communication_id, self._portal_comms("promise"))
        self.assertEqual(self.case.state, "on_hold")
        self.assertEqual(self.case.hold_reason, "promise")

    def test_ask_for_a_plan_and_sign_it(self):
        self._tour("debt_recovery_portal_plan_sign")
        plan = self.case.plan_ids
        self.assertRecordValues(
            plan,
            [{"state": "active", "instalment_count": 3, "portal_requested": True}],
        )
        self.assertEqual(plan.portal_signed_by, "Jean Durand")
        self.assertTrue(plan.portal_agreement_id)
        self.assertEqual(self.case.state, "on_hold")
        self.assertEqual(self.case.hold_reason, "plan")

    def test_dispute_with_an_attachment(self):
        self._tour("debt_recovery_portal_dispute")
        self.assertEqual(self.invoice.debt_recovery_exclusion_reason, "dispute")
        comm = self._portal_comms("dispute")
        self.assertEqual(len(comm), 1)
        files = self.env["ir.attachment"].search(
            [("res_model", "=", comm._name), ("res_id", "=", comm.id)]
        )
        self.assertEqual(files.mapped("name"), ["proof.txt"])
        self.assertTrue(self.case.activity_ids)
        # One invoice disputed, the other still claimed: the case stays on the ladder.
        self.assertEqual(self.case.state, "open")
