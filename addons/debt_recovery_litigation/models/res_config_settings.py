# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    debt_recovery_mediator_id = fields.Many2one(
        related="company_id.debt_recovery_mediator_id", readonly=False
    )
    debt_recovery_consumer_mediator_id = fields.Many2one(
        related="company_id.debt_recovery_consumer_mediator_id", readonly=False
    )
    debt_recovery_small_claims_limit = fields.Monetary(
        related="company_id.debt_recovery_small_claims_limit", readonly=False
    )
