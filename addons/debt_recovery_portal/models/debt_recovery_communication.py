# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

from odoo.addons.debt_recovery.models import evidence

# What a debtor did on the recovery page: written once, by the page's own action.
PORTAL_EVIDENCE_FIELDS = frozenset(
    {"portal_ip", "portal_user_agent", "portal_datetime", "portal_payload"}
)


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

    @api.model_create_multi
    def create(self, vals_list):
        evidence.check_system_fields(
            self, {name for vals in vals_list for name in vals}, PORTAL_EVIDENCE_FIELDS
        )
        return super().create(vals_list)

    def write(self, vals):
        evidence.check_system_fields(self, vals, PORTAL_EVIDENCE_FIELDS, PORTAL_EVIDENCE_FIELDS)
        return super().write(vals)
