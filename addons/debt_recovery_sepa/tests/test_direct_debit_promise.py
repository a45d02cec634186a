# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import CREDITOR_ID, SCAN, DirectDebitCommon

SIGNED = date(2026, 11, 2)
IBAN = "FR1420041010050500013M02606"


@tagged("post_install", "-at_install")
class TestDirectDebitPromise(DirectDebitCommon):
    """A promise to pay collected by direct debit: announced, debited on the promised date
    against the promise's invoices, kept when OCA posts the payment, returns followed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.mandate = cls._mandate(cls.consumer, IBAN, signed=SIGNED)
        # Oldest first: 100.00 due in November, then 800.00 due in December.
        cls.inv_old = cls._invoice(cls.consumer, 100.0, date(2026, 11, 30), date(2026, 10, 31))
        cls.inv_new = cls._invoice(cls.consumer, 800.0, date(2026, 12, 31), date(2026, 12, 1))
        cls.env["debt.recovery.case"].with_context(tracking_disable=True)._cron_escalate_at(
            date(2027, 1, 4)
        )
        cls.case = cls.env["debt.recovery.case"].search([("partner_id", "=", cls.consumer.id)])

    def _promise(self, made="2027-01-05", promised=date(2027, 2, 5), amount=250.0):
        with freeze_time(made):
            return self.env["debt.recovery.promise"].create(
                {
                    "partner_id": self.consumer.id,
                    "case_id": self.case.id,
                    "amount": amount,
                    "date": promised,
                    "invoice_ids": [Command.set((self.inv_old | self.inv_new).ids)],
                    "direct_debit": True,
                    "mandate_id": self.mandate.id,
                }
            )

    def _mails(self, promise):
        return self.env["mail.mail"].search(
            [("model", "=", "debt.recovery.promise"), ("res_id", "=", promise.id)], order="id"
        )

    def _collect(self, promise, notify=date(2027, 1, 22), order=date(2027, 2, 3)):
        """Pre-notify, order, generate and upload the promise's debit: its order."""
        self._step(notify)
        with freeze_time(order):
            self._step(order)
            pay_order = promise.direct_debit_payment_line_ids.order_id
            self._pain(pay_order)
            pay_order.generated2uploaded()
        return pay_order

    def _refresh(self, promise, day):
        with freeze_time(day):
            promise._refresh_promises(promise, day)

    def test_promise_collected_and_kept(self):
        promise = self._promise()
        self.assertEqual(
            promise.direct_debit_mode_id, self.company.debt_recovery_sdd_payment_mode_id
        )
        self.assertEqual(self._step(date(2027, 1, 21)), (0, 0))
        self.assertEqual(self._step(date(2027, 1, 22)), (1, 0))
        self.assertEqual(
            (promise.direct_debit_state, promise.direct_debit_notified_for),
            ("notified", date(2027, 2, 5)),
        )
        mail = self._mails(promise)
        self.assertEqual(len(mail), 1)
        for text in ("250.00", "02/05/2027", self.mandate.unique_mandate_reference, CREDITOR_ID):
            self.assertIn(text, mail.body_html)
        comm = self.case.communication_ids.filtered(lambda c: c.mail_id == mail)
        self.assertEqual(
            (comm.channel, comm.direction, comm.amount_due), ("email", "outbound", 250.0)
        )
        self.assertEqual(comm.invoice_ids, self.inv_old | self.inv_new, "the invoice snapshot")
        self.assertIn("Pre-notification of direct debit", comm.summary)
        with freeze_time("2027-02-03"):
            self.assertEqual(self._step(date(2027, 2, 2)), (0, 0))
            self.assertEqual(self._step(date(2027, 2, 3)), (0, 1))
        pay_lines = promise.direct_debit_payment_line_ids
        order = pay_lines.order_id
        self.assertEqual(
            (order.state, order.date_scheduled, order.company_id),
            ("draft", date(2027, 2, 5), self.company),
        )
        # 250.00 over the receivable lines in the allocation order: the oldest invoice in full,
        # the next one in part.
        self.assertEqual(
            [(pl.move_line_id.move_id, pl.amount_currency) for pl in pay_lines.sorted("id")],
            [(self.inv_old, 100.0), (self.inv_new, 150.0)],
        )
        self.assertEqual(pay_lines.mandate_id, self.mandate)
        self.assertEqual(promise.direct_debit_state, "ordered")
        with freeze_time("2027-02-03"):
            root, ns, _xml = self._pain(order)
        self.assertEqual(
            root.findtext("p:CstmrDrctDbtInitn/p:GrpHdr/p:CtrlSum", namespaces=ns), "250.00"
        )
        info = root.find("p:CstmrDrctDbtInitn/p:PmtInf", namespaces=ns)
        self.assertEqual(info.findtext("p:ReqdColltnDt", namespaces=ns), "2027-02-05")
        self.assertEqual(info.findtext("p:DrctDbtTxInf/p:InstdAmt", namespaces=ns), "250.00")
        self.assertEqual(
            info.findtext("p:DrctDbtTxInf/p:DrctDbtTx/p:MndtRltdInf/p:MndtId", namespaces=ns),
            self.mandate.unique_mandate_reference,
        )
        self.assertEqual(promise.state, "open")
        with freeze_time("2027-02-04"):
            order.generated2uploaded()
        self._refresh(promise, date(2027, 2, 4))
        self.assertEqual((promise.state, promise.amount_paid), ("kept", 250.0))
        self.assertEqual((self.inv_old.amount_residual, self.inv_new.amount_residual), (0.0, 650.0))

    def test_late_notice_moves_the_promised_date(self):
        """Promised on 27 January for 5 February: the 14 days' notice moves the debit, and the
        promised date with it, to 10 February; the promise is not broken meanwhile."""
        promise = self._promise(made="2027-01-27")
        self.assertEqual(self._step(date(2027, 1, 27)), (1, 0))
        self.assertEqual(
            (promise.direct_debit_date, promise.date), (date(2027, 2, 10), date(2027, 2, 10))
        )
        self._refresh(promise, date(2027, 2, 8))
        self.assertEqual(promise.state, "open")

    def test_am04_then_successful_retry(self):
        promise = self._promise()
        order = self._collect(promise)
        self._refresh(promise, date(2027, 2, 5))
        self.assertEqual(promise.state, "kept")
        with freeze_time("2027-02-08"):
            self._return(order, "AM04", date(2027, 2, 8))
        self.assertEqual(self.inv_old.amount_residual, 100.0, "OCA undid the payment")
        self.assertEqual(
            (promise.state, promise.amount_paid, promise.direct_debit_retries),
            ("open", 0.0, 1),
        )
        self.assertEqual(promise.direct_debit_return_reason_id.code, "AM04")
        self.assertEqual(promise.direct_debit_return_date, date(2027, 2, 8))
        self.assertEqual(self.case.hold_reason, "promise", "the invoices are held again")
        # Presented again on the first date a new pre-notification allows, announced now.
        self.assertEqual(promise.date, date(2027, 2, 22))
        self.assertEqual(
            (promise.direct_debit_state, promise.direct_debit_notified_for),
            ("notified", date(2027, 2, 22)),
        )
        self.assertEqual(len(self._mails(promise)), 2)
        inbound = self.case.communication_ids.filtered(lambda c: c.direction == "inbound")
        self.assertEqual(len(inbound), 1)
        self.assertIn("AM04", inbound.summary)
        self.assertEqual(inbound.amount_due, 250.0)
        with freeze_time("2027-02-18"):
            self.assertEqual(self._step(date(2027, 2, 18)), (0, 1))
            retry_order = promise.direct_debit_payment_line_ids.order_id - order
            self.assertEqual(retry_order.date_scheduled, date(2027, 2, 22))
            self.assertEqual(sum(retry_order.payment_line_ids.mapped("amount_currency")), 250.0)
            self._pain(retry_order)
            retry_order.generated2uploaded()
        self._refresh(promise, date(2027, 2, 19))
        self.assertEqual((promise.state, promise.amount_paid), ("kept", 250.0))

    def test_second_am04_breaks_the_promise(self):
        promise = self._promise()
        promise.direct_debit_retries = 1  # already presented again once
        order = self._collect(promise)
        with freeze_time("2027-02-08"):
            self._return(order, "AM04", date(2027, 2, 8))
        self.assertEqual(promise.direct_debit_state, "returned")
        self.assertEqual((promise.state, promise.amount_paid), ("broken", 0.0))
        self.assertEqual(promise.date, date(2027, 2, 5))
        self.assertTrue(promise.direct_debit, "the mandate still holds")
        self.assertIn("Direct debit returned", self.case.activity_ids.mapped("summary"))

    def test_md01_ends_the_collections(self):
        promise = self._promise()
        order = self._collect(promise)
        with freeze_time("2027-02-08"):
            self._return(order, "MD01", date(2027, 2, 8))
        self.assertFalse(promise.direct_debit, "back to transfers")
        self.assertIn("MD01", promise.direct_debit_stop_reason)
        self.assertEqual(promise.state, "broken")
        self.assertIn("Direct debit stopped", self.case.activity_ids.mapped("summary"))
        self.assertEqual(self._step(date(2027, 2, 19)), (0, 0))

    def test_revoked_mandate_stops_the_promise_collection(self):
        promise = self._promise()
        self._step(date(2027, 1, 22))
        self.mandate.cancel()
        self.assertEqual(self._step(date(2027, 2, 3)), (0, 0))
        self.assertFalse(promise.direct_debit)
        self.assertEqual(promise.direct_debit_state, "stopped")
        self.assertIn("revoked", promise.direct_debit_stop_reason)
        self.assertFalse(promise.direct_debit_payment_line_ids)

    def test_cancelled_promise_is_taken_out_of_the_draft_order(self):
        promise = self._promise()
        self._step(date(2027, 1, 22))
        with freeze_time("2027-02-03"):
            self.assertEqual(self._step(date(2027, 2, 3)), (0, 1))
        order = promise.direct_debit_payment_line_ids.order_id
        self.assertEqual(order.state, "draft")
        promise.action_cancel()
        self.assertEqual(promise.state, "cancelled")
        self.assertFalse(order.payment_line_ids)
        self.assertEqual(promise.direct_debit_state, "stopped")

    def test_plan_and_promise_share_the_order(self):
        """A plan's instalment and a promise of the same debtor debited the same day: one
        order, each debit against its own invoices."""
        promise = self._promise(amount=850.0)
        with freeze_time("2027-01-05"):
            plan = self._dd_plan(
                self._invoice(self.consumer, 300.0, date(2026, 12, 15)), self.mandate, count=3
            )
        self._step(date(2027, 1, 22))
        with freeze_time("2027-02-03"):
            self.assertEqual(self._step(date(2027, 2, 3)), (0, 2))
        order = promise.direct_debit_payment_line_ids.order_id
        self.assertEqual(plan.line_ids[0].direct_debit_payment_line_ids.order_id, order)
        self.assertEqual(
            sorted(promise.direct_debit_payment_line_ids.mapped("amount_currency")), [100.0, 750.0]
        )
        self.assertEqual(sum(order.payment_line_ids.mapped("amount_currency")), 950.0)

    def test_collector_records_the_signed_paper_mandate(self):
        with freeze_time("2027-01-05"):
            promise = (
                self.env["debt.recovery.promise"]
                .with_user(self.collector)
                .create(
                    {
                        "partner_id": self.consumer.id,
                        "case_id": self.case.id,
                        "amount": 300.0,
                        "date": date(2027, 2, 5),
                        "invoice_ids": [Command.set(self.inv_new.ids)],
                    }
                )
            )
            action = promise.action_record_mandate()
            wizard = (
                self.env[action["res_model"]]
                .with_user(self.collector)
                .with_context(**action["context"])
                .create(
                    {
                        "acc_number": "FR76 3000 4000 0312 3456 7890 143",
                        "scan": SCAN,
                        "signature_date": date(2027, 1, 4),
                    }
                )
            )
            self.assertEqual((wizard.acc_holder_name, wizard.scheme), ("Jeanne Martin", "CORE"))
            wizard.action_record()
        mandate = promise.mandate_id
        self.assertTrue(promise.direct_debit)
        self.assertEqual(
            (mandate.state, mandate.scheme, mandate.signature_date, mandate.partner_id),
            ("valid", "CORE", date(2027, 1, 4), self.consumer),
        )
        self.assertTrue(mandate.scan)
        self.assertEqual(self._step(date(2027, 1, 22)), (1, 0))

    def test_professional_promise_return_fee_and_b2b(self):
        """A professional's promise on a B2B mandate, under a policy re-invoicing return fees:
        debited under B2B; refused (MS02), the promise is broken and the fee re-invoiced. A
        consumer's promise cannot use a B2B mandate."""
        self.policy.direct_debit_return_fee = True
        mandate = self._mandate(self.debtor, "DE89370400440532013000", "B2B", signed=SIGNED)
        invoice = self._invoice(self.debtor, 1200.0, date(2026, 12, 15))
        with freeze_time("2027-01-05"):
            promise = self.env["debt.recovery.promise"].create(
                {
                    "partner_id": self.debtor.id,
                    "amount": 700.0,
                    "date": date(2027, 2, 5),
                    "invoice_ids": [Command.set(invoice.ids)],
                    "direct_debit": True,
                    "mandate_id": mandate.id,
                }
            )
        self._step(date(2027, 1, 22))
        with freeze_time("2027-02-03"):
            self._step(date(2027, 2, 3))
            order = promise.direct_debit_payment_line_ids.order_id
            root, ns, _xml = self._pain(order)
            order.generated2uploaded()
        info = root.find("p:CstmrDrctDbtInitn/p:PmtInf", namespaces=ns)
        self.assertEqual(info.findtext("p:PmtTpInf/p:LclInstrm/p:Cd", namespaces=ns), "B2B")
        self.assertEqual(info.findtext("p:DrctDbtTxInf/p:InstdAmt", namespaces=ns), "700.00")
        with freeze_time("2027-02-08"):
            self._return(order, "MS02", date(2027, 2, 8))
        self.assertEqual((promise.state, promise.direct_debit_state), ("broken", "returned"))
        self.assertEqual(invoice.amount_residual, 1200.0)
        fee = self.env["account.move"].search(
            [("debt_recovery_return_fee_promise_id", "=", promise.id)]
        )
        self.assertRecordValues(
            fee,
            [
                {
                    "state": "draft",
                    "move_type": "out_invoice",
                    "partner_id": self.debtor.id,
                    "amount_total": 20.0,
                }
            ],
        )
        self.assertIn("MS02", fee.invoice_line_ids.name)
        self.assertIn("Direct debit returned", self.debtor.activity_ids.mapped("summary"))
        b2b = self._mandate(self.consumer, "FR7630001007941234567890185", "B2B", signed=SIGNED)
        with self.assertRaisesRegex(ValidationError, "CORE"):
            self._promise().mandate_id = b2b

    def test_promise_by_direct_debit_needs_its_invoices(self):
        with freeze_time("2027-01-05"), self.assertRaisesRegex(ValidationError, "invoices"):
            self.env["debt.recovery.promise"].create(
                {
                    "partner_id": self.consumer.id,
                    "amount": 100.0,
                    "date": date(2027, 2, 5),
                    "direct_debit": True,
                    "mandate_id": self.mandate.id,
                }
            )

    def test_one_query_when_nothing_is_paid_by_direct_debit(self):
        self.env["debt.recovery.plan"].search([("direct_debit", "=", True)]).direct_debit = False
        self.env.flush_all()
        before = self.env.cr.sql_log_count
        self.assertEqual(self._step(date(2027, 1, 22)), (0, 0))
        self.assertEqual(self.env.cr.sql_log_count - before, 1)
        promise = self._promise()
        self.env.flush_all()
        before = self.env.cr.sql_log_count
        self.assertEqual(self._step(date(2027, 1, 21)), (0, 0))
        self.assertGreater(self.env.cr.sql_log_count - before, 1, "a promise to follow")
        self.assertTrue(promise.direct_debit)
