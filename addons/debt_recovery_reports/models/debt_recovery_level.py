# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class DebtRecoveryLevel(models.Model):
    _inherit = "debt.recovery.level"

    email_attach_letter = fields.Boolean(
        string="Attach the Letter to the Email",
        help="The email carries the level's letter as a PDF, also kept on the communication as "
        "evidence. Rendering a PDF per email takes time: keep it for the levels that need it.",
    )
