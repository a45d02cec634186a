# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.tools import format_date
from odoo.tools.sql import create_unique_index

from ..engine import interest

RATE_TYPES = [
    ("ecb", "ECB main refinancing rate"),
    ("legal", "Legal interest rate (creditors other than individuals)"),
    ("legal_individual", "Legal interest rate (creditors who are individuals)"),
]


class DebtRecoveryRate(models.Model):
    _name = "debt.recovery.rate"
    _description = "Late-Payment Reference Rate"
    _order = "rate_type, date_from desc"

    rate_type = fields.Selection(
        RATE_TYPES,
        string="Type",
        required=True,
        default="ecb",
        index=True,
        help="ECB rate: professional and public debtors' penalties. Legal interest rate "
        "(taux de l'intérêt légal, by half-year): consumers' interest after a formal notice and "
        "the floor of a contractual rate (3 times it).",
    )
    date_from = fields.Date(required=True, string="Effective From")
    rate = fields.Float(required=True, digits=(16, 4), help="Annual rate in %.")
    name = fields.Char(string="Source")
    company_id = fields.Many2one(
        "res.company", help="Leave empty to share the rate with every company."
    )

    def init(self):
        # One rate per type, date and company; the shared rows (no company) count as one.
        create_unique_index(
            self.env.cr,
            "debt_recovery_rate_type_date_company_uniq",
            self._table,
            ["rate_type", "date_from", "COALESCE(company_id, 0)"],
        )

    @api.depends("name", "date_from")
    def _compute_display_name(self):
        for rate in self:
            rate.display_name = self.env._(
                "%(name)s from %(date)s",
                name=rate.name or self.env._("Reference rate"),
                date=format_date(self.env, rate.date_from),
            )

    @api.model
    def _rate_table(self, company, rate_type="ecb", confirmed=None):
        """The engine's table of ``rate_type`` for ``company``, limited to the day its rate
        type is confirmed through (``confirmed``: :meth:`debt.recovery.rate.type.
        _confirmed_through`, read once by callers that build many tables)."""
        if confirmed is None:
            confirmed = self.env["debt.recovery.rate.type"]._confirmed_through()
        return interest.RateTable(
            self._rates_for(company, rate_type), confirmed_through=confirmed.get(rate_type)
        )

    @api.model
    def _rates_for(self, company, rate_type="ecb"):
        """(date_from, rate) pairs of ``rate_type`` for ``company`` (its own rates win)."""
        # Reference rates are public figures shared by every company: read them whatever the
        # user's companies, for the penalties of the company asked.
        rows = self.sudo().search_read(
            [("company_id", "in", [False, company.id]), ("rate_type", "=", rate_type)],
            ["date_from", "rate", "company_id"],
        )
        by_date = {}
        for row in sorted(rows, key=lambda r: bool(r["company_id"])):
            by_date[row["date_from"]] = row["rate"]
        return sorted(by_date.items())
