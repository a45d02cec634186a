# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

from odoo.addons.debt_recovery.models import evidence

AGREEMENT_REPORT = "debt_recovery_reports.action_report_plan_agreement"
# The debtor's signature and the agreement as signed: written once, by the signing action.
SIGNATURE_FIELDS = frozenset(
    {"portal_signed_by", "portal_signed_on", "portal_signed_ip", "portal_agreement_id"}
)
# Set by the page's own actions when the debtor asks for the plan.
REQUEST_FIELDS = frozenset({"portal_requested", "portal_communication_id"})


class DebtRecoveryPlan(models.Model):
    _inherit = "debt.recovery.plan"

    portal_requested = fields.Boolean(
        string="Asked Online", readonly=True, copy=False, help="Asked by the debtor online."
    )
    portal_communication_id = fields.Many2one(
        "debt.recovery.communication", string="Request", readonly=True, copy=False
    )
    portal_signed_by = fields.Char(string="Signed By", readonly=True, copy=False)
    portal_signed_on = fields.Datetime(string="Signed On", readonly=True, copy=False)
    portal_signed_ip = fields.Char(string="Signed From (IP)", readonly=True, copy=False)
    portal_agreement_id = fields.Many2one(
        "ir.attachment", string="Signed Agreement", readonly=True, copy=False
    )

    @api.model_create_multi
    def create(self, vals_list):
        evidence.check_system_fields(
            self,
            {name for vals in vals_list for name in vals},
            SIGNATURE_FIELDS | REQUEST_FIELDS,
        )
        return super().create(vals_list)

    def write(self, vals):
        evidence.check_system_fields(
            self, vals, SIGNATURE_FIELDS | REQUEST_FIELDS, SIGNATURE_FIELDS | REQUEST_FIELDS
        )
        return super().write(vals)

    def _portal_attach_agreement(self):
        """Render the plan agreement once signed and keep it on the plan."""
        self.ensure_one()
        attachment = evidence.keep_rendered(
            self, AGREEMENT_REPORT, self.env._("Plan agreement %s signed", self.name)
        )
        self.sudo().portal_agreement_id = attachment
        return attachment
