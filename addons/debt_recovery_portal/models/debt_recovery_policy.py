# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class DebtRecoveryPolicy(models.Model):
    _inherit = "debt.recovery.policy"

    portal_promise_max_days = fields.Integer(
        string="Promise: Maximum Delay (days)",
        default=30,
        help="A debtor promises online to pay within this number of days at most.",
    )
    portal_promise_min_share = fields.Float(
        string="Promise: Minimum Share (%)",
        default=30.0,
        help="A promise made online covers at least this share of the overdue amount.",
    )
    portal_plan_min_instalments = fields.Integer(string="Plan: Minimum Instalments", default=2)
    portal_plan_max_instalments = fields.Integer(
        string="Plan: Maximum Instalments",
        default=6,
        help="A debtor asks online for a monthly plan of at most this number of instalments "
        "(and within the policy's maximum plan length).",
    )
    portal_plan_auto_instalments = fields.Integer(
        string="Plan Accepted at Once: Up to (instalments)",
        default=3,
        help="A plan asked online with at most this number of instalments, and an amount "
        "under the threshold below, is accepted without a collector. 0: never.",
    )
    portal_plan_auto_amount = fields.Float(
        string="Plan Accepted at Once: Up to (amount)",
        default=1000.0,
        help="Amount threshold of the plans accepted at once (0: never).",
    )

    @api.constrains(
        "portal_promise_max_days",
        "portal_promise_min_share",
        "portal_plan_min_instalments",
        "portal_plan_max_instalments",
    )
    def _check_portal_bounds(self):
        for policy in self:
            if (
                policy.portal_promise_max_days < 0
                or not 0 <= policy.portal_promise_min_share <= 100
                or policy.portal_plan_min_instalments < 1
                or policy.portal_plan_max_instalments < policy.portal_plan_min_instalments
            ):
                raise ValidationError(
                    self.env._(
                        "Policy %s: the portal's bounds are inconsistent (a delay of 0 days or "
                        "more, a share between 0 and 100 %%, at least one instalment and a "
                        "maximum not below the minimum).",
                        policy.display_name,
                    )
                )
