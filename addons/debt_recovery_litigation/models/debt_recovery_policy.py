# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class DebtRecoveryPolicy(models.Model):
    _inherit = "debt.recovery.policy"

    mediation_days = fields.Integer(
        string="Mediation Duration (days)",
        default=90,
        help="A mediation holds the case this long; it can be renewed once.",
    )

    _sql_constraints = [
        (
            "mediation_days_positive",
            "CHECK(mediation_days > 0)",
            "A mediation lasts at least one day.",
        ),
    ]
