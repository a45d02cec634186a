# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


def _default_mediator(self):
    return self.env.ref(
        "debt_recovery_litigation.res_partner_business_mediator", raise_if_not_found=False
    )


class ResCompany(models.Model):
    _inherit = "res.company"

    debt_recovery_mediator_id = fields.Many2one(
        "res.partner",
        string="Business Mediator",
        default=_default_mediator,
        help="Mediator proposed for professional and public debtors (the Médiateur des "
        "entreprises by default, free of charge).",
    )
    debt_recovery_consumer_mediator_id = fields.Many2one(
        "res.partner",
        string="Consumer Mediator",
        help="The consumer mediator the company gives its customers (C. conso L616-1): "
        "consumers may refer a dispute to it; the company cannot use it to collect.",
    )
    debt_recovery_small_claims_limit = fields.Monetary(
        string="Small Claims Limit",
        currency_field="currency_id",
        default=5000.0,
        help="Claims up to this amount may follow the simplified recovery of small claims by a "
        "commissaire de justice.",
    )

    @api.model
    def _debt_recovery_set_default_mediator(self):
        """Companies without a business mediator get the Médiateur des entreprises."""
        mediator = _default_mediator(self)
        if mediator:
            self.search([("debt_recovery_mediator_id", "=", False)]).write(
                {"debt_recovery_mediator_id": mediator.id}
            )
