# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from odoo.tests import tagged

from .common import LETTER, LETTER_DATE, ReportsCommon

# Legal rate of H1 2024 (hand-checked): ECB main refinancing rate on 1 January 2024 (4.50 %)
# + 10 points = 14.50 % a year, simple interest, days from the day after the due date through
# the letter date, over 365.
RATE_H1_2024 = 0.145


@tagged("post_install", "-at_install")
class TestLetters(ReportsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.formal = cls.level_by_name["Formal notice"]
        cls.first = cls.level_by_name["First reminder"]
        cls.firm = cls.level_by_name["Firm reminder"]
        cls.inv1 = cls._invoice(cls.debtor, 1000.0, "2024-01-15", invoice_date=date(2023, 12, 16))
        cls.inv2 = cls._invoice(cls.debtor, 500.0, "2024-02-10", invoice_date=date(2024, 1, 11))
        cls.disputed = cls._invoice(cls.debtor, 300.0, "2024-01-20")
        cls.disputed.write(
            {"debt_recovery_excluded": True, "debt_recovery_exclusion_reason": "dispute"}
        )
        cls.refund = cls._refund(cls.debtor, 100.0, date(2024, 2, 1))
        cls.moves = cls.inv1 | cls.inv2 | cls.disputed
        # 1000 x 14.5 % x 46 / 365 (16 Jan - 1 Mar 2024) and 500 x 14.5 % x 20 / 365
        cls.interest1 = round(1000 * RATE_H1_2024 * 46 / 365, 2)
        cls.interest2 = round(500 * RATE_H1_2024 * 20 / 365, 2)

    def test_hand_computed_penalties(self):
        self.assertEqual(self._days("2024-01-15", LETTER_DATE), 46)
        self.assertEqual(self._days("2024-02-10", LETTER_DATE), 20)
        self.assertAlmostEqual(self.interest1, 18.27)
        self.assertAlmostEqual(self.interest2, 3.97)
        self.assertAlmostEqual(self.inv1.compute_late_interest(LETTER_DATE), self.interest1)
        self.assertAlmostEqual(self.inv2.compute_late_interest(LETTER_DATE), self.interest2)

    def test_formal_notice_english(self):
        comm = self._communication(self.debtor, self.moves, self.formal)
        self.assertEqual(comm.channel, "registered_letter")
        out = self._render(LETTER, comm)
        self.assertIn("Formal notice to pay", out)
        self.assertIn("Registered letter with acknowledgement of receipt", out)
        self.assertIn("article L441-10 of the Code de commerce", out)
        self.assertIn("articles L441-10 and D441-5 of the Code de commerce", out)
        self.assertIn("injonction de payer", out)
        # Principal: 1,000 + 500 claimed, credit note 100 deducted; the disputed 300 is not.
        self.assertIn("Invoices due 1,500.00", out)
        self.assertIn("Less credit notes and unapplied payments -100.00", out)
        self.assertIn("Total due 1,400.00", out)
        self.assertIn("Principal 1,400.00", out)
        interest = self.interest1 + self.interest2
        self.assertIn(f"Late-payment interest as of 03/01/2024 {interest:,.2f}", out)
        self.assertIn("(articles L441-10 and D441-5 of the Code de commerce) 80.00", out)
        self.assertIn(f"Total claimed {1400 + interest + 80:,.2f}", out)
        # Rate and period of each invoice.
        self.assertIn("01/16/2024 03/01/2024 46 14.50 18.27", out)
        self.assertIn("02/11/2024 03/01/2024 20 14.50 3.97", out)
        # Deadline: expected receipt (letter date + 3 days of postal delay) + 8 days.
        self.assertIn("Deadline for payment: 03/12/2024", out)
        # Disputed invoice listed apart, not claimed.
        claimed, _sep, excluded = out.partition("Invoices not claimed in this letter")
        self.assertNotIn(self.disputed.name, claimed)
        self.assertIn(f"{self.disputed.name} 01/20/2024 300.00 Dispute", excluded)
        self.assertIn(self.inv1.name, claimed)
        self.assertIn(self.refund.name, claimed)
        # The collector's contact.
        self.assertIn("Claire Collector", out)

    def test_formal_notice_french(self):
        self.debtor.lang = "fr_FR"
        comm = self._communication(self.debtor, self.moves, self.formal)
        out = self._render(LETTER, comm)
        self.assertIn("Mise en demeure de payer", out)
        self.assertIn("Lettre recommandée avec accusé de réception", out)
        self.assertIn("article L441-10 du Code de commerce", out)
        self.assertIn("articles L441-10 et D441-5 du Code de commerce", out)
        self.assertIn("injonction de payer", out)
        self.assertIn("vaut mise en demeure", out)
        self.assertIn("Total dû 1 400,00", out)
        self.assertIn("Date limite de paiement : 12/03/2024", out)
        self.assertIn("Factures non réclamées dans ce courrier", out)
        self.assertIn("Litige", out)
        self.assertNotIn("Formal notice to pay", out)

    def test_formal_notice_consumer(self):
        inv = self._invoice(self.consumer, 1000.0, "2024-01-15")
        comm = self._communication(self.consumer, inv, self.formal)
        self.assertEqual(comm.indemnity_amount, 0.0)
        out = self._render(LETTER, comm)
        self.assertIn("Formal notice to pay", out)
        self.assertNotIn("D441-5", out)
        self.assertNotIn("Fixed indemnity", out)
        self.assertNotIn("L441-10", out)
        self.assertIn("articles 1231-6 and 1344-1 of the Code civil", out)
        self.assertNotIn("at your expense", out)
        self.assertNotIn("charged to you", out)

    def test_reminder_tones(self):
        comm_first = self._communication(self.debtor, self.inv1, self.first)
        comm_firm = self._communication(self.debtor, self.inv1, self.firm)
        out_first = self._render(LETTER, comm_first)
        out_firm = self._render(LETTER, comm_firm)
        self.assertIn("Payment reminder", out_first)
        self.assertIn("probably an oversight", out_first)
        self.assertNotIn("Formal notice", out_first)
        self.assertIn("Second reminder: unpaid invoices", out_firm)
        self.assertIn("Despite our previous reminder,", out_firm)
        # Reminder content: table, penalties and deadline.
        self.assertIn(f"{self.inv1.name} 12/16/2023 01/15/2024 1,000.00 1,000.00 46", out_first)
        self.assertIn(f"Late-payment interest {self.interest1:,.2f}", out_first)
        self.assertIn("Please pay by: 03/09/2024", out_first)
        self.assertIn("Payment reference:", out_first)

    def test_reminder_french(self):
        self.debtor.lang = "fr_FR"
        out = self._render(LETTER, self._communication(self.debtor, self.inv1, self.first))
        self.assertIn("Relance de paiement", out)
        self.assertIn("Veuillez régler avant le : 09/03/2024", out)

    def test_batch_one_pdf(self):
        comms = self._communication(self.debtor, self.moves, self.formal) | self._communication(
            self.consumer, self._invoice(self.consumer, 200.0, "2024-02-01"), self.first
        )
        out = self._render(LETTER, comms)
        self.assertEqual(out.count("Dear Sir or Madam"), 2)
        self.assertIn("Jeanne Martin", out)

    def test_case_letter_today(self):
        case = self.env["debt.recovery.case"].create(
            {
                "partner_id": self.debtor.id,
                "company_id": self.company.id,
                "policy_id": self.policy.id,
                "level_id": self.first.id,
                "user_id": self.collector.id,
            }
        )
        out = self._render("debt_recovery_reports.action_report_case_letter", case)
        claimed, _sep, excluded = out.partition("Invoices not claimed in this letter")
        self.assertIn(self.inv1.name, claimed)
        self.assertIn(self.inv2.name, claimed)
        self.assertNotIn(self.disputed.name, claimed)
        self.assertIn(self.disputed.name, excluded)
        self.assertIn("Total due 1,400.00", out)

    def test_query_count_independent_of_lines(self):
        """Rendering does not query per invoice line: 2 and 10 invoices cost the same."""
        Report = self.env["ir.actions.report"]
        few = self._communication(self.debtor, self.inv1 | self.inv2, self.formal)
        many_moves = self.env["account.move"].concat(
            *(self._invoice(self.consumer, 100.0 + i, f"2024-01-{10 + i:02d}") for i in range(10))
        )
        many = self._communication(self.consumer, many_moves, self.formal)
        Report._render_qweb_html(LETTER, (few | many).ids)  # warm the template caches

        def count(comms):
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            Report._render_qweb_html(LETTER, comms.ids)
            return self.env.cr.sql_log_count - before

        count(few), count(many)  # the first count also fills ORM caches
        # 8 more invoice lines, at most a fixed query or two more (a cache miss for the other
        # debtor), never one per line.
        few_count, many_count = count(few), count(many)
        self.assertLessEqual(many_count, few_count + 2)
        # A batch of letters renders in (about) the number of queries of one letter.
        self.assertLessEqual(count(few | many), max(few_count, many_count) + 2)
