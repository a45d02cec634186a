# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import re
from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.debt_recovery_reports.tests.common import text

from .common import LitigationCommon


@tagged("post_install", "-at_install")
class TestSettlement(LitigationCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tax = cls.company_data["default_tax_sale"]  # 15 %
        with freeze_time("2024-03-01"):
            cls.inv = cls._taxed_invoice(cls.debtor, 1000.0, "2024-01-15", cls.tax)
            cls.penalty = cls.env["account.move"].create(
                {
                    "move_type": "out_invoice",
                    "partner_id": cls.debtor.id,
                    "company_id": cls.company.id,
                    "invoice_date": date(2024, 2, 15),
                    "invoice_date_due": date(2024, 2, 15),
                    "debt_recovery_is_penalty": True,
                    "invoice_line_ids": [
                        Command.create(
                            {"name": "Penalties", "price_unit": 50.0, "tax_ids": [Command.clear()]}
                        )
                    ],
                }
            )
            cls.penalty.action_post()
            cls.case = cls._case_at(cls.debtor, date(2024, 3, 1), cls.formal)

    def _settle(self, user=None, **values):
        vals = {
            "case_id": self.case.id,
            "amount": 1000.0,
            "deadline": date(2024, 4, 30),
            "reason": "Commercial gesture",
            **values,
        }
        return self.env["debt.recovery.settlement"].with_user(user or self.manager).create(vals)

    @freeze_time("2024-03-31")
    def test_split_and_refusals(self):
        with self.assertRaisesRegex(UserError, "Only a recovery manager"):
            self._settle(user=self.collector)
        with self.assertRaisesRegex(UserError, "at most the open invoices"):
            self._settle(amount=1250.0)
        settlement = self._settle()
        # 1150 x 14.5 % x 76 / 365 = 34.72 interest + 40 indemnity, not invoiced.
        self.assertEqual(settlement.amount_owed, 1274.72)
        self.assertEqual(settlement.amount_waived, 274.72)
        self.assertEqual(settlement.waived_uninvoiced, 74.72)
        self.assertEqual(settlement.waived_penalties, 50.0)
        self.assertEqual(settlement.waived_principal, 150.0)
        self.assertEqual((self.case.state, self.case.hold_reason), ("on_hold", "settlement"))
        self.assertEqual(self.case.hold_until, date(2024, 4, 30))
        html = self._render("debt_recovery_litigation.action_report_settlement_letter", settlement)
        self.assertIn("1,000.00", html)
        self.assertIn("274.72", html)
        with self.assertRaisesRegex(UserError, "already pending"):
            self._settle()

    def test_paid_settlement_writes_off_the_rest(self):
        with freeze_time("2024-03-31"):
            settlement = self._settle()
        with freeze_time("2024-04-10"):
            self._pay(self.inv, amount=1000.0, pay_date=date(2024, 4, 10))
            self.env["debt.recovery.settlement"]._refresh(date(2024, 4, 10))
        self.assertEqual(settlement.state, "paid")
        notes = settlement.credit_note_ids
        self.assertEqual(len(notes), 2)
        principal = notes.filtered(lambda m: m.reversed_entry_id == self.inv)
        self.assertEqual(principal.move_type, "out_refund")
        self.assertEqual(principal.state, "posted")
        # VAT regularised: the waived 150.00 incl. tax = 130.43 + 15 % tax 19.56 + 0.01.
        self.assertEqual(principal.amount_total, 150.0)
        self.assertEqual(principal.amount_tax, 19.56)
        self.assertIn("Commercial gesture", principal.ref)
        penalty_note = notes - principal
        self.assertEqual((penalty_note.amount_total, penalty_note.amount_tax), (50.0, 0.0))
        self.assertEqual(self.inv.payment_state, "paid")
        self.assertEqual(self.penalty.amount_residual, 0.0)
        self.assertEqual(self.case.state, "closed")

    def test_credit_notes_cover_the_waived_shares_whatever_was_paid_on_which_document(self):
        """Waived as stated: 150.00 of the invoice, the 50.00 penalty invoice in full. The
        debtor pays 1,010.00, 60.00 of it on the penalty invoice: the credit notes still
        waive 150.00 and 50.00; the 10.00 paid in excess stays open as a credit."""
        with freeze_time("2024-03-31"):
            settlement = self._settle()
        self.assertEqual(
            {(ln.move_id, ln.waived) for ln in settlement.line_ids},
            {(self.inv, 150.0), (self.penalty, 50.0)},
        )
        with freeze_time("2024-04-10"):
            self._pay(self.penalty, amount=50.0, pay_date=date(2024, 4, 10))
            self._pay(self.inv, amount=960.0, pay_date=date(2024, 4, 10))
            self.env["debt.recovery.settlement"]._refresh(date(2024, 4, 10))
        self.assertEqual(settlement.state, "paid")
        notes = settlement.credit_note_ids
        principal = notes.filtered(lambda m: m.reversed_entry_id == self.inv)
        penalty_note = notes - principal
        self.assertEqual((principal.amount_total, principal.amount_tax), (150.0, 19.56))
        self.assertEqual(penalty_note.amount_total, 50.0)
        # 1,150 - 960 - 150 = 40 open on the invoice, settled by the penalty's credit note;
        # the 10.00 over stays open on that credit note, like any overpayment.
        self.assertEqual(self.inv.payment_state, "paid")
        self.assertEqual(self.penalty.amount_residual, 0.0)
        self.assertEqual(penalty_note.amount_residual, 10.0)

    def test_no_settlement_with_a_consumer_without_the_consumer_mediator(self):
        with freeze_time("2024-03-01"):
            self._invoice(self.consumer, 800.0, "2024-01-15")
            c_case = self._case_at(self.consumer, date(2024, 3, 1), self.formal)
        self.company.debt_recovery_consumer_mediator_id = False
        with (
            freeze_time("2024-03-31"),
            self.assertRaisesRegex(
                UserError,
                "A settlement to Jeanne Martin cannot be produced for .*: set the consumer "
                "mediator",
            ),
        ):
            self._settle(case_id=c_case.id, amount=500.0)

    def test_the_agreement_binds_both_parties(self):
        """The debtor acknowledges the debt and undertakes to pay "au plus tard le" the
        deadline (that day included), the creditor waives the rest; both sign."""
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(
            ["debt_recovery_litigation"], ["fr_FR"], overwrite=True
        )
        self.debtor.lang = "fr_FR"
        with freeze_time("2024-03-31"):
            settlement = self._settle()
        html = self._agreement_text(settlement)
        for sentence in (
            "Transaction au sens des articles 2044 et suivants du Code civil.",
            f"Entre {self.company.name}, le créancier, et Durand Bâtiment SARL, le débiteur.",
            "1. Le débiteur reconnaît devoir au créancier 1 274,72, pénalités comprises, au "
            "titre des documents listés ci-dessous.",
            "2. Le débiteur s'engage à payer 1 000,00 au plus tard le 30/04/2024, pour solde de "
            "tout compte sur ces documents, et renonce à toute réclamation ou action à leur "
            "sujet.",
            "3. En contrepartie, une fois ce montant payé, le créancier renonce au surplus, "
            "274,72 : d'abord les pénalités (124,72), puis 150,00 de principal, pour lesquels "
            "il émettra des avoirs.",
            "4. À défaut de paiement au plus tard le 30/04/2024, le présent accord devient "
            "caduc et la totalité de la dette reste due.",
            "Fait en deux exemplaires le 31/03/2024.",
            f"Pour le créancier, {self.company.name}",
            "Le débiteur, Durand Bâtiment SARL",
            "« Lu et approuvé », date et signature",
        ):
            self.assertIn(sentence, html)
        self.assertNotIn("avant le", html)
        # Signed on the portal: the signature replaces the blank.
        with freeze_time("2024-04-02 10:00:00"):
            settlement._sign("Paul Durand", self._signature_png())
        html = self._agreement_text(settlement)
        self.assertIn("Signé par Paul Durand le 02/04/2024", html)
        with self.assertRaises(UserError):
            settlement._sign("Paul Durand", self._signature_png())
        # The signature is evidence: nobody writes it by hand, not even a manager.
        for values in ({"signed_by": "Forger"}, {"signed_on": "2024-04-01 09:00:00"}):
            with self.assertRaisesRegex(UserError, "evidence"):
                settlement.with_user(self.manager).write(values)
        self.assertEqual(settlement.signed_by, "Paul Durand")

    def _agreement_text(self, settlement):
        """The agreement as plain text, without the spaces that tags leave before a comma,
        a full stop or a closing bracket."""
        html = text(
            self._render("debt_recovery_litigation.action_report_settlement_letter", settlement)
        )
        return re.sub(r"\( ", "(", re.sub(r" ([,.)])", r"\1", html))

    @staticmethod
    def _signature_png():
        return (
            b"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU"
            b"5ErkJggg=="
        )

    def test_lapsed_settlement_resumes_the_ladder(self):
        with freeze_time("2024-03-31"):
            settlement = self._settle()
        with freeze_time("2024-05-02"):
            self._pay(self.inv, amount=300.0, pay_date=date(2024, 4, 20))
            self.env["debt.recovery.case"]._refresh_holds(date(2024, 5, 2))
        self.assertEqual(settlement.state, "lapsed")
        self.assertFalse(settlement.credit_note_ids)
        self.assertEqual(self.inv.amount_residual, 850.0)
        self.assertEqual(self.case.state, "open")
        self.assertFalse(self.case.hold_reason)
        self.assertTrue(any("lapsed" in (c.summary or "") for c in self.case.communication_ids))
