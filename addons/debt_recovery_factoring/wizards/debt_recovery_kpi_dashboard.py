# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.tools import SQL, format_amount

from odoo.addons.debt_recovery.models.company_scope import company_condition
from odoo.addons.debt_recovery_reports.kpi_engine import kpi

from ..engine import factoring


class DebtRecoveryKpiDashboard(models.TransientModel):
    _inherit = "debt.recovery.kpi.dashboard"

    factored_notified = fields.Monetary(
        string="Assigned to Factors (Notified)",
        compute="_compute_factored",
        help="Invoices assigned to a factor under notified contracts on or before the end of "
        "the period and not bought back by then, for the amount assigned: outside the "
        "receivables, the factor's.",
    )
    factored_confidential = fields.Monetary(
        string="Assigned to Factors (Confidential)",
        compute="_compute_factored",
        help="What is still open at the end of the period on the invoices assigned under "
        "confidential contracts: in the receivables, the company collects them for the factor.",
    )
    factored_by_bucket = fields.Html(
        string="Receivables by Age and Owner",
        compute="_compute_factored",
        sanitize=False,
        help="By age at the end of the period: the company's own open invoices, those assigned "
        "under confidential contracts (still in the receivables) and those assigned under "
        "notified contracts (outside them).",
    )

    @api.depends("date_to", "company_id", "user_id")
    def _compute_factored(self):
        for dashboard in self:
            buckets = dashboard._factored_buckets()
            dashboard.factored_notified = round(
                sum(bucket["notified"] for bucket in buckets.values()), 2
            )
            dashboard.factored_confidential = round(
                sum(bucket["confidential"] for bucket in buckets.values()), 2
            )
            dashboard.factored_by_bucket = dashboard._factored_table(buckets)

    def _factored_buckets(self):
        """{bucket: {"own", "confidential", "notified"}} at the end of the period, one query:
        the open invoices of the aged balance at that date (confidential when assigned then
        under a confidential contract), and the notified assignments for their amount, each by
        the days past due of its invoice. What was bought back of an invoice is the company's
        own."""
        self.ensure_one()
        self.env.flush_all()
        active = SQL(
            """
            SELECT a.invoice_id, a.mode, a.amount - COALESCE(a.amount_bought_back, 0) AS amount,
                   COALESCE(a.amount_bought_back, 0) AS bought_back
              FROM debt_recovery_factor_assignment a
             WHERE %(company)s
               AND a.date <= %(day)s
               AND (a.buyback_date IS NULL OR a.buyback_date > %(day)s)
            """,
            company=company_condition(self.env, SQL("a.company_id"), self.company_id.ids),
            day=self.date_to,
        )
        self.env.cr.execute(
            SQL(
                """
                WITH active AS (%(active)s)
                SELECT CASE WHEN act.mode = 'confidential' THEN 'confidential' END,
                       q.date_maturity, q.amount_residual, COALESCE(act.bought_back, 0)
                  FROM (%(aged)s) q
             LEFT JOIN active act ON act.invoice_id = q.move_id
                 WHERE q.amount_residual > 0
             UNION ALL
                SELECT act.mode, COALESCE(m.invoice_date_due, m.date), act.amount, 0
                  FROM active act
                  JOIN account_move m ON m.id = act.invoice_id
                 WHERE act.mode = 'notified' AND %(collector)s
                """,
                active=active,
                aged=self.env["debt.recovery.aged.receivable"]._aged_query(
                    self.date_to, **self._filters()
                ),
                collector=self._collector_join("m", "m"),
            )
        )
        return factoring.split_by_bucket(
            factoring.owners(self.env.cr.fetchall()), self.date_to, kpi.bucket_of_days
        )

    def _factored_table(self, buckets):
        """The buckets as an HTML table, in the aged balance's order."""
        if not buckets:
            return escape(self.env._("No open invoice."))
        currency = self.company_id.currency_id
        heads = (
            self.env._("Age"),
            self.env._("Own"),
            self.env._("Assigned, confidential"),
            self.env._("Assigned, notified"),
        )
        head = Markup("").join(
            Markup("<th class='%s'>%s</th>") % ("text-end" if index else "", label)
            for index, label in enumerate(heads)
        )
        # The aged balance's bucket labels, translated.
        labels = dict(
            self.env["debt.recovery.aged.receivable"]
            ._fields["bucket"]
            ._description_selection(self.env)
        )
        empty = {"own": 0.0, "confidential": 0.0, "notified": 0.0}
        rows = Markup("").join(
            Markup("<tr class='o_factored_bucket' data-bucket='%s'><td>%s</td>%s</tr>")
            % (
                key,
                labels[key],
                Markup("").join(
                    Markup("<td class='text-end'>%s</td>")
                    % format_amount(self.env, buckets.get(key, empty)[column], currency)
                    for column in ("own", "confidential", "notified")
                ),
            )
            for key in kpi.BUCKETS
        )
        return (
            Markup("<table class='table table-sm o_factored_buckets'><thead><tr>%s</tr></thead>")
            % head
            + Markup("<tbody>%s</tbody></table>") % rows
        )
