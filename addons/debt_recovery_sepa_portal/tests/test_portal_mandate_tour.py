# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
"""Browser tour (Chromium): a consumer signs the proposed six-instalment plan on its recovery
page, through the signed link, logged out, and gives a SEPA direct debit mandate with it."""

from datetime import timedelta

from odoo import Command
from odoo.tests import tagged

from odoo.addons.debt_recovery_portal.tests.common import RecoveryPortalCommon
from odoo.addons.debt_recovery_sepa.tests.common import CREDITOR_ID, DirectDebitCommon

# The tour runs well under this (seconds), the asset bundles built beforehand.
TOUR_TIMEOUT = 120


@tagged("post_install", "-at_install")
class TestPortalMandateTour(RecoveryPortalCommon, DirectDebitCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.consumer.write({"lang": "en_US", "email": "jeanne.martin@example.com"})
        invoices = cls._invoice(cls.consumer, 900.0, cls.today - timedelta(days=30))
        invoices |= cls._invoice(cls.consumer, 300.0, cls.today - timedelta(days=10))
        Case = cls.env["debt.recovery.case"]
        Case.with_context(tracking_disable=True)._cron_escalate_at(cls.today)
        cls.consumer_case = Case.search([("partner_id", "=", cls.consumer.id)])
        cls.consumer_case._portal_ensure_token()
        # The plan the collector proposes: six monthly instalments, to sign on the page.
        cls.plan = cls.env["debt.recovery.plan"].create(
            {
                "partner_id": cls.consumer.id,
                "invoice_ids": [Command.set(invoices.ids)],
                "instalment_count": 6,
                "date_start": cls.today,
                "first_due_date": cls.today + timedelta(days=25),
            }
        )
        cls.plan.action_generate_schedule()
        cls.plan.action_activate()
        for name in ("web.assets_frontend", "web.assets_tests"):
            bundle = cls.env["ir.qweb"]._get_asset_bundle(name)
            bundle.js()
            bundle.css()

    def test_consumer_signs_the_plan_with_a_mandate(self):
        self.assertFalse(self.plan.direct_debit)
        self.start_tour(
            self.consumer_case.get_portal_url(),
            "debt_recovery_sepa_portal_sign_with_mandate",
            timeout=TOUR_TIMEOUT,
        )
        self.env.invalidate_all()
        plan = self.plan
        mandate = plan.mandate_id
        reference = "RUM-" + "".join(char for char in plan.name if char.isalnum())
        self.assertRecordValues(
            mandate,
            [
                {
                    "state": "valid",
                    "scheme": "CORE",
                    "type": "recurrent",
                    "signature_date": self.today,
                    "unique_mandate_reference": reference,
                    "partner_id": self.consumer.id,
                    "company_id": self.company.id,
                }
            ],
        )
        self.assertEqual(
            mandate.partner_bank_id.sanitized_acc_number, "FR7630004000031234567890143"
        )
        self.assertEqual(mandate.partner_bank_id.acc_holder_name, "Jeanne Martin")
        # The plan: signed on the page, active, paid by direct debit, six instalments.
        self.assertEqual(plan.state, "active")
        self.assertTrue(plan.direct_debit)
        self.assertEqual(plan.direct_debit_mode_id, self.company.debt_recovery_sdd_payment_mode_id)
        self.assertEqual(plan.portal_signed_by, "Jeanne Martin")
        self.assertEqual(len(plan.line_ids), 6)
        self.assertEqual(sum(plan.line_ids.mapped("amount")), 1200.0)
        self.assertEqual(plan.line_ids.mapped("amount"), [200.0] * 6)
        self.assertEqual(set(plan.line_ids.mapped("direct_debit_state")), {"planned"})
        # The evidence of the mandate: where from, which browser, the text shown and accepted.
        evidence = self.consumer_case.communication_ids.filtered(
            lambda c: c.channel == "portal" and "mandate" in (c.summary or "")
        )
        self.assertEqual(len(evidence), 1)
        self.assertEqual(evidence.direction, "inbound")
        self.assertEqual(evidence.portal_ip, "127.0.0.1")
        self.assertIn("Chrome", evidence.portal_user_agent)
        self.assertTrue(evidence.portal_datetime)
        for shown in (reference, CREDITOR_ID, "Text accepted", "refund from your bank"):
            self.assertIn(shown, evidence.summary)
        self.assertIn("Jeanne Martin", evidence.summary)
