"""Browser tours: what a collector and a manager do in the web client (Chromium).

Each test sets up its own debtor, runs one tour (addons/*/static/tests/tours/) as a least
privileged user, then checks the records the clicks left behind.
"""

from datetime import timedelta
from unittest.mock import patch

from odoo import Command, fields
from odoo.tests import HttpCase, tagged

from odoo.addons.base.models.ir_actions_report import IrActionsReport
from odoo.addons.debt_recovery.tests.common import DebtRecoveryCommon

CASE_LETTER = "debt_recovery_reports.report_case_letter"
CASE_FORM = "/odoo/action-debt_recovery.debt_recovery_case_action/{}"
# Every tour runs well under this (seconds); the first one also builds the asset bundles.
TOUR_TIMEOUT = 120


@tagged("post_install", "-at_install")
class TestTours(DebtRecoveryCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The tours type English labels and dates.
        (cls.collector | cls.manager).write({"lang": "en_US", "tz": "UTC"})
        cls.today = fields.Date.today()
        cls._build_asset_bundles()

    @classmethod
    def _build_asset_bundles(cls):
        """Build the web client's bundles once for all the tours of the class: a bundle built
        while a tour loads is rolled back with its test, and built again (seconds) by the next."""
        for name in ("web.assets_web", "web.assets_tests"):
            bundle = cls.env["ir.qweb"]._get_asset_bundle(name)
            bundle.js()
            bundle.css()

    def _overdue_case(self, name, amount, days_late):
        """A debtor with one invoice ``days_late`` days overdue and its case, as the daily job
        leaves it today."""
        partner = self.env["res.partner"].create(
            {
                "name": name,
                "is_company": True,
                "debt_recovery_debtor_type": "professional",
                "lang": "en_US",
            }
        )
        due = self.today - timedelta(days=days_late)
        invoice = self._invoice(partner, amount, due)
        self._run(self.today)
        case = self._case(partner)
        self.assertTrue(case, "the daily job opens a case for the overdue invoice")
        return partner, invoice, case

    def _tour(self, url, tour, user):
        self.start_tour(url, tour, login=user.login, timeout=TOUR_TIMEOUT)
        self.env.invalidate_all()

    # ------------------------------------------------------------------ collector
    def test_collector_logs_a_call_with_a_promise(self):
        """Worklist > case > Log a Call: promise of 400 in ten days."""
        _partner, invoice, case = self._overdue_case("Tour Promise SARL", 1000.0, 12)
        self._tour("/odoo", "debt_recovery_log_promise", self.collector)

        promise = self.env["debt.recovery.promise"].search([("case_id", "=", case.id)])
        self.assertEqual(len(promise), 1)
        self.assertEqual(promise.amount, 400.0)
        self.assertEqual(promise.date, self.today + timedelta(days=10))
        self.assertEqual(promise.date_made, self.today)
        self.assertEqual(promise.invoice_ids, invoice)
        self.assertEqual(promise.create_uid, self.collector)
        call = promise.communication_id
        self.assertRecordValues(
            call,
            [
                {
                    "case_id": case.id,
                    "channel": "phone",
                    "direction": "outbound",
                    "outcome": "promise",
                    "state": "done",
                    "amount_due": 1000.0,
                }
            ],
        )
        self.assertIn("Pays 400 in ten days", call.summary)

    def test_collector_proposes_and_activates_a_plan(self):
        """Case > Propose a Plan > 4 instalments > Generate Schedule > Activate."""
        _partner, invoice, case = self._overdue_case("Tour Plan SARL", 1000.0, 15)
        self._tour(CASE_FORM.format(case.id), "debt_recovery_propose_plan", self.collector)

        plan = self.env["debt.recovery.plan"].search([("case_id", "=", case.id)])
        self.assertEqual(len(plan), 1)
        self.assertRecordValues(
            plan,
            [
                {
                    "state": "active",
                    "instalment_count": 4,
                    "amount_total": 1000.0,
                    "date_activated": self.today,
                }
            ],
        )
        self.assertEqual(plan.invoice_ids, invoice)
        self.assertEqual(len(plan.line_ids), 4)
        self.assertAlmostEqual(sum(plan.line_ids.mapped("amount")), 1000.0)
        self.assertEqual(set(plan.line_ids.mapped("state")), {"pending"})
        self.assertEqual(plan.create_uid, self.collector)
        # The invoice leaves the ladder while the plan runs.
        self.assertEqual((case.state, case.hold_reason), ("on_hold", "plan"))
        self.assertTrue(invoice.debt_recovery_excluded)

    def test_collector_prints_a_reminder(self):
        """Case > Print > Reminder Letter (today): the letter of the case is rendered."""
        partner, invoice, case = self._overdue_case("Tour Print SARL", 1500.0, 12)
        render = IrActionsReport._render_qweb_pdf
        with patch.object(
            IrActionsReport, "_render_qweb_pdf", autospec=True, side_effect=render
        ) as rendered:
            self._tour(CASE_FORM.format(case.id), "debt_recovery_print_reminder", self.collector)
        printed = [
            list(call.args[2] if len(call.args) > 2 else call.kwargs["res_ids"])
            for call in rendered.call_args_list
            if call.args[1] == CASE_LETTER
        ]
        self.assertEqual(printed, [case.ids], "the letter of the case, printed once")
        # The same letter, rendered again as the collector: the debtor, the invoice, the amount.
        html, _fmt = (
            self.env["ir.actions.report"]
            .with_user(self.collector)
            ._render_qweb_html(CASE_LETTER, case.ids)
        )
        html = html.decode()
        for expected in (partner.name, invoice.name, "1,500.00"):
            self.assertIn(expected, html)

    def test_collector_releases_a_hold(self):
        """A case held by hand: Release Hold."""
        _partner, _invoice, case = self._overdue_case("Tour Hold SARL", 800.0, 12)
        self.env["debt.recovery.hold.wizard"].create(
            {"case_ids": [Command.set(case.ids)], "mode": "case", "reason": "manual"}
        ).action_hold()
        self.assertEqual(case.state, "on_hold")
        self._tour(CASE_FORM.format(case.id), "debt_recovery_release_hold", self.collector)

        self.assertRecordValues(
            case, [{"state": "open", "hold_reason": False, "hold_until": False}]
        )
        released = case.message_ids.filtered(lambda m: "Hold released." in (m.body or ""))
        self.assertEqual(released.author_id, self.collector.partner_id)

    # ------------------------------------------------------------------ manager
    def test_manager_validates_and_sends_a_formal_notice(self):
        """Case > To Validate > formal notice > Validate > Mark as Sent."""
        partner = self.env["res.partner"].create(
            {
                "name": "Tour Notice SARL",
                "is_company": True,
                "debt_recovery_debtor_type": "professional",
                "lang": "en_US",
            }
        )
        due = self.today - timedelta(days=35)
        self._invoice(partner, 2000.0, due)
        # The daily job, day after day, up to the formal notice (which waits for a manager).
        for delay in (3, 10, 20, 30):
            self._run(due + timedelta(days=delay))
        case = self._case(partner)
        notice = case.communication_ids.filtered(lambda c: c.state == "to_validate")
        self.assertEqual(notice.level_id, self.level_by_name["Formal notice"])
        self.assertEqual(notice.channel, "registered_letter")

        self._tour(CASE_FORM.format(case.id), "debt_recovery_validate_notice", self.manager)

        self.assertRecordValues(
            notice,
            [
                {
                    "state": "done",
                    "validated_by_id": self.manager.id,
                    "date": self.today,
                    "amount_due": 2000.0,
                }
            ],
        )
        self.assertTrue(notice.sent_date)
        # The letter sent is kept as evidence (HTML under tests, PDF in production).
        self.assertTrue(notice.evidence_attachment_id)
        self.assertIn(partner.name, notice.evidence_attachment_id.raw.decode())
        self.assertEqual(case.level_id, self.level_by_name["Formal notice"])
        self.assertEqual(case.level_date, self.today)

    def test_manager_opens_the_kpi_dashboard(self):
        """Debt Recovery > Reporting > Recovery KPIs, then the promises of the period."""
        partner, invoice, case = self._overdue_case("Tour KPI SAS", 1234.0, 20)
        self.env["debt.recovery.promise"].create(
            {
                "partner_id": partner.id,
                "case_id": case.id,
                "company_id": self.company.id,
                "amount": 300.0,
                "date": self.today - timedelta(days=3),
                "date_made": self.today - timedelta(days=10),
                "invoice_ids": [Command.set(invoice.ids)],
            }
        )
        self._tour(
            "/odoo/action-debt_recovery.debt_recovery_case_action",
            "debt_recovery_kpi_dashboard",
            self.manager,
        )
        # The drill-down saved the manager's dashboard: its figures are those shown.
        dashboard = self.env["debt.recovery.kpi.dashboard"].search(
            [("create_uid", "=", self.manager.id)]
        )
        self.assertEqual(len(dashboard), 1)
        self.assertEqual(dashboard.company_id, self.company)
        self.assertEqual(dashboard.date_to, self.today)
        self.assertAlmostEqual(dashboard.ar_ending, 1234.0)
        self.assertAlmostEqual(dashboard.ar_ending_overdue, 1234.0)
