# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command, api, fields, models

from odoo.addons.debt_recovery.models.debt_recovery_demo import FRENCH_COMPANY

# The French demo company's factor (invented) and the debtor whose invoices it buys: a notified
# contract, the debtor's new invoice assigned as it is posted.
FRENCH_FACTOR = {
    "name": "Rhône Affacturage SA",
    "is_company": True,
    "debt_recovery_debtor_type": "professional",
    "street": "12 quai Saint-Antoine",
    "zip": "69002",
    "city": "Lyon",
    "company_registry": "RCS Lyon 512 874 306",
}
FRENCH_FACTOR_IBAN = "FR7630004008230001234567819"
FRENCH_FACTOR_BIC = "BNPAFRPPXXX"
FRENCH_FACTORED_DEBTOR = {
    "name": "Transports Berthier SARL",
    "is_company": True,
    "debt_recovery_debtor_type": "professional",
    "street": "48 route de Vienne",
    "zip": "69008",
    "city": "Lyon",
    "vat": "FR40428371959",
    "email": "comptabilite@berthier-transports.example",
}
# A key account whose invoices the same factor finances without the customer knowing
# (confidential): the company keeps reminding it as its own.
FRENCH_CONFIDENTIAL_DEBTOR = {
    "name": "Métallerie Giraud SAS",
    "is_company": True,
    "debt_recovery_debtor_type": "professional",
    "street": "7 rue du Dauphiné",
    "zip": "69003",
    "city": "Lyon",
    "vat": "FR86532417052",
    "email": "compta@metallerie-giraud.example",
}
FRENCH_MENTION = (
    "Pour être libératoire, votre règlement doit être effectué directement à l'ordre de Rhône "
    "Affacturage SA, 12 quai Saint-Antoine, 69002 Lyon, qui le reçoit par subrogation dans le "
    "cadre d'un contrat d'affacturage. Elle devra être avisée de toute réclamation relative à "
    "cette créance."
)
ENGLISH_MENTION = (
    "To discharge your debt, pay this invoice only to Rhône Affacturage SA, 12 quai "
    "Saint-Antoine, 69002 Lyon, France, to which it was assigned by subrogation under a "
    "factoring contract. Notify it of any claim about this invoice."
)


class DebtRecoveryDemo(models.AbstractModel):
    _inherit = "debt.recovery.demo"

    # EXTENDS debt_recovery
    @api.model
    def _demo_load_french_company(self, replay_days=80):
        """The French company's factoring contract and its factored debtor, with a notified
        invoice assigned at posting (loaded with the company, once)."""
        Company = self.env["res.company"]
        existed = Company.search_count([("name", "=", FRENCH_COMPANY["name"])])
        company = super()._demo_load_french_company(replay_days=replay_days)
        if company and not existed:
            self.with_company(company).with_context(
                allowed_company_ids=[company.id]
            )._load_factoring_story(company)
        return company

    @api.model
    def _load_factoring_story(self, company):
        """The factor, its notified contract with the company, and the debtor whose new
        invoice is assigned as it is posted."""
        languages = {code for code, _name in self.env["res.lang"].get_installed()}
        lang = "fr_FR" if "fr_FR" in languages else False
        factor_partner, bank = self._factoring_demo_factor(lang)
        debtor = self.env["res.partner"].create(
            dict(FRENCH_FACTORED_DEBTOR, country_id=self.env.ref("base.fr").id, lang=lang)
        )
        Factor = self.env["debt.recovery.factor"].with_context(lang="en_US")
        # The French chart's 467; a company on another chart gets an account of its own.
        account = Factor._default_account(company) or self.env["account.account"].create(
            {
                "code": "467100",
                "name": FRENCH_FACTOR["name"],
                "account_type": "asset_current",
                "company_ids": [Command.set(company.ids)],
            }
        )
        contract = Factor.create(
            {
                "account_id": account.id,
                "name": "AFF-2026-0317",
                "company_id": company.id,
                "partner_id": factor_partner.id,
                "bank_account_id": bank.id,
                "mode": "notified",
                "dunning_by": "factor",
                "mention": ENGLISH_MENTION,
                "partner_ids": [Command.set(debtor.ids)],
            }
        )
        for code in languages & {"fr_FR", "fr_BE", "fr_CA", "fr_CH"}:
            contract.with_context(lang=code).mention = FRENCH_MENTION
        today = fields.Date.context_today(self)
        invoice = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": debtor.id,
                "company_id": company.id,
                "invoice_date": fields.Date.subtract(today, days=12),
                "invoice_date_due": fields.Date.add(today, days=33),
                "invoice_line_ids": [
                    Command.create(
                        {
                            "name": "Contrat de maintenance des quais de chargement - "
                            "trimestre en cours",
                            "quantity": 1,
                            "price_unit": 3250.0,
                        }
                    )
                ],
            }
        )
        invoice.action_post()
        self._factoring_demo_confidential(company, factor_partner, account, lang)
        return contract

    @api.model
    def _factoring_demo_confidential(self, company, factor_partner, account, lang):
        """The factor's confidential contract for a key account: its invoice, ten days late,
        assigned at posting, stays the company's to remind."""
        debtor = self.env["res.partner"].create(
            dict(FRENCH_CONFIDENTIAL_DEBTOR, country_id=self.env.ref("base.fr").id, lang=lang)
        )
        contract = (
            self.env["debt.recovery.factor"]
            .with_context(lang="en_US")
            .create(
                {
                    "account_id": account.id,
                    "name": "AFF-2026-0342",
                    "company_id": company.id,
                    "partner_id": factor_partner.id,
                    "mode": "confidential",
                    "partner_ids": [Command.set(debtor.ids)],
                }
            )
        )
        today = fields.Date.context_today(self)
        invoice = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": debtor.id,
                "company_id": company.id,
                "invoice_date": fields.Date.subtract(today, days=40),
                "invoice_date_due": fields.Date.subtract(today, days=10),
                "invoice_line_ids": [
                    Command.create(
                        {
                            "name": "Maintenance préventive des presses plieuses - mois écoulé",
                            "quantity": 1,
                            "price_unit": 4800.0,
                        }
                    )
                ],
            }
        )
        invoice.action_post()
        return contract

    @api.model
    def _factoring_demo_factor(self, lang):
        """(partner, bank account) of the demo's factor."""
        partner = self.env["res.partner"].create(
            dict(FRENCH_FACTOR, country_id=self.env.ref("base.fr").id, lang=lang)
        )
        bank = self.env["res.partner.bank"].create(
            {
                "acc_number": FRENCH_FACTOR_IBAN,
                "partner_id": partner.id,
                "bank_id": self.env["res.bank"]
                .create({"name": "Banque du Rhône", "bic": FRENCH_FACTOR_BIC})
                .id,
            }
        )
        return partner, bank
