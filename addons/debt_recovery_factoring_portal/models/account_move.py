# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class AccountMove(models.Model):
    _inherit = "account.move"

    def _debt_recovery_factor_portal_status(self):
        """What the debtor's invoice list shows of this invoice assigned under a notified
        contract: {"factor" (its name), "amount" (what the debtor owes the factor)}, or None
        (not assigned, or confidential: the company collects, the invoice shows as usual)."""
        self.ensure_one()
        # The debtor reads its own invoice (the list's access rules hold): the contract and
        # its factor are not readable by a portal user, their name and the amount are shown.
        printed = self._debt_recovery_factor_printed() if self.move_type == "out_invoice" else None
        if not printed or not printed["notified"]:
            return None
        return {
            "factor": printed["contract"].partner_id.name,
            "amount": printed["residual"],
        }
