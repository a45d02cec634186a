# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models

from .account_move import ACCOUNTING_GROUPS


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    debt_recovery_case_id = fields.Many2one(
        "debt.recovery.case",
        string="Recovery Case",
        index="btree_not_null",
        readonly=True,
        copy=True,
        ondelete="restrict",
        groups=ACCOUNTING_GROUPS,
        help="The recovery case this closing or write-off item concerns.",
    )
    debt_recovery_invoice_id = fields.Many2one(
        "account.move",
        string="Concerned Invoice",
        index="btree_not_null",
        readonly=True,
        copy=True,
        ondelete="restrict",
        groups=ACCOUNTING_GROUPS,
        help="The customer invoice this closing or write-off item concerns.",
    )
