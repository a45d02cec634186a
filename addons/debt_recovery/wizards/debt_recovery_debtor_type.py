# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models
from odoo.exceptions import UserError

from ..models.res_partner import DEBTOR_TYPES


class DebtRecoveryDebtorTypeWizard(models.TransientModel):
    _name = "debt.recovery.debtor.type.wizard"
    _description = "Set the Debtor Type of Several Partners"

    partner_ids = fields.Many2many("res.partner", string="Debtors")
    debtor_type = fields.Selection(DEBTOR_TYPES, required=True)

    def action_apply(self):
        self.ensure_one()
        partners = self.partner_ids.commercial_partner_id
        if not partners:
            raise UserError(self.env._("Select the debtors to update."))
        # The debtor type is a recovery setting: recovery users set it on the partners they
        # can read, without the right to edit their contact details.
        partners.check_access("read")
        partners.sudo().write({"debt_recovery_debtor_type": self.debtor_type})
        return {"type": "ir.actions.act_window_close"}
