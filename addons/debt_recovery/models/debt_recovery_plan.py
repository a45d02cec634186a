# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class DebtRecoveryPlan(models.Model):
    _name = "debt.recovery.plan"
    _description = "Instalment Plan"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(default="/", copy=False, readonly=True)
    partner_id = fields.Many2one("res.partner", string="Debtor", required=True, index=True)
    case_id = fields.Many2one("debt.recovery.case", index=True, check_company=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    invoice_ids = fields.Many2many("account.move", string="Invoices", check_company=True)
    amount_total = fields.Monetary()
    down_payment = fields.Monetary()
    instalment_count = fields.Integer(default=3)
    frequency = fields.Selection(
        [
            ("weekly", "Weekly"),
            ("biweekly", "Every two weeks"),
            ("monthly", "Monthly"),
            ("quarterly", "Quarterly"),
        ],
        default="monthly",
        required=True,
    )
    date_start = fields.Date(default=fields.Date.context_today)
    first_due_date = fields.Date()
    tolerance_days = fields.Integer(default=5)
    max_missed = fields.Integer(default=1)
    line_ids = fields.One2many("debt.recovery.plan.line", "plan_id")
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("active", "Active"),
            ("done", "Done"),
            ("broken", "Broken"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        tracking=True,
        index=True,
    )
    assessment_id = fields.Many2one("debt.recovery.assessment", check_company=True)
    previous_plan_id = fields.Many2one("debt.recovery.plan", check_company=True)

    @api.model
    def _refresh(self, today):
        """Follow active plans (payments, missed instalments); see the plan logic."""
        return


class DebtRecoveryPlanLine(models.Model):
    _name = "debt.recovery.plan.line"
    _description = "Instalment"
    _order = "plan_id, sequence, due_date"

    plan_id = fields.Many2one("debt.recovery.plan", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="plan_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="plan_id.currency_id")
    sequence = fields.Integer()
    due_date = fields.Date(required=True)
    amount = fields.Monetary()
    amount_paid = fields.Monetary()
    state = fields.Selection(
        [
            ("pending", "Pending"),
            ("partial", "Partially paid"),
            ("paid", "Paid"),
            ("late", "Late"),
            ("missed", "Missed"),
        ],
        default="pending",
        required=True,
    )
