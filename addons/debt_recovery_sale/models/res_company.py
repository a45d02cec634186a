# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models

from odoo.addons.debt_recovery.engine.risk import GRADES


class ResCompany(models.Model):
    _inherit = "res.company"

    debt_recovery_sale_warning_grade = fields.Selection(
        [(letter, letter) for letter in GRADES],
        string="Warn Sales From Grade",
        default="D",
        help="Quotations and sale orders of a customer whose late-payment risk grade is this "
        "one or worse show a warning. Empty: no warning.",
    )
