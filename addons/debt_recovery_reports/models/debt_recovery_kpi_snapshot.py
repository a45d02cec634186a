# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Monthly KPI history: the KPI dashboard's figures of each month, stored.

One row per company, month and collector (no collector: the whole company). The figures are
the dashboard's own (``debt.recovery.kpi.dashboard._kpi_values`` over the month), never computed
again here, so a snapshot always equals the dashboard opened on the same month. Rows are written
only by :meth:`_build` (the monthly job and the managers' rebuild button); nobody creates or
edits them by hand.
"""

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import create_unique_index

# The dashboard's figures kept in the history (same field names on both models).
SNAPSHOT_KPIS = (
    "ar_ending",
    "ar_ending_open",
    "ar_ending_overdue",
    "dso_standard",
    "dso_countback",
    "best_possible_dso",
    "average_days_delinquent",
    "cei",
    "late_payment_count",
    "late_payment_amount",
    "promise_kept_count",
    "plan_completion",
    "recovery_rate",
)
REBUILD_MONTHS = 12


class DebtRecoveryKpiSnapshot(models.Model):
    _name = "debt.recovery.kpi.snapshot"
    _description = "Debt Recovery KPI Snapshot"
    _order = "month desc, company_id, user_id desc"
    _check_company_auto = True

    month = fields.Date(
        required=True, readonly=True, index=True, help="First day of the month measured."
    )
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id", store=True)
    user_id = fields.Many2one(
        "res.users",
        string="Collector",
        readonly=True,
        index=True,
        help="Empty: the whole company.",
    )
    ar_ending = fields.Monetary(string="Ending Receivables", readonly=True)
    ar_ending_open = fields.Monetary(
        string="Ending Open Invoices",
        readonly=True,
        help="Invoices still owed at the month's end, unapplied credits not deducted.",
    )
    ar_ending_overdue = fields.Monetary(string="Ending Receivables Overdue", readonly=True)
    dso_standard = fields.Float(
        string="DSO (standard)", digits=(16, 1), aggregator="avg", readonly=True
    )
    dso_countback = fields.Float(
        string="DSO (countback)", digits=(16, 1), aggregator="avg", readonly=True
    )
    best_possible_dso = fields.Float(digits=(16, 1), aggregator="avg", readonly=True)
    average_days_delinquent = fields.Float(digits=(16, 1), aggregator="avg", readonly=True)
    cei = fields.Float(string="CEI (%)", digits=(16, 1), aggregator="avg", readonly=True)
    late_payment_count = fields.Float(
        string="Paid Late (% of invoices)", digits=(16, 1), aggregator="avg", readonly=True
    )
    late_payment_amount = fields.Float(
        string="Paid Late (% of amount)", digits=(16, 1), aggregator="avg", readonly=True
    )
    promise_kept_count = fields.Float(
        string="Promises Kept (% count)", digits=(16, 1), aggregator="avg", readonly=True
    )
    plan_completion = fields.Float(
        string="Plans Completed (%)", digits=(16, 1), aggregator="avg", readonly=True
    )
    recovery_rate = fields.Float(
        string="Recovery Rate (%)", digits=(16, 1), aggregator="avg", readonly=True
    )
    undefined_kpis = fields.Char(
        readonly=True, help="KPIs without a value that month (no sales, no settled promise...)."
    )

    def init(self):
        # One row per company, month and collector; the whole company's row has no collector
        # (NULL), which a plain UNIQUE constraint would not make unique.
        create_unique_index(
            self.env.cr,
            "debt_recovery_kpi_snapshot_company_month_user_uniq",
            self._table,
            ["company_id", "month", "COALESCE(user_id, 0)"],
        )

    @api.depends("month", "company_id", "user_id")
    def _compute_display_name(self):
        for snapshot in self:
            month = snapshot.month.strftime("%Y-%m") if snapshot.month else ""
            who = snapshot.user_id.name or snapshot.company_id.name or ""
            snapshot.display_name = f"{month} {who}".strip()

    # ------------------------------------------------------------------ building
    @api.model
    def _build(self, months, company_ids=None):
        """Compute and store the snapshots of ``months`` (dates, any day of the month) for the
        companies ``company_ids`` (all of them by default) and their collectors (the users
        with cases in the company). Rebuilding a month replaces its rows. Returns the rows."""
        months = sorted({fields.Date.to_date(month).replace(day=1) for month in months})
        companies = self.env["res.company"].search(
            [("id", "in", company_ids)] if company_ids is not None else []
        )
        if not (months and companies):
            return self.browse()
        self.env.flush_all()
        collectors = self._collectors(companies)
        values = {
            (company.id, month, user_id): self._month_values(company, month, user_id)
            for company in companies
            for month in months
            for user_id in [False, *collectors.get(company.id, [])]
        }
        return self._store(values, companies, months)

    def _collectors(self, companies):
        """{company id: [user ids]} of the users with recovery cases in each company."""
        groups = self.env["debt.recovery.case"]._read_group(
            [("company_id", "in", companies.ids), ("user_id", "!=", False)],
            ["company_id", "user_id"],
        )
        collectors = {}
        for company, user in groups:
            collectors.setdefault(company.id, []).append(user.id)
        return collectors

    def _month_values(self, company, month, user_id):
        """The dashboard's figures over ``month`` (up to today for the current month)."""
        last_day = min(month + relativedelta(months=1, days=-1), fields.Date.context_today(self))
        dashboard = self.env["debt.recovery.kpi.dashboard"].new(
            {
                "date_from": month,
                "date_to": max(last_day, month),
                "company_id": company.id,
                "user_id": user_id,
            }
        )
        kpis = dashboard._kpi_values()
        undefined = [
            dashboard._fields[name].get_description(self.env)["string"]
            for name, value in kpis.items()
            if name in SNAPSHOT_KPIS and value is None
        ]
        return {
            **{name: kpis[name] or 0.0 for name in SNAPSHOT_KPIS},
            "undefined_kpis": ", ".join(undefined) or False,
        }

    def _store(self, values, companies, months):
        """Upsert the rows {(company id, month, user id): values}; the other rows of these
        companies and months (a collector without cases any more) are removed."""
        # Nobody may write snapshots (read-only access for everyone): this method, the only
        # writer, stores the figures just computed for the caller's companies as superuser.
        self = self.sudo()
        existing = self.search([("company_id", "in", companies.ids), ("month", "in", months)])
        by_key = {(row.company_id.id, row.month, row.user_id.id or False): row for row in existing}
        kept = self.browse()
        to_create = []
        for key, row_values in values.items():
            row = by_key.get(key)
            if row:
                row.write(row_values)
                kept |= row
            else:
                company_id, month, user_id = key
                to_create.append(
                    {"company_id": company_id, "month": month, "user_id": user_id, **row_values}
                )
        (existing - kept).unlink()
        return kept | self.create(to_create)

    # ------------------------------------------------------------------ entry points
    @api.model
    def _cron_build_previous_month(self):
        """Monthly: the previous month of every company and of its collectors."""
        previous = fields.Date.context_today(self).replace(day=1) - relativedelta(months=1)
        # The job measures every company; the rows are written only here.
        rows = self.sudo()._build([previous])
        if self.env.context.get("ir_cron_progress_id"):
            self.env["ir.cron"]._notify_progress(done=len(rows), remaining=0)

    @api.model
    def action_rebuild(self):
        """Rebuild the last 12 completed months of the companies the manager works in."""
        if not self.env.user.has_group("debt_recovery.group_debt_recovery_manager"):
            raise AccessError(self.env._("Only recovery managers can rebuild the KPI history."))
        first = fields.Date.context_today(self).replace(day=1)
        months = [first - relativedelta(months=n) for n in range(1, REBUILD_MONTHS + 1)]
        self._build(months, self.env.companies.ids)
        return {"type": "ir.actions.client", "tag": "soft_reload"}
