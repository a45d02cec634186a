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
    debt_recovery_promise_id = fields.Many2one(
        "debt.recovery.promise",
        string="Promise to Pay",
        index="btree_not_null",
        readonly=True,
        ondelete="set null",
        help="Promise to pay this debit collects.",
    )

    def _debt_recovery_debits(self):
        """The instalments and promises these payment lines collect."""
        return [*self.debt_recovery_plan_line_id, *self.debt_recovery_promise_id]


class AccountPaymentOrder(models.Model):
    _inherit = "account.payment.order"

    debt_recovery_direct_debit = fields.Boolean(
        string="Debts by Direct Debit",
        readonly=True,
        copy=False,
        help="Built by the recovery daily job from the instalments of plans and the promises "
        "paid by direct debit.",
    )
