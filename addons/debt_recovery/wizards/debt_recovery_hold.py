# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models
from odoo.exceptions import UserError

from ..models.account_move import EXCLUSION_REASONS
from ..models.debt_recovery_case import HOLD_REASONS


class DebtRecoveryHoldWizard(models.TransientModel):
    _name = "debt.recovery.hold.wizard"
    _description = "Put a Case or Invoices on Hold"

    mode = fields.Selection([("case", "Case"), ("invoice", "Invoices")], default="case")
    case_ids = fields.Many2many("debt.recovery.case")
    invoice_ids = fields.Many2many("account.move")
    reason = fields.Selection(HOLD_REASONS, required=True, default="negotiation")
    invoice_reason = fields.Selection(EXCLUSION_REASONS, default="dispute")
    hold_until = fields.Date(help="Leave empty to hold until released by hand.")
    note = fields.Text()

    def action_hold(self):
        self.ensure_one()
        if self.hold_until and self.hold_until < fields.Date.context_today(self):
            raise UserError(self.env._("The end of the hold cannot be in the past."))
        if self.mode == "invoice":
            if not self.invoice_ids:
                raise UserError(self.env._("Select the invoices to hold."))
            self.invoice_ids.write(
                {
                    "debt_recovery_excluded": True,
                    "debt_recovery_exclusion_reason": self.invoice_reason,
                }
            )
            for invoice in self.invoice_ids:
                invoice.message_post(body=self.env._("Held from recovery: %s", self.note or ""))
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
        self.case_ids.write(
            {
                "hold_reason": self.reason,
                "hold_until": self.hold_until,
                "hold_note": self.note,
                "state": "on_hold",
            }
        )
        for case in self.case_ids:
            case.message_post(
                body=self.env._(
                    "Put on hold (%(reason)s) until %(until)s. %(note)s",
                    reason=dict(self._fields["reason"]._description_selection(self.env))[
                        self.reason
                    ],
                    until=self.hold_until or self.env._("released by hand"),
                    note=self.note or "",
                )
            )
        return {"type": "ir.actions.act_window_close"}
