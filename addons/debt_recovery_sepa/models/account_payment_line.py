# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
from collections import defaultdict
from datetime import date

from odoo import api, fields, models
from odoo.tools import float_compare, float_is_zero, format_amount

from ..engine import collection


class AccountPaymentLine(models.Model):
    _inherit = "account.payment.line"

    debt_recovery_plan_line_id = fields.Many2one(
        "debt.recovery.plan.line",
        string="Instalment",
        index="btree_not_null",
        readonly=True,
        ondelete="set null",
        help="Instalment of a recovery plan this debit collects.",
    )
    debt_recovery_promise_id = fields.Many2one(
        "debt.recovery.promise",
        string="Promise to Pay",
        index="btree_not_null",
        readonly=True,
        ondelete="set null",
        help="Promise to pay this debit collects.",
    )

    def _debt_recovery_debits(self):
        """The instalments and promises these payment lines collect."""
        return [*self.debt_recovery_plan_line_id, *self.debt_recovery_promise_id]

    @api.model
    def _debt_recovery_fit_to_residual(self, receivables):
        """The debits of the draft orders never collect more of a receivable line than it
        still owes: after ``receivables`` were paid otherwise, the recovery debits of draft
        orders against them are reduced, the latest collection first, or taken out when
        nothing is left (their instalment or promise is then stopped); the debits in orders
        already confirmed and not yet paid count first (they are the accountant's). The plan or
        promise says what changed."""
        lines = self.sudo().search(
            [
                ("move_line_id", "in", receivables.ids),
                ("state", "in", ("draft", "open", "generated")),
                "|",
                ("debt_recovery_plan_line_id", "!=", False),
                ("debt_recovery_promise_id", "!=", False),
            ]
        )
        by_receivable = defaultdict(lambda: self.sudo().browse())
        for line in lines:
            by_receivable[line.move_line_id] |= line
        changed = defaultdict(list)
        removed = overdrawn = self.sudo().browse()
        for receivable, pending in by_receivable.items():
            left = receivable.amount_residual_currency
            drafts = pending.filtered(lambda line: line.state == "draft")
            # A confirmed debit still to be paid counts first (once its payment is posted, the
            # invoice's residual already says it).
            confirmed = (pending - drafts).filtered(
                lambda line: all(payment.state == "draft" for payment in line.payment_ids)
            )
            left -= sum(confirmed.mapped("amount_currency"))
            rounding = receivable.currency_id.rounding
            if float_compare(left, 0.0, precision_rounding=rounding) < 0:
                overdrawn |= confirmed
            # What is left is shared over the draft debits as a debit over invoices, the
            # earliest collection first.
            drafts = drafts.sorted(lambda line: (line.order_id.date_scheduled or date.min, line.id))
            kept = collection.split_amount(left, drafts.mapped("amount_currency"), rounding)
            for line, keep in zip(drafts, kept, strict=True):
                if float_compare(keep, line.amount_currency, precision_rounding=rounding) >= 0:
                    continue
                changed[line._debt_recovery_debits()[0]].append((line, keep))
                if float_is_zero(keep, precision_rounding=rounding):
                    removed |= line
                else:
                    line.amount_currency = keep
        if changed:
            self._debt_recovery_tell_fitted(changed, removed)
        if overdrawn:
            self._debt_recovery_tell_overdrawn(overdrawn)
        return changed

    @api.model
    def _debt_recovery_tell_overdrawn(self, lines):
        """Debits of confirmed orders ``lines`` now collect more than their invoices owe (paid
        otherwise meanwhile): the order is the accountant's, so the collector is asked, on
        each plan or promise, to take them out before the file goes to the bank."""
        by_holder = defaultdict(lambda: self.sudo().browse())
        for line in lines:
            by_holder[line._debt_recovery_debits()[0]._direct_debit_holder()] |= line
        for holder, held in by_holder.items():
            body = self.env._(
                "%(invoices)s was paid otherwise while its debit is in the confirmed direct debit "
                "order %(orders)s: take the debit out before the file is sent to the bank, or "
                "the debtor pays twice.",
                invoices=", ".join(held.move_line_id.move_id.mapped("name")),
                orders=", ".join(held.order_id.mapped("name")),
            )
            holder._direct_debit_tell(
                body,
                None,
                fields.Date.context_today(holder),
                summary=self.env._("Debit of an invoice paid otherwise"),
            )

    @api.model
    def _debt_recovery_tell_fitted(self, changed, removed):
        """Take the ``removed`` payment lines out, stop the debits left with none to collect,
        and post on each plan or promise what its debits now collect."""
        orders = {debit: self.sudo().browse([line.id for line, _keep in lines]).order_id
                  for debit, lines in changed.items()}  # fmt: skip
        removed.unlink()
        for debit in changed:
            debit = debit.sudo()
            holder = debit._direct_debit_holder()
            pending = debit.direct_debit_payment_line_ids.filtered(
                lambda line: line.state in ("draft", "open", "generated")
            )
            names = ", ".join(orders[debit].mapped("name"))
            if not pending:
                debit._direct_debit_set_state("stopped")
                body = self.env._(
                    "The debit of %(debit)s was taken out of the draft direct debit order "
                    "%(order)s: the invoices it was to collect were paid otherwise.",
                    debit=debit.display_name,
                    order=names,
                )
            else:
                body = self.env._(
                    "The debit of %(debit)s in the draft direct debit order %(order)s now "
                    "collects %(amount)s: part of its invoices was paid otherwise.",
                    debit=debit.display_name,
                    order=names,
                    amount=format_amount(
                        self.env, sum(pending.mapped("amount_currency")), holder.currency_id
                    ),
                )
            holder.message_post(body=body)


class AccountPaymentOrder(models.Model):
    _inherit = "account.payment.order"

    debt_recovery_direct_debit = fields.Boolean(
        string="Debts by Direct Debit",
        readonly=True,
        copy=False,
        help="Built by the recovery daily job from the instalments of plans and the promises "
        "paid by direct debit.",
    )
