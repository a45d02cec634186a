# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models

from .account_move import ACCOUNTING_GROUPS


class ResPartner(models.Model):
    _inherit = "res.partner"

    debt_recovery_covered_percent = fields.Float(
        string="Share Covered (%)",
        digits=(5, 2),
        company_dependent=True,
        groups=ACCOUNTING_GROUPS,
        help="Share of the debtor's receivables covered by a credit insurer or a guarantee: "
        "the provision of a doubtful receivable is on the rest only.",
    )
