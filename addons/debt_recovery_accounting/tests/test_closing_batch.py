# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from odoo.tests import tagged

from .common import D1, D2, AccountingCommon


@tagged("post_install", "-at_install")
class TestClosingBatch(AccountingCommon):
    """The closing reads its receivables set-based, and as they stood at its date."""

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
        self.assertEqual(len(small_closing.line_ids), 8)
        self._debtors_in_litigation(4, "large")
        large_closing = self._closing(D1)
        large = self._compute_queries(large_closing)
        self.assertEqual(len(large_closing.line_ids), 16)
        self.assertEqual(large, small, f"{small} queries for 4 cases, {large} for 8")
        self.assertLess(small, 40)

    def test_closing_at_a_past_date_reads_the_residual_at_that_date(self):
        """An invoice unpaid at the closing date but paid since is classified and provisioned
        on what it owed then; the payment reverses the provision at the next closing."""
        invoice = self._invoice(
            self.debtor, 10000.0, self.tax_goods, date(2026, 1, 15), date(2026, 2, 14)
        )
        self._case(self.debtor)._transition("litigation")
        # Part paid before the closing date, the rest after it, before the closing is run.
        self._pay(invoice, 2400.0, date(2026, 5, 10))
        self._pay(invoice, 9600.0, date(2026, 7, 20))
        self.assertEqual(invoice.payment_state, "paid")
        closing = self._closing(D1)
        closing.action_post()
        line = closing.line_ids
        self.assertEqual(line.invoice_id, invoice)
        self.assertTrue(line.doubtful)
        self.assertEqual((line.residual, line.untaxed, line.provision), (9600, 8000, 4000))
        reclass = closing.sudo().move_ids.filtered(
            lambda m: m.debt_recovery_entry_kind == "reclassification" and not m.reversed_entry_id
        )
        self.assertEqual(self._lines(reclass)[0][:2], ("411100", 0.0))
        self.assertEqual(sum(reclass.line_ids.mapped("debit")), 9600.0)
        self.assertTrue(closing.ledger_agrees)
        # The next closing: nothing owed, the provision is reversed.
        later = self._closing(D2)
        later.action_post()
        self.assertEqual(
            (later.line_ids.doubtful, later.line_ids.previous, later.line_ids.provision),
            (False, 4000, 0),
        )
        reversal = later.sudo().move_ids
        self.assertEqual(self._lines(reversal), [("491000", 4000.0, 0.0), ("781740", 0.0, 4000.0)])
