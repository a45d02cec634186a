# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import io
import re
from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged
from odoo.tools.pdf import PdfFileReader

from ..models.account_move import RECTIFIED_REPORT
from .common import D1, D2, AccountingCommon

WRITE_OFF_DAY = date(2026, 11, 20)


@tagged("post_install", "-at_install")
class TestWriteOff(AccountingCommon):
    def _write_off(self, invoices, reason, case=None, day=WRITE_OFF_DAY, context=None):
        wizard = (
            self.env["debt.recovery.write.off.wizard"]
            .with_user(self.manager)
            .with_context(**(context or {}))
            .create(
                {
                    "invoice_ids": [Command.set(invoices.ids)],
                    "case_id": case.id if case else False,
                    "reason": reason,
                    "date": day,
                    "proof": self.proof,
                    "proof_name": "jugement.pdf",
                }
            )
        )
        return wizard.action_write_off()

    def _tags(self, move, account_code):
        lines = move.sudo().line_ids.filtered(lambda line: line.account_id.code == account_code)
        return sorted(lines.tax_tag_ids.mapped("name"))

    def _assert_released_and_logged(self, invoice, case):
        # The provision is released.
        release = self.env["account.move"].search(
            [
                ("debt_recovery_invoice_id", "=", invoice.id),
                ("debt_recovery_entry_kind", "=", "provision"),
                ("date", "=", WRITE_OFF_DAY),
            ]
        )
        self.assertEqual(self._lines(release), [("491000", 3500.0, 0.0), ("781740", 0.0, 3500.0)])
        self.assertEqual(invoice._debt_recovery_provisions()[invoice.id], 0.0)
        # Logged on the case, with the rectified invoice; the case closes.
        self.assertEqual(case.state, "closed")
        comm = case.communication_ids.filtered(lambda c: "irrecoverable" in (c.summary or ""))
        self.assertEqual(comm.invoice_ids, invoice)
        self.assertIn("1,400.00", comm.summary)
        self.assertTrue(
            self.env["ir.attachment"].search(
                [("res_model", "=", case._name), ("res_id", "=", case.id)]
            )
        )
        # The rectified invoice, in French.
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("debt_recovery_accounting.report_rectified_invoice", invoice.ids)[0]
            .decode()
        )
        self.assertIn("ne peut faire l'objet d'une déduction", html.replace("&#39;", "'"))

    def _assert_recovered_loss(self, invoice):
        # A later receipt: a recovered loss, its VAT due again.
        recovered = invoice.with_user(self.manager)._debt_recovery_recover(
            1200.0, date(2026, 12, 1), self.bank
        )
        self.assertEqual(
            sorted(
                (line.account_id.code, line.credit)
                for line in recovered.sudo().line_ids
                if line.credit
            ),
            [("445710", 200.0), ("771400", 1000.0)],
        )
        self.assertEqual(self._tags(recovered, "445710"), ["+08_taxe"])
        self.assertIn(recovered.payment_state, ("paid", "in_payment"))

    def test_litigation_provisioned_collected_written_off(self):
        """The whole story: classified in litigation, provisioned at 50 %, partly collected,
        written off after the liquidation judgment with its VAT recovered, then a receipt."""
        invoice = self._invoice(
            self.debtor, 10000.0, self.tax_goods, date(2026, 1, 15), date(2026, 2, 14)
        )
        case = self._case(self.debtor)
        case._transition("litigation")
        self._closing(D1).action_post()
        self._pay(invoice, 3600.0, date(2026, 8, 10))
        self._closing(D2).action_post()
        self.assertEqual(invoice._debt_recovery_provisions()[invoice.id], 3500.0)

        action = self._write_off(invoice, "liquidation", case)
        self.assertEqual(action["report_name"], "debt_recovery_accounting.report_rectified_invoice")
        invoice = invoice.sudo()
        credit_note = invoice.debt_recovery_write_off_move_id
        self.assertEqual(credit_note.move_type, "out_refund")
        self.assertEqual(credit_note.state, "posted")
        self.assertEqual(
            self._lines(credit_note),
            sorted(
                [
                    ("654100", 7000.0, 0.0),
                    ("445710", 1400.0, 0.0),
                    (credit_note.line_ids.filtered(
                        lambda line: line.account_type == "asset_receivable"
                    ).account_id.code, 0.0, 8400.0),
                ]
            ),
        )  # fmt: skip
        # The VAT lines feed the VAT return: refund tags of the 20 % VAT.
        self.assertEqual(self._tags(credit_note, "445710"), ["-08_taxe"])
        self.assertEqual(self._tags(credit_note, "654100"), ["-08_base", "-A1"])
        self.assertTrue(invoice.currency_id.is_zero(invoice.amount_residual))
        self.assertEqual(invoice.debt_recovery_write_off_untaxed, 7000.0)
        self.assertEqual(invoice.debt_recovery_write_off_vat, 1400.0)
        self.assertEqual(invoice.debt_recovery_write_off_reason, "liquidation")
        self._assert_released_and_logged(invoice, case)
        self._assert_recovered_loss(invoice)

    def test_tax_included_price_partly_paid(self):
        """A price including VAT, partly paid: the loss is the unpaid part excl. VAT and the
        VAT line exactly the VAT of that part, to the cent; a receipt splits the same way."""
        tax = self.chart.ref("tva_normale_ttc")
        tax.active = True
        self.assertTrue(tax.price_include)
        invoice = self._invoice(self.debtor, 1234.56, tax, date(2026, 3, 1), date(2026, 3, 31))
        self.assertEqual((invoice.amount_untaxed, invoice.amount_tax), (1028.80, 205.76))
        self._pay(invoice, 500.0, date(2026, 4, 15))
        self._write_off(invoice, "court")
        invoice = invoice.sudo()
        credit_note = invoice.debt_recovery_write_off_move_id
        receivable = credit_note.line_ids.filtered(
            lambda line: line.account_type == "asset_receivable"
        ).account_id.code
        # 734.56 unpaid incl. VAT: 612.13 excl. VAT (734.56 / 1.2) and 122.43 of VAT.
        self.assertEqual(
            self._lines(credit_note),
            sorted([("654100", 612.13, 0.0), ("445710", 122.43, 0.0), (receivable, 0.0, 734.56)]),
        )
        self.assertEqual(self._tags(credit_note, "445710"), ["-08_taxe"])
        self.assertEqual(self._tags(credit_note, "654100"), ["-08_base", "-A1"])
        self.assertEqual(
            (invoice.debt_recovery_write_off_untaxed, invoice.debt_recovery_write_off_vat),
            (612.13, 122.43),
        )
        self.assertTrue(invoice.currency_id.is_zero(invoice.amount_residual))
        recovered = invoice.with_user(self.manager)._debt_recovery_recover(
            120.0, date(2026, 12, 1), self.bank
        )
        self.assertEqual(
            sorted(
                (line.account_id.code, line.credit)
                for line in recovered.sudo().line_ids
                if line.credit
            ),
            [("445710", 20.0), ("771400", 100.0)],
        )

    def test_tax_included_price_time_barred(self):
        """A price including VAT written off as time-barred: the whole unpaid part, VAT
        included, is the loss, on one line without tax."""
        tax = self.chart.ref("tva_normale_ttc")
        tax.active = True
        invoice = self._invoice(self.debtor, 600.0, tax, date(2026, 3, 1), date(2026, 3, 31))
        self._pay(invoice, 240.0, date(2026, 4, 15))
        self._write_off(invoice, "limitation")
        credit_note = invoice.sudo().debt_recovery_write_off_move_id
        loss = credit_note.line_ids.filtered(lambda line: line.account_id.code == "654100")
        self.assertEqual((len(loss), loss.debit, loss.tax_ids), (1, 360.0, tax.browse()))
        self.assertEqual(invoice.sudo().debt_recovery_write_off_vat, 0.0)
        self.assertEqual(invoice.sudo().debt_recovery_write_off_untaxed, 300.0)

    def _pdf_text(self, pdf):
        """The text of a PDF, blanks normalised."""
        self.assertTrue(pdf.startswith(b"%PDF"))
        text = " ".join(page.extract_text() for page in PdfFileReader(io.BytesIO(pdf)).pages)
        return re.sub(r"\s+", " ", text.replace("\u202f", " ").replace("\xa0", " "))

    def test_rectified_invoice_pdf_in_french(self):
        """The rectified statement of two invoices written off, as the PDF sent to the
        debtor (art. 272 CGI), in French whatever the user's language."""
        first = self._invoice(
            self.debtor, 1000.0, self.tax_goods, date(2026, 3, 1), date(2026, 3, 31)
        )
        second = self._invoice(
            self.debtor, 250.0, self.tax_goods, date(2026, 4, 1), date(2026, 4, 30)
        )
        self._pay(second, 60.0, date(2026, 5, 2))
        case = self._case(self.debtor)
        # Rendered by wkhtmltopdf (tests otherwise get the HTML) and kept on the case.
        self._write_off(
            first | second, "liquidation", case, context={"force_report_rendering": True}
        )
        sent = self.env["ir.attachment"].search(
            [
                ("res_model", "=", case._name),
                ("res_id", "=", case.id),
                ("name", "=like", "Rectified invoice%"),
            ]
        )
        self.assertEqual(sent.mimetype, "application/pdf")
        text = self._pdf_text(sent.raw)
        self.assertIn("Relevé rectificatif des factures impayées", text)
        self.assertIn("l'article 272-1 du Code général des impôts", text)
        self.assertIn(
            f"Facture {first.name} demeurée impayée pour la somme de 1 000,00 € HT et "
            "200,00 € de TVA correspondante, qui ne peut faire l'objet d'une déduction.",
            text,
        )
        # Partly paid: what remained unpaid, 240.00 incl. VAT.
        self.assertIn(
            f"Facture {second.name} demeurée impayée pour la somme de 200,00 € HT et "
            "40,00 € de TVA correspondante, qui ne peut faire l'objet d'une déduction.",
            text,
        )
        self.assertIn(self.debtor.name, text)
        self.assertNotIn("remained unpaid", text)
        # One invoice: the rectified invoice itself.
        pdf, _kind = (
            self.env["ir.actions.report"]
            .with_user(self.manager)
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(RECTIFIED_REPORT, first.ids)
        )
        text = self._pdf_text(pdf)
        self.assertIn("Facture rectificative", text)
        self.assertNotIn(second.name, text)

    def test_service_taxed_on_collection(self):
        """VAT on receipts was never paid: the credit note keeps its tax, its waiting account
        clears, nothing is recovered."""
        invoice = self._invoice(
            self.debtor, 1000.0, self.tax_services, date(2026, 3, 1), date(2026, 3, 31)
        )
        self._write_off(invoice, "liquidation")
        invoice = invoice.sudo()
        self.assertEqual(invoice.debt_recovery_write_off_vat, 0.0)
        self.assertEqual(invoice.debt_recovery_write_off_untaxed, 1000.0)
        waiting = self._account("pcg_44574")
        collected = self._account("pcg_44571")
        partner_lines = self.env["account.move.line"].search(
            [("partner_id", "=", self.debtor.id), ("company_id", "=", self.company.id)]
        )
        waiting_lines = partner_lines.filtered(lambda line: line.account_id == waiting)
        self.assertAlmostEqual(sum(waiting_lines.mapped("balance")), 0.0)
        self.assertAlmostEqual(
            sum(
                self.env["account.move.line"]
                .search([("account_id", "=", collected.id)])
                .mapped("balance")
            ),
            0.0,
        )
        self.assertEqual(
            sum(
                invoice.debt_recovery_write_off_move_id.line_ids.filtered(
                    lambda line: line.account_id.code == "654100"
                ).mapped("debit")
            ),
            1000.0,
        )

    def test_limitation_keeps_the_vat(self):
        """A time-barred debt is a loss incl. VAT: no VAT line on the credit note."""
        invoice = self._invoice(
            self.debtor, 1000.0, self.tax_goods, date(2025, 3, 1), date(2025, 3, 31)
        )
        self._write_off(invoice, "limitation")
        credit_note = invoice.sudo().debt_recovery_write_off_move_id
        # Invoiced in an earlier financial year: 6544.
        self.assertEqual(
            [(c, d) for c, d, _cr in self._lines(credit_note) if d], [("654400", 1200.0)]
        )
        self.assertEqual(invoice.sudo().debt_recovery_write_off_vat, 0.0)

    def test_manager_only_with_reason_and_proof(self):
        invoice = self._invoice(
            self.debtor, 100.0, self.tax_goods, date(2026, 3, 1), date(2026, 3, 31)
        )
        with self.assertRaises(UserError):
            invoice.with_user(self.collector)._debt_recovery_write_off(
                "court", WRITE_OFF_DAY, self.proof, "proof.pdf"
            )
        with self.assertRaises(UserError):
            invoice.with_user(self.manager)._debt_recovery_write_off(
                "court", WRITE_OFF_DAY, False, False
            )
        self.assertFalse(invoice.sudo().debt_recovery_written_off)

    def _form(self, action, user):
        """The form of a dialog ``action``, opened by ``user`` with the action's context."""
        return Form(self.env[action["res_model"]].with_user(user).with_context(**action["context"]))

    def test_write_off_and_recovered_loss_dialogs(self):
        """A manager writes a case's invoice off through the dialog, then records a receipt
        on it through the recovered-loss dialog; a collector cannot open either."""
        invoice = self._invoice(
            self.debtor, 1000.0, self.tax_goods, date(2026, 3, 1), date(2026, 3, 31)
        )
        case = self._case(self.debtor)
        case._transition("litigation")
        action = case.with_user(self.manager).action_debt_recovery_write_off()
        with self.assertRaises(AccessError):
            self._form(action, self.collector)
        dialog = self._form(action, self.manager)
        self.assertEqual(dialog.invoice_ids[:], invoice)
        self.assertEqual(dialog.case_id, case)
        dialog.reason = "liquidation"
        dialog.date = date(2026, 11, 20)
        with self.assertRaisesRegex(AssertionError, "proof"):
            dialog.save()
        dialog.proof = self.proof.decode()
        dialog.note = "Liquidation closed for lack of assets."
        report = dialog.save().action_write_off()
        self.assertEqual(report["report_name"], "debt_recovery_accounting.report_rectified_invoice")
        invoice = invoice.sudo()
        self.assertTrue(invoice.debt_recovery_written_off)
        self.assertEqual(invoice.debt_recovery_write_off_date, date(2026, 11, 20))
        self.assertEqual(
            self._lines(invoice.debt_recovery_write_off_move_id),
            [("411100", 0.0, 1200.0), ("445710", 200.0, 0.0), ("654100", 1000.0, 0.0)],
        )
        self.assertEqual(case.state, "closed")
        self.assertIn("lack of assets", case.communication_ids.summary)
        proof = self.env["ir.attachment"].search(
            [
                ("res_model", "=", "account.move"),
                ("res_id", "=", invoice.debt_recovery_write_off_move_id.id),
            ]
        )
        self.assertEqual(proof.raw, b"%PDF-1.4 judgment")

        action = invoice.with_user(self.manager).action_debt_recovery_recovered_loss()
        with self.assertRaises(AccessError):
            self._form(action, self.collector)
        dialog = self._form(action, self.manager)
        self.assertEqual(dialog.invoice_id, invoice)
        dialog.amount = 360.0
        dialog.date = date(2026, 12, 2)
        dialog.journal_id = self.bank
        result = dialog.save().action_record()
        recovered = self.env["account.move"].browse(result["res_id"]).sudo()
        self.assertEqual(recovered.debt_recovery_entry_kind, "recovered")
        self.assertEqual(recovered.debt_recovery_invoice_id, invoice)
        self.assertEqual(
            self._lines(recovered.line_ids.move_id),
            [("411100", 360.0, 0.0), ("445710", 0.0, 60.0), ("771400", 0.0, 300.0)],
        )
        self.assertIn(recovered.payment_state, ("paid", "in_payment"))
