# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
from collections import defaultdict

from odoo import Command, api, fields, models
from odoo.tools import SQL, format_amount, format_date

from ..engine import collection

DIRECT_DEBIT_STATES = [
    ("planned", "Planned"),
    ("notified", "Pre-notified"),
    ("ordered", "In a direct debit order"),
    ("returned", "Returned"),
    ("retry", "Presented again"),
    ("stopped", "Stopped"),
]
# The debits the daily step still has to announce or collect.
TO_COLLECT = ("planned", "notified", "retry")
# The records collected by direct debit, by the record holding their mandate.
ITEM_MODELS = {
    "debt.recovery.plan": "debt.recovery.plan.line",
    "debt.recovery.promise": "debt.recovery.promise",
}


class DebtRecoveryDirectDebitItem(models.AbstractModel):
    """One debit to announce and collect: an instalment of a plan, or a promise to pay.

    The record holding the mandate (``_direct_debit_holder``: the plan, the promise itself)
    gives the debtor, the company, the direct debit mode and the invoices debited."""

    _name = "debt.recovery.direct.debit.item"
    _description = "Collected by Direct Debit"

    direct_debit_state = fields.Selection(
        DIRECT_DEBIT_STATES, default="planned", readonly=True, copy=False, index=True
    )
    direct_debit_date = fields.Date(
        string="Collection Date",
        readonly=True,
        copy=False,
        help="Day the amount is debited: its due date, or the next TARGET2 business day, "
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
    direct_debit_mandate_reference = fields.Char(
        string="Mandate Reference", compute="_compute_direct_debit_references"
    )
    direct_debit_creditor_identifier = fields.Char(
        string="Creditor Identifier", compute="_compute_direct_debit_references"
    )

    def _compute_direct_debit_references(self):
        for item in self:
            holder = item._direct_debit_holder()
            item.direct_debit_mandate_reference = holder.mandate_id.unique_mandate_reference
            item.direct_debit_creditor_identifier = (
                holder.direct_debit_mode_id.sepa_creditor_identifier
                or holder.company_id.sepa_creditor_identifier
            )

    # ------------------------------------------------------------------ hooks
    def _direct_debit_holder(self):
        """The records holding these debits' mandate (plans, or the promises themselves)."""
        raise NotImplementedError

    def _direct_debit_amount(self):
        """What this debit collects."""
        raise NotImplementedError

    def _direct_debit_planned_date(self):
        """The day this debit is due, before any move of its collection."""
        raise NotImplementedError

    def _direct_debit_label(self):
        """What this debit pays, in a sentence ("instalment 2 of plan ...")."""
        raise NotImplementedError

    @api.model
    def _direct_debit_to_collect_domain(self):
        """The debits the daily step announces or collects."""
        raise NotImplementedError

    def _direct_debit_send_notice(self, summary, today):
        """Send these debits' pre-notification email and log it (``summary(item)``)."""
        raise NotImplementedError

    def _direct_debit_reschedule(self, day):
        """Collect these debits on ``day`` (the date their pre-notification announces)."""
        self.write({"direct_debit_date": day})

    def _direct_debit_plan_retry(self, retry_date):
        """Present the debit again on ``retry_date``; False when that is not allowed."""
        raise NotImplementedError

    def _direct_debit_after_return(self, today):
        """Follow these debits' payments undone by their return."""
        raise NotImplementedError

    @api.model
    def _direct_debit_link_fields(self):
        """(field of a payment line, field of a fee invoice) naming such a debit."""
        raise NotImplementedError

    # ------------------------------------------------------------------ state
    def _direct_debit_set_state(self, state, values=None):
        """The one place the direct debit state of debits changes."""
        if self:
            self.write({"direct_debit_state": state, **(values or {})})

    # ------------------------------------------------------------------ daily step
    @api.model
    def _direct_debit_running_holders(self):
        """The plans and promises being collected by direct debit: one query for all."""
        Plan, Promise = self.env["debt.recovery.plan"], self.env["debt.recovery.promise"]
        Plan.flush_model(["state", "direct_debit"])
        Promise.flush_model(["state", "direct_debit"])
        rows = self.env.execute_query(
            SQL(
                """
                SELECT 'debt.recovery.plan', id FROM debt_recovery_plan
                 WHERE direct_debit AND state = 'active'
                 UNION ALL
                SELECT 'debt.recovery.promise', id FROM debt_recovery_promise
                 WHERE direct_debit AND state = 'open'
                """
            )
        )
        ids = defaultdict(list)
        for model, record_id in rows:
            ids[model].append(record_id)
        return [self.env[model].browse(record_ids) for model, record_ids in ids.items()]

    @api.model
    def _direct_debit_daily_step(self, today):
        """Announce and collect the instalments of plans and the promises paid by direct
        debit, set-based: (debits pre-notified, debits put in orders).

        Plans and promises whose mandate was revoked or expired stop; each debit still to
        collect gets today's step from the engine: its pre-notification (email in the
        debtor's language, logged as a communication), or its place in a draft direct debit
        order. Nothing paid by direct debit: one query."""
        notified = ordered = 0
        for holders in self._direct_debit_running_holders():
            stale = holders.filtered(
                lambda h: h.mandate_id.state in collection.MANDATE_STATES_STOPPING
            )
            for state, group in stale.grouped(lambda h: h.mandate_id.state).items():
                reason = (
                    self.env._("mandate revoked")
                    if state == "cancel"
                    else self.env._("mandate expired")
                )
                group._direct_debit_stop(reason, today)
            Item = self.env[ITEM_MODELS[holders._name]]
            items = Item.search(Item._direct_debit_to_collect_domain())
            to_notify, to_order = items._direct_debit_steps(today)
            to_notify._direct_debit_prenotify(today)
            to_order._direct_debit_put_in_orders(today)
            notified += len(to_notify)
            ordered += len(to_order)
        return notified, ordered

    def _direct_debit_steps(self, today):
        """(debits to pre-notify, rescheduled on their collection date; debits to order)."""
        to_notify = defaultdict(list)
        to_order = self.browse()
        for item in self:
            holder = item._direct_debit_holder()
            step = collection.daily_step(
                item.direct_debit_date or item._direct_debit_planned_date(),
                item.direct_debit_notified_for or None,
                today,
                collection.notice_days(
                    holder.company_id.debt_recovery_sdd_notice_days,
                    by_letter=not holder.partner_id.email,
                ),
                holder.direct_debit_mode_id.debt_recovery_lead_days,
            )
            if step.action == "notify":
                to_notify[step.collection_date].append(item.id)
            elif step.action == "order":
                to_order |= item
        notified = self.browse()
        for day, ids in to_notify.items():
            batch = self.browse(ids)
            batch._direct_debit_reschedule(day)
            notified |= batch
        return notified, to_order

    def _direct_debit_prenotify(self, today):
        """Give each debit's pre-notification (amount, date, mandate reference, creditor
        identifier): by email in the debtor's language, or by a letter the collector posts when
        the debtor has no email address; logged on the case with the invoices it concerns."""
        if not self:
            return
        by_letter = self.filtered(lambda item: not item._direct_debit_holder().partner_id.email)
        (self - by_letter)._direct_debit_send_notice(
            lambda item: item._direct_debit_notice_summary(), today
        )
        by_letter._direct_debit_notice_by_letter(today)
        for day, items in self.grouped("direct_debit_date").items():
            items._direct_debit_set_state("notified", {"direct_debit_notified_for": day})

    def _direct_debit_notice_summary(self):
        """What the pre-notification of this debit says."""
        self.ensure_one()
        return self.env._(
            "Pre-notification of direct debit: %(what)s, %(amount)s debited on %(date)s "
            "(mandate %(mandate)s, creditor identifier %(creditor)s).",
            what=self._direct_debit_label(),
            amount=format_amount(
                self.env, self._direct_debit_amount(), self._direct_debit_holder().currency_id
            ),
            date=format_date(self.env, self.direct_debit_date),
            mandate=self.direct_debit_mandate_reference,
            creditor=self.direct_debit_creditor_identifier,
        )

    def _direct_debit_notice_by_letter(self, today):
        """The pre-notifications of debtors without an email address: a letter to send, logged
        on the case with the invoices it concerns, and the collector's activity to print and
        post it (then mark it sent)."""
        if not self:
            return
        letters = self.env["debt.recovery.communication"]._create_notices(
            [
                (
                    item._direct_debit_holder(),
                    None,
                    item._direct_debit_notice_summary(),
                    item._direct_debit_amount(),
                )
                for item in self
            ],
            today,
            channel="letter",
        )
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        for item, letter in zip(self, letters, strict=True):
            holder = item._direct_debit_holder()
            holder._direct_debit_activity_target().activity_schedule(
                activity_type_id=activity_type.id,
                date_deadline=today,
                summary=self.env._("Pre-notification to post"),
                note=self.env._(
                    "The debtor has no email address: print and post this pre-notification "
                    "today, then mark the letter %(letter)s sent. %(notice)s",
                    letter=letter.display_name,
                    notice=letter.summary,
                ),
                user_id=(holder.user_id or self.env.user).id,
            )

    # ------------------------------------------------------------------ orders
    def _direct_debit_receivables(self):
        """{holder: [(move_line_id, amount still to collect)]} of the open receivable lines
        of these debits' invoices, in the allocation order: two queries for all."""
        holders = self._direct_debit_holder()
        amls = self.env["account.move.line"].search_fetch(
            [
                ("move_id", "in", holders.invoice_ids.ids),
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
        for holder in holders:
            rows = collection.allocation_order(
                (aml.date_maturity or aml.move_id.invoice_date_due, aml.move_id.id, aml.id, aml)
                for move_id in holder.invoice_ids.ids
                for aml in by_move.get(move_id, [])
            )
            result[holder] = [
                (row[3].id, row[3].amount_residual - pending.get(row[3], 0.0)) for row in rows
            ]
        return result

    def _direct_debit_order_key(self):
        """(company, payment mode, collection date): one direct debit order for each."""
        holder = self._direct_debit_holder()
        return (holder.company_id.id, holder.direct_debit_mode_id.id, self.direct_debit_date)

    def _direct_debit_orders(self):
        """The draft direct debit orders of these debits by (company, payment mode,
        collection date): those there already, and those created for the others (one query
        to find them, one to create them). Returns (orders, created, existing)."""
        Order = self.env["account.payment.order"]
        keys = {item._direct_debit_order_key() for item in self}
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
                    "description": self.env._("Debts collected by direct debit"),
                }
                for _company_id, mode_id, day in missing
            ]
        )
        orders.update(zip(missing, created, strict=True))
        return orders, created, existing

    def _direct_debit_payment_line_vals(self, order, aml_id, share):
        """The payment line collecting ``share`` of receivable line ``aml_id`` for this debit
        in ``order``."""
        holder = self._direct_debit_holder()
        mandate = holder.mandate_id
        return {
            "order_id": order.id,
            "partner_id": holder.partner_id.commercial_partner_id.id,
            "partner_bank_id": mandate.partner_bank_id.id,
            "mandate_id": mandate.id,
            "move_line_id": aml_id,
            "currency_id": holder.currency_id.id,
            "amount_currency": share,
            "communication": self.env._(
                "%(invoice)s - %(what)s",
                invoice=self.env["account.move.line"].browse(aml_id).move_id.name,
                what=self._direct_debit_label(),
            ),
            "communication_type": "normal",
            self._direct_debit_link_fields()[0]: self.id,
        }

    def _direct_debit_put_in_orders(self, today):
        """Put these debits in draft direct debit orders, one per company, payment mode and
        collection date, as payment lines against their receivable lines in the allocation
        order (a debit may pay part of an invoice). Queries: a constant number for all the
        orders, plus the payment lines' own creation."""
        if not self:
            return self.env["account.payment.order"]
        open_by_holder = self._direct_debit_receivables()
        orders, created, existing = self._direct_debit_orders()
        vals_list = []
        ordered = self.browse()
        for item in self.sorted(
            lambda it: (it._direct_debit_holder().id, it._direct_debit_planned_date(), it.id)
        ):
            holder = item._direct_debit_holder()
            rows = open_by_holder[holder]
            shares = collection.split_amount(
                item._direct_debit_amount(),
                [available for _aml_id, available in rows],
                holder.currency_id.rounding,
            )
            order = orders[item._direct_debit_order_key()]
            for index, ((aml_id, available), share) in enumerate(zip(rows, shares, strict=True)):
                if share <= 0:
                    continue
                rows[index] = (aml_id, available - share)
                vals_list.append(item._direct_debit_payment_line_vals(order, aml_id, share))
            if any(share > 0 for share in shares):
                ordered |= item
        self.env["account.payment.line"].create(vals_list)
        ordered._direct_debit_set_state("ordered")
        return created | existing

    # ------------------------------------------------------------------ returns
    @api.model
    def _direct_debit_returned(self, returns, today):
        """Follow the returned debits ``returns`` [(debit, reason, return date)]: each debit
        is marked returned with its reason, an inbound communication is logged, then the
        engine decides: present it again (AM04, with its own pre-notification), leave it to
        the default rules of its plan or promise (the collector gets an activity), or stop
        the collections (the debtor pays by transfer)."""
        returned, retries, defaults, stops = {}, {}, [], defaultdict(list)
        comm_vals = []
        for item, reason, day in returns:
            holder = item._direct_debit_holder()
            returned[item._name] = returned.get(item._name, item.browse()) | item
            item._direct_debit_set_state(
                "returned",
                {"direct_debit_return_reason_id": reason.id, "direct_debit_return_date": day},
            )
            comm_vals.append(item._direct_debit_return_communication(reason, day))
            decision = collection.return_decision(
                reason.code,
                item.direct_debit_retries,
                holder.company_id.debt_recovery_sdd_retries,
                max(day, today),
                holder.company_id.debt_recovery_sdd_notice_days,
                holder.direct_debit_mode_id.debt_recovery_lead_days,
                holder.mandate_id.state,
            )
            if decision.action == "retry" and item._direct_debit_plan_retry(decision.retry_date):
                retries[item._name] = retries.get(item._name, item.browse()) | item
            elif decision.action == "stop":
                stops[holder].append(reason.display_name if reason else "")
            else:
                defaults.append((item, reason))
        self.env["debt.recovery.communication"].with_context(tracking_disable=True).create(
            comm_vals
        )
        # The return undid the payment: the debits are unpaid again.
        for items in returned.values():
            items._direct_debit_after_return(today)
        for items in retries.values():
            items._direct_debit_prenotify(today)
        self._direct_debit_charge_return_fees(returns, today)
        for holder, reasons in stops.items():
            holder._direct_debit_stop(", ".join(r for r in reasons if r), today)
        for item, reason in defaults:
            item._direct_debit_return_activity(reason, today)

    def _direct_debit_return_communication(self, reason, day):
        """The inbound communication of this debit's return."""
        holder = self._direct_debit_holder()
        amount = sum(
            self.direct_debit_payment_line_ids.filtered(lambda pl: pl.state == "uploaded").mapped(
                "amount_currency"
            )
        )
        return {
            "partner_id": holder.partner_id.commercial_partner_id.id,
            "case_id": holder.case_id.id,
            "company_id": holder.company_id.id,
            "channel": "other",
            "direction": "inbound",
            "state": "done",
            "date": day,
            "user_id": holder.user_id.id,
            "summary": self.env._(
                "Direct debit of %(amount)s for %(what)s returned by the bank: %(reason)s.",
                amount=format_amount(self.env, amount, holder.currency_id),
                what=self._direct_debit_label(),
                reason=reason.display_name if reason else self.env._("no reason given"),
            ),
            "amount_due": amount,
            "invoice_ids": [Command.set(holder.invoice_ids.ids)],
        }

    def _direct_debit_return_activity(self, reason, today):
        """The collector's activity for a returned debit left to the default rules."""
        holder = self._direct_debit_holder()
        holder._direct_debit_activity_target().activity_schedule(
            activity_type_id=self.env.ref("mail.mail_activity_data_todo").id,
            date_deadline=today,
            summary=self.env._("Direct debit returned"),
            note=self.env._(
                "The debit of %(what)s was returned (%(reason)s): it is unpaid and follows "
                "the usual rules; contact the debtor.",
                what=self._direct_debit_label(),
                reason=reason.display_name if reason else self.env._("no reason given"),
            ),
            user_id=(holder.user_id or self.env.user).id,
        )

    # ------------------------------------------------------------------ return fees
    def _direct_debit_return_fee_invoice(self, product, reason):
        """The draft customer invoice of the fee ``product`` for this debit's return."""
        holder = self._direct_debit_holder()
        label = self.env._(
            "%(product)s: direct debit of %(what)s returned (%(reason)s)",
            product=product.display_name,
            what=self._direct_debit_label(),
            reason=reason.display_name if reason else self.env._("no reason given"),
        )
        return (
            self.env["account.move"]
            .with_company(holder.company_id)
            .create(
                {
                    "move_type": "out_invoice",
                    "partner_id": holder.partner_id.commercial_partner_id.id,
                    "company_id": holder.company_id.id,
                    "invoice_origin": holder.display_name,
                    self._direct_debit_link_fields()[1]: self.id,
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

    @api.model
    def _direct_debit_charge_return_fees(self, returns, today):
        """Re-invoice the bank fee of each returned debit ``returns`` [(debit, reason, return
        date)] where the engine says so (a professional debtor under a policy re-invoicing
        return fees): a draft customer invoice of the policy's fee product, linked to the
        debit, left to the accountant to check and post, and logged on the case. Never for
        consumers or public bodies."""
        invoices = self.env["account.move"]
        for item, reason, _day in returns:
            holder = item._direct_debit_holder()
            debtor = holder.partner_id.commercial_partner_id
            policy = holder._direct_debit_policy()
            if not policy:
                continue
            product = policy._direct_debit_return_fee_product().with_company(holder.company_id)
            if not collection.return_fee_charged(
                debtor.debt_recovery_debtor_type,
                policy.direct_debit_return_fee,
                product.lst_price if product else 0.0,
            ):
                continue
            invoice = item._direct_debit_return_fee_invoice(product, reason)
            invoices |= invoice
            body = self.env._(
                "Return fee of %(amount)s re-invoiced to the debtor for the returned direct "
                "debit of %(what)s: draft invoice to check and post.",
                amount=format_amount(self.env, invoice.amount_total, invoice.currency_id),
                what=item._direct_debit_label(),
            )
            (holder.case_id or holder).message_post(body=body)
        return invoices
