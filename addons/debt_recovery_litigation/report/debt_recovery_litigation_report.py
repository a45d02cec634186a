# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The values of the litigation reports: the records printed, once the caller proved they may
read them (``/report/...`` does not look at the actions' groups)."""

from odoo import models


class ReportCourtFileCover(models.AbstractModel):
    _name = "report.debt_recovery_litigation.report_court_file_cover"
    _inherit = "debt.recovery.report.access"
    _description = "Court File Cover"
    _report_model = "debt.recovery.court.file"


class ReportCourtFileStatement(models.AbstractModel):
    _name = "report.debt_recovery_litigation.report_court_file_statement"
    _inherit = "debt.recovery.report.access"
    _description = "Court File Statement"
    _report_model = "debt.recovery.court.file"


class ReportCourtFileLog(models.AbstractModel):
    _name = "report.debt_recovery_litigation.report_court_file_log"
    _inherit = "debt.recovery.report.access"
    _description = "Court File Log"
    _report_model = "debt.recovery.court.file"


class ReportCourtFilePlans(models.AbstractModel):
    _name = "report.debt_recovery_litigation.report_court_file_plans"
    _inherit = "debt.recovery.report.access"
    _description = "Court File Broken Plans"
    _report_model = "debt.recovery.court.file"


class ReportLitigationSummary(models.AbstractModel):
    _name = "report.debt_recovery_litigation.report_litigation_summary"
    _inherit = "debt.recovery.report.access"
    _description = "Request Summary (court)"
    _report_model = "debt.recovery.case"


class ReportSettlementLetter(models.AbstractModel):
    _name = "report.debt_recovery_litigation.report_settlement_letter"
    _inherit = "debt.recovery.report.access"
    _description = "Settlement Letter"
    _report_model = "debt.recovery.settlement"


class ReportClaimDeclaration(models.AbstractModel):
    _name = "report.debt_recovery_litigation.report_claim_declaration"
    _inherit = "debt.recovery.report.access"
    _description = "Declaration of Claim"
    _report_model = "debt.recovery.case"
