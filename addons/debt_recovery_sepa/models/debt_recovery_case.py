# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
from odoo import api, models


class DebtRecoveryCase(models.Model):
    _inherit = "debt.recovery.case"

    # EXTENDS debt_recovery
    @api.model
    def _refresh_holds(self, today):
        """Once the plans followed their payments, the daily job announces and collects the
        instalments of the plans paid by direct debit."""
        result = super()._refresh_holds(today)
        self.env["debt.recovery.plan.line"]._direct_debit_daily_step(today)
        return result
