# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import io
from datetime import timedelta
from unittest.mock import patch

from odoo import fields
from odoo.tests import tagged
from odoo.tools.pdf import PdfFileReader

from odoo.addons.debt_recovery_reports.models import debt_recovery_communication as letters
from odoo.addons.debt_recovery_reports.models import letter_pdf

from .common import LETTER, PdfRenderingCase


def pdf_pages(content):
    """The text of each page of a PDF."""
    return [page.extract_text() for page in PdfFileReader(io.BytesIO(content)).pages]


@tagged("post_install", "-at_install")
class TestLetterBatch(PdfRenderingCase):
    """Letters rendered in batches: one wkhtmltopdf call, one evidence PDF per letter (needs
    wkhtmltopdf and the HTTP server for the CSS: pytest --odoo-http)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.letter_level = cls.level_by_name["Firm reminder"]
        cls.names = ["Alpha Plomberie", "Bravo Menuiserie", "Charlie Couverture"]
        cls.debtors = cls.env["res.partner"].create(
            [
                {
                    "name": name,
                    "is_company": True,
                    "debt_recovery_debtor_type": "professional",
                    "lang": "en_US",
                }
                for name in cls.names
            ]
        )
        cls.letters = cls.env["debt.recovery.communication"]
        for index, debtor in enumerate(cls.debtors):
            # The second letter lists many invoices: it runs over several pages, so the batch
            # is split by the letters' headings, not page by page.
            count = 30 if index == 1 else 1
            moves = cls.env["account.move"].concat(
                *(cls._invoice(debtor, 100.0 + i, "2024-01-15") for i in range(count))
            )
            cls.letters |= cls._communication(debtor, moves, cls.letter_level)

    def _count_wkhtmltopdf_calls(self):
        original = letter_pdf.run_wkhtmltopdf
        calls = []

        def counted(args, bodies, *others):
            calls.append(len(bodies))
            return original(args, bodies, *others)

        return patch.object(letter_pdf, "run_wkhtmltopdf", counted), calls

    def test_batch_gives_each_letter_its_own_evidence(self):
        patcher, calls = self._count_wkhtmltopdf_calls()
        with patcher:
            self.letters.with_context(force_report_rendering=True).action_mark_sent()
        self.assertEqual(calls, [3], "one wkhtmltopdf call for the three letters")
        attachments = self.letters.evidence_attachment_id
        self.assertEqual(len(attachments), 3)
        for letter, name in zip(self.letters, self.names, strict=True):
            evidence = letter.evidence_attachment_id
            self.assertEqual(evidence.res_id, letter.id)
            self.assertEqual(evidence.mimetype, "application/pdf")
            text = " ".join(pdf_pages(evidence.raw))
            self.assertIn(name, text)
            for other in set(self.names) - {name}:
                self.assertNotIn(other, text, "each PDF holds its own letter only")
        self.assertGreater(len(pdf_pages(self.letters[1].evidence_attachment_id.raw)), 1)
        # A reprint gives back the evidence, byte for byte.
        reprint, _fmt = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(LETTER, self.letters[1].ids)
        )
        self.assertEqual(reprint, self.letters[1].evidence_attachment_id.raw)

    def test_batch_documents_share_one_layout_and_inline_styles(self):
        """The letters of one company share one header and footer; wkhtmltopdf gets the rules
        of the report stylesheets that may apply, not links to the whole bundles."""
        original = letter_pdf.run_wkhtmltopdf
        documents = []

        def kept(args, bodies, header=None, footer=None, layouts=None):
            documents.append((bodies, header, footer, layouts))
            return original(args, bodies, header, footer, layouts)

        with patch.object(letter_pdf, "run_wkhtmltopdf", kept):
            self.letters.with_context(force_report_rendering=True).action_mark_sent()
        ((bodies, header, footer, layouts),) = documents
        self.assertEqual(layouts, [0, 0, 0])
        self.assertEqual(header.count('class="header'), 1)
        self.assertEqual(footer.count('class="footer'), 1)
        for html in (header, footer, *bodies):
            self.assertNotIn('rel="stylesheet"', html)
            self.assertIn("<style>", html)
        self.assertLess(len(header), 100_000, "not the whole report bundle (about 450 KB)")
        # The footer still numbers each letter's own pages.
        evidence = self.letters[1].evidence_attachment_id.raw
        pages = [" ".join(page.split()) for page in pdf_pages(evidence)]
        self.assertIn(f"Page 2 / {len(pages)}", pages[1])
        first = pdf_pages(self.letters[0].evidence_attachment_id.raw)[0]
        self.assertIn("Page 1 / 1", " ".join(first.split()))

    def test_print_todays_letters_in_one_pdf(self):
        today = fields.Date.context_today(self.env.user)
        later = self._communication(
            self.debtors[0],
            self.debtors[0].invoice_ids[:1],
            self.letter_level,
            at_date=today + timedelta(days=3),
        )
        Comm = self.env["debt.recovery.communication"].with_context(force_report_rendering=True)
        action = Comm.with_user(self.collector).action_print_todays_letters()
        self.assertEqual(action["type"], "ir.actions.report")
        printed = self.env["debt.recovery.communication"].browse(action["context"]["active_ids"])
        self.assertEqual(printed, self.letters, "the letters dated up to today, not later")
        self.assertEqual(set(self.letters.mapped("state")), {"done"})
        self.assertEqual(later.state, "to_send")
        merged, _fmt = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(LETTER, printed.ids)
        )
        pages = pdf_pages(merged)
        evidence_pages = sum(len(pdf_pages(att.raw)) for att in printed.evidence_attachment_id)
        self.assertEqual(len(pages), evidence_pages)
        self.assertIn(self.names[0], pages[0])
        self.assertIn(self.names[2], pages[-1])

    def test_batches_converted_in_parallel_processes(self):
        """Batches go to several wkhtmltopdf processes at once; each letter keeps its own PDF."""
        self.env["ir.config_parameter"].sudo().set_param(letters.LETTER_PROCESSES_PARAM, "2")
        patcher, calls = self._count_wkhtmltopdf_calls()
        with patcher, patch.object(letters, "LETTER_BATCH_SIZE", 2):
            self.letters.with_context(force_report_rendering=True).action_mark_sent()
        self.assertEqual(sorted(calls), [1, 2], "two batches, two wkhtmltopdf processes")
        for letter, name in zip(self.letters, self.names, strict=True):
            text = " ".join(pdf_pages(letter.evidence_attachment_id.raw))
            self.assertIn(name, text)
            for other in set(self.names) - {name}:
                self.assertNotIn(other, text, "each PDF holds its own letter only")
        self.assertGreater(len(pdf_pages(self.letters[1].evidence_attachment_id.raw)), 1)
