# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    debt_recovery_policy_id = fields.Many2one(
        "debt.recovery.policy",
        string="Default Recovery Policy",
        domain="[('company_id', '=', id)]",
    )
    debt_recovery_assessment_retention_days = fields.Integer(
        string="Keep Budget Details (days)",
        default=365,
        help="The budget lines and attachments of an individual's capacity assessment are "
        "erased this many days after the debtor's case closed; the result is kept.",
    )

    _sql_constraints = [
        (
            "debt_recovery_assessment_retention_positive",
            "CHECK(debt_recovery_assessment_retention_days >= 0)",
            "The retention of budget details cannot be negative.",
        ),
    ]

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
        for company in self.filtered(lambda c: not c.debt_recovery_policy_id):
            policy = template.sudo().copy({"company_id": company.id})
            company.sudo().debt_recovery_policy_id = policy
