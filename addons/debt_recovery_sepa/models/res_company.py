# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    debt_recovery_sdd_notice_days = fields.Integer(
        string="Direct Debit Pre-notification (days)",
        default=14,
        help="Calendar days at least between the pre-notification of a direct debit and its "
        "collection (14 unless agreed otherwise with the debtor).",
    )
    debt_recovery_sdd_retries = fields.Integer(
        string="Retries after Insufficient Funds",
        default=1,
        help="How many times a debit returned for insufficient funds (AM04) is presented "
        "again, each with its own pre-notification.",
    )
    debt_recovery_sdd_payment_mode_id = fields.Many2one(
        "account.payment.mode",
        string="Direct Debit Payment Mode",
        domain="[('payment_method_id.code', '=', 'sepa_direct_debit'), ('company_id', '=', id)]",
        help="Payment mode of the instalment plans paid by direct debit.",
    )

    @api.constrains("debt_recovery_sdd_notice_days", "debt_recovery_sdd_retries")
    def _check_debt_recovery_sdd(self):
        for company in self:
            if company.debt_recovery_sdd_notice_days < 1 or company.debt_recovery_sdd_retries < 0:
                raise ValidationError(
                    self.env._(
                        "The direct debit pre-notification needs at least one day, and the "
                        "number of retries cannot be negative."
                    )
                )
