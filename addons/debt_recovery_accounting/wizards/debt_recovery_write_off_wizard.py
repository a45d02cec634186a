# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models

from ..models.account_move import RECTIFIED_REPORT, WRITE_OFF_REASONS


class DebtRecoveryWriteOffWizard(models.TransientModel):
    _name = "debt.recovery.write.off.wizard"
    _description = "Write Off Irrecoverable Receivables"

    invoice_ids = fields.Many2many("account.move", string="Invoices", required=True)
    case_id = fields.Many2one("debt.recovery.case")
    reason = fields.Selection(
        WRITE_OFF_REASONS,
        required=True,
        help="The VAT charged on invoicing is recovered after a liquidation judgment, a court "
        "decision or a settlement; a time-barred debt is a loss whose VAT stays paid.",
    )
    date = fields.Date(required=True, default=fields.Date.context_today)
    proof = fields.Binary(
        required=True, attachment=False, help="The judgment, decision or agreement."
    )
    proof_name = fields.Char()
    note = fields.Text()

    def action_write_off(self):
        """Post the write-off and print the rectified invoice for the debtor."""
        self.ensure_one()
        self.invoice_ids._debt_recovery_write_off(
            self.reason, self.date, self.proof, self.proof_name, self.note
        )
        return self.env.ref(RECTIFIED_REPORT).report_action(self.invoice_ids)
