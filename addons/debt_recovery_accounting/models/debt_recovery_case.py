# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models
from odoo.exceptions import AccessError, UserError

from .account_move import MANAGER_GROUP


class DebtRecoveryCase(models.Model):
    _inherit = "debt.recovery.case"

    def action_debt_recovery_write_off(self):
        """Write the case's open invoices off as irrecoverable (a recovery manager)."""
        self.ensure_one()
        self.check_access("write")
        if not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(self.env._("Only a recovery manager writes a debt off."))
        invoices = self.env["account.move"].search(
            [
                ("commercial_partner_id", "=", self.partner_id.id),
                ("company_id", "=", self.company_id.id),
                ("move_type", "=", "out_invoice"),
                ("state", "=", "posted"),
                ("amount_residual", ">", 0),
            ]
        )
        if not invoices:
            raise UserError(self.env._("The case has no open invoice to write off."))
        action = invoices.action_debt_recovery_write_off()
        action["context"] = dict(action["context"], default_case_id=self.id)
        return action
