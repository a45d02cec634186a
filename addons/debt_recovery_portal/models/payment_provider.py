# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models


class PaymentProvider(models.Model):
    _inherit = "payment.provider"

    @api.model
    def _setup_provider(self, provider_code):
        """The demo provider installed after the recovery portal's demo data: enabled for the
        demo company as the demo data would have done."""
        result = super()._setup_provider(provider_code)
        if provider_code == "demo":
            self.env["debt.recovery.case"]._portal_demo_enable_provider()
        return result
