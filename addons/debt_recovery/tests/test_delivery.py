# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import smtplib
from datetime import date

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.mail.tests.common import MockEmail

from .common import DebtRecoveryCommon

# A delivery status notification (RFC 3464) as a receiving mail server returns it to the
# bounce address: the failed recipient in the report, the original message attached.
DSN = """Return-Path: <>
Delivered-To: {to}
Date: Tue, 03 Mar 2026 10:00:00 +0100
From: MAILER-DAEMON@mx.debtor.test (Mail Delivery System)
Subject: {subject}
To: {to}
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
    boundary="dsn-boundary"
Message-Id: {msg_id}

--dsn-boundary
Content-Description: Notification
Content-Type: text/plain; charset=us-ascii

Your message could not be delivered: 550 No such person at this address.

--dsn-boundary
Content-Description: Delivery report
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.debtor.test

Final-Recipient: rfc822; {email_from}
Action: failed
Status: 5.1.1
Diagnostic-Code: smtp; 550 No such person at this address.

--dsn-boundary
Content-Description: Undelivered Message
Content-Type: message/rfc822

Message-Id: {extra}
Subject: Payment reminder
To: {email_from}
Content-Type: text/plain; charset=us-ascii

Unless we are mistaken, the following invoices remain unpaid.

--dsn-boundary--
"""


@tagged("post_install", "-at_install")
class TestDelivery(DebtRecoveryCommon, MockEmail):
    """Reminder emails posted on the case, followed through Odoo's notifications."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._init_mail_gateway()
        cls._init_mail_servers()
        cls.company.write(
            {"email": "recovery@test.mycompany.com", "alias_domain_id": cls.mail_alias_domain.id}
        )
        cls.first = cls.level_by_name["First reminder"]
        cls.first.write(
            {
                "send_email": True,
                "mail_template_id": cls.env.ref("debt_recovery.mail_template_amicable").id,
            }
        )
        cls.policy.user_id = cls.collector

    def _remind(self, partner=None, amount=500.0):
        partner = partner or self.debtor
        self._invoice(partner, amount, "2026-03-01")
        self._run(date(2026, 3, 4))
        case = self._case(partner)
        return case, case.communication_ids.filtered(
            lambda c: c.level_id == self.first and not c.undelivered_id
        )

    def _send_queue(self):
        with self.mock_mail_gateway():
            self.env["mail.mail"].sudo().process_email_queue()

    def _bounce(self, comm):
        """The debtor's mail server returns the reminder: through the bounce alias, as the
        incoming mail server hands it to Odoo."""
        with self.mock_mail_gateway():
            self.format_and_process(
                DSN,
                self.debtor.email_formatted,
                f"{self.alias_bounce}@{self.alias_domain}",
                subject="Undelivered Mail Returned to Sender",
                extra=comm.mail_message_id.message_id,
                target_model="debt.recovery.communication",
            )

    def _undelivered_activities(self, case):
        kind = self.env.ref("debt_recovery.mail_activity_type_undelivered")
        return case.activity_ids.filtered(lambda a: a.activity_type_id == kind)

    def test_reminder_posted_on_the_case_and_kept_as_sent(self):
        case, comm = self._remind()
        message = comm.mail_message_id
        self.assertEqual((message.model, message.res_id), (case._name, case.id))
        self.assertEqual(message.partner_ids, self.debtor)
        self.assertEqual(message.message_type, "comment")
        self.assertIn(message, case.message_ids)
        self.assertEqual(message.notification_ids.res_partner_id, self.debtor)
        self.assertEqual(message.notification_ids.notification_status, "ready")
        self.assertEqual(comm.delivery_state, "queued")
        self.assertEqual(comm.mail_id.mail_message_id, message)
        self.assertEqual(comm.mail_id.state, "outgoing")
        self.assertIn(f"{self.alias_bounce}@{self.alias_domain}", comm.mail_id.headers)
        self.assertEqual(comm.email_subject, f"{self.company.name}: payment reminder")
        self.assertEqual(comm.email_recipients, self.debtor.email_formatted)
        self.assertIn("recovery@test.mycompany.com", comm.email_sender)
        self.assertIn("500.00", comm.email_body)
        self.assertEqual(comm.email_body, message.body)
        with self.assertRaises(UserError):
            comm.with_user(self.manager).write({"email_body": "<p>Rewritten</p>"})

        self._send_queue()
        self.assertEqual(message.notification_ids.notification_status, "sent")
        self.assertEqual(comm.delivery_state, "sent")
        self.assertEqual(len(self._mails), 1)
        self.assertEqual(self._mails[0]["email_to"], [self.debtor.email_formatted])
        self.assertIn("500.00", self._mails[0]["body"])
        # The mail queue is cleaned: the evidence stays on the communication.
        comm.mail_id.sudo().unlink()
        self.assertIn("500.00", comm.email_body)
        self.assertEqual(comm.delivery_state, "sent")
        self.assertFalse(case.delivery_issue)

    def test_bounce_through_the_bounce_alias(self):
        case, comm = self._remind()
        self._send_queue()
        self.assertEqual(comm.delivery_state, "sent")
        bounces = self.debtor.message_bounce
        self._bounce(comm)
        notification = comm.mail_message_id.notification_ids
        self.assertEqual(notification.notification_status, "bounce")
        self.assertEqual(notification.failure_type, "mail_bounce")
        self.assertEqual(comm.delivery_state, "bounced")
        self.assertIn("550 No such person", comm.delivery_failure)
        self.assertEqual(self.debtor.message_bounce, bounces + 1)
        # The worklist shows it, the collector acts, the level's letter waits to be printed.
        self.assertEqual(case.delivery_issue, "bounced")
        self.assertEqual(case.delivery_issue_communication_id, comm)
        self.assertIn(
            case, self.env["debt.recovery.case"].search([("delivery_issue", "!=", False)])
        )
        activity = self._undelivered_activities(case)
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.collector)
        letter = case.communication_ids.filtered(lambda c: c.undelivered_id == comm)
        self.assertEqual((letter.channel, letter.state), ("letter", "to_send"))
        self.assertEqual(letter.level_id, self.first)
        self.assertEqual(letter.amount_due, comm.amount_due)
        self.assertEqual(letter.line_ids.invoice_id, comm.line_ids.invoice_id)
        self.assertIn("A letter of the level waits to be printed.", case.message_ids[0].body)
        # The same bounce again changes nothing more.
        self._bounce(comm)
        self.assertEqual(len(self._undelivered_activities(case)), 1)
        self.assertEqual(len(case.communication_ids.filtered("undelivered_id")), 1)

    def test_debtor_without_email(self):
        self.debtor.email = False
        case, comm = self._remind()
        self.assertEqual(comm.delivery_state, "no_address")
        self.assertEqual(comm.state, "done")
        self.assertFalse(comm.mail_message_id)
        self.assertFalse(comm.mail_id)
        self.assertEqual(case.delivery_issue, "no_address")
        self.assertEqual(len(self._undelivered_activities(case)), 1)
        letter = case.communication_ids.filtered(lambda c: c.undelivered_id == comm)
        self.assertEqual(letter.state, "to_send")
        # The collector adds the address and marks the alert dealt with.
        self.debtor.email = "compta@durand.test"
        case.with_user(self.collector).action_clear_delivery_issue()
        self.assertFalse(case.delivery_issue)

    @mute_logger("odoo.addons.mail.models.mail_mail")
    def test_smtp_failure_then_resent(self):
        case, comm = self._remind()
        with self.mock_mail_gateway():
            self.connect_mocked.side_effect = smtplib.SMTPServerDisconnected("Connection lost")
            self.env["mail.mail"].sudo().process_email_queue()
        notification = comm.mail_message_id.notification_ids
        self.assertEqual(notification.notification_status, "exception")
        self.assertEqual(notification.failure_type, "mail_smtp")
        self.assertEqual(comm.delivery_state, "failed")
        self.assertTrue(comm.delivery_failure)
        self.assertEqual(case.delivery_issue, "failed")
        self.assertEqual(len(self._undelivered_activities(case)), 1)
        # Odoo's own resend: the mail server answers now, the alert goes.
        comm.mail_id.sudo().write({"state": "outgoing"})
        self._send_queue()
        self.assertEqual(comm.delivery_state, "sent")
        self.assertFalse(case.delivery_issue)

    def test_level_with_a_letter_proposes_no_second_letter(self):
        firm = self.level_by_name["Firm reminder"]  # sends a letter
        firm.write({"send_email": True, "mail_template_id": self.first.mail_template_id.id})
        self._invoice(self.debtor, 500.0, "2026-03-01")
        self._run(date(2026, 3, 4))
        self._run(date(2026, 3, 11))
        case = self._case()
        comm = case.communication_ids.filtered(lambda c: c.level_id == firm)
        self.assertEqual((comm.channel, comm.state), ("letter", "to_send"))
        self._send_queue()
        self._bounce(comm)
        self.assertEqual(comm.delivery_state, "bounced")
        self.assertEqual(case.delivery_issue, "bounced")
        self.assertFalse(case.communication_ids.filtered("undelivered_id"))

    def test_courteous_reminder_without_case_posted_on_the_communication(self):
        before_due = self.level_by_name["Before due"]
        before_due.write(
            {
                "send_email": True,
                "mail_template_id": self.env.ref("debt_recovery.mail_template_preventive").id,
            }
        )
        self.assertFalse(before_due.letter_if_undelivered, "no letter before the due date")
        self._invoice(self.debtor, 300.0, "2026-03-10")
        self._run(date(2026, 3, 5))
        comm = self.env["debt.recovery.communication"].search(
            [("partner_id", "=", self.debtor.id), ("level_id", "=", before_due.id)]
        )
        self.assertFalse(comm.case_id)
        message = comm.mail_message_id
        self.assertEqual((message.model, message.res_id), (comm._name, comm.id))
        self._send_queue()
        self._bounce(comm)
        self.assertEqual(comm.delivery_state, "bounced")
        self.assertFalse(
            self.env["debt.recovery.communication"].search([("undelivered_id", "=", comm.id)])
        )

    def test_template_attachments_belong_to_the_communication(self):
        template = self.first.mail_template_id
        leaflet = self.env["ir.attachment"].create(
            {"name": "conditions.txt", "raw": b"General terms", "res_model": "mail.template"}
        )
        template.attachment_ids = [Command.link(leaflet.id)]
        case, comm = self._remind()
        sent = comm.email_attachment_ids
        self.assertEqual(sent.mapped("name"), ["conditions.txt"])
        self.assertEqual((sent.res_model, sent.res_id), (comm._name, comm.id))
        self.assertEqual(comm.mail_message_id.attachment_ids, sent)
        self._send_queue()
        self.assertEqual(self._mails[0]["attachments"][0][0], "conditions.txt")

    def test_query_count_of_reminders_does_not_grow(self):
        """Emails are rendered and posted in bulk: the daily job's queries stay flat."""
        Case = self.env["debt.recovery.case"]

        def run(count, due, day):
            partners = self.env["res.partner"].create(
                [
                    {
                        "name": f"Mailed {due} {i}",
                        "is_company": True,
                        "debt_recovery_debtor_type": "professional",
                        "email": f"debtor{i}@{due}.test" if i % 4 else False,
                    }
                    for i in range(count)
                ]
            )
            for partner in partners:
                self._invoice(partner, 100.0, due)
            self.env.flush_all()
            start = self.env.cr.sql_log_count
            Case._cron_escalate_at(day)
            self.env.flush_all()
            return self.env.cr.sql_log_count - start

        small = run(4, "2026-03-01", date(2026, 3, 4))
        large = run(40, "2026-04-01", date(2026, 4, 4))
        comms = self.env["debt.recovery.communication"].search(
            [("partner_id.name", "like", "Mailed"), ("level_id", "=", self.first.id)]
        )
        letters = comms.filtered("undelivered_id")
        self.assertEqual(letters.undelivered_id.partner_id.mapped("email"), [False] * 11)
        comms -= letters
        self.assertEqual(len(comms), 44)
        self.assertEqual(len(comms.filtered(lambda c: c.delivery_state == "queued")), 33)
        self.assertEqual(len(comms.filtered(lambda c: c.delivery_state == "no_address")), 11)
        self.assertLessEqual(large, small + 5, f"{small} queries for 4 cases, {large} for 40")
        # The job without emails stays under 80 (see test_escalation); rendering, posting in
        # bulk and following up the debtors without address add about thirty, whatever the count;
        # with every add-on installed, the direct debit step and the letters' factored invoices
        # add one query each.
        self.assertLess(large, 112)
