# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.tools import format_date


class DebtRecoveryRate(models.Model):
    _name = "debt.recovery.rate"
    _description = "Late-Payment Reference Rate"
    _order = "date_from desc"

    date_from = fields.Date(required=True, string="Effective From")
    rate = fields.Float(
        required=True,
        digits=(16, 4),
        help="Reference rate in %, e.g. the ECB main refinancing operations rate.",
    )
    name = fields.Char(string="Source", default="ECB main refinancing operations")
    company_id = fields.Many2one(
        "res.company", help="Leave empty to share the rate with every company."
    )

    _sql_constraints = [
        (
            "date_company_unique",
            "UNIQUE(date_from, company_id)",
            "A reference rate already starts on this date.",
        ),
    ]

    @api.depends("name", "date_from")
    def _compute_display_name(self):
        for rate in self:
            rate.display_name = self.env._(
                "%(name)s from %(date)s",
                name=rate.name or self.env._("Reference rate"),
                date=format_date(self.env, rate.date_from),
            )

    def _rates_for(self, company):
        """(date_from, rate) pairs that apply to ``company`` (its own rates win on a date)."""
        rows = self.sudo().search_read(
            [("company_id", "in", [False, company.id])], ["date_from", "rate", "company_id"]
        )
        by_date = {}
        for row in sorted(rows, key=lambda r: bool(r["company_id"])):
            by_date[row["date_from"]] = row["rate"]
        return sorted(by_date.items())
