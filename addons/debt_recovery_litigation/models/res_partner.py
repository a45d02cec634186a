# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

PROFESSIONAL_KINDS = [
    ("commercial", "Commercial"),
    ("non_commercial", "Non-commercial"),
]


class ResPartner(models.Model):
    _inherit = "res.partner"

    debt_recovery_professional_kind = fields.Selection(
        PROFESSIONAL_KINDS,
        string="Professional Activity",
        help="Commercial: a trader, a craftsman or a commercial company (its debts go to the "
        "tribunal de commerce). Non-commercial: a liberal profession, an SCI, an association "
        "(tribunal judiciaire). Read for professional debtors only; chosen, never assumed.",
    )
    debt_recovery_status_confirmed = fields.Boolean(
        string="Debtor Status Confirmed",
        copy=False,
        help="Someone checked the debtor type and, for a professional, its activity (an "
        "association, an SCI, a liberal profession or a public body is no commercial "
        "professional): a court file is prepared only for a debtor whose status is confirmed.",
    )
    debt_recovery_legal_form = fields.Char(
        string="Legal Form", help="SARL, SAS, SA, SCI, association, sole trader..."
    )
    debt_recovery_representative = fields.Char(
        string="Legal Representative", help="Who represents the debtor in law (its manager)."
    )
    debt_recovery_insolvency_publication_date = fields.Date(
        string="Publication Date (BODACC)",
        help="Publication of the opening judgment: the claim is declared within two months.",
    )
    debt_recovery_insolvency_trustee_id = fields.Many2one(
        "res.partner",
        string="Creditors' Representative",
        help="The mandataire judiciaire (or liquidator) to whom the claim is declared.",
    )

    # EXTENDS debt_recovery
    def _debt_recovery_commercial(self):
        return self.commercial_partner_id.debt_recovery_professional_kind != "non_commercial"

    @api.model
    def _commercial_fields(self):
        return super()._commercial_fields() + [
            "debt_recovery_professional_kind",
            "debt_recovery_status_confirmed",
            "debt_recovery_legal_form",
            "debt_recovery_representative",
            "debt_recovery_insolvency_publication_date",
            "debt_recovery_insolvency_trustee_id",
        ]
