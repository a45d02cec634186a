# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class ReportCommunicationLetter(models.AbstractModel):
    _name = "report.debt_recovery_reports.report_communication_letter"
    _description = "Debt Recovery Letter (communication)"

    @api.model
    def _get_report_values(self, docids, data=None):
        comms = self.env["debt.recovery.communication"].browse(docids)
        return {
            "doc_ids": docids,
            "doc_model": "debt.recovery.communication",
            "docs": comms,
            "letters": self.env["debt.recovery.letter"]._from_communications(comms),
        }


class ReportCaseLetter(models.AbstractModel):
    _name = "report.debt_recovery_reports.report_case_letter"
    _description = "Debt Recovery Letter (case, as of today)"

    @api.model
    def _get_report_values(self, docids, data=None):
        cases = self.env["debt.recovery.case"].browse(docids)
        at_date = fields.Date.to_date((data or {}).get("date")) or fields.Date.context_today(self)
        return {
            "doc_ids": docids,
            "doc_model": "debt.recovery.case",
            "docs": cases,
            "letters": self.env["debt.recovery.letter"]._from_cases(cases, at_date),
        }
