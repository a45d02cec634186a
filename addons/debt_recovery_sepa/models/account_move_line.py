# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
from odoo import models


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    # EXTENDS account
    def _reconcile_post_hook(self, data):
        """An invoice paid otherwise (a transfer, a cheque, a credit note) while one of its
        debits waits in a draft direct debit order: the order never collects more than the
        invoice still owes (see ``account.payment.line._debt_recovery_fit_to_residual``)."""
        result = super()._reconcile_post_hook(data)
        receivables = self.filtered(lambda line: line.account_type == "asset_receivable")
        if receivables:
            self.env["account.payment.line"]._debt_recovery_fit_to_residual(receivables)
        return result
