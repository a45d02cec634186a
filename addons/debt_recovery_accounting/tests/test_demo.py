# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDemoClosing(TransactionCase):
    """The French demo company gets a closing with doubtful receivables, provisions and a
    write-off."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if cls.env["ir.module.module"]._get("l10n_fr_account").state != "installed":
            cls.skipTest(cls, "l10n_fr_account is not installed")
        cls.company = cls.env["debt.recovery.demo"]._demo_load_french_company()
        cls.env = cls.env(context=dict(cls.env.context, allowed_company_ids=cls.company.ids))

    def test_closing_and_write_off(self):
        closing = self.env["debt.recovery.closing"].search([("company_id", "=", self.company.id)])
        self.assertEqual(len(closing), 1)
        self.assertEqual(closing.state, "posted")
        self.assertTrue(closing.ledger_agrees)
        reasons = set(closing.line_ids.mapped("reason"))
        self.assertTrue({"litigation", "insolvency", "overdue"} <= reasons, reasons)
        self.assertIn("matrix", closing.line_ids.mapped("method"))
        # Written in French, the company's language: the closing's name and each line's basis.
        self.assertEqual(closing.name, f"Clôture du {closing.date.strftime('%d/%m/%Y')}")
        self.assertIn("de la table", " ".join(closing.line_ids.mapped("basis")))
        self.assertTrue(any(rate.invoice_count for rate in closing.loss_rate_ids))
        written_off = self.env["account.move"].search(
            [("company_id", "=", self.company.id), ("debt_recovery_written_off", "=", True)]
        )
        self.assertEqual(written_off.partner_id.mapped("name"), ["Imprimerie Chevalier SAS"])
        self.assertEqual(sum(written_off.mapped("debt_recovery_write_off_vat")), 600.0)
        case = self.env["debt.recovery.case"].search(
            [("company_id", "=", self.company.id), ("partner_id", "=", written_off.partner_id.id)]
        )
        self.assertEqual(case.state, "closed")
        # Loaded once: nothing posted twice.
        self.env["debt.recovery.demo"]._demo_load_french_company()
        self.assertEqual(
            self.env["debt.recovery.closing"].search_count([("company_id", "=", self.company.id)]),
            1,
        )
