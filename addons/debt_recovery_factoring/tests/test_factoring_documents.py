# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""What the debtor reads: the invoice as printed, the letters about its other invoices."""

import re
from datetime import date

from odoo.tests import tagged

from .common import COMPANY_IBAN, FACTOR_IBAN, MENTION_EN, FactoringCommon


def _text(html):
    return re.sub(r"\s+", " ", html.decode() if isinstance(html, bytes) else html)


def _ibans(text, iban):
    """Whether ``iban`` appears in ``text``, compact or in groups of four."""
    spaced = " ".join(iban[i : i + 4] for i in range(0, len(iban), 4))
    return iban in text or spaced in text


@tagged("post_install", "-at_install")
class TestFactoringDocuments(FactoringCommon):
    def _render_invoice(self, invoice):
        html, _kind = self.env["ir.actions.report"]._render_qweb_html(
            "account.report_invoice_with_payments", invoice.ids
        )
        return _text(html)

    def test_notified_invoice_prints_the_mention_and_the_factor_bank(self):
        invoice = self._invoice(self.debtor, 1200.0, "2026-05-01")
        invoice.payment_reference = "INV-FACT-1"
        before = self._render_invoice(invoice)
        self.assertTrue(_ibans(before, COMPANY_IBAN), "the company's account, before")
        self._assign(invoice, date(2026, 4, 2))
        text = self._render_invoice(invoice)
        self.assertIn(MENTION_EN, text)
        self.assertTrue(_ibans(text, FACTOR_IBAN))
        self.assertFalse(_ibans(text, COMPANY_IBAN))
        self.assertNotIn("Payment Communication", text)
        self.assertIn("o_factoring_subrogation", text)

    def test_confidential_invoice_prints_as_before(self):
        self.contract.mode = "confidential"
        invoice = self._invoice(self.debtor, 1200.0, "2026-05-01")
        self._pay(invoice, amount=200.0, pay_date=date(2026, 4, 1))
        self._assign(invoice, date(2026, 4, 2))
        text = self._render_invoice(invoice)
        self.assertNotIn(MENTION_EN, text)
        self.assertFalse(_ibans(text, FACTOR_IBAN))
        self.assertTrue(_ibans(text, COMPANY_IBAN))
        # The debtor's own payment shows, the assignment does not: 1,000.00 still due.
        amount_due = text.split("Amount Due", 1)[1][:200]
        self.assertIn("1,000.00", amount_due)

    def test_letter_lists_the_factored_invoices_apart(self):
        factored = self._invoice(self.debtor, 1200.0, "2026-03-01")
        own = self._invoice(self.debtor, 800.0, "2026-03-01")
        self._assign(factored, date(2026, 3, 2))
        self._run(date(2026, 3, 20))
        case = self._case()
        html, _kind = self.env["ir.actions.report"]._render_qweb_html(
            "debt_recovery_reports.report_case_letter", case.ids, data={"date": "2026-03-20"}
        )
        text = _text(html)
        self.assertIn("o_factored_invoices", text)
        factored_part = text.split("o_factored_invoices", 1)[1]
        self.assertIn(factored.name, factored_part)
        self.assertTrue(_ibans(factored_part, FACTOR_IBAN))
        claimed_part = text.split("o_factored_invoices", 1)[0]
        self.assertIn(own.name, claimed_part)
        self.assertNotIn(factored.name, claimed_part)
