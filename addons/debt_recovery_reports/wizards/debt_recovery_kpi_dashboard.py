# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Recovery KPI dashboard: data gathered set-based (SQL, read_group), formulas from kpi_engine.kpi.

Definitions (period = [date_from, date_to], ``days`` its length):

* receivables (AR) at a date: ``debt.recovery.aged.receivable._totals``, one query over the
  aged rows rebuilt at that date, which ``kpi_engine.kpi.receivables`` turns into the one
  definition every figure uses: open invoices (items with a positive residual) by bucket,
  unapplied credits (payments and credit notes not yet matched, negative residuals) apart, and
  their sum, the total receivables, which is the balance of the receivable accounts. The best
  possible DSO and the CEI take the not-due invoices net of the credits each debtor has left once
  its overdue invoices are settled (``current_net``, never above the total); opening AR is
  taken at ``date_from - 1``;
* credit sales: posted customer invoices less credit notes (``amount_total_signed``) by
  invoice date;
* countback DSO: monthly sales walked back from ``date_to``'s month (the current month counts
  its days up to ``date_to``), up to 24 months;
* recovery rate: payments received in the period (reconciliations whose credit side is a
  payment entry and whose ``max_date`` is in the period) on items already past due at
  ``date_from - 1`` (due before that day, as the aged totals count them), over the past-due AR
  at ``date_from - 1``;
* recovered per level: the same payments on customer invoices, by the invoice's
  ``debt_recovery_level_id``. That field holds the LAST level the invoice was included in, so
  for a paid invoice it approximates the reminder that triggered the payment (a level reached
  after a partial payment gets the earlier instalments too);
* promises: by promised date in the period; plans: by start date in the period;
* the collector filter keeps the debtors whose case has that collector.
"""

import calendar
from datetime import timedelta

from dateutil.relativedelta import relativedelta
from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.tools import SQL, format_amount, format_date

from odoo.addons.debt_recovery.models.company_scope import company_condition

from ..kpi_engine import kpi

COUNTBACK_MONTHS = 24


class DebtRecoveryKpiDashboard(models.TransientModel):
    _name = "debt.recovery.kpi.dashboard"
    _description = "Debt Recovery KPI Dashboard"

    date_from = fields.Date(
        required=True,
        default=lambda self: fields.Date.context_today(self).replace(day=1)
        - relativedelta(months=2),
    )
    date_to = fields.Date(required=True, default=fields.Date.context_today)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    user_id = fields.Many2one("res.users", string="Collector", domain="[('share', '=', False)]")

    period_days = fields.Integer(compute="_compute_kpis")
    ar_opening = fields.Monetary(string="Opening Receivables", compute="_compute_kpis")
    ar_ending = fields.Monetary(string="Ending Receivables", compute="_compute_kpis")
    ar_ending_open = fields.Monetary(string="Ending Open Invoices", compute="_compute_kpis")
    ar_ending_current = fields.Monetary(
        string="Ending Receivables Not Due", compute="_compute_kpis"
    )
    ar_ending_overdue = fields.Monetary(
        string="Ending Receivables Overdue", compute="_compute_kpis"
    )
    ar_ending_credits = fields.Monetary(string="Ending Unapplied Credits", compute="_compute_kpis")
    ar_ending_current_net = fields.Monetary(
        string="Ending Not Due Net of Credits", compute="_compute_kpis"
    )
    credit_sales = fields.Monetary(compute="_compute_kpis")
    dso_standard = fields.Float(string="DSO (standard)", compute="_compute_kpis", digits=(16, 1))
    dso_countback = fields.Float(string="DSO (countback)", compute="_compute_kpis", digits=(16, 1))
    best_possible_dso = fields.Float(compute="_compute_kpis", digits=(16, 1))
    average_days_delinquent = fields.Float(compute="_compute_kpis", digits=(16, 1))
    cei = fields.Float(string="CEI (%)", compute="_compute_kpis", digits=(16, 1))
    promise_kept_count = fields.Float(
        string="Promises Kept (% count)", compute="_compute_kpis", digits=(16, 1)
    )
    promise_kept_amount = fields.Float(
        string="Promises Kept (% amount)", compute="_compute_kpis", digits=(16, 1)
    )
    late_payment_count = fields.Float(
        string="Paid Late (% of invoices)",
        compute="_compute_kpis",
        digits=(16, 1),
        help="Share of the invoices settled in the period that were paid after their due date.",
    )
    late_payment_amount = fields.Float(
        string="Paid Late (% of amount)",
        compute="_compute_kpis",
        digits=(16, 1),
        help="Share of the amount of the invoices settled in the period paid after the due date.",
    )
    plan_completion = fields.Float(
        string="Plans Completed (%)", compute="_compute_kpis", digits=(16, 1)
    )
    overdue_at_start = fields.Monetary(compute="_compute_kpis")
    collected = fields.Monetary(string="Collected on Overdue", compute="_compute_kpis")
    recovery_rate = fields.Float(
        string="Recovery Rate (%)", compute="_compute_kpis", digits=(16, 1)
    )
    recovered_per_level = fields.Html(compute="_compute_kpis", sanitize=False)
    undefined_kpis = fields.Char(
        compute="_compute_kpis", help="KPIs without a value (no sales, no settled promise...)."
    )

    # ------------------------------------------------------------------ data gathering
    def _filters(self):
        self.ensure_one()
        return {
            "company_ids": self.company_id.ids,
            "user_ids": self.user_id.ids or None,
        }

    def _collector_join(self, alias_partner, alias_company):
        """SQL condition restricting to the debtors of the collector, if any."""
        if not self.user_id:
            return SQL("TRUE")
        return SQL(
            """EXISTS (SELECT 1 FROM debt_recovery_case c
                        WHERE c.partner_id = %s AND c.company_id = %s AND c.user_id = %s)""",
            SQL.identifier(alias_partner, "commercial_partner_id"),
            SQL.identifier(alias_company, "company_id"),
            self.user_id.id,
        )

    def _monthly_sales(self, first_day, last_day):
        """{month first day: net credit sales} between the two dates, one query."""
        self.env.cr.execute(
            SQL(
                """
                SELECT date_trunc('month', m.invoice_date)::date, SUM(m.amount_total_signed)
                  FROM account_move m
                 WHERE m.move_type IN ('out_invoice', 'out_refund')
                   AND m.state = 'posted'
                   AND %s
                   AND m.invoice_date BETWEEN %s AND %s
                   AND %s
              GROUP BY 1
                """,
                company_condition(self.env, SQL("m.company_id"), self.company_id.ids),
                first_day,
                last_day,
                self._collector_join("m", "m"),
            )
        )
        return dict(self.env.cr.fetchall())

    def _period_sales(self):
        """Net credit sales of the period (the monthly sums over its dates)."""
        return sum(self._monthly_sales(self.date_from, self.date_to).values())

    def _payments_on_receivables(self, extra, group_by_level=False):
        """Payments reconciled in the period on receivable debit items, one query."""
        level = (
            self.env["account.move"]._debt_recovery_last_level_sql(SQL("dm.id"))
            if group_by_level
            else SQL("NULL::int")
        )
        self.env.cr.execute(
            SQL(
                """
                SELECT %(level)s, COALESCE(SUM(pr.amount), 0)
                  FROM account_partial_reconcile pr
                  JOIN account_move_line dl ON dl.id = pr.debit_move_id
                  JOIN account_account a ON a.id = dl.account_id
                  JOIN account_move dm ON dm.id = dl.move_id
                  JOIN account_move_line cl ON cl.id = pr.credit_move_id
                  JOIN account_move cm ON cm.id = cl.move_id
                 WHERE a.account_type = 'asset_receivable'
                   AND dl.parent_state = 'posted'
                   AND cm.move_type = 'entry'
                   AND %(company)s
                   AND pr.max_date BETWEEN %(date_from)s AND %(date_to)s
                   AND %(extra)s
                   AND %(collector)s
              GROUP BY 1
                """,
                level=level,
                company=company_condition(self.env, SQL("dl.company_id"), self.company_id.ids),
                date_from=self.date_from,
                date_to=self.date_to,
                extra=extra,
                collector=self._collector_join("dm", "dl"),
            )
        )
        return self.env.cr.fetchall()

    def _countback_months(self, sales):
        """[(days, sales)] from date_to's month backwards (current month up to date_to)."""
        months = []
        month_start = self.date_to.replace(day=1)
        for index in range(COUNTBACK_MONTHS):
            if index == 0:
                days = self.date_to.day
            else:
                days = calendar.monthrange(month_start.year, month_start.month)[1]
            months.append((days, sales.get(month_start, 0.0)))
            month_start -= relativedelta(months=1)
        return months

    # ------------------------------------------------------------------ KPIs
    @api.depends("date_from", "date_to")
    def _compute_display_name(self):
        for dashboard in self:
            dashboard.display_name = self.env._(
                "Recovery KPIs from %(start)s to %(end)s",
                start=format_date(self.env, dashboard.date_from),
                end=format_date(self.env, dashboard.date_to),
            )

    @api.depends("date_from", "date_to", "company_id", "user_id")
    def _compute_kpis(self):
        for dash in self:
            if not (dash.date_from and dash.date_to and dash.company_id):
                dash._set_empty()
                continue
            self.env.flush_all()
            dash._set_kpis(dash._kpi_values())
            dash.recovered_per_level = dash._level_table(dash._recovered_per_level())

    def _kpi_values(self):
        """{KPI field: value, None when undefined} over the dashboard's period."""
        self.ensure_one()
        Aged = self.env["debt.recovery.aged.receivable"]
        filters = self._filters()
        opening = Aged._totals(self.date_from - timedelta(days=1), **filters)
        ending = Aged._totals(self.date_to, **filters)
        return {
            **self._receivable_kpis(opening, ending),
            **self._promise_and_plan_kpis(),
            **self._recovery_kpis(opening),
            **self._late_payment_kpis(),
        }

    def _receivable_kpis(self, opening, ending):
        """Receivables and sales of the period, DSO (standard, countback, best possible), days
        delinquent and CEI, from the opening and ending aged totals."""
        days = (self.date_to - self.date_from).days + 1
        sales = self._period_sales()
        first_month = self.date_to.replace(day=1) - relativedelta(months=COUNTBACK_MONTHS - 1)
        monthly = self._monthly_sales(first_month, self.date_to)
        dso = kpi.dso_standard(ending["total"], sales, days)
        best = kpi.best_possible_dso(ending["current_net"], sales, days)
        return {
            "period_days": days,
            "ar_opening": opening["total"],
            "ar_ending": ending["total"],
            "ar_ending_open": ending["open"],
            "ar_ending_current": ending["current"],
            "ar_ending_overdue": ending["overdue"],
            "ar_ending_credits": ending["credits"],
            "ar_ending_current_net": ending["current_net"],
            "credit_sales": sales,
            "dso_standard": dso,
            "dso_countback": kpi.dso_countback(ending["total"], self._countback_months(monthly)),
            "best_possible_dso": best,
            "average_days_delinquent": kpi.average_days_delinquent(dso, best),
            "cei": kpi.cei(opening["total"], sales, ending["total"], ending["current_net"]),
        }

    def _promise_and_plan_kpis(self):
        """Promises kept (by count and amount) and plans completed, of the period."""
        promises = self.env["debt.recovery.promise"].search_fetch(
            self._record_domain("date"), ["state", "amount"]
        )
        promise_rates = kpi.promise_kept_rate((p.state, p.amount) for p in promises)
        plans = self.env["debt.recovery.plan"].search_fetch(
            self._record_domain("date_start"), ["state"]
        )
        return {
            "promise_kept_count": promise_rates["count"],
            "promise_kept_amount": promise_rates["amount"],
            "plan_completion": kpi.plan_completion_rate(plans.mapped("state")),
        }

    def _recovery_kpis(self, opening):
        """What was overdue at the start, what of it was collected in the period, the rate."""
        overdue_start = opening["overdue"]
        # Past due at the opening date (the day before the period), as the opening aged
        # totals count it: due before that day; an item due on it was not overdue yet.
        opening_day = self.date_from - timedelta(days=1)
        overdue_filter = SQL(
            "COALESCE(dl.date_maturity, dl.date) < %s AND dl.date <= %s",
            opening_day,
            opening_day,
        )
        collected = sum(amount for _lvl, amount in self._payments_on_receivables(overdue_filter))
        return {
            "overdue_at_start": overdue_start,
            "collected": collected,
            "recovery_rate": kpi.recovery_rate(collected, overdue_start),
        }

    def _late_payment_kpis(self):
        """Late-payment rate of the invoices settled in the period, by count and amount."""
        rates = kpi.late_payment_rate(row[:3] for row in self._settled_invoices())
        return {"late_payment_count": rates["count"], "late_payment_amount": rates["amount"]}

    def _settled_invoices(self):
        """(due date, paid date, amount, id) of the invoices settled in the period, one query.

        The paid date is the latest reconciliation of the invoice's receivable items (the later
        date of the two entries). Penalty invoices are left out."""
        self.env.cr.execute(
            SQL(
                """
                SELECT m.invoice_date_due, MAX(apr.max_date), m.amount_total_signed, m.id
                  FROM account_move m
                  JOIN account_move_line l ON l.move_id = m.id
                  JOIN account_account a ON a.id = l.account_id
                       AND a.account_type = 'asset_receivable'
                  JOIN account_partial_reconcile apr ON apr.debit_move_id = l.id
                 WHERE m.move_type = 'out_invoice' AND m.state = 'posted'
                   AND m.payment_state IN ('paid', 'in_payment')
                   AND NOT COALESCE(m.debt_recovery_is_penalty, FALSE)
                   AND %s AND %s
              GROUP BY m.id
                HAVING MAX(apr.max_date) BETWEEN %s AND %s
                """,
                company_condition(self.env, SQL("m.company_id"), self.company_id.ids),
                self._collector_join("m", "m"),
                self.date_from,
                self.date_to,
            )
        )
        return self.env.cr.fetchall()

    def _recovered_per_level(self):
        """{level: amount} paid on invoices in the period, by the level they had reached."""
        return kpi.recovered_per_level(
            self._payments_on_receivables(SQL("dm.move_type = 'out_invoice'"), True)
        )

    def _set_kpis(self, values):
        """Write the KPIs; the undefined ones (None) show 0 and are named in undefined_kpis."""
        undefined = [
            self._fields[name].get_description(self.env)["string"]
            for name, value in values.items()
            if value is None
        ]
        self.update({name: value or 0.0 for name, value in values.items()})
        self.undefined_kpis = ", ".join(undefined) or False

    def _set_empty(self):
        for name, field in self._fields.items():
            if field.compute == "_compute_kpis":
                self[name] = False

    def _record_domain(self, date_field):
        domain = [
            ("company_id", "=", self.company_id.id),
            (date_field, ">=", self.date_from),
            (date_field, "<=", self.date_to),
        ]
        if self.user_id:
            domain.append(("case_id.user_id", "=", self.user_id.id))
        return domain

    def _level_table(self, per_level):
        levels = self.env["debt.recovery.level"].browse([k for k in per_level if k])
        names = {level.id: level.name for level in levels}
        rows = Markup("").join(
            Markup("<tr><td>%s</td><td class='text-end'>%s</td></tr>")
            % (
                names.get(key) or self.env._("Before any reminder"),
                format_amount(self.env, amount, self.company_id.currency_id),
            )
            for key, amount in per_level.items()
        )
        if not rows:
            return escape(self.env._("No payment in the period."))
        return (
            Markup("<table class='table table-sm'><thead><tr><th>%s</th><th class='text-end'>%s")
            % (self.env._("Level"), self.env._("Recovered"))
            + Markup("</th></tr></thead><tbody>")
            + rows
            + Markup("</tbody></table>")
        )

    # ------------------------------------------------------------------ drill-down actions
    def _aged_action(self, view_mode):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "debt_recovery_reports.debt_recovery_aged_receivable_action"
        )
        domain = [("company_id", "=", self.company_id.id)]
        if self.user_id:
            domain.append(("user_id", "=", self.user_id.id))
        context = {}
        if self.date_to != fields.Date.context_today(self):
            context["aged_date"] = fields.Date.to_string(self.date_to)
        action.update(
            domain=domain,
            context=context,
            view_mode=view_mode,
            views=[(False, mode) for mode in view_mode.split(",")],
        )
        return action

    def action_aged_pivot(self):
        return self._aged_action("pivot,graph,list")

    def action_aged_graph(self):
        return self._aged_action("graph,pivot,list")

    def _records_action(self, model, name, date_field, view_mode):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": model,
            "view_mode": view_mode,
            "views": [(False, mode) for mode in view_mode.split(",")],
            "domain": self._record_domain(date_field),
        }

    def action_communications(self):
        return self._records_action(
            "debt.recovery.communication", self.env._("Communications"), "date", "graph,pivot,list"
        )

    def action_promises(self):
        return self._records_action(
            "debt.recovery.promise", self.env._("Promises to Pay"), "date", "pivot,graph,list"
        )

    def action_plans(self):
        return self._records_action(
            "debt.recovery.plan", self.env._("Instalment Plans"), "date_start", "pivot,graph,list"
        )
