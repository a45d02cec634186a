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
        # The debtor type chooses the legal regime of the claims (interest, indemnity, court):
        # a manager's decision, on partners he can read, without the right to edit their
        # contact details; each change is logged on the partner.
        if not self.env.user.has_group("debt_recovery.group_debt_recovery_manager"):
            raise UserError(
                self.env._("Only a Debt Recovery Manager changes the debtor type of partners.")
            )
        partners.check_access("read")
        labels = dict(self._fields["debtor_type"]._description_selection(self.env))
        changed = partners.filtered(lambda p: p.debt_recovery_debtor_type != self.debtor_type)
        changed.sudo().write({"debt_recovery_debtor_type": self.debtor_type})
        for partner in changed.sudo():
            partner.message_post(
                body=self.env._(
                    "Debtor type set to %(type)s by %(user)s.",
                    type=labels.get(self.debtor_type, self.debtor_type),
                    user=self.env.user.name,
                )
            )
        return {"type": "ir.actions.act_window_close"}
