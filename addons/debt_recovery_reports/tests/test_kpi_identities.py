# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The receivables of the KPI dashboard add up: one hand-built ledger, every figure by hand."""

from datetime import date

from odoo import fields
from odoo.tests import tagged

from ..kpi_engine import kpi
from .common import ReportsCommon

END = date(2025, 3, 31)


@tagged("post_install", "-at_install")
class TestKpiIdentities(ReportsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        invoice = cls._invoice
        # Durand: on 31 March 2025 owes 600 (90+), 800 (61-90), 2,000 (31-60), 1,000 (1-30)
        # and 3,000 not due, and has a payment of 700 not matched to any invoice.
        cls.dec = invoice(cls.debtor, 1000.0, "2024-12-15", invoice_date=date(2024, 12, 1))
        cls._pay(cls.dec, amount=400.0, pay_date=date(2025, 2, 10))
        invoice(cls.debtor, 800.0, "2025-01-20", invoice_date=date(2025, 1, 5))
        invoice(cls.debtor, 2000.0, "2025-02-19", invoice_date=date(2025, 1, 20))
        cls.feb = invoice(cls.debtor, 1500.0, "2025-03-12", invoice_date=date(2025, 2, 10))
        cls._pay(cls.feb, amount=500.0, pay_date=date(2025, 3, 20))
        invoice(cls.debtor, 3000.0, "2025-04-14", invoice_date=date(2025, 3, 15))
        cls.unapplied = cls._unapplied_payment(cls.debtor, 700.0, date(2025, 3, 25))
        # Martin: owes 300 (1-30) and 1,200 due on the day (not due), and holds a credit
        # note of 1,000 not matched.
        invoice(cls.consumer, 300.0, "2025-03-03", invoice_date=date(2025, 2, 1))
        invoice(cls.consumer, 1200.0, "2025-03-31", invoice_date=date(2025, 3, 1))
        cls.refund = cls._refund(cls.consumer, 1000.0, date(2025, 3, 10))

    @classmethod
    def _unapplied_payment(cls, partner, amount, day):
        payment = cls.env["account.payment"].create(
            {
                "payment_type": "inbound",
                "partner_type": "customer",
                "partner_id": partner.id,
                "amount": amount,
                "date": day,
                "journal_id": cls.company_data["default_journal_bank"].id,
            }
        )
        payment.action_post()
        return payment

    def _dashboard(self, user=None, **values):
        Dashboard = self.env["debt.recovery.kpi.dashboard"].with_user(user or self.collector)
        return Dashboard.create(
            {
                "date_from": "2025-01-01",
                "date_to": fields.Date.to_string(END),
                "company_id": self.company.id,
                **values,
            }
        )

    def _ledger_balance(self, at_date):
        """Balance of the receivable accounts on ``at_date``: posted receivable items to then."""
        groups = self.env["account.move.line"]._read_group(
            [
                ("account_id.account_type", "=", "asset_receivable"),
                ("parent_state", "=", "posted"),
                ("company_id", "=", self.company.id),
                ("date", "<=", at_date),
            ],
            [],
            ["balance:sum", "amount_residual:sum"],
        )
        return groups[0]

    def test_receivables_by_hand(self):
        """Open invoices by bucket, credits apart, total and the not-due part net of credits."""
        self.assertTrue(self.unapplied.move_id, "the payment is a journal entry")
        totals = self.env["debt.recovery.aged.receivable"]._totals(
            END, company_ids=self.company.ids
        )
        expected = {
            "current": 3000.0 + 1200.0,
            "1_30": 1000.0 + 300.0,
            "31_60": 2000.0,
            "61_90": 800.0,
            "90_plus": 600.0,
            "open": 8900.0,
            "overdue": 4700.0,
            "credits": -700.0 - 1000.0,
            "total": 7200.0,
            # Durand: min(3,000, 6,700); Martin: min(1,200, 1,500 - 1,000 = 500).
            "current_net": 3000.0 + 500.0,
        }
        for key, amount in expected.items():
            with self.subTest(key=key):
                self.assertAlmostEqual(totals[key], amount)

    def test_identities(self):
        """At several dates: buckets add up to the open invoices, the total is the ledger's
        balance, the not-due part net of credits never exceeds the total."""
        Aged = self.env["debt.recovery.aged.receivable"]
        for at_date in (date(2024, 12, 31), date(2025, 2, 10), date(2025, 3, 24), END):
            with self.subTest(at_date=at_date):
                totals = Aged._totals(at_date, company_ids=self.company.ids)
                buckets = sum(totals[key] for key in kpi.BUCKETS)
                self.assertAlmostEqual(totals["current"] + totals["overdue"], totals["open"])
                self.assertAlmostEqual(buckets, totals["open"])
                self.assertAlmostEqual(totals["open"] + totals["credits"], totals["total"])
                self.assertAlmostEqual(totals["total"], self._ledger_balance(at_date)[0])
                self.assertLessEqual(totals["current_net"], totals["total"])
        # Today, the total is also the sum of the items' open amounts.
        self.assertAlmostEqual(Aged._totals(None)["total"], self._ledger_balance(END)[1])

    def test_dashboard_figures_by_hand(self):
        dash = self._dashboard()
        self.assertEqual(dash.period_days, 90)
        self.assertAlmostEqual(dash.ar_opening, 1000.0)
        # January 800 + 2,000; February 1,500 + 300; March 3,000 + 1,200 - 1,000 (credit note)
        self.assertAlmostEqual(dash.credit_sales, 7800.0)
        self.assertAlmostEqual(dash.ar_ending_current, 4200.0)
        self.assertAlmostEqual(dash.ar_ending_overdue, 4700.0)
        self.assertAlmostEqual(dash.ar_ending_open, 8900.0)
        self.assertAlmostEqual(dash.ar_ending_credits, -1700.0)
        self.assertAlmostEqual(dash.ar_ending, 7200.0)
        self.assertAlmostEqual(dash.ar_ending_current_net, 3500.0)
        # DSO 7,200 / 7,800 x 90; best possible 3,500 / 7,800 x 90; ADD the difference.
        self.assertAlmostEqual(dash.dso_standard, 7200 / 7800 * 90, places=1)
        self.assertAlmostEqual(dash.best_possible_dso, 3500 / 7800 * 90, places=1)
        self.assertAlmostEqual(dash.average_days_delinquent, 3700 / 7800 * 90, places=1)
        # Countback: 7,200 - 3,200 (March, 31 d) - 1,800 (February, 28 d) = 2,200 of 2,800
        # (January, 31 d).
        self.assertAlmostEqual(dash.dso_countback, 31 + 28 + 2200 / 2800 * 31, places=1)
        # CEI: (1,000 + 7,800 - 7,200) / (1,000 + 7,800 - 3,500): the 1,600 collected
        # (400 + 500 + 700) over what could have been.
        self.assertAlmostEqual(dash.cei, 1600 / 5300 * 100, places=1)
        # Overdue on 31 December: the December invoice; 400 of it paid in February.
        self.assertAlmostEqual(dash.overdue_at_start, 1000.0)
        self.assertAlmostEqual(dash.collected, 400.0)
        self.assertAlmostEqual(dash.recovery_rate, 40.0)

    def test_dashboard_bounds(self):
        """Best possible DSO <= DSO, days delinquent >= 0 and 0 <= CEI <= 100, at month ends."""
        for month_end in ("2025-01-31", "2025-02-28", "2025-03-31"):
            with self.subTest(date_to=month_end):
                dash = self._dashboard(date_to=month_end)
                self.assertLessEqual(dash.best_possible_dso, dash.dso_standard)
                self.assertGreaterEqual(dash.average_days_delinquent, 0.0)
                self.assertTrue(0.0 <= dash.cei <= 100.0, dash.cei)
                self.assertLessEqual(dash.ar_ending_current, dash.ar_ending_open)
                self.assertFalse(dash.undefined_kpis and "CEI" in dash.undefined_kpis)

    def _count_queries(self, dash):
        dash.invalidate_recordset()
        before = self.env.cr.sql_log_count
        dash._kpi_values()
        return self.env.cr.sql_log_count - before

    def test_query_count_independent_of_debtors(self):
        dash = self._dashboard(user=self.env.user)
        self._count_queries(dash)  # warm the caches
        with_two = self._count_queries(dash)
        for index in range(18):
            partner = self.env["res.partner"].create({"name": f"Debtor {index}"})
            self._invoice(partner, 100.0 + index, "2025-03-01", invoice_date=date(2025, 2, 1))
        self.env.invalidate_all()
        self._count_queries(dash)
        self.assertEqual(self._count_queries(dash), with_two)
        self.assertLessEqual(with_two, 12)
