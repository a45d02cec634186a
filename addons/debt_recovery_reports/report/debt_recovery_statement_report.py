# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError

from ..kpi_engine import kpi
from ..models.debt_recovery_aged_receivable import BUCKET_SELECTION


class ReportPartnerStatement(models.AbstractModel):
    _name = "report.debt_recovery_reports.report_partner_statement"
    _inherit = "debt.recovery.report.access"
    _description = "Account Statement"
    _report_model = "res.partner"

    @api.model
    def _get_report_values(self, docids, data=None):
        data = data or {}
        at_date = fields.Date.to_date(data.get("date")) or fields.Date.context_today(self)
        partners = self._report_docs(docids)
        commercial = partners.commercial_partner_id
        company = self.env["res.company"].browse(data.get("company_id")) or self.env.company
        if company not in self.env.companies and not self.env.su:
            raise AccessError(self.env._("You cannot print the statements of another company."))
        Aged = self.env["debt.recovery.aged.receivable"]
        today = fields.Date.context_today(self)
        rows = Aged._rows(
            None if at_date == today else at_date,
            company_ids=company.ids,
            partner_ids=commercial.ids,
        )
        # The rows are read by SQL (record rules do not apply): the caller must be allowed to
        # read every receivable line printed, not only the partner.
        self.env["account.move.line"].browse([row["id"] for row in rows]).check_access("read")
        by_partner = defaultdict(list)
        for row in rows:
            by_partner[row["partner_id"]].append(row)
        labels = dict(BUCKET_SELECTION)
        statements = []
        for partner in partners:
            items = by_partner.get(partner.commercial_partner_id.id, [])
            buckets = kpi.aging(
                ((r["date_maturity"], r["amount_residual"]) for r in items), at_date
            )
            statements.append(
                {
                    "partner": partner.commercial_partner_id,
                    "record": partner,
                    "company": company,
                    "currency": company.currency_id,
                    "lang": partner.lang or self.env.lang,
                    "date": at_date,
                    "items": items,
                    "buckets": [(key, labels[key], buckets[key]) for key in kpi.BUCKETS],
                    "total": company.currency_id.round(sum(buckets.values())),
                }
            )
        return {
            "doc_ids": docids,
            "doc_model": "res.partner",
            "docs": partners,
            "statements": statements,
        }
