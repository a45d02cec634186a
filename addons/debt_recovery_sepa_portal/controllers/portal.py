# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
"""The debtor revokes its direct debit mandate on its recovery page.

The route finds its case as every route of the page does (its signed link or the debtor's
login); the plan must be one of that case's, paid by direct debit."""

from odoo import http
from odoo.exceptions import UserError

from odoo.addons.debt_recovery_portal.controllers.portal import RecoveryPortal


class RecoveryPortalMandate(RecoveryPortal):
    _recovery_done_messages = (*RecoveryPortal._recovery_done_messages, "mandate_revoked")

    @http.route(
        "/my/recovery/<int:case_id>/mandate/<int:plan_id>/revoke",
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
    )
    def portal_recovery_mandate_revoke(self, case_id, plan_id, access_token=None, **post):
        def action(case_sudo, evidence):
            plan = case_sudo._portal_direct_debit_plans().filtered(lambda p: p.id == plan_id)
            if not plan or not post.get("accept"):
                raise UserError(
                    http.request.env._("Confirm that you revoke the mandate to revoke it.")
                )
            case_sudo._portal_revoke_mandate(plan, evidence)

        return self._recovery_action(case_id, access_token, action, "mandate_revoked", post)
