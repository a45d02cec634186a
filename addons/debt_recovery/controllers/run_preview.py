# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The preview of the next run, exported as CSV (computed again, nothing written)."""

import csv
import io

from markupsafe import Markup
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

    @http.route("/debt_recovery/run_preview/document", type="http", auth="user", methods=["GET"])
    def run_preview_document(self, case_id=None, level_id=None, date=None, kind="email", **kw):
        """The email or letter a case would get on the preview's day, rendered on opening."""
        env = request.env
        if not env.user.has_group("debt_recovery.group_debt_recovery_user"):
            raise Forbidden()
        try:
            case = env["debt.recovery.case"].browse(int(case_id)).exists()
            level_id, day = int(level_id), fields.Date.to_date(date)
        except (TypeError, ValueError) as error:
            raise BadRequest() from error
        if not case or not day:
            raise BadRequest()
        # Record rules included: a case of a company the user does not work in is refused.
        case.check_access("read")
        level = case.policy_id.level_ids.filtered(lambda lv: lv.id == level_id)
        if not level:
            raise BadRequest()
        # Superuser as the daily job: the communication is made, rendered and rolled back.
        document = (
            env["debt.recovery.case"]
            .sudo()
            ._preview_document(case.sudo(), level, day, "letter" if kind == "letter" else "email")
        )
        if document["document"]:
            return request.make_response(
                document["html"], headers=[("Content-Type", "text/html; charset=utf-8")]
            )
        body = Markup(
            "<!DOCTYPE html><html><head><meta charset='utf-8'/><title>%s</title></head>"
            "<body><h1>%s</h1>%s</body></html>"
        ) % (document["title"], document["title"], Markup(document["html"] or ""))
        return request.make_response(
            str(body), headers=[("Content-Type", "text/html; charset=utf-8")]
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
