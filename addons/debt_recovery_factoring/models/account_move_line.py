# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    # EXTENDS account
    def _reconcile_post_hook(self, data):
        """A payment matched with an invoice assigned under a confidential contract: what the
        debtor paid the company is the factor's (see ``debt.recovery.factor.assignment``)."""
        result = super()._reconcile_post_hook(data)
        self.move_id._debt_recovery_factor_collect()
        return result
