# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
from datetime import timedelta

from odoo import Command, fields
from odoo.tests import tagged
from odoo.tools import format_date

from .common import DebtRecoveryCommon


@tagged("post_install", "-at_install")
class TestAssessmentRetention(DebtRecoveryCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._grant_budget_access(cls.env.user | cls.collector | cls.manager)
        cls.today = fields.Date.today()
        cls.Assessment = cls.env["debt.recovery.assessment"]
        cls.Case = cls.env["debt.recovery.case"]

    def _closed_assessment(self, name, days_ago, kind="individual"):
        """An assessment of a new debtor whose case closed ``days_ago`` days ago."""
        partner = self.env["res.partner"].create(
            {"name": name, "is_company": kind == "business", "lang": "en_US"}
        )
        case = self.Case.create(
            {
                "partner_id": partner.id,
                "company_id": self.company.id,
                "state": "closed",
                "date_closed": self.today - timedelta(days=days_ago),
            }
        )
        assessment = self.Assessment.create(
            {
                "partner_id": partner.id,
                "case_id": case.id,
                "kind": kind,
                "amount_due": 1200.0,
                "note": "Two children, part-time work.",
                "line_ids": [
                    Command.create({"kind": "income", "name": "Salary", "amount": 2000.0}),
                    Command.create({"kind": "expense", "name": "Rent", "amount": 1500.0}),
                ],
            }
        )
        assessment.action_done()
        self.env["ir.attachment"].create(
            {
                "name": "payslip.pdf",
                "res_model": assessment._name,
                "res_id": assessment.id,
                "datas": base64.b64encode(b"%PDF-1.4 payslip"),
            }
        )
        return assessment

    def _attachments(self, assessments):
        return self.env["ir.attachment"].search(
            [("res_model", "=", assessments._name), ("res_id", "in", assessments.ids)]
        )

    def _query_count(self, function):
        """Queries run by ``function`` (the whole test cursor's count)."""
        self.env.flush_all()
        self.env.invalidate_all()
        cursor = self.env.cr
        while "sql_log_count" not in vars(cursor):
            cursor = cursor._cursor
        before = cursor.sql_log_count
        function()
        self.env.flush_all()
        return cursor.sql_log_count - before

    def test_budget_details_erased_after_the_retention(self):
        self.assertEqual(self.company.debt_recovery_assessment_retention_days, 365)
        expired = self._closed_assessment("Jeanne Expired", 366)
        recent = self._closed_assessment("Jean Recent", 364)
        business = self._closed_assessment("Garage Ancien SARL", 366, kind="business")
        self.assertEqual(expired.recommended_instalment, 450.0)
        self.assertEqual(expired.recommended_count, 3)

        erased = self.Assessment._erase_expired_budgets(self.today)

        self.assertEqual(erased, expired)
        self.assertFalse(expired.line_ids)
        self.assertFalse(self._attachments(expired))
        self.assertTrue(expired.erased)
        self.assertEqual(expired.erased_date, self.today)
        self.assertFalse(expired.note)
        self.assertEqual(expired.monthly_income, 0.0)
        # The result stays.
        self.assertEqual(expired.recommended_instalment, 450.0)
        self.assertEqual(expired.recommended_count, 3)
        self.assertTrue(expired.sustainable)
        self.assertEqual(expired.advice, "ok")
        self.assertEqual(
            expired.message_ids[:1].body,
            f"<p>Budget details erased on {format_date(self.env, self.today)} (retention 365 "
            "days after the case closed).</p>",
        )
        # The others keep everything.
        for kept in (recent, business):
            self.assertEqual(len(kept.line_ids), 2)
            self.assertEqual(len(self._attachments(kept)), 1)
            self.assertFalse(kept.erased)
        # Idempotent: nothing more to erase today.
        self.assertFalse(self.Assessment._erase_expired_budgets(self.today))

    def test_retention_is_a_company_setting(self):
        assessment = self._closed_assessment("Jeanne Recent", 40)
        settings = self.env["res.config.settings"].create(
            {"debt_recovery_assessment_retention_days": 30}
        )
        settings.execute()
        self.assertEqual(self.company.debt_recovery_assessment_retention_days, 30)
        self.assertEqual(self.Assessment._erase_expired_budgets(self.today), assessment)
        self.assertIn("retention 30 days", str(assessment.message_ids[:1].body))

    def test_erasure_is_set_based(self):
        erase = lambda: self.Assessment._erase_expired_budgets(self.today)  # noqa: E731
        self._closed_assessment("Warm Up", 400)
        self._query_count(erase)  # caches (message subtype, fields) warm
        self._closed_assessment("Only One", 400)
        single = self._query_count(erase)
        for index in range(5):
            self._closed_assessment(f"Debtor {index}", 400 + index)
        several = self._query_count(erase)
        self.assertEqual(several, single)

    def test_case_closing_date(self):
        invoice = self._invoice(self.consumer, 500.0, self.today - timedelta(days=10))
        self._run(self.today - timedelta(days=1))
        case = self._case(self.consumer)
        self.assertEqual(case.state, "open")
        self.assertFalse(case.date_closed)
        self._pay(invoice)
        self._run(self.today)
        self.assertEqual(case.state, "closed")
        self.assertEqual(case.date_closed, self.today)
        # Later runs keep the date; a new overdue invoice reopens the case and clears it.
        self._run(self.today + timedelta(days=3))
        self.assertEqual(case.date_closed, self.today)
        self._invoice(self.consumer, 300.0, self.today - timedelta(days=5))
        self._run(self.today + timedelta(days=4))
        self.assertNotEqual(case.state, "closed")
        self.assertFalse(case.date_closed)
