# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Partial buy-backs, and invoices in a foreign currency: the entries in company currency, the
invoice's own currency kept on its receivable."""

from datetime import date

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import FactoringCommon


def _balance(lines, account, partner=None):
    return round(
        sum(
            line.balance
            for line in lines
            if line.account_id == account and (partner is None or line.partner_id == partner)
        ),
        2,
    )


@tagged("post_install", "-at_install")
class TestFactoringBuyBack(FactoringCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.confidential = cls.contract.copy({"name": "AFF-TEST-C", "mode": "confidential"})
        code = "USD" if cls.company.currency_id.name != "USD" else "EUR"
        # 2 units of the foreign currency for one of the company's.
        cls.foreign = cls.setup_other_currency(code, rates=[("2026-01-01", 2.0)])

    def _foreign_invoice(self, amount, due):
        invoice = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": self.debtor.id,
                "company_id": self.company.id,
                "currency_id": self.foreign.id,
                "invoice_date": due,
                "invoice_date_due": due,
                "invoice_line_ids": [
                    Command.create(
                        {"name": "Services", "price_unit": amount, "tax_ids": [Command.clear()]}
                    )
                ],
            }
        )
        invoice.action_post()
        return invoice

    def test_partial_buy_back_of_a_notified_invoice(self):
        invoice = self._invoice(self.debtor, 1000.0, "2026-03-01")
        assignment = self._assign(invoice, date(2026, 3, 5))
        with self.assertRaisesRegex(UserError, "at most"):
            invoice.with_user(self.manager)._debt_recovery_factor_buy_back(
                date(2026, 3, 20), amount=1000.01
            )
        invoice.with_user(self.manager)._debt_recovery_factor_buy_back(
            date(2026, 3, 20), amount=300.0
        )
        entry = assignment.buyback_move_id
        debit = self._receivable(entry)
        self.assertEqual((debit.debit, debit.partner_id), (300.0, self.debtor))
        self.assertEqual(_balance(entry.line_ids, self.factor_account), -300.0)
        # 300.00 is the company's again, 700.00 still the factor's.
        self.assertEqual(invoice.amount_residual, 300.0)
        self.assertEqual(invoice.debt_recovery_factor_id, self.contract)
        self.assertEqual(assignment.state, "assigned")
        self.assertEqual(assignment.amount_bought_back, 300.0)
        self.assertEqual(assignment._amount_open(), 700.0)
        self.assertTrue(self._receivable(assignment.move_id).reconciled)
        self.assertEqual(invoice._debt_recovery_factor_printed()["residual"], 1000.0)
        groups = self.env["debt.recovery.factor.assignment"]._notified_by_debtor(
            self.debtor, self.company
        )
        lines = groups[(self.debtor.id, self.company.id)][0]["lines"]
        self.assertEqual([line["amount"] for line in lines], [700.0])
        # The ladder claims the part bought back.
        self._run(date(2026, 4, 20))
        self.assertEqual(self._case().invoice_ids, invoice)
        # The rest bought back: the whole invoice is the company's, the factor's account settled.
        invoice.with_user(self.manager)._debt_recovery_factor_buy_back(date(2026, 4, 21))
        self.assertEqual(assignment.state, "bought_back")
        self.assertEqual(len(assignment.buyback_move_ids), 2)
        self.assertEqual(_balance(assignment.buyback_move_id.line_ids, self.factor_account), -700.0)
        self.assertEqual(invoice.amount_residual, 1000.0)
        self.assertFalse(invoice.debt_recovery_factor_id)
        factor_lines = (assignment.move_id + assignment.buyback_move_ids).line_ids.filtered(
            lambda line: line.account_id == self.factor_account
        )
        self.assertTrue(all(factor_lines.mapped("reconciled")))

    def test_partial_buy_back_of_a_confidential_invoice(self):
        invoice = self._invoice(self.debtor, 1000.0, "2026-03-01")
        assignment = self._assign(invoice, date(2026, 3, 5), contract=self.confidential)
        invoice.with_user(self.manager)._debt_recovery_factor_buy_back(
            date(2026, 3, 10), amount=300.0
        )
        entry = assignment.buyback_move_id
        self.assertEqual(_balance(entry.line_ids, self.factor_account, self.debtor), 300.0)
        self.assertEqual(_balance(entry.line_ids, self.factor_account, self.factor_partner), -300.0)
        self.assertEqual(invoice.amount_residual, 1000.0)
        # The debtor's payments go to the factor's 700.00 first, the rest is the company's.
        self._pay(invoice, amount=500.0, pay_date=date(2026, 3, 20))
        self.assertEqual(assignment.amount_collected, 500.0)
        self._pay(invoice, amount=500.0, pay_date=date(2026, 3, 25))
        self.assertEqual(assignment.amount_collected, 700.0)
        moves = assignment.move_id + assignment.buyback_move_ids + assignment.collection_move_ids
        self.assertEqual(_balance(moves.line_ids, self.factor_account, self.factor_partner), 0.0)
        self.assertEqual(_balance(moves.line_ids, self.factor_account, self.debtor), 0.0)

    def test_foreign_currency_notified(self):
        invoice = self._foreign_invoice(1000.0, "2026-03-01")
        self.assertEqual(invoice.amount_residual_signed, 500.0)
        assignment = self._assign(invoice, date(2026, 3, 5))
        self.assertEqual(assignment.amount, 500.0)
        credit = self._receivable(assignment.move_id)
        self.assertEqual((credit.balance, credit.amount_currency), (-500.0, -1000.0))
        self.assertEqual(credit.currency_id, self.foreign)
        self.assertEqual(_balance(assignment.move_id.line_ids, self.factor_account), 500.0)
        self.assertEqual(invoice.amount_residual, 0.0)
        self.assertEqual(invoice._debt_recovery_factor_printed()["residual"], 1000.0)
        # A part bought back: 100.00 in company currency, 200.00 in the invoice's.
        invoice.with_user(self.manager)._debt_recovery_factor_buy_back(
            date(2026, 3, 20), amount=100.0
        )
        debit = self._receivable(assignment.buyback_move_id)
        self.assertEqual((debit.balance, debit.amount_currency), (100.0, 200.0))
        self.assertEqual(invoice.amount_residual, 200.0)
        self.assertEqual(invoice.amount_residual_signed, 100.0)
        self.assertEqual(invoice._debt_recovery_factor_printed()["residual"], 1000.0)

    def test_foreign_currency_confidential(self):
        invoice = self._foreign_invoice(1000.0, "2026-03-01")
        assignment = self._assign(invoice, date(2026, 3, 5), contract=self.confidential)
        lines = assignment.move_id.line_ids
        self.assertEqual(_balance(lines, self.factor_account, self.factor_partner), 500.0)
        self.assertEqual(_balance(lines, self.factor_account, self.debtor), -500.0)
        self.assertEqual(invoice.amount_residual, 1000.0)
        self._pay(invoice, amount=400.0, pay_date=date(2026, 3, 20))
        self.assertEqual(invoice.amount_residual, 600.0)
        self.assertEqual(assignment.amount_collected, 200.0)
        self._pay(invoice, pay_date=date(2026, 3, 25))
        self.assertEqual(assignment.amount_collected, 500.0)
        moves = assignment.move_id + assignment.collection_move_ids
        self.assertEqual(_balance(moves.line_ids, self.factor_account, self.factor_partner), 0.0)
