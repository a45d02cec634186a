# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError

from ..models.debt_recovery_communication import CHANNELS, OUTCOMES


class DebtRecoveryLogContactWizard(models.TransientModel):
    _name = "debt.recovery.log.contact.wizard"
    _description = "Log a Contact with a Debtor"

    case_id = fields.Many2one("debt.recovery.case", required=True)
    partner_id = fields.Many2one(related="case_id.partner_id")
    company_id = fields.Many2one(related="case_id.company_id")
    currency_id = fields.Many2one(related="case_id.currency_id")
    channel = fields.Selection(CHANNELS, required=True, default="phone")
    direction = fields.Selection(
        [("outbound", "Outbound"), ("inbound", "Inbound")], required=True, default="outbound"
    )
    date = fields.Date(required=True, default=fields.Date.context_today)
    outcome = fields.Selection(OUTCOMES, required=True, default="none")
    summary = fields.Text()
    late_reason_id = fields.Many2one("debt.recovery.late.reason", string="Reason for Late Payment")
    promise_amount = fields.Monetary()
    promise_date = fields.Date()
    dispute_invoice_ids = fields.Many2many(
        "account.move",
        string="Disputed Invoices",
        domain="[('move_type', '=', 'out_invoice'), ('state', '=', 'posted'),"
        " ('commercial_partner_id', '=', partner_id), ('amount_residual', '>', 0)]",
    )
    dispute_note = fields.Char(string="Dispute Reason")

    @api.onchange("outcome")
    def _onchange_outcome(self):
        if self.outcome == "promise" and not self.promise_amount:
            self.promise_amount = self.case_id.amount_overdue

    def action_log(self):
        self.ensure_one()
        case = self.case_id
        if self.outcome == "promise":
            if self.promise_amount <= 0 or not self.promise_date:
                raise UserError(self.env._("A promise to pay needs a positive amount and a date."))
            if self.promise_date < self.date:
                raise UserError(self.env._("The promised date cannot be before the call."))
        if self.outcome == "dispute" and not self.dispute_invoice_ids:
            raise UserError(self.env._("Name the disputed invoices."))
        if self.outcome == "dispute":
            self.dispute_invoice_ids._debt_recovery_hold(
                "dispute",
                note=self.env._("Disputed: %s", self.dispute_note or self.summary or ""),
                replace=("promise", "plan", "other"),
            )
        Comm = self.env["debt.recovery.communication"]
        invoices = case.invoice_ids
        lines, totals = Comm._line_values(invoices, self.date, case.policy_id)
        comm = Comm.create(
            {
                "partner_id": case.partner_id.id,
                "case_id": case.id,
                "company_id": case.company_id.id,
                "channel": self.channel,
                "direction": self.direction,
                "date": self.date,
                "outcome": self.outcome,
                "summary": self.summary,
                "late_reason_id": self.late_reason_id.id,
                "invoice_ids": [fields.Command.set(invoices.ids)],
                "line_ids": [fields.Command.create(line) for line in lines],
                "state": "done",
                **totals,
            }
        )
        if self.outcome == "promise":
            self.env["debt.recovery.promise"].create(
                {
                    "partner_id": case.partner_id.id,
                    "case_id": case.id,
                    "company_id": case.company_id.id,
                    "amount": self.promise_amount,
                    "date": self.promise_date,
                    "date_made": self.date,
                    "communication_id": comm.id,
                    "late_reason_id": self.late_reason_id.id,
                    "invoice_ids": [fields.Command.set(invoices.ids)],
                }
            )
        case._sync_state()
        return {"type": "ir.actions.act_window_close"}
