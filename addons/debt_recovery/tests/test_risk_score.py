# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The late-payment risk of the cases: fit and predictions through Odoo, worklist order."""

import re
from datetime import date, timedelta

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.debt_recovery.engine import risk

from .common import DebtRecoveryCommon

AS_OF = date(2025, 6, 30)
FIRST_ISSUE = date(2024, 12, 1)
# A sentence: a capital letter or a number first, a full stop last, every value filled in.
SENTENCE = re.compile(r"^(?!.*%\()[A-Z0-9][^\n]*\.$")


@tagged("post_install", "-at_install")
class TestRiskScore(DebtRecoveryCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.late = cls.debtor
        cls.punctual = Partner.create(
            {"name": "Ponctuel SA", "is_company": True, "debt_recovery_debtor_type": "professional"}
        )
        cls.new = Partner.create(
            {"name": "Nouveau SAS", "is_company": True, "debt_recovery_debtor_type": "professional"}
        )
        # Six monthly invoices of 1,000 due 30 days later: one debtor always pays 30 days
        # late, the other two days early. The late one owes a seventh, 16 days past due.
        for month in range(6):
            issued = FIRST_ISSUE + timedelta(days=30 * month)
            due = issued + timedelta(days=30)
            for partner, delay in ((cls.late, 30), (cls.punctual, -2)):
                invoice = cls._invoice(partner, 1000.0, due, invoice_date=issued)
                cls._pay(invoice, pay_date=due + timedelta(days=delay))
        cls._invoice(cls.late, 1000.0, date(2025, 6, 14), invoice_date=date(2025, 5, 15))
        cls.cases = cls._cases(cls.late | cls.punctual | cls.new)

    @classmethod
    def _cases(cls, partners):
        """The cases of ``partners`` in the test company (created when missing)."""
        Case = cls.env["debt.recovery.case"]
        existing = Case.search([("partner_id", "in", partners.ids)])
        missing = partners - existing.partner_id
        return existing | Case.create(
            [{"partner_id": partner.id, "company_id": cls.company.id} for partner in missing]
        )

    def _refresh(self):
        """Score the cases as of AS_OF; the number of queries it took, flush included."""
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        self.env["debt.recovery.case"]._refresh_risk(AS_OF, self.company.ids)
        self.env.flush_all()
        return self.cr.sql_log_count - before

    def test_grades_follow_the_payment_history(self):
        self._run(AS_OF)
        self._refresh()
        late, punctual, new = (
            self._case(partner) for partner in (self.late, self.punctual, self.new)
        )
        # 7 of the 13 outcomes known are late: the company's rate, Laplace-smoothed, is about
        # 54 %, the starting point of a debtor without history (shrunk toward it with three
        # pseudo-invoices, the others move away from it with their own history).
        self.assertGreaterEqual(late.risk_probability, 0.70)
        self.assertEqual(late.risk_grade, "E")
        self.assertLess(punctual.risk_probability, 0.25)
        self.assertIn(punctual.risk_grade, ("A", "B"))
        self.assertTrue(0.40 <= new.risk_probability < 0.70, new.risk_probability)
        self.assertIn(new.risk_grade, ("C", "D"))
        for case in late | punctual | new:
            self.assertEqual(case.risk_date, AS_OF)
            self.assertEqual(case.risk_grade, risk.grade(case.risk_probability))
        # The late debtor owes 1,000, 16 days past due: part of it is at risk of being still
        # unpaid 90 days after its due date; the others owe nothing, nothing is at risk.
        self.assertEqual(late.amount_overdue, 1000.0)
        self.assertTrue(0.0 < late.amount_at_risk < 1000.0, late.amount_at_risk)
        self.assertEqual(punctual.amount_at_risk, 0.0)
        self.assertEqual(new.amount_at_risk, 0.0)
        self.assertIn("Little history yet", new.risk_reasons)

    def test_reasons_are_sentences(self):
        self._refresh()
        for case in self.cases:
            lines = case.risk_reasons.split("\n")
            self.assertTrue(1 <= len(lines) <= 3, case.risk_reasons)
            for line in lines:
                self.assertRegex(line, SENTENCE)
            self.assertEqual(case.risk_reason, lines[0])

    def test_reasons_said_in_the_readers_language(self):
        """The same score reads in English for one user and in French for another: the
        reasons are kept as phrases, not as sentences of one language."""
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(
            ["debt_recovery"], ["fr_FR"], overwrite=True
        )
        self.company.partner_id.lang = "fr_FR"
        self._refresh()
        case = self._case(self.new)
        self.assertIn("Little history yet", case.with_context(lang="en_US").risk_reasons)
        french = case.with_context(lang="fr_FR").risk_reasons
        english = case.with_context(lang="en_US").risk_reasons
        # The main reason too, whichever language reads it first.
        self.assertEqual(case.with_context(lang="fr_FR").risk_reason, french.split("\n")[0])
        self.assertEqual(case.with_context(lang="en_US").risk_reason, english.split("\n")[0])
        self.assertNotEqual(french.split("\n")[0], english.split("\n")[0])
        self.assertNotIn("Little history yet", french)
        self.assertEqual(len(french.split("\n")), len(case.risk_reasons.split("\n")))
        translate = case._risk_translate("fr_FR")
        self.assertIn(translate(risk.TEMPLATES["share_late_new"]).split("%")[0], french)
        partner = self.new.with_context(lang="fr_FR")
        self.assertEqual(partner.debt_recovery_risk_reasons, french)

    def test_sentences_declared_for_translation_are_the_engine_templates(self):
        # In English, the sentences are the templates themselves.
        templates = self.env["debt.recovery.case"].with_context(lang="en_US")._risk_templates()
        self.assertEqual(templates, risk.TEMPLATES)

    def test_worklist_by_amount_at_risk_then_priority(self):
        Case = self.env["debt.recovery.case"]
        other = self.env["res.partner"].create(
            {"name": "Quatre SARL", "is_company": True, "debt_recovery_debtor_type": "professional"}
        )
        cases = self.cases | self._cases(other)
        for case, at_risk, priority in zip(
            cases, (900.0, 500.0, 500.0, 500.0), (10.0, 50.0, 100.0, 200.0), strict=True
        ):
            case.write({"amount_at_risk": at_risk, "priority": priority, "risk_scored": True})
        # Amounts at risk 900, 500, 500, 500: the ties go to the highest priority first.
        expected = cases[0] | cases[3] | cases[2] | cases[1]
        self.assertEqual(Case.search([("id", "in", cases.ids)]), expected)

    def test_query_count_does_not_grow_with_the_debtors(self):
        self._refresh()  # the caches of the rules, groups and company warm
        first = self._refresh()
        partners = self.env["res.partner"].create(
            [
                {
                    "name": f"Débiteur {index}",
                    "is_company": True,
                    "debt_recovery_debtor_type": "professional",
                }
                for index in range(12)
            ]
        )
        for index, partner in enumerate(partners):
            due = date(2025, 5, 1) + timedelta(days=index)
            self._invoice(partner, 100.0 * (index + 1), due, invoice_date=due - timedelta(30))
        self._cases(partners)
        self.assertEqual(self._refresh(), first)
        self.assertLessEqual(first, 10)
        self.assertEqual(
            self.env["debt.recovery.case"].search_count([("risk_date", "=", AS_OF)]), 15
        )

    def test_refresh_by_a_manager_only_and_grade_on_the_partner(self):
        case = self._case(self.late)
        with self.assertRaises(AccessError):
            case.with_user(self.collector).action_refresh_risk()
        case.with_user(self.manager).action_refresh_risk()
        self.assertTrue(case.risk_grade)
        self.assertEqual(case.risk_date, date.today())
        partner = self.late.with_user(self.collector)
        self.assertEqual(partner.debt_recovery_risk_grade, case.risk_grade)
        self.assertEqual(partner.debt_recovery_risk_reasons, case.risk_reasons)

    def test_weekly_job_scores_every_case(self):
        self.env.ref("debt_recovery.ir_cron_debt_recovery_risk").method_direct_trigger()
        self.assertEqual(set(self.cases.mapped("risk_date")), {date.today()})

    def test_amount_at_risk_is_the_engine_serious_risk_times_what_is_due(self):
        self._refresh()
        Case = self.env["debt.recovery.case"]
        history = {}
        for _company, record, _residual in Case._risk_history(AS_OF, self.company.ids):
            history.setdefault(record.debtor, []).append(record)
        records = [record for own in history.values() for record in own]
        model = risk.fit(records, AS_OF)
        own = history[self.late.id]
        open_invoices = [r for r in own if r.paid_date is None or r.paid_date > AS_OF]
        self.assertEqual(len(open_invoices), 1)
        (probability,) = model.predict_serious(open_invoices, own, AS_OF)
        late = self._case(self.late)
        self.assertAlmostEqual(late.amount_at_risk, round(1000.0 * probability, 2), places=2)

    def test_each_fit_is_kept_with_its_figures_for_managers(self):
        self._refresh()
        Fit = self.env["debt.recovery.risk.fit"]
        fit = Fit.search([("company_id", "=", self.company.id)], limit=1)
        self.assertEqual(fit.fit_date, AS_OF)
        # Thirteen settled invoices: nothing to judge the model on, the rule is kept.
        self.assertEqual(fit.choice, "rule")
        self.assertEqual((fit.rule_half_life, fit.rule_prior_weight), (0, 3.0))
        self.assertFalse(fit.calibrated)
        self.assertEqual(fit.examples, 13)
        self.assertEqual(fit.serious_days, 90)
        self.assertEqual([name for name, _weight in fit.weights], list(risk.FEATURES))
        self.assertIn("simple rule is kept", fit.summary)
        self.assertIn("no backtest yet", fit.figures_html)
        self.assertFalse(fit.grade_changes)
        self.assertTrue(Fit.with_user(self.manager).search([("id", "=", fit.id)]))
        with self.assertRaises(AccessError):
            Fit.with_user(self.collector).search([])

    def test_grade_changes_are_said_on_the_fit(self):
        self._refresh()
        late = self._case(self.late)
        grade = late.risk_grade
        late.risk_grade = "A"
        self._refresh()
        fit = self.env["debt.recovery.risk.fit"].search(
            [("company_id", "=", self.company.id)], limit=1
        )
        self.assertEqual(fit.grade_changes, f"A -> {grade}: 1 debtors")

    def test_screen_shows_the_backtest_of_a_longer_history(self):
        """The figures of a fit with a backtest: the plain sentence, the metrics of model,
        rule and choice, the reliability table and the weights, in the reader's language."""
        records = []
        for debtor in range(60):
            for month in range(24):
                issued = date(2023, 7, 1) + timedelta(days=30 * month + debtor % 7)
                due = issued + timedelta(days=30)
                late = (debtor * 7 + month * 3) % 10 < debtor % 10
                paid = due + timedelta(days=20 if late else -3)
                records.append(risk.InvoiceRecord(debtor, issued, due, 100.0, paid))
        model = risk.fit(records, AS_OF)
        self.assertIsNotNone(model.backtest)
        Fit = self.env["debt.recovery.risk.fit"]
        fit = Fit.sudo().create(Fit._values_of(self.company, model, "")).with_user(self.manager)
        backtest = model.backtest
        self.assertEqual(fit.summary, risk.summary(backtest))
        self.assertEqual(fit.choice, model.choice)
        for figures in (backtest.model, backtest.rule, backtest.choice):
            self.assertIn(f"{figures.brier:.4f}", fit.figures_html)
        self.assertEqual(fit.reliability_html.count("<tr>"), 1 + len(backtest.choice.reliability))
        self.assertEqual(fit.weights_html.count("<tr>"), 1 + len(risk.FEATURES))
        self.assertIn("Average days late", fit.weights_html)
        # What the backtest chose is kept: the rule's half-life and pull, the model's
        # half-life, whether the score used is calibrated.
        self.assertEqual(fit.rule_half_life, round(backtest.half_life))
        self.assertEqual(fit.rule_prior_weight, backtest.prior_weight)
        self.assertEqual(fit.model_half_life, round(backtest.model_half_life))
        self.assertEqual(fit.calibrated, backtest.calibrated)
        self.assertEqual(fit.figures["late"]["rule_half_life"], backtest.half_life)

    def test_settings_set_the_backtest_and_the_serious_delay(self):
        settings = self.env["res.config.settings"].create(
            {"debt_recovery_risk_backtest_months": 6, "debt_recovery_risk_serious_days": 30}
        )
        settings.execute()
        self.assertEqual(self.company.debt_recovery_risk_serious_days, 30)
        self._refresh()
        fit = self.env["debt.recovery.risk.fit"].search(
            [("company_id", "=", self.company.id)], limit=1
        )
        self.assertEqual(fit.serious_days, 30)
        # The late debtor's open invoice is 16 days past due: some of it is at risk of being
        # still unpaid 30 days after its due date.
        self.assertTrue(0.0 < self._case(self.late).amount_at_risk < 1000.0)
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            self.company.debt_recovery_risk_backtest_months = 0
            self.env.flush_all()
