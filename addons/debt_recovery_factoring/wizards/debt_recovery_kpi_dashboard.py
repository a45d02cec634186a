# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.debt_recovery.models.company_scope import company_condition

from ..engine import factoring


class DebtRecoveryKpiDashboard(models.TransientModel):
    _inherit = "debt.recovery.kpi.dashboard"

    factored_notified = fields.Monetary(
        string="Assigned to Factors (Notified)",
        compute="_compute_factored",
        help="Invoices assigned to a factor under notified contracts on or before the end of "
        "the period and not bought back by then: outside the receivables, the factor's.",
    )
    factored_confidential = fields.Monetary(
        string="Assigned to Factors (Confidential)",
        compute="_compute_factored",
        help="The same under confidential contracts: the company still collects them for "
        "the factor.",
    )

    @api.depends("date_to", "company_id", "user_id")
    def _compute_factored(self):
        Assignment = self.env["debt.recovery.factor.assignment"]
        Assignment.flush_model()
        for dashboard in self:
            self.env.cr.execute(
                SQL(
                    """
                    SELECT a.mode, a.amount
                      FROM debt_recovery_factor_assignment a
                      JOIN account_move m ON m.id = a.invoice_id
                     WHERE %(company)s
                       AND a.date <= %(day)s
                       AND (a.buyback_date IS NULL OR a.buyback_date > %(day)s)
                       AND %(collector)s
                    """,
                    company=company_condition(
                        self.env, SQL("a.company_id"), dashboard.company_id.ids
                    ),
                    day=dashboard.date_to,
                    collector=dashboard._collector_join("m", "m"),
                )
            )
            totals = factoring.totals_by_mode(self.env.cr.fetchall())
            dashboard.factored_notified = totals["notified"]
            dashboard.factored_confidential = totals["confidential"]
