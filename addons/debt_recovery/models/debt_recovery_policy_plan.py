# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models
from odoo.exceptions import ValidationError


class DebtRecoveryPolicy(models.Model):
    _inherit = "debt.recovery.policy"

    @api.constrains("plan_max_months")
    def _check_plan_max_months(self):
        for policy in self:
            if policy.plan_max_months < 1:
                raise ValidationError(
                    self.env._(
                        "The maximum plan length of policy %(policy)s must be at least one month.",
                        policy=policy.display_name,
                    )
                )
