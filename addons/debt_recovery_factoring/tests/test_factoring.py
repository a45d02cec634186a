# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Assignment to a factor and buy-back: the entries, the ladder, the penalties."""

from datetime import date

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import FactoringCommon


@tagged("post_install", "-at_install")
class TestFactoring(FactoringCommon):
    def test_assigned_invoice_leaves_the_ladder_and_bears_no_penalty(self):
        factored = self._invoice(self.debtor, 1200.0, "2026-03-01")
        own = self._invoice(self.debtor, 800.0, "2026-03-01")
        assignment = self._assign(factored, date(2026, 3, 5))
        # The entry: debit the factor's account (the factor as third party), credit the
        # receivable (the debtor), matched with the invoice.
        entry = assignment.move_id
        self.assertEqual(entry.state, "posted")
        factor_line = entry.line_ids.filtered(lambda line: line.account_id == self.factor_account)
        self.assertEqual((factor_line.debit, factor_line.partner_id), (1200.0, self.factor_partner))
        credit = self._receivable(entry)
        self.assertEqual((credit.credit, credit.partner_id), (1200.0, self.debtor))
        self.assertEqual(credit.account_id, self._receivable(factored).account_id)
        self.assertTrue(self._receivable(factored).reconciled)
        self.assertEqual(factored.amount_residual, 0.0)
        self.assertEqual(factored.payment_state, "paid")
        self.assertEqual(factored.debt_recovery_factor_id, self.contract)
        self.assertEqual(factored.debt_recovery_factored_date, date(2026, 3, 5))
        # The ladder claims the debtor's own invoice only, and no penalty on the factor's.
        self._run(date(2026, 4, 20))
        case = self._case()
        self.assertEqual(case.invoice_ids, own)
        claimed = case.communication_ids.mapped("line_ids.invoice_id")
        self.assertIn(own, claimed)
        self.assertNotIn(factored, claimed)
        penalties = (factored + own)._debt_recovery_penalties(date(2026, 4, 20))
        self.assertEqual(penalties[factored.id]["interest"], 0.0)
        self.assertEqual(penalties[factored.id]["indemnity"], 0.0)
        self.assertGreater(penalties[own.id]["interest"], 0.0)
        self.assertGreater(penalties[own.id]["indemnity"], 0.0)
        # Nor is it in the aged balance.
        aged = self.env["debt.recovery.aged.receivable"]._rows(company_ids=self.company.ids)
        self.assertIn(own.id, [row["move_id"] for row in aged])
        self.assertNotIn(factored.id, [row["move_id"] for row in aged])

    def test_buy_back_returns_the_invoice_with_its_history(self):
        invoice = self._invoice(self.debtor, 1000.0, "2026-03-01")
        self._run(date(2026, 3, 20))
        case = self._case()
        history = case.communication_ids
        self.assertTrue(history)
        self._assign(invoice, date(2026, 3, 25))
        self._run(date(2026, 3, 26))
        self.assertEqual(case.state, "closed")
        self.assertFalse(case.invoice_ids)
        invoice.with_user(self.manager).action_debt_recovery_factor_buy_back()
        buy_back = invoice.debt_recovery_factor_assignment_ids
        self.assertEqual(buy_back.state, "bought_back")
        self.assertFalse(invoice.debt_recovery_factor_id)
        self.assertTrue(invoice.debt_recovery_bought_back_date)
        # The reverse entry debits the receivable again, and the factor's account is settled.
        entry = buy_back.buyback_move_id
        debit = self._receivable(entry)
        self.assertEqual((debit.debit, debit.partner_id), (1000.0, self.debtor))
        factor_lines = (buy_back.move_id + entry).line_ids.filtered(
            lambda line: line.account_id == self.factor_account
        )
        self.assertTrue(all(factor_lines.mapped("reconciled")))
        self.assertTrue(debit.reconciled, "matched with the assignment's credit")
        self.assertEqual(invoice.amount_residual, 1000.0)
        self.assertEqual(invoice.payment_state, "not_paid")
        # Back in the ladder, in its case, with its communications; penalties run again.
        self._run(date(2026, 4, 20))
        case = self._case()
        self.assertEqual(case.invoice_ids, invoice)
        self.assertLessEqual(history, case.communication_ids)
        self.assertGreater(
            invoice._debt_recovery_penalties(date(2026, 4, 20))[invoice.id]["interest"], 0
        )

    def test_other_payments_stay_when_bought_back(self):
        invoice = self._invoice(self.debtor, 1000.0, "2026-03-01")
        self._pay(invoice, amount=300.0, pay_date=date(2026, 3, 2))
        assignment = self._assign(invoice, date(2026, 3, 5))
        self.assertEqual(assignment.amount, 700.0)
        invoice.with_user(self.manager)._debt_recovery_factor_buy_back(date(2026, 3, 10))
        self.assertEqual(invoice.amount_residual, 700.0)

    def test_assigned_at_posting(self):
        self.contract.partner_ids = [Command.set(self.debtor.ids)]
        invoice = self._invoice(self.debtor, 500.0, "2026-05-01")
        other = self._invoice(self.consumer, 300.0, "2026-05-01")
        self.assertEqual(invoice.debt_recovery_factor_id, self.contract)
        self.assertEqual(invoice.amount_residual, 0.0)
        self.assertFalse(other.debt_recovery_factor_id)
        self.assertEqual(other.amount_residual, 300.0)

    def test_a_contract_never_assigns_another_companys_invoices(self):
        company_2 = self.setup_other_company(name="Factoring Co 2")["company"]
        self.contract.partner_ids = [Command.set(self.debtor.ids)]
        # The same debtor invoiced by the other company: not assigned at posting...
        invoice_2 = self._invoice(self.debtor, 400.0, "2026-05-01", company=company_2)
        self.assertFalse(invoice_2.debt_recovery_factor_id)
        self.assertEqual(invoice_2.amount_residual, 400.0)
        # ... nor by hand.
        with self.assertRaisesRegex(UserError, "another company"):
            invoice_2._debt_recovery_factor_assign(self.contract, date(2026, 5, 2))

    def test_nothing_half_assigned(self):
        invoice = self._invoice(self.debtor, 500.0, "2026-05-01")
        paid = self._invoice(self.debtor, 200.0, "2026-05-01")
        self._pay(paid)
        with self.assertRaisesRegex(UserError, "nothing due"):
            self._assign(invoice + paid, date(2026, 5, 2))
        self.assertFalse(invoice.debt_recovery_factor_assignment_ids)
        self._assign(invoice, date(2026, 5, 2))
        with self.assertRaisesRegex(UserError, "already assigned"):
            self._assign(invoice, date(2026, 5, 3))

    def test_factor_account_required(self):
        self.contract.account_id = False
        invoice = self._invoice(self.debtor, 500.0, "2026-05-01")
        with self.assertRaisesRegex(UserError, "467"):
            self._assign(invoice, date(2026, 5, 2))
        self.assertEqual(invoice.amount_residual, 500.0)

    def test_kpis_show_factored_amounts_apart(self):
        invoice = self._invoice(self.debtor, 1200.0, "2026-03-01")
        confidential = self.contract.copy({"name": "AFF-TEST-2", "mode": "confidential"})
        other = self._invoice(self.consumer, 300.0, "2026-03-01")
        self._assign(invoice, date(2026, 3, 5))
        self._assign(other, date(2026, 3, 6), contract=confidential)
        dashboard = self.env["debt.recovery.kpi.dashboard"].create(
            {"company_id": self.company.id, "date_from": "2026-03-01", "date_to": "2026-03-31"}
        )
        self.assertEqual(dashboard.factored_notified, 1200.0)
        self.assertEqual(dashboard.factored_confidential, 300.0)
        # At a date before the assignment, nothing was the factor's.
        dashboard.date_to = date(2026, 3, 4)
        self.assertEqual(dashboard.factored_notified, 0.0)

    def test_aged_buckets_show_factored_amounts_apart(self):
        own = self._invoice(self.debtor, 800.0, "2026-03-01")
        notified = self._invoice(self.debtor, 1200.0, "2026-03-01")
        late = self._invoice(self.consumer, 300.0, "2026-01-15")
        not_due = self._invoice(self.consumer, 500.0, "2026-04-15", invoice_date="2026-03-15")
        confidential = self.contract.copy({"name": "AFF-TEST-2", "mode": "confidential"})
        self._pay(late, amount=100.0, pay_date=date(2026, 1, 20))
        self._assign(notified, date(2026, 3, 5))
        self._assign(late + not_due, date(2026, 3, 16), contract=confidential)
        dashboard = self.env["debt.recovery.kpi.dashboard"].create(
            {"company_id": self.company.id, "date_from": "2026-03-01", "date_to": "2026-03-31"}
        )
        buckets = dashboard._factored_buckets()
        self.assertEqual(buckets["current"], {"own": 0.0, "notified": 0.0, "confidential": 500.0})
        self.assertEqual(buckets["1_30"], {"own": 800.0, "notified": 1200.0, "confidential": 0.0})
        self.assertEqual(buckets["61_90"], {"own": 0.0, "notified": 0.0, "confidential": 200.0})
        self.assertNotIn("31_60", buckets)
        self.assertEqual(dashboard.factored_notified, 1200.0)
        self.assertEqual(dashboard.factored_confidential, 700.0)
        self.assertIn("o_factored_buckets", dashboard.factored_by_bucket)
        # The confidential invoices stay in the receivables: 800 + 200 + 500.
        self.assertEqual(dashboard.ar_ending_open, 1500.0)
        # Before the assignments, everything was the company's own.
        dashboard.date_to = date(2026, 3, 4)
        buckets = dashboard._factored_buckets()
        self.assertEqual(buckets["1_30"], {"own": 2000.0, "notified": 0.0, "confidential": 0.0})
        self.assertEqual(own.amount_residual, 800.0)

    def test_assigned_invoice_and_its_entries_stay_posted(self):
        invoice = self._invoice(self.debtor, 500.0, "2026-05-01")
        assignment = self._assign(invoice, date(2026, 5, 2))
        for move in (invoice, assignment.move_id):
            with self.subTest(move=move.name), self.assertRaisesRegex(UserError, "buy the"):
                move.button_draft()
        invoice.with_user(self.manager)._debt_recovery_factor_buy_back(date(2026, 5, 3))
        with self.assertRaisesRegex(UserError, "buy the"):
            assignment.buyback_move_id.button_draft()
        # Bought back, the invoice is the company's again: it may be corrected.
        invoice.button_draft()
        self.assertEqual(invoice.state, "draft")
