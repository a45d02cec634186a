# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Who owes what: professional, consumer and public debtors, insolvency, limitation."""

from datetime import date, timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools.misc import format_date

from .common import DebtRecoveryCommon


@tagged("post_install", "-at_install")
class TestRegimes(DebtRecoveryCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.public_body = cls.env["res.partner"].create(
            {
                "name": "Centre hospitalier de Valence",
                "is_company": True,
                "debt_recovery_debtor_type": "public",
                "lang": "en_US",
            }
        )

    # ------------------------------------------------------------------ debtor type
    def test_debtor_type_defaults_and_is_kept(self):
        self.assertEqual(self.debtor.debt_recovery_debtor_type, "professional")
        self.assertEqual(self.consumer.debt_recovery_debtor_type, "consumer")
        contact = self.env["res.partner"].create(
            {"name": "Paul Durand", "parent_id": self.debtor.id}
        )
        self.assertEqual(contact.debt_recovery_debtor_type, "professional")
        # Set once, never recomputed: a consumer who becomes a "company" stays a consumer.
        self.consumer.is_company = True
        self.assertEqual(self.consumer.debt_recovery_debtor_type, "consumer")
        # Shared by the contacts of the commercial entity.
        self.debtor.debt_recovery_debtor_type = "public"
        self.assertEqual(contact.debt_recovery_debtor_type, "public")

    def test_mass_edit_of_the_debtor_type(self):
        """The debtor type chooses the legal regime: a manager sets it, each change logged; a
        collector cannot."""
        values = {
            "partner_ids": [(6, 0, (self.debtor | self.consumer).ids)],
            "debtor_type": "public",
        }
        Wizard = self.env["debt.recovery.debtor.type.wizard"]
        before = (self.debtor | self.consumer).mapped("debt_recovery_debtor_type")
        with self.assertRaisesRegex(UserError, "Only a Debt Recovery Manager"):
            Wizard.with_user(self.collector).create(values).action_apply()
        self.assertEqual((self.debtor | self.consumer).mapped("debt_recovery_debtor_type"), before)
        Wizard.with_user(self.manager).create(values).action_apply()
        self.assertEqual(
            (self.debtor | self.consumer).mapped("debt_recovery_debtor_type"), ["public"] * 2
        )
        self.assertIn("Debtor type set to", self.consumer.message_ids[0].body)

    # ------------------------------------------------------------------ penalties
    def test_consumer_owes_nothing_before_the_formal_notice(self):
        """A consumer through the whole ladder: only legal interest, from the notice's receipt."""
        invoice = self._invoice(self.consumer, 1000.0, "2025-05-15", invoice_date="2025-04-15")
        Case = self.env["debt.recovery.case"]
        amounts = {}
        day = date(2025, 5, 10)
        while day <= date(2025, 8, 10):
            with freeze_time(day):
                Case._cron_escalate()
                case = self._case(self.consumer)
                for comm in case.communication_ids.filtered(lambda c, d=day: c.date == d):
                    if comm.state == "to_validate":
                        comm.with_user(self.manager).action_validate()
                        comm.action_mark_sent()
                        # The proof of receipt, as if already recorded (a later date).
                        comm.sudo().receipt_date = date(2025, 6, 17)
                    amounts[comm.level_id.name] = (comm.interest_amount, comm.indemnity_amount)
            day = date.fromordinal(day.toordinal() + 1)
        self.assertEqual(
            amounts,
            {
                "First reminder": (0.0, 0.0),
                "Firm reminder": (0.0, 0.0),
                "Call": (0.0, 0.0),
                "Formal notice": (0.0, 0.0),
                # 29 June: 18-29 June at 3.71 %; 14 July: 18-30 June and 1-14 July at 2.76 %.
                "Pre-litigation": (round(1000 * 0.0371 * 12 / 365, 2), 0.0),
                "Litigation": (round(1000 * (0.0371 * 13 + 0.0276 * 14) / 365, 2), 0.0),
            },
        )
        # From the day after the first presentation: 18-30 June at 3.71 % (legal rate H1
        # 2025), 1 July - 10 August at 2.76 % (H2 2025). Never the indemnity.
        penalties = invoice.compute_late_penalties(date(2025, 8, 10))
        expected = round(1000 * (0.0371 * 13 + 0.0276 * 41) / 365, 2)
        self.assertEqual(penalties, {"interest": expected, "indemnity": 0.0})

    def _sent_notice(self, partner, invoices, day, receipt):
        """A formal notice on ``invoices`` sent on ``day`` and first presented on ``receipt``."""
        Comm = self.env["debt.recovery.communication"]
        lines, totals = Comm._line_values(invoices, day, self.policy)
        notice = Comm.create(
            {
                "partner_id": partner.id,
                "company_id": self.company.id,
                "level_id": self.level_by_name["Formal notice"].id,
                "channel": "registered_letter",
                "direction": "outbound",
                "date": day,
                "invoice_ids": [Command.set(invoices.ids)],
                "line_ids": [Command.create(line) for line in lines],
                "state": "done",
                **totals,
            }
        )
        # The proof of receipt, as the system records it.
        notice.sudo().receipt_date = receipt
        return notice

    def _signed_plan(self, invoice, signed, count):
        """A plan of ``count`` monthly instalments on ``invoice``, signed on ``signed``."""
        plan = self.env["debt.recovery.plan"].create(
            {
                "partner_id": invoice.commercial_partner_id.id,
                "invoice_ids": [Command.set(invoice.ids)],
                "instalment_count": count,
                "date_start": signed,
                "first_due_date": date(signed.year, signed.month, 28),
            }
        )
        plan.action_generate_schedule()
        with freeze_time(signed):
            plan.action_activate()
        return plan

    def test_no_interest_while_a_consumers_plan_is_in_force(self):
        """Notice received 10 Jan 2025; plan signed 1 Mar 2025 (6 instalments, the last on 28
        Aug), terminated on 15 Jun 2025 after its default notice went without effect."""
        invoice = self._invoice(self.consumer, 1000.0, "2024-12-01", invoice_date="2024-11-01")
        self._sent_notice(self.consumer, invoice, date(2025, 1, 7), date(2025, 1, 10))
        plan = self._signed_plan(invoice, date(2025, 3, 1), 6)
        self.assertEqual(plan.line_ids[-1:].due_date, date(2025, 8, 28))
        # While it runs: only 11 Jan - 28 Feb (49 d at 3.71 %), whatever the day.
        before_plan = round(1000 * 0.0371 * 49 / 365, 2)
        for day in (date(2025, 3, 1), date(2025, 5, 31), date(2025, 6, 15)):
            self.assertEqual(invoice.compute_late_interest(day), before_plan, day)
        with freeze_time("2025-06-15"):
            plan._close("broken", date(2025, 6, 15))
        # Then 16 - 30 Jun at 3.71 % and 1 Jul - 30 Sep at 2.76 %: 13.46.
        expected = round(1000 * (0.0371 * 64 + 0.0276 * 92) / 365, 2)
        self.assertEqual(expected, 13.46)
        self.assertEqual(invoice.compute_late_interest(date(2025, 9, 30)), expected)
        periods = invoice._debt_recovery_penalties(date(2025, 9, 30))[invoice.id]["periods"]
        self.assertEqual(
            [(p.date_from, p.date_to) for p in periods],
            [
                (date(2025, 1, 11), date(2025, 2, 28)),
                (date(2025, 6, 16), date(2025, 6, 30)),
                (date(2025, 7, 1), date(2025, 9, 30)),
            ],
        )
        # The "Invoice penalties" action follows once the invoice is paid.
        self._pay(invoice, pay_date=date(2025, 9, 30))
        case = self._case(self.consumer)
        wizard = self.env["debt.recovery.penalty.invoice.wizard"]
        [line] = wizard._lines_for(case, date(2025, 9, 30))
        self.assertEqual((line["interest"], line["indemnity"]), (expected, 0.0))

    def test_a_consumers_plan_carried_to_its_last_instalment(self):
        """Kept to the end (28 May, the third instalment): interest runs again from 29 May
        on what is left, were anything left."""
        invoice = self._invoice(self.consumer, 1000.0, "2024-12-01", invoice_date="2024-11-01")
        self._sent_notice(self.consumer, invoice, date(2025, 1, 7), date(2025, 1, 10))
        self._signed_plan(invoice, date(2025, 3, 1), 3)
        # 11 Jan - 28 Feb and 29 May - 30 Jun: 49 + 33 days at 3.71 %.
        self.assertEqual(
            invoice.compute_late_interest(date(2025, 6, 30)),
            round(1000 * 0.0371 * 82 / 365, 2),
        )
        # A professional's plan changes nothing: penalties run from the due date.
        pro = self._invoice(self.debtor, 1000.0, "2025-01-31")
        self._signed_plan(pro, date(2025, 3, 1), 3)
        self.assertEqual(
            pro.compute_late_interest(date(2025, 4, 30)),
            round(1000 * (0.0315 + 0.10) * 89 / 365, 2),
        )

    def _penalty_invoice(self, case, day):
        with freeze_time(day):
            action = case.with_user(self.collector).action_invoice_penalties()
            wizard = self.env[action["res_model"]].browse(action["res_id"])
            result = wizard.with_user(self.collector).action_create_invoice()
        return self.env["account.move"].browse(result["res_id"])

    def test_penalty_invoice_states_when_interest_started(self):
        """A consumer's interest runs from the day after the formal notice's receipt (11 Jan
        2025), not from the due date; the line says so, in the debtor's language."""
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(["debt_recovery"], ["fr_FR"], True)
        self.consumer.lang = "fr_FR"
        invoice = self._invoice(self.consumer, 5000.0, "2024-12-01", invoice_date="2024-11-01")
        with freeze_time("2025-01-05"):
            self._run(date(2025, 1, 5))
        self._sent_notice(self.consumer, invoice, date(2025, 1, 7), date(2025, 1, 10))
        self._pay(invoice, pay_date=date(2025, 3, 31))
        case = self._case(self.consumer)
        first = self._penalty_invoice(case, "2025-04-30")
        self.assertEqual(
            first.invoice_line_ids.mapped("name"),
            [f"Intérêts de retard sur {invoice.name} du 11/01/2025 au 30/04/2025"],
        )
        # A professional's: from the day after the due date.
        pro = self._invoice(self.debtor, 1000.0, "2025-02-28", invoice_date="2025-01-29")
        with freeze_time("2025-03-05"):
            self._run(date(2025, 3, 5))
        self._pay(pro, pay_date=date(2025, 3, 31))
        line = self._penalty_invoice(self._case(self.debtor), "2025-04-30").invoice_line_ids[0]
        self.assertEqual(
            line.name, f"Late-payment interest on {pro.name} from 03/01/2025 to 04/30/2025"
        )

    def test_consumer_without_receipt_counts_the_postal_delay(self):
        invoice = self._invoice(self.consumer, 1000.0, "2025-05-15", invoice_date="2025-04-15")
        Case = self.env["debt.recovery.case"]
        day = date(2025, 5, 16)
        while day <= date(2025, 6, 14):
            with freeze_time(day):
                Case._cron_escalate()
            day = date.fromordinal(day.toordinal() + 1)
        notice = self._case(self.consumer).communication_ids.filtered(
            lambda c: c.state == "to_validate"
        )
        with freeze_time("2025-06-14"):
            notice.with_user(self.manager).action_validate()
            notice.action_mark_sent()
        # Sent 14 June + 3 days of postal delay: interest from 18 June.
        self.assertEqual(
            invoice.compute_late_interest(date(2025, 6, 30)),
            round(1000 * 0.0371 * 13 / 365, 2),
        )

    def test_contractual_consumer_rate_from_the_due_date(self):
        invoice = self._invoice(self.consumer, 1000.0, "2025-05-15")
        self.policy.write({"consumer_interest_rate": 5.0, "consumer_rate_from_due": True})
        self.assertEqual(
            invoice.compute_late_penalties(date(2025, 6, 14)),
            {"interest": round(1000 * 0.05 * 30 / 365, 2), "indemnity": 0.0},
        )

    def test_public_body_one_rate_for_the_whole_delay(self):
        invoice = self._invoice(self.public_body, 1000.0, "2023-07-20")
        # Received on 20 June 2023: the legal 30 days end on 20 July 2023.
        invoice.debt_recovery_received_date = date(2023, 6, 20)
        # ECB rate on 1 July 2023 (4.00 %) + 8 points, from 21 July 2023 into 2024.
        days = (date(2024, 3, 31) - date(2023, 7, 20)).days
        self.assertEqual(
            invoice.compute_late_penalties(date(2024, 3, 31)),
            {"interest": round(1000 * 0.12 * days / 365, 2), "indemnity": 40.0},
        )

    def test_professional_paid_late_keeps_its_penalties(self):
        invoice = self._invoice(self.debtor, 2000.0, "2025-02-28", invoice_date="2025-01-29")
        self._pay(invoice, 500.0, date(2025, 3, 10))
        self._pay(invoice, 1500.0, date(2025, 4, 30))
        self.assertEqual(invoice.payment_state, "paid")
        # 13.15 % (ECB 3.15 on 1 January 2025 + 10): 500 for 10 days, 1,500 for 61 days.
        expected = round((500 * 10 + 1500 * 61) * 0.1315 / 365, 2)
        self.assertEqual(
            invoice.compute_late_penalties(date(2025, 6, 1)),
            {"interest": expected, "indemnity": 40.0},
        )
        on_time = self._invoice(self.debtor, 100.0, "2025-03-31", invoice_date="2025-03-01")
        self._pay(on_time, pay_date=date(2025, 3, 20))
        self.assertEqual(
            on_time.compute_late_penalties(date(2025, 6, 1)), {"interest": 0.0, "indemnity": 0.0}
        )

    def test_credit_note_bears_no_interest(self):
        invoice = self._invoice(self.debtor, 1000.0, "2025-02-28", invoice_date="2025-01-29")
        refund = self.env["account.move"].create(
            {
                "move_type": "out_refund",
                "partner_id": self.debtor.id,
                "invoice_date": date(2025, 3, 20),
                "invoice_line_ids": [
                    Command.create(
                        {
                            "name": "Returned goods",
                            "price_unit": 400.0,
                            "tax_ids": [Command.clear()],
                        }
                    )
                ],
            }
        )
        refund.action_post()
        (invoice | refund).line_ids.filtered(
            lambda line: line.account_id.account_type == "asset_receivable"
        ).reconcile()
        days = (date(2025, 4, 30) - date(2025, 2, 28)).days
        self.assertEqual(
            invoice.compute_late_interest(date(2025, 4, 30)),
            round(600 * 0.1315 * days / 365, 2),
        )

    def test_invoice_penalties_once(self):
        invoice = self._invoice(self.debtor, 2000.0, "2025-02-28", invoice_date="2025-01-29")
        with freeze_time("2025-03-05"):
            self._run(date(2025, 3, 5))
        self._pay(invoice, pay_date=date(2025, 3, 31))
        case = self._case()
        expected = round(2000 * 0.1315 * 31 / 365, 2)
        with freeze_time("2025-06-01"):
            self.assertEqual(case.amount_penalties_uninvoiced, expected + 40.0)
            action = case.with_user(self.collector).action_invoice_penalties()
            wizard = self.env[action["res_model"]].browse(action["res_id"])
            result = wizard.with_user(self.collector).action_create_invoice()
            penalty = self.env["account.move"].browse(result["res_id"])
            self.assertTrue(penalty.debt_recovery_is_penalty)
            self.assertEqual(penalty.state, "draft")
            self.assertEqual(penalty.partner_id, self.debtor)
            self.assertEqual(penalty.invoice_line_ids.mapped("price_unit"), [expected, 40.0])
            self.assertFalse(penalty.invoice_line_ids.tax_ids, "no VAT on penalties")
            self.assertEqual(penalty.amount_total, expected + 40.0)
            self.assertIn(
                "Draft invoice of late-payment penalties", case.communication_ids[:1].summary or ""
            )
            # The same invoice and period are never invoiced twice.
            case.invalidate_recordset()
            self.assertEqual(case.amount_penalties_uninvoiced, 0.0)
            with self.assertRaises(UserError):
                case.action_invoice_penalties()
            # Cancelled, the penalty invoice gives its penalties back.
            penalty.button_cancel()
            case.invalidate_recordset()
            self.assertEqual(case.amount_penalties_uninvoiced, expected + 40.0)
        # A penalty invoice bears no penalties itself.
        penalty.button_draft()
        penalty.action_post()
        self.assertEqual(
            penalty.compute_late_penalties(date(2026, 6, 1)), {"interest": 0.0, "indemnity": 0.0}
        )

    def test_only_documented_costs_beyond_the_indemnities_are_claimed(self):
        """A flat fee is never claimed, whatever its box; a bailiff's invoice of 150 with its
        proof is, less the two invoices' indemnities (80): 70 on the formal notice; nothing
        from a consumer."""
        level = self.level_by_name["Formal notice"]
        level.write({"fee_amount": 30.0, "fee_justified": True})
        for debtor_type in ("professional", "public", "consumer"):
            self.assertEqual(level._fee_for(debtor_type), 0.0)
        self._invoice(self.debtor, 1000.0, "2025-05-15", invoice_date="2025-04-15")
        self._invoice(self.debtor, 500.0, "2025-05-20", invoice_date="2025-04-20")
        with freeze_time("2025-05-25"):
            self._run(date(2025, 5, 25))
        case = self._case()
        proof = self.env["ir.attachment"].create({"name": "huissier.pdf", "raw": b"%PDF-1.4"})
        case.cost_ids = [
            Command.create(
                {"name": "Commissaire de justice", "amount": 150.0, "attachment_ids": [proof.id]}
            ),
            Command.create({"name": "Phone calls", "amount": 60.0}),
        ]
        day = date(2025, 5, 26)
        while day <= date(2025, 6, 25):
            with freeze_time(day):
                self.env["debt.recovery.case"]._cron_escalate()
            day += timedelta(days=1)
        notice = case.communication_ids.filtered(lambda c: c.stage == "formal_notice")
        self.assertEqual(notice.indemnity_amount, 80.0)
        self.assertEqual(notice.fee_amount, 70.0)
        self.assertEqual(
            notice.amount_total,
            notice.amount_due + notice.interest_amount + 80.0 + 70.0,
        )
        earlier = case.communication_ids.filtered(lambda c: c.stage == "amicable")
        self.assertTrue(earlier)

    def test_missing_reference_rate_is_an_error(self):
        invoice = self._invoice(self.debtor, 1000.0, "2013-01-31", invoice_date="2013-01-01")
        with self.assertRaisesRegex(UserError, "ECB main refinancing rate"):
            invoice.compute_late_penalties(date(2013, 6, 1))

    # ------------------------------------------------------------------ insolvency
    def test_insolvency_stops_the_ladder_and_the_interest(self):
        invoice = self._invoice(self.debtor, 1000.0, "2025-03-01", invoice_date="2025-02-01")
        later = self._invoice(self.debtor, 500.0, "2025-05-01", invoice_date="2025-04-01")
        self._run(date(2025, 3, 10))
        case = self._case()
        self.debtor.write(
            {
                "debt_recovery_insolvency_date": date(2025, 4, 1),
                "debt_recovery_insolvency_type": "receivership",
            }
        )
        self.assertEqual(invoice.debt_recovery_exclusion_reason, "insolvency")
        self.assertEqual(later.debt_recovery_exclusion_reason, "insolvency")
        self.assertEqual((case.state, case.hold_reason), ("on_hold", "insolvency"))
        activity = case.activity_ids.filtered(lambda a: "Declare the claim" in a.summary)
        self.assertEqual(activity.date_deadline, date(2025, 6, 1))
        # Interest stops at the opening judgment; no indemnity for invoices due after it.
        self.assertEqual(
            invoice.compute_late_penalties(date(2025, 6, 30)),
            {"interest": round(1000 * 0.1315 * 31 / 365, 2), "indemnity": 40.0},
        )
        self.assertEqual(later.compute_late_penalties(date(2025, 6, 30))["indemnity"], 0.0)
        with self.assertRaises(UserError):
            case.with_user(self.manager).action_release_hold()
        with self.assertRaises(UserError):
            invoice.with_user(self.manager).action_debt_recovery_release()
        self._run(date(2025, 6, 30))
        self.assertEqual((case.state, case.hold_reason), ("on_hold", "insolvency"))

    # ------------------------------------------------------------------ limitation
    def test_limitation_warning_then_time_barred(self):
        invoice = self._invoice(self.debtor, 800.0, "2020-01-10", invoice_date="2019-12-10")
        self.assertEqual(invoice.debt_recovery_limitation_date, date(2025, 1, 10))
        self._run(date(2024, 9, 1))
        case = self._case()
        self.assertFalse(case.activity_ids.filtered(lambda a: "time-barred" in a.summary))
        self._run(date(2024, 11, 1))
        warning = case.activity_ids.filtered(lambda a: "time-barred" in a.summary)
        self.assertEqual(len(warning), 1)
        self._run(date(2024, 11, 2))
        self.assertEqual(len(case.activity_ids.filtered(lambda a: "time-barred" in a.summary)), 1)
        self._run(date(2025, 1, 11))
        self.assertEqual(invoice.debt_recovery_exclusion_reason, "time_barred")
        with self.assertRaises(UserError):
            invoice.action_debt_recovery_release()
        # A time-barred claim is out of recovery for good: nothing left to claim, the case
        # closes.
        self.assertEqual(case.state, "closed")

    def test_limitation_restarted_by_a_payment(self):
        invoice = self._invoice(self.consumer, 800.0, "2024-01-10", invoice_date="2023-12-10")
        self.assertEqual(invoice.debt_recovery_limitation_date, date(2025, 12, 10))
        self._pay(invoice, 100.0, date(2025, 3, 1))
        invoice.invalidate_recordset()
        self.assertEqual(invoice.debt_recovery_limitation_date, date(2027, 3, 1))
        self.public_body.debt_recovery_debtor_type = "public"
        public = self._invoice(self.public_body, 800.0, "2024-01-10")
        self.assertEqual(public.debt_recovery_limitation_date, date(2028, 12, 31))

    def test_consumer_limitation_counts_from_the_delivery(self):
        """Two years from the completion of the work (10 October 2024), not from the invoice
        (15 November 2024)."""
        invoice = self._invoice(self.consumer, 800.0, "2024-12-15", invoice_date="2024-11-15")
        self.assertEqual(invoice.debt_recovery_limitation_date, date(2026, 11, 15))
        invoice.delivery_date = date(2024, 10, 10)
        self.assertEqual(invoice.debt_recovery_limitation_date, date(2026, 10, 10))
        with freeze_time("2026-10-11"):
            self._run(date(2026, 10, 11))
        self.assertEqual(invoice.debt_recovery_exclusion_reason, "time_barred")

    def test_public_body_interest_from_the_legal_period_after_receipt(self):
        """A hospital (50 days) received on 3 March 2025 an invoice whose own terms say 30
        days: interest runs from 23 April, the case says the terms disagree. Without a
        recorded receipt: the invoice date plus the postal delay (3 days)."""
        self.public_body.debt_recovery_public_kind = "health"
        invoice = self._invoice(self.public_body, 1000.0, "2025-03-31", invoice_date="2025-03-01")
        invoice.debt_recovery_received_date = date(2025, 3, 3)
        periods = invoice._debt_recovery_penalties(date(2025, 5, 22))[invoice.id]["periods"]
        self.assertEqual(periods[0].date_from, date(2025, 4, 23))
        self.assertEqual(
            invoice.compute_late_interest(date(2025, 5, 22)), round(1000 * 0.1115 * 30 / 365, 2)
        )
        with freeze_time("2025-04-05"):
            self._run(date(2025, 4, 5))
        case = self._case(self.public_body)
        self.assertEqual(
            case.public_terms_warning,
            f"{invoice.name}: due on {format_date(self.env, date(2025, 3, 31))} by its terms, on "
            f"{format_date(self.env, date(2025, 4, 22))} by the legal payment period from its "
            "receipt",
        )
        # A contract of 20 days and no recorded receipt: 1 March + 3 days + 20 days.
        self.public_body.write(
            {
                "debt_recovery_public_kind": "administration",
                "debt_recovery_public_contract_days": 20,
            }
        )
        invoice.debt_recovery_received_date = False
        periods = invoice._debt_recovery_penalties(date(2025, 4, 30))[invoice.id]["periods"]
        self.assertEqual(periods[0].date_from, date(2025, 3, 25))

    def test_public_body_limitation_counts_from_the_delivery_year(self):
        """Loi 68-1250: four years from 1 January after the year of the service, not of the
        due date: delivered in December 2023, due in January 2024."""
        self.public_body.debt_recovery_debtor_type = "public"
        public = self._invoice(self.public_body, 800.0, "2024-01-19", invoice_date="2023-12-20")
        public.delivery_date = date(2023, 12, 20)
        self.assertEqual(public.debt_recovery_limitation_date, date(2027, 12, 31))
        # The daily job reads the same date: on 1 January 2028 the invoice is time-barred.
        Move = self.env["account.move"]
        rows = public._debt_recovery_rows()
        self.assertEqual(
            Move._debt_recovery_limitation_dates(rows, until=date(2028, 1, 1)),
            {public.id: date(2027, 12, 31)},
        )

    # ------------------------------------------------------------------ country
    def test_default_policy_follows_the_country(self):
        Company = self.env["res.company"]
        french = Company.create(
            {"name": "Atelier Lyonnais", "country_id": self.env.ref("base.fr").id}
        )
        american = Company.create({"name": "Acme Inc.", "country_id": self.env.ref("base.us").id})
        self.assertEqual(french.debt_recovery_policy_id.interest_mode, "legal")
        self.assertEqual(french.debt_recovery_policy_id.indemnity_amount, 40.0)
        self.assertEqual(
            french.debt_recovery_policy_id.level_ids.mapped("stage").count("formal_notice"), 1
        )
        policy = american.debt_recovery_policy_id
        self.assertEqual((policy.interest_mode, policy.indemnity_amount), ("none", 0.0))
        self.assertNotIn("formal_notice", policy.level_ids.mapped("stage"))

    def test_formal_notice_deadline_from_the_expected_receipt(self):
        self._invoice(self.debtor, 1000.0, "2025-05-15", invoice_date="2025-04-15")
        Case = self.env["debt.recovery.case"]
        day = date(2025, 5, 16)
        while day <= date(2025, 6, 14):
            with freeze_time(day):
                Case._cron_escalate()
            day = date.fromordinal(day.toordinal() + 1)
        notice = self._case().communication_ids.filtered(lambda c: c.state == "to_validate")
        with freeze_time("2025-06-16"):
            notice.with_user(self.manager).action_validate()
            # Dated 16 June: expected on the 19th (3 days by post), 8 days to pay.
            self.assertEqual(notice.response_date, date(2025, 6, 27))
        with freeze_time("2025-06-18"):
            notice.action_mark_sent()
        self.assertEqual(notice.response_date, date(2025, 6, 29))
        notice._record_receipt(date(2025, 6, 20))
        self.assertEqual(notice.response_date, date(2025, 6, 28))

    def test_amounts_at_each_letter_of_the_french_ladder(self):
        """EUR 1,000 due 15 May 2025, never paid, through the shipped French ladder: what each
        letter claims from a professional, a public body and a consumer."""
        policy = (
            self.env.ref("debt_recovery.policy_default")
            .sudo()
            .copy({"company_id": self.company.id, "name": "French ladder"})
        )
        policy.signatory_id = self.env.user  # a mandatory mention of the formal notice
        self.company.debt_recovery_policy_id = policy
        debtors = {
            "professional": self.debtor,
            "public": self.public_body,
            "consumer": self.consumer,
        }
        for partner in debtors.values():
            invoice = self._invoice(partner, 1000.0, "2025-05-15", invoice_date="2025-04-15")
            # The public body received it on 15 April: its legal 30 days end on 15 May too.
            invoice.debt_recovery_received_date = date(2025, 4, 15)
        claimed = self._claimed_day_by_day(debtors, date(2025, 5, 9), date(2025, 7, 15))

        def professional(days_h1, days_h2):
            return round(1000 * (0.1315 * days_h1 + 0.1215 * days_h2) / 365, 2)

        def consumer(days_h1, days_h2):  # legal rate from 18 June (sent 14 June + 3 days)
            return round(1000 * (0.0371 * days_h1 + 0.0276 * days_h2) / 365, 2)

        letters = {  # level: (day, days late in H1 2025, days late in H2 2025)
            "First reminder": (date(2025, 5, 18), 3, 0),
            "Firm reminder": (date(2025, 5, 25), 10, 0),
            "Phone call": (date(2025, 6, 4), 20, 0),
            "Formal notice": (date(2025, 6, 14), 30, 0),
            "Pre-litigation review": (date(2025, 6, 29), 45, 0),
            "Litigation": (date(2025, 7, 14), 46, 14),
        }
        consumer_days = {"Pre-litigation review": (12, 0), "Litigation": (13, 14)}
        for level, (_day, h1, h2) in letters.items():
            self.assertEqual(claimed["professional"][level], (professional(h1, h2), 40.0))
            self.assertEqual(
                claimed["public"][level],
                (round(1000 * 0.1115 * (h1 + h2) / 365, 2), 40.0),
            )
            self.assertEqual(
                claimed["consumer"][level], (consumer(*consumer_days.get(level, (0, 0))), 0.0)
            )

    def _claimed_day_by_day(self, debtors, first, last):
        """{regime: {level: (interest, indemnity + fee)}} of the letters the daily job sends
        ``debtors`` ({regime: partner}) from ``first`` to ``last``, formal notices validated
        and sent the day they are proposed."""
        Case = self.env["debt.recovery.case"]
        claimed = {regime: {} for regime in debtors}
        day = first
        while day <= last:
            with freeze_time(day):
                Case._cron_escalate()
                for regime, partner in debtors.items():
                    case = self._case(partner)
                    for comm in case.communication_ids.filtered(lambda c, d=day: c.date == d):
                        if comm.state == "to_validate":
                            comm.with_user(self.manager).action_validate()
                            comm.action_mark_sent()
                        claimed[regime][comm.level_id.name] = (
                            comm.interest_amount,
                            comm.indemnity_amount + comm.fee_amount,
                        )
            day = date.fromordinal(day.toordinal() + 1)
        return claimed

    def test_indemnity_is_forty_euros_in_any_currency(self):
        euro = self.env.ref("base.EUR")
        self.assertNotEqual(self.currency, euro, "the test company keeps books in another currency")
        euro.active = True
        self.env["res.currency.rate"].create(
            [
                {
                    "currency_id": euro.id,
                    "name": "2025-01-01",
                    "rate": 0.9,
                    "company_id": self.company.id,
                },
                {
                    "currency_id": euro.id,
                    "name": "2025-06-01",
                    "rate": 0.8,
                    "company_id": self.company.id,
                },
            ]
        )
        invoice = self._invoice(self.debtor, 1000.0, "2025-05-15")
        # Owed on 16 May 2025, at that day's rate: 1 EUR = 1 / 0.9 of the company currency.
        self.assertEqual(
            invoice.compute_late_penalties(date(2025, 8, 1))["indemnity"],
            self.currency.round(40.0 / 0.9),
        )

    def test_mediation_suspends_the_limitation_period(self):
        invoice = self._invoice(self.debtor, 800.0, "2020-01-10", invoice_date="2019-12-10")
        with freeze_time("2024-06-01"):
            self._run(date(2024, 6, 1))
            case = self._case()
            case._transition("on_hold", "mediation", note="Médiateur des entreprises")
        with freeze_time("2024-07-01"):
            case.action_release_hold()
        invoice.invalidate_recordset()
        # 1 June - 1 July 2024: 31 days of mediation added to 10 January 2025.
        self.assertEqual(invoice.debt_recovery_limitation_date, date(2025, 2, 10))

    def test_six_months_run_again_after_a_mediation(self):
        """A claim ending on 10 August 2024, a mediation from 1 June to 1 July 2024: not the
        10 September (31 days later) but 1 January 2025, six months after the mediation's
        end (C. civ. 2238 al. 2); the daily job holds nothing in between."""
        invoice = self._invoice(self.debtor, 800.0, "2019-08-10", invoice_date="2019-07-10")
        with freeze_time("2024-06-01"):
            self._run(date(2024, 6, 1))
            case = self._case()
            case._transition("on_hold", "mediation", note="Médiateur des entreprises")
        with freeze_time("2024-07-01"):
            case.action_release_hold()
        invoice.invalidate_recordset()
        self.assertEqual(invoice.debt_recovery_limitation_date, date(2025, 1, 1))
        with freeze_time("2024-09-15"):
            self._run(date(2024, 9, 15))
        self.assertNotEqual(invoice.debt_recovery_exclusion_reason, "time_barred")
        with freeze_time("2025-01-02"):
            self._run(date(2025, 1, 2))
        self.assertEqual(invoice.debt_recovery_exclusion_reason, "time_barred")
