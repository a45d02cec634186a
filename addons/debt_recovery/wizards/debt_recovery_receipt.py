# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class DebtRecoveryReceiptWizard(models.TransientModel):
    _name = "debt.recovery.receipt.wizard"
    _description = "Record the Proof of Receipt of a Registered Letter"

    communication_id = fields.Many2one("debt.recovery.communication", required=True)
    receipt_date = fields.Date(
        string="Date of Receipt",
        required=True,
        default=fields.Date.context_today,
        help="The first presentation of the letter on its proof of receipt (a letter left "
        "uncollected counts too). Once recorded it cannot be changed.",
    )

    def action_record(self):
        self.ensure_one()
        self.communication_id._record_receipt(self.receipt_date)
        return {"type": "ir.actions.act_window_close"}
