# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    debt_recovery_sale_warning_grade = fields.Selection(
        related="company_id.debt_recovery_sale_warning_grade", readonly=False
    )
