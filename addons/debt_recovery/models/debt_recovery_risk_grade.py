# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models

from ..engine.risk import GRADES


class DebtRecoveryRiskGrade(models.Model):
    """The late-payment risk grades A to E (see :mod:`..engine.risk`), as records so that a
    policy can name the grades it applies to. Fixed data: nobody creates or edits them."""

    _name = "debt.recovery.risk.grade"
    _description = "Late-Payment Risk Grade"
    _order = "code"
    _rec_name = "code"

    code = fields.Selection(
        [(letter, letter) for letter in GRADES], string="Grade", required=True, readonly=True
    )
    description = fields.Char(translate=True, readonly=True)

    _sql_constraints = [
        ("code_unique", "UNIQUE(code)", "A risk grade exists once."),
    ]
