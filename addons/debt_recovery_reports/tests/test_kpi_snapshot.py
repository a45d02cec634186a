# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The monthly KPI history stores the dashboard's figures, one row per company/month/collector."""

from datetime import date

from freezegun import freeze_time
from psycopg2.errors import UniqueViolation

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tests.common import new_test_user
from odoo.tools import mute_logger

from ..models.debt_recovery_kpi_snapshot import SNAPSHOT_KPIS
from .common import ReportsCommon

FEBRUARY = date(2025, 2, 1)


@tagged("post_install", "-at_install")
class TestKpiSnapshot(ReportsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Durand (Claire's case): 5,000 invoiced in January, due 31 January, 2,000 paid on
        # 10 February; 3,000 invoiced in February, not due on 28 February.
        cls.jan = cls._invoice(cls.debtor, 5000.0, "2025-01-31", invoice_date=date(2025, 1, 10))
        cls.feb = cls._invoice(cls.debtor, 3000.0, "2025-03-20", invoice_date=date(2025, 2, 18))
        cls._pay(cls.jan, amount=2000.0, pay_date=date(2025, 2, 10))
        # Martin (no collector): 1,000 invoiced in February, overdue at its end.
        cls._invoice(cls.consumer, 1000.0, "2025-02-20", invoice_date=date(2025, 2, 5))
        cls.env["debt.recovery.case"].create(
            {
                "partner_id": cls.debtor.id,
                "company_id": cls.company.id,
                "user_id": cls.collector.id,
            }
        )
        cls.Snapshot = cls.env["debt.recovery.kpi.snapshot"]

    def _dashboard(self, user=None):
        return self.env["debt.recovery.kpi.dashboard"].create(
            {
                "date_from": "2025-02-01",
                "date_to": "2025-02-28",
                "company_id": self.company.id,
                "user_id": user and user.id,
            }
        )

    def _row(self, user=None, month=FEBRUARY):
        return self.Snapshot.search(
            [
                ("company_id", "=", self.company.id),
                ("month", "=", month),
                ("user_id", "=", user.id if user else False),
            ]
        )

    def test_snapshot_equals_dashboard(self):
        self.Snapshot._build([date(2025, 2, 14)], self.company.ids)
        row = self._row()
        self.assertEqual(len(row), 1)
        dash = self._dashboard()
        for name in SNAPSHOT_KPIS:
            self.assertAlmostEqual(row[name], dash[name], places=2, msg=name)
        # The dashboard's undefined KPIs, less the one the history does not keep.
        self.assertEqual(
            row.undefined_kpis,
            dash.undefined_kpis.replace("Promises Kept (% amount), ", ""),
        )
        # By hand: 3,000 + 1,000 + 3,000 owed on 28 February, 4,000 of it overdue.
        self.assertAlmostEqual(row.ar_ending, 7000.0)
        self.assertAlmostEqual(row.ar_ending_overdue, 4000.0)
        self.assertAlmostEqual(row.dso_standard, 7000.0 / 4000.0 * 28)

    def test_rebuild_replaces(self):
        self.Snapshot._build([FEBRUARY], self.company.ids)
        first = self._row()
        self.assertAlmostEqual(first.ar_ending, 7000.0)
        self._pay(self.jan, amount=1000.0, pay_date=date(2025, 2, 25))
        self.Snapshot._build([FEBRUARY], self.company.ids)
        rows = self.Snapshot.search(
            [("company_id", "=", self.company.id), ("month", "=", FEBRUARY)]
        )
        self.assertEqual(len(rows), 2)  # the company's row and Claire's
        self.assertEqual(self._row(), first)
        self.assertAlmostEqual(first.ar_ending, 6000.0)
        # The database refuses a second row for the same company, month and no collector.
        with self.assertRaises(UniqueViolation), mute_logger("odoo.sql_db"), self.cr.savepoint():
            self.Snapshot.sudo().create({"company_id": self.company.id, "month": FEBRUARY})

    def test_collector_row(self):
        self.Snapshot._build([FEBRUARY], self.company.ids)
        mine = self._row(self.collector)
        self.assertAlmostEqual(mine.ar_ending, 6000.0)  # Durand only, not Martin
        self.assertAlmostEqual(mine.ar_ending_overdue, 3000.0)
        dash = self._dashboard(self.collector)
        for name in SNAPSHOT_KPIS:
            self.assertAlmostEqual(mine[name], dash[name], places=2, msg=name)
        # A collector who no longer has any case loses its row at the next rebuild.
        self._case().user_id = False
        self.Snapshot._build([FEBRUARY], self.company.ids)
        self.assertFalse(mine.exists())
        self.assertTrue(self._row())

    def test_access(self):
        self.Snapshot._build([FEBRUARY], self.company.ids)
        company_b = self.setup_other_company(name="Snapshot Co B")["company"]
        user_b = new_test_user(
            self.env,
            login="dr_snapshot_b",
            groups="debt_recovery.group_debt_recovery_user",
            company_id=company_b.id,
            company_ids=[Command.set(company_b.ids)],
        )
        self.assertFalse(self.Snapshot.with_user(user_b).search([]))
        own = self.Snapshot.with_user(self.collector)
        self.assertEqual(len(own.search([])), 2)
        with self.assertRaises(AccessError):
            own.create({"company_id": self.company.id, "month": date(2025, 3, 1)})
        with self.assertRaises(AccessError):
            own.action_rebuild()

    @freeze_time("2025-03-10")
    def test_cron_and_rebuild(self):
        self.Snapshot._cron_build_previous_month()
        self.assertAlmostEqual(self._row().ar_ending, 7000.0)
        self.assertEqual(len(self._row(self.collector)), 1)
        self.Snapshot.with_user(self.manager).action_rebuild()
        rows = self.Snapshot.search([("company_id", "=", self.company.id)])
        self.assertEqual(len(rows), 24)  # March 2024 to February 2025, company and Claire
        self.assertEqual(min(rows.mapped("month")), date(2024, 3, 1))
