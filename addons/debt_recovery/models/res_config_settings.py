# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    debt_recovery_policy_id = fields.Many2one(
        related="company_id.debt_recovery_policy_id",
        readonly=False,
        domain="[('company_id', '=', company_id)]",
    )
    debt_recovery_interest_product_id = fields.Many2one(
        related="company_id.debt_recovery_interest_product_id", readonly=False
    )
    debt_recovery_indemnity_product_id = fields.Many2one(
        related="company_id.debt_recovery_indemnity_product_id", readonly=False
    )
    debt_recovery_assessment_retention_days = fields.Integer(
        related="company_id.debt_recovery_assessment_retention_days", readonly=False
    )
    debt_recovery_terms_of_sale = fields.Char(
        related="company_id.debt_recovery_terms_of_sale", readonly=False
    )
    debt_recovery_consumer_mediator_id = fields.Many2one(
        related="company_id.debt_recovery_consumer_mediator_id", readonly=False
    )
