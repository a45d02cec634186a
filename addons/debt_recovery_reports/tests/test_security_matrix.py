# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Report models between companies: company A's user never sees company B's receivables."""

from datetime import date

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tests.common import new_test_user

from .common import ReportsCommon

ROLES = ("user", "manager", "other", "internal")
# Allowed operations (r, w, c, u; "-" none) on a record of company A, one column per role.
MATRIX = {
    #                                   user    manager other  internal
    "debt.recovery.aged.receivable":    ("r",    "r",    "-",   "-"),
    "debt.recovery.kpi.dashboard":      ("rwcu", "rwcu", "-",   "-"),
    "debt.recovery.statement.wizard":   ("rwcu", "rwcu", "-",   "-"),
}  # fmt: skip


@tagged("post_install", "-at_install")
class TestReportsSecurityMatrix(ReportsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_b = cls.setup_other_company(name="Company B")["company"]
        cls.users = {
            "user": cls.collector,
            "manager": cls.manager,
            "other": new_test_user(
                cls.env,
                login="dr_other",
                name="Oscar Other",
                groups="debt_recovery.group_debt_recovery_manager",
                company_id=cls.company_b.id,
                company_ids=[Command.set(cls.company_b.ids)],
            ),
            "internal": new_test_user(
                cls.env,
                login="dr_internal",
                name="Ines Internal",
                groups="base.group_user",
                company_id=cls.company.id,
                company_ids=[Command.set(cls.company.ids)],
            ),
        }
        cls.invoice_a = cls._invoice(cls.debtor, 1000.0, "2025-02-14", date(2025, 1, 15))
        cls.invoice_b = cls._invoice(
            cls.debtor, 7777.0, "2025-02-14", date(2025, 1, 15), company=cls.company_b
        )
        cls.aged_a = cls.env["debt.recovery.aged.receivable"].search(
            [("move_id", "=", cls.invoice_a.id)]
        )
        cls.records = {
            "debt.recovery.aged.receivable": cls.aged_a,
            "debt.recovery.kpi.dashboard": cls.env["debt.recovery.kpi.dashboard"].create(
                {"date_from": "2025-01-01", "date_to": "2025-03-31", "company_id": cls.company.id}
            ),
            "debt.recovery.statement.wizard": cls.env["debt.recovery.statement.wizard"].create(
                {"company_id": cls.company.id, "partner_ids": [Command.set(cls.debtor.ids)]}
            ),
        }

    def test_crud_matrix(self):
        self.assertTrue(self.aged_a)
        self.assertAccessMatrix(MATRIX, self.records, self.users, ROLES)

    def test_aged_receivables_of_own_company_only(self):
        Aged = self.env["debt.recovery.aged.receivable"]
        # Company B's invoice is in the database, and in the view for a user of both companies.
        self.assertTrue(Aged.search([("move_id", "=", self.invoice_b.id)]))
        for at_date in (None, "2025-03-31"):
            with self.subTest(at_date=at_date):
                as_user = Aged.with_user(self.collector).with_context(aged_date=at_date)
                rows = as_user.search([])
                self.assertIn(self.invoice_a, rows.move_id)
                self.assertNotIn(self.invoice_b, rows.move_id)
                groups = as_user.read_group([], ["amount_residual:sum"], [])
                self.assertEqual(groups[0]["amount_residual"], 1000.0)
                # The hand-written totals too, even when asked for company B.
                totals = as_user._totals(
                    at_date and date(2025, 3, 31), company_ids=self.company_b.ids
                )
                self.assertEqual(totals["total"], 0.0)

    def test_kpi_dashboard_of_own_company_only(self):
        dash = (
            self.env["debt.recovery.kpi.dashboard"]
            .with_user(self.collector)
            .create({"date_from": "2025-01-01", "date_to": "2025-03-31"})
        )
        self.assertEqual(dash.company_id, self.company)
        self.assertEqual(dash.ar_ending, 1000.0)
        self.assertEqual(dash.credit_sales, 1000.0)
        # A dashboard of company A, asked by company B's user, is refused.
        with self.assertRaises(AccessError):
            self.env["debt.recovery.kpi.dashboard"].with_user(self.users["other"]).create(
                {"date_from": "2025-01-01", "date_to": "2025-03-31", "company_id": self.company.id}
            )

    def test_statement_of_another_company_refused(self):
        Report = self.env["ir.actions.report"].with_user(self.users["other"])
        with self.assertRaises(AccessError):
            Report._render_qweb_html(
                "debt_recovery_reports.action_report_partner_statement",
                self.debtor.ids,
                data={"date": "2025-03-31", "company_id": self.company.id},
            )

    def test_statement_of_an_employee_outside_accounting_refused(self):
        """``/report/...`` ignores the action's groups: the report checks that the caller reads
        the receivable lines it prints, not only the partner."""
        Report = self.env["ir.actions.report"]
        internal = self.users["internal"]
        # The employee reads the partner (contacts are shared), not its receivable lines.
        self.debtor.with_user(internal).check_access("read")
        with self.assertRaises(AccessError):
            Report.with_user(internal)._render_qweb_html(
                "debt_recovery_reports.action_report_partner_statement", self.debtor.ids
            )
        html, _fmt = Report.with_user(self.collector)._render_qweb_html(
            "debt_recovery_reports.action_report_partner_statement", self.debtor.ids
        )
        self.assertIn(self.invoice_a.name, html.decode())

    def test_every_report_of_the_add_on_checks_read_access(self):
        reports = self.env["ir.actions.report"].search(
            [("report_name", "=like", "debt_recovery_reports.%")]
        )
        records = {
            "res.partner": self.debtor,
            "debt.recovery.case": self._case(self.debtor)
            or self.env["debt.recovery.case"].create(
                {"partner_id": self.debtor.id, "company_id": self.company.id}
            ),
            "debt.recovery.communication": self._communication(
                self.debtor, self.invoice_a, self.levels[2]
            ),
            "debt.recovery.plan": self.env["debt.recovery.plan"].create(
                {
                    "partner_id": self.debtor.id,
                    "company_id": self.company.id,
                    "invoice_ids": [Command.set(self.invoice_a.ids)],
                    "instalment_count": 2,
                }
            ),
            "debt.recovery.assessment": self.env["debt.recovery.assessment"].create(
                {"partner_id": self.debtor.id, "kind": "business"}
            ),
        }
        self.assertEqual(set(reports.mapped("model")), set(records))
        for report in reports:
            with self.subTest(report=report.report_name):
                self.assertTrue(report.groups_id)
                self.assertTrue(records[report.model])
                # Company B's manager prints the statement of company B (the partner is shared).
                roles = ("internal",) if report.model == "res.partner" else ("internal", "other")
                for role in roles:
                    with self.assertRaises(AccessError, msg=role):
                        self.env["ir.actions.report"].with_user(self.users[role])._render_qweb_html(
                            report, records[report.model].ids
                        )
