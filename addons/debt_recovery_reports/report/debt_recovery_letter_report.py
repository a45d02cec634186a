# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class ReportCommunicationLetter(models.AbstractModel):
    _name = "report.debt_recovery_reports.report_communication_letter"
    _inherit = "debt.recovery.report.access"
    _description = "Debt Recovery Letter (communication)"
    _report_model = "debt.recovery.communication"

    @api.model
    def _get_report_values(self, docids, data=None):
        comms = self._report_docs(docids)
        return {
            "doc_ids": docids,
            "doc_model": "debt.recovery.communication",
            "docs": comms,
            "letters": self.env["debt.recovery.letter"]._from_communications(comms),
        }


class ReportCaseLetter(models.AbstractModel):
    _name = "report.debt_recovery_reports.report_case_letter"
    _inherit = "debt.recovery.report.access"
    _description = "Debt Recovery Letter (case, as of today)"
    _report_model = "debt.recovery.case"

    @api.model
    def _get_report_values(self, docids, data=None):
        cases = self._report_docs(docids)
        at_date = fields.Date.to_date((data or {}).get("date")) or fields.Date.context_today(self)
        return {
            "doc_ids": docids,
            "doc_model": "debt.recovery.case",
            "docs": cases,
            "letters": self.env["debt.recovery.letter"]._from_cases(cases, at_date),
        }
