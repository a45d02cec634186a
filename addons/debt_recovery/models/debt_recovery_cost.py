# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Recovery costs actually incurred for a case (a bailiff's, an agency's invoice...), with their
proof: beyond the fixed indemnity, only these can be claimed from a professional or a public
body (C. com. L441-10 II), never from a consumer."""

from odoo import api, fields, models


class DebtRecoveryCost(models.Model):
    _name = "debt.recovery.cost"
    _description = "Recovery Cost Incurred"
    _order = "date desc, id desc"
    _check_company_auto = True

    case_id = fields.Many2one(
        "debt.recovery.case", required=True, index=True, ondelete="cascade", check_company=True
    )
    company_id = fields.Many2one(related="case_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="case_id.currency_id")
    date = fields.Date(required=True, default=fields.Date.context_today)
    name = fields.Char(string="Description", required=True)
    amount = fields.Monetary(required=True)
    attachment_ids = fields.Many2many(
        "ir.attachment",
        string="Proof",
        help="The invoice or receipt of the cost: a cost without its proof is not claimed.",
    )
    documented = fields.Boolean(compute="_compute_documented", store=True)

    @api.depends("attachment_ids")
    def _compute_documented(self):
        for cost in self:
            cost.documented = bool(cost.attachment_ids)
