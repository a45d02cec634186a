# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models
from odoo.exceptions import UserError

from ..models.account_move import EXCLUSION_REASONS, LOCKED_EXCLUSION_REASONS
from ..models.debt_recovery_case import HOLD_REASONS, MANUAL_HOLD_REASONS


class DebtRecoveryHoldWizard(models.TransientModel):
    _name = "debt.recovery.hold.wizard"
    _description = "Put a Case or Invoices on Hold"

    mode = fields.Selection([("case", "Case"), ("invoice", "Invoices")], default="case")
    case_ids = fields.Many2many("debt.recovery.case")
    invoice_ids = fields.Many2many("account.move")
    reason = fields.Selection(
        [item for item in HOLD_REASONS if item[0] in MANUAL_HOLD_REASONS],
        required=True,
        default="manual",
    )
    invoice_reason = fields.Selection(
        [item for item in EXCLUSION_REASONS if item[0] not in LOCKED_EXCLUSION_REASONS],
        default="dispute",
    )
    hold_until = fields.Date(help="Leave empty to hold until released by hand.")
    note = fields.Text()

    def action_hold(self):
        self.ensure_one()
        if self.hold_until and self.hold_until < fields.Date.context_today(self):
            raise UserError(self.env._("The end of the hold cannot be in the past."))
        if self.mode == "invoice":
            if not self.invoice_ids:
                raise UserError(self.env._("Select the invoices to hold."))
            if self.invoice_reason in LOCKED_EXCLUSION_REASONS:
                raise UserError(
                    self.env._("This hold reason is set by the recovery rules, not by hand.")
                )
            self.invoice_ids._debt_recovery_hold(
                self.invoice_reason,
                note=self.note or "-",
                replace=("dispute", "promise", "plan", "other"),
            )
            cases = self.env["debt.recovery.case"].search(
                [("partner_id", "in", self.invoice_ids.commercial_partner_id.ids)]
            )
            cases._sync_state()
            return {"type": "ir.actions.act_window_close"}
        if not self.case_ids:
            raise UserError(self.env._("Select the cases to hold."))
        closed = self.case_ids.filtered(lambda c: c.state == "closed")
        if closed:
            raise UserError(self.env._("A closed case cannot be put on hold."))
        self.case_ids.check_access("write")
        self.case_ids._transition("on_hold", self.reason, note=self.note, until=self.hold_until)
        return {"type": "ir.actions.act_window_close"}
