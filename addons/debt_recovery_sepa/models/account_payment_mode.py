# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class AccountPaymentMode(models.Model):
    _inherit = "account.payment.mode"

    debt_recovery_lead_days = fields.Integer(
        string="Lead Time (business days)",
        default=2,
        help="TARGET2 business days before the collection date on which the instalments "
        "collected by this mode are put in a direct debit order (the time the bank needs "
        "the file in advance).",
    )

    @api.constrains("debt_recovery_lead_days")
    def _check_debt_recovery_lead_days(self):
        if any(mode.debt_recovery_lead_days < 0 for mode in self):
            raise ValidationError(self.env._("The lead time cannot be negative."))
