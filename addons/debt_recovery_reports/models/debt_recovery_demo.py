# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

from odoo.addons.debt_recovery.models.debt_recovery_demo import DEMO_STORY

HISTORY_MONTHS = 12


class DebtRecoveryDemo(models.AbstractModel):
    _inherit = "debt.recovery.demo"

    @api.model
    def _load_kpi_history(self, months=HISTORY_MONTHS):
        """A year of paid invoices and settled promises of the story's debtors, paid later in
        the older months than in the recent ones, then the KPI history of those months.

        Plain records (no external id), like the story's: uninstalling leaves the accounting
        history alone."""
        today = fields.Date.context_today(self)
        company = self.env.ref("base.main_company")
        if not company.chart_template:
            return
        partners = self.env["res.partner"].search(
            [("name", "in", [story[0] for story in DEMO_STORY]), ("parent_id", "=", False)],
            order="name",
        )
        first = today.replace(day=1)
        month_starts = [first - relativedelta(months=n) for n in range(months, 0, -1)]
        values, pay_dates = [], []
        for index, month in enumerate(month_starts):
            for rank, partner in enumerate(partners):
                due = month + timedelta(days=20 + 2 * rank)
                amount = 400.0 + 150.0 * ((index * 3 + rank * 5) % 7)
                values.append(self._demo_invoice_values(partner, company, amount, due))
                pay_dates.append(due + timedelta(days=self._demo_delay(index, rank)))
        moves = self.env["account.move"].create(values)
        moves.action_post()
        for move, pay_date in zip(moves, pay_dates, strict=True):
            if pay_date < today:
                self.env["account.payment.register"].with_context(
                    active_model="account.move", active_ids=move.ids
                ).create({"payment_date": pay_date})._create_payments()
        self._demo_promise_history(company, partners, month_starts)
        self.env["debt.recovery.kpi.snapshot"]._build(month_starts, company.ids)

    @api.model
    def _demo_delay(self, index, rank):
        """Days late of the payment of the ``index``-th month's invoice of the ``rank``-th
        debtor: around 12 days late a year ago, some days early last month, give or take 10."""
        return 12 - 2 * index + (rank * 13 + index * 7) % 21 - 10

    @api.model
    def _demo_promise_history(self, company, partners, month_starts):
        """Three promises a month: one kept a year ago, all of them in the last months."""
        cases = self.env["debt.recovery.case"].search([("company_id", "=", company.id)])
        case_of = {case.partner_id: case for case in cases}
        values = []
        for index, month in enumerate(month_starts):
            for number in range(3):
                partner = partners[(index * 3 + number) % len(partners)]
                kept = number <= index * 3 // len(month_starts)
                values.append(
                    {
                        "partner_id": partner.id,
                        "case_id": case_of.get(partner, cases.browse()).id,
                        "company_id": company.id,
                        "amount": 300.0 + 100.0 * number,
                        "amount_paid": 300.0 + 100.0 * number if kept else 0.0,
                        "date_made": month + timedelta(days=3),
                        "date": month + timedelta(days=14 + number),
                        "state": "kept" if kept else "broken",
                    }
                )
        self.env["debt.recovery.promise"].create(values)
