# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
from odoo import fields, models

RETURN_FEE_PRODUCT = "debt_recovery_sepa.product_direct_debit_return_fee"


class DebtRecoveryPolicy(models.Model):
    _inherit = "debt.recovery.policy"

    direct_debit_professional_scheme = fields.Selection(
        [("CORE", "Basic (CORE)"), ("B2B", "Enterprise (B2B)")],
        string="Direct Debit Scheme for Professionals",
        default="CORE",
        required=True,
        help="Scheme of the mandates professional debtors give on their recovery page, and "
        "default of the signed paper mandates recorded for them. Consumers and public bodies "
        "always sign CORE mandates. Under B2B the debtor has no refund right, and its bank "
        "must know the mandate before the first debit.",
    )
    direct_debit_return_fee = fields.Boolean(
        string="Re-invoice Return Fees to Professionals",
        help="When a direct debit of a professional debtor is returned, a draft customer "
        "invoice of the return fee is prepared for the accountant. Never for consumers or "
        "public bodies.",
    )
    direct_debit_return_fee_product_id = fields.Many2one(
        "product.product",
        string="Return Fee Product",
        default=lambda self: self.env.ref(RETURN_FEE_PRODUCT, raise_if_not_found=False),
        domain="[('type', '=', 'service')]",
        help="Product invoiced for a returned debit: its sales price is the fee, its income "
        "account and taxes those of the invoice line.",
    )

    def _direct_debit_return_fee_product(self):
        """The product of the return fee: the policy's, else the one shipped with the add-on."""
        self.ensure_one()
        return (
            self.direct_debit_return_fee_product_id
            or self.env.ref(RETURN_FEE_PRODUCT, raise_if_not_found=False)
            or self.env["product.product"]
        )
