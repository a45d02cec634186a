# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
import io

from odoo import Command

from odoo.addons.debt_recovery_reports.tests.common import ReportsCommon

# A one-page PDF (a scanned proof of receipt, as the post office gives it).
RECEIPT_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"xref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n0000000052 00000 n \n"
    b"0000000101 00000 n \ntrailer<</Size 4/Root 1 0 R>>\nstartxref\n164\n%%EOF\n"
)


class LitigationCommon(ReportsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.formal = cls.level_by_name["Formal notice"]
        cls.litigation_level = cls.level_by_name["Litigation"]
        cls.agency = cls.env["res.partner"].create(
            {
                "name": "Recouvrement Express SAS",
                "is_company": True,
                "debt_recovery_debtor_type": "professional",
            }
        )
        cls.public = cls.env["res.partner"].create(
            {
                "name": "Commune de Valence",
                "is_company": True,
                "debt_recovery_debtor_type": "public",
            }
        )
        # The debtors' status checked, as a court file requires.
        (cls.debtor | cls.consumer | cls.public).debt_recovery_status_confirmed = True
        cls.debtor.write(
            {
                "debt_recovery_professional_kind": "commercial",
                "debt_recovery_legal_form": "SARL",
                "debt_recovery_representative": "Jean Durand",
                "company_registry": "RCS Lyon 123 456 789",
                "street": "1 rue de la Paix",
                "zip": "69001",
                "city": "Lyon",
            }
        )

    @classmethod
    def _case_at(cls, partner, day, level=None):
        """The case of ``partner`` after the daily job of ``day``, at ``level``."""
        cls.env["debt.recovery.case"]._cron_escalate_at(day)
        case = cls.env["debt.recovery.case"].search([("partner_id", "=", partner.id)])
        if level:
            case.write({"level_id": level.id, "level_date": day})
        return case

    @classmethod
    def _send_notice(cls, partner, moves, day, receipt=None, pdf=True):
        """A formal notice sent (its letter kept as a PDF) with a proof of receipt."""
        comm = cls._communication(partner, moves, cls.formal, at_date=day)
        case = cls.env["debt.recovery.case"].search([("partner_id", "=", partner.id)])
        comm.case_id = case
        comm.with_context(force_report_rendering=pdf).action_mark_sent()
        if receipt:
            # The proof of receipt, recorded by the system (the dates may be in the future).
            comm.sudo().receipt_date = receipt
            cls.env["ir.attachment"].create(
                {
                    "name": "proof_of_receipt.pdf",
                    "raw": RECEIPT_PDF,
                    "mimetype": "application/pdf",
                    "res_model": comm._name,
                    "res_id": comm.id,
                }
            )
        return comm

    @staticmethod
    def _pdf_pages(data):
        from odoo.tools.pdf import OdooPdfFileReader

        return len(OdooPdfFileReader(io.BytesIO(base64.b64decode(data)), strict=False).pages)

    @classmethod
    def _taxed_invoice(cls, partner, amount, due, tax):
        move = cls.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": partner.id,
                "company_id": cls.company.id,
                "invoice_date": due,
                "invoice_date_due": due,
                "invoice_line_ids": [
                    Command.create(
                        {"name": "Works", "price_unit": amount, "tax_ids": [Command.set(tax.ids)]}
                    )
                ],
            }
        )
        move.action_post()
        return move
