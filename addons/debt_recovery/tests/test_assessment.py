# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from ..engine.schedule import add_months
from .common import DebtRecoveryCommon


@tagged("post_install", "-at_install")
class TestAssessment(DebtRecoveryCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.today()
        cls.Assessment = cls.env["debt.recovery.assessment"]
        cls.collector_2 = cls._user("dr_collector_2", "Colin Collector", "user")
        cls.billing = cls._user("dr_billing", "Bill Billing", "billing")
        # The budgets of individuals are read by members of "Capacity assessments" only.
        cls.assessment_group = cls.env.ref("debt_recovery.group_debt_recovery_assessment")
        cls.assessment_group.users = [
            Command.link(user.id) for user in (cls.collector, cls.collector_2, cls.manager)
        ]

    def _assessment(self, lines, user=None, **values):
        return self.Assessment.with_user(user or self.collector).create(
            {
                "partner_id": self.consumer.id,
                "kind": "individual",
                "line_ids": [
                    Command.create({"kind": kind, "name": kind, "amount": amount})
                    for kind, amount in lines
                ],
                **values,
            }
        )

    def test_sustainable_result(self):
        self._invoice(self.consumer, 1200.0, self.today - timedelta(days=10))
        assessment = self._assessment(
            [("income", 2000.0), ("expense", 1000.0), ("expense", 200.0), ("debt", 300.0)]
        )
        self.assertEqual(assessment.amount_due, 1200.0)
        self.assertEqual(assessment.monthly_income, 2000.0)
        self.assertEqual(assessment.monthly_expenses, 1200.0)
        self.assertEqual(assessment.monthly_debt_payments, 300.0)
        self.assertEqual(assessment.disposable_income, 500.0)
        self.assertEqual(assessment.recommended_instalment, 450.0)
        self.assertEqual(assessment.recommended_count, 3)
        self.assertTrue(assessment.sustainable)
        self.assertIn("per month for 3 months", str(assessment.recommendation))
        # Totals follow the lines.
        assessment.line_ids.filtered(lambda line: line.kind == "debt").amount = 790.0
        self.assertEqual(assessment.recommended_instalment, 9.0)
        self.assertFalse(assessment.sustainable)
        self.assertEqual(assessment.advice, "too_long_individual")
        self.assertIn("Banque de France", str(assessment.recommendation))

    def test_unsustainable_business_advice(self):
        self._invoice(self.debtor, 5000.0, self.today - timedelta(days=10))
        assessment = self._assessment(
            [("income", 10000.0), ("expense", 10500.0)],
            partner_id=self.debtor.id,
            kind="business",
        )
        self.assertEqual(assessment.recommended_instalment, 0.0)
        self.assertEqual(assessment.recommended_count, 0)
        self.assertFalse(assessment.sustainable)
        self.assertIn("legal route", str(assessment.recommendation))

    def test_standard_lines(self):
        with Form(self.Assessment.with_user(self.collector)) as form:
            form.partner_id = self.consumer
            self.assertEqual(form.kind, "individual")
            self.assertEqual(len(form.line_ids), 14)
            with form.line_ids.edit(0) as line:
                line.amount = 1800.0
            with form.line_ids.edit(4) as line:
                line.amount = 700.0
            self.assertEqual(form.disposable_income, 1100.0)
        assessment = form.record
        self.assertEqual(assessment.monthly_income, 1800.0)
        business = Form(self.Assessment.with_user(self.collector))
        business.partner_id = self.debtor
        self.assertEqual(business.kind, "business")
        self.assertEqual(len(business.line_ids), 5)
        # The button adds the missing categories only.
        assessment.line_ids[1:3].unlink()
        assessment.action_load_standard_lines()
        self.assertEqual(len(assessment.line_ids), 14)
        self.assertEqual(assessment.monthly_income, 1800.0)

    def test_propose_plan(self):
        invoice = self._invoice(self.consumer, 1200.0, self.today - timedelta(days=10))
        self._invoice(self.consumer, 500.0, self.today + timedelta(days=10))  # not overdue
        assessment = self._assessment([("income", 1500.0), ("expense", 1000.0)])
        with self.assertRaises(UserError):
            assessment.action_propose_plan()
        assessment.action_done()
        action = assessment.action_propose_plan()
        plan = self.env["debt.recovery.plan"].browse(action["res_id"])
        self.assertEqual(plan.state, "draft")
        self.assertEqual(plan.invoice_ids, invoice)
        self.assertEqual(plan.amount_total, 1200.0)
        self.assertEqual(plan.instalment_count, 3)  # 450 a month
        self.assertEqual(plan.first_due_date, add_months(self.today, 1))
        self.assertEqual(plan.assessment_id, assessment)

    def test_access_rights(self):
        mine = self._assessment([("income", 1000.0)])
        theirs = self._assessment([("income", 900.0)], user=self.collector_2)
        Assessment = self.Assessment.with_user(self.collector)
        self.assertEqual(Assessment.search([]), mine)
        with self.assertRaises(AccessError):
            theirs.with_user(self.collector).read(["monthly_income"])
        with self.assertRaises(AccessError):
            theirs.line_ids.with_user(self.collector).read(["amount"])
        with self.assertRaises(AccessError):
            mine.with_user(self.collector_2).write({"note": "peek"})
        self.assertEqual(
            self.Assessment.with_user(self.manager).search([("id", "in", (mine | theirs).ids)]),
            mine | theirs,
        )
        with self.assertRaises(AccessError):
            mine.with_user(self.billing).read(["monthly_income"])
        with self.assertRaises(AccessError):
            self.Assessment.with_user(self.billing).create({"partner_id": self.consumer.id})
        # The collector of the case reads the assessments of his case.
        self._invoice(self.debtor, 300.0, self.today - timedelta(days=10))
        self._run(self.today)
        case = self._case()
        case.user_id = self.collector_2
        on_case = self._assessment([("income", 100.0)], partner_id=self.debtor.id)
        self.assertEqual(on_case.case_id, case)
        on_case.with_user(self.collector_2).read(["monthly_income"])

    def test_erase_personal_data(self):
        assessment = self._assessment(
            [("income", 2000.0), ("expense", 1500.0)], note="Divorce, two children"
        )
        result = (assessment.recommended_instalment, assessment.recommended_count)
        with self.assertRaises(AccessError):
            assessment.with_user(self.collector).action_erase_lines()
        assessment.with_user(self.manager).action_erase_lines()
        self.assertFalse(assessment.line_ids)
        self.assertFalse(assessment.note)
        self.assertEqual(assessment.monthly_income, 0.0)
        self.assertTrue(assessment.erased)
        self.assertEqual((assessment.recommended_instalment, assessment.recommended_count), result)
        message = assessment.message_ids[0]
        self.assertIn("erased by Marc Manager", str(message.body))
        self.assertEqual(message.author_id, self.manager.partner_id)

    def test_payment_history(self):
        late = self._invoice(self.debtor, 100.0, self.today - timedelta(days=40))
        on_time = self._invoice(self.debtor, 100.0, self.today - timedelta(days=20))
        self._invoice(self.debtor, 250.0, self.today - timedelta(days=5))
        self._pay(late, pay_date=self.today - timedelta(days=30))
        self._pay(on_time, pay_date=self.today - timedelta(days=25))
        broken = self.env["debt.recovery.plan"].create(
            {"partner_id": self.debtor.id, "invoice_ids": [Command.set(late.ids)]}
        )
        broken.state = "broken"
        assessment = self._assessment([("income", 10.0)], partner_id=self.debtor.id)
        self.assertEqual(assessment.history_paid_count, 2)
        self.assertEqual(assessment.history_avg_days_late, 5.0)
        self.assertEqual(assessment.history_on_time_rate, 50.0)
        self.assertEqual(assessment.history_broken_plans, 1)
        self.assertEqual(assessment.history_broken_promises, 0)
        self.assertEqual(assessment.history_exposure, 250.0)

    def test_individual_budget_members_only(self):
        individual = self._assessment([("income", 2000.0), ("expense", 1500.0)])
        business = self._assessment(
            [("income", 9000.0)], partner_id=self.debtor.id, kind="business"
        )
        outsider = self._user("dr_manager_2", "Mona Manager", "manager")
        self.assertFalse(outsider.has_group("debt_recovery.group_debt_recovery_assessment"))
        # The assessment and its result are read; the person's budget is not.
        as_outsider = individual.with_user(outsider)
        self.assertEqual(as_outsider.recommended_instalment, individual.recommended_instalment)
        self.assertFalse(as_outsider.line_ids)
        with self.assertRaises(AccessError):
            individual.line_ids.with_user(outsider).read(["amount"])
        with self.assertRaises(AccessError):
            individual.line_ids[:1].with_user(outsider).write({"amount": 1.0})
        # A business's figures stay readable by the managers.
        self.assertEqual(business.with_user(outsider).line_ids, business.line_ids)
        # No group implies it: it is granted on purpose.
        implying = self.env["res.groups"].search([("implied_ids", "in", self.assessment_group.ids)])
        self.assertFalse(implying)
        # A manager outside the group still erases the budget.
        as_outsider.action_erase_lines()
        self.assertFalse(individual.line_ids)
