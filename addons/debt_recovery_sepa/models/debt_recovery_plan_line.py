# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
from collections import defaultdict

from odoo import Command, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_amount, format_date

from ..engine import collection

DIRECT_DEBIT_STATES = [
    ("planned", "Planned"),
    ("notified", "Pre-notified"),
    ("ordered", "In a direct debit order"),
    ("returned", "Returned"),
    ("retry", "Presented again"),
    ("stopped", "Stopped"),
]
# The instalments the daily step still has to announce or collect.
TO_COLLECT = ("planned", "notified", "retry")


class DebtRecoveryPlanLine(models.Model):
    _inherit = "debt.recovery.plan.line"

    direct_debit_state = fields.Selection(
        DIRECT_DEBIT_STATES, default="planned", readonly=True, copy=False, index=True
    )
    direct_debit_date = fields.Date(
        string="Collection Date",
        readonly=True,
        copy=False,
        help="Day the instalment is debited: its due date, or the next TARGET2 business day, "
        "later when the pre-notification was late, or the date of a retry.",
    )
    direct_debit_notified_for = fields.Date(
        string="Pre-notified For",
        readonly=True,
        copy=False,
        help="Collection date announced to the debtor by the last pre-notification.",
    )
    direct_debit_retries = fields.Integer(string="Retries", readonly=True, copy=False)
    direct_debit_return_reason_id = fields.Many2one(
        "payment.return.reason", string="Return Reason", readonly=True, copy=False
    )
    direct_debit_return_date = fields.Date(string="Returned On", readonly=True, copy=False)
    direct_debit_payment_line_ids = fields.One2many(
        "account.payment.line", "debt_recovery_plan_line_id", string="Debits", readonly=True
    )
    direct_debit_mandate_reference = fields.Char(
        related="plan_id.mandate_id.unique_mandate_reference", string="Mandate Reference"
    )
    direct_debit_creditor_identifier = fields.Char(
        string="Creditor Identifier", compute="_compute_direct_debit_creditor_identifier"
    )

    @api.depends("plan_id.direct_debit_mode_id", "plan_id.company_id")
    def _compute_direct_debit_creditor_identifier(self):
        for line in self:
            plan = line.plan_id
            line.direct_debit_creditor_identifier = (
                plan.direct_debit_mode_id.sepa_creditor_identifier
                or plan.company_id.sepa_creditor_identifier
            )

    # ------------------------------------------------------------------ state
    def _direct_debit_set_state(self, state, values=None):
        """The one place the direct debit state of instalments changes."""
        if self:
            self.write({"direct_debit_state": state, **(values or {})})

    # ------------------------------------------------------------------ daily step
    @api.model
    def _direct_debit_daily_step(self, today):
        """Announce and collect the instalments of plans paid by direct debit, set-based.

        Plans whose mandate was revoked or expired stop; each instalment still to collect
        gets today's step from the engine: its pre-notification (email in the debtor's
        language, logged as a communication), or its place in a draft direct debit order.
        """
        Plan = self.env["debt.recovery.plan"]
        plans = Plan.search([("state", "=", "active"), ("direct_debit", "=", True)])
        if not plans:
            # No plan paid by direct debit: one query for the whole step.
            return 0, 0
        stale = plans.filtered(lambda p: p.mandate_id.state in collection.MANDATE_STATES_STOPPING)
        for state, plans in stale.grouped(lambda p: p.mandate_id.state).items():
            reason = (
                self.env._("mandate revoked")
                if state == "cancel"
                else self.env._("mandate expired")
            )
            plans._direct_debit_stop(reason, today)
        lines = self.search(
            [
                ("plan_id.state", "=", "active"),
                ("plan_id.direct_debit", "=", True),
                ("plan_id.mandate_id.state", "=", "valid"),
                ("state", "!=", "paid"),
                ("direct_debit_state", "in", TO_COLLECT),
            ],
            order="plan_id, due_date, sequence, id",
        )
        to_notify = defaultdict(list)
        to_order = self.browse()
        for line in lines:
            plan = line.plan_id
            step = collection.daily_step(
                line.direct_debit_date or line.due_date,
                line.direct_debit_notified_for or None,
                today,
                plan.company_id.debt_recovery_sdd_notice_days,
                plan.direct_debit_mode_id.debt_recovery_lead_days,
            )
            if step.action == "notify":
                to_notify[step.collection_date].append(line.id)
            elif step.action == "order":
                to_order |= line
        notified = self.browse()
        for day, ids in to_notify.items():
            batch = self.browse(ids)
            batch.write({"direct_debit_date": day})
            notified |= batch
        notified._direct_debit_prenotify(today)
        to_order._direct_debit_put_in_orders(today)
        return len(notified), len(to_order)

    def _direct_debit_prenotify(self, today):
        """Email each instalment's pre-notification (amount, date, mandate reference,
        creditor identifier) and log it on the case, in bulk."""
        if not self:
            return
        template = self.env.ref("debt_recovery_sepa.mail_template_direct_debit_prenotification")
        mails = template.send_mail_batch(self.ids, force_send=False)
        vals_list = []
        for line, mail in zip(self, mails, strict=False):
            plan = line.plan_id
            vals_list.append(
                {
                    "partner_id": plan.partner_id.commercial_partner_id.id,
                    "case_id": plan.case_id.id,
                    "company_id": plan.company_id.id,
                    "channel": "email",
                    "direction": "outbound",
                    "state": "done",
                    "date": today,
                    "user_id": plan.user_id.id,
                    "summary": self.env._(
                        "Pre-notification of direct debit: instalment %(sequence)s of plan "
                        "%(plan)s, %(amount)s debited on %(date)s (mandate %(mandate)s).",
                        sequence=line.sequence,
                        plan=plan.name,
                        amount=format_amount(self.env, line.amount_due, plan.currency_id),
                        date=format_date(self.env, line.direct_debit_date),
                        mandate=plan.mandate_id.unique_mandate_reference,
                    ),
                    "amount_due": line.amount_due,
                    # The summary names the plan and its instalment: no snapshot of the
                    # invoices, whose lines would cost queries per communication.
                    "mail_id": mail.id,
                    "sent_date": fields.Datetime.now(),
                }
            )
        self.env["debt.recovery.communication"].with_context(tracking_disable=True).create(
            vals_list
        )
        # The pre-notification is the reminder of the instalment: no second one.
        for day, lines in self.grouped("direct_debit_date").items():
            lines._direct_debit_set_state(
                "notified", {"direct_debit_notified_for": day, "reminder_sent": True}
            )

    def _direct_debit_receivables(self):
        """{plan_id: [(move_line_id, amount still to collect)]} of the open receivable lines
        of these instalments' plans, in the allocation order: two queries for all."""
        plans = self.plan_id
        Line = self.env["account.move.line"]
        amls = Line.search_fetch(
            [
                ("move_id", "in", plans.invoice_ids.ids),
                ("account_type", "=", "asset_receivable"),
                ("parent_state", "=", "posted"),
                ("reconciled", "=", False),
                ("amount_residual", ">", 0),
            ],
            ["move_id", "date_maturity", "amount_residual"],
        )
        # Debits already in an order not yet posted still count against the lines.
        pending = dict(
            self.env["account.payment.line"]._read_group(
                [("move_line_id", "in", amls.ids), ("state", "in", ("draft", "open", "generated"))],
                ["move_line_id"],
                ["amount_currency:sum"],
            )
        )
        by_move = defaultdict(list)
        for aml in amls:
            by_move[aml.move_id.id].append(aml)
        result = {}
        for plan in plans:
            rows = collection.allocation_order(
                (aml.date_maturity or aml.move_id.invoice_date_due, aml.move_id.id, aml.id, aml)
                for move_id in plan.invoice_ids.ids
                for aml in by_move.get(move_id, [])
            )
            result[plan.id] = [
                (row[3].id, row[3].amount_residual - pending.get(row[3], 0.0)) for row in rows
            ]
        return result

    def _direct_debit_orders(self):
        """The draft direct debit orders of these instalments by (company, payment mode,
        collection date): those there already, and those created for the others (one
        query to find them, one to create them). Returns (orders, created, existing)."""
        Order = self.env["account.payment.order"]
        keys = {
            (line.company_id.id, line.plan_id.direct_debit_mode_id.id, line.direct_debit_date)
            for line in self
        }
        existing = Order.search(
            [
                ("state", "=", "draft"),
                ("debt_recovery_direct_debit", "=", True),
                ("payment_mode_id", "in", list({key[1] for key in keys})),
                ("date_scheduled", "in", list({key[2] for key in keys})),
            ]
        )
        orders = {
            (order.company_id.id, order.payment_mode_id.id, order.date_scheduled): order
            for order in existing
        }
        missing = sorted(keys - set(orders), key=lambda key: (key[0], key[1], key[2]))
        created = Order.create(
            [
                {
                    "payment_mode_id": mode_id,
                    "date_prefered": "fixed",
                    "date_scheduled": day,
                    "debt_recovery_direct_debit": True,
                    "description": self.env._("Instalments collected by direct debit"),
                }
                for _company_id, mode_id, day in missing
            ]
        )
        orders.update(zip(missing, created, strict=True))
        return orders, created, existing

    def _direct_debit_payment_line_vals(self, order, aml_id, share):
        """The payment line collecting ``share`` of receivable line ``aml_id`` for this
        instalment in ``order``."""
        plan = self.plan_id
        mandate = plan.mandate_id
        return {
            "order_id": order.id,
            "partner_id": plan.partner_id.commercial_partner_id.id,
            "partner_bank_id": mandate.partner_bank_id.id,
            "mandate_id": mandate.id,
            "move_line_id": aml_id,
            "currency_id": plan.currency_id.id,
            "amount_currency": share,
            "communication": self.env._(
                "%(invoice)s - %(plan)s instalment %(sequence)s",
                invoice=self.env["account.move.line"].browse(aml_id).move_id.name,
                plan=plan.name,
                sequence=self.sequence,
            ),
            "communication_type": "normal",
            "debt_recovery_plan_line_id": self.id,
        }

    def _direct_debit_put_in_orders(self, today):
        """Put these instalments in draft direct debit orders, one per company, payment mode
        and collection date, as payment lines against the plans' receivable lines in the
        allocation order (an instalment may pay part of an invoice). Queries: a constant
        number for all the orders, plus the payment lines' own creation."""
        if not self:
            return self.env["account.payment.order"]
        open_by_plan = self._direct_debit_receivables()
        orders, created, existing = self._direct_debit_orders()
        vals_list = []
        ordered = self.browse()
        for line in self.sorted(lambda ln: (ln.plan_id.id, ln.due_date, ln.sequence, ln.id)):
            plan = line.plan_id
            rows = open_by_plan[plan.id]
            shares = collection.split_amount(
                line.amount_due,
                [available for _aml_id, available in rows],
                plan.currency_id.rounding,
            )
            order = orders[
                (line.company_id.id, plan.direct_debit_mode_id.id, line.direct_debit_date)
            ]
            for index, ((aml_id, available), share) in enumerate(zip(rows, shares, strict=True)):
                if share <= 0:
                    continue
                rows[index] = (aml_id, available - share)
                vals_list.append(line._direct_debit_payment_line_vals(order, aml_id, share))
            if any(share > 0 for share in shares):
                ordered |= line
        self.env["account.payment.line"].create(vals_list)
        ordered._direct_debit_set_state("ordered")
        return created | existing

    # ------------------------------------------------------------------ returns
    @api.model
    def _direct_debit_returned(self, returns, today):
        """Follow the returned debits ``returns`` [(instalment, reason, return date)]: each
        instalment is marked returned with its reason, an inbound communication is logged,
        then the engine decides: present it again (AM04, with its own pre-notification),
        leave it to the plan's default rules (the collector gets an activity), or stop the
        collections (the plan goes back to transfers)."""
        retries, defaults, stops = self.browse(), [], defaultdict(list)
        Comm = self.env["debt.recovery.communication"].with_context(tracking_disable=True)
        comm_vals = []
        for line, reason, day in returns:
            plan = line.plan_id
            company = plan.company_id
            line._direct_debit_set_state(
                "returned",
                {"direct_debit_return_reason_id": reason.id, "direct_debit_return_date": day},
            )
            comm_vals.append(line._direct_debit_return_communication(reason, day))
            decision = collection.return_decision(
                reason.code,
                line.direct_debit_retries,
                company.debt_recovery_sdd_retries,
                max(day, today),
                company.debt_recovery_sdd_notice_days,
                plan.direct_debit_mode_id.debt_recovery_lead_days,
                plan.mandate_id.state,
            )
            if decision.action == "retry" and line._direct_debit_plan_retry(decision.retry_date):
                retries |= line
            elif decision.action == "stop":
                stops[plan].append(reason.display_name if reason else "")
            else:
                defaults.append((line, reason))
        Comm.create(comm_vals)
        plans = self.browse([item[0].id for item in returns]).plan_id
        # The return undid the payment: the instalments are unpaid again.
        self.env["debt.recovery.plan"]._refresh_plans(
            plans.filtered(lambda p: p.state == "active"), today
        )
        retries._direct_debit_prenotify(today)
        self._direct_debit_charge_return_fees(returns, today)
        for plan, reasons in stops.items():
            plan._direct_debit_stop(", ".join(r for r in reasons if r), today)
        for line, reason in defaults:
            line._direct_debit_return_activity(reason, today)

    def _direct_debit_return_communication(self, reason, day):
        """The inbound communication of this instalment's returned debit."""
        plan = self.plan_id
        amount = sum(
            self.direct_debit_payment_line_ids.filtered(lambda pl: pl.state == "uploaded").mapped(
                "amount_currency"
            )
        )
        return {
            "partner_id": plan.partner_id.commercial_partner_id.id,
            "case_id": plan.case_id.id,
            "company_id": plan.company_id.id,
            "channel": "other",
            "direction": "inbound",
            "state": "done",
            "date": day,
            "user_id": plan.user_id.id,
            "summary": self.env._(
                "Direct debit of %(amount)s for instalment %(sequence)s of plan "
                "%(plan)s returned by the bank: %(reason)s.",
                amount=format_amount(self.env, amount, plan.currency_id),
                sequence=self.sequence,
                plan=plan.name,
                reason=reason.display_name if reason else self.env._("no reason given"),
            ),
            "amount_due": amount,
        }

    def _direct_debit_return_activity(self, reason, today):
        """The collector's activity for a returned debit left to the plan's rules."""
        plan = self.plan_id
        plan.activity_schedule(
            activity_type_id=self.env.ref("mail.mail_activity_data_todo").id,
            date_deadline=today,
            summary=self.env._("Direct debit returned"),
            note=self.env._(
                "The debit of instalment %(sequence)s was returned (%(reason)s): it is "
                "unpaid and follows the plan's rules; contact the debtor.",
                sequence=self.sequence,
                reason=reason.display_name if reason else self.env._("no reason given"),
            ),
            user_id=(plan.user_id or self.env.user).id,
        )

    def _direct_debit_plan_retry(self, retry_date):
        """Present the instalment again on ``retry_date``: its due date moves there (the
        instalment is not late meanwhile). False when the plan's length forbids it."""
        self.ensure_one()
        try:
            with self.env.cr.savepoint():
                self._direct_debit_set_state(
                    "retry",
                    {
                        "due_date": max(self.due_date, retry_date),
                        "direct_debit_date": retry_date,
                        "direct_debit_retries": self.direct_debit_retries + 1,
                        "late_notice_sent": False,
                    },
                )
                self.flush_recordset()
        except ValidationError:
            return False
        return True

    @api.model
    def _direct_debit_return_fee_invoice(self, product, reason):
        """The draft customer invoice of the fee ``product`` for this instalment's returned
        debit."""
        plan = self.plan_id
        label = self.env._(
            "%(product)s: direct debit of instalment %(sequence)s of plan %(plan)s "
            "returned (%(reason)s)",
            product=product.display_name,
            sequence=self.sequence,
            plan=plan.name,
            reason=reason.display_name if reason else self.env._("no reason given"),
        )
        return (
            self.env["account.move"]
            .with_company(plan.company_id)
            .create(
                {
                    "move_type": "out_invoice",
                    "partner_id": plan.partner_id.commercial_partner_id.id,
                    "company_id": plan.company_id.id,
                    "invoice_origin": plan.name,
                    "debt_recovery_return_fee_line_id": self.id,
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "product_id": product.id,
                                "name": label,
                                "quantity": 1.0,
                                "price_unit": product.lst_price,
                            }
                        )
                    ],
                }
            )
        )

    def _direct_debit_charge_return_fees(self, returns, today):
        """Re-invoice the bank fee of each returned debit ``returns`` [(instalment, reason,
        return date)] where the engine says so (a professional debtor under a policy
        re-invoicing return fees): a draft customer invoice of the policy's fee product,
        linked to the instalment and its plan, left to the accountant to check and post, and
        logged on the case. Never for consumers or public bodies."""
        invoices = self.env["account.move"]
        for line, reason, _day in returns:
            plan = line.plan_id
            debtor = plan.partner_id.commercial_partner_id
            policy = plan._recovery_policy()
            if not policy:
                continue
            product = policy._direct_debit_return_fee_product().with_company(plan.company_id)
            if not collection.return_fee_charged(
                debtor.debt_recovery_debtor_type,
                policy.direct_debit_return_fee,
                product.lst_price if product else 0.0,
            ):
                continue
            invoice = line._direct_debit_return_fee_invoice(product, reason)
            invoices |= invoice
            body = self.env._(
                "Return fee of %(amount)s re-invoiced to the debtor for the returned direct "
                "debit of instalment %(sequence)s of plan %(plan)s: draft invoice to check and "
                "post.",
                amount=format_amount(self.env, invoice.amount_total, invoice.currency_id),
                sequence=line.sequence,
                plan=plan.name,
            )
            (plan.case_id or plan).message_post(body=body)
        return invoices
