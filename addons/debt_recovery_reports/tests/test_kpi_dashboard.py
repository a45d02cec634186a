# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from odoo.tests import tagged

from .common import ReportsCommon


@tagged("post_install", "-at_install")
class TestKpiDashboard(ReportsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Sales: January 500,000, February 350,000, March 400,000 (2025); 250,000 of the
        # January invoice paid on 20 February -> receivables on 31 March: 1,000,000.
        cls.jan = cls._invoice(cls.debtor, 500000.0, "2025-02-14", invoice_date=date(2025, 1, 15))
        cls.feb = cls._invoice(cls.debtor, 350000.0, "2025-03-17", invoice_date=date(2025, 2, 15))
        cls.mar = cls._invoice(cls.debtor, 400000.0, "2025-04-19", invoice_date=date(2025, 3, 20))
        # The January invoice was claimed by a first reminder on 18 February.
        cls._communication(
            cls.debtor,
            cls.jan,
            cls.level_by_name["First reminder"],
            date(2025, 2, 18),
            state="done",
        )
        cls._pay(cls.jan, amount=250000.0, pay_date=date(2025, 2, 20))

    def _dashboard(self, **values):
        return self.env["debt.recovery.kpi.dashboard"].create(
            {
                "date_from": "2025-01-01",
                "date_to": "2025-03-31",
                "company_id": self.company.id,
                **values,
            }
        )

    def test_dso_cei(self):
        dash = self._dashboard()
        self.assertEqual(dash.period_days, 90)
        self.assertAlmostEqual(dash.ar_ending, 1000000)
        self.assertAlmostEqual(dash.credit_sales, 1250000)
        self.assertAlmostEqual(dash.ar_ending_current, 400000)
        # Countback: 1,000,000 - 400,000 (31 d) - 350,000 (28 d) = 250,000 / 500,000 x 31 d
        self.assertAlmostEqual(dash.dso_countback, 74.5)
        # Standard: 1,000,000 / 1,250,000 x 90
        self.assertAlmostEqual(dash.dso_standard, 72.0)
        # Best possible: 400,000 / 1,250,000 x 90; ADD = 72 - 28.8
        self.assertAlmostEqual(dash.best_possible_dso, 28.8)
        self.assertAlmostEqual(dash.average_days_delinquent, 43.2)
        # CEI: (0 + 1,250,000 - 1,000,000) / (0 + 1,250,000 - 400,000) x 100
        self.assertAlmostEqual(dash.cei, 250000 / 850000 * 100, places=1)
        # Nothing overdue on 31 December 2024: recovery rate undefined.
        self.assertEqual(dash.overdue_at_start, 0)
        self.assertIn("Recovery Rate", dash.undefined_kpis)
        # The payment came after the "First reminder" level.
        self.assertIn("First reminder", dash.recovered_per_level)
        self.assertIn("250,000.00", dash.recovered_per_level)

    def test_recovery_rate(self):
        # Q2: overdue on 31 March = 250,000 (Jan) + 350,000 (Feb); 150,000 collected in April.
        self._pay(self.feb, amount=150000.0, pay_date=date(2025, 4, 10))
        dash = self._dashboard(date_from="2025-04-01", date_to="2025-06-30")
        self.assertAlmostEqual(dash.overdue_at_start, 600000)
        self.assertAlmostEqual(dash.collected, 150000)
        self.assertAlmostEqual(dash.recovery_rate, 25.0)
        self.assertAlmostEqual(dash.ar_opening, 1000000)

    def test_recovery_rate_counts_only_what_was_overdue_at_the_start(self):
        """An invoice due on 31 March, the opening day of Q2, is not overdue on that day: its
        payment in April is not collected on overdue (the rate cannot pass 100%)."""
        due_on_opening = self._invoice(
            self.debtor, 10000.0, "2025-03-31", invoice_date=date(2025, 3, 1)
        )
        self._pay(due_on_opening, pay_date=date(2025, 4, 5))
        self._pay(self.feb, amount=150000.0, pay_date=date(2025, 4, 10))
        dash = self._dashboard(date_from="2025-04-01", date_to="2025-06-30")
        self.assertAlmostEqual(dash.overdue_at_start, 600000)
        self.assertAlmostEqual(dash.collected, 150000)
        self.assertAlmostEqual(dash.recovery_rate, 25.0)

    def test_promises_and_plans(self):
        Promise = self.env["debt.recovery.promise"]
        for state, amount in [("kept", 1000.0), ("broken", 3000.0), ("open", 500.0)]:
            promise = Promise.create(
                {
                    "partner_id": self.debtor.id,
                    "company_id": self.company.id,
                    "amount": amount,
                    "date": "2025-02-10",
                    "date_made": "2025-02-01",
                }
            )
            promise.state = state
        Plan = self.env["debt.recovery.plan"]
        for state in ("done", "done", "broken", "active", "cancelled"):
            plan = Plan.create(
                {
                    "partner_id": self.debtor.id,
                    "company_id": self.company.id,
                    "date_start": "2025-02-01",
                }
            )
            plan.state = state
        dash = self._dashboard()
        self.assertAlmostEqual(dash.promise_kept_count, 50.0)
        self.assertAlmostEqual(dash.promise_kept_amount, 25.0)
        self.assertAlmostEqual(dash.plan_completion, 200 / 3, places=1)

    def test_collector_filter_and_actions(self):
        other = self.env["res.users"].create({"name": "Other", "login": "dr_other_collector"})
        self.env["debt.recovery.case"].create(
            {
                "partner_id": self.debtor.id,
                "company_id": self.company.id,
                "user_id": self.collector.id,
            }
        )
        self.assertAlmostEqual(self._dashboard(user_id=self.collector.id).ar_ending, 1000000)
        self.assertAlmostEqual(self._dashboard(user_id=other.id).ar_ending, 0)
        dash = self._dashboard()
        action = dash.action_aged_pivot()
        self.assertEqual(action["context"], {"aged_date": "2025-03-31"})
        self.assertEqual(action["views"][0][1], "pivot")
        self.assertEqual(dash.action_promises()["res_model"], "debt.recovery.promise")

    def test_late_payment_rate(self):
        # Settled in the period: the February invoice paid on time, a small one paid late.
        self._pay(self.feb, pay_date=date(2025, 3, 10))
        small = self._invoice(self.debtor, 50000.0, "2025-01-31", invoice_date=date(2025, 1, 2))
        self._pay(small, pay_date=date(2025, 2, 10))
        dash = self._dashboard()
        self.assertAlmostEqual(dash.late_payment_count, 50.0)
        self.assertAlmostEqual(dash.late_payment_amount, 50000.0 / 400000.0 * 100)
