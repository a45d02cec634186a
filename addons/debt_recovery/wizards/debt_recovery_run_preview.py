# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from markupsafe import Markup
from werkzeug.urls import url_encode

from odoo import api, fields, models
from odoo.tools.misc import format_amount, format_date

SHOW = [
    ("actions", "Debtors the run would act on"),
    ("held", "Debtors held or waiting"),
    ("all", "Every debtor"),
]


class DebtRecoveryRunPreview(models.TransientModel):
    """What the daily job would do on a chosen day, computed on screen: nothing is written
    (the dialog itself is never saved by the preview)."""

    _name = "debt.recovery.run.preview"
    _description = "Preview of the Next Run"

    date = fields.Date(
        required=True, default=lambda self: fields.Date.context_today(self) + timedelta(days=1)
    )
    company_ids = fields.Many2many(
        "res.company", string="Companies", default=lambda self: self.env.companies
    )
    show = fields.Selection(SHOW, default="actions", required=True)
    search_text = fields.Char(string="Debtor")
    preview_html = fields.Html(compute="_compute_preview_html", sanitize=False, string="Preview")

    @api.model
    def _preview_filters(self, show, search_text):
        """The predicate on preview rows of a filter (shared by the screen and the export)."""
        text = (search_text or "").strip().lower()

        def keep(row):
            if text and text not in row["partner"].lower():
                return False
            if show == "actions":
                return bool(row["level_to"])
            if show == "held":
                return bool(row["reason"] or row["held_back"] or row["hold"])
            return True

        return keep

    @api.model
    def _preview_rows(self, day, company_ids, show="actions", search_text=""):
        """The preview's rows of ``day`` for the user's ``company_ids``, filtered."""
        allowed = set(self.env.user.company_ids.ids)
        companies = [cid for cid in company_ids if cid in allowed] or self.env.companies.ids
        keep = self._preview_filters(show, search_text)
        rows = self.env["debt.recovery.case"]._preview_run(day, companies)
        return sorted(
            (row for row in rows if keep(row)), key=lambda r: (r["company"], r["partner"])
        )

    @api.depends("date", "company_ids", "show", "search_text")
    def _compute_preview_html(self):
        for wizard in self:
            if not wizard.date:
                wizard.preview_html = False
                continue
            rows = self._preview_rows(
                wizard.date, wizard.company_ids.ids, wizard.show, wizard.search_text
            )
            wizard.preview_html = wizard._preview_table(rows)

    def _export_url(self):
        query = {
            "date": fields.Date.to_string(self.date),
            "company_ids": ",".join(str(cid) for cid in self.company_ids.ids),
            "show": self.show,
            "search": self.search_text or "",
        }
        return f"/debt_recovery/run_preview.csv?{url_encode(query)}"

    def _preview_table(self, rows):
        labels = {
            "partner": self.env._("Debtor"),
            "level": self.env._("Level reached"),
            "outputs": self.env._("Produces"),
            "claimed": self.env._("Amount claimed"),
            "deadline": self.env._("Answer expected by"),
            "hold": self.env._("Held or waiting"),
        }
        head = Markup("").join(Markup("<th>%s</th>") % label for label in labels.values())
        body = Markup("").join(self._preview_table_row(row) for row in rows)
        summary = self.env._(
            "%(count)s debtors; nothing has been sent or written.", count=len(rows)
        )
        return Markup(
            '<p class="o_debt_recovery_preview_summary">%s <a href="%s">%s</a></p>'
            '<table class="table table-sm o_debt_recovery_preview"><thead><tr>%s</tr></thead>'
            "<tbody>%s</tbody></table>"
        ) % (summary, self._export_url(), self.env._("Export (CSV)"), head, body)

    def _preview_output(self, row, kind, label):
        """An output of a row: a link opening the email or letter (rendered on opening)."""
        if kind not in ("email", "letter") or not row["case_id"] or not row["level_id"]:
            return label
        query = {
            "case_id": row["case_id"],
            "level_id": row["level_id"],
            "date": fields.Date.to_string(self.date),
            "kind": kind,
        }
        return Markup('<a href="/debt_recovery/run_preview/document?%s" target="_blank">%s</a>') % (
            url_encode(query),
            label,
        )

    def _preview_table_row(self, row):
        level = row["level_to"]
        if level and row["level_from"]:
            level = f"{row['level_from']} → {level}"
        outputs = Markup(", ").join(
            self._preview_output(row, kind, label) for kind, label in row["outputs"]
        )
        if row["to_validate"] and outputs:
            outputs = Markup(self.env._("%s (to validate)")) % outputs
        hold = row["reason"] or ", ".join(row["held_back"])
        case_link = (
            Markup('<a href="/odoo/debt.recovery.case/%s">%s</a>')
            % (row["case_id"], row["partner"])
            if row["case_id"]
            else row["partner"]
        )
        cells = [
            case_link,
            level,
            outputs,
            format_amount(self.env, row["amount_claimed"], row["currency"]),
            format_date(self.env, row["deadline"]) if row["deadline"] else "",
            hold,
        ]
        return Markup('<tr data-partner-id="%s">%s</tr>') % (
            row["partner_id"],
            Markup("").join(Markup("<td>%s</td>") % cell for cell in cells),
        )
