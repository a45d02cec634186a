# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models
from odoo.exceptions import UserError

PORTAL_EVIDENCE_FIELDS = {"portal_ip", "portal_user_agent", "portal_datetime", "portal_payload"}


class DebtRecoveryCommunication(models.Model):
    _inherit = "debt.recovery.communication"

    portal_ip = fields.Char(string="IP Address", readonly=True, copy=False)
    portal_user_agent = fields.Char(string="Browser", readonly=True, copy=False)
    portal_datetime = fields.Datetime(string="Received At", readonly=True, copy=False)
    portal_payload = fields.Text(
        string="Submitted",
        readonly=True,
        copy=False,
        help="What the debtor submitted on the recovery page, as received.",
    )

    def _prefetch_for_rendering(self):
        """The reminders print the case's link: its token is made for all cases at once."""
        result = super()._prefetch_for_rendering()
        self.case_id._portal_ensure_token()
        return result

    def write(self, vals):
        if PORTAL_EVIDENCE_FIELDS & set(vals) and not self.env.su:
            raise UserError(self.env._("The evidence of a portal action cannot be changed."))
        return super().write(vals)
