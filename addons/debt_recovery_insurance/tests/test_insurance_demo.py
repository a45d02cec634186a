# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
"""The French demo company's insured buyer, whose declaration is due."""

from odoo.tests import TransactionCase, tagged

from ..models.debt_recovery_demo import FRENCH_INSURED_BUYER


@tagged("post_install", "-at_install")
class TestInsuranceDemo(TransactionCase):
    def test_insured_buyer_with_a_declaration_due(self):
        if self.env["ir.module.module"]._get("l10n_fr_account").state != "installed":
            self.skipTest("l10n_fr_account is not installed")
        company = self.env["debt.recovery.demo"]._demo_load_french_company()
        case = self.env["debt.recovery.case"].search(
            [
                ("company_id", "=", company.id),
                ("partner_id.name", "=", FRENCH_INSURED_BUYER),
            ]
        )
        self.assertEqual(case.insurance_status, "declaration_due")
        self.assertTrue(case.insurance_policy_id)
        self.assertEqual(case.insurance_limit, 4000.0)
        self.assertEqual(case.insurance_exposure, 4490.0)
        self.assertEqual(case.insurance_uninsured, 490.0)
        self.assertTrue(
            case.activity_ids.filtered(lambda a: "Declare to the insurer" in a.summary)
            or case.activity_ids.filtered(lambda a: "assureur" in (a.summary or ""))
        )
