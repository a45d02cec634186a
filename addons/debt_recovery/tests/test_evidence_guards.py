# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Evidence is written by the system only, forward only: what a letter's validation, sending
and proof of receipt prove, and what became of an email, cannot be entered by hand nor
changed, at create as at write; the capacity assessments' personal data stays with the
assessments group whatever else changes."""

from datetime import date, datetime

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import DebtRecoveryCommon


@tagged("post_install", "-at_install")
class TestEvidenceGuards(DebtRecoveryCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.invoice = cls._invoice(cls.debtor, 1000.0, "2026-01-15")
        cls.formal = cls.level_by_name["Formal notice"]

    def _registered_letter(self, **values):
        return self.env["debt.recovery.communication"].create(
            {
                "partner_id": self.debtor.id,
                "company_id": self.company.id,
                "level_id": self.formal.id,
                "channel": "registered_letter",
                "direction": "outbound",
                "state": "to_send",
                "date": date(2026, 3, 2),
                **values,
            }
        )

    def test_sending_facts_cannot_be_entered_at_create(self):
        Comm = self.env["debt.recovery.communication"].with_user(self.collector)
        base = {
            "partner_id": self.debtor.id,
            "channel": "registered_letter",
            "direction": "outbound",
            "state": "done",
        }
        forged = {
            "sent_date": datetime(2026, 1, 2, 9, 0),
            "receipt_date": date(2026, 1, 3),
            "validated_by_id": self.manager.id,
            "validated_date": datetime(2026, 1, 2, 8, 0),
        }
        for name, value in forged.items():
            with self.subTest(field=name), self.assertRaisesRegex(UserError, "evidence"):
                Comm.create(dict(base, **{name: value}))
        # A collector still logs what he did himself (a call, a letter he posted).
        self.assertTrue(Comm.create(dict(base, channel="phone")))

    def test_sending_facts_cannot_be_changed_by_a_manager(self):
        comm = self._registered_letter()
        comm.action_mark_sent()
        for name, value in {
            "sent_date": datetime(2025, 1, 1),
            "validated_by_id": self.collector.id,
            "receipt_date": date(2026, 3, 4),
        }.items():
            with self.subTest(field=name), self.assertRaises(UserError):
                comm.with_user(self.manager).write({name: value})

    @freeze_time("2026-03-10")
    def test_receipt_recorded_once_through_its_action(self):
        comm = self._registered_letter()
        with self.assertRaisesRegex(UserError, "already sent"):
            comm.with_user(self.collector)._record_receipt(date(2026, 3, 4))
        with freeze_time("2026-03-02 10:00"):
            comm.with_user(self.collector).action_mark_sent()
        collector_comm = comm.with_user(self.collector)
        action = collector_comm.action_record_receipt()
        self.assertEqual(action["res_model"], "debt.recovery.receipt.wizard")
        for wrong in (date(2026, 3, 1), date(2026, 3, 11)):
            with self.subTest(receipt=wrong), self.assertRaisesRegex(UserError, "between"):
                collector_comm._record_receipt(wrong)
        wizard = (
            self.env["debt.recovery.receipt.wizard"]
            .with_user(self.collector)
            .create({"communication_id": comm.id, "receipt_date": date(2026, 3, 4)})
        )
        wizard.action_record()
        self.assertEqual(comm.receipt_date, date(2026, 3, 4))
        self.assertIn("Proof of receipt recorded", comm.message_ids[0].body)
        # Then locked, for the collector, the manager and the system alike.
        with self.assertRaisesRegex(UserError, "cannot be changed"):
            collector_comm._record_receipt(date(2026, 3, 5))
        with self.assertRaises(UserError):
            comm.with_user(self.manager).receipt_date = date(2026, 3, 5)
        with self.assertRaisesRegex(UserError, "already kept as evidence"):
            comm.sudo().receipt_date = date(2026, 3, 5)
        self.assertEqual(comm.receipt_date, date(2026, 3, 4))

    def test_delivery_state_written_by_the_system_forward_only(self):
        comm = self._registered_letter(channel="email")
        with self.assertRaises(UserError):
            comm.with_user(self.manager).write({"delivery_state": "sent"})
        with self.assertRaises(UserError):
            self.env["debt.recovery.communication"].with_user(self.collector).create(
                {
                    "partner_id": self.debtor.id,
                    "channel": "email",
                    "delivery_state": "sent",
                }
            )
        Comm = self.env["debt.recovery.communication"]
        Comm._set_delivery_states({comm.id: ("sent", False)})
        self.assertEqual(comm.delivery_state, "sent")
        # A late report of an earlier stage changes nothing; a bounce still comes through.
        Comm._set_delivery_states({comm.id: ("queued", False)})
        self.assertEqual(comm.delivery_state, "sent")
        Comm._set_delivery_states({comm.id: ("failed", "Connection lost")})
        self.assertEqual(comm.delivery_state, "sent")
        Comm._set_delivery_states({comm.id: ("bounced", "Mailbox unknown")})
        self.assertEqual(comm.delivery_state, "bounced")
        Comm._set_delivery_states({comm.id: ("sent", False)})
        self.assertEqual(comm.delivery_state, "bounced")


@tagged("post_install", "-at_install")
class TestAssessmentPrivacy(DebtRecoveryCommon):
    """An individual's budget (lines and totals) is read by the assessments group only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.member = cls._user("dr_member_privacy", "Mia Member", "user")
        cls._grant_budget_access(cls.member)
        cls._invoice(cls.consumer, 900.0, "2026-01-15")
        cls.env["debt.recovery.case"]._cron_escalate_at(date(2026, 3, 1))
        cls.case = cls.env["debt.recovery.case"].search([("partner_id", "=", cls.consumer.id)])
        cls.case.user_id = cls.member
        # Made by a collector outside the assessments group (he reads the assessment, not the
        # budget); the member collects the case.
        cls.assessment = (
            cls.env["debt.recovery.assessment"]
            .with_user(cls.collector)
            .create({"partner_id": cls.consumer.id, "kind": "individual"})
        )
        cls.assessment.with_user(cls.member).write(
            {"line_ids": [Command.create({"kind": "income", "name": "Salary", "amount": 1800})]}
        )

    def test_kind_cannot_be_switched_to_read_the_budget(self):
        for user in (self.collector, self.manager, self.member):
            with self.subTest(user=user.login), self.assertRaisesRegex(UserError, "kind"):
                self.assessment.with_user(user).write({"kind": "business"})
        self.assertEqual(self.assessment.kind, "individual")

    def test_budget_totals_are_for_the_assessments_group(self):
        self.assertEqual(self.assessment.with_user(self.member).monthly_income, 1800.0)
        for user in (self.collector, self.manager):
            assessment = self.assessment.with_user(user)
            for name in ("monthly_income", "monthly_expenses", "disposable_income"):
                with self.subTest(user=user.login, field=name), self.assertRaises(AccessError):
                    assessment.read([name])
        # The result without the budget stays readable by the manager.
        self.assertTrue(self.assessment.with_user(self.manager).read(["advice"]))

    def test_a_collector_cannot_make_himself_the_collector(self):
        with self.assertRaisesRegex(UserError, "Only a Debt Recovery Manager assigns"):
            self.case.with_user(self.collector).write({"user_id": self.collector.id})
        self.assertEqual(self.case.user_id, self.member)
        self.case.with_user(self.manager).write({"user_id": self.collector.id})
        self.assertEqual(self.case.user_id, self.collector)
