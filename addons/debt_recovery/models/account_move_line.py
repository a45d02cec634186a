# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    debt_recovery_penalty_origin_id = fields.Many2one(
        "account.move",
        string="Penalties Of",
        index="btree_not_null",
        copy=False,
        readonly=True,
        help="The invoice paid late whose penalties this line invoices.",
    )
    debt_recovery_penalty_kind = fields.Selection(
        [("interest", "Late-payment interest"), ("indemnity", "Fixed recovery indemnity")],
        copy=False,
        readonly=True,
    )
    debt_recovery_penalty_until = fields.Date(string="Interest Until", copy=False, readonly=True)
