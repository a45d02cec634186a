# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The debtor's page through its real route: the factored invoices apart, to pay the factor."""

import re

from odoo.tests import new_test_user, tagged

from odoo.addons.debt_recovery_portal.tests.common import RecoveryPortalCommon

FACTOR_IBAN = "FR7630004008230001234567819"
CONFIDENTIAL_IBAN = "FR7610107001011234567890129"
MENTION = "To discharge your debt, pay this invoice only to Factor Portal SA (subrogation)."


@tagged("post_install", "-at_install")
class TestFactoringPortal(RecoveryPortalCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        factor = cls.env["res.partner"].create({"name": "Factor Portal SA", "is_company": True})
        cls.contract = cls.env["debt.recovery.factor"].create(
            {
                "name": "AFF-PORTAL",
                "company_id": cls.company.id,
                "partner_id": factor.id,
                "bank_account_id": cls.env["res.partner.bank"]
                .sudo()
                .create({"acc_number": FACTOR_IBAN, "partner_id": factor.id})
                .id,
                "mode": "notified",
                "mention": MENTION,
                "account_id": cls.env["account.account"]
                .create({"code": "467200", "name": "Factor", "account_type": "asset_current"})
                .id,
                "journal_id": cls.company_data["default_journal_misc"].id,
            }
        )
        cls.invoice_2._debt_recovery_factor_assign(cls.contract, cls.today)

    def test_page_tells_to_pay_the_factor_and_offers_no_online_payment(self):
        response = self.url_open(self._page_url())
        self.assertEqual(response.status_code, 200)
        page = re.sub(r"\s+", " ", response.text)
        self.assertIn("o_recovery_factored", page)
        factored = page.split("o_recovery_factored", 1)[1]
        self.assertIn(self.invoice_2.name, factored)
        self.assertIn(MENTION, factored)
        self.assertIn(FACTOR_IBAN, factored.replace(" ", ""))
        # The debtor's own invoice can be paid online; the factor's cannot.
        self.assertIn(f"invoice_id={self.invoice.id}", page)
        self.assertNotIn(f"invoice_id={self.invoice_2.id}", page)
        pay = self.url_open(
            self._page_url(suffix="/pay").replace(
                "?", f"?what=invoice&invoice_id={self.invoice_2.id}&"
            )
        )
        self.assertEqual(pay.status_code, 400)

    def test_confidential_changes_nothing_for_the_debtor(self):
        factor = self.env["res.partner"].create({"name": "Discreet Factor SA", "is_company": True})
        confidential = self.contract.copy(
            {
                "name": "AFF-PORTAL-C",
                "mode": "confidential",
                "partner_id": factor.id,
                "bank_account_id": self.env["res.partner.bank"]
                .sudo()
                .create({"acc_number": CONFIDENTIAL_IBAN, "partner_id": factor.id})
                .id,
            }
        )
        self.invoice._debt_recovery_factor_assign(confidential, self.today)
        page = re.sub(r"\s+", " ", self.url_open(self._page_url()).text)
        self.assertNotIn(CONFIDENTIAL_IBAN, page)
        self.assertNotIn(factor.name, page)
        # Still open and payable online on the page, for its whole amount.
        self.assertEqual(self.invoice.amount_residual, 1000.0)
        self.assertIn(f"invoice_id={self.invoice.id}", page)
        own_part = page.split("o_recovery_factored", 1)[0]
        self.assertIn(self.invoice.name, own_part)

    def test_my_invoices_shows_the_factor_to_pay(self):
        contact = self.env["res.partner"].create(
            {"name": "Debtor Accountant", "parent_id": self.debtor.id, "email": "ap@debtor.test"}
        )
        user = new_test_user(
            self.env, login="factored_debtor", groups="base.group_portal", partner_id=contact.id
        )
        self.authenticate(user.login, user.login)
        response = self.url_open("/my/invoices")
        self.assertEqual(response.status_code, 200)
        page = re.sub(r"\s+", " ", response.text)
        rows = {
            name: row
            for row in page.split("<tr")
            for name in (self.invoice.name, self.invoice_2.name)
            if name in row
        }
        factored = rows[self.invoice_2.name]
        self.assertIn("o_factored_badge", factored)
        self.assertIn("To be paid to Factor Portal SA", factored)
        self.assertNotIn(" Paid<", factored)
        self.assertIn("500.00", factored)
        own = rows[self.invoice.name]
        self.assertNotIn("o_factored_badge", own)
        self.assertIn("Waiting for Payment", own)
