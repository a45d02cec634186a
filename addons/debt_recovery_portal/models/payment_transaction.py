# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class PaymentTransaction(models.Model):
    _inherit = "payment.transaction"

    def _post_process(self):
        """Once Odoo posted and reconciled the payment, the debtors' plans, promises and cases
        follow at once (not at the next daily run)."""
        result = super()._post_process()
        paid = self.filtered(lambda tx: tx.state == "done" and tx.payment_id).invoice_ids
        paid = paid.filtered(lambda m: m.move_type == "out_invoice")
        if paid:
            # The payment is the debtor's, the recovery records the company's: refreshed as the
            # daily job does, for these debtors only.
            self.env["debt.recovery.case"].sudo()._portal_refresh_after_payment(paid)
        return result
