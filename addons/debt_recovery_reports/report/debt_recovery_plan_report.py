# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models


class ReportPlanAgreement(models.AbstractModel):
    _name = "report.debt_recovery_reports.report_plan_agreement"
    _inherit = "debt.recovery.report.access"
    _description = "Instalment Plan Agreement"
    _report_model = "debt.recovery.plan"

    @api.model
    def _get_report_values(self, docids, data=None):
        plans = self._report_docs(docids)
        # Prefetch the whole batch: schedules and invoices in one query each.
        plans.line_ids.mapped("amount")
        plans.invoice_ids.mapped("amount_residual")
        agreements = []
        for plan in plans:
            lines = plan.line_ids.sorted(lambda line: (line.sequence, line.due_date, line.id))
            invoices = plan.invoice_ids.sorted(lambda m: (m.invoice_date_due or m.date, m.id))
            partner = plan.partner_id.commercial_partner_id
            policy = plan.case_id.policy_id or plan.company_id.debt_recovery_policy_id
            agreements.append(
                {
                    "plan": plan,
                    "partner": partner,
                    "consumer": partner.debt_recovery_debtor_type == "consumer",
                    "notice_days": policy.consumer_plan_notice_days,
                    "company": plan.company_id,
                    "currency": plan.currency_id,
                    "lang": plan.partner_id.lang or self.env.lang,
                    "invoices": invoices,
                    "lines": lines,
                    "schedule_total": sum(lines.mapped("amount")),
                    "balance": plan.amount_total - plan.down_payment,
                }
            )
        return {
            "doc_ids": docids,
            "doc_model": "debt.recovery.plan",
            "docs": plans,
            "agreements": agreements,
        }
