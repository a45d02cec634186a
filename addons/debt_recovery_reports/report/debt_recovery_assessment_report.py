# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import defaultdict

from odoo import api, models
from odoo.exceptions import AccessError

MANAGER_GROUP = "debt_recovery.group_debt_recovery_manager"
# Fields the capacity assessment may not have yet: the summary shows what exists.
OPTIONAL_FIELDS = (
    "monthly_income",
    "monthly_expenses",
    "monthly_debt_payments",
    "disposable_income",
    "contingency_rate",
    "recommended_instalment",
    "amount_due",
    "recommended_count",
    "max_months",
    "sustainable",
)


class ReportAssessmentSummary(models.AbstractModel):
    _name = "report.debt_recovery_reports.report_assessment_summary"
    _inherit = "debt.recovery.report.access"
    _description = "Capacity Assessment Summary"
    _report_model = "debt.recovery.assessment"

    @api.model
    def _get_report_values(self, docids, data=None):
        if not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(
                self.env._("Only a Debt Recovery Manager can print capacity assessment summaries.")
            )
        assessments = self._report_docs(docids)
        # The budget lines are printed too: an individual's are personal data.
        assessments.line_ids.check_access("read")
        assessments.line_ids.mapped("amount")
        Assessment = self.env["debt.recovery.assessment"]
        # The budget totals are personal data: printed for the assessments group only.
        present = [
            name
            for name in OPTIONAL_FIELDS
            if name in Assessment._fields and Assessment._fields[name].is_accessible(self.env)
        ]
        summaries = []
        kinds = (
            self.env["debt.recovery.assessment.line"]
            ._fields["kind"]
            ._description_selection(self.env)
        )
        for assessment in assessments:
            by_kind = defaultdict(list)
            for line in assessment.line_ids:
                by_kind[line.kind].append(line)
            totals = {kind: sum(line.amount for line in lines) for kind, lines in by_kind.items()}
            summaries.append(
                {
                    "assessment": assessment,
                    "company": assessment.company_id,
                    "currency": assessment.currency_id,
                    "lines_by_kind": [
                        (kind, label, by_kind.get(kind, []), totals.get(kind, 0.0))
                        for kind, label in kinds
                    ],
                    "figures": [
                        (
                            Assessment._fields[name].get_description(self.env)["string"],
                            assessment[name],
                            Assessment._fields[name].type,
                        )
                        for name in present
                    ],
                }
            )
        return {
            "doc_ids": docids,
            "doc_model": "debt.recovery.assessment",
            "docs": assessments,
            "summaries": summaries,
        }
