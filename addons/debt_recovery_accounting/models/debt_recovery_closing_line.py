# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

from .debt_recovery_provision_rule import REASON_LABELS


class DebtRecoveryClosingLine(models.Model):
    """A receivable at a closing: why it is doubtful, its provision and the basis of it."""

    _name = "debt.recovery.closing.line"
    _description = "Doubtful Receivable at a Closing"
    _order = "closing_id desc, partner_id, invoice_id"
    _check_company_auto = True

    closing_id = fields.Many2one(
        "debt.recovery.closing", required=True, index=True, ondelete="cascade", readonly=True
    )
    company_id = fields.Many2one(related="closing_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    date = fields.Date(related="closing_id.date", store=True)
    partner_id = fields.Many2one("res.partner", string="Debtor", readonly=True, index=True)
    case_id = fields.Many2one("debt.recovery.case", readonly=True)
    invoice_id = fields.Many2one("account.move", readonly=True, required=True)
    days_overdue = fields.Integer(readonly=True)
    doubtful = fields.Boolean(readonly=True)
    reason = fields.Selection(REASON_LABELS, readonly=True, help="The reason the rate follows.")
    reasons = fields.Char(string="Reasons Doubtful", readonly=True)
    method = fields.Selection(
        [("rule", "Table of rates"), ("matrix", "Loss-rate matrix")], readonly=True
    )
    rate = fields.Float(string="Rate (%)", digits=(5, 2), readonly=True)
    basis = fields.Char(readonly=True)
    residual = fields.Monetary(
        string="Doubtful (incl. VAT)", readonly=True, help="Still owed at the closing."
    )
    untaxed = fields.Monetary(string="Doubtful (excl. VAT)", readonly=True)
    covered_percent = fields.Float(string="Covered (%)", digits=(5, 2), readonly=True)
    provision = fields.Monetary(readonly=True, help="The provision due at the closing.")
    previous = fields.Monetary(
        string="Provision Before", readonly=True, help="The provision standing before."
    )
    adjustment = fields.Monetary(
        compute="_compute_adjustment",
        store=True,
        help="Positive: allowance (6817 / 491); negative: reversal (491 / 7817).",
    )

    @api.depends("provision", "previous")
    def _compute_adjustment(self):
        for line in self:
            line.adjustment = line.currency_id.round(line.provision - line.previous)

    def _entry_label(self):
        self.ensure_one()
        if self.adjustment > 0:
            return self.env._(
                "Provision of %(invoice)s: %(basis)s",
                invoice=self.invoice_id.name,
                basis=self.basis,
            )
        return self.env._(
            "Provision reversal of %(invoice)s: %(basis)s",
            invoice=self.invoice_id.name,
            basis=self.basis,
        )
