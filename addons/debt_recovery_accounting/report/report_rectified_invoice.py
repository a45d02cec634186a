# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models
from odoo.exceptions import AccessError

from ..models.account_move import ACCOUNTING_GROUPS


class ReportRectifiedInvoice(models.AbstractModel):
    _name = "report.debt_recovery_accounting.report_rectified_invoice"
    _description = "Rectified Invoice of Irrecoverable Debts"

    @api.model
    def _get_report_values(self, docids, data=None):
        docs = self.env["account.move"].browse(docids)
        # Refused before rendering: the invoices and their write-off figures (accountants and
        # recovery managers only).
        docs.check_access("read")
        if not self.env.user.has_groups(ACCOUNTING_GROUPS):
            raise AccessError(self.env._("Only accountants and recovery managers print it."))
        return {"doc_ids": docids, "doc_model": "account.move", "docs": docs}
