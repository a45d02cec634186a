# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import uuid
from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL, consteq

from ..engine import portal_rules

PARAM_LINK_MONTHS = "debt_recovery_portal.link_validity_months"
PARAM_ACTIONS_PER_HOUR = "debt_recovery_portal.actions_per_hour"
PARAM_SOON_DAYS = "debt_recovery_portal.soon_due_days"
DEFAULT_LINK_MONTHS = 12
DEFAULT_ACTIONS_PER_HOUR = 20
DEFAULT_SOON_DAYS = 15
MANAGER_GROUP = "debt_recovery.group_debt_recovery_manager"


class DebtRecoveryCase(models.Model):
    _name = "debt.recovery.case"
    _inherit = ["debt.recovery.case", "portal.mixin"]

    portal_token_date = fields.Datetime(
        string="Link Issued On",
        readonly=True,
        copy=False,
        help="When the debtor's current link was made: it expires after the validity set in "
        "the settings, and revoking it makes a new one.",
    )
    portal_link_expiry = fields.Datetime(
        string="Link Expires On", compute="_compute_portal_link_expiry"
    )

    def _compute_access_url(self):
        result = super()._compute_access_url()
        for case in self:
            case.access_url = f"/my/recovery/{case.id}"
        return result

    @api.depends("portal_token_date")
    def _compute_portal_link_expiry(self):
        months = self._portal_link_months()
        for case in self:
            case.portal_link_expiry = portal_rules.link_expiry(
                case.portal_token_date or None, months
            )

    # ------------------------------------------------------------------ settings
    @api.model
    def _portal_param(self, key, default):
        value = self.env["ir.config_parameter"].sudo().get_param(key)
        try:
            return int(value) if value not in (None, False, "") else default
        except ValueError:
            return default

    @api.model
    def _portal_link_months(self):
        return self._portal_param(PARAM_LINK_MONTHS, DEFAULT_LINK_MONTHS)

    @api.model
    def _portal_actions_per_hour(self):
        return self._portal_param(PARAM_ACTIONS_PER_HOUR, DEFAULT_ACTIONS_PER_HOUR)

    @api.model
    def _portal_soon_days(self):
        return self._portal_param(PARAM_SOON_DAYS, DEFAULT_SOON_DAYS)

    # ------------------------------------------------------------------ the signed link
    def _portal_ensure_token(self):
        """The cases' tokens, made (with their date) the first time they are asked for: one
        statement for all the cases of a batch of reminders or letters."""
        missing = self.filtered(lambda c: not c.access_token)
        if missing:
            # The token is written by the system for whoever prints or sends the link.
            missing.flush_recordset(["access_token", "portal_token_date"])
            self.env.cr.execute(
                SQL(
                    """UPDATE debt_recovery_case
                          SET access_token = gen_random_uuid()::text,
                              portal_token_date = now() AT TIME ZONE 'UTC'
                        WHERE id IN %s AND access_token IS NULL""",
                    tuple(missing.ids),
                )
            )
            missing.invalidate_recordset(["access_token", "portal_token_date"])
        return self.access_token if len(self) == 1 else False

    def _debt_recovery_portal_url(self):
        """The absolute signed link of the case's page (reminders, letters)."""
        self.ensure_one()
        return self.get_base_url() + self.get_portal_url()

    def _portal_token_matches(self, token):
        """Whether ``token`` is this case's current token (compared in constant time)."""
        self.ensure_one()
        return bool(self.access_token) and consteq(self.access_token, str(token or ""))

    @api.model
    def _get_thread_with_access(self, thread_id, mode="read", **kwargs):
        """EXTENDS portal: one door for the debtor.

        Odoo's portal lets a token or a signed hash open any ``portal.mixin`` record through the
        generic chatter and mail routes (thread data, posting, attachments, reactions, avatars).
        A case's link opens its recovery page only, where expiry, revocation, the rate limit
        and the evidence of every action apply: through those generic routes a case opens to
        the users whose access rights allow it (employees), never to a token."""
        case = self.browse(thread_id)
        if case.exists() and case.sudo(False).has_access(mode):
            return case
        return self.browse()

    def _portal_link_valid(self, now=None):
        self.ensure_one()
        return portal_rules.link_valid(
            self.portal_token_date or None,
            self._portal_link_months(),
            now or fields.Datetime.now(),
        )

    def action_portal_revoke(self):
        """Revoke the debtor's link: a new one is made, the old one opens nothing any more
        (page, invoices, letters and agreements alike)."""
        if not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(self.env._("Only a debt recovery manager can revoke a link."))
        self.check_access("write")
        now = fields.Datetime.now()
        for case in self:
            # Superuser after the check above: the token fields are written by the system only.
            case.sudo().write({"access_token": str(uuid.uuid4()), "portal_token_date": now})
            case.message_post(body=self.env._("Debtor's link revoked: a new link was made."))
        return True

    def action_portal_copy_link(self):
        """Show the debtor's link to the collector (to send it by another channel)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_url",
            "url": self.get_portal_url(),
            "target": "new",
        }

    # ------------------------------------------------------------------ rate limit
    def _portal_actions_left(self, now=None):
        """Actions this case's page may still take in the current hour (stored: the inbound
        portal communications of the last hour)."""
        self.ensure_one()
        now = now or fields.Datetime.now()
        comms = (
            self.env["debt.recovery.communication"]
            .sudo()
            .search_fetch(
                [
                    ("case_id", "=", self.id),
                    ("channel", "=", "portal"),
                    ("direction", "=", "inbound"),
                    ("create_date", ">", now - timedelta(hours=1)),
                ],
                ["create_date"],
            )
        )
        return portal_rules.actions_left(
            comms.mapped("create_date"), self._portal_actions_per_hour(), now
        )

    def _portal_check_rate(self):
        """Refuse an action beyond the hourly limit. The case's row is locked first, until the
        action is logged and committed: requests sent at once are counted one after the other,
        never all against the same count."""
        self.ensure_one()
        self.env.cr.execute(
            SQL("SELECT id FROM debt_recovery_case WHERE id = %s FOR UPDATE", self.id)
        )
        if self._portal_actions_left() <= 0:
            raise UserError(
                self.env._("Too many requests from this page: please try again in an hour.")
            )

    # ------------------------------------------------------------------ page data
    def _portal_open_invoices(self, today):
        """The debtor's open invoices overdue or falling due soon, oldest first."""
        self.ensure_one()
        return self.env["account.move"].search(
            [
                *self._open_invoices_domain(),
                ("invoice_date_due", "<=", today + timedelta(days=self._portal_soon_days())),
            ],
            order="invoice_date_due, id",
        )

    def _portal_payables(self, invoices):
        return [
            portal_rules.Payable(m.id, m.amount_residual_signed, m.invoice_date_due)
            for m in invoices
        ]

    def _portal_active_plan(self):
        self.ensure_one()
        plans = self.plan_ids.filtered(lambda p: p.state in ("draft", "active"))
        return plans.sorted(lambda p: (p.state != "active", -p.id))[:1]

    def _portal_letters(self):
        """The communications sent with their kept PDF (the letters as sent), newest first."""
        self.ensure_one()
        return (
            self.env["debt.recovery.communication"]
            .sudo()
            .search(
                [
                    ("case_id", "=", self.id),
                    ("direction", "=", "outbound"),
                    ("state", "=", "done"),
                    ("evidence_attachment_id", "!=", False),
                ],
                order="date desc, id desc",
            )
        )

    def _portal_messages(self):
        """The case's messages the debtor may read: the comments not marked internal (the
        collector's answers and the debtor's own messages), newest first."""
        self.ensure_one()
        comment = self.env.ref("mail.mt_comment")
        return (
            self.env["mail.message"]
            .sudo()
            .search(
                [
                    ("model", "=", self._name),
                    ("res_id", "=", self.id),
                    ("message_type", "in", ("comment", "email")),
                    ("subtype_id", "=", comment.id),
                ],
                order="date desc, id desc",
                limit=50,
            )
        )

    def _portal_page_values(self, today):
        """Everything the page shows, read set-based (the invoices' penalties in one go)."""
        self.ensure_one()
        invoices = self._portal_open_invoices(today)
        penalties = invoices._debt_recovery_penalties(today)
        rows = [
            {
                "move": move,
                "overdue": move.invoice_date_due < today,
                "interest": penalties[move.id]["interest"],
                "indemnity": penalties[move.id]["indemnity"],
                "held": move.debt_recovery_excluded,
                "reason": move.debt_recovery_exclusion_reason,
            }
            for move in invoices
        ]
        currency = self.currency_id
        plan = self._portal_active_plan()
        return {
            "case": self,
            "currency": currency,
            "today": today,
            "invoice_rows": rows,
            "amount_open": currency.round(sum(invoices.mapped("amount_residual_signed"))),
            "amount_overdue_open": currency.round(
                sum(r["move"].amount_residual_signed for r in rows if r["overdue"])
            ),
            "interest": currency.round(sum(r["interest"] for r in rows if r["overdue"])),
            "indemnity": currency.round(sum(r["indemnity"] for r in rows if r["overdue"])),
            "plan": plan,
            "promises": self.promise_ids.sorted(lambda p: (p.date_made, p.id), reverse=True),
            "disputes": [r for r in rows if r["held"] and r["reason"] == "dispute"],
            "disputable": [r for r in rows if not (r["held"] and r["reason"] == "dispute")],
            "plannable": bool(self._portal_plannable_invoices()),
            "letters": self._portal_letters(),
            "messages": self._portal_messages(),
            "dispute_reasons": self.env["debt.recovery.late.reason"]._portal_dispute_reasons(
                self.company_id
            ),
            "promise_bounds": self._portal_promise_bounds(today, invoices),
            "plan_bounds": self._portal_plan_bounds(),
        }

    def _portal_promise_bounds(self, today, invoices=None):
        self.ensure_one()
        if invoices is None:
            invoices = self._portal_open_invoices(today)
        # What a promise covers: the overdue invoices still claimed (not disputed, not in a
        # plan, not already promised).
        due = sum(
            m.amount_residual_signed
            for m in invoices
            if m.invoice_date_due < today and not m.debt_recovery_excluded
        )
        policy = self.policy_id
        return portal_rules.promise_bounds(
            today,
            self.currency_id.round(due),
            policy.portal_promise_max_days,
            policy.portal_promise_min_share,
            self.currency_id.rounding,
        )

    def _portal_plannable_invoices(self):
        """The overdue invoices a plan asked online may cover: not in a plan, not disputed."""
        self.ensure_one()
        invoices = self.env["debt.recovery.plan"]._plannable_invoices(
            self.partner_id, self.company_id
        )
        return invoices.filtered(lambda m: m.debt_recovery_exclusion_reason != "dispute")

    def _portal_plan_bounds(self):
        policy = self.policy_id
        return (policy.portal_plan_min_instalments, policy.portal_plan_max_instalments)

    # ------------------------------------------------------------------ after a payment
    @api.model
    def _portal_refresh_after_payment(self, moves):
        """Refresh at once what a payment of ``moves`` changes, as the daily job does for these
        debtors only: their active plans, their open promises, then their cases."""
        if not moves:
            return
        today = fields.Date.context_today(self)
        partners = moves.commercial_partner_id
        plans = self.env["debt.recovery.plan"].search(
            [("state", "=", "active"), ("invoice_ids", "in", moves.ids)]
        )
        self.env["debt.recovery.plan"]._refresh_plans(plans, today)
        promises = self.env["debt.recovery.promise"].search(
            [
                ("state", "=", "open"),
                ("partner_id", "in", partners.ids),
                ("company_id", "in", moves.company_id.ids),
            ]
        )
        self.env["debt.recovery.promise"]._refresh_promises(promises, today)
        by_company = defaultdict(set)
        for move in moves:
            by_company[move.company_id.id].add(move.commercial_partner_id.id)
        for company_id, partner_ids in by_company.items():
            self._sync_cases(today, [company_id], list(partner_ids))

    # ------------------------------------------------------------------ demo
    @api.model
    def _portal_demo_enable_provider(self, company=None):
        """Enable and publish the demo payment provider for ``company`` (default: the demo
        company, in a database with the recovery demo data only; another company gets its own
        copy of it)."""
        provider = self.env.ref("payment.payment_provider_demo", raise_if_not_found=False)
        main = self.env.ref("base.main_company")
        if not provider or provider.code != "demo" or provider.company_id != main:
            return
        if not company:
            demo_debtor = self.env.ref(
                "debt_recovery.demo_plan_partner_boulangerie", raise_if_not_found=False
            )
            if not demo_debtor:
                return
            company = main
        if company != main:
            provider = self.env["payment.provider"].search(
                [("code", "=", "demo"), ("company_id", "=", company.id)], limit=1
            ) or provider.copy({"company_id": company.id})
        if provider.state == "disabled":
            provider.write({"state": "test", "is_published": True})
        # Payments on the outstanding receipts account: Odoo reconciles them with the invoices.
        outstanding = self.env.ref(
            f"account.{company.id}_account_journal_payment_debit_account_id",
            raise_if_not_found=False,
        )
        lines = provider.journal_id.inbound_payment_method_line_ids.filtered(
            lambda line: line.payment_provider_id == provider and not line.payment_account_id
        )
        if outstanding and lines:
            lines.payment_account_id = outstanding

    @api.model
    def _portal_demo_setup(self, partner_id):
        """Demo data: the demo provider enabled, the debtor's case and its link made."""
        self._portal_demo_enable_provider()
        company = self.env.ref("base.main_company")
        self._sync_cases(fields.Date.context_today(self), company.ids, [partner_id])
        case = self.search([("partner_id", "=", partner_id), ("company_id", "=", company.id)])
        case._portal_ensure_token()
