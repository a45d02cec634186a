# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
from odoo import fields, models


class AccountPaymentLine(models.Model):
    _inherit = "account.payment.line"

    debt_recovery_plan_line_id = fields.Many2one(
        "debt.recovery.plan.line",
        string="Instalment",
        index="btree_not_null",
        readonly=True,
        ondelete="set null",
        help="Instalment of a recovery plan this debit collects.",
    )


class AccountPaymentOrder(models.Model):
    _inherit = "account.payment.order"

    debt_recovery_direct_debit = fields.Boolean(
        string="Instalments by Direct Debit",
        readonly=True,
        copy=False,
        help="Built by the recovery daily job from the instalments of plans paid by direct debit.",
    )
