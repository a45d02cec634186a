# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The settlement agreement on the debtor's recovery page: read it, then sign it.

The routes find their case as every route of the page does (its signed link or the debtor's
login); the settlement must be one of that case's."""

from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import AccessError, UserError
from odoo.http import content_disposition, request

from odoo.addons.debt_recovery_portal.controllers.portal import RecoveryPortal
from odoo.addons.debt_recovery_portal.engine import portal_rules

AGREEMENT_REPORT = "debt_recovery_litigation.action_report_settlement_letter"


class RecoveryPortalSettlement(RecoveryPortal):
    # EXTENDS debt_recovery_portal
    def _recovery_done_messages(self):
        return (*super()._recovery_done_messages(), "settlement_signed")

    @http.route(
        "/my/recovery/<int:case_id>/settlement/<int:settlement_id>", type="http", auth="public"
    )
    def portal_recovery_settlement(self, case_id, settlement_id, access_token=None, **kw):
        """The agreement: as signed once signed, else as it stands, to read before signing."""
        try:
            case_sudo = self._recovery_case(case_id, access_token)
        except AccessError:
            raise NotFound() from None
        settlement = case_sudo._portal_settlements().filtered(lambda s: s.id == settlement_id)
        if not settlement:
            raise NotFound()
        if settlement.signed_on:
            return self._recovery_attachment_response(settlement.signed_agreement_id, settlement)
        self._recovery_lang(case_sudo)
        Report = request.env["ir.actions.report"].sudo().with_company(settlement.company_id)
        content, fmt = Report._render_qweb_pdf(AGREEMENT_REPORT, settlement.ids)
        is_pdf = fmt == "pdf"
        filename = request.env._("Settlement agreement %s", settlement.partner_id.name)
        headers = [
            ("Content-Type", "application/pdf" if is_pdf else "text/html; charset=utf-8"),
            ("Content-Length", len(content)),
            (
                "Content-Disposition",
                content_disposition(f"{filename}.{'pdf' if is_pdf else 'html'}"),
            ),
        ]
        return request.make_response(content, headers=headers)

    @http.route(
        "/my/recovery/<int:case_id>/settlement/<int:settlement_id>/sign",
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
    )
    def portal_recovery_settlement_sign(self, case_id, settlement_id, access_token=None, **post):
        def action(case_sudo, evidence):
            settlement = case_sudo._portal_settlements().filtered(lambda s: s.id == settlement_id)
            if not settlement or not post.get("accept"):
                raise UserError(request.env._("Read and accept the agreement to sign it."))
            name = self._recovery_text(post.get("name"), portal_rules.MAX_NAME)
            case_sudo._portal_sign_settlement(settlement, name, evidence)

        return self._recovery_action(case_id, access_token, action, "settlement_signed", post)
