# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""One invoice assigned to a factor, and its buy-back (recours): the entries are its evidence.

Nobody writes an assignment through the ORM: :meth:`account.move._debt_recovery_factor_assign`
and :meth:`account.move._debt_recovery_factor_buy_back` create and close them, with their
entries, after checking who asks.
"""

from odoo import Command, api, fields, models

from ..engine import factoring
from .debt_recovery_factor import MODES

STATES = [("assigned", "Assigned"), ("bought_back", "Bought back")]


class DebtRecoveryFactorAssignment(models.Model):
    _name = "debt.recovery.factor.assignment"
    _description = "Invoice Assigned to a Factor"
    _order = "date desc, id desc"
    _check_company_auto = True

    invoice_id = fields.Many2one(
        "account.move", required=True, index=True, ondelete="restrict", readonly=True
    )
    partner_id = fields.Many2one(related="invoice_id.commercial_partner_id", string="Debtor")
    factor_id = fields.Many2one(
        "debt.recovery.factor", required=True, index=True, ondelete="restrict", readonly=True
    )
    mode = fields.Selection(MODES, required=True, readonly=True)
    company_id = fields.Many2one("res.company", required=True, index=True, readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    date = fields.Date(string="Assigned On", required=True, readonly=True)
    amount = fields.Monetary(string="Amount Assigned", readonly=True)
    move_id = fields.Many2one(
        "account.move", string="Assignment Entry", readonly=True, ondelete="restrict"
    )
    state = fields.Selection(STATES, required=True, default="assigned", readonly=True, index=True)
    buyback_date = fields.Date(string="Bought Back On", readonly=True)
    buyback_move_id = fields.Many2one(
        "account.move", string="Buy-back Entry", readonly=True, ondelete="restrict"
    )
    amount_collected = fields.Monetary(
        string="Collected for the Factor",
        readonly=True,
        help="Confidential: what the debtor paid the company on the invoice since its "
        "assignment, which the company holds for the factor (moved to the factor's account).",
    )
    amount_bought_back = fields.Monetary(
        string="Bought Back",
        readonly=True,
        help="What the company took back from the factor (recours): all of the amount "
        "assigned, or a part when the factor returned a part of the invoice.",
    )
    buyback_move_ids = fields.Many2many(
        "account.move",
        "debt_recovery_factor_assignment_buyback_rel",
        "assignment_id",
        "move_id",
        string="Buy-back Entries",
        readonly=True,
    )
    collection_move_ids = fields.Many2many(
        "account.move",
        "debt_recovery_factor_assignment_collection_rel",
        "assignment_id",
        "move_id",
        string="Collection Entries",
        readonly=True,
    )

    @api.model
    def _notified_by_debtor(self, partners, companies, lang=None):
        """{(commercial partner id, company id): [{"factor", "bank", "mention", "lines"}]}: the
        invoices of these debtors assigned under notified contracts and not bought back, by
        contract (one query). What the debtor is told: pay them to the factor."""
        # Printed for the debtor in its letter or on its page, which the caller checked:
        # invoice numbers, amounts and the factor's bank details only.
        assignments = self.sudo().search(
            [
                ("state", "=", "assigned"),
                ("mode", "=", "notified"),
                ("company_id", "in", companies.ids),
                ("invoice_id.commercial_partner_id", "in", partners.commercial_partner_id.ids),
            ],
            order="date, id",
        )
        grouped = {}
        for assignment in assignments:
            invoice = assignment.invoice_id
            key = (invoice.commercial_partner_id.id, assignment.company_id.id)
            grouped.setdefault(key, {}).setdefault(assignment.factor_id, []).append(
                {
                    "invoice": invoice,
                    "number": invoice.name,
                    "due_date": invoice.invoice_date_due,
                    "amount": assignment._amount_open(),
                }
            )
        return {
            key: [
                {
                    "factor": factor,
                    "bank": factor.bank_account_id,
                    "mention": factor.with_context(lang=lang).mention if lang else factor.mention,
                    "lines": lines,
                }
                for factor, lines in by_factor.items()
            ]
            for key, by_factor in grouped.items()
        }

    # ------------------------------------------------------------------ collections
    def _company_collects(self):
        """Whether the company collects this invoice for the factor: its contract says so and
        its entry left the debtor's receivable whole (an entry that settled the invoice, as
        confidential assignments were booked before the company collected them, is bought
        back as a notified one)."""
        self.ensure_one()
        return self.factor_id._company_collects() and not any(
            line.account_id.account_type == "asset_receivable" for line in self.move_id.line_ids
        )

    def _collect(self):
        """Confidential: move to the factor what the debtor paid the company since the
        assignment (or back, when a payment was unmatched): one entry per change, debit the
        factor's account for the debtor, credit it for the factor. Called as superuser after
        the invoice's payments changed (the entries follow the contract's accounts)."""
        todo = []
        for assignment in self.filtered(lambda a: a.state == "assigned" and a._company_collects()):
            invoice = assignment.invoice_id
            # Payments go to the factor's part first; the part bought back is the company's.
            amount = factoring.collection_change(
                assignment.amount - assignment.amount_bought_back,
                invoice.amount_residual_signed - assignment.amount_bought_back,
                assignment.amount_collected,
                assignment.currency_id.rounding,
            )
            if amount:
                todo.append((assignment, amount))
        if not todo:
            return self.browse()
        today = fields.Date.context_today(self)
        entries = self.env["account.move"].create(
            [
                assignment._contra_entry_values(
                    amount,
                    max(assignment.date, assignment._last_payment_date() or today)
                    if amount > 0
                    else max(assignment.date, today),
                    self.env._(
                        "%(invoice)s collected for %(factor)s",
                        invoice=assignment.invoice_id.name,
                        factor=assignment.factor_id.partner_id.name,
                    ),
                )
                for assignment, amount in todo
            ]
        )
        entries.action_post()
        for (assignment, amount), entry in zip(todo, entries, strict=True):
            assignment.write(
                {
                    "amount_collected": assignment.amount_collected + amount,
                    "collection_move_ids": [Command.link(entry.id)],
                }
            )
            assignment._match_contra()
        return self.browse([assignment.id for assignment, _amount in todo])

    def _last_payment_date(self):
        """The date of the invoice's latest matching, or None."""
        self.ensure_one()
        receivable = self.invoice_id.line_ids.filtered(
            lambda line: line.account_id.account_type == "asset_receivable"
        )
        dates = (receivable.matched_credit_ids + receivable.matched_debit_ids).mapped("max_date")
        return max(dates) if dates else None

    def _contra_entry_values(self, amount, date, label):
        """Confidential: debit the factor's account for the debtor (the invoice's assigned part
        no longer to collect) and credit it for the factor (what the factor no longer owes the
        company, or the company now owes it) by ``amount`` (negative: the other way)."""
        self.ensure_one()
        account, journal = self.factor_id._accounting()
        debtor = self.invoice_id.commercial_partner_id
        return {
            "move_type": "entry",
            "journal_id": journal.id,
            "company_id": self.company_id.id,
            "date": date,
            "ref": label,
            "line_ids": [
                Command.create(
                    {
                        "name": label,
                        "account_id": account.id,
                        "partner_id": partner.id,
                        "balance": balance,
                    }
                )
                for partner, balance in (
                    (debtor, amount),
                    (self.factor_id.partner_id, -amount),
                )
            ],
        }

    def _match_contra(self):
        """Match the debtor's lines of the factor's account of this confidential assignment
        (its credit, the collections' and buy-back's debits) when the account is reconcilable."""
        self.ensure_one()
        account = self.factor_id.account_id
        if not account.reconcile:
            return
        debtor = self.invoice_id.commercial_partner_id
        lines = (self.move_id + self.collection_move_ids + self.buyback_move_ids).line_ids.filtered(
            lambda line: line.account_id == account
            and line.partner_id == debtor
            and not line.reconciled
        )
        if lines.filtered(lambda line: line.balance > 0) and lines.filtered(
            lambda line: line.balance < 0
        ):
            lines.reconcile()

    # ------------------------------------------------------------------ buy-back
    def _amount_open(self):
        """What is still the factor's on the invoice: assigned, less what was bought back and
        (confidential) what the debtor paid the company."""
        self.ensure_one()
        return self.currency_id.round(self.amount - self.amount_bought_back - self.amount_collected)

    def _buy_back_entry_values(self, date, amount):
        """The reverse of the assignment entry for ``amount`` (all of it or a share), dated
        ``date``; confidential: the reverse of the debtor's and the factor's lines."""
        self.ensure_one()
        label = self.env._(
            "Buy-back of %(invoice)s from %(factor)s",
            invoice=self.invoice_id.name,
            factor=self.factor_id.partner_id.name,
        )
        if self._company_collects():
            return self._contra_entry_values(amount, date, label)
        account, journal = self.factor_id._accounting()
        receivable = self.move_id.line_ids.filtered(
            lambda line: line.account_id.account_type == "asset_receivable"
        )
        rounding = self.currency_id.rounding
        shares = factoring.scaled([-line.balance for line in receivable], amount, rounding)
        lines = [
            Command.create(
                {
                    "name": label,
                    "account_id": line.account_id.id,
                    "partner_id": line.partner_id.id,
                    "balance": share,
                    "currency_id": line.currency_id.id,
                    "amount_currency": line.currency_id.round(
                        -line.amount_currency * share / -line.balance
                    ),
                    "date_maturity": line.date_maturity,
                }
            )
            for line, share in zip(receivable, shares, strict=True)
        ]
        lines.append(
            Command.create(
                {
                    "name": label,
                    "account_id": account.id,
                    "partner_id": self.factor_id.partner_id.id,
                    "balance": -amount,
                }
            )
        )
        return {
            "move_type": "entry",
            "journal_id": journal.id,
            "company_id": self.company_id.id,
            "date": date,
            "ref": label,
            "line_ids": lines,
        }

    def _rematch(self, entry, full):
        """The invoice's matching with the assignment is undone (its other payments stay), the
        assignment's credit matched with the buy-back ``entry``'s debit first and with the
        invoice for what is still the factor's; the factor's account is settled when it is
        reconcilable and the invoice ``full``-y bought back. Confidential: the invoice was
        never matched; the debtor's lines of the factor's account are."""
        self.ensure_one()
        if self._company_collects():
            self._match_contra()
            return
        receivable = self.move_id.line_ids.filtered(
            lambda line: line.account_id.account_type == "asset_receivable"
        )
        receivable.matched_debit_ids.filtered(
            lambda partial: partial.debit_move_id.move_id == self.invoice_id
        ).unlink()
        for line in receivable:
            counterpart = entry.line_ids.filtered(
                lambda other, line=line: other.account_id == line.account_id
                and other.date_maturity == line.date_maturity
                and not other.reconciled
                and other.balance > 0
            )[:1]
            (line + counterpart).reconcile()
        open_items = self.invoice_id.line_ids.filtered(
            lambda line: line.account_id.account_type == "asset_receivable" and not line.reconciled
        )
        match_items(open_items, receivable.filtered(lambda line: not line.reconciled))
        if full and self.factor_id.account_id.reconcile:
            (self.move_id + self.buyback_move_ids).line_ids.filtered(
                lambda line: line.account_id == self.factor_id.account_id and not line.reconciled
            ).reconcile()


def match_items(items, counterparts):
    """Reconcile each receivable item with the open line of ``counterparts`` on its account
    and due date (one assignment or buy-back line per item)."""
    for item in items:
        counterpart = counterparts.filtered(
            lambda line, item=item: line.account_id == item.account_id
            and line.date_maturity == item.date_maturity
            and not line.reconciled
            and line.balance * item.balance < 0
        )[:1]
        if counterpart:
            (item + counterpart).reconcile()
