# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    debt_recovery_doubtful_account_id = fields.Many2one(
        related="company_id.debt_recovery_doubtful_account_id", readonly=False
    )
    debt_recovery_provision_account_id = fields.Many2one(
        related="company_id.debt_recovery_provision_account_id", readonly=False
    )
    debt_recovery_allowance_account_id = fields.Many2one(
        related="company_id.debt_recovery_allowance_account_id", readonly=False
    )
    debt_recovery_reversal_account_id = fields.Many2one(
        related="company_id.debt_recovery_reversal_account_id", readonly=False
    )
    debt_recovery_loss_account_id = fields.Many2one(
        related="company_id.debt_recovery_loss_account_id", readonly=False
    )
    debt_recovery_loss_earlier_account_id = fields.Many2one(
        related="company_id.debt_recovery_loss_earlier_account_id", readonly=False
    )
    debt_recovery_recovered_account_id = fields.Many2one(
        related="company_id.debt_recovery_recovered_account_id", readonly=False
    )
    debt_recovery_doubtful_days = fields.Integer(
        related="company_id.debt_recovery_doubtful_days", readonly=False
    )
    debt_recovery_provision_method = fields.Selection(
        related="company_id.debt_recovery_provision_method", readonly=False
    )
