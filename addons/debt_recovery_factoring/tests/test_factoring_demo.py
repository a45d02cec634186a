# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The French demo's factoring story, loaded into the test company (not the whole demo)."""

from odoo.tests import tagged

from odoo.addons.debt_recovery.tests.common import DebtRecoveryCommon

from ..models.debt_recovery_demo import FRENCH_FACTOR_IBAN, FRENCH_MENTION


@tagged("post_install", "-at_install")
class TestFactoringDemo(DebtRecoveryCommon):
    def test_factored_debtor_with_a_notified_invoice(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        # Demo data is loaded by the superuser, as at installation.
        contract = self.env["debt.recovery.demo"].sudo()._load_factoring_story(self.company)
        self.assertEqual(contract.mode, "notified")
        self.assertEqual(contract.bank_account_id.acc_number, FRENCH_FACTOR_IBAN)
        self.assertEqual(contract.with_context(lang="fr_FR").mention, FRENCH_MENTION)
        self.assertNotEqual(contract.with_context(lang="en_US").mention, FRENCH_MENTION)
        invoice = self.env["account.move"].search(
            [("commercial_partner_id", "in", contract.partner_ids.ids)]
        )
        self.assertEqual(len(invoice), 1)
        self.assertEqual(invoice.debt_recovery_factor_id, contract)
        self.assertEqual(invoice.amount_residual, 0.0)
