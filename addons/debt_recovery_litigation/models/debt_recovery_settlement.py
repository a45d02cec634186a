# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.debt_recovery.models import evidence

from ..engine import litigation

# The debtor's signature of the agreement: written once, by the signing itself.
SIGNATURE_FIELDS = frozenset(
    {"signature", "signed_by", "signed_on", "signed_ip", "signed_agreement_id"}
)
AGREEMENT_REPORT = "debt_recovery_litigation.action_report_settlement_letter"
SETTLEMENT_STATES = [
    ("pending", "Pending"),
    ("paid", "Paid"),
    ("lapsed", "Lapsed"),
]


class DebtRecoverySettlement(models.Model):
    _name = "debt.recovery.settlement"
    _description = "Settlement of a Recovery Case for Less than Owed"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"
    _check_company_auto = True

    case_id = fields.Many2one(
        "debt.recovery.case", required=True, index=True, ondelete="cascade", check_company=True
    )
    company_id = fields.Many2one(related="case_id.company_id", store=True, index=True)
    partner_id = fields.Many2one(related="case_id.partner_id", store=True, string="Debtor")
    currency_id = fields.Many2one(related="case_id.currency_id")
    date = fields.Date(required=True, default=fields.Date.context_today, readonly=True)
    amount = fields.Monetary(string="Settled Amount", required=True, tracking=True)
    deadline = fields.Date(required=True, tracking=True)
    reason = fields.Char(
        required=True, help="Why the creditor accepts less (stated on the credit notes)."
    )
    state = fields.Selection(SETTLEMENT_STATES, default="pending", required=True, tracking=True)
    amount_owed = fields.Monetary(readonly=True, help="Principal and penalties owed that day.")
    amount_waived = fields.Monetary(readonly=True)
    waived_uninvoiced = fields.Monetary(string="Waived Penalties (not invoiced)", readonly=True)
    waived_penalties = fields.Monetary(string="Waived Penalty Invoices", readonly=True)
    waived_principal = fields.Monetary(readonly=True)
    line_ids = fields.One2many("debt.recovery.settlement.line", "settlement_id", readonly=True)
    amount_paid = fields.Monetary(compute="_compute_amount_paid")
    credit_note_ids = fields.Many2many("account.move", string="Credit Notes", readonly=True)
    # The debtor's signature of the agreement, when given electronically (else on paper).
    signature = fields.Image(readonly=True, copy=False, attachment=True, max_width=1024)
    signed_by = fields.Char(readonly=True, copy=False)
    signed_on = fields.Datetime(readonly=True, copy=False)
    signed_ip = fields.Char(string="Signed from IP", readonly=True, copy=False)
    signed_agreement_id = fields.Many2one(
        "ir.attachment",
        string="Signed Agreement",
        readonly=True,
        copy=False,
        help="The agreement as the debtor signed it, kept when signed.",
    )
    date_done = fields.Date(readonly=True)

    @api.depends("line_ids.residual", "line_ids.move_id.amount_residual")
    def _compute_amount_paid(self):
        for settlement in self:
            settlement.amount_paid = sum(
                line.residual - line.move_id.amount_residual for line in settlement.line_ids
            )

    @api.model_create_multi
    def create(self, vals_list):
        evidence.check_system_fields(
            self, {name for vals in vals_list for name in vals}, SIGNATURE_FIELDS
        )
        if not self.env.user.has_group("debt_recovery.group_debt_recovery_manager"):
            raise UserError(self.env._("Only a recovery manager can settle a case for less."))
        for vals in vals_list:
            case = self.env["debt.recovery.case"].browse(vals["case_id"])
            case.company_id._debt_recovery_check_mentions("settlement", case.partner_id)
            vals.update(self._split_values(case, vals))
        settlements = super().create(vals_list)
        for settlement in settlements:
            note = settlement._terms_text()
            settlement.case_id._transition(
                "on_hold", "settlement", note=note, until=settlement.deadline
            )
            settlement.case_id._log_litigation(note, settlement.date)
        return settlements

    @api.model
    def _split_values(self, case, vals):
        """Values of a settlement of ``case``: what is owed, what is waived and the lines."""
        if self.search_count([("case_id", "=", case.id), ("state", "=", "pending")]):
            raise UserError(self.env._("A settlement is already pending on this case."))
        today = fields.Date.context_today(self)
        if fields.Date.to_date(vals["deadline"]) < today:
            raise UserError(self.env._("The deadline of a settlement cannot be in the past."))
        moves = case._open_moves()
        if not moves:
            raise UserError(self.env._("Nothing is open on this case."))
        invoices = moves.filtered(lambda m: not m.debt_recovery_is_penalty)
        uninvoiced = invoices._debt_recovery_uninvoiced_penalties(today)
        lines = [
            litigation.SettlementLine(
                move.id,
                principal=0.0 if move.debt_recovery_is_penalty else move.amount_residual,
                penalties=move.amount_residual if move.debt_recovery_is_penalty else 0.0,
                uninvoiced=sum(uninvoiced.get(move.id, (0.0, 0.0))[:2]),
            )
            for move in moves
        ]
        try:
            split = litigation.settle(lines, vals["amount"], case.currency_id.rounding)
        except ValueError as error:
            raise UserError(
                self.env._(
                    "The settled amount must be positive, less than what is owed and at most "
                    "the open invoices and penalty invoices (penalties not invoiced can only be "
                    "waived; invoice them first to settle for more)."
                )
            ) from error
        return {
            "amount_owed": split.owed,
            "amount_waived": split.waived,
            "waived_uninvoiced": split.waived_uninvoiced,
            "waived_penalties": split.waived_penalties,
            "waived_principal": split.waived_principal,
            "line_ids": [
                Command.create(
                    {
                        "move_id": move.id,
                        "residual": move.amount_residual,
                        "waived": sum(split.per_line.get(move.id, (0.0, 0.0))),
                    }
                )
                for move in moves
            ],
        }

    def _terms_text(self):
        self.ensure_one()
        return self.env._(
            "Settlement: %(amount)s to pay by %(deadline)s instead of %(owed)s; %(waived)s "
            "waived once paid.",
            amount=self.currency_id.format(self.amount),
            deadline=self.deadline,
            owed=self.currency_id.format(self.amount_owed),
            waived=self.currency_id.format(self.amount_waived),
        )

    # ------------------------------------------------------------------ outcome
    @api.model
    def _refresh(self, today):
        """Pending settlements: paid ones are carried out, those past their deadline lapse."""
        self.search([("state", "=", "pending")])._refresh_records(today)

    def action_check_payment(self):
        self._refresh_records(fields.Date.context_today(self))
        return True

    def _refresh_records(self, today):
        for settlement in self.filtered(lambda s: s.state == "pending"):
            settlement._refresh_one(today)

    def _refresh_one(self, today):
        rounding = self.currency_id.rounding
        if self.amount_paid >= self.amount - rounding / 2:
            self._execute(today)
        elif self.deadline < today:
            self._lapse(today)

    def _lapse(self, today):
        self.write({"state": "lapsed", "date_done": today})
        note = self.env._("Settlement lapsed: unpaid on %s; recovery resumes.", self.deadline)
        self.case_id._log_litigation(note, today)
        if self.case_id.state == "on_hold" and self.case_id.hold_reason == "settlement":
            self.case_id.action_release_hold()

    def _execute(self, today):
        """The settled amount is paid: the waived share of each document, as the settlement
        states it (penalties first), is written off by a credit note (the document's taxes
        reversed in proportion to that share only), reconciled with the document. What the
        debtor paid in excess or short stays open as any payment would."""
        credit_notes = self.env["account.move"]
        for line in self.line_ids.filtered(lambda ln: ln.waived > 0):
            credit_notes |= line._write_off(today, self.reason)
        # A credit note left over (its document was paid in full) settles the other documents.
        left = (self.line_ids.move_id | credit_notes).line_ids.filtered(
            lambda ln: ln.account_id.account_type == "asset_receivable" and not ln.reconciled
        )
        if left.filtered(lambda ln: ln.balance > 0) and left.filtered(lambda ln: ln.balance < 0):
            left.reconcile()
        self.write(
            {
                "state": "paid",
                "date_done": today,
                "credit_note_ids": [Command.set(credit_notes.ids)],
            }
        )
        self.case_id._log_litigation(
            self.env._(
                "Settlement paid: %(waived)s written off (%(notes)s).",
                waived=self.currency_id.format(sum(credit_notes.mapped("amount_total"))),
                notes=", ".join(credit_notes.mapped("name")) or "-",
            ),
            today,
        )
        self.case_id._sync_state()

    def write(self, vals):
        evidence.check_system_fields(self, vals, SIGNATURE_FIELDS, SIGNATURE_FIELDS)
        return super().write(vals)

    def _sign(self, name, signature=None, proof=None):
        """The debtor signs the agreement (its recovery page): once, while it is pending. A
        typed full name is the signature; a drawn one is kept too when given. ``proof``
        (the page's request: time, IP) is kept with the agreement as signed."""
        self.ensure_one()
        name = (name or "").strip()
        if self.state != "pending" or self.signed_on:
            raise UserError(self.env._("This settlement cannot be signed any more."))
        if not name:
            raise UserError(self.env._("Type your full name to sign."))
        proof = proof or {}
        # Superuser: the debtor's signature is evidence, written by this action only, once.
        self.sudo().write(
            {
                "signature": signature or False,
                "signed_by": name,
                "signed_on": proof.get("datetime") or fields.Datetime.now(),
                "signed_ip": proof.get("ip") or False,
            }
        )
        self.sudo().signed_agreement_id = evidence.keep_rendered(
            self,
            AGREEMENT_REPORT,
            self.env._("Settlement agreement %s signed", self.partner_id.name),
        )
        self.case_id._log_litigation(
            self.env._("Settlement agreement signed by %s.", name), fields.Date.context_today(self)
        )

    def action_print(self):
        self.check_access("read")
        return self.env.ref(AGREEMENT_REPORT).report_action(self, config=False)


class DebtRecoverySettlementLine(models.Model):
    _name = "debt.recovery.settlement.line"
    _description = "Document of a Settlement"

    settlement_id = fields.Many2one(
        "debt.recovery.settlement", required=True, index=True, ondelete="cascade"
    )
    currency_id = fields.Many2one(related="settlement_id.currency_id")
    move_id = fields.Many2one("account.move", required=True, ondelete="restrict")
    is_penalty = fields.Boolean(related="move_id.debt_recovery_is_penalty")
    residual = fields.Monetary(help="Open on the day of the settlement.")
    waived = fields.Monetary(help="Share of the waived part, as agreed.")

    def _write_off(self, day, reason):
        """A posted credit note of the document's waived share, reconciled with it."""
        move = self.move_id
        amount = self.waived
        currency = move.currency_id
        products = move.invoice_line_ids.filtered(lambda ln: ln.display_type == "product")
        shares = litigation.credit_note_lines(
            amount, move.amount_total, products.mapped("price_subtotal"), currency.rounding
        )
        lines = [
            Command.create(
                {
                    "product_id": line.product_id.id,
                    "name": self.env._("Settlement, waived share of: %s", line.name or ""),
                    "quantity": 1,
                    "price_unit": share,
                    "account_id": line.account_id.id,
                    "tax_ids": [Command.set(line.tax_ids.ids)],
                }
            )
            for line, share in zip(products, shares, strict=True)
        ]
        refund = self.env["account.move"].create(
            {
                "move_type": "out_refund",
                "partner_id": move.partner_id.id,
                "company_id": move.company_id.id,
                "currency_id": currency.id,
                "invoice_date": day,
                "reversed_entry_id": move.id,
                "ref": self.env._(
                    "Settlement of %(invoice)s: %(reason)s", invoice=move.name, reason=reason
                ),
                "invoice_line_ids": lines,
            }
        )
        difference = currency.round(amount - refund.amount_total)
        if difference:
            # Rounding of the proportional lines: the last cent, without tax.
            refund.invoice_line_ids = [
                Command.create(
                    {
                        "name": self.env._("Rounding"),
                        "quantity": 1,
                        "price_unit": difference,
                        "account_id": refund.invoice_line_ids[:1].account_id.id,
                        "tax_ids": [Command.clear()],
                    }
                )
            ]
        refund.action_post()
        receivable = (move.line_ids | refund.line_ids).filtered(
            lambda ln: ln.account_id.account_type == "asset_receivable" and not ln.reconciled
        )
        if len(receivable.move_id) == 2:
            receivable.reconcile()
        return refund
