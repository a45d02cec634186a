# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import html
import logging
import os
import re
from concurrent.futures import ThreadPoolExecutor

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import config, split_every

from odoo.addons.debt_recovery.models import evidence
from odoo.addons.debt_recovery.models.debt_recovery_communication import LETTER_CHANNELS

from ..letter_engine import layout, stylesheet
from . import letter_pdf

_logger = logging.getLogger(__name__)

LETTER_REPORT = "debt_recovery_reports.action_report_communication_letter"
# Letters rendered by one wkhtmltopdf call. Their identical headers and footers are kept once
# and the stylesheets cut to the rules they may use, so a page costs the same in any batch;
# fewer, larger batches save process starts and report renderings (977 letters: 10 a batch
# 41 s, 25: 37 s, 50: 32 s, 100: 26 s, 200: 28 s; see tests/benchmarks/bench_letters.py).
LETTER_BATCH_SIZE = 100
# System parameter: wkhtmltopdf processes converting batches at once (one per core by default).
LETTER_PROCESSES_PARAM = "debt_recovery_reports.letter_processes"
# Stylesheets of the letters' documents: links to asset bundles, parsed once per database.
_STYLESHEET_LINK = re.compile(r"<link\b[^>]*\brel=\"stylesheet\"[^>]*>")
_HREF = re.compile(r"\bhref=\"([^\"]+)\"")
_BUNDLE_URL = re.compile(r"^/web/assets/[0-9a-f]+/([\w.]+?)\.min\.css$")
_STYLESHEETS = {}
# The document as sent: attached once, by the sending itself.
EVIDENCE_DOCUMENT = frozenset({"evidence_attachment_id"})


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

    @api.model_create_multi
    def create(self, vals_list):
        evidence.check_system_fields(
            self, {name for vals in vals_list for name in vals}, EVIDENCE_DOCUMENT
        )
        return super().create(vals_list)

    def write(self, vals):
        evidence.check_system_fields(self, vals, EVIDENCE_DOCUMENT, EVIDENCE_DOCUMENT)
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
        batches = list(split_every(LETTER_BATCH_SIZE, self.ids, self.browse))
        # The ORM prepares each batch's HTML while wkhtmltopdf converts the batches already
        # prepared, in as many processes at once as the setting allows. Under tests, the HTTP
        # server giving wkhtmltopdf the CSS shares this transaction's cursor: every batch is
        # prepared before the first conversion starts.
        overlap = not self.env.registry.in_test_mode()
        with ThreadPoolExecutor(max_workers=min(len(batches), self._letter_processes())) as pool:
            jobs = []
            for batch in batches:
                html_ids, job = batch._letter_batch_job(Report)
                jobs.append((batch, html_ids, pool.submit(*job) if overlap else job))
            if not overlap:
                jobs = [(batch, ids, pool.submit(*job)) for batch, ids, job in jobs]
            # Every conversion ends before a letter that cannot be split is rendered alone.
            pdfs = [(batch, ids, self._letter_pdf_of(future)) for batch, ids, future in jobs]
        result = {}
        for batch, html_ids, pdf in pdfs:
            result.update(batch._letters_of_batch(Report, html_ids, pdf))
        return result

    @api.model
    def _letter_processes(self):
        """wkhtmltopdf processes to run at once (system parameter, else one per core)."""
        value = self.env["ir.config_parameter"].sudo().get_param(LETTER_PROCESSES_PARAM)
        try:
            return max(1, int(value or os.cpu_count() or 1))
        except ValueError:
            _logger.warning("%s is not a number (%r): one process", LETTER_PROCESSES_PARAM, value)
            return 1

    def _letter_batch_job(self, Report):
        """(record ids in the HTML, (function, arguments...) converting it) of these letters:
        their HTML prepared by the report as Odoo prepares it for wkhtmltopdf."""
        Report = Report.with_context(webp_as_jpg=True, debt_recovery_letter_batch=True, debug=False)
        report = Report._get_report(LETTER_REPORT)
        html = Report._render_qweb_html(
            LETTER_REPORT, self.ids, data={"report_type": "pdf", "debug": False}
        )[0]
        bodies, html_ids, header, footer, paper_args = report._prepare_html(
            html, report_model=report.model
        )
        args = report._build_wkhtmltopdf_args(
            report.get_paperformat(), False, specific_paperformat_args=paper_args
        )
        header, footer, layouts = layout.shared_layouts(header, footer, len(bodies))
        header, footer, *bodies = self._with_stylesheets_inlined([header, footer, *bodies])
        return html_ids, (letter_pdf.run_wkhtmltopdf, args, bodies, header, footer, layouts)

    @api.model
    def _with_stylesheets_inlined(self, documents):
        """The documents of a batch, each report stylesheet they link replaced by the rules of
        it that may apply to them (see letter_engine/stylesheet.py): wkhtmltopdf parses the
        stylesheets of every page's header and footer again, half of a letter's time."""
        classes, ids = set(), set()
        for document in documents:
            if document:
                document_classes, document_ids = stylesheet.document_names(document)
                classes |= document_classes
                ids |= document_ids

        def inline(link):
            href = _HREF.search(link.group())
            sheet = href and self._letter_stylesheet(html.unescape(href.group(1)))
            return f"<style>{sheet.subset(classes, ids)}</style>" if sheet else link.group()

        return [document and _STYLESHEET_LINK.sub(inline, document) for document in documents]

    @api.model
    def _letter_stylesheet(self, url):
        """The parsed stylesheet of an asset bundle's URL, None when it is not one."""
        key = (self.env.cr.dbname, url)
        if key not in _STYLESHEETS:
            bundle = _BUNDLE_URL.match(url)
            attachment = bundle and self.env["ir.attachment"].sudo().search(
                [("url", "=", url)], limit=1
            )
            if bundle and not attachment and not bundle.group(1).endswith(".rtl"):
                # Never served yet: the bundle's stylesheet generated as its URL would give it.
                attachment = (
                    self.env["ir.qweb"]._get_asset_bundle(bundle.group(1), js=False).css()
                ).filtered(lambda item: item.url == url)[:1]
            css = attachment.raw.decode() if attachment else ""
            if len(_STYLESHEETS) >= 16:
                _STYLESHEETS.clear()
            _STYLESHEETS[key] = (
                stylesheet.Stylesheet(css) if css and "</style" not in css.lower() else None
            )
        return _STYLESHEETS[key]

    @api.model
    def _letter_pdf_of(self, future):
        """The PDF a conversion gave (bytes), its failure as a user error."""
        try:
            return future.result()
        except letter_pdf.LetterRenderingError as error:
            raise UserError(
                self.env._(
                    "wkhtmltopdf failed (error code: %(code)s): %(message)s",
                    code=error.code,
                    message=error.message,
                )
            ) from error

    def _letters_of_batch(self, Report, html_ids, pdf):
        """{communication: (pdf, "pdf")} of these letters from their batch's PDF, split per
        letter (page count, else each letter's heading in the PDF outline). Letters that
        cannot be told apart are rendered one by one."""
        documents = None
        if sorted(html_ids) == sorted(self.ids):
            documents = letter_pdf.split_documents(pdf, len(html_ids))
        if documents is None:
            _logger.warning("Letters %s could not be split from their batch", self.ids)
            Single = Report.with_context(report_pdf_no_attachment=True)
            return {comm: Single._render_qweb_pdf(LETTER_REPORT, comm.ids) for comm in self}
        by_id = dict(zip(html_ids, documents, strict=True))
        return {comm: (by_id[comm.id], "pdf") for comm in self}

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
        # A letter whose document was already kept (sent with its email) keeps it: evidence is
        # attached once.
        letters = self.filtered(
            lambda c: c.channel in LETTER_CHANNELS and not c.evidence_attachment_id
        )
        if letters:
            letters._attach_evidence()
        return res

    # EXTENDS debt_recovery
    def _preview_render(self, kind="email"):
        """The letter, as printed (HTML), for the preview of a run."""
        if kind != "letter" or self.channel not in LETTER_CHANNELS:
            return super()._preview_render(kind)
        # Reached from the preview's route on a case it checked: rendered as the daily job.
        html_doc = self.env["ir.actions.report"].sudo()._render_qweb_html(LETTER_REPORT, self.ids)
        return {"title": self.display_name, "html": html_doc[0], "document": True}

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
