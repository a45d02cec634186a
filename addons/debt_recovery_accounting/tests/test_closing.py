# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import io
from datetime import date

import openpyxl
from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import D1, D2, AccountingCommon

D0 = date(2026, 3, 31)


@tagged("post_install", "-at_install")
class TestClosing(AccountingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # 10,000.00 excl. VAT + 20 % VAT on goods (due on invoicing), in litigation.
        cls.invoice = cls._invoice(
            cls.debtor, 10000.0, cls.tax_goods, date(2026, 1, 15), date(2026, 2, 14)
        )
        cls.case = cls._case(cls.debtor)
        cls.case._transition("litigation")
        cls.receivable = cls.invoice.line_ids.filtered(
            lambda line: line.account_type == "asset_receivable"
        ).account_id

    def test_accounts_default_to_the_french_chart(self):
        company = self.company
        self.assertEqual(company.debt_recovery_doubtful_account_id.code, "416000")
        self.assertEqual(company.debt_recovery_provision_account_id.code, "491000")
        self.assertEqual(company.debt_recovery_allowance_account_id.code, "681740")
        self.assertEqual(company.debt_recovery_reversal_account_id.code, "781740")
        self.assertEqual(company.debt_recovery_loss_account_id.code, "654100")
        self.assertEqual(company.debt_recovery_loss_earlier_account_id.code, "654400")
        self.assertEqual(company.debt_recovery_recovered_account_id.code, "771400")

    def test_other_chart_must_be_set(self):
        other = self.env["res.company"].create({"name": "No Chart Ltd"})
        with self.assertRaisesRegex(UserError, "Doubtful Receivables Account"):
            other._debt_recovery_accounts()
        # In the user's language.
        with self.assertRaisesRegex(UserError, "Compte de clients douteux"):
            other.with_context(lang="fr_FR")._debt_recovery_accounts()

    def _assert_reclassified_then_reversed(self, moves):
        """The invoice's residual moved to the doubtful account on the closing date, back the
        next day, never matched with the invoice."""
        reclass = moves.filtered(
            lambda m: m.debt_recovery_entry_kind == "reclassification" and not m.reversed_entry_id
        )
        self.assertEqual(reclass.date, D1)
        self.assertEqual(
            self._lines(reclass),
            sorted([("416000", 12000.0, 0.0), (self.receivable.code, 0.0, 12000.0)]),
        )
        credit = reclass.line_ids.filtered(lambda line: line.account_id == self.receivable)
        self.assertEqual(credit.partner_id, self.debtor)
        self.assertEqual(credit.debt_recovery_invoice_id, self.invoice)
        self.assertEqual(credit.debt_recovery_case_id, self.case)
        reversal = moves.filtered("reversed_entry_id")
        self.assertEqual(reversal.date, date(2026, 7, 1))
        self.assertEqual(reversal.reversed_entry_id, reclass)
        self.assertEqual(reversal.debt_recovery_invoice_id, self.invoice)
        self.assertEqual(reversal.debt_recovery_case_id, self.case)
        self.assertEqual(reversal.line_ids.debt_recovery_invoice_id, self.invoice)
        # Never reconciled with the invoice: its residual and payment state stay.
        self.assertEqual(self.invoice.amount_residual, 12000)
        self.assertEqual(self.invoice.payment_state, "not_paid")
        self.assertFalse(
            credit.matched_debit_ids.debit_move_id.move_id & self.invoice,
            "the reclassification is not matched with the invoice",
        )

    def test_classified_then_provisioned_then_reversed(self):
        closing = self._closing(D1)
        closing.action_post()
        line = closing.line_ids
        self.assertEqual(line.invoice_id, self.invoice)
        self.assertEqual((line.reason, line.method, line.rate), ("litigation", "rule", 50.0))
        self.assertEqual((line.residual, line.untaxed, line.provision), (12000, 10000, 5000))
        moves = closing.sudo().move_ids
        self._assert_reclassified_then_reversed(moves)
        provision = moves.filtered(lambda m: m.debt_recovery_entry_kind == "provision")
        self.assertEqual(self._lines(provision), [("491000", 0.0, 5000.0), ("681740", 5000.0, 0.0)])
        self.assertEqual(provision.debt_recovery_invoice_id, self.invoice)
        self.assertTrue(closing.ledger_agrees)
        self.assertEqual(closing.ledger_doubtful_balance, 12000)
        self.assertEqual(closing.ledger_provision_balance, 5000)

        # 3,600.00 collected: the provision follows what is still owed, excl. VAT.
        self._pay(self.invoice, 3600.0, date(2026, 8, 10))
        closing = self._closing(D2)
        closing.action_post()
        self.assertEqual(
            (closing.line_ids.residual, closing.line_ids.previous, closing.line_ids.provision),
            (8400, 5000, 3500),
        )
        reversal = closing.sudo().move_ids.filtered(
            lambda m: m.debt_recovery_entry_kind == "provision"
        )
        self.assertEqual(self._lines(reversal), [("491000", 1500.0, 0.0), ("781740", 0.0, 1500.0)])
        self.assertTrue(closing.ledger_agrees)

        # The same closing again: nothing changes.
        entries = self.env["account.move"].search_count([])
        again = self._closing(D2)
        again.action_post()
        self.assertFalse(again.move_ids)
        self.assertEqual(self.env["account.move"].search_count([]), entries)
        self.assertEqual(again.line_ids.adjustment, 0)
        self.assertTrue(again.ledger_agrees)

    def test_reasons_and_matrix(self):
        """A disputed invoice, an old one, and the loss rates learnt from the history."""
        other = self.env["res.partner"].create(
            {
                "name": "Garage Petit",
                "is_company": True,
                "debt_recovery_debtor_type": "professional",
            }
        )
        # History: due more than a year before the closing, half collected, half never.
        paid = self._invoice(other, 1000.0, self.tax_goods, date(2024, 1, 1), date(2024, 1, 31))
        self._pay(paid, 1200.0, date(2024, 2, 20))
        self._invoice(other, 1000.0, self.tax_goods, date(2024, 1, 1), date(2024, 1, 31))
        disputed = self._invoice(other, 500.0, self.tax_goods, date(2026, 5, 1), date(2026, 5, 31))
        disputed.debt_recovery_exclusion_reason = "dispute"
        self.company.debt_recovery_provision_method = "matrix"
        closing = self._closing(D1)
        closing.action_compute()
        rates = {rate.start_days: rate for rate in closing.loss_rate_ids}
        self.assertEqual((rates[0].invoice_count, rates[0].rate), (2, 50.0))
        self.assertEqual((rates[30].invoice_count, rates[30].rate), (1, 100.0))
        by_invoice = {line.invoice_id: line for line in closing.line_ids}
        self.assertEqual(by_invoice[disputed].reason, "dispute")
        self.assertEqual(by_invoice[disputed].provision, 125.0)
        old = by_invoice[(closing.line_ids.invoice_id - disputed - self.invoice)]
        self.assertEqual((old.reason, old.method, old.rate), ("overdue", "matrix", 100.0))
        self.assertIn("learnt from 1 invoices", old.basis)
        self.assertNotIn(paid, closing.line_ids.invoice_id)

    def test_settlement_pending_and_insolvency(self):
        settling = self.env["res.partner"].create(
            {
                "name": "Traiteur Roux",
                "is_company": True,
                "debt_recovery_debtor_type": "professional",
            }
        )
        insolvent = self.env["res.partner"].create(
            {"name": "Bazar Leroy", "is_company": True, "debt_recovery_debtor_type": "professional"}
        )
        pending = self._invoice(settling, 800.0, self.tax_goods, date(2026, 4, 1), date(2026, 5, 1))
        self._case(settling)._transition("on_hold", reason="settlement")
        held = self._invoice(insolvent, 400.0, self.tax_goods, date(2026, 5, 1), date(2026, 6, 1))
        held._debt_recovery_hold("insolvency")
        closing = self._closing(D1)
        closing.action_compute()
        by_invoice = {line.invoice_id: line for line in closing.line_ids}
        self.assertEqual(
            (by_invoice[pending].reason, by_invoice[pending].provision), ("settlement", 400.0)
        )
        self.assertEqual(
            (by_invoice[held].reason, by_invoice[held].provision), ("insolvency", 400.0)
        )

    def test_covered_share(self):
        self.debtor.sudo().debt_recovery_covered_percent = 90.0
        closing = self._closing(D1)
        closing.action_compute()
        self.assertEqual(closing.line_ids.provision, 500.0)
        self.assertIn("10.0 % not covered", closing.line_ids.basis)

    def test_other_company_never_touched(self):
        other_company = self.env["res.company"].create(
            {"name": "Other SAS", "currency_id": self.company.currency_id.id}
        )
        self.env["account.chart.template"].try_loading("fr", other_company, install_demo=False)
        invoice = self._invoice(
            self.debtor,
            700.0,
            self.env["account.chart.template"].with_company(other_company).ref("tva_normale"),
            date(2025, 1, 1),
            date(2025, 1, 31),
            company=other_company,
        )
        closing = self._closing(D1)
        closing.action_post()
        self.assertNotIn(invoice, closing.line_ids.invoice_id)
        self.assertFalse(
            self.env["account.move.line"]
            .sudo()
            .search([("debt_recovery_invoice_id", "=", invoice.id)])
        )
        self.assertEqual(closing.sudo().move_ids.company_id, self.company)

    def test_access(self):
        closing = self._closing(D1)
        with self.assertRaises(AccessError):
            self._closing(D1, user=self.collector)
        with self.assertRaises(UserError):
            closing.with_user(self.collector).action_post()
        with self.assertRaises(UserError):
            self.invoice.with_user(self.collector).action_debt_recovery_write_off()
        action = self.invoice.with_user(self.manager).action_debt_recovery_write_off()
        self.assertEqual(action["res_model"], "debt.recovery.write.off.wizard")
        with self.assertRaises(UserError):
            self.case.with_user(self.collector).action_debt_recovery_write_off()
        action = self.case.with_user(self.manager).action_debt_recovery_write_off()
        self.assertEqual(action["context"]["default_case_id"], self.case.id)
        self.assertEqual(action["context"]["default_invoice_ids"][0][2], self.invoice.ids)

    def _debtors_in_litigation(self, count, tag):
        partners = self.env["res.partner"].create(
            [
                {
                    "name": f"Debtor {tag} {index}",
                    "is_company": True,
                    "debt_recovery_debtor_type": "professional",
                }
                for index in range(count)
            ]
        )
        for index, partner in enumerate(partners):
            invoice = self._invoice(
                partner, 100.0 + index, self.tax_goods, date(2026, 1, 15), date(2026, 2, 14)
            )
            # Half paid in part: receipts are read too.
            if index % 2:
                self._pay(invoice, 60.0, date(2026, 3, 1))
            self._invoice(partner, 40.0, self.tax_goods, date(2026, 5, 1), date(2026, 5, 31))
            self._case(partner)._transition("litigation")
        return partners

    def _compute_queries(self, closing):
        self.env.flush_all()
        self.env.invalidate_all()
        start = self.env.cr.sql_log_count
        closing.action_compute()
        self.env.flush_all()
        return self.env.cr.sql_log_count - start

    def test_computation_queries_do_not_grow_with_the_cases(self):
        """Computing a closing costs the same number of queries for N cases as for 2N."""
        self._debtors_in_litigation(4, "small")
        # Warm-up: the default table of rates is created on the first run, caches filled.
        self._compute_queries(self._closing(D1))
        small_closing = self._closing(D1)
        small = self._compute_queries(small_closing)
        self.assertEqual(len(small_closing.line_ids), 9)
        self._debtors_in_litigation(4, "large")
        large_closing = self._closing(D1)
        large = self._compute_queries(large_closing)
        self.assertEqual(len(large_closing.line_ids), 17)
        self.assertEqual(large, small, f"{small} queries for 4 cases, {large} for 8")
        self.assertLess(small, 40)
        # A list of closings: their totals beside the ledger's, one grouped read for them all.
        closings = small_closing | large_closing | self._closing(D2) | self._closing(D0)
        small_closing.action_post()

        def totals_queries(closings):
            self.env.invalidate_all()
            start = self.env.cr.sql_log_count
            closings.mapped("ledger_agrees")
            return self.env.cr.sql_log_count - start

        self.assertEqual(totals_queries(closings), totals_queries(closings[:1]))
        self.assertTrue(small_closing.ledger_agrees)
        self.assertEqual(
            closings.mapped("ledger_doubtful_balance"),
            [small_closing.doubtful_total] * 2 + [0, 0],
            "reclassified at the closing date, reversed the next day",
        )
        self.assertEqual(
            closings.mapped("ledger_provision_balance"),
            [small_closing.provision_total] * 3 + [0],
        )

    def test_closing_at_a_past_date_reads_invoices_and_cases_as_they_stood(self):
        """An invoice unpaid at the closing date but paid since is classified and provisioned
        on what it owed then; the payment reverses the provision at the next closing."""
        debtor = self.env["res.partner"].create(
            {
                "name": "Ferronnerie Blanc",
                "is_company": True,
                "debt_recovery_debtor_type": "professional",
            }
        )
        invoice = self._invoice(
            debtor, 10000.0, self.tax_goods, date(2026, 1, 15), date(2026, 2, 14)
        )
        case = self._case(debtor)
        with freeze_time("2026-03-02"):
            case._transition("litigation")
        # Part paid before the closing date, the rest after it, before the closing is run:
        # paid, the case has closed since.
        self._pay(invoice, 2400.0, date(2026, 5, 10))
        self._pay(invoice, 9600.0, date(2026, 7, 20))
        self.assertEqual(invoice.payment_state, "paid")
        with freeze_time("2026-07-21"):
            case._transition("closed")
        closing = self._closing(D1)
        closing.action_post()
        line = closing.line_ids.filtered(lambda line: line.invoice_id == invoice)
        self.assertTrue(line.doubtful)
        # In litigation at the date (136 days overdue only): the table's 50 %.
        self.assertEqual((line.reason, line.rate), ("litigation", 50.0))
        self.assertEqual((line.residual, line.untaxed, line.provision), (9600, 8000, 4000))
        reclass = closing.sudo().move_ids.filtered(
            lambda m: m.debt_recovery_entry_kind == "reclassification"
            and not m.reversed_entry_id
            and m.debt_recovery_invoice_id == invoice
        )
        self.assertEqual(self._lines(reclass)[0][:2], ("411100", 0.0))
        self.assertEqual(sum(reclass.line_ids.mapped("debit")), 9600.0)
        self.assertTrue(closing.ledger_agrees)
        # The next closing: nothing owed, the provision is reversed.
        later = self._closing(D2)
        later.action_post()
        line = later.line_ids.filtered(lambda line: line.invoice_id == invoice)
        self.assertEqual((line.doubtful, line.previous, line.provision), (False, 4000, 0))
        reversal = later.sudo().move_ids.filtered(
            lambda m: m.debt_recovery_entry_kind == "provision"
            and m.debt_recovery_invoice_id == invoice
        )
        self.assertEqual(self._lines(reversal), [("491000", 4000.0, 0.0), ("781740", 0.0, 4000.0)])

    def _other_chart_accounts(self, other):
        """The seven accounts of the closing, for a company on a chart that has none of them."""
        return self.env["account.account"].create(
            [
                {
                    "code": code,
                    "name": f"Account {code}",
                    "account_type": kind,
                    "company_ids": [Command.set(other.ids)],
                }
                for code, kind in [
                    ("1416", "asset_current"),
                    ("1491", "asset_current"),
                    ("6817", "expense"),
                    ("7817", "income_other"),
                    ("6541", "expense"),
                    ("6544", "expense"),
                    ("7714", "income_other"),
                ]
            ]
        )

    def test_settings_accounts_per_company(self):
        """The settings screen shows the French chart's accounts; a company on another chart
        sets its own through the screen, the first company keeps its accounts."""
        settings = Form(self.env["res.config.settings"])
        self.assertEqual(settings.debt_recovery_doubtful_account_id.code, "416000")
        self.assertEqual(settings.debt_recovery_provision_account_id.code, "491000")
        self.assertEqual(settings.debt_recovery_recovered_account_id.code, "771400")
        litigation = self.env["account.account"].create(
            {
                "code": "416100",
                "name": "Clients douteux - litiges",
                "account_type": "asset_receivable",
                "reconcile": True,
                "company_ids": [Command.set(self.company.ids)],
            }
        )
        settings.debt_recovery_doubtful_account_id = litigation
        settings.debt_recovery_doubtful_days = 120
        settings.debt_recovery_provision_method = "matrix"
        settings.save().execute()
        self.assertEqual(self.company.debt_recovery_doubtful_account_id, litigation)
        self.assertEqual(self.company.debt_recovery_doubtful_days, 120)
        self.assertEqual(self.company.debt_recovery_provision_method, "matrix")

        other = self.env["res.company"].create({"name": "Other Chart Ltd"})
        accounts = self._other_chart_accounts(other)
        env = self.env(context=dict(self.env.context, allowed_company_ids=other.ids))
        settings = Form(env["res.config.settings"])
        self.assertFalse(settings.debt_recovery_doubtful_account_id)
        for field, account in zip(
            [
                "debt_recovery_doubtful_account_id",
                "debt_recovery_provision_account_id",
                "debt_recovery_allowance_account_id",
                "debt_recovery_reversal_account_id",
                "debt_recovery_loss_account_id",
                "debt_recovery_loss_earlier_account_id",
                "debt_recovery_recovered_account_id",
            ],
            accounts,
            strict=True,
        ):
            setattr(settings, field, account)
        settings.save().execute()
        self.assertEqual(
            list(other._debt_recovery_accounts().values()), list(accounts), "all set, no error"
        )
        self.assertEqual(self.company.debt_recovery_doubtful_account_id, litigation)
        self.assertEqual(self.company.debt_recovery_provision_account_id.code, "491000")

    def test_spreadsheet_export(self):
        """The closing exported for the auditor: receivables, by debtor beside the ledger's
        416 and 491, and the loss-rate matrix; the report lists export as Odoo's lists do."""
        closing = self._closing(D1)
        closing.action_post()
        with self.assertRaises(AccessError):
            closing.with_user(self.collector).action_export_xlsx()
        action = closing.action_export_xlsx()
        attachment = self.env["ir.attachment"].search(
            [("res_model", "=", closing._name), ("res_id", "=", closing.id)]
        )
        self.assertEqual(action["url"], f"/web/content/{attachment.id}?download=true")
        book = openpyxl.load_workbook(io.BytesIO(attachment.raw))
        self.assertEqual(book.sheetnames, ["Receivables", "By debtor", "Loss rates"])
        rows = [tuple(row) for row in book["Receivables"].iter_rows(min_row=5, values_only=True)]
        self.assertEqual(rows[0][:3], ("Menuiserie Durand SARL", self.invoice.name, 136))
        self.assertEqual(rows[0][5:8], (50, 12000, 10000))
        self.assertEqual(rows[0][10], 5000)
        rows = [tuple(row) for row in book["By debtor"].iter_rows(min_row=4, values_only=True)]
        header = ("Debtor", "Doubtful (incl. VAT)", "Ledger 416000", "Difference")
        self.assertEqual(rows[0], (*header, "Provision", "Ledger 491000", "Difference"))
        self.assertEqual(rows[1], ("Menuiserie Durand SARL", 12000, 12000, 0, 5000, 5000, 0))
        self.assertEqual(rows[2][1:], (12000, 12000, 0, 5000, 5000, 0))
        self.assertEqual((rows[3][0], rows[3][2], rows[3][5]), ("General ledger", 12000, 5000))
        rates = list(book["Loss rates"].iter_rows(min_row=5, values_only=True))
        self.assertEqual([row[1] for row in rates], [0, 30, 60, 90, 180, 365])
        # Odoo's own list export of the report models (for users allowed to export).
        self.manager.groups_id += self.env.ref("base.group_allow_export")
        lines = self.env["debt.recovery.closing.line"].with_user(self.manager)
        exported = lines.search([("closing_id", "=", closing.id)]).export_data(
            ["partner_id", "invoice_id", "residual", "provision", "basis"]
        )["datas"]
        self.assertEqual(
            exported[0][:4], ["Menuiserie Durand SARL", self.invoice.name, 12000, 5000]
        )
        rates = self.env["debt.recovery.loss.rate"].with_user(self.manager)
        exported = rates.search([("closing_id", "=", closing.id)]).export_data(
            ["name", "exposure", "loss", "invoice_count", "rate"]
        )["datas"]
        self.assertEqual(len(exported), 6)
