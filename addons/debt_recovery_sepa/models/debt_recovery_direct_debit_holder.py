# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .debt_recovery_direct_debit_item import TO_COLLECT

# The field of the signed mandate wizard naming each kind of record paid by direct debit.
WIZARD_FIELDS = {"debt.recovery.plan": "plan_id", "debt.recovery.promise": "promise_id"}


class DebtRecoveryDirectDebitHolder(models.AbstractModel):
    """What the debtor agreed to pay by direct debit, on a mandate: an instalment plan or a
    promise to pay. Its collections are its items (``debt.recovery.direct.debit.item``)."""

    _name = "debt.recovery.direct.debit.holder"
    _description = "Paid by Direct Debit"

    direct_debit = fields.Boolean(
        string="Paid by Direct Debit",
        tracking=True,
        copy=False,
        help="Collected by SEPA direct debit on the debtor's mandate, each debit announced by "
        "a pre-notification.",
    )
    mandate_id = fields.Many2one(
        "account.banking.mandate",
        string="Direct Debit Mandate",
        tracking=True,
        copy=False,
        check_company=True,
        domain="[('partner_id.commercial_partner_id', '=', partner_id),"
        " ('state', '=', 'valid'), ('company_id', '=', company_id)]",
    )
    direct_debit_mode_id = fields.Many2one(
        "account.payment.mode",
        string="Direct Debit Mode",
        compute="_compute_direct_debit_mode_id",
        store=True,
        readonly=False,
        check_company=True,
        domain="[('payment_method_id.code', '=', 'sepa_direct_debit'),"
        " ('company_id', '=', company_id)]",
    )
    direct_debit_stop_reason = fields.Char(
        string="Direct Debit Stopped",
        readonly=True,
        copy=False,
        help="Why the collections by direct debit stopped: the debtor pays by transfer.",
    )

    @api.depends("direct_debit", "company_id")
    def _compute_direct_debit_mode_id(self):
        for holder in self:
            if holder.direct_debit and not holder.direct_debit_mode_id:
                holder.direct_debit_mode_id = holder.company_id.debt_recovery_sdd_payment_mode_id

    @api.constrains("direct_debit", "mandate_id", "partner_id", "state")
    def _check_direct_debit(self):
        for holder in self.filtered(lambda h: h.direct_debit and h._direct_debit_open()):
            mandate = holder.mandate_id
            if not mandate:
                continue
            debtor = holder.partner_id.commercial_partner_id
            if mandate.partner_id.commercial_partner_id != debtor:
                raise ValidationError(
                    self.env._(
                        "Mandate %(mandate)s is not a mandate of %(debtor)s.",
                        mandate=mandate.unique_mandate_reference,
                        debtor=holder.partner_id.display_name,
                    )
                )
            if mandate.scheme == "B2B" and debtor.debt_recovery_debtor_type == "consumer":
                raise ValidationError(
                    self.env._(
                        "A consumer cannot be debited under the B2B scheme: mandate %(mandate)s "
                        "must be a CORE mandate.",
                        mandate=mandate.unique_mandate_reference,
                    )
                )

    # ------------------------------------------------------------------ hooks
    def _direct_debit_open(self):
        """Whether the mandate of this record may still change (a draft or running record)."""
        raise NotImplementedError

    def _direct_debit_items(self):
        """The collections of these records (instalments of a plan, the promise itself)."""
        raise NotImplementedError

    def _direct_debit_policy(self):
        """The recovery policy deciding the scheme and the return fees of these debits."""
        raise NotImplementedError

    def _direct_debit_activity_target(self):
        """The record the collector's activities about these debits go on."""
        self.ensure_one()
        return self

    # ------------------------------------------------------------------ business
    def _direct_debit_check_ready(self):
        """Refuse to collect without a valid mandate, a direct debit mode and a creditor
        identifier."""
        self.ensure_one()
        if not self.mandate_id or self.mandate_id.state != "valid":
            raise UserError(
                self.env._(
                    "%(record)s is paid by direct debit: record the debtor's signed mandate "
                    "first (a valid mandate).",
                    record=self.display_name,
                )
            )
        if not self.direct_debit_mode_id:
            raise UserError(
                self.env._(
                    "%(record)s is paid by direct debit: choose its direct debit mode (or "
                    "set the company's in the settings).",
                    record=self.display_name,
                )
            )
        if not (
            self.direct_debit_mode_id.sepa_creditor_identifier
            or self.company_id.sepa_creditor_identifier
        ):
            raise UserError(
                self.env._(
                    "Set the SEPA creditor identifier of %(company)s before collecting by "
                    "direct debit.",
                    company=self.company_id.name,
                )
            )

    def _direct_debit_mandate_wizard_action(self):
        """The wizard recording the debtor's signed paper mandate for this record."""
        self.ensure_one()
        self.check_access("write")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Signed Mandate"),
            "res_model": "debt.recovery.mandate.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {f"default_{WIZARD_FIELDS[self._name]}": self.id},
        }

    def _direct_debit_withdraw(self):
        """Take the debits of these records out of the direct debit orders still in draft (a
        debit is not collected once its plan or promise is cancelled or its mandate revoked):
        they are stopped. Returns {record id: the orders already confirmed, generated or sent
        that still hold one of its debits} (no longer changed here: the accountant's)."""
        ordered = self._direct_debit_items().filtered(
            lambda item: item.direct_debit_state == "ordered"
        )
        lines = ordered.sudo().direct_debit_payment_line_ids
        drafts = lines.filtered(lambda line: line.order_id.state == "draft")
        left = lines - drafts
        # The job put them there as superuser; whoever may cancel the plan takes them out.
        drafts.unlink()
        ordered.filtered(
            lambda item: not (item.sudo().direct_debit_payment_line_ids & left)
        )._direct_debit_set_state("stopped")
        confirmed = {}
        for line in left:
            holder = line._debt_recovery_debits()[0]._direct_debit_holder()
            confirmed[holder.id] = confirmed.get(holder.id, line.order_id.browse()) | line.order_id
        return confirmed

    def _direct_debit_stop(self, reason, today):
        """Stop collecting these records by direct debit: they go back to transfers, their
        debits still in a draft order are taken out of it, the collector is told (an
        activity, naming the orders already confirmed that still hold one of their debits)."""
        holders = self.filtered("direct_debit")
        if not holders:
            return
        holders.write({"direct_debit": False, "direct_debit_stop_reason": reason})
        confirmed = holders._direct_debit_halt()
        for holder in holders:
            body = self.env._(
                "Collections by direct debit of %(record)s stopped (%(reason)s): it is paid by "
                "transfer from now on.",
                record=holder.display_name,
                reason=reason,
            )
            holder._direct_debit_tell(body, confirmed.get(holder.id), today)

    def _direct_debit_cancelled(self, today):
        """These records were cancelled: their debits are not collected (stopped, taken out of
        the draft orders); the collector is told only where one is in an order already
        confirmed."""
        holders = self.filtered("direct_debit")
        confirmed = holders._direct_debit_halt()
        for holder in holders.filtered(lambda h: h.id in confirmed):
            body = self.env._("%(record)s was cancelled.", record=holder.display_name)
            holder._direct_debit_tell(body, confirmed[holder.id], today)

    def _direct_debit_halt(self):
        """Stop the debits of these records still to collect and take those of draft orders
        out: {record id: orders already confirmed holding one of its debits}."""
        self._direct_debit_items().filtered(
            lambda item: item.direct_debit_state in TO_COLLECT
        )._direct_debit_set_state("stopped")
        return self._direct_debit_withdraw()

    def _direct_debit_tell(self, body, orders, today, summary=None):
        """Tell the collector (a message and an activity today, ``summary`` its title:
        "Direct debit stopped" by default) what happened to this record's debits, and which
        confirmed ``orders`` still hold one."""
        self.ensure_one()
        if orders:
            body += " " + self.env._(
                "Its debit is still in the confirmed direct debit order %(orders)s: take it "
                "out before the file is sent to the bank.",
                orders=", ".join(orders.mapped("name")),
            )
        self.message_post(body=body)
        self._direct_debit_activity_target().activity_schedule(
            activity_type_id=self.env.ref("mail.mail_activity_data_todo").id,
            date_deadline=today,
            summary=summary or self.env._("Direct debit stopped"),
            note=body,
            user_id=(self.user_id or self.env.user).id,
        )
