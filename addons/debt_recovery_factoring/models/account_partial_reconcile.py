# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models


class AccountPartialReconcile(models.Model):
    _inherit = "account.partial.reconcile"

    # EXTENDS account
    @api.model
    def _update_matching_number(self, amls):
        """A payment unmatched from an invoice assigned under a confidential contract: what was
        moved to the factor for it comes back. Odoo calls this once the partials are deleted,
        on them (``self``), and after creating partials on the empty model: matching is followed
        by ``account.move.line._reconcile_post_hook`` instead, once the whole plan is done."""
        result = super()._update_matching_number(amls)
        if self:
            amls.move_id.exists()._debt_recovery_factor_collect()
        return result
