# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.tools.misc import format_amount

from odoo.addons.debt_recovery.engine.risk import GRADES

# The risk is an internal judgement on the customer: salespeople, invoicing and recovery users
# see it, never the customer (portal users read their own orders).
RISK_GROUPS = (
    "sales_team.group_sale_salesman,account.group_account_invoice,"
    "debt_recovery.group_debt_recovery_user"
)


def grade_at_least(grade, threshold):
    """Whether ``grade`` is ``threshold`` or worse (E is the worst); no threshold: never."""
    return bool(grade and threshold) and GRADES.index(grade) >= GRADES.index(threshold)


class SaleOrder(models.Model):
    _inherit = "sale.order"

    debt_recovery_risk_grade = fields.Selection(
        [(letter, letter) for letter in GRADES],
        string="Late-Payment Risk Grade",
        compute="_compute_debt_recovery_risk",
        groups=RISK_GROUPS,
        help="The customer's grade in the order's company, from A (risk below 10%) to E (70% "
        "and above), as of its last scoring.",
    )
    debt_recovery_risk_probability = fields.Float(
        string="Risk of Paying Late",
        compute="_compute_debt_recovery_risk",
        groups=RISK_GROUPS,
        help="Probability that a new invoice of the customer is paid after its due date.",
    )
    debt_recovery_risk_reason = fields.Char(
        string="Main Risk Reason", compute="_compute_debt_recovery_risk", groups=RISK_GROUPS
    )
    debt_recovery_company_currency_id = fields.Many2one(
        related="company_id.currency_id", string="Company Currency"
    )
    debt_recovery_amount_overdue = fields.Monetary(
        string="Overdue Amount",
        currency_field="debt_recovery_company_currency_id",
        compute="_compute_debt_recovery_risk",
        groups=RISK_GROUPS,
        help="What the customer owes past due in the order's company, held invoices and "
        "unapplied credits left out, as of the last daily recovery run.",
    )
    debt_recovery_amount_at_risk = fields.Monetary(
        string="Amount at Risk (90+ Days)",
        currency_field="debt_recovery_company_currency_id",
        compute="_compute_debt_recovery_risk",
        groups=RISK_GROUPS,
        help="Of what the customer owes in the order's company, the amount likely to be still "
        "unpaid 90 days (the company's setting) after its due date, as of the last scoring. "
        "Money likely to be long overdue, not money lost.",
    )
    debt_recovery_risk_warning = fields.Text(
        string="Late-Payment Risk Warning",
        compute="_compute_debt_recovery_risk",
        groups=RISK_GROUPS,
    )

    @api.depends("partner_id", "company_id")
    @api.depends_context("lang")
    def _compute_debt_recovery_risk(self):
        # A salesperson sees the risk of a customer without access to the recovery cases: only
        # these figures of the case are read, as superuser, in one query for all the orders.
        # Nobody else reads them through the order: not a portal customer, whatever is asked.
        if not (self.env.su or self.env.user._is_internal()):
            self.update(
                {
                    name: False
                    for name, field in self._fields.items()
                    if field.compute == "_compute_debt_recovery_risk"
                }
            )
            return
        cases = (
            self.env["debt.recovery.case"]
            .sudo()
            .search_fetch(
                [
                    ("partner_id", "in", self.partner_id.commercial_partner_id.ids),
                    ("company_id", "in", self.company_id.ids),
                ],
                ["partner_id", "company_id", "risk_grade", "risk_probability"]
                + ["risk_reason_phrases", "amount_overdue", "amount_at_risk"],
            )
        )
        by_key = {(case.partner_id.id, case.company_id.id): case for case in cases}
        for order in self:
            key = (order.partner_id.commercial_partner_id.id, order.company_id.id)
            case = by_key.get(key) or cases.browse()
            order.debt_recovery_risk_grade = case.risk_grade
            order.debt_recovery_risk_probability = case.risk_probability
            order.debt_recovery_risk_reason = case.risk_reason
            order.debt_recovery_amount_overdue = case.amount_overdue
            order.debt_recovery_amount_at_risk = case.amount_at_risk
            order.debt_recovery_risk_warning = order._debt_recovery_warning_text(case)

    def _debt_recovery_warning_text(self, case):
        """The warning of the order when the customer's grade reaches the company's setting,
        else an empty string."""
        if not grade_at_least(case.risk_grade, self.company_id.debt_recovery_sale_warning_grade):
            return ""
        message = self.env._(
            "%(customer)s has the late-payment risk grade %(grade)s (%(percent)d%% risk of "
            "paying late). Overdue: %(amount)s; likely still unpaid %(days)d days after the "
            "due date: %(at_risk)s.",
            customer=case.partner_id.display_name,
            grade=case.risk_grade,
            percent=round(case.risk_probability * 100),
            amount=format_amount(self.env, case.amount_overdue, case.currency_id),
            days=self.company_id.debt_recovery_risk_serious_days or 90,
            at_risk=format_amount(self.env, case.amount_at_risk, case.currency_id),
        )
        return f"{message} {case.risk_reason}" if case.risk_reason else message
