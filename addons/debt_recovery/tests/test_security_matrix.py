# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Who may do what on the records of company A: one table, one subTest per cell.

Roles: ``user`` (recovery User), ``manager`` (recovery Manager), ``member`` (recovery User and
member of "Capacity assessments", collector of the case), ``other`` (recovery Manager of company
B only), ``internal`` (internal user without any recovery group). Operations are checked with
``check_access`` (access rights and record rules, as the ORM applies them), without side effects.
"""

from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tests.common import new_test_user

from .common import DebtRecoveryCommon

ROLES = ("user", "manager", "member", "other", "internal")
# Allowed operations (r, w, c, u; "-" none) on a record of company A, one column per role.
# The individual's assessment was made by ``user``; ``member`` is the collector of its case.
MATRIX = {
    #                             user    manager member  other  internal
    "case":                       ("rwc",  "rwcu", "rwc",  "-",   "-"),
    "communication":              ("rwc",  "rwcu", "rwc",  "-",   "-"),
    "communication_line":         ("rwc",  "rwcu", "rwc",  "-",   "-"),
    "policy":                     ("r",    "rwcu", "r",    "-",   "-"),
    "level":                      ("r",    "rwcu", "r",    "-",   "-"),
    "rate":                       ("r",    "rwcu", "r",    "-",   "-"),
    "rate_type":                  ("r",    "rw",   "r",    "rw",  "-"),
    "promise":                    ("rwc",  "rwcu", "rwc",  "-",   "-"),
    "plan":                       ("rwc",  "rwcu", "rwc",  "-",   "-"),
    "plan_line":                  ("rwcu", "rwcu", "rwcu", "-",   "-"),
    "assessment":                 ("rwc",  "rwcu", "rwc",  "-",   "-"),
    "assessment_line_individual": ("-",    "-",    "rwcu", "-",   "-"),
    "assessment_line_business":   ("rwcu", "rwcu", "rwcu", "-",   "-"),
    "case_transition":            ("r",    "r",    "r",    "-",   "-"),
    "late_reason":                ("r",    "rwcu", "r",    "-",   "-"),
    "risk_grade":                 ("r",    "r",    "r",    "r",   "-"),
    "risk_fit":                   ("-",    "r",    "-",    "-",   "-"),
}  # fmt: skip
# Public methods reachable through the external API, called by ``other`` on company A's records.
FOREIGN_CALLS = [
    ("case", "action_escalate_now"),
    ("case", "action_release_hold"),
    ("case", "action_send_now"),
    ("case", "action_invoice_penalties"),
    ("case", "action_view_communications"),
    ("case", "action_refresh_risk"),
    ("communication", "action_validate"),
    ("communication", "action_cancel"),
    ("communication", "action_mark_sent"),
    ("promise", "action_cancel"),
    ("plan", "action_generate_schedule"),
    ("plan", "action_activate"),
    ("plan", "action_cancel"),
    ("plan", "action_refresh"),
    ("assessment", "action_done"),
    ("assessment", "action_draft"),
    ("assessment", "action_propose_plan"),
    ("assessment", "action_erase_lines"),
]


@tagged("post_install", "-at_install")
class TestSecurityMatrix(DebtRecoveryCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_users()
        cls._setup_records(fields.Date.today())

    @classmethod
    def _setup_users(cls):
        """One user per role of the matrix."""
        env = cls.env
        cls.company_b = cls.setup_other_company(name="Company B")["company"]
        cls.users = {
            "user": cls.collector,
            "manager": cls.manager,
            "member": cls._user("dr_member", "Mia Member", "user"),
            "other": new_test_user(
                env,
                login="dr_other",
                name="Oscar Other",
                groups="debt_recovery.group_debt_recovery_manager",
                company_id=cls.company_b.id,
                company_ids=[Command.set(cls.company_b.ids)],
            ),
            "internal": new_test_user(
                env,
                login="dr_internal",
                name="Ines Internal",
                groups="base.group_user",
                company_id=cls.company.id,
                company_ids=[Command.set(cls.company.ids)],
            ),
        }
        cls.users["member"].groups_id = [
            Command.link(env.ref("debt_recovery.group_debt_recovery_assessment").id)
        ]

    @classmethod
    def _setup_records(cls, today):
        """Company A's records, one of each model of the matrix."""
        invoice = cls._invoice(cls.debtor, 1000.0, today - timedelta(days=40))
        cls.invoice = invoice
        cls.env["debt.recovery.case"]._cron_escalate_at(today)
        case = cls.env["debt.recovery.case"].search(
            [("partner_id", "=", cls.debtor.id), ("company_id", "=", cls.company.id)]
        )
        case.user_id = cls.users["member"]
        case._transition("on_hold", "manual")
        comm = cls.env["debt.recovery.communication"].create(
            {
                "partner_id": cls.debtor.id,
                "case_id": case.id,
                "company_id": cls.company.id,
                "channel": "letter",
                "direction": "outbound",
                "state": "to_validate",
                "level_id": cls.levels[-3].id,
                "invoice_ids": [Command.set(invoice.ids)],
            }
        )
        promise = cls.env["debt.recovery.promise"].create(
            {
                "partner_id": cls.debtor.id,
                "case_id": case.id,
                "company_id": cls.company.id,
                "amount": 100.0,
                "date": today,
                "invoice_ids": [Command.set(invoice.ids)],
            }
        )
        plan = cls.env["debt.recovery.plan"].create(
            {
                "partner_id": cls.debtor.id,
                "company_id": cls.company.id,
                "invoice_ids": [Command.set(invoice.ids)],
                "instalment_count": 2,
                "date_start": today,
                "first_due_date": today,
            }
        )
        plan.action_generate_schedule()
        cls.records = {
            "case": case,
            "communication": comm,
            "communication_line": comm.line_ids[:1],
            "policy": cls.policy,
            "level": cls.levels[:1],
            "promise": promise,
            "plan": plan,
            "plan_line": plan.line_ids[:1],
            "case_transition": case.transition_ids[:1],
        }
        cls.records.update(cls._setup_reference_and_assessments(case))

    @classmethod
    def _setup_reference_and_assessments(cls, case):
        """A reference rate and two capacity assessments (an individual, a business)."""
        rate = cls.env["debt.recovery.rate"].create(
            {"date_from": "2001-01-01", "rate": 4.0, "company_id": cls.company.id}
        )
        Assessment = cls.env["debt.recovery.assessment"]
        individual = Assessment.with_user(cls.collector).create(
            {"partner_id": cls.consumer.id, "kind": "individual", "case_id": case.id}
        )
        individual.sudo().line_ids = [Command.create({"kind": "income", "amount": 1500.0})]
        business = Assessment.with_user(cls.collector).create(
            {
                "partner_id": cls.debtor.id,
                "kind": "business",
                "line_ids": [Command.create({"kind": "income", "amount": 9000.0})],
            }
        )
        reason = cls.env["debt.recovery.late.reason"].create(
            {"name": "Waiting for a subsidy", "company_id": cls.company.id}
        )
        return {
            "late_reason": reason,
            "rate": rate,
            "rate_type": cls.env.ref("debt_recovery.rate_type_ecb"),
            "risk_grade": cls.env.ref("debt_recovery.risk_grade_e"),
            "risk_fit": cls.env["debt.recovery.risk.fit"]
            .sudo()
            .create(
                {
                    "company_id": cls.company.id,
                    "fit_date": "2025-01-01",
                    "choice": "rule",
                    "serious_choice": "rule",
                }
            ),
            "assessment": individual,
            "assessment_line_individual": individual.sudo().line_ids[:1],
            "assessment_line_business": business.sudo().line_ids[:1],
        }

    def test_matrix_is_complete(self):
        for key, row in MATRIX.items():
            self.assertEqual(len(row), len(ROLES), key)
            self.assertTrue(self.records[key], key)

    def test_crud_matrix(self):
        self.assertAccessMatrix(MATRIX, self.records, self.users, ROLES)

    def _snapshot(self):
        self.env.invalidate_all()
        return {
            key: record.sudo().read(["write_date", "write_uid"])[0]
            if "write_date" in record._fields and record._log_access
            else record.sudo().read()[0]
            for key, record in self.records.items()
        }

    def test_foreign_company_calls(self):
        other = self.users["other"]
        before = self._snapshot()
        for key, method in FOREIGN_CALLS:
            with self.subTest(model=self.records[key]._name, method=method):
                with self.assertRaises(AccessError):
                    getattr(self.records[key].with_user(other), method)()
        self.assertEqual(self._snapshot(), before, "nothing of company A was written")

    def test_foreign_company_wizards(self):
        other = self.users["other"]
        case = self.records["case"]
        before = self._snapshot()
        with self.subTest(wizard="debt.recovery.hold.wizard"):
            with self.assertRaises(AccessError):
                self.env["debt.recovery.hold.wizard"].with_user(other).create(
                    {"mode": "case", "case_ids": [Command.set(case.ids)]}
                ).action_hold()
        with self.subTest(wizard="debt.recovery.hold.wizard (invoices)"):
            with self.assertRaises(AccessError):
                self.env["debt.recovery.hold.wizard"].with_user(other).create(
                    {"mode": "invoice", "invoice_ids": [Command.set(self.invoice.ids)]}
                ).action_hold()
        with self.subTest(wizard="debt.recovery.log.contact.wizard"):
            with self.assertRaises(AccessError):
                self.env["debt.recovery.log.contact.wizard"].with_user(other).create(
                    {"case_id": case.id, "summary": "peek"}
                ).action_log()
        self.assertEqual(self._snapshot(), before, "nothing of company A was written")

    def test_penalties_need_read_access_to_the_invoice(self):
        """The penalties are read as superuser and by SQL: callers of the public methods first
        need to read the invoice."""
        at_date = fields.Date.today() + timedelta(days=30)
        expected = self.invoice.compute_late_penalties(at_date)
        self.assertGreater(expected["indemnity"], 0.0)
        for role in ("internal", "other"):
            invoice = self.invoice.with_user(self.users[role])
            for method in ("compute_late_penalties", "compute_late_interest"):
                with self.subTest(role=role, method=method):
                    with self.assertRaises(AccessError):
                        getattr(invoice, method)(at_date)
        as_collector = self.invoice.with_user(self.users["user"])
        self.assertEqual(as_collector.compute_late_penalties(at_date), expected)
        self.assertEqual(as_collector.compute_late_interest(at_date), expected["interest"])
