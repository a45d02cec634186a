# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Confidential factoring: the company keeps collecting the assigned invoice as its own; what
the debtor pays it is moved to the factor. Who duns follows the contract's mode."""

import re
from datetime import date

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import COMPANY_IBAN, FACTOR_IBAN, MENTION_EN, FactoringCommon


def _balance(lines, account, partner):
    return round(
        sum(
            lines.filtered(
                lambda line: line.account_id == account
                and line.partner_id == partner
                and line.parent_state == "posted"
            ).mapped("balance")
        ),
        2,
    )


@tagged("post_install", "-at_install")
class TestFactoringConfidential(FactoringCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.confidential = cls.contract.copy({"name": "AFF-TEST-C", "mode": "confidential"})

    def _ledger(self, account, partner):
        lines = self.env["account.move.line"].search(
            [("account_id", "=", account.id), ("partner_id", "=", partner.id)]
        )
        return _balance(lines, account, partner)

    def test_confidential_invoice_is_collected_by_the_company(self):
        self.assertEqual(self.confidential.dunning_by, "company")
        factored = self._invoice(self.debtor, 1200.0, "2026-03-01")
        own = self._invoice(self.debtor, 800.0, "2026-03-01")
        assignment = self._assign(factored, date(2026, 3, 5), contract=self.confidential)
        # The entry: debit 467 for the factor, credit 467 for the debtor; the invoice stays
        # open on the debtor's receivable.
        lines = assignment.move_id.line_ids
        self.assertEqual(_balance(lines, self.factor_account, self.factor_partner), 1200.0)
        self.assertEqual(_balance(lines, self.factor_account, self.debtor), -1200.0)
        self.assertFalse(self._receivable(assignment.move_id))
        self.assertEqual(factored.amount_residual, 1200.0)
        self.assertEqual(factored.payment_state, "not_paid")
        self.assertEqual(factored.debt_recovery_factor_id, self.confidential)
        receivable = self._receivable(factored).account_id
        self.assertEqual(self._ledger(receivable, self.debtor), 2000.0)
        # The daily run claims both invoices; the factor's bears no penalty for the company.
        self._run(date(2026, 4, 20))
        case = self._case()
        self.assertEqual(case.invoice_ids, factored + own)
        self.assertIn(factored, case.communication_ids.mapped("line_ids.invoice_id"))
        penalties = (factored + own)._debt_recovery_penalties(date(2026, 4, 20))
        self.assertEqual(penalties[factored.id]["interest"], 0.0)
        self.assertEqual(penalties[factored.id]["indemnity"], 0.0)
        self.assertGreater(penalties[own.id]["interest"], 0.0)
        # In the aged balance for its 1,200.00.
        aged = self.env["debt.recovery.aged.receivable"]._rows(company_ids=self.company.ids)
        self.assertEqual(
            [row["amount_residual"] for row in aged if row["move_id"] == factored.id], [1200.0]
        )
        # The letter claims it with the company's own bank details, no factor, no mention.
        html, _kind = self.env["ir.actions.report"]._render_qweb_html(
            "debt_recovery_reports.report_case_letter", case.ids, data={"date": "2026-04-20"}
        )
        text = re.sub(r"\s+", " ", html.decode())
        self.assertIn(factored.name, text)
        self.assertNotIn("o_factored_invoices", text)
        self.assertNotIn(self.factor_partner.name, text)
        self.assertNotIn(MENTION_EN, text)
        self.assertNotIn(FACTOR_IBAN, text.replace(" ", ""))
        self.assertIn(COMPANY_IBAN, text.replace(" ", ""))

    def test_debtor_payments_are_moved_to_the_factor(self):
        invoice = self._invoice(self.debtor, 1200.0, "2026-03-01")
        assignment = self._assign(invoice, date(2026, 3, 5), contract=self.confidential)
        receivable = self._receivable(invoice).account_id
        self._pay(invoice, amount=500.0, pay_date=date(2026, 3, 20))
        self.assertEqual(invoice.amount_residual, 700.0)
        self.assertEqual(assignment.amount_collected, 500.0)
        collection = assignment.collection_move_ids
        self.assertEqual(collection.date, date(2026, 3, 20))
        self.assertEqual(_balance(collection.line_ids, self.factor_account, self.debtor), 500.0)
        self.assertEqual(
            _balance(collection.line_ids, self.factor_account, self.factor_partner), -500.0
        )
        # The debtor owes 700.00; the factor's account: 1,200.00 assigned less 500.00 held for it.
        self.assertEqual(self._ledger(receivable, self.debtor), 700.0)
        self.assertEqual(self._ledger(self.factor_account, self.factor_partner), 700.0)
        self.assertEqual(self._ledger(self.factor_account, self.debtor), -700.0)
        # The rest paid: the invoice leaves the ladder as any paid invoice.
        self._pay(invoice, amount=700.0, pay_date=date(2026, 4, 2))
        self.assertEqual(invoice.payment_state, "paid")
        self.assertEqual(assignment.amount_collected, 1200.0)
        self.assertEqual(self._ledger(receivable, self.debtor), 0.0)
        self.assertEqual(self._ledger(self.factor_account, self.factor_partner), 0.0)
        self.assertEqual(self._ledger(self.factor_account, self.debtor), 0.0)
        debtor_lines = (assignment.move_id + assignment.collection_move_ids).line_ids.filtered(
            lambda line: line.partner_id == self.debtor
        )
        self.assertTrue(all(debtor_lines.mapped("reconciled")))
        self._run(date(2026, 4, 20))
        self.assertFalse(self._case().invoice_ids)
        with self.assertRaisesRegex(UserError, "nothing to buy back"):
            invoice.with_user(self.manager)._debt_recovery_factor_buy_back(date(2026, 4, 21))

    def test_unmatched_payment_comes_back_from_the_factor(self):
        invoice = self._invoice(self.debtor, 1000.0, "2026-03-01")
        assignment = self._assign(invoice, date(2026, 3, 5), contract=self.confidential)
        payment = self._pay(invoice, amount=400.0, pay_date=date(2026, 3, 20))
        self.assertEqual(assignment.amount_collected, 400.0)
        payment.action_draft()
        self.assertEqual(invoice.amount_residual, 1000.0)
        self.assertEqual(assignment.amount_collected, 0.0)
        self.assertEqual(len(assignment.collection_move_ids), 2)
        self.assertEqual(self._ledger(self.factor_account, self.factor_partner), 1000.0)

    def test_confidential_buy_back(self):
        invoice = self._invoice(self.debtor, 1000.0, "2026-03-01")
        assignment = self._assign(invoice, date(2026, 3, 5), contract=self.confidential)
        self._pay(invoice, amount=200.0, pay_date=date(2026, 3, 10))
        invoice.with_user(self.manager)._debt_recovery_factor_buy_back(date(2026, 3, 25))
        entry = assignment.buyback_move_id
        self.assertEqual(assignment.state, "bought_back")
        self.assertEqual(_balance(entry.line_ids, self.factor_account, self.debtor), 800.0)
        self.assertEqual(_balance(entry.line_ids, self.factor_account, self.factor_partner), -800.0)
        # Nothing financed yet: the factor owes the company nothing more, and the 200.00
        # collected is the company's (the factor was owed it, the company took the rest back).
        self.assertEqual(self._ledger(self.factor_account, self.factor_partner), 0.0)
        self.assertEqual(self._ledger(self.factor_account, self.debtor), 0.0)
        self.assertEqual(invoice.amount_residual, 800.0)
        self.assertFalse(invoice.debt_recovery_factor_id)
        penalties = invoice._debt_recovery_penalties(date(2026, 4, 20))
        self.assertGreater(penalties[invoice.id]["interest"], 0.0)

    def test_aged_receivables_name_the_factor(self):
        """The aged receivables (list, pivot, graph) group the invoices the company collects
        for a factor apart from its own, as they stood at the date the balance is read."""
        factored = self._invoice(self.debtor, 1200.0, "2026-03-01")
        own = self._invoice(self.debtor, 800.0, "2026-03-01")
        self._assign(factored, date(2026, 3, 5), contract=self.confidential)
        Aged, none = self.env["debt.recovery.aged.receivable"], self.env["debt.recovery.factor"]

        def by_factor(at_date=None):
            aged = Aged.with_context(aged_date=at_date) if at_date else Aged
            domain = [("partner_id", "=", self.debtor.id)]
            return dict(aged._read_group(domain, ["factor_id"], ["amount_residual:sum"]))

        self.assertEqual(by_factor(), {self.confidential: 1200.0, none: 800.0})
        rows = Aged.search([("partner_id", "=", self.debtor.id), ("factor_id", "!=", False)])
        self.assertEqual(rows.move_id, factored)
        # Before the assignment, both were the company's own.
        self.assertEqual(by_factor("2026-03-04"), {none: 2000.0})
        # Bought back, it is the company's again (and still was at an earlier date).
        factored.with_user(self.manager)._debt_recovery_factor_buy_back(date(2026, 3, 25))
        self.assertEqual(by_factor(), {none: 2000.0})
        self.assertEqual(by_factor("2026-03-20")[self.confidential], 1200.0)
        self.assertEqual(own.amount_residual, 800.0)

    def test_mode_does_not_change_with_assigned_invoices(self):
        invoice = self._invoice(self.debtor, 500.0, "2026-05-01")
        self._assign(invoice, date(2026, 5, 2))
        with self.assertRaisesRegex(ValidationError, "Buy them back first"):
            self.contract.mode = "confidential"
        with self.assertRaisesRegex(ValidationError, "Buy them back first"):
            self.contract.write({"mode": "confidential", "dunning_by": "company"})
        invoice.with_user(self.manager)._debt_recovery_factor_buy_back(date(2026, 5, 3))
        self.contract.mode = "confidential"
        self.assertEqual(self.contract.dunning_by, "company")

    def test_who_duns_follows_the_mode(self):
        with self.assertRaisesRegex(ValidationError, "only the company can dun"):
            self.confidential.dunning_by = "factor"
        with self.assertRaisesRegex(ValidationError, "only the factor can dun"):
            self.contract.dunning_by = "company"
        with self.assertRaisesRegex(ValidationError, "only the company can dun"):
            self.env["debt.recovery.factor"].create(
                {
                    "name": "AFF-BAD",
                    "partner_id": self.factor_partner.id,
                    "mode": "confidential",
                    "dunning_by": "factor",
                }
            )
