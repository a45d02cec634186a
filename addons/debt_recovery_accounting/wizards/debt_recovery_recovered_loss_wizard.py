# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class DebtRecoveryRecoveredLossWizard(models.TransientModel):
    _name = "debt.recovery.recovered.loss.wizard"
    _description = "Receipt on a Debt Written Off"

    invoice_id = fields.Many2one("account.move", required=True)
    company_id = fields.Many2one(related="invoice_id.company_id")
    currency_id = fields.Many2one(related="invoice_id.currency_id")
    amount = fields.Monetary(required=True, help="Amount received, incl. VAT.")
    date = fields.Date(required=True, default=fields.Date.context_today)
    journal_id = fields.Many2one(
        "account.journal",
        required=True,
        domain="[('type', 'in', ('bank', 'cash')), ('company_id', '=', company_id)]",
    )

    def action_record(self):
        """Book the receipt as a recovered loss, its VAT due again."""
        self.ensure_one()
        recovered = self.invoice_id._debt_recovery_recover(self.amount, self.date, self.journal_id)
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.move",
            "res_id": recovered.id,
            "view_mode": "form",
        }
