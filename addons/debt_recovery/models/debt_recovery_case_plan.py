# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models
from odoo.exceptions import UserError

from ..engine import schedule


class DebtRecoveryCase(models.Model):
    _inherit = "debt.recovery.case"

    assessment_ids = fields.One2many("debt.recovery.assessment", "case_id")

    def action_propose_plan(self):
        """A draft instalment plan for the case's overdue invoices not yet in a plan."""
        self.ensure_one()
        Plan = self.env["debt.recovery.plan"]
        invoices = Plan._plannable_invoices(self.partner_id, self.company_id)
        if not invoices:
            raise UserError(self.env._("No overdue invoice outside an active plan."))
        today = fields.Date.context_today(self)
        assessment = self.env["debt.recovery.assessment"].search(
            [("case_id", "=", self.id), ("state", "=", "done")], limit=1
        )
        plan = Plan.create(
            {
                "partner_id": self.partner_id.id,
                "case_id": self.id,
                "company_id": self.company_id.id,
                "invoice_ids": [fields.Command.set(invoices.ids)],
                "assessment_id": assessment.id,
                **(assessment._plan_proposal() if assessment else {"instalment_count": 3}),
                "date_start": today,
                "first_due_date": schedule.add_months(today, 1),
            }
        )
        if plan.note:
            plan.message_post(body=plan.note)
        return plan._open_form()

    def action_assess_capacity(self):
        """A new capacity assessment of the debtor, pre-filled with the standard lines."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "debt.recovery.assessment",
            "view_mode": "form",
            "target": "current",
            "context": {
                "default_partner_id": self.partner_id.id,
                "default_case_id": self.id,
                "default_company_id": self.company_id.id,
                "default_kind": (
                    "individual"
                    if self.partner_id.debt_recovery_debtor_type == "consumer"
                    else "business"
                ),
            },
        }
