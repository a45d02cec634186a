# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import Command, fields, models
from odoo.exceptions import AccessError, UserError

# Who reads and writes the closing's marks on journal entries: accountants and recovery
# managers (a collector works cases, not the books).
ACCOUNTING_GROUPS = "account.group_account_user,debt_recovery.group_debt_recovery_manager"
MANAGER_GROUP = "debt_recovery.group_debt_recovery_manager"
ENTRY_KINDS = [
    ("reclassification", "Reclassification as doubtful"),
    ("provision", "Provision"),
    ("write_off", "Write-off"),
    ("recovered", "Recovered loss"),
]
WRITE_OFF_REASONS = [
    ("liquidation", "Liquidation judgment"),
    ("court", "Court decision"),
    ("settlement", "Settlement"),
    ("limitation", "Limitation"),
]
# Reasons that make the debt definitively irrecoverable for VAT (CGI 272-1): the VAT charged on
# invoicing is recovered. A time-barred debt is a loss, but its VAT stays paid.
VAT_RECOVERY_REASONS = ("liquidation", "court", "settlement")
RECTIFIED_REPORT = "debt_recovery_accounting.action_report_rectified_invoice"


class AccountMove(models.Model):
    _inherit = "account.move"

    debt_recovery_case_id = fields.Many2one(
        "debt.recovery.case",
        string="Recovery Case",
        index="btree_not_null",
        readonly=True,
        ondelete="restrict",
        groups=ACCOUNTING_GROUPS,
        help="The recovery case this closing or write-off entry concerns.",
    )
    debt_recovery_invoice_id = fields.Many2one(
        "account.move",
        string="Concerned Invoice",
        index="btree_not_null",
        readonly=True,
        ondelete="restrict",
        groups=ACCOUNTING_GROUPS,
        help="The customer invoice this closing or write-off entry concerns.",
    )
    debt_recovery_entry_kind = fields.Selection(
        ENTRY_KINDS, string="Closing Entry", readonly=True, groups=ACCOUNTING_GROUPS
    )
    debt_recovery_written_off = fields.Boolean(
        string="Written Off", readonly=True, copy=False, groups=ACCOUNTING_GROUPS
    )
    debt_recovery_write_off_reason = fields.Selection(
        WRITE_OFF_REASONS, string="Write-off Reason", readonly=True, copy=False,
        groups=ACCOUNTING_GROUPS,
    )  # fmt: skip
    debt_recovery_write_off_date = fields.Date(
        string="Written Off On", readonly=True, copy=False, groups=ACCOUNTING_GROUPS
    )
    debt_recovery_write_off_move_id = fields.Many2one(
        "account.move",
        string="Write-off Credit Note",
        readonly=True,
        copy=False,
        groups=ACCOUNTING_GROUPS,
    )
    debt_recovery_write_off_untaxed = fields.Monetary(
        string="Unpaid Excl. VAT",
        readonly=True,
        copy=False,
        groups=ACCOUNTING_GROUPS,
        help="What was written off, excluding VAT.",
    )
    debt_recovery_write_off_vat = fields.Monetary(
        string="VAT Not Deducted",
        readonly=True,
        copy=False,
        groups=ACCOUNTING_GROUPS,
        help="VAT charged on the invoice and recovered by the write-off: the debtor may not "
        "deduct it (stated on the rectified invoice).",
    )

    # ------------------------------------------------------------------ public actions
    def action_debt_recovery_write_off(self):
        """Write these invoices off as irrecoverable (a recovery manager)."""
        self._debt_recovery_check_manager()
        invoices = self._debt_recovery_writable_off()
        return invoices._debt_recovery_wizard_action(
            "debt.recovery.write.off.wizard",
            self.env._("Write off as irrecoverable"),
            {"default_invoice_ids": [Command.set(invoices.ids)]},
        )

    def action_debt_recovery_recovered_loss(self):
        """Record a receipt on an invoice written off (a recovery manager)."""
        self._debt_recovery_check_manager()
        self.ensure_one()
        if not self.debt_recovery_written_off:
            raise UserError(self.env._("Invoice %s was not written off.", self.display_name))
        return self._debt_recovery_wizard_action(
            "debt.recovery.recovered.loss.wizard",
            self.env._("Receipt on a debt written off"),
            {"default_invoice_id": self.id},
        )

    # ------------------------------------------------------------------ helpers
    def _debt_recovery_check_manager(self):
        self.check_access("write")
        if not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(self.env._("Only a recovery manager writes a debt off."))

    def _debt_recovery_writable_off(self):
        """These invoices, each an open posted customer invoice (a UserError otherwise)."""
        wrong = self.filtered(
            lambda m: m.move_type != "out_invoice"
            or m.state != "posted"
            or m.currency_id.is_zero(m.amount_residual)
        )
        if wrong or not self:
            raise UserError(
                self.env._(
                    "Only open posted customer invoices are written off: %s",
                    ", ".join(wrong.mapped("display_name")),
                )
            )
        return self

    def _debt_recovery_wizard_action(self, model, name, context):
        return {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": model,
            "view_mode": "form",
            "target": "new",
            "context": context,
        }

    def _debt_recovery_provisions(self, at_date=None):
        """{invoice id: provision standing on it} (on the provision account, up to
        ``at_date``), one grouped read for all these invoices."""
        result = dict.fromkeys(self.ids, 0.0)
        for company in self.company_id:
            account = company.debt_recovery_provision_account_id
            if not account:
                continue
            domain = [
                ("debt_recovery_invoice_id", "in", self.ids),
                ("account_id", "=", account.id),
                ("parent_state", "=", "posted"),
            ]
            if at_date:
                domain.append(("date", "<=", at_date))
            for invoice, balance in self.env["account.move.line"]._read_group(
                domain, ["debt_recovery_invoice_id"], ["balance:sum"]
            ):
                result[invoice.id] = -balance
        return result

    def _debt_recovery_receipts(self, at_date=None, with_write_offs=True):
        """{invoice id: [(date, amount)]} of what reduced these invoices' receivable (payments,
        credit notes; the write-off credit notes only ``with_write_offs``), up to ``at_date``."""
        result = {invoice.id: [] for invoice in self}
        lines = self.line_ids.filtered(lambda line: line.account_type == "asset_receivable")
        partials = self.env["account.partial.reconcile"].search(
            [("debit_move_id", "in", lines.ids)]
        )
        for partial in partials:
            if at_date and partial.max_date > at_date:
                continue
            credit_move = partial.credit_move_id.move_id
            if not with_write_offs and credit_move.debt_recovery_entry_kind == "write_off":
                continue
            result[partial.debit_move_id.move_id.id].append((partial.max_date, partial.amount))
        return result

    def _debt_recovery_residuals(self, at_date):
        """{invoice id: residual incl. VAT at ``at_date``} (company currency)."""
        receipts = self._debt_recovery_receipts(at_date)
        return {
            invoice.id: invoice.currency_id.round(
                abs(invoice.amount_total_signed)
                - sum(amount for _d, amount in receipts[invoice.id])
            )
            for invoice in self
        }

    def _debt_recovery_provision_values(self, invoice, case, amount, day, journal, label):
        """An entry bringing ``invoice``'s provision up (``amount`` > 0: debit the allowance,
        credit the provision) or down (< 0: debit the provision, credit the reversal)."""
        accounts = invoice.company_id._debt_recovery_accounts()
        other = accounts[
            "debt_recovery_allowance_account_id"
            if amount > 0
            else "debt_recovery_reversal_account_id"
        ]
        return self._debt_recovery_entry_values(
            invoice, case, day, journal, "provision", label,
            other, accounts["debt_recovery_provision_account_id"], amount,
        )  # fmt: skip

    def _debt_recovery_reclassification_values(self, invoice, case, residual, day, journal):
        """The entry moving what ``invoice`` still owes to the doubtful receivables at ``day``:
        credit the invoice's receivable account, debit the doubtful account (never reconciled
        with the invoice, whose residual and payment state do not change)."""
        accounts = invoice.company_id._debt_recovery_accounts()
        receivable = invoice.line_ids.filtered(
            lambda line: line.account_type == "asset_receivable"
        ).account_id[:1]
        return self._debt_recovery_entry_values(
            invoice, case, day, journal, "reclassification",
            self.env._("Doubtful receivable: %s", invoice.name),
            accounts["debt_recovery_doubtful_account_id"], receivable, residual,
        )  # fmt: skip

    def _debt_recovery_entry_values(
        self, invoice, case, day, journal, kind, label, debit, credit, amount
    ):
        """A two-line entry of the closing about ``invoice``: ``amount`` on ``debit``, its
        opposite on ``credit``, each line carrying the case, the invoice and the debtor."""
        marks = {
            "debt_recovery_case_id": case.id,
            "debt_recovery_invoice_id": invoice.id,
            "partner_id": invoice.commercial_partner_id.id,
            "name": label,
        }
        return {
            "move_type": "entry",
            "date": day,
            "journal_id": journal.id,
            "company_id": invoice.company_id.id,
            "ref": label,
            "debt_recovery_entry_kind": kind,
            "debt_recovery_case_id": case.id,
            "debt_recovery_invoice_id": invoice.id,
            "line_ids": [
                Command.create(dict(marks, account_id=debit.id, balance=amount)),
                Command.create(dict(marks, account_id=credit.id, balance=-amount)),
            ],
        }

    def _debt_recovery_post_reclassifications(self, values_list, day):
        """Post the reclassifications, each reversed the next day by Odoo's reversal (which
        reconciles the entry with its reversal, never with the invoice)."""
        moves = self.create(values_list)
        if not moves:
            return moves
        moves.action_post()
        reversal_date = day + timedelta(days=1)
        reversals = moves._reverse_moves(
            [
                {
                    "date": reversal_date,
                    "ref": self.env._("Reversal of %s", move.ref),
                }
                for move in moves
            ],
            cancel=True,
        )
        return moves | reversals
