# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""One invoice assigned to a factor, and its buy-back (recours): the entries are its evidence.

Nobody writes an assignment through the ORM: :meth:`account.move._debt_recovery_factor_assign`
and :meth:`account.move._debt_recovery_factor_buy_back` create and close them, with their
entries, after checking who asks.
"""

from odoo import Command, api, fields, models

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
                    "amount": assignment.amount,
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

    # ------------------------------------------------------------------ buy-back
    def _buy_back_entry_values(self, date):
        """The reverse of the assignment entry, dated ``date``."""
        self.ensure_one()
        label = self.env._(
            "Buy-back of %(invoice)s from %(factor)s",
            invoice=self.invoice_id.name,
            factor=self.factor_id.partner_id.name,
        )
        _account, journal = self.factor_id._accounting()
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
                        "account_id": line.account_id.id,
                        "partner_id": line.partner_id.id,
                        "balance": -line.balance,
                        "currency_id": line.currency_id.id,
                        "amount_currency": -line.amount_currency,
                        "date_maturity": line.date_maturity,
                    }
                )
                for line in self.move_id.line_ids
            ],
        }

    def _rematch(self, entry):
        """The invoice's matching with the assignment is undone (its other payments stay) and
        the assignment's credit matched with the buy-back ``entry``'s debit instead; the
        factor's account is settled when it is reconcilable."""
        self.ensure_one()
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
                and other.balance == -line.balance
            )[:1]
            (line + counterpart).reconcile()
        factor_lines = (self.move_id + entry).line_ids.filtered(
            lambda line: line.account_id == self.factor_id.account_id and not line.reconciled
        )
        if self.factor_id.account_id.reconcile:
            factor_lines.reconcile()
