# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
from datetime import date, timedelta

from odoo import Command
from odoo.tests import tagged

from odoo.addons.debt_recovery_portal.tests.common import RecoveryPortalCommon
from odoo.addons.debt_recovery_sepa.tests.common import CREDITOR_ID, DirectDebitCommon


@tagged("post_install", "-at_install")
class TestPortalMandate(RecoveryPortalCommon, DirectDebitCommon):
    """The debtor sees its mandate, next debits and returns, and revokes the mandate."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.mandate = cls._mandate(
            cls.debtor, "FR7630004000031234567890143", signed=date(2026, 11, 2)
        )
        cls.plan = cls._dd_plan(
            cls.invoice | cls.invoice_2,
            cls.mandate,
            count=3,
            start=cls.today,
            first_due=cls.today + timedelta(days=20),
        )

    def test_page_shows_the_mandate_and_next_debits(self):
        response = self.url_open(self._page_url())
        self.assertEqual(response.status_code, 200)
        self.assertIn("FR76 **** **** **** **** ***0 143", response.text)
        self.assertNotIn("FR7630004000031234567890143", response.text)
        self.assertIn(self.mandate.unique_mandate_reference, response.text)
        self.assertIn(CREDITOR_ID, response.text)
        self.assertIn("o_recovery_next_debits", response.text)
        self.assertIn("500.00", response.text)

    def test_debtor_revokes_the_mandate(self):
        refused = self._post(f"/mandate/{self.plan.id}/revoke", {})
        self.assertEqual(refused.status_code, 400)
        self.assertEqual(self.mandate.state, "valid")
        response = self._post(f"/mandate/{self.plan.id}/revoke", {"accept": "1"})
        self.assertEqual(response.status_code, 303)
        self.assertIn("done=mandate_revoked", response.headers["Location"])
        self.assertEqual(self.mandate.state, "cancel")
        self.assertFalse(self.plan.direct_debit, "back to transfers")
        self.assertIn("revoked by the debtor", self.plan.direct_debit_stop_reason)
        self.assertIn("Direct debit stopped", self.plan.activity_ids.mapped("summary"))
        comm = self.case.communication_ids.filtered(
            lambda c: c.channel == "portal" and "revoked online" in (c.summary or "")
        )
        self.assertEqual(len(comm), 1)
        self.assertTrue(comm.portal_ip)
        self.assertTrue(comm.portal_datetime)
        # Revoked: nothing left to revoke, the section is gone.
        again = self._post(f"/mandate/{self.plan.id}/revoke", {"accept": "1"})
        self.assertEqual(again.status_code, 400)
        self.assertNotIn("o_recovery_direct_debit", self.url_open(self._page_url()).text)

    def test_another_debtor_cannot_revoke(self):
        response = self._post(
            f"/mandate/{self.plan.id}/revoke", {"accept": "1"}, case=self.other_case
        )
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self.mandate.state, "valid")
        self.assertTrue(self.plan.direct_debit)

    def test_debtor_gives_the_mandate_when_signing_the_plan(self):
        plan = self.env["debt.recovery.plan"].create(
            {
                "partner_id": self.other.id,
                "invoice_ids": [Command.set(self.other_invoice.ids)],
                "instalment_count": 2,
                "date_start": self.today,
                "first_due_date": self.today + timedelta(days=25),
            }
        )
        plan.action_generate_schedule()
        plan.action_activate()
        page = self.url_open(self._page_url(self.other_case)).text
        self.assertIn("o_recovery_mandate_text", page)
        self.assertIn(CREDITOR_ID, page)
        reference = "RUM-" + "".join(c for c in plan.name if c.isalnum())
        self.assertIn(reference, page)
        signing = {"name": "Paul Autre", "accept": "1", "sdd_holder": "Autre Débiteur SAS"}
        # No consent, or a wrong IBAN: nothing is signed nor given.
        for extra in (
            {"sdd_iban": "FR76 3000 4000 0312 3456 7890 143"},
            {"sdd_iban": "FR76 3000 4000 0312 3456 7890 144", "sdd_consent": "1"},
        ):
            response = self._post(
                f"/plan/{plan.id}/sign", dict(signing, **extra), case=self.other_case
            )
            self.assertEqual(response.status_code, 400)
            self.assertFalse(plan.portal_signed_on)
            self.assertFalse(plan.mandate_id)
        response = self._post(
            f"/plan/{plan.id}/sign",
            dict(signing, sdd_iban="FR76 3000 4000 0312 3456 7890 143", sdd_consent="1"),
            case=self.other_case,
        )
        self.assertEqual(response.status_code, 303)
        self.assertTrue(plan.portal_signed_on)
        self.assertTrue(plan.direct_debit)
        mandate = plan.mandate_id
        self.assertEqual(
            (mandate.state, mandate.scheme, mandate.unique_mandate_reference),
            ("valid", "CORE", reference),
        )
        self.assertEqual(mandate.partner_id, self.other)
        self.assertEqual(mandate.partner_bank_id.acc_holder_name, "Autre Débiteur SAS")
        comm = self.other_case.communication_ids.filtered(
            lambda c: c.channel == "portal" and "given online" in (c.summary or "")
        )
        self.assertEqual(len(comm), 1)
        self.assertIn("refund", comm.summary, "the text shown is kept")
        self.assertTrue(comm.portal_ip and comm.portal_user_agent and comm.portal_datetime)

    def _sign_with_mandate(self, partner, invoices, case, iban):
        plan = self.env["debt.recovery.plan"].create(
            {
                "partner_id": partner.id,
                "invoice_ids": [Command.set(invoices.ids)],
                "instalment_count": 2,
                "date_start": self.today,
                "first_due_date": self.today + timedelta(days=25),
            }
        )
        plan.action_generate_schedule()
        plan.action_activate()
        page = self.url_open(self._page_url(case)).text
        response = self._post(
            f"/plan/{plan.id}/sign",
            {
                "name": partner.name,
                "accept": "1",
                "sdd_holder": partner.name,
                "sdd_iban": iban,
                "sdd_consent": "1",
            },
            case=case,
        )
        self.assertEqual(response.status_code, 303)
        self.assertEqual(plan.mandate_id.state, "valid")
        return plan.mandate_id, page

    def test_mandate_scheme_follows_the_policy(self):
        """Under a policy choosing B2B for professionals, a professional signing on its page
        gives a B2B mandate (and reads the B2B text); a consumer under the same policy
        always gives a CORE mandate."""
        self.policy.direct_debit_professional_scheme = "B2B"
        mandate, page = self._sign_with_mandate(
            self.other, self.other_invoice, self.other_case, "FR7630004000031234567890143"
        )
        self.assertEqual(mandate.scheme, "B2B")
        self.assertIn("business-to-business", page)
        self.assertNotIn("claimed within 8", page)
        self.consumer.lang = "en_US"
        invoice = self._invoice(self.consumer, 400.0, self.today - timedelta(days=20))
        self._run(self.today)
        case = self._case(self.consumer)
        self.assertEqual(len(case), 1)
        case._portal_ensure_token()
        mandate, page = self._sign_with_mandate(
            self.consumer, invoice, case, "FR1420041010050500013M02606"
        )
        self.assertEqual(mandate.scheme, "CORE")
        self.assertIn("claimed within 8", page)
        self.assertNotIn("business-to-business", page)
