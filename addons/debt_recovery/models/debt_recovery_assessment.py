# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class DebtRecoveryAssessment(models.Model):
    _name = "debt.recovery.assessment"
    _description = "Debtor Capacity Assessment"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"
    _check_company_auto = True

    partner_id = fields.Many2one("res.partner", string="Debtor", required=True, index=True)
    case_id = fields.Many2one("debt.recovery.case", index=True, check_company=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    date = fields.Date(default=fields.Date.context_today, required=True)
    kind = fields.Selection(
        [("individual", "Individual"), ("business", "Business")],
        default="individual",
        required=True,
    )
    line_ids = fields.One2many("debt.recovery.assessment.line", "assessment_id")
    contingency_rate = fields.Float(default=10.0)
    max_months = fields.Integer(default=24)
    amount_due = fields.Monetary()
    state = fields.Selection([("draft", "Draft"), ("done", "Done")], default="draft")


class DebtRecoveryAssessmentCategory(models.Model):
    _name = "debt.recovery.assessment.category"
    _description = "Capacity Assessment Category"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    kind = fields.Selection(
        [("income", "Income"), ("expense", "Expense"), ("debt", "Debt repayment")], required=True
    )
    assessment_kind = fields.Selection(
        [("individual", "Individual"), ("business", "Business"), ("both", "Both")],
        default="both",
        required=True,
    )
    active = fields.Boolean(default=True)


class DebtRecoveryAssessmentLine(models.Model):
    _name = "debt.recovery.assessment.line"
    _description = "Capacity Assessment Line"
    _order = "assessment_id, kind, sequence, id"

    assessment_id = fields.Many2one(
        "debt.recovery.assessment", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="assessment_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="assessment_id.currency_id")
    sequence = fields.Integer(default=10)
    kind = fields.Selection(
        [("income", "Income"), ("expense", "Expense"), ("debt", "Debt repayment")], required=True
    )
    category_id = fields.Many2one("debt.recovery.assessment.category")
    name = fields.Char(string="Description")
    amount = fields.Monetary(string="Monthly Amount")
