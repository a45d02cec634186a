# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
from odoo import api, models


class ReportInsuranceDeclaration(models.AbstractModel):
    """The declarations printed, once the caller proved they may read them
    (``/report/...`` does not look at the action's groups)."""

    _name = "report.debt_recovery_insurance.report_insurance_declaration"
    _description = "Declaration to the Insurer"

    @api.model
    def _get_report_values(self, docids, data=None):
        docs = self.env["debt.recovery.insurance.declaration"].browse(docids)
        docs.check_access("read")
        return {
            "doc_ids": docids,
            "doc_model": "debt.recovery.insurance.declaration",
            "docs": docs,
        }
