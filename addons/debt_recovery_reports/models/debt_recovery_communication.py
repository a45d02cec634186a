# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import config, split_every

from odoo.addons.debt_recovery.models.debt_recovery_communication import LETTER_CHANNELS

_logger = logging.getLogger(__name__)

LETTER_REPORT = "debt_recovery_reports.action_report_communication_letter"
# Letters rendered by one wkhtmltopdf call: every page loads the headers of the whole batch,
# so larger batches cost more per letter (25 measured best, see tests/benchmarks/bench_letters.py).
LETTER_BATCH_SIZE = 25


class DebtRecoveryCommunication(models.Model):
    _inherit = "debt.recovery.communication"

    evidence_attachment_id = fields.Many2one(
        "ir.attachment",
        string="Evidence",
        readonly=True,
        copy=False,
        help="The exact document sent (letter PDF, or the PDF attached to the email). It cannot "
        "be changed nor deleted.",
    )
    tracking_number = fields.Char(
        string="Postal Tracking Number", copy=False, help="Registered letter tracking number."
    )

    def write(self, vals):
        if "evidence_attachment_id" in vals and not self.env.su:
            raise UserError(self.env._("The evidence of a communication cannot be replaced."))
        return super().write(vals)

    # ------------------------------------------------------------------ evidence
    def _evidence_name(self, extension="pdf"):
        self.ensure_one()
        label = self.level_id.name or dict(
            self._fields["channel"]._description_selection(self.env)
        ).get(self.channel, "")
        return f"{label} - {self.partner_id.display_name} - {self.date}.{extension}"

    def _evidence_report_attachment_name(self):
        """Name of the stored evidence, so that reprints give back the exact PDF sent."""
        self.ensure_one()
        return self.evidence_attachment_id.name or False

    def _render_evidence(self):
        """{communication: (content, format)}, the letters rendered in batches."""
        # Reached from _attach_evidence only, on communications it checked: the evidence is the
        # complete letter, rendered as the superuser (company bank details included).
        Report = self.env["ir.actions.report"].sudo()
        if self._rendering_falls_back():
            # No wkhtmltopdf under tests: one HTML document per letter.
            return {
                comm: Report.with_context(report_pdf_no_attachment=True)._render_qweb_pdf(
                    LETTER_REPORT, comm.ids
                )
                for comm in self
            }
        if Report.get_wkhtmltopdf_state() == "install":
            raise UserError(
                self.env._(
                    "wkhtmltopdf is not installed: the letters cannot be rendered as PDF, so "
                    "they cannot be marked as sent (the PDF sent is kept as evidence)."
                )
            )
        result = {}
        for batch in split_every(LETTER_BATCH_SIZE, self.ids, self.browse):
            result.update(batch._render_letter_batch(Report))
        return result

    def _render_letter_batch(self, Report):
        """{communication: (pdf, "pdf")}: one wkhtmltopdf call for these letters, the PDF
        split per letter the way Odoo splits the reports it saves as attachments (page count,
        else each letter's heading in the PDF outline). A letter that cannot be told apart is
        rendered alone."""
        streams = Report.with_context(
            webp_as_jpg=True, debt_recovery_letter_batch=True
        )._render_qweb_pdf_prepare_streams(LETTER_REPORT, {}, res_ids=self.ids)
        result = {}
        for comm in self:
            stream = streams.get(comm.id, {}).get("stream")
            if stream is None:
                _logger.warning("Letter %s could not be split from its batch", comm.id)
                result[comm] = Report.with_context(report_pdf_no_attachment=True)._render_qweb_pdf(
                    LETTER_REPORT, comm.ids
                )
                continue
            result[comm] = (stream.getvalue(), "pdf")
            stream.close()
        if streams.get(False, {}).get("stream"):
            streams[False]["stream"].close()
        return result

    def _rendering_falls_back(self):
        """Under tests, Odoo renders HTML instead of PDF unless forced (see ir.actions.report)."""
        return bool(config["test_enable"] or config["test_file"]) and not self.env.context.get(
            "force_report_rendering"
        )

    def _attach_evidence(self):
        """Render and attach the letter of each communication; returns {comm: attachment}."""
        self.check_access("write")
        rendered = self._render_evidence()
        vals_list = []
        comms = []
        for comm, (content, fmt) in rendered.items():
            if isinstance(content, str):
                content = content.encode()
            extension = "pdf" if fmt == "pdf" else "html"
            vals_list.append(
                {
                    "name": comm._evidence_name(extension),
                    "raw": content,
                    "res_model": comm._name,
                    "res_id": comm.id,
                    "type": "binary",
                    "mimetype": "application/pdf" if fmt == "pdf" else "text/html",
                }
            )
            comms.append(comm)
        # Superuser on the communications checked above: evidence is written by the system
        # only (see write() and ir.attachment), never by a user.
        attachments = self.env["ir.attachment"].sudo().create(vals_list)
        for comm, attachment in zip(comms, attachments, strict=True):
            comm.sudo().evidence_attachment_id = attachment
        return dict(zip(comms, attachments, strict=True))

    def action_mark_sent(self):
        """Mark letters as sent and keep the exact letter sent as evidence."""
        res = super().action_mark_sent()
        letters = self.filtered(lambda c: c.channel in LETTER_CHANNELS)
        if letters:
            letters._attach_evidence()
        return res

    def _reminder_attachments(self, template):
        """Emails carry the letter as a PDF, also kept on the communication as evidence."""
        result = super()._reminder_attachments(template)
        with_letter = self.filtered(lambda c: c.level_id.email_attach_letter)
        if not with_letter:
            return result
        # Reached from _send_emails (daily job, or a validation already checked).
        Report = self.env["ir.actions.report"].sudo()
        if Report.get_wkhtmltopdf_state() == "install" and not self._rendering_falls_back():
            # The email still goes, without its PDF: a missing tool must not stop reminders.
            _logger.warning("wkhtmltopdf is not installed: reminder emails go without the letter")
            return result
        for comm, attachment in with_letter._attach_evidence().items():
            result[comm.id] |= attachment
        return result

    # ------------------------------------------------------------------ letters to print
    def action_print_letters(self):
        """Mark the selected letters as sent and print them in one PDF (the evidence PDFs)."""
        comms = self.filtered(lambda c: c.channel in LETTER_CHANNELS)
        if not comms:
            raise UserError(self.env._("Select letters or registered letters to print."))
        comms.filtered(lambda c: c.state == "to_send").action_mark_sent()
        return self.env.ref(LETTER_REPORT).report_action(comms, config=False)

    @api.model
    def _letters_to_print_domain(self):
        return [("state", "=", "to_send"), ("channel", "in", LETTER_CHANNELS)]

    @api.model
    def action_print_todays_letters(self):
        """Every letter waiting to be printed up to today, in one PDF for the post room,
        marked as sent (see :meth:`action_print_letters`)."""
        today = fields.Date.context_today(self)
        comms = self.search(
            self._letters_to_print_domain() + [("date", "<=", today)], order="date, partner_id, id"
        )
        if not comms:
            raise UserError(self.env._("No letter is waiting to be printed today."))
        return comms.action_print_letters()
