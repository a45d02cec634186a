# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
from datetime import date

from odoo.addons.debt_recovery.tests.common import DebtRecoveryCommon


class InsuranceCommon(DebtRecoveryCommon):
    """An insurer with its policy in the test company, and the professional debtor insured:
    120 days of credit at home, 180 abroad, 30 more days to declare, 90 to ask for the
    insurer's intervention (both from the invoice date), EUR 300 per buyer, 90 % covered."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.insurer = cls.env["credit.policy.company"].create({"name": "Assureur Crédit Test"})
        cls.insurance_policy = cls.env["debt.recovery.insurance.policy"].create(
            {
                "name": "POL-TEST-1",
                "insurer_id": cls.insurer.id,
                "company_id": cls.company.id,
                "credit_days_domestic": 120,
                "credit_days_export": 180,
                "declaration_days": 30,
                "intervention_days": 90,
                "threshold_amount": 300.0,
                "threshold_scope": "buyer",
                "covered_percent": 90.0,
                "warning_days": 10,
            }
        )
        cls.debtor.write(
            {
                "country_id": cls.env.ref("base.fr").id,
                "vat": "FR40303265045",
                "company_registry": "RCS Lyon 303 265 045",
                "credit_policy_company_id": cls.insurer.id,
                "insurance_credit_limit": 10000.0,
                "risk_insurance_grant_date": date(2025, 1, 1),
            }
        )

    def _activities(self, case, text):
        return case.activity_ids.filtered(lambda a: text in (a.summary or ""))
