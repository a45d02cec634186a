# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

from odoo.addons.debt_recovery.models.debt_recovery_demo import DEMO_STORY, FRENCH_CONTRACTS

HISTORY_MONTHS = 12
# How each debtor of the story usually pays, in days after the due date (negative: before it):
# most of them early, the hospital slowly like many public bodies, the hotel, a consumer and the
# joinery that ends in litigation always late.
PAYMENT_HABITS = {
    "Atelier Moreau SARL": -9,
    "Cabinet Mercier": -6,
    "Café du Commerce": -4,
    "Centre hospitalier de Valence": 15,
    "Garage Petit & Fils": -8,
    "Hôtel Bonnet SARL": 20,
    "Imprimerie Roux SAS": -6,
    "Jeanne Martin": -8,
    "Librairie Dupont": -10,
    "Lucas Bernard": 10,
    "Menuiserie Lambert": 30,
    "Pharmacie Girard": -4,
    "Transports Fournier": -5,
}


class DebtRecoveryDemo(models.AbstractModel):
    _inherit = "debt.recovery.demo"

    @api.model
    def _load_kpi_history(self, months=HISTORY_MONTHS):
        """A year of invoices and settled promises of the story's debtors, each paying as it
        usually does (``PAYMENT_HABITS``), all a little later in the older months, then the KPI
        history of those months and the debtors' risk.

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
        # Each debtor's usual invoice: about the size of its invoices in the story.
        usual = {
            name: sum(a for a, _days in lines) / len(lines) for name, *_v, lines, _e in DEMO_STORY
        }
        first = today.replace(day=1)
        month_starts = [first - relativedelta(months=n) for n in range(months, 0, -1)]
        values, pay_dates = [], []
        # This month's invoices too (those already issued): some are not due yet.
        for index, month in enumerate([*month_starts, first]):
            for rank, partner in enumerate(partners):
                due = month + timedelta(days=20 + 2 * rank)
                if due - timedelta(days=30) > today:
                    continue
                amount = self._demo_history_amount(usual[partner.name], index, rank)
                values.append(self._demo_invoice_values(partner, company, amount, due))
                delay = self._demo_delay(index, rank, PAYMENT_HABITS.get(partner.name, 0))
                pay_dates.append(due + timedelta(days=delay))
        moves = self.env["account.move"].create(values)
        moves.action_post()
        for move, pay_date in zip(moves, pay_dates, strict=True):
            if pay_date < today:
                self.env["account.payment.register"].with_context(
                    active_model="account.move", active_ids=move.ids
                ).create({"payment_date": pay_date})._create_payments()
        self._demo_promise_history(company, partners, month_starts)
        self.env["debt.recovery.kpi.snapshot"]._build(month_starts, company.ids)
        # The weekly risk score, from the history above.
        self.env["debt.recovery.case"].sudo()._refresh_risk(today, company.ids)

    @api.model
    def _demo_history_amount(self, usual, index, rank):
        """Amount of the ``index``-th month's invoice of the ``rank``-th debtor, whose usual
        invoice is ``usual``: 60% to 120% of it, rounded to tens."""
        return round(usual * (0.6 + 0.1 * ((index * 3 + rank * 5) % 7)), -1)

    @api.model
    def _demo_delay(self, index, rank, habit=0):
        """Days late of the payment of the ``index``-th month's invoice of the ``rank``-th
        debtor, who usually pays ``habit`` days late: 3 days later than that a year ago, give
        or take 4 days, and 12 days more for the invoices forgotten a while (every other month
        for a few debtors)."""
        forgotten = 12 if (rank * 5 + index * 3) % 6 == 0 else 0
        trend = (HISTORY_MONTHS - 1 - index) // 3
        return habit + trend + (rank * 13 + index * 7) % 9 - 4 + forgotten

    @api.model
    def _demo_promise_history(self, company, partners, month_starts):
        """Three promises a month of ``partners`` to ``company``: one kept a year ago, all of
        them in the last months."""
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

    @api.model
    def _demo_load_french_company(self, replay_days=80):
        """The French demo company, and the KPI history of its last months (its year of
        invoices is in the story)."""
        company = super()._demo_load_french_company(replay_days)
        Snapshot = self.env["debt.recovery.kpi.snapshot"].sudo()
        if company and not Snapshot.search_count([("company_id", "=", company.id)]):
            first = fields.Date.context_today(self).replace(day=1)
            months = [first - relativedelta(months=n) for n in range(HISTORY_MONTHS, 0, -1)]
            # The promises its customers made over the year, as the first company's.
            partners = self.env["res.partner"].search(
                [
                    ("name", "in", [name for name, _habit in FRENCH_CONTRACTS]),
                    ("parent_id", "=", False),
                ],
                order="name",
            )
            self.with_company(company)._demo_promise_history(company, partners, months)
            Snapshot._build(months, company.ids)
        return company
