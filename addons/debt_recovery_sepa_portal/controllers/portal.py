# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
"""The debtor revokes its direct debit mandate on its recovery page.

The route finds its case as every route of the page does (its signed link or the debtor's
login); the plan must be one of that case's, paid by direct debit."""

from odoo import http
from odoo.exceptions import UserError

from odoo.addons.debt_recovery_portal.controllers.portal import RecoveryPortal
from odoo.addons.debt_recovery_portal.engine import portal_rules


class RecoveryPortalMandate(RecoveryPortal):
    # EXTENDS debt_recovery_portal
    def _recovery_done_messages(self):
        return (*super()._recovery_done_messages(), "mandate_revoked")

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

    # EXTENDS debt_recovery_portal
    @http.route()
    def portal_recovery_plan_sign(self, case_id, plan_id, access_token=None, **post):
        """Signing the plan, the debtor may also give a direct debit mandate (account holder,
        IBAN, consent to the mandate's text shown): the instalments are then debited."""
        if not post.get("sdd_iban"):
            return super().portal_recovery_plan_sign(
                case_id, plan_id, access_token=access_token, **post
            )

        def action(case_sudo, evidence):
            plan = case_sudo.plan_ids.filtered(lambda p: p.id == plan_id)
            if not plan or not post.get("accept"):
                raise UserError(http.request.env._("Read and accept the agreement to sign it."))
            name = self._recovery_text(post.get("name"), portal_rules.MAX_NAME)
            holder = self._recovery_text(post.get("sdd_holder"), portal_rules.MAX_NAME)
            case_sudo._portal_sign_plan(plan, name, evidence)
            case_sudo._portal_give_mandate(
                plan, holder, post.get("sdd_iban") or "", bool(post.get("sdd_consent")), evidence
            )

        return self._recovery_action(case_id, access_token, action, "signed", post)
