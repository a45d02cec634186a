# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The preview of the next run, exported as CSV (computed again, nothing written)."""

import csv
import io

from werkzeug.exceptions import BadRequest, Forbidden

from odoo import fields, http
from odoo.http import request
from odoo.tools.misc import format_date


class RunPreviewExport(http.Controller):
    @http.route("/debt_recovery/run_preview.csv", type="http", auth="user", methods=["GET"])
    def run_preview_csv(self, date=None, company_ids="", show="actions", search="", **kw):
        env = request.env
        if not env.user.has_group("debt_recovery.group_debt_recovery_user"):
            raise Forbidden()
        try:
            day = fields.Date.to_date(date)
            companies = [int(cid) for cid in company_ids.split(",") if cid]
        except ValueError as error:
            raise BadRequest() from error
        if not day:
            raise BadRequest()
        rows = env["debt.recovery.run.preview"]._preview_rows(day, companies, show, search)
        return request.make_response(
            self._csv(env, rows),
            headers=[
                ("Content-Type", "text/csv; charset=utf-8"),
                (
                    "Content-Disposition",
                    f'attachment; filename="run-preview-{fields.Date.to_string(day)}.csv"',
                ),
            ],
        )

    @staticmethod
    def _csv(env, rows):
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(
            [
                env._("Company"),
                env._("Debtor"),
                env._("Current level"),
                env._("Level reached"),
                env._("Produces"),
                env._("To validate"),
                env._("Amount overdue"),
                env._("Amount claimed"),
                env._("Currency"),
                env._("Days overdue"),
                env._("Answer expected by"),
                env._("Held or waiting"),
            ]
        )
        for row in rows:
            writer.writerow(
                [
                    row["company"],
                    row["partner"],
                    row["level_from"],
                    row["level_to"],
                    ", ".join(label for _kind, label in row["outputs"]),
                    "x" if row["to_validate"] else "",
                    f"{row['amount_overdue']:.2f}",
                    f"{row['amount_claimed']:.2f}",
                    row["currency"].name,
                    row["days_overdue"],
                    format_date(env, row["deadline"]) if row["deadline"] else "",
                    row["reason"] or ", ".join(row["held_back"]),
                ]
            )
        return out.getvalue().encode("utf-8-sig")
