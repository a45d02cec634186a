# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import api, fields, models

from odoo.addons.debt_recovery.models.debt_recovery_demo import FRENCH_COMPANY

# The French demo company's insured buyer: invoices issued long enough ago that the policy's
# declaration deadline (120 days of credit + 30) falls within its warning days.
FRENCH_INSURED_BUYER = {
    "name": "Métallerie Girard SAS",
    "is_company": True,
    "debt_recovery_debtor_type": "professional",
    "email": "compta@metallerie-girard.example.com",
    "street": "8 rue de l'Industrie",
    "zip": "42000",
    "city": "Saint-Étienne",
    "vat": "FR40303265045",
    "company_registry": "RCS Saint-Étienne 303 265 045",
    "insurance_credit_limit": 15000.0,
    "risk_insurance_coverage_percent": 90.0,
    "risk_insurance_code": "ACR-0042-7781",
}
# (amount, days since the invoice date) of its open invoices, due 30 days after issue.
FRENCH_INSURED_INVOICES = [(9800.0, 145), (7400.0, 120), (2600.0, 40)]


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
        today = fields.Date.context_today(self)
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
                        "lang": self.env.context.get("lang") or False,
                    }
                )
                .id,
            }
        )
        self.env["debt.recovery.insurance.policy"].create(
            {
                "name": "POL-2026-118204",
                "insurer_id": insurer.id,
                "company_id": company.id,
                "threshold_amount": 300.0,
            }
        )
        buyer = self.env["res.partner"].create(
            dict(
                FRENCH_INSURED_BUYER,
                country_id=self.env.ref("base.fr").id,
                credit_policy_company_id=insurer.id,
                risk_insurance_grant_date=today - timedelta(days=400),
            )
        )
        moves = self.env["account.move"].create(
            [
                self._demo_invoice_values(buyer, company, amount, today - timedelta(days=days - 30))
                for amount, days in FRENCH_INSURED_INVOICES
            ]
        )
        moves.action_post()
        # Today's run for the new buyer: its case, its level, its deadlines and the
        # collector's activity.
        self._demo_company_day(company, today)
