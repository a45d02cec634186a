# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models

from odoo.addons.debt_recovery.models.debt_recovery_demo import FRENCH_COMPANY


class DebtRecoveryDemo(models.AbstractModel):
    _inherit = "debt.recovery.demo"

    # EXTENDS debt_recovery
    @api.model
    def _demo_load_french_company(self, replay_days=80):
        """The French company's debtors pay on their page too: the demo payment provider,
        when installed, is enabled for it (once, with the company)."""
        existed = self.env["res.company"].search_count([("name", "=", FRENCH_COMPANY["name"])])
        company = super()._demo_load_french_company(replay_days=replay_days)
        if company and not existed:
            self.env["debt.recovery.case"]._portal_demo_enable_provider(company)
        return company
