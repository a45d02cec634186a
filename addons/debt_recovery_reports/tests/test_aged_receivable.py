# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date, timedelta

from odoo import fields
from odoo.tests import tagged
from odoo.tools import SQL

from odoo.addons.debt_recovery_reports.kpi_engine import kpi
from odoo.addons.debt_recovery_reports.models.debt_recovery_aged_receivable import (
    bucket_columns,
)

from .common import ReportsCommon

AGED = "debt.recovery.aged.receivable"


@tagged("post_install", "-at_install")
class TestAgedReceivable(ReportsCommon):
    def _by_bucket(self, at_date=None):
        Aged = self.env[AGED]
        if at_date:
            Aged = Aged.with_context(aged_date=fields.Date.to_string(at_date))
        groups = Aged._read_group(
            [("company_id", "=", self.company.id)], ["bucket"], ["amount_residual:sum"]
        )
        result = dict.fromkeys(kpi.BUCKETS, 0.0)
        result.update(groups)
        return result

    def test_sql_buckets_are_the_engine_buckets(self):
        """The view's SQL puts each number of days past due where the KPI engine does."""
        at = date(2024, 3, 31)
        for days in (-30, -1, 0, 1, 30, 31, 60, 61, 90, 91, 400):
            due = at - timedelta(days=days)
            self.env.cr.execute(
                SQL(
                    "SELECT %s FROM (SELECT %s::date - %s::date AS days, 100.0 AS amount) r",
                    SQL(", ").join(bucket_columns(SQL("r.days"), SQL("r.amount"))),
                    at,
                    due,
                )
            )
            row = self.env.cr.dictfetchone()
            bucket = kpi.aging_bucket(due, at)
            self.assertEqual(row["bucket"], bucket, f"{days} days past due")
            for key in kpi.BUCKETS:
                self.assertEqual(row[f"amount_{key}"], 100.0 if key == bucket else 0, key)

    def test_today_matches_direct_computation(self):
        today = fields.Date.context_today(self.env.user)
        for days, amount in [
            (-5, 100.0),
            (0, 50.0),
            (1, 200.0),
            (30, 300.0),
            (31, 400.0),
            (75, 500.0),
            (91, 600.0),
            (400, 700.0),
        ]:
            self._invoice(self.debtor, amount, today - timedelta(days=days))
        inv = self._invoice(self.consumer, 1000.0, today - timedelta(days=45))
        self._pay(inv, amount=250.0)
        self._refund(self.consumer, 80.0, today)
        # Direct computation over the journal items, bucketed by the pure engine.
        lines = self.env["account.move.line"].search(
            [
                ("company_id", "=", self.company.id),
                ("account_id.account_type", "=", "asset_receivable"),
                ("parent_state", "=", "posted"),
                ("amount_residual", "!=", 0),
            ]
        )
        expected = kpi.aging(
            [(line.date_maturity or line.date, line.amount_residual) for line in lines], today
        )
        got = self._by_bucket()
        for bucket in kpi.BUCKETS:
            self.assertAlmostEqual(got[bucket], expected[bucket], places=2, msg=bucket)
        self.assertAlmostEqual(got["current"], 100 + 50 - 80)
        self.assertAlmostEqual(got["1_30"], 500)
        self.assertAlmostEqual(got["31_60"], 400 + 750)
        self.assertAlmostEqual(got["61_90"], 500)
        self.assertAlmostEqual(got["90_plus"], 1300)
        # Per-collector and per-partner drill-down fields.
        row = self.env[AGED].search([("move_id", "=", inv.id)])
        self.assertEqual(row.partner_id, self.consumer)
        self.assertEqual(row.days_past_due, 45)
        self.assertEqual(row.amount_31_60, 750)
        self.assertEqual(row.action_open_document()["res_id"], inv.id)

    def test_as_of_past_date(self):
        inv = self._invoice(self.debtor, 1000.0, "2024-02-09", invoice_date=date(2024, 1, 10))
        self._pay(inv, amount=400.0, pay_date=date(2024, 3, 15))
        self._pay(inv, amount=600.0, pay_date=date(2024, 5, 2))
        # 1 March: nothing paid yet, 21 days late.
        at_march = self._by_bucket(date(2024, 3, 1))
        self.assertAlmostEqual(at_march["1_30"], 1000)
        self.assertAlmostEqual(sum(at_march.values()), 1000)
        # 31 March: 600 left, 51 days late.
        at_end_march = self._by_bucket(date(2024, 3, 31))
        self.assertAlmostEqual(at_end_march["31_60"], 600)
        self.assertAlmostEqual(sum(at_end_march.values()), 600)
        # Before the invoice date: nothing; after the last payment: nothing; today: nothing.
        self.assertAlmostEqual(sum(self._by_bucket(date(2024, 1, 9)).values()), 0)
        self.assertAlmostEqual(sum(self._by_bucket(date(2024, 5, 2)).values()), 0)
        self.assertAlmostEqual(sum(self._by_bucket().values()), 0)

    def test_wizard_opens_view_at_date(self):
        wizard = self.env["debt.recovery.aged.balance.wizard"].create({"date": "2024-03-31"})
        action = wizard.action_open()
        self.assertEqual(action["res_model"], AGED)
        self.assertEqual(action["context"], {"aged_date": "2024-03-31"})
