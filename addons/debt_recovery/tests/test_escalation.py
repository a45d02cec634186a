# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date, timedelta
from unittest.mock import patch

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import SQL

from ..models.debt_recovery_case import CRON_LOCK_KEY
from .common import DebtRecoveryCommon


@tagged("post_install", "-at_install")
class TestEscalation(DebtRecoveryCommon):
    def _comms(self, case):
        return case.communication_ids.sorted("id")

    def test_first_level_after_delay(self):
        self._invoice(self.debtor, 1000.0, "2026-03-01")
        self._run(date(2026, 3, 3))
        case = self._case()
        self.assertEqual(case.state, "open")
        self.assertFalse(case.level_id)
        self.assertEqual(case.next_action_date, date(2026, 3, 4))
        self.assertEqual(case.amount_overdue, 1000.0)
        self.assertEqual(case.days_overdue, 2)
        self._run(date(2026, 3, 4))
        self.assertEqual(case.level_id, self.level_by_name["First reminder"])
        self.assertEqual(len(case.communication_ids), 1)
        comm = case.communication_ids
        self.assertEqual(comm.amount_due, 1000.0)
        self.assertEqual(comm.direction, "outbound")
        self.assertEqual(comm.channel, "other")
        self.assertEqual(comm.line_ids.amount_residual, 1000.0)
        self.assertEqual(comm.line_ids.days_late, 3)

    def test_french_ladder_over_90_days_frozen_clock(self):
        """A debtor who never pays goes through the whole ladder, one day at a time."""
        invoice = self._invoice(self.debtor, 1200.0, "2026-03-01", invoice_date="2026-01-30")
        Case = self.env["debt.recovery.case"]
        reached = {}
        day = date(2026, 2, 20)
        while day <= date(2026, 5, 30):
            with freeze_time(day):
                Case._cron_escalate()
                case = self._case()
                if day == date(2026, 4, 1):
                    notice = case.communication_ids.filtered(lambda c: c.state == "to_validate")
                    self.assertEqual(len(notice), 1, "the formal notice waits for validation")
                    self.assertEqual(notice.level_id, self.level_by_name["Formal notice"])
                    with self.assertRaises(UserError):
                        notice.with_user(self.collector).action_validate()
                    notice.with_user(self.manager).action_validate()
                if case and case.level_id and case.level_id.name not in reached:
                    reached[case.level_id.name] = day
            day += timedelta(days=1)
        self.assertEqual(
            reached,
            {
                "First reminder": date(2026, 3, 4),
                "Firm reminder": date(2026, 3, 11),
                "Call": date(2026, 3, 21),
                "Formal notice": date(2026, 4, 1),
                "Pre-litigation": date(2026, 4, 16),
                "Litigation": date(2026, 5, 1),
            },
        )
        case = self._case()
        self.assertEqual(case.state, "litigation")
        comms = self._comms(case)
        self.assertEqual(len(comms), 6, "exactly one communication per level change")
        self.assertEqual(
            comms.mapped("channel"),
            ["other", "letter", "phone", "registered_letter", "phone", "phone"],
        )
        self.assertEqual(invoice.debt_recovery_level_id, self.level_by_name["Litigation"])
        # Letters are recorded as to print; activities were scheduled for the collector.
        self.assertEqual(comms[1].state, "to_send")
        self.assertEqual(len(case.activity_ids), 3)
        # Penalties on the formal notice: 1200 x 12.15 % x 31 / 365 (legal rate H1 2026).
        notice = comms[3]
        self.assertAlmostEqual(notice.interest_amount, round(1200 * 0.1215 * 31 / 365, 2))
        self.assertEqual(notice.indemnity_amount, 40.0)

    def test_idempotent_same_day(self):
        level = self.level_by_name["First reminder"]
        level.write(
            {
                "send_email": True,
                "mail_template_id": self.env.ref("debt_recovery.mail_template_amicable").id,
            }
        )
        self._invoice(self.debtor, 500.0, "2026-03-01")
        mails_before = self.env["mail.mail"].search_count([])
        self._run(date(2026, 3, 4))
        self._run(date(2026, 3, 4))
        case = self._case()
        self.assertEqual(len(case.communication_ids), 1)
        self.assertEqual(self.env["mail.mail"].search_count([]), mails_before + 1)
        mail = case.communication_ids.mail_id
        self.assertEqual(mail.state, "outgoing", "queued, not sent inline")
        self.assertIn("500.00", mail.body_html)

    def test_email_in_partner_language(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(
            ["debt_recovery"], ["fr_FR"], overwrite=True
        )
        self.debtor.lang = "fr_FR"
        level = self.level_by_name["First reminder"]
        level.write(
            {
                "send_email": True,
                "mail_template_id": self.env.ref("debt_recovery.mail_template_amicable").id,
            }
        )
        self._invoice(self.debtor, 500.0, "2026-03-01")
        self._run(date(2026, 3, 4))
        mail = self._case().communication_ids.mail_id
        self.assertIn("Madame, Monsieur", mail.body_html)

    def test_payment_closes_and_new_invoice_reopens_from_first_level(self):
        invoice = self._invoice(self.debtor, 800.0, "2026-03-01")
        self._run(date(2026, 3, 4))
        self._run(date(2026, 3, 11))
        case = self._case()
        self.assertEqual(case.level_id, self.level_by_name["Firm reminder"])
        self._pay(invoice, pay_date=date(2026, 3, 12))
        self._run(date(2026, 3, 13))
        self.assertEqual(case.state, "closed")
        self.assertFalse(case.level_id)
        self.assertEqual(case.amount_overdue, 0.0)
        self._invoice(self.debtor, 300.0, "2026-04-01")
        self._run(date(2026, 4, 4))
        self.assertEqual(case.state, "open")
        self.assertEqual(case.level_id, self.level_by_name["First reminder"])
        self.assertEqual(
            len(self.env["debt.recovery.case"].search([("partner_id", "=", self.debtor.id)])),
            1,
            "one case per debtor and company",
        )

    def test_partial_payment_and_credit_note_reduce_the_claim(self):
        invoice = self._invoice(self.debtor, 1000.0, "2026-03-01")
        self._pay(invoice, amount=400.0, pay_date=date(2026, 3, 2))
        refund = self.env["account.move"].create(
            {
                "move_type": "out_refund",
                "partner_id": self.debtor.id,
                "invoice_date": date(2026, 3, 2),
                "invoice_line_ids": [
                    Command.create(
                        {"name": "Refund", "price_unit": 100.0, "tax_ids": [Command.clear()]}
                    )
                ],
            }
        )
        refund.action_post()
        self._run(date(2026, 3, 4))
        case = self._case()
        self.assertEqual(case.amount_credit, 100.0)
        self.assertEqual(case.amount_overdue, 500.0, "600 residual - 100 unapplied credit note")
        self.assertEqual(case.communication_ids.line_ids.amount_residual, 600.0)

    def test_dispute_holds_the_case(self):
        invoice = self._invoice(self.debtor, 700.0, "2026-03-01")
        self._run(date(2026, 3, 4))
        case = self._case()
        wizard = (
            self.env["debt.recovery.log.contact.wizard"]
            .with_user(self.collector)
            .create(
                {
                    "case_id": case.id,
                    "channel": "phone",
                    "direction": "inbound",
                    "outcome": "dispute",
                    "dispute_invoice_ids": [Command.set(invoice.ids)],
                    "summary": "Goods damaged on delivery",
                    "date": date(2026, 3, 5),
                }
            )
        )
        wizard.action_log()
        self.assertTrue(invoice.debt_recovery_excluded)
        self.assertEqual(invoice.debt_recovery_exclusion_reason, "dispute")
        self.assertEqual(case.state, "on_hold")
        self._run(date(2026, 3, 30))
        self.assertEqual(case.level_id, self.level_by_name["First reminder"], "no escalation")
        inbound = case.communication_ids.filtered(lambda c: c.direction == "inbound")
        self.assertEqual(inbound.outcome, "dispute")
        self.assertTrue(inbound.line_ids.excluded)
        # The dispute is settled: the invoice is released and the ladder resumes.
        invoice.action_debt_recovery_release()
        self._run(date(2026, 3, 31))
        self.assertEqual(case.state, "open")
        self.assertEqual(case.level_id, self.level_by_name["Firm reminder"])

    def test_manual_hold_until_date(self):
        self._invoice(self.debtor, 700.0, "2026-03-01")
        self._run(date(2026, 3, 4))
        case = self._case()
        wizard = (
            self.env["debt.recovery.hold.wizard"]
            .with_user(self.collector)
            .create(
                {
                    "case_ids": [Command.set(case.ids)],
                    "reason": "manual",
                    "hold_until": date.today() + timedelta(days=400),
                }
            )
        )
        wizard.action_hold()
        self.assertEqual(case.state, "on_hold")
        self._run(date(2026, 3, 20))
        self.assertEqual(case.level_id, self.level_by_name["First reminder"])
        case.with_user(self.collector).action_release_hold()
        self.assertEqual(case.state, "open")

    def test_contact_cap_postpones(self):
        self.policy.write({"contact_limit": 2, "contact_window_days": 7})
        self._invoice(self.debtor, 900.0, "2026-03-01")
        self._run(date(2026, 3, 4))
        case = self._case()
        # Two manual outbound contacts in the window.
        Comm = self.env["debt.recovery.communication"]
        for day in (date(2026, 3, 9), date(2026, 3, 10)):
            Comm.create(
                {
                    "partner_id": self.debtor.id,
                    "case_id": case.id,
                    "channel": "phone",
                    "direction": "outbound",
                    "date": day,
                    "state": "done",
                }
            )
        self._run(date(2026, 3, 11))
        self.assertEqual(case.level_id, self.level_by_name["First reminder"])
        self.assertEqual(case.next_action_date, date(2026, 3, 16))
        self.assertIn("Contact cap", case.blocked_reason)
        self._run(date(2026, 3, 16))
        self.assertEqual(case.level_id, self.level_by_name["Firm reminder"])

    def test_skip_levels(self):
        self.policy.allow_level_skip = True
        self._invoice(self.debtor, 900.0, "2026-03-01")
        self._run(date(2026, 3, 25))
        case = self._case()
        self.assertEqual(case.level_id, self.level_by_name["Call"])
        self.assertEqual(len(case.communication_ids), 1)

    def test_no_skip_advances_one_level_per_run(self):
        self._invoice(self.debtor, 900.0, "2026-03-01")
        self._run(date(2026, 3, 25))
        case = self._case()
        self.assertEqual(case.level_id, self.level_by_name["First reminder"])
        self.assertEqual(case.next_action_date, date(2026, 4, 1))

    def test_min_overdue_amount(self):
        self.policy.min_overdue_amount = 100.0
        self._invoice(self.debtor, 50.0, "2026-03-01")
        self._run(date(2026, 3, 10))
        case = self._case()
        self.assertFalse(case.level_id)
        self.assertFalse(case.communication_ids)
        self.assertTrue(case.blocked_reason)

    def test_grace_days(self):
        self.policy.grace_days = 5
        self._invoice(self.debtor, 50.0, "2026-03-01")
        self._run(date(2026, 3, 6))
        self.assertFalse(self._case(), "not overdue during the grace period")
        self._run(date(2026, 3, 7))
        self.assertTrue(self._case())

    def test_preventive_reminder_once_per_invoice(self):
        invoice = self._invoice(self.debtor, 400.0, "2026-03-10", invoice_date="2026-02-10")
        self._run(date(2026, 3, 4))
        Comm = self.env["debt.recovery.communication"]
        self.assertFalse(Comm.search([("partner_id", "=", self.debtor.id)]))
        self._run(date(2026, 3, 5))
        self._run(date(2026, 3, 6))
        comms = Comm.search([("partner_id", "=", self.debtor.id)])
        self.assertEqual(len(comms), 1)
        self.assertEqual(comms.level_id, self.level_by_name["Before due"])
        self.assertEqual(comms.invoice_ids, invoice)
        self.assertFalse(comms.case_id)

    def test_interest_and_indemnity(self):
        invoice = self._invoice(self.debtor, 1000.0, "2025-05-15")
        # 15 May - 30 Jun 2025: 46 days at 13.15 %; 1 Jul - 10 Aug 2025: 41 days at 12.15 %.
        expected = round(1000 * 0.1315 * 46 / 365 + 1000 * 0.1215 * 41 / 365, 2)
        self.assertAlmostEqual(invoice.compute_late_interest(date(2025, 8, 10)), expected)
        self.assertEqual(invoice.compute_late_interest(date(2025, 5, 15)), 0.0)
        consumer_invoice = self._invoice(self.consumer, 1000.0, "2025-05-15")
        penalties = (invoice | consumer_invoice)._debt_recovery_penalties(date(2025, 8, 10))
        self.assertEqual(penalties[invoice.id]["indemnity"], 40.0)
        self.assertEqual(penalties[consumer_invoice.id]["indemnity"], 0.0)
        self.policy.interest_mode = "fixed"
        self.policy.interest_fixed_rate = 10.0
        # Never below 3 x the legal rate of the half-year (L441-10 II): 3 x 3.71 = 11.13 % in
        # H1 2025 bites, 3 x 2.76 = 8.28 % in H2 2025 does not.
        self.assertAlmostEqual(
            invoice.compute_late_interest(date(2025, 8, 10)),
            round(1000 * (0.1113 * 46 + 0.10 * 41) / 365, 2),
        )
        self.policy.interest_mode = "none"
        self.assertEqual(invoice.compute_late_interest(date(2025, 8, 10)), 0.0)

    def test_partner_policy_override(self):
        other = self._create_policy(
            self.company, ladder=[("Only call", 1, "amicable", {"create_activity": True})]
        )
        self.debtor.with_company(self.company).debt_recovery_policy_id = other
        self._invoice(self.debtor, 300.0, "2026-03-01")
        self._run(date(2026, 3, 2))
        case = self._case()
        self.assertEqual(case.policy_id, other)
        self.assertEqual(case.level_id.name, "Only call")

    def test_failure_is_isolated(self):
        self._invoice(self.debtor, 300.0, "2026-03-01")
        self._invoice(self.consumer, 300.0, "2026-03-01")
        self._run(date(2026, 3, 2))
        bad_case = self._case()
        original = type(self.env["debt.recovery.case"])._snapshot

        def broken_snapshot(model, case):
            if case == bad_case:
                raise ValueError("corrupt case")
            return original(model, case)

        with patch.object(type(self.env["debt.recovery.case"]), "_snapshot", broken_snapshot):
            self._run(date(2026, 3, 4))
        self.assertIn("corrupt case", bad_case.last_error)
        self.assertFalse(bad_case.level_id)
        self.assertEqual(self._case(self.consumer).level_id, self.level_by_name["First reminder"])

    def test_concurrent_run_is_skipped(self):
        """A second worker finds the escalation lock taken and does nothing."""
        self._invoice(self.debtor, 300.0, "2026-03-01")
        with self.registry.cursor() as other_cr:
            other_cr.execute(SQL("SELECT pg_advisory_lock(%s)", CRON_LOCK_KEY))
            try:
                self._run(date(2026, 3, 4))
            finally:
                other_cr.execute(SQL("SELECT pg_advisory_unlock(%s)", CRON_LOCK_KEY))
        self.assertFalse(self._case(), "the locked run did not create anything")
        self._run(date(2026, 3, 4))
        self.assertEqual(len(self._case().communication_ids), 1)

    def _count_queries(self, function):
        self.env.flush_all()
        self.env.invalidate_all()
        start = self.env.cr.sql_log_count
        function()
        self.env.flush_all()
        return self.env.cr.sql_log_count - start

    def test_query_count_does_not_grow_with_cases(self):
        """The daily job costs a bounded number of queries, whatever the number of cases."""
        self.policy.level_ids.filtered("create_activity").create_activity = False
        Case = self.env["debt.recovery.case"]

        def build(count, due):
            partners = self.env["res.partner"].create(
                [
                    {
                        "name": f"Debtor {due} {i}",
                        "is_company": True,
                        "debt_recovery_debtor_type": "professional",
                    }
                    for i in range(count)
                ]
            )
            for partner in partners:
                self._invoice(partner, 100.0, due)
                self._invoice(partner, 50.0, due)
            return partners

        build(3, "2026-03-01")
        small = self._count_queries(lambda: Case._cron_escalate_at(date(2026, 3, 4)))
        build(30, "2026-04-01")
        large = self._count_queries(lambda: Case._cron_escalate_at(date(2026, 4, 4)))
        self.assertEqual(
            Case.search_count([("level_id", "!=", False), ("partner_id.name", "like", "Debtor")]),
            33,
        )
        self.assertLessEqual(large, small + 5, f"{small} queries for 3 cases, {large} for 30")
        self.assertLess(large, 80)

    def test_multi_company_isolation(self):
        company_2 = self.setup_other_company(name="Second Co")["company"]
        self.assertTrue(company_2.debt_recovery_policy_id, "new companies get the default ladder")
        self._invoice(self.debtor, 300.0, "2026-03-01")
        self._invoice(self.debtor, 900.0, "2026-03-01", company=company_2)
        self._run(date(2026, 3, 4))
        cases = self.env["debt.recovery.case"].search([("partner_id", "=", self.debtor.id)])
        self.assertEqual(len(cases), 2)
        case_2 = cases.filtered(lambda c: c.company_id == company_2)
        self.assertEqual(case_2.amount_overdue, 900.0)
        self.assertEqual(case_2.policy_id.company_id, company_2)
        visible = (
            self.env["debt.recovery.case"]
            .with_user(self.collector)
            .search([("partner_id", "=", self.debtor.id)])
        )
        self.assertEqual(visible.company_id, self.company)
        with self.assertRaises(AccessError):
            case_2.with_user(self.collector).read(["amount_overdue"])

    def test_access_rights(self):
        self._invoice(self.debtor, 300.0, "2026-03-01")
        self._run(date(2026, 3, 4))
        case = self._case()
        comm = case.communication_ids
        # A collector works cases and logs contacts, but cannot configure nor cancel, nor
        # assign cases (a manager does).
        with self.assertRaises(UserError):
            case.with_user(self.collector).user_id = self.collector
        case.with_user(self.manager).user_id = self.collector
        with self.assertRaises(AccessError):
            self.policy.with_user(self.collector).write({"grace_days": 3})
        with self.assertRaises(UserError):
            comm.with_user(self.collector).action_cancel()
        with self.assertRaises(UserError):
            comm.with_user(self.manager).write({"summary": "rewritten"})
        with self.assertRaises(UserError):
            comm.with_user(self.manager).unlink()
        comm.with_user(self.manager).action_cancel()
        self.assertEqual(comm.state, "cancelled")
        self.policy.with_user(self.manager).write({"grace_days": 3})
        # Portal and plain billing users see nothing of the recovery.
        portal = self.env["res.users"].create(
            {
                "name": "Portal",
                "login": "dr_portal",
                "groups_id": [Command.set(self.env.ref("base.group_portal").ids)],
            }
        )
        billing = self._user("dr_billing", "Billing", "billing")
        for user in (portal, billing):
            with self.assertRaises(AccessError):
                case.with_user(user).read(["amount_overdue"])
            with self.assertRaises(AccessError):
                comm.with_user(user).read(["summary"])
        # A billing user still opens invoices (penalties are computed with elevated rights).
        invoice = case.invoice_ids.with_user(billing)
        self.assertGreaterEqual(invoice.debt_recovery_interest, 0.0)
