# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date, timedelta

from odoo import Command, fields
from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import format_date

from ..engine.schedule import span_months
from .common import DebtRecoveryCommon

# 1 740 income, 1 730 expenses and debts: 10 a month, 9 after the 10 % contingency.
TIGHT_BUDGET = [("income", 1740.0), ("expense", 1600.0), ("debt", 130.0)]


@tagged("post_install", "-at_install")
class TestPlanLength(DebtRecoveryCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._grant_budget_access(cls.env.user | cls.collector | cls.manager)
        cls.today = fields.Date.today()
        cls.Plan = cls.env["debt.recovery.plan"]
        cls.policy.plan_max_months = 12

    def _plan_values(self, invoice, count, **values):
        return {
            "partner_id": invoice.commercial_partner_id.id,
            "company_id": self.company.id,
            "invoice_ids": [Command.set(invoice.ids)],
            "instalment_count": count,
            "date_start": date(2031, 1, 15),
            "first_due_date": date(2031, 1, 31),
            **values,
        }

    def _assessment(self, partner, lines):
        assessment = (
            self.env["debt.recovery.assessment"]
            .with_user(self.collector)
            .create(
                {
                    "partner_id": partner.id,
                    "kind": "individual",
                    "line_ids": [
                        Command.create({"kind": kind, "name": kind, "amount": amount})
                        for kind, amount in lines
                    ],
                }
            )
        )
        assessment.action_done()
        return assessment

    # ------------------------------------------------------------------ the cap
    def test_plan_over_the_cap_is_refused_with_nothing_written(self):
        invoice = self._invoice(self.debtor, 1300.0, self.today - timedelta(days=5))
        Plan = self.Plan.with_user(self.collector)
        # 13 monthly instalments from 31 Jan 2031: the last on 31 Jan 2032, 12 months later.
        plan = Plan.create(self._plan_values(invoice, 13))
        plan.action_generate_schedule()
        self.assertEqual(span_months(plan.line_ids.mapped("due_date")), 12)
        before = self.Plan.search_count([])
        with self.assertRaises(ValidationError) as error:
            Plan.create(self._plan_values(invoice, 14, first_due_date=date(2031, 2, 28)))
        message = str(error.exception)
        self.assertIn("13 months", message)
        self.assertIn("12 months at most", message)
        self.assertIn("Plan ", message)
        self.assertEqual(self.Plan.search_count([]), before)
        # Longer terms on an existing plan: refused, terms and schedule unchanged.
        with self.assertRaises(ValidationError) as error:
            plan.write({"instalment_count": 14})
        self.assertIn(plan.name, str(error.exception))
        self.assertEqual(plan.instalment_count, 13)
        with self.assertRaises(ValidationError):
            plan.write({"frequency": "quarterly"})
        # A schedule line moved past the cap: refused too.
        with self.assertRaises(ValidationError):
            plan.line_ids[-1:].due_date = date(2032, 2, 1)
        self.assertEqual(plan.line_ids[-1:].due_date, date(2032, 1, 31))

    def test_schedule_of_several_plans_is_all_or_nothing(self):
        first = self._invoice(self.debtor, 600.0, self.today - timedelta(days=5))
        second = self._invoice(self.consumer, 600.0, self.today - timedelta(days=5))
        self.policy.plan_max_months = 24
        plans = self.Plan.create(
            [self._plan_values(first, 6), self._plan_values(second, 20, frequency="monthly")]
        )
        self.policy.plan_max_months = 12  # the second plan's terms are now too long
        with self.assertRaises(ValidationError):
            plans.action_generate_schedule()
        self.assertFalse(plans.line_ids)

    def test_policy_maximum_is_at_least_one_month(self):
        with self.assertRaises(ValidationError):
            self.policy.plan_max_months = 0

    # ------------------------------------------------------------------ proposals
    def test_proposal_from_an_assessment_respects_the_policy_cap(self):
        self._invoice(self.consumer, 1800.0, self.today - timedelta(days=10))
        assessment = self._assessment(self.consumer, TIGHT_BUDGET)
        # 1 800 at 9 a month: 200 months; the maximum comes from the policy.
        self.assertEqual(assessment.recommended_instalment, 9.0)
        self.assertEqual(assessment.recommended_count, 200)
        self.assertEqual(assessment.max_months, 12)
        with self.assertRaises(ValidationError) as error:
            assessment.max_months = 24
        self.assertIn("12 months at most", str(error.exception))
        action = assessment.with_user(self.collector).action_propose_plan()
        plan = self.Plan.browse(action["res_id"])
        self.assertEqual(plan.instalment_count, 12)
        self.assertEqual(plan.frequency, "monthly")
        self.assertIn("200 months", plan.note)
        self.assertIn("Not affordable within 12 months", plan.message_ids[:1].body)
        plan.action_generate_schedule()
        self.assertLessEqual(span_months(plan.line_ids.mapped("due_date")), 12)
        # A smaller maximum on the assessment wins.
        plan.action_cancel()
        assessment.action_draft()
        assessment.max_months = 6
        assessment.action_done()
        plan = self.Plan.browse(assessment.action_propose_plan()["res_id"])
        self.assertEqual(plan.instalment_count, 6)

    def test_proposal_within_the_cap_is_the_recommended_count(self):
        self._invoice(self.consumer, 1200.0, self.today - timedelta(days=10))
        assessment = self._assessment(self.consumer, [("income", 2000.0), ("expense", 1500.0)])
        self.assertEqual(assessment.recommended_count, 3)
        plan = self.Plan.browse(assessment.action_propose_plan()["res_id"])
        self.assertEqual(plan.instalment_count, 3)
        self.assertFalse(plan.note)

    def test_proposal_from_the_case_respects_the_policy_cap(self):
        self._invoice(self.consumer, 1800.0, self.today - timedelta(days=10))
        self._run(self.today)
        case = self._case(self.consumer)
        assessment = self._assessment(self.consumer, TIGHT_BUDGET)
        self.assertEqual(assessment.case_id, case)
        plan = self.Plan.browse(case.with_user(self.collector).action_propose_plan()["res_id"])
        self.assertEqual(plan.instalment_count, 12)
        self.assertIn("200 months", plan.note)

    # ------------------------------------------------------------------ collectors, names
    def test_plan_collector_is_never_the_superuser(self):
        odoobot = self.env.ref("base.user_root")
        system = self.Plan.with_user(odoobot)
        invoice = self._invoice(self.debtor, 900.0, self.today - timedelta(days=10))
        # By the system (daily job, demo data), before any case: the policy's collector.
        self.policy.user_id = self.collector
        plan = system.create(self._plan_values(invoice, 3))
        self.assertEqual(plan.user_id, self.collector)
        plan.unlink()
        # With a case: its collector.
        self._run(self.today)
        case = self._case(self.debtor)
        case.user_id = self.manager
        plan = system.create(self._plan_values(invoice, 3))
        self.assertEqual(plan.case_id, case)
        self.assertEqual(plan.user_id, self.manager)
        plan.unlink()
        # Nobody to take it: no collector rather than OdooBot.
        case.user_id = False
        self.policy.user_id = False
        plan = system.create(self._plan_values(invoice, 3))
        self.assertNotEqual(plan.user_id, odoobot)
        self.assertFalse(plan.user_id)
        plan.unlink()
        # A person creating a plan is its collector.
        plan = self.Plan.with_user(self.collector).create(self._plan_values(invoice, 3))
        self.assertEqual(plan.user_id, self.collector)
        # Promises and assessments recorded by the system do not name OdooBot either.
        case.user_id = self.manager
        promise = (
            self.env["debt.recovery.promise"]
            .with_user(odoobot)
            .create(
                {
                    "partner_id": self.debtor.id,
                    "company_id": self.company.id,
                    "case_id": case.id,
                    "amount": 100.0,
                    "date": self.today + timedelta(days=5),
                }
            )
        )
        self.assertEqual(promise.user_id, self.manager)
        assessment = (
            self.env["debt.recovery.assessment"]
            .with_user(odoobot)
            .create({"partner_id": self.debtor.id, "company_id": self.company.id})
        )
        self.assertEqual(assessment.user_id, self.manager)

    def test_display_names(self):
        invoice = self._invoice(self.consumer, 900.0, self.today - timedelta(days=10))
        assessment = self._assessment(self.consumer, [("income", 2000.0), ("expense", 1500.0)])
        self.assertEqual(
            assessment.display_name,
            f"Assessment of Jeanne Martin ({format_date(self.env, assessment.date)})",
        )
        line = assessment.line_ids.filtered(lambda line: line.kind == "income")
        self.assertEqual(line.display_name, "income")
        plan = self.Plan.create(self._plan_values(invoice, 2, down_payment=100.0))
        plan.action_generate_schedule()
        self.assertEqual(
            plan.line_ids.mapped("display_name"),
            [
                f"{plan.name}: down payment",
                f"{plan.name}: instalment 2",
                f"{plan.name}: instalment 3",
            ],
        )
        promise = self.env["debt.recovery.promise"].create(
            {"partner_id": self.consumer.id, "amount": 100.0, "date": date(2031, 3, 1)}
        )
        self.assertEqual(
            promise.display_name,
            f"Promise of Jeanne Martin for {format_date(self.env, date(2031, 3, 1))}",
        )
        rate = self.env["debt.recovery.rate"].create(
            {"date_from": date(2031, 1, 1), "rate": 2.0, "name": "ECB"}
        )
        self.assertEqual(rate.display_name, f"ECB from {format_date(self.env, date(2031, 1, 1))}")
        # No record of the add-ons shows as "model,id".
        for record in (assessment, line, plan, plan.line_ids[:1], promise, rate):
            self.assertNotEqual(record.display_name, f"{record._name},{record.id}")
