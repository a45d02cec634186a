# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

from ..engine.provision import RateRule

REASON_LABELS = [
    ("insolvency", "Insolvency proceedings"),
    ("litigation", "Litigation"),
    ("settlement", "Settlement for less pending"),
    ("dispute", "Disputed invoice"),
    ("overdue", "Overdue"),
]
# The table a company starts with: (reason, from days overdue, rate %).
DEFAULT_RULES = (
    ("insolvency", 0, 100.0),
    ("litigation", 0, 50.0),
    ("settlement", 0, 50.0),
    ("dispute", 0, 25.0),
    ("overdue", 180, 25.0),
    ("overdue", 365, 50.0),
)


class DebtRecoveryProvisionRule(models.Model):
    _name = "debt.recovery.provision.rule"
    _description = "Provision Rate of Doubtful Receivables"
    _order = "company_id, reason, min_days"
    _check_company_auto = True

    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    reason = fields.Selection(REASON_LABELS, required=True)
    min_days = fields.Integer(
        string="From Days Overdue",
        help="For the overdue reason: the rate applies from this many days past due.",
    )
    rate = fields.Float(string="Rate (%)", digits=(5, 2), required=True)

    _sql_constraints = [
        ("rate_range", "CHECK(rate >= 0 AND rate <= 100)", "A rate is between 0 and 100 %."),
        (
            "reason_days_unique",
            "UNIQUE(company_id, reason, min_days)",
            "One rate per reason and number of days.",
        ),
    ]

    @api.model
    def _engine_rules(self, company):
        """The company's table as engine rules (the default table the first time)."""
        rules = self.search([("company_id", "=", company.id)])
        if not rules:
            rules = self.create(
                [
                    {"company_id": company.id, "reason": reason, "min_days": days, "rate": rate}
                    for reason, days, rate in DEFAULT_RULES
                ]
            )
        return [RateRule(rule.reason, rule.rate / 100.0, rule.min_days) for rule in rules]
