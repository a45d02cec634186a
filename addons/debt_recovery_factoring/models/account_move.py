# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Invoices assigned to a factor: the assignment and buy-back entries, and what changes for
the ladder (nothing to claim, no penalty: they are the factor's) and for the debtor (notified:
pay the factor)."""

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError

from ..engine import factoring

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
                    ("buyback_move_id", "in", self.ids),
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
        Move = self.env["account.move"]
        vals_list, plans = [], []
        for invoice in self:
            items = invoice.line_ids.filtered(
                lambda line: line.account_id.account_type == "asset_receivable"
                and not line.reconciled
            )
            transfers = factoring.transfers(
                [factoring.Item(line.id, line.amount_residual) for line in items],
                invoice.company_currency_id.rounding,
            )
            by_id = {line.id: line for line in items}
            lines = []
            for transfer in transfers:
                item = by_id[transfer.item_id]
                share = transfer.amount / item.amount_residual if item.amount_residual else 1
                lines.append(
                    Command.create(
                        {
                            "name": self.env._(
                                "Assignment of %(invoice)s to %(factor)s",
                                invoice=invoice.name,
                                factor=contract.partner_id.name,
                            ),
                            "account_id": item.account_id.id,
                            "partner_id": invoice.commercial_partner_id.id,
                            "balance": -transfer.amount,
                            "currency_id": item.currency_id.id,
                            "amount_currency": -item.currency_id.round(
                                item.amount_residual_currency * share
                            ),
                            "date_maturity": item.date_maturity,
                        }
                    )
                )
            total = sum(t.amount for t in transfers)
            # The factor is the third party of the factor's account: what it owes the company
            # until it pays the financing (partner ledger of the factor).
            lines.append(
                Command.create(
                    {
                        "name": self.env._(
                            "%(invoice)s assigned (%(debtor)s)",
                            invoice=invoice.name,
                            debtor=invoice.commercial_partner_id.name,
                        ),
                        "account_id": account.id,
                        "partner_id": contract.partner_id.id,
                        "balance": total,
                    }
                )
            )
            vals_list.append(
                {
                    "move_type": "entry",
                    "journal_id": journal.id,
                    "company_id": invoice.company_id.id,
                    "date": date,
                    "ref": self.env._(
                        "Assignment of %(invoice)s to %(factor)s",
                        invoice=invoice.name,
                        factor=contract.partner_id.name,
                    ),
                    "line_ids": lines,
                }
            )
            plans.append((invoice, items, total))
        entries = Move.create(vals_list)
        entries.action_post()
        Assignment = self.env["debt.recovery.factor.assignment"]
        assignment_vals = []
        for (invoice, items, total), entry in zip(plans, entries, strict=True):
            for item in items:
                counterpart = entry.line_ids.filtered(
                    lambda line, item=item: line.account_id == item.account_id
                    and line.date_maturity == item.date_maturity
                    and not line.reconciled
                )[:1]
                (item + counterpart).reconcile()
            assignment_vals.append(
                {
                    "invoice_id": invoice.id,
                    "factor_id": contract.id,
                    "mode": contract.mode,
                    "company_id": invoice.company_id.id,
                    "date": date,
                    "amount": total,
                    "move_id": entry.id,
                }
            )
        assignments = Assignment.create(assignment_vals)
        for invoice in self:
            invoice.message_post(
                body=self.env._(
                    "Assigned to %(factor)s (%(contract)s).",
                    factor=contract.partner_id.name,
                    contract=contract.name,
                )
            )
        return assignments

    def _debt_recovery_factor_buy_back(self, date):
        """Buy back these assigned invoices on ``date``: the reverse entry debits the
        receivable again and takes the assignment's place in the invoice's matching, so that
        the invoice is open again with its history."""
        self._debt_recovery_factor_check_access()
        not_assigned = self.filtered(lambda m: not m.debt_recovery_factor_id)
        if not_assigned:
            raise UserError(
                self.env._(
                    "These invoices are not assigned to a factor: %(invoices)s.",
                    invoices=", ".join(not_assigned.mapped("name")),
                )
            )
        # Checked above: the entries are posted in the contract's journal.
        return self.sudo()._debt_recovery_factor_buy_back_as_superuser(date)

    def _debt_recovery_factor_buy_back_as_superuser(self, date):
        assignments = self.debt_recovery_factor_assignment_ids.filtered(
            lambda a: a.state == "assigned"
        )
        vals_list = []
        for assignment in assignments:
            contract = assignment.factor_id
            account, journal = contract._accounting()
            lines = [
                Command.create(
                    {
                        "name": self.env._(
                            "Buy-back of %(invoice)s from %(factor)s",
                            invoice=assignment.invoice_id.name,
                            factor=contract.partner_id.name,
                        ),
                        "account_id": line.account_id.id,
                        "partner_id": line.partner_id.id,
                        "balance": -line.balance,
                        "currency_id": line.currency_id.id,
                        "amount_currency": -line.amount_currency,
                        "date_maturity": line.date_maturity,
                    }
                )
                for line in assignment.move_id.line_ids
            ]
            vals_list.append(
                {
                    "move_type": "entry",
                    "journal_id": journal.id,
                    "company_id": assignment.company_id.id,
                    "date": date,
                    "ref": self.env._(
                        "Buy-back of %(invoice)s from %(factor)s",
                        invoice=assignment.invoice_id.name,
                        factor=contract.partner_id.name,
                    ),
                    "line_ids": lines,
                }
            )
        entries = self.env["account.move"].create(vals_list)
        entries.action_post()
        for assignment, entry in zip(assignments, entries, strict=True):
            receivable = assignment.move_id.line_ids.filtered(
                lambda line: line.account_id.account_type == "asset_receivable"
            )
            # The invoice's matching with the assignment is undone (its other payments stay);
            # the assignment's credit is matched with the buy-back's debit instead.
            receivable.matched_debit_ids.filtered(
                lambda p, a=assignment: p.debit_move_id.move_id == a.invoice_id
            ).unlink()
            for line in receivable:
                counterpart = entry.line_ids.filtered(
                    lambda l2, line=line: l2.account_id == line.account_id
                    and l2.date_maturity == line.date_maturity
                    and not l2.reconciled
                    and l2.balance == -line.balance
                )[:1]
                (line + counterpart).reconcile()
            factor_lines = (assignment.move_id + entry).line_ids.filtered(
                lambda line, a=assignment: line.account_id == a.factor_id.account_id
            )
            if factor_lines.account_id.reconcile:
                factor_lines.filtered(lambda line: not line.reconciled).reconcile()
            assignment.write(
                {"state": "bought_back", "buyback_date": date, "buyback_move_id": entry.id}
            )
            assignment.invoice_id.message_post(
                body=self.env._(
                    "Bought back from %(factor)s.", factor=assignment.factor_id.partner_id.name
                )
            )
        return assignments

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
        return {
            "contract": contract,
            "notified": contract.mode == "notified",
            "entry_ids": current.move_id.ids,
            "residual": move.amount_residual
            + move.currency_id.round(
                sum(current.mapped("amount"))
                if move.currency_id == move.company_currency_id
                else -sum(
                    current.move_id.line_ids.filtered(
                        lambda line: line.account_id.account_type == "asset_receivable"
                    ).mapped("amount_currency")
                )
            ),
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
