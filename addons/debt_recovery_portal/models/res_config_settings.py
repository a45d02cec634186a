# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models

from .debt_recovery_case import PARAM_ACTIONS_PER_HOUR, PARAM_LINK_MONTHS, PARAM_SOON_DAYS


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    debt_recovery_portal_link_months = fields.Integer(
        string="Debtor Links Valid (months)",
        config_parameter=PARAM_LINK_MONTHS,
        default=12,
        help="A debtor's link stops opening the recovery page this many months after it was "
        "made (0: never).",
    )
    debt_recovery_portal_actions_per_hour = fields.Integer(
        string="Actions per Hour and Link",
        config_parameter=PARAM_ACTIONS_PER_HOUR,
        default=20,
    )
    debt_recovery_portal_soon_days = fields.Integer(
        string="Invoices Due Soon (days)",
        config_parameter=PARAM_SOON_DAYS,
        default=15,
        help="The recovery page also lists the invoices falling due within this many days.",
    )
