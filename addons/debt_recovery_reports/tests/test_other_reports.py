# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from odoo import Command, fields
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import ReportsCommon, text

PLAN = "debt_recovery_reports.action_report_plan_agreement"
STATEMENT = "debt_recovery_reports.action_report_partner_statement"
ASSESSMENT = "debt_recovery_reports.action_report_assessment_summary"


@tagged("post_install", "-at_install")
class TestOtherReports(ReportsCommon):
    def _plan(self):
        inv = self._invoice(self.debtor, 1200.0, "2024-01-15")
        return self.env["debt.recovery.plan"].create(
            {
                "partner_id": self.debtor.id,
                "company_id": self.company.id,
                "invoice_ids": [Command.set(inv.ids)],
                "amount_total": 1200.0,
                "down_payment": 300.0,
                "instalment_count": 3,
                "frequency": "monthly",
                "tolerance_days": 5,
                "max_missed": 1,
                "line_ids": [
                    Command.create({"sequence": i, "due_date": date(2024, 3 + i, 5), "amount": 300})
                    for i in range(3)
                ],
            }
        ), inv

    def test_plan_agreement(self):
        plan, inv = self._plan()
        out = self._render(PLAN, plan)
        self.assertIn("Instalment plan agreement", out)
        self.assertIn(inv.name, out)
        self.assertIn("Total amount covered by the plan 1,200.00", out)
        self.assertIn("Down payment 300.00", out)
        self.assertIn("Balance paid in instalments 900.00", out)
        self.assertIn("1 03/05/2024 300.00", out)
        self.assertIn("3 05/05/2024 300.00", out)
        self.assertIn("Tolerance after each due date (days) 5", out)
        self.assertIn("the whole remaining balance becomes immediately due", out)
        self.assertIn("For the creditor", out)
        self.assertIn("For the debtor", out)

    def test_plan_agreement_french(self):
        plan, _inv = self._plan()
        self.debtor.lang = "fr_FR"
        out = self._render(PLAN, plan)
        self.assertIn("Échéancier de paiement", out)
        self.assertIn("Pour le créancier", out)

    def test_plan_report_bound_to_plan(self):
        report = self.env.ref(PLAN)
        self.assertEqual(report.binding_model_id.model, "debt.recovery.plan")

    def test_statement_with_aging(self):
        today = fields.Date.context_today(self.env.user)
        self._invoice(self.debtor, 100.0, today)  # not due
        self._invoice(self.debtor, 200.0, date.fromordinal(today.toordinal() - 10))
        self._invoice(self.debtor, 400.0, date.fromordinal(today.toordinal() - 100))
        self._refund(self.debtor, 50.0, today)
        wizard = (
            self.env["debt.recovery.statement.wizard"]
            .with_context(active_model="res.partner", active_ids=self.debtor.ids)
            .create({})
        )
        action = wizard.action_print()
        self.assertEqual(action["data"]["date"], fields.Date.to_string(today))
        html, _fmt = self.env["ir.actions.report"]._render_qweb_html(
            STATEMENT, self.debtor.ids, data=action["data"]
        )
        out = text(html)
        self.assertIn("Account statement", out)
        # Not due: 100 - 50 (credit note of today) = 50; 1-30: 200; 90+: 400.
        self.assertIn("50.00 200.00 0.00 0.00 400.00 650.00", out)

    def test_statement_from_case(self):
        case = self.env["debt.recovery.case"].create(
            {"partner_id": self.debtor.id, "company_id": self.company.id}
        )
        wizard = (
            self.env["debt.recovery.statement.wizard"]
            .with_context(active_model="debt.recovery.case", active_ids=case.ids)
            .create({"date": "2024-02-01"})
        )
        self.assertEqual(wizard.partner_ids, self.debtor)
        action = wizard.action_print()
        self.assertEqual(action["data"]["date"], "2024-02-01")

    def test_assessment_summary_managers_only(self):
        # Superuser: the accountant of the test is no member of "Capacity assessments".
        assessment = (
            self.env["debt.recovery.assessment"]
            .sudo()
            .create(
                {
                    "partner_id": self.consumer.id,
                    "company_id": self.company.id,
                    "line_ids": [
                        Command.create({"kind": "income", "name": "Salary", "amount": 2000}),
                        Command.create({"kind": "expense", "name": "Rent", "amount": 800}),
                    ],
                }
            )
        )
        report = self.env.ref(ASSESSMENT)
        self.assertEqual(
            report.groups_id, self.env.ref("debt_recovery.group_debt_recovery_manager")
        )
        Report = self.env["ir.actions.report"]
        with self.assertRaises(AccessError):
            Report.with_user(self.collector)._render_qweb_html(ASSESSMENT, assessment.ids)
        # A person's budget is printed for members of "Capacity assessments" only.
        html, _fmt = Report.with_user(self.manager)._render_qweb_html(ASSESSMENT, assessment.ids)
        self.assertNotIn("Salary", text(html))
        self.assertNotIn("2,000.00", text(html))  # nor the budget's totals
        self.manager.groups_id = [
            Command.link(self.env.ref("debt_recovery.group_debt_recovery_assessment").id)
        ]
        html, _fmt = Report.with_user(self.manager)._render_qweb_html(ASSESSMENT, assessment.ids)
        out = text(html)
        self.assertIn("Capacity assessment summary", out)
        self.assertIn("Salary 2,000.00", out)
        # The report is not offered to plain users in the print menu.
        Actions = self.env["ir.actions.actions"]
        user_reports = Actions.with_user(self.collector).get_bindings("debt.recovery.assessment")
        manager_reports = Actions.with_user(self.manager).get_bindings("debt.recovery.assessment")
        self.assertNotIn(report.id, [a["id"] for a in user_reports.get("report", [])])
        self.assertIn(report.id, [a["id"] for a in manager_reports.get("report", [])])

    def test_plan_agreement_consumer(self):
        """A consumer's plan is free, and its balance falls due only after a formal notice."""
        inv = self._invoice(self.consumer, 600.0, "2024-01-15")
        self.consumer.lang = "fr_FR"
        plan = self.env["debt.recovery.plan"].create(
            {
                "partner_id": self.consumer.id,
                "company_id": self.company.id,
                "invoice_ids": [Command.set(inv.ids)],
                "amount_total": 600.0,
                "instalment_count": 2,
                "frequency": "monthly",
                "line_ids": [
                    Command.create({"sequence": i, "due_date": date(2024, 3 + i, 5), "amount": 300})
                    for i in range(2)
                ],
            }
        )
        out = self._render(PLAN, plan)
        self.assertIn(
            "Aucun intérêt ni aucuns frais ne sont facturés pendant la durée de l'échéancier.", out
        )
        self.assertIn(
            "le créancier adressera une mise en demeure ; la totalité du solde restant dû ne "
            "deviendra immédiatement exigible que si cette mise en demeure reste sans effet "
            "pendant 30 jours.",
            out,
        )
        self.assertNotIn("pénalités de retard comprises", out)
