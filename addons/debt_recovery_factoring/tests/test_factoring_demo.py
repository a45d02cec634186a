# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The French demo's factoring story, loaded into the test company (not the whole demo)."""

from odoo import fields
from odoo.tests import tagged

from odoo.addons.debt_recovery.tests.common import DebtRecoveryCommon

from ..models.debt_recovery_demo import FRENCH_FACTOR_IBAN, FRENCH_MENTION


@tagged("post_install", "-at_install")
class TestFactoringDemo(DebtRecoveryCommon):
    def test_factored_debtors_notified_and_confidential(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        # Demo data is loaded by the superuser, as at installation.
        contract = self.env["debt.recovery.demo"].sudo()._load_factoring_story(self.company)
        self.assertEqual(contract.mode, "notified")
        self.assertEqual(contract.bank_account_id.sanitized_acc_number, FRENCH_FACTOR_IBAN)
        self.assertEqual(contract.with_context(lang="fr_FR").mention, FRENCH_MENTION)
        self.assertNotEqual(contract.with_context(lang="en_US").mention, FRENCH_MENTION)
        invoice = self.env["account.move"].search(
            [("commercial_partner_id", "in", contract.partner_ids.ids)]
        )
        self.assertEqual(len(invoice), 1)
        self.assertEqual(invoice.debt_recovery_factor_id, contract)
        self.assertEqual(invoice.amount_residual, 0.0)
        # The key account factored confidentially: its late invoice stays open, and the
        # company's daily run claims it as its own.
        confidential = self.env["debt.recovery.factor"].search(
            [("company_id", "=", self.company.id), ("mode", "=", "confidential")]
        )
        self.assertEqual(confidential.dunning_by, "company")
        self.assertEqual(confidential.partner_id, contract.partner_id)
        late = self.env["account.move"].search(
            [("commercial_partner_id", "in", confidential.partner_ids.ids)]
        )
        self.assertEqual(late.debt_recovery_factor_id, confidential)
        self.assertGreater(late.amount_residual, 0.0)
        self.assertEqual(late.amount_residual, late.amount_total)
        self.env["debt.recovery.case"]._cron_escalate_at(fields.Date.context_today(late))
        case = self.env["debt.recovery.case"].search(
            [("partner_id", "=", late.commercial_partner_id.id)]
        )
        self.assertEqual(case.invoice_ids, late)
