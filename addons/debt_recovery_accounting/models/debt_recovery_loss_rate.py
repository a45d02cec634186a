# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import api, fields, models

from ..engine import provision
from ..engine.provision import HistoricInvoice


class DebtRecoveryLossRate(models.Model):
    """One age bucket of the loss-rate matrix learnt at a closing, with its figures."""

    _name = "debt.recovery.loss.rate"
    _description = "Loss Rate by Age Bucket"
    _order = "closing_id desc, start_days"
    _check_company_auto = True

    closing_id = fields.Many2one(
        "debt.recovery.closing", required=True, index=True, ondelete="cascade", readonly=True
    )
    company_id = fields.Many2one(related="closing_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    date = fields.Date(related="closing_id.date", store=True)
    name = fields.Char(string="Age Bucket", readonly=True)
    start_days = fields.Integer(string="From Days", readonly=True)
    end_days = fields.Integer(string="To Days", readonly=True, help="Empty: no end.")
    exposure = fields.Monetary(
        readonly=True, help="Still owed when the invoices of the history reached the bucket."
    )
    loss = fields.Monetary(readonly=True, help="What of it was never collected.")
    invoice_count = fields.Integer(
        string="Invoices", readonly=True, help="Invoices still owing something in the bucket."
    )
    rate = fields.Float(
        string="Loss Rate (%)", digits=(5, 2), readonly=True, help="Loss / exposure."
    )
    has_rate = fields.Boolean(readonly=True, help="Unset: no invoice of the history got there.")

    @api.model
    def _learn(self, company, day):
        """The matrix of ``company`` at ``day``, learnt from its invoices due more than a year
        before (engine.provision.loss_matrix), receipts read in one go."""
        horizon = day - timedelta(days=provision.HISTORY_MIN_DAYS)
        invoices = self.env["account.move"].search(
            [
                ("company_id", "=", company.id),
                ("move_type", "=", "out_invoice"),
                ("state", "=", "posted"),
                ("invoice_date_due", "<=", horizon),
            ]
        )
        receipts = invoices._debt_recovery_receipts(day, with_write_offs=False)
        history = [
            HistoricInvoice(
                amount=abs(invoice.amount_total_signed),
                due_date=invoice.invoice_date_due,
                receipts=tuple(receipts[invoice.id]),
            )
            for invoice in invoices
        ]
        return provision.loss_matrix(history, day)

    @api.model
    def _values(self, matrix):
        return [
            {
                "name": self.env._("%(start)s days and more", start=bucket.start_days)
                if bucket.end_days is None
                else self.env._(
                    "%(start)s to %(end)s days", start=bucket.start_days, end=bucket.end_days
                ),
                "start_days": bucket.start_days,
                "end_days": bucket.end_days or 0,
                "exposure": float(bucket.exposure),
                "loss": float(bucket.loss),
                "invoice_count": bucket.count,
                "rate": float(bucket.rate * 100) if bucket.rate is not None else 0.0,
                "has_rate": bucket.rate is not None,
            }
            for bucket in matrix
        ]
