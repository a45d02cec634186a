# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The preview of a run: what the daily job would do on a chosen day, nothing written.

The run's own steps decide: the synchronisation's arithmetic (``_sync_rows``,
``_sync_values``) and the ladder's decisions (``_decide_levels``) are called on plain views
of the cases instead of the records, and nothing is applied.
"""

from dataclasses import dataclass
from datetime import date

from odoo import api, models

from .debt_recovery_case import ESCALATED_STATES


@dataclass
class CaseView:
    """A case as the daily job would see it on the preview's day, after the
    synchronisation: the fields the deciding code reads, records where it reads records.

    ``id`` is the case's, or a negative number for a debtor whose case would be opened."""

    id: int
    partner_id: object
    company_id: object
    policy_id: object
    level_id: object
    level_date: date | None
    oldest_due_date: date | None
    amount_overdue: float
    days_overdue: int
    state: str
    hold_reason: str | None
    blocked_reason: str | None
    pending: bool
    user_id: object = None
    invoice_count: int = 0


class DebtRecoveryCase(models.Model):
    _inherit = "debt.recovery.case"

    @api.model
    def _preview_run(self, day, company_ids=None):
        """What the daily job would do on ``day`` in ``company_ids`` (default: the user's
        companies), per debtor: a list of dicts (see :meth:`_preview_row`). Reads only."""
        companies = self.env["res.company"].browse(company_ids or self.env.companies.ids)
        views, invoices_by_key = self._preview_views(day, companies)
        held = {}
        pending = [view for view in views if view.pending]
        decisions, updates = self._decide_levels(pending, day, held=held)
        reached = {case.id: level for case, level in decisions}
        # What the communications would claim, computed as the run computes it.
        claims = {
            case.id: vals
            for (case, _level), vals in zip(
                decisions,
                self.env["debt.recovery.communication"]._values_for_levels(
                    decisions, day, invoices_by_key
                ),
                strict=True,
            )
        }
        rows = [
            self._preview_row(
                view, reached.get(view.id), updates.get(view.id, {}), held, claims.get(view.id)
            )
            for view in views
        ]
        return rows + self._preview_preventive_rows(day, companies, views)

    @api.model
    def _preview_document(self, case, level, day, kind="email"):
        """The email (with the reports add-on, the letter) ``case`` would get on reaching
        ``level`` on ``day``, rendered when asked for: the communication is made as the run
        makes it, rendered, and rolled back at once (nothing is kept). ``kind``: "email" or
        "letter". Returns {"title", "html", "document"} (see ``_preview_render``)."""
        savepoint = self.env.cr.savepoint()
        try:
            context = self._sync_cases(day, case.company_id.ids, case.partner_id.ids)
            comm = self.env["debt.recovery.communication"]._create_for_levels(
                [(case, level)], day, context
            )
            return comm._preview_render(kind)
        finally:
            savepoint.close(rollback=True)
            self.env.invalidate_all()

    @api.model
    def _preview_preventive_rows(self, day, companies, views):
        """The courteous reminders before the due date the run would send (same decision as
        ``_send_preventive_reminders``), one row per debtor and level."""
        overdue_keys = {
            (view.partner_id.id, view.company_id.id)
            for view in views
            if view.oldest_due_date and view.state != "closed"
        }
        requests = self._preventive_reminder_requests(day, overdue_keys=overdue_keys)
        rows = []
        for (_partner_id, company_id), case, level, moves in requests:
            if company_id not in companies.ids:
                continue
            partner = moves.commercial_partner_id[:1]
            rows.append(
                {
                    "case_id": case.id if case else False,
                    "partner_id": partner.id,
                    "partner": partner.display_name,
                    "company": moves.company_id[:1].name,
                    "currency": moves.company_id[:1].currency_id,
                    "state": case.state if case else "",
                    "hold": "",
                    "level_from": "",
                    "level_to": level.name,
                    "level_id": level.id,
                    "stage": level.stage,
                    "outputs": level._preview_outputs(),
                    "to_validate": level.manual_validation,
                    "amount_overdue": 0.0,
                    "amount_claimed": sum(moves.mapped("amount_residual")),
                    "interest": 0.0,
                    "indemnity": 0.0,
                    "days_overdue": 0,
                    "deadline": min(moves.mapped("invoice_date_due")),
                    "next_action_date": False,
                    "reason": "",
                    "held_back": [],
                }
            )
        return rows

    @api.model
    def _preview_views(self, day, companies):
        """The cases of ``companies`` as the synchronisation of ``day`` would leave them (the
        same rows and arithmetic as ``_sync_cases``), as :class:`CaseView`."""
        invoices_by_key, policies = self._sync_rows(day, companies, None)
        credits = self._credit_rows(companies.ids, None)
        debtors = list({key[0] for key in invoices_by_key})
        cases = self.search(
            [("company_id", "in", companies.ids)]
            + ["|", ("state", "!=", "closed"), ("partner_id", "in", debtors)]
        )
        case_by_key = {(c.partner_id.id, c.company_id.id): c for c in cases}
        active_plan_cases = set(
            self.env["debt.recovery.plan"]
            .search([("state", "=", "active"), ("case_id", "in", cases.ids)])
            .case_id.ids
        )
        keys = sorted(set(invoices_by_key) | set(case_by_key))
        partners = {p.id: p for p in self.env["res.partner"].browse({k[0] for k in keys})}
        views = []
        for new_id, key in enumerate(keys, start=1):
            case = case_by_key.get(key, self.browse())
            invoices = invoices_by_key.get(key, [])
            policy = policies.get(key) or case.policy_id
            company = companies.filtered(lambda c, company_id=key[1]: c.id == company_id)
            vals = self._sync_values(
                case._facts(invoices, case.id in active_plan_cases),
                company.currency_id,
                invoices,
                credits.get(key, 0.0),
                policy,
                day,
                new=not case,
            )
            decision = vals.pop("decision", None)
            state = decision.state if decision else vals["state"]
            if state == "closed" and (not case or case.state == "closed"):
                continue
            view = self._preview_view(case, -new_id, partners[key[0]], company, policy, vals, day)
            view.state = state
            view.hold_reason = (
                decision.hold_reason if decision else vals.get("hold_reason")
            ) or None
            view.pending = view.pending and state in ESCALATED_STATES
            view.invoice_count = len(invoices)
            views.append(view)
        return views, invoices_by_key

    @api.model
    def _preview_view(self, case, new_id, partner, company, policy, vals, day):
        """The :class:`CaseView` of ``case`` (or of the case a new debtor would get) with
        the synchronisation's values ``vals``; its state is set by the caller."""
        reopened = "level_id" in vals and not vals["level_id"]
        level = self.env["debt.recovery.level"] if reopened or not case else case.level_id
        pending = not case or (
            (not case.escalated_on or case.escalated_on < day)
            and (not case.last_run_date or case.last_run_date < day)
            and (not case.next_action_date or case.next_action_date <= day)
        )
        return CaseView(
            id=case.id or new_id,
            partner_id=partner,
            company_id=company,
            policy_id=policy or self.env["debt.recovery.policy"],
            level_id=level,
            level_date=(None if reopened else case.level_date) or None,
            oldest_due_date=vals["oldest_due_date"] or None,
            amount_overdue=vals["amount_overdue"],
            days_overdue=vals["days_overdue"],
            state="open",
            hold_reason=None,
            blocked_reason=vals.get("blocked_reason") or None,
            pending=pending,
            user_id=case.user_id or (policy.user_id if policy else None) or self.env["res.users"],
        )

    @api.model
    def _preview_row(self, view, level, vals, held, claim):
        """One debtor of the preview: where its case stands, what the run would do.

        Keys: ``case_id`` (False for a case the run would open), ``partner_id``,
        ``partner``, ``company``, ``currency``, ``state``, ``hold``, ``level_from``,
        ``level_to``, ``stage``, ``outputs`` (the letters, emails, activities the level
        produces), ``to_validate``, ``amount_overdue``, ``amount_claimed``, ``days_overdue``,
        ``deadline`` (the debtor's answer expected by), ``next_action_date``, ``reason``
        (why nothing moves)."""
        currency = view.company_id.currency_id
        outputs = level._preview_outputs() if level else []
        held_back = held.get(view.id)
        reason = vals.get("blocked_reason") or view.blocked_reason or ""
        if view.state == "on_hold":
            reason = reason or dict(
                self._fields["hold_reason"]._description_selection(self.env)
            ).get(view.hold_reason, "")
        return {
            "case_id": view.id if view.id > 0 else False,
            "partner_id": view.partner_id.id,
            "partner": view.partner_id.display_name,
            "company": view.company_id.name,
            "currency": currency,
            "state": view.state,
            "hold": view.hold_reason or "",
            "level_from": view.level_id.name or "",
            "level_to": level.name if level else "",
            "level_id": level.id if level else False,
            "stage": level.stage if level else "",
            "outputs": outputs,
            "to_validate": bool(level and level.manual_validation),
            "amount_overdue": view.amount_overdue,
            "amount_claimed": (
                claim["amount_due"]
                + claim["interest_amount"]
                + claim["indemnity_amount"]
                + claim["fee_amount"]
                if claim
                else view.amount_overdue
            ),
            "interest": claim["interest_amount"] if claim else 0.0,
            "indemnity": claim["indemnity_amount"] if claim else 0.0,
            "days_overdue": view.days_overdue,
            "deadline": claim["response_date"] if claim else False,
            "next_action_date": vals.get("next_action_date") or False,
            "reason": reason if not level else "",
            "held_back": held_back or [],
        }
