# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class DebtRecoveryLateReason(models.Model):
    """Why a debtor pays late, as the debtor says it: recorded on calls, promises and disputes,
    reported by debtor, period and amount."""

    _name = "debt.recovery.late.reason"
    _description = "Reason for Late Payment"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", help="Leave empty to share the reason with every company."
    )
