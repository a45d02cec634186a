# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from odoo.tests import tagged

from odoo.addons.debt_recovery.tests.common import DebtRecoveryCommon
from odoo.addons.sms.tests.common import MockSMS


@tagged("post_install", "-at_install")
class TestSmsDelivery(DebtRecoveryCommon, MockSMS):
    """Reminders by SMS, posted on the case and followed through Odoo's notifications."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.first = cls.level_by_name["First reminder"]
        cls.first.write(
            {
                "send_sms": True,
                "sms_template_id": cls.env.ref("debt_recovery_sms.sms_template_reminder").id,
            }
        )
        cls.policy.user_id = cls.collector
        cls.debtor.mobile = "+33 6 12 34 56 78"

    def _remind(self):
        self._invoice(self.debtor, 500.0, "2026-03-01")
        self._run(date(2026, 3, 4))
        case = self._case()
        return case, case.communication_ids.filtered(
            lambda c: c.level_id == self.first and not c.undelivered_id
        )

    def _letters(self, case):
        return case.communication_ids.filtered("undelivered_id")

    def test_sms_posted_on_the_case_then_sent(self):
        case, comm = self._remind()
        self.assertEqual(comm.channel, "sms")
        message = comm.sms_message_id
        self.assertEqual((message.model, message.res_id), (case._name, case.id))
        self.assertEqual(message.message_type, "sms")
        self.assertEqual(message.notification_ids.notification_type, "sms")
        self.assertEqual(comm.delivery_state, "queued")
        self.assertIn("500.00", comm.sms_body)
        self.assertTrue(comm.sms_number)
        with self.mockSMSGateway():
            self.env["sms.sms"].sudo()._process_queue()
        self.assertEqual(len(self._sms), 1)
        self.assertIn("500.00", self._sms[0]["body"])
        self.assertEqual(message.notification_ids.notification_status, "pending")
        self.assertEqual(comm.delivery_state, "sent")
        self.assertFalse(case.delivery_issue)

    def test_sms_error_is_followed_up(self):
        case, comm = self._remind()
        with self.mockSMSGateway(sim_error="server_error"):
            self.env["sms.sms"].sudo()._process_queue()
        notification = comm.sms_message_id.notification_ids
        self.assertEqual(notification.notification_status, "exception")
        self.assertEqual(notification.failure_type, "sms_server")
        self.assertEqual(comm.delivery_state, "failed")
        self.assertEqual(case.delivery_issue, "failed")
        kind = self.env.ref("debt_recovery.mail_activity_type_undelivered")
        self.assertEqual(case.activity_ids.activity_type_id, kind)
        letter = self._letters(case)
        self.assertEqual((letter.channel, letter.state), ("letter", "to_send"))

    def test_debtor_without_number(self):
        self.debtor.mobile = False
        case, comm = self._remind()
        self.assertFalse(comm.sms_message_id)
        self.assertEqual(comm.delivery_state, "no_address")
        self.assertEqual(case.delivery_issue, "no_address")
        self.assertEqual(len(self._letters(case)), 1)

    def test_sms_reaches_a_debtor_without_email(self):
        self.first.write(
            {
                "send_email": True,
                "mail_template_id": self.env.ref("debt_recovery.mail_template_amicable").id,
            }
        )
        self.debtor.email = False
        case, comm = self._remind()
        self.assertTrue(comm.sms_message_id)
        self.assertFalse(comm.mail_message_id)
        self.assertEqual(comm.delivery_state, "queued")
        self.assertFalse(case.delivery_issue)
        self.assertFalse(self._letters(case))
        with self.mockSMSGateway():
            self.env["sms.sms"].sudo()._process_queue()
        self.assertEqual(comm.delivery_state, "sent")
