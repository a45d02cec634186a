# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
from datetime import timedelta

from odoo import api, fields, models

from odoo.addons.debt_recovery.models.debt_recovery_demo import FRENCH_COMPANY

# The French demo company's insured buyer, one of the debtors of its story: its insurer granted a
# limit below what it owes, and the declaration of its oldest invoice (issued 63 days ago, due 33
# days ago) falls due within the policy's warning days (60 days of credit + 10).
FRENCH_INSURED_BUYER = "Clinique vétérinaire des Alpes"
FRENCH_INSURED_VALUES = {
    "vat": "FR40303265045",
    "company_registry": "RCS Annecy 303 265 045",
    "street": "5 avenue de Genève",
    "zip": "74000",
    "insurance_credit_limit": 4000.0,
    "risk_insurance_coverage_percent": 90.0,
    "risk_insurance_code": "ACR-0042-7781",
}
FRENCH_POLICY_TERMS = {
    "name": "POL-2026-118204",
    # The legal maximum payment term in France; 120 days abroad.
    "credit_days_domestic": 60,
    "credit_days_export": 120,
    "declaration_days": 10,
    "intervention_days": 60,
    "threshold_amount": 300.0,
    "covered_percent": 90.0,
    "warning_days": 10,
}


class DebtRecoveryDemo(models.AbstractModel):
    _inherit = "debt.recovery.demo"

    # EXTENDS debt_recovery
    @api.model
    def _demo_load_french_company(self, replay_days=80):
        """The French company's credit insurer, its policy and an insured buyer whose
        declaration is due, loaded with the company (once)."""
        Company = self.env["res.company"]
        existed = Company.search_count([("name", "=", FRENCH_COMPANY["name"])])
        company = super()._demo_load_french_company(replay_days=replay_days)
        if company and not existed:
            self.with_company(company).with_context(
                allowed_company_ids=[company.id]
            )._load_insurance_story(company)
        return company

    @api.model
    def _load_insurance_story(self, company):
        """The company's credit insurer, its policy, and the insured buyer's deadlines as the
        daily job sets them today."""
        today = fields.Date.context_today(self)
        buyer = self.env["res.partner"].search([("name", "=", FRENCH_INSURED_BUYER)], limit=1)
        if not buyer:
            return
        insurer = self.env["credit.policy.company"].create(
            {
                "name": "Crédit Assurance Rhône-Alpes",
                "partner_id": self.env["res.partner"]
                .create(
                    {
                        "name": "Crédit Assurance Rhône-Alpes SA",
                        "is_company": True,
                        "debt_recovery_debtor_type": "professional",
                        "city": "Lyon",
                        "country_id": self.env.ref("base.fr").id,
                        "lang": buyer.lang,
                    }
                )
                .id,
            }
        )
        self.env["debt.recovery.insurance.policy"].create(
            dict(FRENCH_POLICY_TERMS, insurer_id=insurer.id, company_id=company.id)
        )
        buyer.write(
            dict(
                FRENCH_INSURED_VALUES,
                credit_policy_company_id=insurer.id,
                risk_insurance_grant_date=today - timedelta(days=400),
            )
        )
        Case = self.env["debt.recovery.case"].sudo()
        rows = Case._sync_cases(today, company.ids, buyer.ids)
        Case._apply_legal_holds(today, rows)
