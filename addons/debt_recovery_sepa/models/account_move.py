# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
from odoo import fields, models


class AccountMove(models.Model):
    _inherit = "account.move"

    debt_recovery_return_fee_line_id = fields.Many2one(
        "debt.recovery.plan.line",
        string="Returned Instalment",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
        help="Instalment whose returned direct debit this invoice re-invoices the fee of.",
    )
    debt_recovery_return_fee_promise_id = fields.Many2one(
        "debt.recovery.promise",
        string="Returned Promise Debit",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
        help="Promise to pay whose returned direct debit this invoice re-invoices the fee of.",
    )
