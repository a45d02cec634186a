# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    debt_recovery_policy_id = fields.Many2one(
        "debt.recovery.policy",
        string="Default Recovery Policy",
        domain="[('company_id', '=', id)]",
    )

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        companies._debt_recovery_create_default_policy()
        return companies

    def _debt_recovery_create_default_policy(self):
        """Give each company without a policy a copy of the shipped default ladder."""
        template = self.env.ref("debt_recovery.policy_default", raise_if_not_found=False)
        if not template:
            return
        # Reached from create() only, by whoever may create companies. Superuser: the shipped
        # ladder belongs to the first company, where the creator may not work, and the new
        # company is not among the creator's companies yet.
        for company in self.filtered(lambda c: not c.debt_recovery_policy_id):
            policy = template.sudo().copy({"company_id": company.id})
            company.sudo().debt_recovery_policy_id = policy
