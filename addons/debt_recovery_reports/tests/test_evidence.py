# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import ReportsCommon, text


@tagged("post_install", "-at_install")
class TestEvidence(ReportsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.formal = cls.level_by_name["Formal notice"]
        cls.inv = cls._invoice(cls.debtor, 1000.0, "2024-01-15")

    def test_mark_sent_attaches_letter(self):
        comm = self._communication(self.debtor, self.inv, self.formal)
        comm.with_user(self.collector).action_mark_sent()
        self.assertEqual(comm.state, "done")
        evidence = comm.evidence_attachment_id
        self.assertTrue(evidence)
        self.assertEqual((evidence.res_model, evidence.res_id), (comm._name, comm.id))
        # Under tests Odoo renders HTML instead of calling wkhtmltopdf (see test_letter_pdf).
        self.assertTrue(
            evidence.name.startswith("Formal notice - Durand Bâtiment SARL - 2024-03-01")
        )
        content = text(evidence.raw)
        self.assertIn("Formal notice to pay", content)
        self.assertIn(self.inv.name, content)

    def test_evidence_is_read_only(self):
        comm = self._communication(self.debtor, self.inv, self.formal)
        comm.action_mark_sent()
        evidence = comm.evidence_attachment_id.with_user(self.manager)
        with self.assertRaises(UserError):
            evidence.unlink()
        with self.assertRaises(UserError):
            evidence.write({"raw": b"forged"})
        with self.assertRaises(UserError):
            comm.with_user(self.manager).evidence_attachment_id = False
        # The tracking number stays editable once sent; the date of receipt is recorded
        # through its action, once.
        comm.with_user(self.collector).write({"tracking_number": "1A00000000001"})
        self.assertEqual(comm.tracking_number, "1A00000000001")
        with self.assertRaises(UserError):
            comm.with_user(self.collector).write({"receipt_date": "2024-03-04"})
        self.assertFalse(comm.receipt_date)
        # The superuser keeps the power to clean up.
        comm.evidence_attachment_id.sudo().write({"name": "renamed.pdf"})

    def test_print_letters_marks_sent(self):
        comms = self._communication(self.debtor, self.inv, self.formal) | self._communication(
            self.debtor, self.inv, self.level_by_name["Firm reminder"]
        )
        action = comms.action_print_letters()
        self.assertEqual(action["type"], "ir.actions.report")
        self.assertEqual(action["report_name"], "debt_recovery_reports.report_communication_letter")
        self.assertEqual(set(comms.mapped("state")), {"done"})
        self.assertTrue(all(comms.mapped("evidence_attachment_id")))
        # Reprints give back the stored evidence (report attachment lookup).
        report = self.env.ref("debt_recovery_reports.action_report_communication_letter")
        for comm in comms:
            self.assertEqual(report.retrieve_attachment(comm), comm.evidence_attachment_id)

    def test_letters_to_print_action(self):
        comm = self._communication(self.debtor, self.inv, self.formal)
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "debt_recovery_reports.debt_recovery_communication_action_letters"
        )
        found = self.env["debt.recovery.communication"].search(eval(action["domain"]))
        self.assertIn(comm, found)
        comm.action_mark_sent()
        found = self.env["debt.recovery.communication"].search(eval(action["domain"]))
        self.assertNotIn(comm, found)

    def test_email_without_letter_by_default(self):
        amicable = self.level_by_name["First reminder"]
        comm = self._communication(self.debtor, self.inv, amicable, channel="email", state="done")
        comm._send_emails(self.env.ref("debt_recovery.mail_template_amicable"))
        self.assertTrue(comm.mail_id)
        self.assertFalse(comm.evidence_attachment_id, "no PDF rendered unless the level asks")
        self.assertFalse(comm.mail_id.attachment_ids)

    def test_email_carries_letter(self):
        amicable = self.level_by_name["First reminder"]
        amicable.email_attach_letter = True
        comm = self._communication(self.debtor, self.inv, amicable, channel="email", state="done")
        template = self.env.ref("debt_recovery.mail_template_amicable")
        comm._send_emails(template)
        self.assertTrue(comm.mail_id)
        self.assertTrue(comm.evidence_attachment_id)
        self.assertIn(comm.evidence_attachment_id, comm.mail_id.attachment_ids)
        self.assertIn("Payment reminder", text(comm.evidence_attachment_id.raw))
