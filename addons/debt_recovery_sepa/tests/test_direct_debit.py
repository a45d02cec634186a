# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import CREDITOR_ID, SCAN, DirectDebitCommon

SIGNED = date(2026, 11, 2)


@tagged("post_install", "-at_install")
class TestDirectDebit(DirectDebitCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.consumer_mandate = cls._mandate(
            cls.consumer, "FR1420041010050500013M02606", signed=SIGNED
        )
        # Oldest first: 100.00 due in November, then 800.00 due in December.
        cls.inv_old = cls._invoice(cls.consumer, 100.0, date(2026, 11, 30), date(2026, 10, 31))
        cls.inv_new = cls._invoice(cls.consumer, 800.0, date(2026, 12, 31), date(2026, 12, 1))

    def _consumer_plan(self):
        with freeze_time("2027-01-05"):
            return self._dd_plan(self.inv_old | self.inv_new, self.consumer_mandate)

    def _mails(self, plan):
        return self.env["mail.mail"].search(
            [("model", "=", "debt.recovery.plan.line"), ("res_id", "in", plan.line_ids.ids)],
            order="id",
        )

    def _collect_first(self, plan):
        """Pre-notify and order the first instalment (collected Friday 5 February 2027)."""
        self._step(date(2027, 1, 22))
        with freeze_time("2027-02-03"):
            self._step(date(2027, 2, 3))
        return plan.line_ids[0].direct_debit_payment_line_ids.order_id

    # ------------------------------------------------------------------ calendar, order, pain
    def _assert_first_debit_in_pain(self, order):
        """The order's pain.008: one first debit (FRST, CORE) of 150.00 EUR on the consumer's
        mandate, collected on 5 February by the company's creditor identifier."""
        with freeze_time("2027-02-03"):
            root, ns, _xml = self._pain(order)
        self.assertEqual(
            root.findtext("p:CstmrDrctDbtInitn/p:GrpHdr/p:NbOfTxs", namespaces=ns), "1"
        )
        self.assertEqual(
            root.findtext("p:CstmrDrctDbtInitn/p:GrpHdr/p:CtrlSum", namespaces=ns), "150.00"
        )
        info = root.find("p:CstmrDrctDbtInitn/p:PmtInf", namespaces=ns)
        self.assertEqual(info.findtext("p:ReqdColltnDt", namespaces=ns), "2027-02-05")
        self.assertEqual(info.findtext("p:PmtTpInf/p:SeqTp", namespaces=ns), "FRST")
        self.assertEqual(info.findtext("p:PmtTpInf/p:LclInstrm/p:Cd", namespaces=ns), "CORE")
        self.assertEqual(
            info.findtext("p:CdtrSchmeId/p:Id/p:PrvtId/p:Othr/p:Id", namespaces=ns), CREDITOR_ID
        )
        tx = info.find("p:DrctDbtTxInf", namespaces=ns)
        self.assertEqual(tx.findtext("p:InstdAmt", namespaces=ns), "150.00")
        self.assertEqual(tx.find("p:InstdAmt", namespaces=ns).get("Ccy"), "EUR")
        self.assertEqual(
            tx.findtext("p:DrctDbtTx/p:MndtRltdInf/p:MndtId", namespaces=ns),
            self.consumer_mandate.unique_mandate_reference,
        )
        self.assertEqual(
            tx.findtext("p:DbtrAcct/p:Id/p:IBAN", namespaces=ns), "FR1420041010050500013M02606"
        )

    def test_consumer_plan_collected_by_direct_debit(self):
        plan = self._consumer_plan()
        self.assertEqual(plan.direct_debit_mode_id, self.company.debt_recovery_sdd_payment_mode_id)
        self.assertEqual(plan.line_ids.mapped("amount"), [150.0] * 6)
        first = plan.line_ids[0]
        # Nothing before the pre-notification date (14 days before 5 February).
        self.assertEqual(self._step(date(2027, 1, 21)), (0, 0))
        self.assertEqual(self._step(date(2027, 1, 22)), (1, 0))
        self.assertEqual(first.direct_debit_state, "notified")
        self.assertEqual(first.direct_debit_notified_for, date(2027, 2, 5))
        self.assertTrue(first.reminder_sent, "the pre-notification is the instalment's reminder")
        mail = self._mails(plan)
        self.assertEqual(len(mail), 1)
        for text in (
            "150.00",
            "02/05/2027",
            self.consumer_mandate.unique_mandate_reference,
            CREDITOR_ID,
        ):
            self.assertIn(text, mail.body_html)
        comm = plan.case_id.communication_ids.filtered(lambda c: c.mail_id == mail)
        self.assertEqual(
            (comm.channel, comm.direction, comm.amount_due), ("email", "outbound", 150.0)
        )
        # Announced once: the next days send nothing until the order date (Wednesday 3rd).
        self.assertEqual(self._step(date(2027, 2, 2)), (0, 0))
        with freeze_time("2027-02-03"):
            self.assertEqual(self._step(date(2027, 2, 3)), (0, 1))
        pay_lines = first.direct_debit_payment_line_ids
        order = pay_lines.order_id
        self.assertEqual(len(order), 1)
        self.assertEqual(
            (order.state, order.date_scheduled, order.payment_mode_id, order.company_id),
            ("draft", date(2027, 2, 5), plan.direct_debit_mode_id, self.company),
        )
        self.assertTrue(order.debt_recovery_direct_debit)
        # 150.00 over the receivable lines in the allocation order: the oldest invoice in
        # full (100.00), the next one in part (50.00).
        self.assertEqual(
            [(pl.move_line_id.move_id, pl.amount_currency) for pl in pay_lines.sorted("id")],
            [(self.inv_old, 100.0), (self.inv_new, 50.0)],
        )
        self.assertEqual(pay_lines.mandate_id, self.consumer_mandate)
        self.assertEqual(pay_lines.partner_bank_id, self.consumer_mandate.partner_bank_id)
        self.assertEqual(first.direct_debit_state, "ordered")
        # The day after, nothing is ordered twice.
        with freeze_time("2027-02-04"):
            self.assertEqual(self._step(date(2027, 2, 4)), (0, 0))
        self._assert_first_debit_in_pain(order)
        # Uploaded: OCA posts the payment, the instalment is paid.
        with freeze_time("2027-02-04"):
            order.generated2uploaded()
            plan.action_refresh()
        self.assertEqual(first.state, "paid")
        self.assertEqual(plan.amount_paid, 150.0)
        self.assertEqual(self.inv_old.amount_residual, 0.0)
        self.assertEqual(self.consumer_mandate.recurrent_sequence_type, "recurring")

    def test_debtor_without_email_gets_a_letter(self):
        """No email address: the pre-notification is a letter to post, logged on the case, and
        the collector is asked to post it, early enough to reach the debtor 14 days before
        the debit (five days of post: on 17 January for 5 February); the debit is collected
        as the others."""
        self.consumer.email = False
        plan = self._consumer_plan()
        first = plan.line_ids[0]
        self.assertEqual(self._step(date(2027, 1, 16)), (0, 0))
        self.assertEqual(self._step(date(2027, 1, 17)), (1, 0))
        self.assertEqual(
            (first.direct_debit_state, first.direct_debit_notified_for),
            ("notified", date(2027, 2, 5)),
        )
        self.assertFalse(self._mails(plan), "no email to nobody")
        letter = plan.case_id.communication_ids.filtered(lambda c: c.channel == "letter")
        self.assertRecordValues(
            letter,
            [
                {
                    "state": "to_send",
                    "direction": "outbound",
                    "amount_due": 150.0,
                    "date": date(2027, 1, 17),
                }
            ],
        )
        self.assertEqual(letter.invoice_ids, self.inv_old | self.inv_new)
        for text in (
            "150.00",
            "02/05/2027",
            self.consumer_mandate.unique_mandate_reference,
            CREDITOR_ID,
        ):
            self.assertIn(text, letter.summary)
        activity = plan.activity_ids.filtered(lambda a: a.summary == "Pre-notification to post")
        self.assertEqual(activity.date_deadline, date(2027, 1, 17))
        self.assertIn(CREDITOR_ID, activity.note)
        letter.action_mark_sent()
        self.assertEqual(letter.state, "done")
        with freeze_time("2027-02-03"):
            self.assertEqual(self._step(date(2027, 2, 3)), (0, 1))
        self.assertEqual(sum(first.direct_debit_payment_line_ids.mapped("amount_currency")), 150.0)

    def test_late_notice_moves_the_collection(self):
        """A pre-notification that can no longer be sent 14 days ahead moves the debit."""
        plan = self._consumer_plan()
        # The job did not run from 22 January: on the 27th, 14 days ahead is 10 February.
        self.assertEqual(self._step(date(2027, 1, 27)), (1, 0))
        first = plan.line_ids[0]
        self.assertEqual(first.direct_debit_date, date(2027, 2, 10))
        self.assertEqual(first.direct_debit_notified_for, date(2027, 2, 10))
        self.assertEqual(self._step(date(2027, 2, 5)), (0, 0))

    # ------------------------------------------------------------------ returns
    def test_am04_return_then_successful_retry(self):
        plan = self._consumer_plan()
        first = plan.line_ids[0]
        order = self._collect_first(plan)
        with freeze_time("2027-02-03"):
            self._pain(order)
            order.generated2uploaded()
        with freeze_time("2027-02-08"):
            plan.action_refresh()
            self.assertEqual(first.state, "paid")
            self._return(order, "AM04", date(2027, 2, 8))
        self.assertEqual(self.inv_old.amount_residual, 100.0, "OCA undid the payment")
        self.assertEqual(first.direct_debit_return_reason_id.code, "AM04")
        self.assertEqual(first.direct_debit_return_date, date(2027, 2, 8))
        self.assertEqual(first.state, "pending", "unpaid again, not late: presented again")
        self.assertEqual(plan.amount_paid, 0.0)
        self.assertEqual(first.direct_debit_retries, 1)
        # Presented again on the first date a new pre-notification allows, announced now.
        self.assertEqual(first.due_date, date(2027, 2, 22))
        self.assertEqual(first.direct_debit_state, "notified")
        self.assertEqual(first.direct_debit_notified_for, date(2027, 2, 22))
        self.assertEqual(len(self._mails(plan)), 2)
        inbound = plan.case_id.communication_ids.filtered(lambda c: c.direction == "inbound")
        self.assertEqual(len(inbound), 1)
        self.assertIn("AM04", inbound.summary)
        self.assertEqual(plan.state, "active")
        # Ordered again two business days before, with the same amounts, then paid.
        with freeze_time("2027-02-18"):
            self.assertEqual(self._step(date(2027, 2, 18)), (0, 1))
            retry_order = first.direct_debit_payment_line_ids.order_id - order
            self.assertEqual(retry_order.date_scheduled, date(2027, 2, 22))
            self.assertEqual(sum(retry_order.payment_line_ids.mapped("amount_currency")), 150.0)
            self._pain(retry_order)
            retry_order.generated2uploaded()
            plan.action_refresh()
        self.assertEqual(first.state, "paid")
        self.assertEqual(plan.amount_paid, 150.0)

    def test_second_am04_falls_to_the_default_rules(self):
        plan = self._consumer_plan()
        first = plan.line_ids[0]
        first.direct_debit_retries = 1  # already presented again once
        order = self._collect_first(plan)
        with freeze_time("2027-02-03"):
            self._pain(order)
            order.generated2uploaded()
        with freeze_time("2027-02-08"):
            self._return(order, "AM04", date(2027, 2, 8))
        self.assertEqual(first.direct_debit_state, "returned")
        self.assertEqual(first.due_date, date(2027, 2, 5))
        self.assertEqual(first.state, "late")
        self.assertTrue(plan.direct_debit, "the next instalments are still collected")
        self.assertIn("Direct debit returned", plan.activity_ids.mapped("summary"))

    def test_md01_ends_the_collections(self):
        plan = self._consumer_plan()
        order = self._collect_first(plan)
        with freeze_time("2027-02-03"):
            self._pain(order)
            order.generated2uploaded()
        with freeze_time("2027-02-08"):
            self._return(order, "MD01", date(2027, 2, 8))
        self.assertFalse(plan.direct_debit, "back to transfers")
        self.assertIn("MD01", plan.direct_debit_stop_reason)
        self.assertIn("Direct debit stopped", plan.activity_ids.mapped("summary"))
        self.assertEqual(plan.line_ids[0].direct_debit_state, "returned")
        self.assertEqual(set(plan.line_ids[1:].mapped("direct_debit_state")), {"stopped"})
        # Nothing is announced nor collected any more.
        self.assertEqual(self._step(date(2027, 2, 19)), (0, 0))
        self.assertEqual(self._step(date(2027, 3, 3)), (0, 0))

    def test_revoked_mandate_stops_the_collections(self):
        plan = self._consumer_plan()
        self._step(date(2027, 1, 22))
        self.consumer_mandate.cancel()
        self.assertEqual(self._step(date(2027, 2, 3)), (0, 0))
        self.assertFalse(plan.direct_debit)
        self.assertIn("revoked", plan.direct_debit_stop_reason)
        self.assertIn("Direct debit stopped", plan.activity_ids.mapped("summary"))

    def _ordered_first_debit(self):
        """A consumer plan whose first instalment is pre-notified and in a draft order."""
        plan = self._consumer_plan()
        self._step(date(2027, 1, 22))
        with freeze_time("2027-02-03"):
            self.assertEqual(self._step(date(2027, 2, 3)), (0, 1))
        first = plan.line_ids[0]
        return plan, first, first.direct_debit_payment_line_ids.order_id

    def test_cancelled_plan_is_taken_out_of_the_draft_order(self):
        """A plan cancelled after its instalment went into a draft order is not debited: the
        payment lines leave the order, the instalments are stopped."""
        plan, first, order = self._ordered_first_debit()
        self.assertEqual(order.state, "draft")
        self.assertEqual(len(order.payment_line_ids), 2)
        plan.with_user(self.collector).action_cancel()
        self.assertFalse(order.payment_line_ids)
        self.assertFalse(first.direct_debit_payment_line_ids)
        self.assertEqual(set(plan.line_ids.mapped("direct_debit_state")), {"stopped"})
        self.assertNotIn("Direct debit stopped", plan.activity_ids.mapped("summary"))
        with freeze_time("2027-03-03"):
            self.assertEqual(self._step(date(2027, 3, 3)), (0, 0))

    def test_revoked_mandate_names_the_confirmed_order(self):
        """A mandate revoked once the order is confirmed: the debit cannot be taken out here,
        the collector is told which order holds it."""
        plan, first, order = self._ordered_first_debit()
        order.draft2open()
        self.consumer_mandate.cancel()
        with freeze_time("2027-02-04"):
            self._step(date(2027, 2, 4))
        self.assertFalse(plan.direct_debit)
        self.assertEqual(first.direct_debit_state, "ordered")
        self.assertEqual(len(order.payment_line_ids), 2)
        activity = plan.activity_ids.filtered(lambda a: a.summary == "Direct debit stopped")
        self.assertIn(order.name, activity.note)
        self.assertIn("take it out before the file is sent", activity.note)

    def test_invoice_paid_otherwise_is_not_debited_again(self):
        """The debtor pays by transfer while the first debit (100.00 on the older invoice,
        50.00 on the newer) waits in a draft order: the order never collects more than an
        invoice still owes, and the debit leaves it once nothing is owed."""
        plan, first, order = self._ordered_first_debit()
        lines = order.payment_line_ids
        self.assertEqual(sorted(lines.mapped("amount_currency")), [50.0, 100.0])
        self._pay(self.inv_old)
        self.assertEqual(order.payment_line_ids.move_line_id.move_id, self.inv_new)
        self.assertEqual(order.payment_line_ids.amount_currency, 50.0)
        self.assertEqual(first.direct_debit_state, "ordered")
        self.assertIn("now collects", plan.message_ids[0].body)
        self._pay(self.inv_new, amount=790.0)  # 10.00 left: the debit collects 10.00
        self.assertEqual(order.payment_line_ids.amount_currency, 10.0)
        self._pay(self.inv_new)
        self.assertFalse(order.payment_line_ids)
        self.assertEqual(first.direct_debit_state, "stopped")
        self.assertIn("taken out of the draft direct debit order", plan.message_ids[0].body)

    def test_debit_paid_by_its_own_order_does_not_reduce_the_next_one(self):
        """The first debit's order is uploaded (OCA posts and matches its payment) while the
        next debit on the same invoice waits in a draft order, the invoice owing exactly
        both: the next debit keeps its amount (the posted one is not counted twice)."""
        plan, first, order = self._ordered_first_debit()
        second_order = order.copy({"date_scheduled": date(2027, 3, 5)})
        receivable = self.inv_new.line_ids.filtered(
            lambda line: line.account_type == "asset_receivable"
        )
        second = plan.line_ids[1]
        self.env["account.payment.line"].create(
            second._direct_debit_payment_line_vals(second_order, receivable.id, 150.0)
        )
        self._pay(self.inv_new, amount=600.0)  # 200.00 left: 50.00 + 150.00 debited
        self.assertEqual(second_order.payment_line_ids.amount_currency, 150.0)
        self._pain(order)
        with freeze_time("2027-02-04"):
            order.generated2uploaded()
        self.assertEqual(receivable.amount_residual, 150.0)
        self.assertEqual(second_order.payment_line_ids.amount_currency, 150.0)
        self.assertNotIn("Debit of an invoice paid otherwise", plan.activity_ids.mapped("summary"))

    def test_payment_of_one_invoice_leaves_a_confirmed_order_alone(self):
        """A confirmed order is the accountant's: a transfer does not change it, but the
        collector is asked to take the debit out before the file goes to the bank."""
        plan, first, order = self._ordered_first_debit()
        order.draft2open()

        def activity():
            return plan.activity_ids.filtered(
                lambda a: a.summary == "Debit of an invoice paid otherwise"
            )

        self._pay(self.inv_new, amount=100.0)  # 700.00 still owed: the 50.00 debit is fine
        self.assertFalse(activity())
        self._pay(self.inv_old)
        self.assertEqual(len(order.payment_line_ids), 2)
        self.assertEqual(first.direct_debit_state, "ordered")
        activity = activity()
        self.assertEqual(len(activity), 1)
        self.assertIn(order.name, activity.note)
        self.assertIn(self.inv_old.name, activity.note)
        self.assertNotIn(self.inv_new.name, activity.note)

    # ------------------------------------------------------------------ mandates
    def test_professional_b2b_mandate(self):
        mandate = self._mandate(self.debtor, "DE89370400440532013000", "B2B", signed=SIGNED)
        invoice = self._invoice(self.debtor, 1200.0, date(2026, 12, 15))
        with freeze_time("2027-01-05"):
            plan = self._dd_plan(invoice, mandate, count=3)
        self._step(date(2027, 1, 22))
        with freeze_time("2027-02-03"):
            self._step(date(2027, 2, 3))
            order = plan.line_ids[0].direct_debit_payment_line_ids.order_id
            root, ns, _xml = self._pain(order)
        info = root.find("p:CstmrDrctDbtInitn/p:PmtInf", namespaces=ns)
        self.assertEqual(info.findtext("p:PmtTpInf/p:LclInstrm/p:Cd", namespaces=ns), "B2B")
        self.assertEqual(info.findtext("p:DrctDbtTxInf/p:InstdAmt", namespaces=ns), "400.00")
        # A consumer cannot be debited under the B2B scheme.
        b2b = self._mandate(self.consumer, "FR7630001007941234567890185", "B2B", signed=SIGNED)
        with self.assertRaisesRegex(ValidationError, "CORE"):
            self._consumer_plan().mandate_id = b2b

    def test_collector_records_the_signed_paper_mandate(self):
        invoice = self._invoice(self.consumer, 300.0, date(2026, 12, 15))
        with freeze_time("2027-01-05"):
            plan = (
                self.env["debt.recovery.plan"]
                .with_user(self.collector)
                .create(
                    {
                        "partner_id": self.consumer.id,
                        "invoice_ids": [Command.set(invoice.ids)],
                        "instalment_count": 3,
                        "date_start": date(2027, 1, 5),
                        "first_due_date": date(2027, 2, 5),
                    }
                )
            )
            plan.action_generate_schedule()
            action = plan.action_record_mandate()
            Wizard = self.env[action["res_model"]].with_user(self.collector)
            wizard = Wizard.with_context(**action["context"]).create(
                {
                    "acc_number": "FR76 3000 4000 0312 3456 7890 143",
                    "scan": SCAN,
                    "signature_date": date(2027, 1, 4),
                }
            )
            self.assertEqual(wizard.acc_holder_name, "Jeanne Martin")
            with self.assertRaisesRegex(ValidationError, "B2B"):
                wizard.scheme = "B2B"
                wizard.action_record()
            wizard.scheme = "CORE"
            bad = Wizard.with_context(**action["context"]).create(
                {"acc_number": "FR76 3000 4000 0312 3456 7890 144", "scan": SCAN}
            )
            with self.assertRaisesRegex(ValidationError, "not a valid IBAN"):
                bad.action_record()
            wizard.action_record()
            plan.action_activate()
        mandate = plan.mandate_id
        self.assertTrue(plan.direct_debit)
        self.assertEqual(
            (mandate.state, mandate.scheme, mandate.signature_date),
            ("valid", "CORE", date(2027, 1, 4)),
        )
        self.assertEqual(
            mandate.partner_bank_id.sanitized_acc_number, "FR7630004000031234567890143"
        )
        self.assertEqual(mandate.partner_id, self.consumer)
        self.assertTrue(mandate.scan)

    def test_paper_mandate_scheme_defaults_to_the_policy(self):
        self.policy.direct_debit_professional_scheme = "B2B"
        invoices = {
            partner: self._invoice(partner, 300.0, date(2026, 12, 15))
            for partner in (self.debtor, self.consumer)
        }
        schemes = {}
        with freeze_time("2027-01-05"):
            for partner, invoice in invoices.items():
                plan = self.env["debt.recovery.plan"].create(
                    {
                        "partner_id": partner.id,
                        "invoice_ids": [Command.set(invoice.ids)],
                        "instalment_count": 3,
                        "date_start": date(2027, 1, 5),
                        "first_due_date": date(2027, 2, 5),
                    }
                )
                action = plan.action_record_mandate()
                wizard = (
                    self.env[action["res_model"]]
                    .with_user(self.collector)
                    .with_context(**action["context"])
                    .create({"acc_number": "FR7630004000031234567890143", "scan": SCAN})
                )
                schemes[partner.debt_recovery_debtor_type] = wizard.scheme
        self.assertEqual(schemes, {"professional": "B2B", "consumer": "CORE"})

    # ------------------------------------------------------------------ return fees
    def _public_body(self):
        return self.env["res.partner"].create(
            {
                "name": "Commune de Test",
                "is_company": True,
                "debt_recovery_debtor_type": "public",
                "email": "mairie@commune-de-test.example",
            }
        )

    def test_return_fee_reinvoiced_to_professionals_only(self):
        """Under a policy re-invoicing return fees, the professional whose debit is returned
        gets a draft invoice of the fee, linked to its instalment and logged on its case; the
        consumer and the public body whose debits are returned with it get none."""
        self.policy.direct_debit_return_fee = True
        product = self.env.ref("debt_recovery_sepa.product_direct_debit_return_fee")
        self.assertEqual(self.policy.direct_debit_return_fee_product_id, product)
        public = self._public_body()
        pro_mandate = self._mandate(self.debtor, "DE89370400440532013000", "B2B", signed=SIGNED)
        public_mandate = self._mandate(public, "FR7630001007941234567890185", signed=SIGNED)
        pro_invoice = self._invoice(self.debtor, 1200.0, date(2026, 12, 15))
        public_invoice = self._invoice(public, 600.0, date(2026, 12, 15))
        with freeze_time("2027-01-05"):
            pro_plan = self._dd_plan(pro_invoice, pro_mandate, count=3)
            public_plan = self._dd_plan(public_invoice, public_mandate, count=3)
        consumer_plan = self._consumer_plan()
        order = self._collect_first(consumer_plan)
        self.assertEqual(
            order.payment_line_ids.debt_recovery_plan_line_id.plan_id,
            pro_plan | public_plan | consumer_plan,
            "one order for the three debtors",
        )
        Move = self.env["account.move"]
        before = Move.search([("debt_recovery_return_fee_line_id", "!=", False)])
        with freeze_time("2027-02-03"):
            self._pain(order)
            order.generated2uploaded()
        with freeze_time("2027-02-08"):
            self._return(order, "MS02", date(2027, 2, 8))
        fees = Move.search([("debt_recovery_return_fee_line_id", "!=", False)]) - before
        self.assertEqual(len(fees), 1, "the professional only")
        self.assertEqual(fees.partner_id, self.debtor)
        self.assertEqual(fees.debt_recovery_return_fee_line_id, pro_plan.line_ids[0])
        self.assertEqual((fees.move_type, fees.state), ("out_invoice", "draft"))
        self.assertEqual(fees.invoice_origin, pro_plan.name)
        self.assertEqual(fees.invoice_line_ids.product_id, product)
        self.assertEqual(fees.amount_total, 20.0)
        self.assertIn("MS02", fees.invoice_line_ids.name)
        self.assertTrue(
            any("Return fee" in body for body in pro_plan.case_id.message_ids.mapped("body")),
            "logged on the case",
        )
        for plan in (public_plan, consumer_plan):
            self.assertFalse(
                any("Return fee" in b for b in plan.case_id.message_ids.mapped("body"))
            )
        # Without the policy's setting, nobody is charged.
        self.policy.direct_debit_return_fee = False
        with freeze_time("2027-02-18"):
            self.env["debt.recovery.plan.line"]._direct_debit_charge_return_fees(
                [(pro_plan.line_ids[0], self.env["payment.return.reason"], date(2027, 2, 8))],
                date(2027, 2, 18),
            )
        self.assertEqual(
            Move.search([("debt_recovery_return_fee_line_id", "!=", False)]) - before, fees
        )

    def test_activation_needs_a_valid_mandate(self):
        invoice = self._invoice(self.consumer, 300.0, date(2026, 12, 15))
        with freeze_time("2027-01-05"):
            plan = self.env["debt.recovery.plan"].create(
                {
                    "partner_id": self.consumer.id,
                    "invoice_ids": [Command.set(invoice.ids)],
                    "instalment_count": 3,
                    "date_start": date(2027, 1, 5),
                    "direct_debit": True,
                }
            )
            plan.action_generate_schedule()
            with self.assertRaisesRegex(UserError, "signed mandate"):
                plan.action_activate()
        self.assertEqual(plan.state, "draft")

    # ------------------------------------------------------------------ French
    def test_prenotification_in_french(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(
            ["debt_recovery_sepa"], ["fr_FR"], overwrite=True
        )
        self.consumer.lang = "fr_FR"
        plan = self._consumer_plan()
        self._step(date(2027, 1, 22))
        mail = self._mails(plan)
        self.assertIn("prélèvement", mail.subject)
        self.assertIn("sera prélevée sur votre compte le", mail.body_html)
        self.assertIn("05/02/2027", mail.body_html)
        self.assertIn("Référence du mandat", mail.body_html)
        self.assertIn("Identifiant créancier", mail.body_html)
        self.assertIn(CREDITOR_ID, mail.body_html)


@tagged("post_install", "-at_install")
class TestDirectDebitCompanies(DirectDebitCommon):
    """Orders never mix companies, and the daily step's queries stay bounded."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_b = cls.setup_other_company(name="Durand Services SAS")["company"]
        cls.company_b.write(
            {
                "country_id": cls.env.ref("base.fr").id,
                "street": "2 rue de la Paix",
                "zip": "75002",
                "city": "Paris",
                "company_registry": "RCS Paris 987 654 321",
                "debt_recovery_legal_form": "SAS au capital de 5 000 EUR",
                "debt_recovery_consumer_mediator_id": (
                    cls.company.debt_recovery_consumer_mediator_id.id
                ),
            }
        )
        cls.company_b.debt_recovery_policy_id = cls._create_policy(cls.company_b)
        cls._setup_direct_debit(cls.company_b)
        cls.env.user.company_ids = [Command.link(cls.company_b.id)]

    def _plans(self, count, company, first_due=date(2027, 2, 5)):
        plans = self.env["debt.recovery.plan"]
        for index in range(count):
            debtor = self.env["res.partner"].create(
                {
                    "name": f"Debtor {company.id}-{index}",
                    "email": f"d{index}@debtor.test",
                    "debt_recovery_debtor_type": "consumer",
                }
            )
            mandate = self._mandate(
                debtor,
                [
                    "FR1420041010050500013M02606",
                    "DE89370400440532013000",
                    "FR7630001007941234567890185",
                ][index % 3],
                company=company,
                signed=SIGNED,
            )
            invoices = self._invoice(debtor, 300.0, date(2026, 11, 30), company=company)
            invoices |= self._invoice(debtor, 300.0, date(2026, 12, 31), company=company)
            with freeze_time("2027-01-05"):
                plans |= self._dd_plan(invoices, mandate, count=3, first_due=first_due)
        return plans

    def test_one_order_per_company(self):
        plans = self._plans(2, self.company) | self._plans(2, self.company_b)
        self._step(date(2027, 1, 22))
        with freeze_time("2027-02-03"):
            self._step(date(2027, 2, 3))
        orders = plans.line_ids.direct_debit_payment_line_ids.order_id
        self.assertEqual(len(orders), 2)
        for order in orders:
            self.assertEqual(len(order.payment_line_ids.company_id), 1)
            self.assertEqual(order.payment_line_ids.company_id, order.company_id)
            self.assertEqual(order.payment_line_ids.move_line_id.company_id, order.company_id)
            self.assertEqual(order.payment_line_ids.mandate_id.company_id, order.company_id)
            self.assertEqual(len(order.payment_line_ids), 2)
            self.assertEqual(order.payment_mode_id.company_id, order.company_id)

    def test_queries_bounded_per_order_and_line(self):
        """The ordering step: a constant number of queries per order, and a small constant
        per payment line (OCA's sequence for each line's reference)."""
        first = self._plans(2, self.company)
        self._step(date(2027, 1, 22))
        with freeze_time("2027-02-03"):
            small = self._count_step(date(2027, 2, 3))
        second = self._plans(4, self.company, first_due=date(2027, 3, 5))
        self._step(date(2027, 2, 19))
        with freeze_time("2027-03-03"):
            large = self._count_step(date(2027, 3, 3))
        pay_lines = (first | second).line_ids.direct_debit_payment_line_ids
        self.assertEqual(len(pay_lines.order_id), 2)
        # 2 payment lines, then 8 (the second instalments pay two invoices each).
        counts = (small, large)
        self.assertLessEqual(large - small, 6 * (8 - 2), counts)
        self.assertLessEqual(small, 60, counts)

    def test_prenotification_queries_do_not_grow(self):
        """The pre-notification step: emails, communications and their invoice snapshots in
        bulk, the same number of queries for 2 plans as for 6."""
        first = self._plans(2, self.company)
        small = self._count_step(date(2027, 1, 22))
        # Due a week later: only these six are announced (the first two wait for their order).
        second = self._plans(6, self.company, first_due=date(2027, 2, 12))
        large = self._count_step(date(2027, 1, 29))
        comms = self.env["debt.recovery.communication"].search(
            [("partner_id", "in", (first | second).partner_id.ids), ("channel", "=", "email")]
        )
        self.assertEqual(len(comms), 8)
        self.assertEqual({len(comm.line_ids) for comm in comms}, {2}, "each with its two invoices")
        self.assertLessEqual(large, small + 3, (small, large))

    def _count_step(self, day):
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        self._step(day)
        self.env.flush_all()
        return self.env.cr.sql_log_count - before
