# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date, timedelta

from odoo import Command, fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from ..engine.schedule import add_months
from .common import DebtRecoveryCommon


@tagged("post_install", "-at_install")
class TestPlan(DebtRecoveryCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.today()
        cls.Plan = cls.env["debt.recovery.plan"]

    def _plan(self, invoices, count=3, user=None, **values):
        Plan = self.Plan.with_user(user or self.collector)
        plan = Plan.create(
            {
                "partner_id": invoices.commercial_partner_id[:1].id,
                "invoice_ids": [Command.set(invoices.ids)],
                "instalment_count": count,
                "date_start": self.today,
                **values,
            }
        )
        plan.action_generate_schedule()
        return plan

    def _overdue_case(self, partner=None, amount=1200.0):
        """An invoice 10 days overdue, the first reminder sent: (invoice, case)."""
        partner = partner or self.debtor
        invoice = self._invoice(partner, amount, self.today - timedelta(days=10))
        self._run(self.today)
        case = self._case(partner)
        self.assertEqual(case.level_id, self.level_by_name["First reminder"])
        return invoice, case

    def _ladder_comms(self, case):
        return case.communication_ids.filtered("level_id")

    # ------------------------------------------------------------------ schedule
    def test_schedule_rounding_and_dates(self):
        invoice = self._invoice(self.debtor, 1000.0, self.today - timedelta(days=5))
        plan = self._plan(
            invoice, count=3, date_start=date(2027, 1, 15), first_due_date=date(2027, 1, 31)
        )
        self.assertEqual(plan.amount_total, 1000.0)
        self.assertEqual(plan.line_ids.mapped("amount"), [333.33, 333.33, 333.34])
        self.assertEqual(
            plan.line_ids.mapped("due_date"),
            [date(2027, 1, 31), date(2027, 2, 28), date(2027, 3, 31)],
        )
        plan.write({"down_payment": 100.0, "frequency": "biweekly"})
        plan.action_generate_schedule()
        lines = plan.line_ids
        self.assertEqual(lines.mapped("amount"), [100.0, 300.0, 300.0, 300.0])
        self.assertEqual(lines[0].due_date, date(2027, 1, 15))
        self.assertTrue(lines[0].is_down_payment)
        self.assertEqual(lines[3].due_date, date(2027, 1, 31) + timedelta(days=28))
        self.assertEqual(
            self.Plan.new({"date_start": date(2027, 1, 31)}).first_due_date, date(2027, 2, 28)
        )

    def test_schedule_validation_errors(self):
        invoice = self._invoice(self.debtor, 900.0, self.today - timedelta(days=5))
        plan = self._plan(invoice)
        lines = plan.line_ids
        cases = [
            {"instalment_count": 0},
            {"amount_total": 0.0},
            {"amount_total": -5.0},
            {"down_payment": 900.0},
            {"down_payment": -1.0},
            {"first_due_date": self.today - timedelta(days=1)},
        ]
        for values in cases:
            with self.subTest(values=values), self.assertRaises(ValidationError):
                with self.env.cr.savepoint():
                    plan.write(values)
                    plan.action_generate_schedule()
        self.assertEqual(plan.line_ids, lines, "a refused schedule writes nothing")
        other = self._invoice(self.consumer, 100.0, self.today - timedelta(days=5))
        with self.assertRaises(ValidationError):
            self._plan(invoice | other)
        with self.assertRaises(UserError):
            self._plan(self.env["account.move"], partner_id=self.debtor.id)
        plan.action_activate()
        with self.assertRaises(ValidationError):
            self._plan(invoice)

    def test_other_company_invoice_refused(self):
        company_2 = self.setup_other_company(name="Plan Co 2")["company"]
        invoice = self._invoice(self.debtor, 300.0, self.today - timedelta(days=5))
        invoice_2 = self._invoice(
            self.debtor, 300.0, self.today - timedelta(days=5), company=company_2
        )
        with self.assertRaises(UserError):
            self._plan(invoice | invoice_2, user=self.env.user)
        plan = self._plan(invoice, user=self.env.user)
        with self.assertRaises(UserError):
            plan.invoice_ids = [Command.link(invoice_2.id)]
            plan.action_generate_schedule()

    # ------------------------------------------------------------------ lifecycle
    def test_activation_holds_escalation(self):
        invoice, case = self._overdue_case()
        before = self._ladder_comms(case)
        plan = self._plan(invoice)
        with self.assertRaises(UserError):
            plan.copy().with_user(self.collector).action_activate()  # no schedule
        plan.action_activate()
        self.assertEqual(plan.state, "active")
        self.assertEqual(plan.case_id, case)
        self.assertEqual(plan.case_level_id, self.level_by_name["First reminder"])
        self.assertTrue(invoice.debt_recovery_excluded)
        self.assertEqual(invoice.debt_recovery_exclusion_reason, "plan")
        self.assertEqual((case.state, case.hold_reason), ("on_hold", "plan"))
        for days in (8, 20, 25):
            self._run(self.today + timedelta(days=days))
        self.assertEqual(self._ladder_comms(case), before, "no reminder on held invoices")
        self.assertEqual((case.state, case.hold_reason), ("on_hold", "plan"))
        self.assertEqual(case.level_id, self.level_by_name["First reminder"])
        self.assertEqual(plan.state, "active")

    def test_paid_plan_closes_case(self):
        invoice, case = self._overdue_case()
        plan = self._plan(invoice)
        plan.action_activate()
        self._pay(invoice, amount=400.0)
        self._run(self.today + timedelta(days=1))
        self.assertEqual(plan.amount_paid, 400.0)
        self.assertEqual(plan.line_ids.mapped("state"), ["paid", "pending", "pending"])
        self._pay(invoice, amount=100.0)
        plan.action_refresh()
        self.assertEqual(plan.line_ids.mapped("state"), ["paid", "partial", "pending"])
        self.assertEqual(plan.line_ids[1].amount_paid, 100.0)
        self._pay(invoice)
        self._run(self.today + timedelta(days=2))
        self.assertEqual(plan.state, "done")
        self.assertFalse(invoice.debt_recovery_excluded)
        self.assertEqual(case.state, "closed")
        self.assertEqual(plan.payment_progress, 100.0)

    def test_missed_instalment_breaks_plan_and_ladder_resumes(self):
        invoice, case = self._overdue_case()
        plan = self._plan(invoice)
        plan.action_activate()
        first_due = plan.line_ids[0].due_date
        self._run(first_due + timedelta(days=3))
        self.assertEqual(plan.line_ids[0].state, "late")
        self.assertEqual(plan.state, "active")
        self.assertEqual((case.state, case.hold_reason), ("on_hold", "plan"))
        broken_day = first_due + timedelta(days=6)
        self._run(broken_day)
        self.assertEqual(plan.line_ids[0].state, "missed")
        self.assertEqual(plan.state, "broken")
        self.assertFalse(invoice.debt_recovery_excluded)
        self.assertEqual(case.state, "open")
        self.assertEqual(case.level_id, self.level_by_name["First reminder"], "saved level")
        self.assertEqual(case.level_date, broken_day)
        # Firm reminder comes 7 days (10 - 3) after the resumed level, not at once.
        self._run(broken_day + timedelta(days=6))
        self.assertEqual(case.level_id, self.level_by_name["First reminder"])
        self._run(broken_day + timedelta(days=7))
        self.assertEqual(case.level_id, self.level_by_name["Firm reminder"])
        self.assertEqual(self._ladder_comms(case)[0].line_ids.invoice_id, invoice)

    def test_revision(self):
        invoice, case = self._overdue_case()
        plan = self._plan(invoice, count=3)
        plan.action_activate()
        self._pay(invoice, amount=400.0)
        action = plan.with_user(self.collector).action_revise()
        revision = self.Plan.browse(action["res_id"])
        self.assertEqual(revision.state, "draft")
        self.assertEqual(revision.previous_plan_id, plan)
        self.assertEqual(revision.amount_total, 800.0)
        self.assertEqual(revision.instalment_count, 3)
        self.assertEqual(sum(revision.line_ids.mapped("amount")), 800.0)
        self.assertEqual(plan.state, "active", "the old plan runs until the revision starts")
        revision.write({"instalment_count": 4})
        revision.action_generate_schedule()
        revision.with_user(self.collector).action_activate()
        self.assertEqual(plan.state, "cancelled")
        self.assertEqual(revision.state, "active")
        self.assertEqual(invoice.debt_recovery_exclusion_reason, "plan")
        self.assertEqual((case.state, case.hold_reason), ("on_hold", "plan"))
        self.assertEqual(case.plan_count, 2)

    def test_cancel_releases_invoices(self):
        invoice, case = self._overdue_case()
        plan = self._plan(invoice)
        plan.action_activate()
        plan.with_user(self.collector).action_cancel()
        self.assertEqual(plan.state, "cancelled")
        self.assertFalse(invoice.debt_recovery_excluded)
        self.assertEqual(case.state, "open")
        with self.assertRaises(UserError):
            plan.unlink()

    def test_propose_plan_from_case(self):
        invoice, case = self._overdue_case()
        action = case.with_user(self.collector).action_propose_plan()
        plan = self.Plan.browse(action["res_id"])
        self.assertEqual(plan.state, "draft")
        self.assertEqual(plan.invoice_ids, invoice)
        self.assertEqual(plan.first_due_date, add_months(self.today, 1))
        plan.action_generate_schedule()
        plan.action_activate()
        with self.assertRaises(UserError):
            case.action_propose_plan()

    # ------------------------------------------------------------------ promises
    def _promise(self, case, amount, promised):
        wizard = (
            self.env["debt.recovery.log.contact.wizard"]
            .with_user(self.collector)
            .create(
                {
                    "case_id": case.id,
                    "channel": "phone",
                    "outcome": "promise",
                    "summary": "Will pay next week",
                    "promise_amount": amount,
                    "promise_date": promised,
                }
            )
        )
        wizard.action_log()
        return case.promise_ids

    def test_promise_kept(self):
        invoice, case = self._overdue_case()
        promise = self._promise(case, 1200.0, self.today + timedelta(days=7))
        self.assertEqual(promise.state, "open")
        self.assertEqual(invoice.debt_recovery_exclusion_reason, "promise")
        self.assertEqual(case.state, "on_hold")
        self._pay(invoice)
        self._run(self.today + timedelta(days=1))
        self.assertEqual(promise.state, "kept")
        self.assertEqual(case.state, "closed")

    def test_promise_broken(self):
        invoice, case = self._overdue_case()
        before = self._ladder_comms(case)
        promise = self._promise(case, 1200.0, self.today + timedelta(days=7))
        self._run(self.today + timedelta(days=7))
        self.assertEqual(promise.state, "open")
        self.assertEqual(self._ladder_comms(case), before)
        self._run(self.today + timedelta(days=8))
        self.assertEqual(promise.state, "broken")
        self.assertFalse(invoice.debt_recovery_excluded)
        self.assertEqual(case.state, "open")
        self.assertEqual(case.partner_id.with_user(self.collector).debt_recovery_promise_count, 1)

    # ------------------------------------------------------------------ reminders
    def _mails(self, line):
        return self.env["mail.mail"].search(
            [("model", "=", "debt.recovery.plan.line"), ("res_id", "=", line.id)]
        )

    def test_reminders_sent_once(self):
        self.debtor.lang = "en_US"
        invoice, case = self._overdue_case()
        plan = self._plan(invoice)
        plan.action_activate()
        line = plan.line_ids[0]
        emails = case.communication_ids.filtered(lambda c: c.channel == "email")
        self.Plan._refresh(line.due_date - timedelta(days=4))
        self.assertFalse(self._mails(line), "too early")
        for _run in range(2):
            self.Plan._refresh(line.due_date - timedelta(days=3))
        mails = self._mails(line)
        self.assertEqual(len(mails), 1)
        self.assertEqual(mails.state, "outgoing", "queued, not sent in the transaction")
        self.assertIn(plan.name, mails.body_html)
        self.assertTrue(line.reminder_sent)
        logged = case.communication_ids.filtered(lambda c: c.channel == "email") - emails
        self.assertEqual(len(logged), 1)
        self.assertEqual(
            (logged.direction, logged.state, logged.partner_id, logged.mail_id),
            ("outbound", "done", self.debtor, mails),
        )
        for _run in range(2):
            self.Plan._refresh(line.due_date + timedelta(days=1))
        self.assertEqual(len(self._mails(line)), 2)
        self.assertTrue(line.late_notice_sent)
        self.assertFalse(plan.line_ids[1].reminder_sent)

    # ------------------------------------------------------------------ performance
    def _refresh_queries(self, day):
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        self.Plan._refresh(day)
        self.env.flush_all()
        return self.cr.sql_log_count - before

    def _paid_plans(self, count):
        plans = self.Plan
        for index in range(count):
            partner = self.env["res.partner"].create(
                {
                    "name": f"Plan debtor {index}",
                    "is_company": True,
                    "debt_recovery_debtor_type": "professional",
                }
            )
            invoice = self._invoice(partner, 600.0, self.today - timedelta(days=5))
            plan = self._plan(invoice, count=3, user=self.env.user)
            plan.action_activate()
            self._pay(invoice, amount=300.0)
            plans |= plan
        return plans

    def test_refresh_query_count_is_flat(self):
        day = self.today + timedelta(days=5)
        small = self._paid_plans(2)
        queries_small = self._refresh_queries(day)
        large = self._paid_plans(10)
        queries_large = self._refresh_queries(day)
        self.assertEqual(
            (small | large).line_ids.mapped("state").count("partial"), 12, "payments followed"
        )
        self.assertLessEqual(queries_large, queries_small, f"{queries_small} vs {queries_large}")
        # Nothing changed since: the follow-up of the 12 plans only reads.
        self.assertLessEqual(self._refresh_queries(day), queries_small)
        self.assertLess(queries_small, 40)

    def test_consumer_plan_ends_only_after_a_notice_left_without_effect(self):
        self.policy.consumer_plan_notice_days = 30
        invoice, case = self._overdue_case(self.consumer)
        plan = self._plan(invoice)
        plan.action_activate()
        first_due = plan.line_ids[0].due_date
        default_day = first_due + timedelta(days=6)
        self._run(default_day)
        self.assertEqual(plan.line_ids[0].state, "missed")
        # Not broken: a formal notice gives the consumer 30 days to pay the missed instalment.
        self.assertEqual(plan.state, "active")
        self.assertEqual(plan.default_notice_date, default_day)
        notice = case.communication_ids.filtered(lambda c: c.channel == "registered_letter")
        self.assertEqual(len(notice), 1)
        self.assertEqual(notice.response_date, default_day + timedelta(days=30))
        self.assertIn("the whole balance falls due", notice.summary)
        self._run(default_day + timedelta(days=29))
        self.assertEqual(plan.state, "active")
        self.assertEqual(
            len(case.communication_ids.filtered(lambda c: c.channel == "registered_letter")), 1
        )
        self._run(default_day + timedelta(days=30))
        self.assertEqual(plan.state, "broken")
        self.assertFalse(invoice.debt_recovery_excluded)
