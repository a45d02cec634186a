# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The policy chosen by the late-payment risk grade, and the worklist order of unscored cases."""

from datetime import date

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import DebtRecoveryCommon


@tagged("post_install", "-at_install")
class TestRiskPolicy(DebtRecoveryCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        grade = cls.env.ref
        cls.strict = cls._create_policy(
            cls.company,
            ladder=[("Formal notice at once", 1, "formal_notice", {})],
            name="Strict ladder",
            risk_grade_ids=[grade("debt_recovery.risk_grade_e").id],
        )
        cls.watch = cls._create_policy(
            cls.company,
            ladder=[("Early call", 1, "amicable", {"create_activity": True})],
            name="Watch",
            risk_grade_ids=[
                grade("debt_recovery.risk_grade_c").id,
                grade("debt_recovery.risk_grade_d").id,
            ],
        )

    def _grade(self, case, letter):
        """What the weekly scoring writes, for one case."""
        case.write(
            {
                "risk_grade": letter,
                "risk_probability": 0.8,
                "risk_date": date(2026, 3, 1),
                "risk_scored": True,
            }
        )

    def _closed_case_graded(self, letter):
        """A debtor whose first case closed (invoice paid), scored ``letter`` since."""
        invoice = self._invoice(self.debtor, 300.0, "2026-02-01")
        self._run(date(2026, 2, 5))
        case = self._case()
        self.assertEqual(case.policy_id, self.policy)
        self._pay(invoice, pay_date=date(2026, 2, 10))
        self._run(date(2026, 2, 11))
        self.assertEqual(case.state, "closed")
        self._grade(case, letter)
        return case

    def test_next_case_of_a_graded_debtor_takes_the_grade_policy(self):
        case = self._closed_case_graded("E")
        self._invoice(self.debtor, 500.0, "2026-03-01")
        self._run(date(2026, 3, 3))
        self.assertEqual(case.state, "open")
        self.assertEqual(case.policy_id, self.strict)
        self.assertEqual(case.level_id.name, "Formal notice at once")
        # Another debtor, never graded: the company's default.
        self._invoice(self.consumer, 200.0, "2026-03-01")
        self._run(date(2026, 3, 4))
        self.assertEqual(self._case(self.consumer).policy_id, self.policy)

    def test_open_case_keeps_its_policy_when_the_grade_changes(self):
        self._invoice(self.debtor, 300.0, "2026-03-01")
        self._run(date(2026, 3, 5))
        case = self._case()
        level = case.level_id
        self.assertEqual(case.policy_id, self.policy)
        self._grade(case, "E")
        self._run(date(2026, 3, 6))
        self.assertEqual(case.policy_id, self.policy)
        self.assertEqual(case.level_id.policy_id, self.policy)
        self.assertTrue(level)
        # The penalties and the other readers of the debtor's policy see the case's one.
        key = (self.debtor.id, self.company.id)
        Case = self.env["debt.recovery.case"]
        self.assertEqual(Case._policy_map([self.debtor.id], self.company)[key], self.policy)

    def test_debtor_policy_wins_over_the_grade(self):
        case = self._closed_case_graded("D")
        self.assertEqual(
            self.env["debt.recovery.case"]._policy_map([self.debtor.id], self.company)[
                (self.debtor.id, self.company.id)
            ],
            self.watch,
        )
        own = self._create_policy(self.company, name="Own")
        self.debtor.with_company(self.company).debt_recovery_policy_id = own
        self._invoice(self.debtor, 500.0, "2026-03-01")
        self._run(date(2026, 3, 3))
        self.assertEqual(case.policy_id, own)

    def test_a_grade_leads_to_one_policy_of_a_company(self):
        with self.assertRaises(ValidationError):
            self.watch.risk_grade_ids |= self.env.ref("debt_recovery.risk_grade_e")
        # Archived, the strict ladder no longer claims grade E.
        self.strict.active = False
        self.watch.risk_grade_ids |= self.env.ref("debt_recovery.risk_grade_e")
        self.assertEqual(
            self.env["debt.recovery.policy"]._grade_policies(self.company)["E"], self.watch
        )

    def test_policy_lookup_queries_do_not_grow_with_the_debtors(self):
        Case = self.env["debt.recovery.case"]
        partners = self.env["res.partner"].create(
            [
                {
                    "name": f"Graded {index}",
                    "is_company": True,
                    "debt_recovery_debtor_type": "professional",
                }
                for index in range(10)
            ]
        )
        cases = Case.create([{"partner_id": p.id, "company_id": self.company.id} for p in partners])
        for case, letter in zip(cases, "ABCDEABCDE", strict=True):
            self._grade(case, letter)
        cases.write({"state": "closed"})
        self.env.flush_all()
        self.env.invalidate_all()
        Case._policy_map(partners[:2].ids, self.company)
        self.env.invalidate_all()
        with self.assertQueryCount(7):
            few = Case._policy_map(partners[:2].ids, self.company)
        self.env.invalidate_all()
        with self.assertQueryCount(7):
            many = Case._policy_map(partners.ids, self.company)
        self.assertEqual(few[(partners[1].id, self.company.id)], self.policy)
        policies = [many[(partner.id, self.company.id)] for partner in partners]
        self.assertEqual(policies[2:5], [self.watch, self.watch, self.strict])

    def test_worklist_scored_cases_first_then_unscored(self):
        Case = self.env["debt.recovery.case"]
        partners = self.env["res.partner"].create(
            [
                {
                    "name": f"Worklist {index}",
                    "is_company": True,
                    "debt_recovery_debtor_type": "professional",
                }
                for index in range(4)
            ]
        )
        cases = Case.create([{"partner_id": p.id, "company_id": self.company.id} for p in partners])
        scored_low, scored_high, new_big, new_small = cases
        scored_low.write({"amount_overdue": 100.0, "priority": 1.0})
        self._grade(scored_low, "A")
        scored_low.risk_probability = 0.0  # scored, no risk
        scored_high.write({"amount_overdue": 1000.0, "priority": 2.0})
        self._grade(scored_high, "E")
        new_big.write({"amount_overdue": 90000.0, "priority": 900000.0})
        new_small.write({"amount_overdue": 10.0, "priority": 5.0})
        self.assertEqual(
            Case.search([("id", "in", cases.ids)]).ids,
            [scored_high.id, scored_low.id, new_big.id, new_small.id],
        )
        self.assertEqual((new_big | new_small).mapped("risk_scored"), [False, False])
