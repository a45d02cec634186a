# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models


class DebtRecoveryReportAccess(models.AbstractModel):
    """The values of a report printing records of ``_report_model``, once the caller proved
    they may read them.

    ``/report/<type>/<report>/<ids>`` renders any report for any logged-in user, whatever the
    groups of its action: the check made here is the one that holds.
    """

    _name = "debt.recovery.report.access"
    _description = "Debt Recovery Report (read access checked)"
    _report_model = None

    @api.model
    def _report_docs(self, docids):
        """The records printed, after checking that the caller may read them."""
        docs = self.env[self._report_model].browse(docids)
        docs.check_access("read")
        return docs

    @api.model
    def _get_report_values(self, docids, data=None):
        return {
            "doc_ids": docids,
            "doc_model": self._report_model,
            "docs": self._report_docs(docids),
        }
