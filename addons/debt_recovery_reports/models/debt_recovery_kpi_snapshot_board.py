# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The KPI board: twelve months of the history's main figures as graphs on one screen, for a
company, the whole company or one collector, and a last month; each point opens its snapshot,
and a snapshot opens the records behind its figures.

The screen is the client action ``debt_recovery_kpi_board`` (static/src/kpi_board): it asks
:meth:`get_kpi_board` for its filters and its domain, and shows one standard graph view per
figure on the snapshots of that domain.
"""

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools import format_date

from ..kpi_engine import kpi

# The figures of the board, in their order on the screen: (field, its graph view).
BOARD_GRAPHS = (
    ("dso_standard", "debt_recovery_reports.debt_recovery_kpi_snapshot_view_graph_dso"),
    ("cei", "debt_recovery_reports.debt_recovery_kpi_snapshot_view_graph_cei"),
    ("overdue_share", "debt_recovery_reports.debt_recovery_kpi_snapshot_view_graph_overdue"),
    ("late_payment_count", "debt_recovery_reports.debt_recovery_kpi_snapshot_view_graph_late"),
    ("promise_kept_count", "debt_recovery_reports.debt_recovery_kpi_snapshot_view_graph_promise"),
)
BOARD_MONTHS = 12


class DebtRecoveryKpiSnapshot(models.Model):
    _inherit = "debt.recovery.kpi.snapshot"

    overdue_share = fields.Float(
        string="Overdue Share (%)",
        digits=(16, 1),
        aggregator="avg",
        compute="_compute_overdue_share",
        store=True,
        help="Share of the invoices still owed at the month's end that are overdue.",
    )

    @api.depends("ar_ending_open", "ar_ending_overdue")
    def _compute_overdue_share(self):
        for snapshot in self:
            share = kpi.overdue_share(snapshot.ar_ending_overdue, snapshot.ar_ending_open)
            snapshot.overdue_share = share or 0.0

    # ------------------------------------------------------------------ the board
    @api.model
    def get_kpi_board(self, company_id=None, user_id=None, month_to=None):
        """The board's filters and graphs: the company (one of the user's active companies,
        the current one by default), the collector (none: the whole company), the last month
        shown (the latest month of the history by default), and the domain of the graphs."""
        company = self._board_company(company_id)
        months = self._board_months(company)
        month_to = fields.Date.to_date(month_to) if month_to else None
        if not month_to:
            month_to = months[0] if months else fields.Date.context_today(self).replace(day=1)
        collectors = self._read_group(
            [("company_id", "=", company.id), ("user_id", "!=", False)], ["user_id"]
        )
        collectors = self.env["res.users"].union(*(user for (user,) in collectors))
        user = collectors.filtered(lambda u: u.id == user_id)
        return {
            "company_id": company.id,
            "user_id": user.id or False,
            "month_to": fields.Date.to_string(month_to.replace(day=1)),
            "companies": [{"id": c.id, "name": c.name} for c in self.env.companies],
            "collectors": [{"id": u.id, "name": u.name} for u in collectors.sorted("name")],
            "months": [
                {
                    "value": fields.Date.to_string(month),
                    "label": format_date(self.env, month, date_format="MMMM y"),
                }
                for month in months
            ],
            "domain": self._board_domain(company, user, month_to),
            "graphs": [
                {
                    "field": name,
                    "title": self._fields[name].get_description(self.env)["string"],
                    "view_id": self.env.ref(view).id,
                }
                for name, view in BOARD_GRAPHS
            ],
        }

    @api.model
    def _board_company(self, company_id):
        companies = self.env.companies
        return companies.filtered(lambda c: c.id == company_id) or self.env.company

    @api.model
    def _board_months(self, company):
        """The months of ``company``'s history, the latest first."""
        groups = self._read_group(
            [("company_id", "=", company.id)], ["month:month"], order="month:month desc"
        )
        return [month for (month,) in groups]

    @api.model
    def _board_domain(self, company, user, month_to):
        """The snapshots of the board: the company's (or the collector's) twelve months up to
        ``month_to``."""
        month_to = month_to.replace(day=1)
        return [
            ("company_id", "=", company.id),
            ("user_id", "=", user.id or False),
            (
                "month",
                ">=",
                fields.Date.to_string(month_to - relativedelta(months=BOARD_MONTHS - 1)),
            ),
            ("month", "<=", fields.Date.to_string(month_to)),
        ]

    # ------------------------------------------------------------------ drill-down
    def _month_dashboard(self):
        """The KPI dashboard over this snapshot's month, company and collector: the records
        behind the figures, as the dashboard selects them."""
        self.ensure_one()
        last_day = self.month + relativedelta(months=1, days=-1)
        return self.env["debt.recovery.kpi.dashboard"].new(
            {
                "date_from": self.month,
                "date_to": min(last_day, fields.Date.context_today(self)),
                "company_id": self.company_id.id,
                "user_id": self.user_id.id,
            }
        )

    def action_open_receivables(self):
        """The receivables at the end of the month (DSO, CEI, overdue share), by debtor."""
        return self._month_dashboard()._aged_action("list,pivot,graph")

    def action_open_invoices_paid_late(self):
        """The invoices settled in the month after their due date (late-payment rate)."""
        rows = self._month_dashboard()._settled_invoices()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Invoices Paid Late"),
            "res_model": "account.move",
            "view_mode": "list,form",
            "views": [(False, "list"), (False, "form")],
            "domain": [("id", "in", [row[3] for row in rows if row[1] > row[0]])],
            "context": {"create": False, "default_move_type": "out_invoice"},
        }

    def action_open_promises(self):
        """The promises to pay falling due in the month (promises kept)."""
        return self._month_dashboard().action_promises()
