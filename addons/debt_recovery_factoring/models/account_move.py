# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Invoices assigned to a factor: the assignment and buy-back entries, and what changes for
the ladder (nothing to claim, no penalty: they are the factor's) and for the debtor (notified:
pay the factor)."""

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import format_amount

from ..engine import factoring
from .debt_recovery_factor_assignment import match_items

MANAGER_GROUP = "debt_recovery.group_debt_recovery_manager"


class AccountMove(models.Model):
    _inherit = "account.move"

    debt_recovery_factor_assignment_ids = fields.One2many(
        "debt.recovery.factor.assignment", "invoice_id", string="Factoring History"
    )
    debt_recovery_factor_id = fields.Many2one(
        "debt.recovery.factor",
        string="Assigned To",
        compute="_compute_debt_recovery_factor",
        store=True,
        index="btree_not_null",
        help="The factoring contract the invoice is assigned to, until it is bought back.",
    )
    debt_recovery_factor_mode = fields.Selection(
        related="debt_recovery_factor_id.mode", string="Factoring Mode"
    )
    debt_recovery_factored_date = fields.Date(
        string="Assigned On", compute="_compute_debt_recovery_factor", store=True
    )
    debt_recovery_bought_back_date = fields.Date(
        string="Bought Back On", compute="_compute_debt_recovery_factor", store=True
    )

    @api.depends(
        "debt_recovery_factor_assignment_ids.state",
        "debt_recovery_factor_assignment_ids.buyback_date",
    )
    def _compute_debt_recovery_factor(self):
        for move in self:
            assignments = move.debt_recovery_factor_assignment_ids.sorted(
                lambda a: (a.date, a.id), reverse=True
            )
            current = assignments.filtered(lambda a: a.state == "assigned")[:1]
            move.debt_recovery_factor_id = current.factor_id
            move.debt_recovery_factored_date = current.date
            move.debt_recovery_bought_back_date = False if current else assignments[:1].buyback_date

    # ------------------------------------------------------------------ the ladder
    # EXTENDS debt_recovery
    def _debt_recovery_rows(self):
        rows = super()._debt_recovery_rows()
        # Read with the rows' own columns (same prefetch): no query more.
        factored = {move.id for move in self.sudo() if move.debt_recovery_factor_id}
        for row in rows:
            row["factored"] = row["id"] in factored
        return rows

    # EXTENDS debt_recovery
    @api.model
    def _debt_recovery_penalties_of_rows(
        self, rows, at_date, policy=None, policies=None, with_periods=True
    ):
        """An assigned invoice bears no penalty for the company: they belong to the factor."""
        if not any(row.get("factored") for row in rows):
            return super()._debt_recovery_penalties_of_rows(
                rows, at_date, policy, policies, with_periods
            )
        own = [row for row in rows if not row.get("factored")]
        result = super()._debt_recovery_penalties_of_rows(
            own, at_date, policy, policies, with_periods
        )
        for row in rows:
            if row.get("factored"):
                result[row["id"]] = {"interest": 0.0, "indemnity": 0.0, "periods": ()}
        return result

    # EXTENDS account
    def _post(self, soft=True):
        posted = super()._post(soft=soft)
        invoices = posted.filtered(
            lambda m: m.move_type == "out_invoice" and not m.debt_recovery_is_penalty
        )
        if invoices:
            # The contract, not the user posting, decides: whoever may post the invoice
            # triggers its assignment (the entries follow the contract's accounts).
            # Assigned as posted: on the day, or on the invoice's date when it is later.
            today = fields.Date.context_today(self)
            batches = {}
            for invoice, contract in self.env["debt.recovery.factor"]._auto_map(invoices).items():
                key = (contract, max(today, invoice.date))
                batches[key] = batches.get(key, self.browse()) | invoice
            for (contract, day), moves in batches.items():
                moves.sudo()._debt_recovery_factor_assign_as_superuser(contract, day)
        return posted

    # EXTENDS account
    def button_draft(self):
        """An assigned invoice, its assignment entry or its buy-back entry is not reset to
        draft: the matching they hold is the factor's record (buy the invoice back instead)."""
        locked = (
            self.env["debt.recovery.factor.assignment"]
            .sudo()
            .search_count(
                [
                    "|",
                    "|",
                    "&",
                    ("invoice_id", "in", self.ids),
                    ("state", "=", "assigned"),
                    ("move_id", "in", self.ids),
                    "|",
                    ("buyback_move_ids", "in", self.ids),
                    ("collection_move_ids", "in", self.ids),
                ],
                limit=1,
            )
        )
        if locked:
            raise UserError(
                self.env._(
                    "An invoice assigned to a factor and the entries of its assignment or "
                    "buy-back cannot be reset to draft: buy the invoice back instead."
                )
            )
        return super().button_draft()

    def _debt_recovery_factor_collect(self):
        """Confidential: the payments of these moves' assigned invoices changed; move to the
        factor (or back) what the debtor paid the company."""
        invoices = self.filtered(
            lambda move: move.move_type == "out_invoice" and move.sudo().debt_recovery_factor_id
        )
        if not invoices:
            return
        # Whoever may match a payment with the invoice moves the amount to the factor: the
        # entry follows the contract's accounts and journal, not the user's rights.
        invoices.sudo().debt_recovery_factor_assignment_ids._collect()

    # ------------------------------------------------------------------ public actions
    def action_debt_recovery_factor_buy_back(self):
        """Buy back these assigned invoices today (recours): they return to the ladder."""
        self._debt_recovery_factor_buy_back(fields.Date.context_today(self))
        return True

    # ------------------------------------------------------------------ business
    def _debt_recovery_factor_check_access(self):
        """Assignments and buy-backs post entries: recovery managers of the invoices'
        companies only."""
        if not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(
                self.env._(
                    "Only a recovery manager may assign invoices to a factor or buy them back."
                )
            )
        self.check_access("write")

    def _debt_recovery_factor_assign(self, contract, date):
        """Assign these invoices to ``contract`` on ``date``: one entry per invoice."""
        self._debt_recovery_factor_check_access()
        contract.check_access("read")
        # Checked above: the entries are posted in the contract's journal, which the
        # manager may not be allowed to write himself.
        return self.sudo()._debt_recovery_factor_assign_as_superuser(contract.sudo(), date)

    def _debt_recovery_factor_assign_as_superuser(self, contract, date):
        account, journal = contract._accounting()
        self._debt_recovery_factor_check_assignable(contract)
        plans = [invoice._debt_recovery_factor_transfers() for invoice in self]
        entries = self.env["account.move"].create(
            [
                invoice._debt_recovery_factor_entry_values(contract, account, journal, date, plan)
                for invoice, plan in zip(self, plans, strict=True)
            ]
        )
        entries.action_post()
        assignment_vals = []
        for invoice, plan, entry in zip(self, plans, entries, strict=True):
            # The company collecting, the invoice stays open on the debtor's receivable.
            if not contract._company_collects():
                items = self.env["account.move.line"].browse([item.id for item, _amount in plan])
                match_items(items, entry.line_ids)
            assignment_vals.append(
                {
                    "invoice_id": invoice.id,
                    "factor_id": contract.id,
                    "mode": contract.mode,
                    "company_id": invoice.company_id.id,
                    "date": date,
                    "amount": sum(amount for _item, amount in plan),
                    "move_id": entry.id,
                }
            )
        assignments = self.env["debt.recovery.factor.assignment"].create(assignment_vals)
        for invoice in self:
            invoice.message_post(
                body=self.env._(
                    "Assigned to %(factor)s (%(contract)s).",
                    factor=contract.partner_id.name,
                    contract=contract.name,
                )
            )
        return assignments

    def _debt_recovery_factor_check_assignable(self, contract):
        """Raise a UserError naming every invoice that cannot be assigned to ``contract``."""
        refusals = {}
        for move in self:
            row = factoring.Invoice(
                id=move.id,
                company_id=move.company_id.id,
                kind=move.move_type,
                posted=move.state == "posted",
                residual=move.amount_residual,
                assigned=bool(move.debt_recovery_factor_id),
                is_penalty=move.debt_recovery_is_penalty,
            )
            reason = factoring.refusal(row, contract.company_id.id)
            if reason:
                refusals[move] = reason
        if refusals:
            raise UserError(
                self.env._(
                    "These invoices cannot be assigned to %(contract)s: %(invoices)s.",
                    contract=contract.display_name,
                    invoices=", ".join(
                        f"{move.name} ({self._debt_recovery_refusal_label(reason)})"
                        for move, reason in refusals.items()
                    ),
                )
            )

    def _debt_recovery_factor_transfers(self):
        """[(open receivable item, amount)] the assignment of this invoice credits."""
        self.ensure_one()
        items = self.line_ids.filtered(
            lambda line: line.account_id.account_type == "asset_receivable" and not line.reconciled
        )
        by_id = {line.id: line for line in items}
        transfers = factoring.transfers(
            [factoring.Item(line.id, line.amount_residual) for line in items],
            self.company_currency_id.rounding,
        )
        return [(by_id[transfer.item_id], transfer.amount) for transfer in transfers]

    def _debt_recovery_factor_entry_values(self, contract, account, journal, date, plan):
        """Values of the assignment entry of this invoice: credit each open receivable item
        (the debtor), debit the factor's account (the factor). The company collecting
        (confidential), the credit goes to the factor's account for the debtor instead: the
        debtor's receivable stays whole, what it owes the factor is apart."""
        self.ensure_one()
        label = self.env._(
            "Assignment of %(invoice)s to %(factor)s",
            invoice=self.name,
            factor=contract.partner_id.name,
        )
        collects = contract._company_collects()
        lines = [
            Command.create(
                self._debt_recovery_factor_debtor_line(
                    None if collects else item, amount, label, account
                )
            )
            for item, amount in plan
        ]
        # The factor is the third party of the factor's account: what it owes the company
        # until it pays the financing (the factor's partner ledger).
        lines.append(
            Command.create(
                {
                    "name": self.env._(
                        "%(invoice)s assigned (%(debtor)s)",
                        invoice=self.name,
                        debtor=self.commercial_partner_id.name,
                    ),
                    "account_id": account.id,
                    "partner_id": contract.partner_id.id,
                    "balance": sum(amount for _item, amount in plan),
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

    def _debt_recovery_factor_debtor_line(self, item, amount, label, account):
        """The assignment's credit for the debtor: on the receivable ``item``'s account, in its
        currency, or (confidential, no ``item``) on the factor's ``account`` in company
        currency, the debtor's receivable left whole."""
        if not item:
            return {
                "name": label,
                "account_id": account.id,
                "partner_id": self.commercial_partner_id.id,
                "balance": -amount,
            }
        return {
            "name": label,
            "account_id": item.account_id.id,
            "partner_id": self.commercial_partner_id.id,
            "balance": -amount,
            "currency_id": item.currency_id.id,
            "amount_currency": -item.currency_id.round(
                item.amount_residual_currency * amount / item.amount_residual
            ),
            "date_maturity": item.date_maturity,
        }

    def _debt_recovery_factor_buy_back(self, date, amount=None):
        """Buy back these assigned invoices on ``date`` (recours), for what is still the
        factor's, or for ``amount`` (company currency) of one invoice: the reverse entry debits
        the receivable again and takes the assignment's place in the invoice's matching, so
        that the invoice is open again for what was bought back, with its history."""
        self._debt_recovery_factor_check_access()
        not_assigned = self.filtered(lambda m: not m.debt_recovery_factor_id)
        if not_assigned:
            raise UserError(
                self.env._(
                    "These invoices are not assigned to a factor: %(invoices)s.",
                    invoices=", ".join(not_assigned.mapped("name")),
                )
            )
        if amount is not None and len(self) != 1:
            raise UserError(self.env._("Buy back a part of one invoice at a time."))
        # Checked above: the entries are posted in the contract's journal.
        return self.sudo()._debt_recovery_factor_buy_back_as_superuser(date, amount)

    def _debt_recovery_factor_buy_back_as_superuser(self, date, amount=None):
        assignments = self.debt_recovery_factor_assignment_ids.filtered(
            lambda a: a.state == "assigned"
        )
        self._debt_recovery_factor_check_buy_back(assignments, amount)
        amounts = [amount or assignment._amount_open() for assignment in assignments]
        entries = self.env["account.move"].create(
            [
                assignment._buy_back_entry_values(date, value)
                for assignment, value in zip(assignments, amounts, strict=True)
            ]
        )
        entries.action_post()
        for assignment, value, entry in zip(assignments, amounts, entries, strict=True):
            full = assignment.currency_id.compare_amounts(value, assignment._amount_open()) == 0
            assignment.write(
                {
                    "amount_bought_back": assignment.amount_bought_back + value,
                    "buyback_move_id": entry.id,
                    "buyback_move_ids": [Command.link(entry.id)],
                    **({"state": "bought_back", "buyback_date": date} if full else {}),
                }
            )
            assignment._rematch(entry, full)
            assignment.invoice_id.message_post(
                body=self.env._(
                    "Bought back from %(factor)s.", factor=assignment.factor_id.partner_id.name
                )
                if full
                else self.env._(
                    "%(amount)s bought back from %(factor)s.",
                    amount=format_amount(self.env, value, assignment.currency_id),
                    factor=assignment.factor_id.partner_id.name,
                )
            )
        return assignments

    @api.model
    def _debt_recovery_factor_check_buy_back(self, assignments, amount):
        """Raise a UserError when there is nothing left to buy back, or ``amount`` is not
        within what is still the factor's."""
        collected = assignments.filtered(
            lambda a: a.currency_id.compare_amounts(a._amount_open(), 0.0) <= 0
        )
        if collected:
            raise UserError(
                self.env._(
                    "These invoices were paid by the debtor in full: there is nothing to buy "
                    "back, remit what was collected to the factor (%(invoices)s).",
                    invoices=", ".join(collected.invoice_id.mapped("name")),
                )
            )
        if amount is not None and (
            amount <= 0
            or assignments.currency_id.compare_amounts(amount, assignments._amount_open()) > 0
        ):
            raise UserError(
                self.env._(
                    "%(invoice)s can be bought back for at most %(open)s, what is still the "
                    "factor's.",
                    invoice=assignments.invoice_id.name,
                    open=format_amount(
                        self.env, assignments._amount_open(), assignments.currency_id
                    ),
                )
            )

    @api.model
    def _debt_recovery_refusal_label(self, reason):
        return {
            "not_invoice": self.env._("not a customer invoice"),
            "not_posted": self.env._("not posted"),
            "other_company": self.env._("another company's"),
            "assigned": self.env._("already assigned"),
            "penalty": self.env._("an invoice of penalties"),
            "nothing_due": self.env._("nothing due"),
        }[reason]

    # ------------------------------------------------------------------ printing
    def _debt_recovery_factor_printed(self):
        """What the invoice prints about factoring: {"contract", "notified", "assignment_ids"
        (entries to hide from its payments), "residual" (the amount due as the debtor sees it)},
        or None when it is not assigned."""
        self.ensure_one()
        move = self.sudo()
        contract = move.debt_recovery_factor_id
        if not contract:
            return None
        current = move.debt_recovery_factor_assignment_ids.filtered(lambda a: a.state == "assigned")
        # Notified: what the assignment settled on the invoice (in its currency) is still due,
        # to the factor; confidential: the invoice was never settled by it.
        receivable = current.move_id.line_ids.filtered(
            lambda line: line.account_id.account_type == "asset_receivable"
        )
        held = sum(
            partial.debit_amount_currency
            for partial in receivable.matched_debit_ids
            if partial.debit_move_id.move_id == move
        )
        return {
            "contract": contract,
            "notified": contract.mode == "notified",
            "entry_ids": current.move_id.ids,
            "residual": move.amount_residual + move.currency_id.round(held),
        }

    def _debt_recovery_factor_payments(self):
        """The invoice's payments as printed: without the assignment entry (the debtor did
        not pay the factor by it)."""
        self.ensure_one()
        content = (self.sudo().invoice_payments_widget or {}).get("content") or []
        printed = self._debt_recovery_factor_printed()
        if not printed:
            return content
        return [vals for vals in content if vals.get("move_id") not in printed["entry_ids"]]
