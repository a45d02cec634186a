# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The KPI board: its filters, the domain of its graphs, and the records behind a snapshot."""

from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

from ..models.debt_recovery_kpi_snapshot_board import BOARD_GRAPHS
from .common import ReportsCommon

FEBRUARY = date(2025, 2, 1)
JANUARY = date(2025, 1, 1)
A_YEAR_BEFORE = date(2024, 2, 1)


@tagged("post_install", "-at_install")
class TestKpiBoard(ReportsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Durand (Claire's case): 800 due 15 January paid on 5 February (late), 500 due
        # 25 February paid on 20 February (on time), 3,000 due 10 February still owed.
        cls.late = cls._invoice(cls.debtor, 800.0, "2025-01-15", invoice_date=date(2024, 12, 16))
        cls.on_time = cls._invoice(cls.debtor, 500.0, "2025-02-25", invoice_date=date(2025, 1, 26))
        cls._invoice(cls.debtor, 3000.0, "2025-02-10", invoice_date=date(2025, 1, 10))
        cls._pay(cls.late, pay_date=date(2025, 2, 5))
        cls._pay(cls.on_time, pay_date=date(2025, 2, 20))
        cls.case = cls.env["debt.recovery.case"].create(
            {"partner_id": cls.debtor.id, "company_id": cls.company.id, "user_id": cls.collector.id}
        )
        # Martin (no collector) promised 200 for 14 February; nothing for January.
        cls.promise = cls.env["debt.recovery.promise"].create(
            {
                "partner_id": cls.consumer.id,
                "company_id": cls.company.id,
                "amount": 200.0,
                "date": date(2025, 2, 14),
                "date_made": date(2025, 2, 1),
            }
        )
        cls.Snapshot = cls.env["debt.recovery.kpi.snapshot"]
        with freeze_time("2025-03-15"):
            cls.Snapshot._build([A_YEAR_BEFORE, JANUARY, FEBRUARY], cls.company.ids)

    def _row(self, month, user=None):
        return self.Snapshot.search(
            [
                ("company_id", "=", self.company.id),
                ("month", "=", month),
                ("user_id", "=", user.id if user else False),
            ]
        )

    def test_board_defaults_to_the_latest_twelve_months_of_the_company(self):
        board = self.Snapshot.with_user(self.collector).get_kpi_board()
        self.assertEqual(board["company_id"], self.company.id)
        self.assertFalse(board["user_id"])
        self.assertEqual(board["month_to"], "2025-02-01")
        self.assertEqual(
            [month["value"] for month in board["months"]],
            ["2025-02-01", "2025-01-01", "2024-02-01"],
        )
        self.assertEqual(board["months"][0]["label"], "February 2025")
        self.assertEqual(
            board["collectors"], [{"id": self.collector.id, "name": "Claire Collector"}]
        )
        self.assertEqual(
            [(graph["field"], graph["view_id"]) for graph in board["graphs"]],
            [(name, self.env.ref(view).id) for name, view in BOARD_GRAPHS],
        )
        self.assertEqual(
            [graph["title"] for graph in board["graphs"]],
            [
                "DSO (standard)",
                "CEI (%)",
                "Overdue Share (%)",
                "Paid Late (% of invoices)",
                "Promises Kept (% count)",
            ],
        )
        # March 2024 to February 2025: the whole company's rows of January and February.
        self.assertEqual(
            self.Snapshot.search(board["domain"]), self._row(FEBRUARY) | self._row(JANUARY)
        )

    def test_board_filters_by_collector_and_last_month(self):
        board = self.Snapshot.get_kpi_board(user_id=self.collector.id, month_to="2025-01-01")
        self.assertEqual(board["user_id"], self.collector.id)
        self.assertEqual(board["month_to"], "2025-01-01")
        # February 2024 to January 2025, Claire's rows only.
        rows = self.Snapshot.search(board["domain"])
        self.assertEqual(rows.mapped("month"), [JANUARY, A_YEAR_BEFORE])
        self.assertEqual(rows.user_id, self.collector)
        # Someone who is not a collector of the company, a company the user does not work in:
        # the whole company, the current company.
        other = self.env["res.company"].create({"name": "Elsewhere"})
        board = self.Snapshot.with_user(self.collector).get_kpi_board(
            company_id=other.id, user_id=self.manager.id
        )
        self.assertEqual(board["company_id"], self.company.id)
        self.assertFalse(board["user_id"])

    def test_board_query_count_is_bounded(self):
        self.Snapshot.get_kpi_board()
        self.env.invalidate_all()
        # Months, collectors (and their names), companies, graph views: one query each.
        with self.assertQueryCount(10):
            self.Snapshot.get_kpi_board(user_id=self.collector.id)

    def test_overdue_share_and_rates_of_the_month(self):
        february = self._row(FEBRUARY)
        # 3,000 owed on 28 February, all of it overdue; one of the two invoices paid late.
        self.assertAlmostEqual(february.ar_ending, 3000.0)
        self.assertAlmostEqual(february.overdue_share, 100.0)
        self.assertAlmostEqual(february.late_payment_count, 50.0)
        # 31 January: 800 overdue of 4,300 owed.
        self.assertAlmostEqual(self._row(JANUARY).overdue_share, 800.0 / 4300.0 * 100, places=1)
        self.assertEqual(self._row(A_YEAR_BEFORE).overdue_share, 0.0)

    @freeze_time("2025-03-15")
    def test_snapshot_opens_the_records_behind_its_figures(self):
        february = self._row(FEBRUARY).with_user(self.collector)
        late = february.action_open_invoices_paid_late()
        self.assertEqual(late["res_model"], "account.move")
        self.assertEqual(self.env["account.move"].search(late["domain"]), self.late)
        promises = february.action_open_promises()
        self.assertEqual(self.env["debt.recovery.promise"].search(promises["domain"]), self.promise)
        receivables = february.action_open_receivables()
        self.assertEqual(receivables["res_model"], "debt.recovery.aged.receivable")
        self.assertEqual(receivables["context"], {"aged_date": "2025-02-28"})
        self.assertIn(("company_id", "=", self.company.id), receivables["domain"])
        # Claire's snapshot: her debtors' records only (Martin's promise is not hers).
        claire = self._row(FEBRUARY, self.collector)
        self.assertIn(
            ("user_id", "=", self.collector.id), claire.action_open_receivables()["domain"]
        )
        self.assertFalse(
            self.env["debt.recovery.promise"].search(claire.action_open_promises()["domain"])
        )
        self.assertEqual(
            self.env["account.move"].search(claire.action_open_invoices_paid_late()["domain"]),
            self.late,
        )
        # January: nothing settled, no promise.
        january = self._row(JANUARY)
        self.assertFalse(
            self.env["account.move"].search(january.action_open_invoices_paid_late()["domain"])
        )
        self.assertFalse(
            self.env["debt.recovery.promise"].search(january.action_open_promises()["domain"])
        )

    def test_board_client_action_and_menu(self):
        action = self.env.ref("debt_recovery_reports.debt_recovery_kpi_board_action")
        self.assertEqual(action.tag, "debt_recovery_kpi_board")
        menu = self.env.ref("debt_recovery_reports.debt_recovery_kpi_board_menu")
        self.assertEqual(menu.action, action)
        # Each graph is a line or bar graph of its figure by month, clickable (no
        # disable_linking): a point opens the list of the snapshots of its month.
        for name, xmlid in BOARD_GRAPHS:
            arch = self.env.ref(xmlid).arch
            self.assertIn(f'name="{name}" type="measure"', arch)
            self.assertIn('name="month" interval="month"', arch)
            self.assertNotIn("disable_linking", arch)
