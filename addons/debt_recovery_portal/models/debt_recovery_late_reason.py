# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class DebtRecoveryLateReason(models.Model):
    _inherit = "debt.recovery.late.reason"

    kind = fields.Selection(
        [
            ("late", "Reason for late payment"),
            ("dispute", "Reason for a dispute"),
            ("both", "Both"),
        ],
        default="late",
        required=True,
        help="Reasons for a dispute are offered to debtors who dispute an invoice online.",
    )

    @api.model
    def _portal_dispute_reasons(self, company):
        return self.sudo().search(
            [("kind", "in", ("dispute", "both")), ("company_id", "in", (False, company.id))]
        )
