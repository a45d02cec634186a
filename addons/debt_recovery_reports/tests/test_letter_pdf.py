# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import tagged

from .common import LETTER, PdfRenderingCase


@tagged("post_install", "-at_install")
class TestLetterPdf(PdfRenderingCase):
    """Real PDF through wkhtmltopdf (needs the HTTP server for the CSS: pytest --odoo-http)."""

    def test_pdf_and_evidence(self):
        inv = self._invoice(self.debtor, 1000.0, "2024-01-15")
        comm = self._communication(self.debtor, inv, self.level_by_name["Formal notice"])
        Report = self.env["ir.actions.report"].with_context(force_report_rendering=True)
        pdf, fmt = Report._render_qweb_pdf(LETTER, comm.ids)
        self.assertEqual(fmt, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        comm.with_context(force_report_rendering=True).action_mark_sent()
        evidence = comm.evidence_attachment_id
        self.assertEqual(evidence.mimetype, "application/pdf")
        self.assertTrue(evidence.name.endswith(".pdf"))
        self.assertTrue(evidence.raw.startswith(b"%PDF"))
        # A reprint of the sent letter is the evidence itself, byte for byte.
        reprint, _fmt = Report._render_qweb_pdf(LETTER, comm.ids)
        self.assertEqual(reprint, evidence.raw)
