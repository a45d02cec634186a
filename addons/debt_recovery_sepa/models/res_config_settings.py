# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    debt_recovery_sdd_notice_days = fields.Integer(
        related="company_id.debt_recovery_sdd_notice_days", readonly=False
    )
    debt_recovery_sdd_retries = fields.Integer(
        related="company_id.debt_recovery_sdd_retries", readonly=False
    )
    debt_recovery_sdd_payment_mode_id = fields.Many2one(
        related="company_id.debt_recovery_sdd_payment_mode_id", readonly=False
    )
