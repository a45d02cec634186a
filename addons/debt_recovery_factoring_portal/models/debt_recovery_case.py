# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class DebtRecoveryCase(models.Model):
    _inherit = "debt.recovery.case"

    # EXTENDS debt_recovery_portal
    def _portal_page_values(self, today):
        """The debtor's invoices assigned under a notified factoring contract, apart: paid to
        the factor, never online here (they are not among the open invoices the page pays)."""
        values = super()._portal_page_values(today)
        groups = self.env["debt.recovery.factor.assignment"]._notified_by_debtor(
            self.partner_id, self.company_id, lang=self.env.lang
        )
        values["factored"] = groups.get(
            (self.partner_id.commercial_partner_id.id, self.company_id.id), []
        )
        return values
