# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The preview of the next run: the run's own decisions, nothing written."""

from datetime import date

from odoo.tests import tagged
from odoo.tools import SQL

from ..controllers.run_preview import RunPreviewExport
from .common import DebtRecoveryCommon

# Tables and sequences the daily job writes to (or draws numbers from).
WRITTEN_TABLES = (
    "debt_recovery_case",
    "debt_recovery_case_transition",
    "debt_recovery_communication",
    "debt_recovery_communication_line",
    "debt_recovery_promise",
    "debt_recovery_plan",
    "mail_message",
    "mail_mail",
    "mail_activity",
    "mail_followers",
    "ir_attachment",
    "account_move",
)


@tagged("post_install", "-at_install")
class TestRunPreview(DebtRecoveryCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.third = cls.env["res.partner"].create(
            {
                "name": "Garage Lemoine",
                "is_company": True,
                "debt_recovery_debtor_type": "professional",
                "lang": "en_US",
            }
        )
        cls._invoice(cls.debtor, 1000.0, "2026-03-01")
        cls._invoice(cls.consumer, 250.0, "2026-03-20")

    def _state(self):
        """Row counts of the written tables, the cases' values, the sequences' positions."""
        self.env.flush_all()
        cr = self.env.cr
        counts = {}
        for table in WRITTEN_TABLES:
            cr.execute(SQL("SELECT count(*), max(id) FROM %s", SQL.identifier(table)))
            counts[table] = cr.fetchone()
        cr.execute("SELECT id, number_next FROM ir_sequence ORDER BY id")
        counts["ir_sequence"] = cr.fetchall()
        cr.execute(
            "SELECT sequencename, last_value FROM pg_sequences "
            "WHERE sequencename LIKE 'debt_recovery%' OR sequencename LIKE 'mail_%' "
            "ORDER BY sequencename"
        )
        counts["pg_sequences"] = cr.fetchall()
        cr.execute(
            "SELECT id, state, level_id, next_action_date, last_run_date, amount_overdue, "
            "blocked_reason FROM debt_recovery_case ORDER BY id"
        )
        counts["cases"] = cr.fetchall()
        return counts

    def _by_partner(self, rows):
        return {row["partner_id"]: row for row in rows}

    def test_preview_matches_the_run_and_writes_nothing(self):
        Case = self.env["debt.recovery.case"]
        self._run(date(2026, 3, 4))
        # A new debtor since: the preview opens its case (nothing written).
        self._invoice(self.third, 640.0, "2026-03-10")
        for day in (date(2026, 3, 14), date(2026, 3, 24), date(2026, 4, 3)):
            with self.subTest(day=day):
                before = self._state()
                rows = self._by_partner(Case._preview_run(day, self.company.ids))
                self.assertEqual(self._state(), before, "the preview wrote nothing")
                known = set(Case.search([]).partner_id.ids)
                Comm = self.env["debt.recovery.communication"]
                last = Comm.search([], order="id desc", limit=1).id
                self._run(day)
                made = Comm.search([("id", ">", last)])
                self.assertTrue(made or day == date(2026, 3, 14))
                for case in Case.search([("company_id", "=", self.company.id)]):
                    row = rows[case.partner_id.id]
                    comm = made.filtered(lambda c, case=case: c.case_id == case)
                    self.assertEqual(row["level_to"], comm.level_id.name or "", row)
                    self.assertEqual(row["to_validate"], comm.state == "to_validate", row)
                    if comm:
                        self.assertAlmostEqual(row["amount_claimed"], comm.amount_total)
                        self.assertEqual(row["deadline"], comm.response_date)
                    self.assertAlmostEqual(row["amount_overdue"], case.amount_overdue)
                    expected_case = case.id if case.partner_id.id in known else False
                    self.assertEqual(row["case_id"], expected_case)

    def test_preview_lists_outputs_holds_and_deadlines(self):
        Case = self.env["debt.recovery.case"]
        self._run(date(2026, 3, 4))
        self.company.company_registry = False
        self.policy.allow_level_skip = True
        rows = self._by_partner(Case._preview_run(date(2026, 3, 14), self.company.ids))
        firm = rows[self.debtor.id]
        self.assertEqual(firm["level_to"], "Firm reminder")
        self.assertIn(("letter", "Letter"), firm["outputs"])
        # A letter: the answer is expected 8 days after it reaches the debtor (3 days' post).
        self.assertEqual(firm["deadline"], date(2026, 3, 25))
        # The invoice, its interest and the fixed indemnity.
        self.assertGreater(firm["interest"], 0)
        self.assertGreater(firm["indemnity"], 0)
        self.assertAlmostEqual(
            firm["amount_claimed"], 1000.0 + firm["interest"] + firm["indemnity"], 2
        )
        rows = self._by_partner(Case._preview_run(date(2026, 4, 2), self.company.ids))
        notice = rows[self.debtor.id]
        self.assertFalse(notice["level_to"])
        self.assertEqual(notice["held_back"], ["Company registry number"])
        # The wizard's filters and table, its export.
        Preview = self.env["debt.recovery.run.preview"]
        held = Preview._preview_rows(date(2026, 4, 2), self.company.ids, "held", "durand")
        self.assertEqual([row["partner_id"] for row in held], [self.debtor.id])
        self.assertFalse(Preview._preview_rows(date(2026, 4, 2), self.company.ids, "all", "zzz"))
        wizard = Preview.new({"date": date(2026, 4, 2), "show": "all"})
        self.assertIn("Durand Bâtiment SARL", wizard.preview_html)
        self.assertIn("/debt_recovery/run_preview.csv?", wizard.preview_html)
        csv_text = RunPreviewExport._csv(self.env, held).decode("utf-8-sig")
        self.assertIn("Company registry number", csv_text)
        self.assertEqual(len(csv_text.strip().splitlines()), 2)

    def test_documents_open_on_demand_and_are_not_kept(self):
        level = self.level_by_name["First reminder"]
        level.write(
            {
                "send_email": True,
                "mail_template_id": self.env.ref("debt_recovery.mail_template_amicable").id,
            }
        )
        Case = self.env["debt.recovery.case"]
        self._run(date(2026, 3, 2))
        case = self._case()
        day = date(2026, 3, 4)
        row = self._by_partner(Case._preview_run(day, self.company.ids))[self.debtor.id]
        self.assertEqual(row["level_id"], level.id)
        self.assertIn(("email", "Email"), row["outputs"])
        wizard = self.env["debt.recovery.run.preview"].new({"date": day})
        self.assertIn("/debt_recovery/run_preview/document?", wizard.preview_html)
        before = self._state()
        document = Case._preview_document(case, level, day, "email")
        after = self._state()
        # Only the tables' id counters move (a communication was made, then rolled back).
        before.pop("pg_sequences"), after.pop("pg_sequences")
        self.assertEqual(after, before)
        self.assertTrue(document["title"])
        self.assertIn("1,000.00", document["html"])
        self.assertEqual(case.level_id, self.env["debt.recovery.level"])
