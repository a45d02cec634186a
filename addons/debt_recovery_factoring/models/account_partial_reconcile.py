# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class AccountPartialReconcile(models.Model):
    _inherit = "account.partial.reconcile"

    # EXTENDS account
    def unlink(self):
        """A payment unmatched from an invoice assigned under a confidential contract: what was
        moved to the factor for it comes back."""
        moves = (self.debit_move_id + self.credit_move_id).move_id
        result = super().unlink()
        moves.exists()._debt_recovery_factor_collect()
        return result
