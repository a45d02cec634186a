# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class ResCompany(models.Model):
    _inherit = "res.company"

    # EXTENDS debt_recovery
    def _debt_recovery_setup_checklist(self, today=None):
        """The debtor's page takes payments: a payment provider enabled for the company."""
        items = super()._debt_recovery_setup_checklist(today=today)
        providers = (
            self.env["payment.provider"]
            .sudo()
            .search([("company_id", "=", self.id), ("state", "in", ("enabled", "test"))])
        )
        items.append(
            self._debt_recovery_check_item(
                "payment_provider",
                self.env._("Payment provider (payments on the debtor's page)"),
                bool(providers),
                ", ".join(providers.mapped("name")),
                "/odoo/action-payment.action_payment_provider",
            )
        )
        return items
