# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging
from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, float_round
from odoo.tools.misc import format_date

from ..engine import case_state, ladder
from . import bulk
from .account_move import EXCLUSION_REASONS
from .company_scope import company_condition
from .debt_recovery_rate_type import ReferenceRateError

_logger = logging.getLogger(__name__)

# Labels of the states and hold reasons of engine.case_state (the rule lives there).
CASE_STATES = [
    ("open", "Open"),
    ("on_hold", "On Hold"),
    ("litigation", "Litigation"),
    ("closed", "Closed"),
]
# The reasons an invoice can be held with keep the invoices' labels (one list, two uses).
_CASE_ONLY_REASONS = {
    "manual": "By hand",
    "mediation": "Mediation",
    "agency": "Collection agency",
    "settlement": "Settlement",
    "insurer": "With insurer",
}
HOLD_REASONS = [
    (reason, dict(EXCLUSION_REASONS).get(reason) or _CASE_ONLY_REASONS[reason])
    for reason in case_state.HOLD_REASONS
]
# Holds the law sets: released only when their cause goes (never by hand).
LOCKED_HOLD_REASONS = case_state.LOCKED_REASONS
# Reasons a user may choose to put a case on hold (the others follow from records).
MANUAL_HOLD_REASONS = ("manual", "dispute", "mediation", "agency", "settlement")
# Advisory lock key of the daily escalation ("DRCRON" in ASCII).
MANAGER_GROUP = "debt_recovery.group_debt_recovery_manager"
CRON_LOCK_KEY = 0x445243524F4E
DEFAULT_BATCH_SIZE = 1000
# Debtors synchronised together (when the day is prepared, or by an escalation worker, which
# escalates them in the same transaction): bounds a worker's memory (about 260 MB). Measured on
# 100,000 debtors with 2 workers: 32.9 s by chunks of 1,000, 30.0 s by 2,000, 27.6 s by 5,000.
SYNC_CHUNK_SIZE = 5000
# Share of each page of the cases' table filled by inserts (the rest is for updates).
CASE_FILLFACTOR = 70
# The states the daily job escalates.
ESCALATED_STATES = ("open", "litigation")
# First day a case is pending again (see ``_pending_domain``): the day after its last claim and
# last run, and its next action date; the earliest day of all when none is set (GREATEST skips
# NULL). Indexed, so that claims and counts read only the pending cases, in the order claimed.
PENDING_FROM = SQL(
    "COALESCE(GREATEST(escalated_on + 1, last_run_date + 1, next_action_date), '-infinity'::date)"
)
PENDING_INDEX = "debt_recovery_case_pending_from_index"


def taken_today(today):
    """The marks of a case the daily job took on ``today``, written with the rest of its
    values whatever the outcome (level reached, blocked, failed): no longer pending today."""
    return {"last_run_date": today, "escalated_on": today}


# What the state rule reads of a case not created yet.
_NEW_CASE_FACTS = {
    "state": "closed",
    "hold_reason": None,
    "hold_until": None,
    "hold_explicit": False,
    "stage": None,
}


class DebtRecoveryCase(models.Model):
    _name = "debt.recovery.case"
    _description = "Debt Recovery Case"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "priority desc, id"
    _check_company_auto = True
    _rec_name = "partner_id"

    partner_id = fields.Many2one(
        "res.partner",
        string="Debtor",
        required=True,
        ondelete="restrict",
        domain="[('parent_id', '=', False)]",
        help="The commercial entity that owes: a company, a public body or a person.",
    )
    debtor_type = fields.Selection(
        related="partner_id.debt_recovery_debtor_type", string="Debtor Type", readonly=False
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    policy_id = fields.Many2one(
        "debt.recovery.policy", check_company=True, tracking=True, ondelete="restrict"
    )
    level_id = fields.Many2one(
        "debt.recovery.level",
        string="Level",
        tracking=True,
        domain="[('policy_id', '=', policy_id)]",
        group_expand="_read_group_level_id",
        ondelete="restrict",
    )
    level_stage = fields.Selection(related="level_id.stage")
    level_date = fields.Date(help="Date the current level was reached.")
    # Changed only through _transition / _apply_transitions, which log each change.
    state = fields.Selection(CASE_STATES, default="open", required=True, index=True, readonly=True)
    user_id = fields.Many2one(
        "res.users",
        string="Collector",
        tracking=True,
        index=True,
        domain="[('share', '=', False)]",
    )
    invoice_ids = fields.Many2many(
        "account.move",
        string="Overdue Invoices",
        compute="_compute_invoice_ids",
        help="Overdue customer invoices of the debtor, held ones included.",
    )
    amount_overdue = fields.Monetary(
        default=0.0,
        help="Residual of the overdue invoices that are not held, less the debtor's unapplied "
        "credits (credit notes, payments).",
    )
    amount_held = fields.Monetary(
        default=0.0, help="Residual of the overdue invoices that are held."
    )
    amount_credit = fields.Monetary(
        default=0.0,
        string="Unapplied Credits",
        help="Open credit notes and payments not yet reconciled.",
    )
    oldest_due_date = fields.Date(help="Due date of the oldest overdue invoice that is not held.")
    days_overdue = fields.Integer(help="Days since the oldest due date, on the last run.")
    priority = fields.Float(
        help="Amount overdue x days overdue: the worklist shows the biggest and oldest first.",
    )
    next_action_date = fields.Date(
        help="Date the next level falls due, or the date a postponed level is allowed."
    )
    blocked_reason = fields.Char(
        string="Waiting Reason", help="Why the case does not escalate right now."
    )
    hold_reason = fields.Selection(HOLD_REASONS)
    hold_note = fields.Text()
    hold_until = fields.Date()
    hold_explicit = fields.Boolean(
        string="Held by Decision",
        help="Held by a user or a rule (kept until released or until its end date), not "
        "because of the state of the invoices.",
    )
    transition_ids = fields.One2many(
        "debt.recovery.case.transition", "case_id", string="Status History", readonly=True
    )
    state_date = fields.Date(
        string="Status Since", readonly=True, copy=False, help="Date of the last change of status."
    )
    last_run_date = fields.Date(readonly=True, copy=False)
    escalated_on = fields.Date(
        readonly=True,
        copy=False,
        help="Day a run of the daily escalation last took the case, set in the transaction that "
        "escalates it: a case taken today is not taken again the same day.",
    )
    date_closed = fields.Date(
        string="Closed On",
        readonly=True,
        copy=False,
        index=True,
        help="Date the case last closed (nothing overdue any more); empty while it is open.",
    )
    last_error = fields.Text(readonly=True, copy=False)
    communication_ids = fields.One2many("debt.recovery.communication", "case_id")
    public_terms_warning = fields.Text(
        compute="_compute_public_terms_warning",
        help="A public body's invoices whose own payment terms disagree with the legal period "
        "from their receipt (moratorium interest follows the legal one).",
    )
    cost_ids = fields.One2many(
        "debt.recovery.cost",
        "case_id",
        string="Recovery Costs",
        help="Costs actually incurred (a bailiff's, an agency's invoice), each with its proof: "
        "beyond the fixed indemnities, they are claimed from professionals and public bodies.",
    )
    communication_count = fields.Integer(compute="_compute_counts")
    to_validate_count = fields.Integer(compute="_compute_counts")
    promise_ids = fields.One2many("debt.recovery.promise", "case_id")
    promise_count = fields.Integer(compute="_compute_counts")
    plan_ids = fields.One2many("debt.recovery.plan", "case_id")
    plan_count = fields.Integer(compute="_compute_counts")
    interest_amount = fields.Monetary(
        string="Late-Payment Interest", compute="_compute_penalties", help="As of today."
    )
    indemnity_amount = fields.Monetary(
        string="Fixed Indemnity", compute="_compute_penalties", help="As of today."
    )
    amount_penalties_uninvoiced = fields.Monetary(
        string="Penalties of Invoices Paid Late",
        compute="_compute_amount_penalties_uninvoiced",
        help="Interest and indemnities owed on invoices already paid, but paid late, within "
        "the limitation period and not invoiced yet.",
    )
    amount_claimable = fields.Monetary(
        string="Total Claimable",
        compute="_compute_penalties",
        help="Amount overdue + interest + fixed indemnity, as of today.",
    )

    _sql_constraints = [
        (
            "partner_company_unique",
            "UNIQUE(partner_id, company_id)",
            "A debtor has one recovery case per company.",
        ),
    ]

    def init(self):
        res = super().init()
        # The daily job rewrites every open case (amounts, days overdue, level, run dates):
        # room left on each page lets PostgreSQL update a row in place, indexes untouched.
        self.env.cr.execute(
            SQL(
                "ALTER TABLE %s SET (fillfactor = %s)", SQL.identifier(self._table), CASE_FILLFACTOR
            )
        )
        self.env.cr.execute(
            SQL(
                "CREATE INDEX IF NOT EXISTS %s ON %s ((%s), id) WHERE state IN %s",
                SQL.identifier(PENDING_INDEX),
                SQL.identifier(self._table),
                PENDING_FROM,
                ESCALATED_STATES,
            )
        )
        return res

    @api.model
    def _read_group_level_id(self, levels, domain):
        policy_ids = self.env.context.get("default_policy_id")
        if policy_ids:
            return levels.search([("policy_id", "=", policy_ids)])
        return levels

    # ------------------------------------------------------------------ computes
    @api.depends("partner_id", "company_id", "policy_id.grace_days")
    def _compute_invoice_ids(self):
        today = fields.Date.context_today(self)
        moves = self.env["account.move"].search(
            self._overdue_invoice_domain(self.partner_id.ids, self.company_id.ids, today, 0)
        )
        by_key = defaultdict(lambda: self.env["account.move"])
        for move in moves:
            by_key[(move.commercial_partner_id.id, move.company_id.id)] |= move
        for case in self:
            grace = case.policy_id.grace_days
            case.invoice_ids = by_key[(case.partner_id.id, case.company_id.id)].filtered(
                lambda m, g=grace: m.invoice_date_due + timedelta(days=g) < today
            )

    def _compute_counts(self):
        comm_model = self.env["debt.recovery.communication"]
        comm_counts = dict(
            comm_model._read_group([("case_id", "in", self.ids)], ["case_id"], ["__count"])
        )
        to_validate = dict(
            comm_model._read_group(
                [("case_id", "in", self.ids), ("state", "=", "to_validate")],
                ["case_id"],
                ["__count"],
            )
        )
        promises = dict(
            self.env["debt.recovery.promise"]._read_group(
                [("case_id", "in", self.ids)], ["case_id"], ["__count"]
            )
        )
        plans = dict(
            self.env["debt.recovery.plan"]._read_group(
                [("case_id", "in", self.ids)], ["case_id"], ["__count"]
            )
        )
        for case in self:
            case.communication_count = comm_counts.get(case, 0)
            case.to_validate_count = to_validate.get(case, 0)
            case.promise_count = promises.get(case, 0)
            case.plan_count = plans.get(case, 0)

    @api.depends("invoice_ids", "amount_overdue")
    def _compute_penalties(self):
        today = fields.Date.context_today(self)
        all_moves = self.invoice_ids
        penalties = all_moves._debt_recovery_penalties(today)
        for case in self:
            moves = case.invoice_ids.filtered(lambda m: not m.debt_recovery_excluded)
            interest = sum(penalties[m.id]["interest"] for m in moves)
            indemnity = sum(penalties[m.id]["indemnity"] for m in moves)
            case.interest_amount = interest
            case.indemnity_amount = indemnity
            case.amount_claimable = case.amount_overdue + interest + indemnity

    def _compute_amount_penalties_uninvoiced(self):
        today = fields.Date.context_today(self)
        for case in self:
            moves = case._paid_late_invoices(today)
            owed = moves._debt_recovery_uninvoiced_penalties(today)
            case.amount_penalties_uninvoiced = sum(i + f for i, f, _from in owed.values())

    def _paid_late_invoices(self, at_date):
        """The debtor's invoices paid after their due date (settled), still within their
        limitation period: their penalties can be invoiced."""
        self.ensure_one()
        moves = self.env["account.move"].search(
            [
                ("move_type", "=", "out_invoice"),
                ("state", "=", "posted"),
                ("payment_state", "in", ("paid", "in_payment")),
                ("debt_recovery_is_penalty", "=", False),
                ("commercial_partner_id", "=", self.partner_id.id),
                ("company_id", "=", self.company_id.id),
                ("invoice_date_due", "<", at_date),
            ]
        )
        limits = moves._debt_recovery_limitation_dates(moves._debt_recovery_rows())
        return moves.filtered(lambda m: limits.get(m.id) and limits[m.id] >= at_date)

    def action_invoice_penalties(self):
        """Choose the invoices paid late whose penalties to invoice."""
        self.ensure_one()
        Wizard = self.env["debt.recovery.penalty.invoice.wizard"]
        today = fields.Date.context_today(self)
        lines = Wizard._lines_for(self, today)
        if not lines:
            raise UserError(self.env._("No penalty is owed on invoices paid late."))
        wizard = Wizard.create(
            {"case_id": self.id, "line_ids": [fields.Command.create(v) for v in lines]}
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Invoice penalties"),
            "res_model": wizard._name,
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
        }

    def _log_penalty_invoice(self, move, origins, day):
        """The penalty invoice, logged on the case as an outbound written contact."""
        self.ensure_one()
        comm = self.env["debt.recovery.communication"].create(
            {
                "partner_id": self.partner_id.id,
                "case_id": self.id,
                "company_id": self.company_id.id,
                "channel": "letter",
                "direction": "outbound",
                "date": day,
                "summary": self.env._(
                    "Draft invoice of late-payment penalties on %s.",
                    ", ".join(origins.mapped("name")),
                ),
            }
        )
        self.message_post(
            body=self.env._("Penalties of invoices paid late invoiced: %s", move.display_name)
        )
        return comm

    # ------------------------------------------------------------------ domains
    @api.model
    def _overdue_invoice_domain(self, partner_ids, company_ids, today, grace_days):
        return [
            ("move_type", "=", "out_invoice"),
            ("state", "=", "posted"),
            ("amount_residual", ">", 0),
            ("commercial_partner_id", "in", partner_ids),
            ("company_id", "in", company_ids),
            ("invoice_date_due", "<", today - timedelta(days=grace_days)),
        ]

    # ------------------------------------------------------------------ policy lookup
    @api.model
    def _policy_map(self, partner_ids, companies):
        """{(partner_id, company_id): policy} of the debtors, a few queries a company.

        The choice, first found: the debtor's own policy (customer form), the policy of its
        running case (a case keeps the policy it was opened with), the policy of its risk grade
        (read on its case, closed or not), the company's default. A grade's policy therefore
        applies from the debtor's next case, never in the middle of one.
        """
        result = {}
        partner_ids = list(partner_ids)
        partners = self.env["res.partner"].with_context(active_test=False)
        for company in companies:
            default = company.debt_recovery_policy_id
            overrides = {
                partner.id: partner.debt_recovery_policy_id
                for partner in partners.with_company(company).search_fetch(
                    [("id", "in", partner_ids), ("debt_recovery_policy_id", "!=", False)],
                    ["debt_recovery_policy_id"],
                )
            }
            grade_policies = self.env["debt.recovery.policy"]._grade_policies(company)
            cases = {}
            if partner_ids and len(overrides) < len(partner_ids):
                cases = {
                    case.partner_id.id: case
                    for case in self.search_fetch(
                        [("company_id", "=", company.id), ("partner_id", "in", partner_ids)],
                        ["partner_id", "state", "policy_id", "risk_grade"],
                    )
                }
            for partner_id in partner_ids:
                case = cases.get(partner_id) or self.browse()
                running = case.policy_id if case.state not in (False, "closed") else False
                result[(partner_id, company.id)] = (
                    overrides.get(partner_id)
                    or running
                    or grade_policies.get(case.risk_grade)
                    or default
                )
        return result

    @api.model
    def _default_responsible(self):
        """The current user as the default collector of a new record, unless it is the
        superuser (OdooBot: the daily job, demo data), who never answers for a debtor."""
        if self.env.user._is_superuser():
            return self.env["res.users"]
        return self.env.user

    @api.model
    def _fill_responsible(self, vals_list, field="user_id"):
        """Give ``vals_list`` without a ``field`` user the current user; when that is the
        superuser (the daily job, demo data), the collector of their case, else the default
        collector of their policy, else nobody.

        Values name their case (``case_id``) or their debtor and company (``partner_id``,
        ``company_id``): one search of the cases, one of the policies a company.
        """
        missing = [vals for vals in vals_list if not vals.get(field)]
        if not missing:
            return
        if not self.env.user._is_superuser():
            for vals in missing:
                vals[field] = self.env.user.id
            return
        partners = self.env["res.partner"].browse(
            {vals["partner_id"] for vals in missing if vals.get("partner_id")}
        )
        commercial = {partner.id: partner.commercial_partner_id.id for partner in partners}
        companies = self.env["res.company"].browse(
            {vals.get("company_id") or self.env.company.id for vals in missing}
        )
        cases = self.browse({vals["case_id"] for vals in missing if vals.get("case_id")})
        if commercial:
            cases |= self.search(
                [
                    ("partner_id", "in", list(set(commercial.values()))),
                    ("company_id", "in", companies.ids),
                ]
            )
        case_by_id = {case.id: case for case in cases}
        case_by_key = {(case.partner_id.id, case.company_id.id): case for case in cases}
        policies = {}
        for company in companies:
            policies.update(self._policy_map(set(commercial.values()), company))
        for vals in missing:
            key = (
                commercial.get(vals.get("partner_id")),
                vals.get("company_id") or self.env.company.id,
            )
            case = case_by_id.get(vals.get("case_id")) or case_by_key.get(key) or self.browse()
            policy = case.policy_id or policies.get(key) or self.env["debt.recovery.policy"]
            vals[field] = (case.user_id or policy.user_id).id or False

    def _compute_public_terms_warning(self):
        for case in self:
            case.public_terms_warning = False
            if case.partner_id.debt_recovery_debtor_type != "public":
                continue
            moves = case._open_moves().filtered(lambda m: not m.debt_recovery_is_penalty)
            delay = case.policy_id.postal_delay_days
            legal = moves._debt_recovery_public_due_dates(delay)
            lines = [
                self.env._(
                    "%(invoice)s: due on %(terms)s by its terms, on %(legal)s by the legal "
                    "payment period from its receipt",
                    invoice=move.name,
                    terms=format_date(self.env, move.invoice_date_due),
                    legal=format_date(self.env, legal[move.id]),
                )
                for move in moves
                if move.id in legal and legal[move.id] != move.invoice_date_due
            ]
            if lines:
                case.public_terms_warning = "\n".join(lines)

    def _documented_costs(self):
        """{case_id: [(amount, documented)]} of these cases' recovery costs, one query."""
        # The costs of cases the caller (or the daily job) already reads.
        costs = (
            self.env["debt.recovery.cost"]
            .sudo()
            .search_fetch([("case_id", "in", self.ids)], ["case_id", "amount", "documented"])
        )
        result = {}
        for cost in costs:
            result.setdefault(cost.case_id.id, []).append((cost.amount, cost.documented))
        return result

    def _activity_user(self, activity_type):
        """Who gets the case's activities: its collector, the policy's, the type's default."""
        self.ensure_one()
        user = self.user_id or self.policy_id.user_id or activity_type.default_user_id
        if not user and not self.env.user._is_superuser():
            user = self.env.user
        return user or self.env.ref("base.user_admin", raise_if_not_found=False) or self.env.user

    def _open_invoices_domain(self):
        """Domain of the debtor's open posted customer invoices in the case's company, penalty
        invoices included."""
        self.ensure_one()
        return [
            ("move_type", "=", "out_invoice"),
            ("state", "=", "posted"),
            ("amount_residual", ">", 0),
            ("commercial_partner_id", "=", self.partner_id.id),
            ("company_id", "=", self.company_id.id),
        ]

    def _debt_recovery_portal_url(self):
        """The debtor's link to this case online, printed in reminders; empty without a portal
        (an add-on giving debtors a recovery page returns its signed link)."""
        self.ensure_one()
        return ""

    def write(self, vals):
        # Who collects a case decides who reads its debtor's capacity assessments: a collector
        # cannot make himself the collector of a case, a manager assigns it.
        if "user_id" in vals and not self.env.su and not self.env.user.has_group(MANAGER_GROUP):
            if any(case.user_id.id != vals["user_id"] for case in self):
                raise UserError(
                    self.env._("Only a Debt Recovery Manager assigns a case to a collector.")
                )
        return super().write(vals)

    # ------------------------------------------------------------------ user actions
    def action_escalate_now(self):
        """Run the escalation for these cases only, as of today."""
        # Record rules included: a case of a company the user does not work in is refused.
        self.check_access("write")
        today = fields.Date.context_today(self)
        # Superuser for the daily job's code on the cases checked above: it writes the cases in
        # bulk, creates communications with their snapshots, emails and activities for them.
        cases = self.sudo()
        held = {}
        cases._escalate_batch(cases, today, force=True, held=held)
        if held:
            # Nothing of this action is kept: the error rolls the whole request back.
            raise UserError(
                self.env._(
                    "%(case)s: a formal notice cannot go out, its mandatory mentions are "
                    "missing (%(missing)s). Complete them in Settings > Debt Recovery.",
                    case=self.browse(next(iter(held))).display_name,
                    missing=", ".join(next(iter(held.values()))),
                )
            )
        return True

    def action_release_hold(self):
        # The transition writes the cases by SQL: the user's own right to write them first.
        self.check_access("write")
        for case in self:
            if case.state != "on_hold" or not case.hold_explicit:
                raise UserError(self.env._("Case %s is not on hold by hand.", case.display_name))
            try:
                case_state.check_release(case.hold_reason)
            except case_state.TransitionError as error:
                raise UserError(
                    self.env._(
                        "Case %s is held because of insolvency proceedings: the claim is "
                        "declared to the creditors' representative, not recovered.",
                        case.display_name,
                    )
                ) from error
        for target in ("open", "litigation"):
            cases = self.filtered(
                lambda c, t=target: (c.level_id.stage == "litigation") == (t == "litigation")
            )
            cases._transition(target, note=self.env._("Hold released."))
        # The invoices may still hold the case (a promise, a dispute...): the rule decides.
        self._sync_state()
        return True

    def _set_insolvency_hold(self):
        """Leave the ladder for insolvency proceedings (the debtor's opening judgment)."""
        cases = self.filtered(lambda c: c.hold_reason != "insolvency" and c.state != "closed")
        for case in cases:
            case._transition(
                "on_hold",
                "insolvency",
                note=self.env._(
                    "Insolvency proceedings opened on %s: the case leaves the ladder.",
                    case.partner_id.debt_recovery_insolvency_date,
                ),
            )

    def action_view_communications(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "debt_recovery.debt_recovery_communication_action"
        )
        action["domain"] = [("case_id", "=", self.id)]
        action["context"] = {"default_case_id": self.id, "default_partner_id": self.partner_id.id}
        return action

    def action_view_to_validate(self):
        action = self.action_view_communications()
        action["domain"] = [("case_id", "=", self.id), ("state", "=", "to_validate")]
        return action

    def action_view_promises(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "debt_recovery.debt_recovery_promise_action"
        )
        action["domain"] = [("case_id", "=", self.id)]
        action["context"] = {"default_case_id": self.id, "default_partner_id": self.partner_id.id}
        return action

    def action_view_plans(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "debt_recovery.debt_recovery_plan_action"
        )
        action["domain"] = [("case_id", "=", self.id)]
        action["context"] = {"default_case_id": self.id, "default_partner_id": self.partner_id.id}
        return action

    def action_view_invoices(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account.action_move_out_invoice_type"
        )
        action["domain"] = [("id", "in", self.invoice_ids.ids)]
        action["context"] = {"create": False}
        return action

    def action_send_now(self):
        """Send the communications waiting for this case (validated, not yet sent)."""
        comms = self.communication_ids.filtered(lambda c: c.state == "to_send")
        if not comms:
            raise UserError(self.env._("Nothing is waiting to be sent for these cases."))
        comms.action_mark_sent()
        return True

    # ------------------------------------------------------------------ daily job
    @api.model
    def _cron_escalate(self, batch_size=DEFAULT_BATCH_SIZE):
        """Daily escalation of every company, as of today.

        Under the cron runner, the debtors are listed by chunks (see :meth:`_plan_day`) and the
        escalation worker crons are triggered: they synchronise and escalate the chunks in
        parallel (see ``debt_recovery_case_workers``). Called directly, the day is prepared at
        once and every case is processed here.
        """
        return self._cron_escalate_at(fields.Date.context_today(self), batch_size)

    @api.model
    def _cron_escalate_at(self, today, batch_size=DEFAULT_BATCH_SIZE):
        """The daily escalation as of ``today`` (see :meth:`_cron_escalate`)."""
        # Reached by the cron and the demo loader only: the daily job works on every company.
        self = self.sudo()
        in_cron = bool(self.env.context.get("ir_cron_progress_id"))
        # The preparation of the day runs once at a time (the escalation itself does not lock).
        locked = (
            self.env.cr.execute(SQL("SELECT pg_try_advisory_xact_lock(%s)", CRON_LOCK_KEY))
            or self.env.cr.fetchone()[0]
        )
        if not locked:
            _logger.info("Debt recovery escalation already running in another worker: skipped")
            return
        if in_cron:
            debtors = self._plan_day(today)
            workers = self._trigger_escalation_workers()
            self.env["ir.cron"]._notify_progress(done=debtors, remaining=0)
            _logger.info(
                "Debt recovery: %s debtors listed, %s escalation workers triggered",
                debtors,
                workers,
            )
            return
        self._prepare_day(today)
        while batch := self._next_batch(today, batch_size):
            self._escalate_batch(batch, today)

    @api.model
    def _plan_day(self, today, chunk_size=SYNC_CHUNK_SIZE):
        """The daily cron's part when workers escalate: promises and plans resolved, then the
        debtors to synchronise listed by chunks for the workers (see
        ``debt_recovery_case_workers``), in place of what a previous run left. Returns the
        number of debtors listed."""
        self._refresh_holds(today)
        Chunk = self.env["debt.recovery.escalation.chunk"]
        self.env.cr.execute(SQL("DELETE FROM %s", SQL.identifier(Chunk._table)))
        vals_list = [
            {"date": today, "company_id": company_id, "partner_ids": partner_ids}
            for company_id, partner_ids in self._sync_chunks(chunk_size)
        ]
        bulk.insert(Chunk, vals_list)
        return sum(len(vals["partner_ids"]) for vals in vals_list)

    @api.model
    def _prepare_day(self, today, chunk_size=SYNC_CHUNK_SIZE):
        """The daily job's synchronisation in one go, when no worker shares it (the job called
        directly), set-based: promises and plans resolved, cases synchronised with the open
        invoices, legal holds, preventive reminders.

        The debtors are synchronised by chunks of ``chunk_size`` (their invoices read, their
        cases written, the cache emptied), so that memory does not grow with the database.
        Returns the number of debtors synchronised.
        """
        self._refresh_holds(today)
        synced = 0
        for company_id, partner_ids in self._sync_chunks(chunk_size):
            rows = self._sync_cases(today, [company_id], partner_ids)
            self._apply_legal_holds(today, rows)
            synced += len(partner_ids)
            self.env.flush_all()
            self.env.invalidate_all()
        self._send_preventive_reminders(today)
        return synced

    @api.model
    def _sync_chunks(self, chunk_size):
        """(company_id, [partner_id]) chunks of the debtors to synchronise: those with an open
        invoice, and those whose case is not closed (paid up since, to close), one query."""
        self.env["account.move"].flush_model()
        self.flush_model(["partner_id", "company_id", "state"])
        self.env.cr.execute(
            SQL(
                """
                SELECT m.company_id, m.commercial_partner_id
                  FROM account_move m
                 WHERE m.move_type = 'out_invoice' AND m.state = 'posted'
                   AND m.amount_residual > 0 AND %s
                 UNION
                SELECT c.company_id, c.partner_id
                  FROM debt_recovery_case c
                 WHERE c.state != 'closed' AND %s
              ORDER BY 1, 2
                """,
                company_condition(self.env, SQL("m.company_id")),
                company_condition(self.env, SQL("c.company_id")),
            )
        )
        by_company = defaultdict(list)
        for company_id, partner_id in self.env.cr.fetchall():
            by_company[company_id].append(partner_id)
        for company_id, partner_ids in by_company.items():
            for start in range(0, len(partner_ids), chunk_size):
                yield company_id, partner_ids[start : start + chunk_size]

    def _pending_domain(self, today):
        """The cases the daily job still has to take today (the ORM's form of
        ``PENDING_FROM``)."""
        return [
            ("state", "in", ESCALATED_STATES),
            "|",
            ("escalated_on", "=", False),
            ("escalated_on", "<", today),
            "|",
            ("last_run_date", "=", False),
            ("last_run_date", "<", today),
            "|",
            ("next_action_date", "=", False),
            ("next_action_date", "<=", today),
        ]

    @api.model
    def _pending_query(self, today, domain=()):
        """The query of the pending cases (narrowed by ``domain``), in the order they are
        claimed, through the index of ``PENDING_FROM``."""
        query = self._search(list(domain))
        query.add_where(SQL("%s.state IN %s", SQL.identifier(self._table), ESCALATED_STATES))
        query.add_where(SQL("%s <= %s", PENDING_FROM, today))
        query.order = SQL("%s, %s", PENDING_FROM, SQL.identifier(self._table, "id"))
        return query

    @api.model
    def _count_pending(self, today):
        self.flush_model()
        query = self._pending_query(today)
        query.order = None
        self.env.cr.execute(query.select(SQL("COUNT(*)")))
        return self.env.cr.fetchone()[0]

    @api.model
    def _next_batch(self, today, batch_size, domain=()):
        """Claim the next batch of pending cases, in one statement: lock them, skipping the
        rows another worker holds, and mark them taken today.

        The mark is part of the transaction that escalates the batch: committed with its work,
        or rolled back with it (a worker that dies mid-batch leaves its cases pending for the
        next one). ``domain`` narrows the cases to take. Under REPEATABLE READ, a case another
        worker committed after this transaction began raises a serialization failure (never a
        second escalation). The selection is a materialized CTE: run once, whatever the plan
        (a sub-query in ``IN`` may be run again for each row, and take more than a batch); its
        ids are handed to the update as an array, so that the update reads them by the primary
        key (a join would scan the whole table for each batch). The pending cases are read
        through the index of ``PENDING_FROM``: the cases claimed earlier the same day are not
        read again.
        """
        self.flush_model()
        query = self._pending_query(today, domain)
        query.limit = batch_size
        self.env.cr.execute(
            SQL(
                """
                WITH claimed AS MATERIALIZED (
                    %s FOR NO KEY UPDATE OF debt_recovery_case SKIP LOCKED
                )
                UPDATE debt_recovery_case c SET escalated_on = %s
                 WHERE c.id = ANY(ARRAY(SELECT id FROM claimed))
             RETURNING c.id
                """,
                query.select(),
                today,
            ),
            # A serialization failure is an expected outcome, handled by the workers.
            log_exceptions=False,
        )
        ids = sorted(row[0] for row in self.env.cr.fetchall())
        self.invalidate_model(["escalated_on"])
        return self.browse(ids)

    @api.model
    def _pending_among(self, today, cases):
        """The pending ones among ``cases``, read by their ids."""
        if not cases:
            return self.browse()
        self.flush_model()
        query = self._pending_query(today, [("id", "in", cases.ids)])
        query.order = SQL.identifier(self._table, "id")
        self.env.cr.execute(query.select())
        return self.browse([row[0] for row in self.env.cr.fetchall()])

    @api.model
    def _refresh_holds(self, today):
        """Resolve promises and plans that reached a decision (kept, broken, done)."""
        self.env["debt.recovery.promise"]._refresh(today)
        self.env["debt.recovery.plan"]._refresh(today)

    @api.model
    def _apply_legal_holds(self, today, context):
        """Holds the law sets, from the sync's invoice rows: insolvent debtors' invoices, and
        claims near or past their limitation date (warned, then held as time-barred).

        Returns the sync's rows, re-read for the debtors whose invoices were held.
        """
        rows = [row for rows in context.values() for row in rows]
        Move = self.env["account.move"]
        insolvent = Move.browse(
            row["id"]
            for row in rows
            if row["insolvency_date"] and row["exclusion_reason"] != "insolvency"
        )
        held = insolvent._debt_recovery_hold(
            "insolvency", replace=("dispute", "promise", "plan", "other")
        )
        held |= self._apply_limitations(today, [r for r in rows if not r["insolvency_date"]])
        if not held:
            return context
        keys = {(move.commercial_partner_id.id, move.company_id.id) for move in held}
        for company_id in {key[1] for key in keys}:
            partners = [key[0] for key in keys if key[1] == company_id]
            context.update(self._sync_cases(today, [company_id], partners))
        return context

    @api.model
    def _apply_limitations(self, today, rows):
        """Warn the manager before a claim is time-barred; hold it once it is."""
        policies = self.env["debt.recovery.policy"].search([])
        horizon = max(policies.mapped("limitation_warning_days") or [0])
        rows = [row for row in rows if row["exclusion_reason"] != "time_barred"]
        Move = self.env["account.move"]
        dates = Move._debt_recovery_limitation_dates(rows, until=today + timedelta(horizon))
        if not dates:
            return Move
        moves = Move.browse(dates)
        barred = moves.filtered(lambda m: dates[m.id] < today)
        for move in barred:
            move.message_post(
                body=self.env._(
                    "Time-barred since %s: this invoice is no longer claimed.", dates[move.id]
                )
            )
        barred._debt_recovery_hold("time_barred", replace=("dispute", "promise", "plan", "other"))
        self._warn_limitations(today, moves - barred, dates)
        return barred

    @api.model
    def _warn_limitations(self, today, moves, dates):
        """One activity per invoice entering its policy's warning window, once."""
        cases = self.search(
            [
                ("partner_id", "in", moves.commercial_partner_id.ids),
                ("company_id", "in", moves.company_id.ids),
            ]
        )
        case_by_key = {(c.partner_id.id, c.company_id.id): c for c in cases}
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        warned = self.env["account.move"]
        for move in moves.filtered(lambda m: not m.debt_recovery_limitation_warned):
            case = case_by_key.get((move.commercial_partner_id.id, move.company_id.id))
            days = case.policy_id.limitation_warning_days if case else 0
            if not case or dates[move.id] - timedelta(days) > today:
                continue
            case.activity_schedule(
                activity_type_id=activity_type.id,
                date_deadline=dates[move.id] - timedelta(days=1),
                summary=self.env._("Claim time-barred on %s", dates[move.id]),
                note=self.env._(
                    "Invoice %(invoice)s can no longer be claimed after %(date)s: obtain a "
                    "payment or a written acknowledgement, or go to court before then.",
                    invoice=move.name,
                    date=dates[move.id],
                ),
                user_id=case._activity_user(activity_type).id,
            )
            warned |= move
        warned.write({"debt_recovery_limitation_warned": True})

    @api.model
    def _open_invoice_rows(self, today, company_ids=None, partner_ids=None):
        """Every open posted customer invoice, one query: the raw material of the sync."""
        self.env["account.move"].flush_model()
        self.env["res.partner"].flush_model(
            ["debt_recovery_debtor_type", "debt_recovery_insolvency_date"]
        )
        conditions = [
            SQL("m.move_type = 'out_invoice'"),
            SQL("m.state = 'posted'"),
            SQL("m.amount_residual > 0"),
            company_condition(self.env, SQL("m.company_id"), company_ids or None),
        ]
        if partner_ids:
            conditions.append(SQL("m.commercial_partner_id = ANY(%s)", bulk.id_array(partner_ids)))
        self.env.cr.execute(
            SQL(
                """
                SELECT m.id, m.company_id, m.commercial_partner_id, m.invoice_date_due,
                       m.amount_residual_signed, COALESCE(m.debt_recovery_excluded, FALSE),
                       m.invoice_date, m.amount_total_signed,
                       m.debt_recovery_exclusion_reason, p.debt_recovery_debtor_type,
                       p.debt_recovery_insolvency_date, COALESCE(m.debt_recovery_is_penalty, FALSE),
                       m.delivery_date, p.debt_recovery_public_kind,
                       p.debt_recovery_public_contract_days, m.debt_recovery_received_date
                  FROM account_move m
                  JOIN res_partner p ON p.id = m.commercial_partner_id
                 WHERE %s
                """,
                SQL(" AND ").join(conditions),
            )
        )
        return self.env.cr.fetchall()

    @api.model
    def _credit_rows(self, company_ids=None, partner_ids=None):
        """Unapplied credits (credit notes, payments) per debtor and company, one query."""
        return self.env["account.move.line"]._debt_recovery_credit_totals(
            company_ids or None, partner_ids
        )

    @api.model
    def _sync_cases(self, today, company_ids=None, partner_ids=None):
        """Create, update, reopen and close cases from the open invoices, set-based.

        Returns the per-debtor invoice rows used afterwards by the escalation, keyed by
        (partner_id, company_id).
        """
        companies = (
            self.env["res.company"].browse(company_ids)
            if company_ids
            else self.env["res.company"].search([])
        )
        invoices_by_key, policies = self._sync_rows(today, companies, partner_ids)
        credits = self._credit_rows(companies.ids, partner_ids)
        domain = [("company_id", "in", companies.ids)]
        if partner_ids:
            domain.append(("partner_id", "in", list(partner_ids)))
        debtors = list({key[0] for key in invoices_by_key})
        cases = self.search(
            domain + ["|", ("state", "!=", "closed"), ("partner_id", "in", debtors)]
        )
        case_by_key = {(c.partner_id.id, c.company_id.id): c for c in cases}
        currencies = {company.id: company.currency_id for company in companies}
        self._sync_create(today, invoices_by_key, case_by_key, credits, policies, currencies)
        self._sync_update(today, invoices_by_key, case_by_key, credits, policies, currencies)
        return invoices_by_key

    @api.model
    def _sync_rows(self, today, companies, partner_ids):
        """Overdue invoice rows per debtor (each policy's grace period honoured), and the
        debtors' policies. Time-barred invoices are out of recovery for good: left out."""
        rows = self._open_invoice_rows(today, companies.ids, partner_ids)
        policies = self._policy_map(list({row[2] for row in rows}), companies)
        # Each policy's grace period read once (not once per invoice row).
        grace_of = {policy: timedelta(days=policy.grace_days) for policy in set(policies.values())}
        grace_by_key = {key: grace_of[policy] for key, policy in policies.items()}
        no_grace = timedelta()
        invoices_by_key = defaultdict(list)
        for row in rows:
            (move_id, company_id, partner_id, due, residual, excluded) = row[:6]
            grace = grace_by_key.get((partner_id, company_id), no_grace)
            if due + grace >= today or row[8] == "time_barred":
                continue
            invoices_by_key[(partner_id, company_id)].append(
                {
                    "id": move_id,
                    "company_id": company_id,
                    "partner_id": partner_id,
                    "due": due,
                    "residual": residual,
                    "excluded": excluded,
                    "invoice_date": row[6],
                    "amount_total": row[7],
                    "exclusion_reason": row[8],
                    "debtor_type": row[9],
                    "insolvency_date": row[10],
                    "is_penalty": row[11],
                    "delivery_date": row[12],
                    "public_kind": row[13],
                    "public_days": row[14],
                    "received_date": row[15],
                }
            )
        return invoices_by_key, policies

    @api.model
    def _sync_create(self, today, invoices_by_key, case_by_key, credits, policies, currencies):
        """New debtors: their cases, created with their values at once."""
        to_create = []
        for key, invoices in invoices_by_key.items():
            if key in case_by_key:
                continue
            policy = policies.get(key)
            vals = self._sync_values(
                self.browse()._facts(invoices, False),
                currencies[key[1]],
                invoices,
                credits.get(key, 0.0),
                policy,
                today,
                new=True,
            )
            vals.update(
                partner_id=key[0], company_id=key[1], user_id=policy.user_id.id if policy else False
            )
            to_create.append(vals)
        if to_create:
            self.env.flush_all()
            bulk.insert(self, to_create)

    @api.model
    def _sync_update(self, today, invoices_by_key, case_by_key, credits, policies, currencies):
        """Every known case: its new values, the changed ones written in bulk, and its state
        through the transition table."""
        active_plan_cases = set(
            self.env["debt.recovery.plan"]
            .search(
                [("state", "=", "active"), ("case_id", "in", [c.id for c in case_by_key.values()])]
            )
            .case_id.ids
        )
        writes = {}
        decisions = {}
        for key, case in case_by_key.items():
            facts = case._facts(invoices_by_key.get(key, []), case.id in active_plan_cases)
            vals = self._sync_values(
                facts,
                currencies[key[1]],
                invoices_by_key.get(key, []),
                credits.get(key, 0.0),
                policies.get(key) or case.policy_id,
                today,
            )
            decisions[case.id] = vals.pop("decision")
            changed = {
                name: value
                for name, value in vals.items()
                if case._fields[name].convert_to_write(case[name], case) != value
            }
            if changed:
                writes[case.id] = changed
        bulk.update(self, writes)
        self._apply_transitions(decisions, today)

    def _facts(self, invoices, has_active_plan):
        """The facts of this case (or of a new one when empty) the state rule reads (see
        :mod:`..engine.case_state`)."""
        case = self[:1]
        # A new case: nothing to read (the daily job asks this for thousands of debtors).
        known = (
            {
                "state": case.state,
                "hold_reason": case.hold_reason or None,
                "hold_until": case.hold_until or None,
                "hold_explicit": case.hold_explicit,
                "stage": case.level_id.stage or None,
            }
            if case
            else _NEW_CASE_FACTS
        )
        return case_state.Facts(
            **known,
            has_invoices=bool(invoices),
            has_active_invoices=any(not inv["excluded"] for inv in invoices),
            held_reasons=frozenset(inv["exclusion_reason"] for inv in invoices if inv["excluded"]),
            has_active_plan=has_active_plan,
        )

    @api.model
    def _sync_values(self, facts, currency, invoices, credit, policy, today, new=False):
        """New stored values of a case from its overdue invoice rows (pure arithmetic), with
        the state decided by the case's state rule.

        On a ``new`` case the state is in the values; on a known case it is in
        ``values["decision"]``, for :meth:`_apply_transitions`.
        """
        decision = case_state.decide(facts, today)
        vals = self._sync_amounts(currency, invoices, credit, policy, today)
        if facts.state == "closed" and decision.state != "closed":
            # A new overdue invoice reopens the case from the first level.
            vals.update(level_id=False, level_date=False, last_run_date=False, escalated_on=False)
        if decision.state == "on_hold" and not decision.hold_explicit:
            vals["blocked_reason"] = self.env._("Every overdue invoice is held.")
        elif decision.state == "closed":
            vals.update(level_id=False, level_date=False, next_action_date=False)
        elif policy and vals["amount_overdue"] < policy.min_overdue_amount:
            vals["blocked_reason"] = self.env._(
                "Overdue amount below the policy minimum (%s).", policy.min_overdue_amount
            )
        if new:
            vals.update(self._transition_values(facts.state, decision, today))
        else:
            vals["decision"] = decision
        return vals

    @api.model
    def _sync_amounts(self, currency, invoices, credit, policy, today):
        """Amounts, oldest due date and priority of a case from its overdue invoice rows."""
        rounding = currency.rounding
        active = [inv for inv in invoices if not inv["excluded"]]
        held = sum(inv["residual"] for inv in invoices if inv["excluded"])
        overdue = float_round(
            max(0.0, sum(inv["residual"] for inv in active) - credit), precision_rounding=rounding
        )
        oldest = min((inv["due"] for inv in active), default=False)
        days = (today - oldest).days if oldest else 0
        return {
            "amount_overdue": overdue,
            "amount_held": float_round(held, precision_rounding=rounding),
            "amount_credit": float_round(credit, precision_rounding=rounding),
            "oldest_due_date": oldest,
            "days_overdue": days,
            "priority": round(overdue * days, 2),
            "policy_id": policy.id if policy else False,
            "blocked_reason": False,
        }

    # ------------------------------------------------------------------ state machine
    @api.model
    def _transition_values(self, current, decision, today):
        """Stored values of a transition from ``current`` to ``decision`` (one rule)."""
        vals = {
            "state": decision.state,
            "hold_reason": decision.hold_reason or False,
            "hold_until": decision.hold_until or False,
            "hold_explicit": decision.hold_explicit,
        }
        if decision.state != "on_hold":
            vals["hold_note"] = False
        if decision.key != (current, None) or current == "closed":
            vals["state_date"] = today
        if decision.state == "closed" and current != "closed":
            vals["date_closed"] = today
        elif decision.state != "closed" and current == "closed":
            vals["date_closed"] = False
        return vals

    def _apply_transitions(self, decisions, today, note=None):
        """Move cases to their decided states, set-based: {case_id: Decision}.

        Only the changes the transition table allows are applied (a case in litigation does
        not go back to open by itself); each is logged on the case, in one batch.
        """
        cases = self.browse(list(decisions))
        writes, bodies, history = {}, {}, []
        labels = self._state_labels()
        for case in cases:
            decision = decisions[case.id]
            current = (case.state, case.hold_reason or None)
            same_hold = decision.hold_until == (case.hold_until or None)
            if (
                decision.key == current
                and same_hold
                and decision.hold_explicit == case.hold_explicit
            ):
                continue
            if not case_state.allowed(case.state, decision):
                continue
            writes[case.id] = self._transition_values(case.state, decision, today)
            if decision.key != current:
                bodies[case.id] = self._transition_body(labels, current, decision, note)
                history.append(self._transition_row(case, decision, today, note))
        bulk.update(self, writes)
        # The history is evidence of the state machine itself: written by the system.
        bulk.insert(self.env["debt.recovery.case.transition"].sudo(), history)
        if bodies:
            self.browse(list(bodies))._message_log_batch(bodies)

    def _transition(self, state, reason=None, note=None, until=None):
        """Move these cases to ``state`` (with a hold ``reason``) by an explicit action.

        The one entry point of users' and rules' changes of state: the transition table is
        checked for every case before anything is written.
        """
        decision = case_state.Decision(
            state, reason or None, until or None, hold_explicit=state == "on_hold"
        )
        for case in self:
            try:
                case_state.check(case.state, state, reason)
            except case_state.TransitionError as error:
                raise UserError(
                    self.env._(
                        "Case %(case)s cannot go from %(current)s to %(target)s.",
                        case=case.display_name,
                        current=self._state_labels()[0].get(case.state),
                        target=self._state_labels()[0].get(state),
                    )
                ) from error
        today = fields.Date.context_today(self)
        self._apply_transitions(dict.fromkeys(self.ids, decision), today, note=note)
        if note and state == "on_hold":
            self.write({"hold_note": note})

    @api.model
    def _transition_row(self, case, decision, today, note):
        return {
            "case_id": case.id,
            "company_id": case.company_id.id,
            "date": today,
            "state_from": case.state,
            "state_to": decision.state,
            "hold_reason": decision.hold_reason or False,
            "hold_until": decision.hold_until or False,
            "note": note or False,
        }

    def _hold_periods(self, reason):
        """{case_id: [(start, end)]} of the holds of these cases for ``reason`` (end None
        while it lasts), from their history, one query."""
        # The history of cases the caller holds (their mediations, for limitation dates).
        rows = (
            self.env["debt.recovery.case.transition"]
            .sudo()
            .search_fetch(
                [("case_id", "in", self.ids)],
                ["case_id", "date", "hold_reason"],
                order="case_id, date, id",
            )
        )
        periods = defaultdict(list)
        for row in rows:
            spans = periods[row.case_id.id]
            if spans and spans[-1][1] is None and row.hold_reason != reason:
                spans[-1] = (spans[-1][0], row.date)
            if row.hold_reason == reason and not (spans and spans[-1][1] is None):
                spans.append((row.date, None))
        return periods

    def _state_labels(self):
        """({state: label}, {hold reason: label}) in the user's language."""
        return (
            dict(self._fields["state"]._description_selection(self.env)),
            dict(self._fields["hold_reason"]._description_selection(self.env)),
        )

    def _transition_body(self, labels, current, decision, note):
        states, reasons = labels
        target = states[decision.state]
        if decision.hold_reason:
            target = f"{target} ({reasons[decision.hold_reason]})"
        source = states[current[0]]
        if current[1]:
            source = f"{source} ({reasons.get(current[1], current[1])})"
        body = self.env._("Status: %(before)s → %(after)s", before=source, after=target)
        if decision.hold_until:
            body += self.env._(", until %s", decision.hold_until)
        return f"{body}. {note}" if note else body

    def _sync_state(self):
        """Re-sync these cases now (after a hold, a payment, a plan...)."""
        for company in self.company_id:
            cases = self.filtered(lambda c, co=company: c.company_id == co)
            self._sync_cases(
                fields.Date.context_today(self),
                company_ids=company.ids,
                partner_ids=cases.partner_id.ids,
            )

    # ------------------------------------------------------------------ escalation
    @api.model
    def _recent_contact_dates(self, partner_ids, since):
        """{partner_id: [dates]} of the outbound contacts since ``since``, one query."""
        groups = self.env["debt.recovery.communication"]._read_group(
            [
                ("partner_id", "in", list(partner_ids)),
                ("direction", "=", "outbound"),
                ("state", "in", ("to_send", "done")),
                ("date", ">=", since),
            ],
            ["partner_id", "date:day"],
            ["__count"],
        )
        result = defaultdict(list)
        for partner, day, count in groups:
            result[partner.id].extend([day] * count)
        return result

    @api.model
    def _escalate_batch(self, cases, today, context=None, force=False, held=None):
        """Decide and apply the next level of ``cases`` as of ``today``, set-based.

        ``held``, when given, receives the cases whose formal notice is held back for want
        of its mandatory mentions (see :meth:`_decide_levels`)."""
        if force or context is None:
            context = {}
            for company in cases.company_id:
                company_cases = cases.filtered(lambda c, co=company: c.company_id == co)
                context.update(self._sync_cases(today, company.ids, company_cases.partner_id.ids))
        cases = cases.filtered(lambda c: c.state in ("open", "litigation"))
        if not cases:
            return
        held = {} if held is None else held
        decisions, updates = self._decide_levels(cases, today, held=held)
        bulk.update(self, updates)
        if held:
            self._warn_missing_mentions(held)
        if decisions:
            self._apply_decisions_isolated(decisions, today, context)

    @api.model
    def _decide_levels(self, cases, today, held=None):
        """([(case, level)] to apply, {case_id: values}) of the cases on the ladder.

        Deciding only: nothing is written. ``cases`` are case records, or any objects with
        their fields the rules read (``id``, ``partner_id``, ``company_id``, ``policy_id``,
        ``amount_overdue``, ``oldest_due_date``, ``level_id``, ``level_date``), as the
        preview of a run builds them. ``held``, when given, receives {case_id: [missing
        mention labels]} of the cases whose formal notice is held back for want of its
        mandatory mentions."""
        policies = self.env["debt.recovery.policy"].concat(*(c.policy_id for c in cases))
        windows = {p.contact_window_days for p in policies}
        since = today - timedelta(days=max(windows | {0}))
        partner_ids = list({c.partner_id.id for c in cases})
        case_ids = [c.id for c in cases if c.id]
        facts = {
            "contacts": self._recent_contact_dates(partner_ids, since),
            "waiting": set(
                self.env["debt.recovery.communication"]
                .search([("case_id", "in", case_ids), ("state", "=", "to_validate")])
                .case_id.ids
            ),
            "levels": {p.id: p._engine_levels() for p in policies},
            "missing": {},
            "held": {} if held is None else held,
        }
        decisions, updates = [], {}
        for case in cases:
            # Decisions are pure computations: an error here touches no data and only this case.
            try:
                level, vals = self._decide_level(case, today, facts)
            except Exception as error:
                _logger.exception("Debt recovery: case %s failed", case.id)
                updates[case.id] = {"last_error": str(error), **taken_today(today)}
                continue
            if level:
                decisions.append((case, level))
                facts["contacts"][case.partner_id.id].append(today)
            else:
                updates[case.id] = vals
        return decisions, updates

    @api.model
    def _snapshot(self, case):
        """The ladder's view of ``case`` (a record or a preview's view of one)."""
        return ladder.CaseSnapshot(
            oldest_due_date=case.oldest_due_date or None,
            level_id=case.level_id.id or None,
            level_date=case.level_date or None,
        )

    @api.model
    def _decide_level(self, case, today, facts):
        """(level to reach or None, values to write otherwise) of ``case`` today."""
        vals = {**taken_today(today), "last_error": False}
        policy = case.policy_id
        blocked = self._blocked_reason(case, facts["waiting"], policy)
        if blocked:
            return None, dict(vals, blocked_reason=blocked)
        levels = facts["levels"][policy.id]
        snap = self._snapshot(case)
        due = ladder.due_level(levels, snap, today, policy.allow_level_skip)
        if due is None:
            next_date = ladder.next_level_date(levels, snap)
            return None, dict(vals, next_action_date=next_date, blocked_reason=False)
        level = self.env["debt.recovery.level"].browse(due.id)
        missing = self._missing_mentions(case, level, facts)
        if missing:
            facts["held"][case.id] = missing
            return None, dict(vals, blocked_reason=self._missing_mentions_reason(level, missing))
        allowed = ladder.contact_cap_date(
            facts["contacts"].get(case.partner_id.id, []),
            today,
            policy.contact_limit,
            policy.contact_window_days,
        )
        if not allowed:
            return level, vals
        blocked = self.env._(
            "Contact cap reached (%(limit)s contacts in %(days)s days): "
            "%(level)s postponed to %(date)s.",
            limit=policy.contact_limit,
            days=policy.contact_window_days,
            level=level.name,
            date=allowed,
        )
        return None, dict(vals, next_action_date=allowed, blocked_reason=blocked)

    @api.model
    def _missing_mentions(self, case, level, facts):
        """Labels of the mandatory mentions missing from the formal notice ``level`` would
        produce for ``case`` (empty for the other levels), read once per policy and regime."""
        if level.stage != "formal_notice":
            return []
        key = (case.policy_id.id, case.partner_id.debt_recovery_debtor_type)
        if key not in facts["missing"]:
            facts["missing"][key] = [
                label
                for _mention, label in case.company_id._debt_recovery_missing_mentions(
                    "formal_notice", case.partner_id, case.policy_id
                )
            ]
        return facts["missing"][key]

    def _missing_mentions_reason(self, level, missing):
        return self.env._(
            "%(level)s held back: mandatory mentions missing (%(missing)s).",
            level=level.name,
            missing=", ".join(missing),
        )

    @api.model
    def _warn_missing_mentions(self, held):
        """One activity per case whose formal notice is held back, saying which mentions are
        missing; none while the case already has that open activity."""
        summary = self.env._("Formal notice held back: mandatory mentions missing")
        cases = self.browse(list(held))
        existing = set(
            self.env["mail.activity"]
            .search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", cases.ids),
                    ("summary", "=", summary),
                ]
            )
            .mapped("res_id")
        )
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        model_id = self.env["ir.model"]._get_id(self._name)
        self.env["mail.activity"].create(
            [
                {
                    "res_model_id": model_id,
                    "res_id": case.id,
                    "activity_type_id": activity_type.id,
                    "summary": summary,
                    "note": self.env._(
                        "Set what is missing, then the next run sends it: %(missing)s.",
                        missing="; ".join(held[case.id]),
                    ),
                    "user_id": case._activity_user(activity_type).id,
                }
                for case in cases
                if case.id not in existing
            ]
        )

    @api.model
    def _blocked_reason(self, case, waiting, policy):
        """Why ``case`` cannot move up the ladder today under ``policy`` (its own), or
        False."""
        if not policy:
            return self.env._("No recovery policy applies.")
        if case.amount_overdue <= 0:
            return self.env._("Unapplied credits cover the overdue invoices.")
        if case.amount_overdue < policy.min_overdue_amount:
            return self.env._("Overdue amount below the policy minimum.")
        if case.id in waiting:
            return self.env._("A communication waits for a manager's validation.")
        return False

    @api.model
    def _apply_decisions_isolated(self, decisions, today, context):
        """Apply the decisions in one go; on an error, case by case, keeping the others."""
        try:
            with self.env.cr.savepoint():
                self._apply_decisions(decisions, today, context)
        except Exception:  # isolate the faulty case, keep the others
            _logger.exception("Debt recovery: batch failed, retrying case by case")
            for decision in decisions:
                try:
                    with self.env.cr.savepoint():
                        self._apply_decisions([decision], today, context)
                except Exception as error:  # logged on the case
                    _logger.exception("Debt recovery: case %s failed", decision[0].id)
                    decision[0].with_context(tracking_disable=True).write(
                        {"last_error": str(error), **taken_today(today)}
                    )
                    if isinstance(error, ReferenceRateError):
                        # No amount can be stated: a manager is asked for the rate, once.
                        self.env["debt.recovery.rate.type"]._ask_for_rate(error)

    @api.model
    def _apply_decisions(self, decisions, today, context):
        """Create the communications of the (case, level) decisions and apply them."""
        Comm = self.env["debt.recovery.communication"]
        decisions = self._without_missing_mentions(decisions)
        if not decisions:
            return
        comms = Comm._create_for_levels(decisions, today, context)
        comms.filtered(lambda c: c.state != "to_validate")._apply_level(today)
        to_validate = comms.filtered(lambda c: c.state == "to_validate")
        if to_validate:
            to_validate.case_id.with_context(tracking_disable=True).write(
                {
                    **taken_today(today),
                    "blocked_reason": self.env._(
                        "A communication waits for a manager's validation."
                    ),
                }
            )

    @api.model
    def _without_missing_mentions(self, decisions):
        """The (case, level) decisions whose document can be produced: a formal notice that
        lacks a mandatory mention is skipped, and the case's collector asked for it once."""
        kept = []
        for case, level in decisions:
            if level.stage in ladder.FORMAL_STAGES:
                missing = case.company_id._debt_recovery_missing_mentions(
                    "formal_notice", case.partner_id
                )
                if missing:
                    case._ask_for_mentions("formal_notice", missing)
                    continue
            kept.append((case, level))
        return kept

    def _ask_for_mentions(self, document, missing):
        """One activity on this case asking for the mandatory mentions ``missing`` (pairs of
        :meth:`res.company._debt_recovery_missing_mentions`) of ``document``."""
        self.ensure_one()
        names = dict(self.company_id._debt_recovery_document_names())
        summary = self.env._("%s waits for mandatory mentions", names[document])
        if self.activity_ids.filtered(lambda a: a.summary == summary):
            return
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        self.activity_schedule(
            activity_type_id=activity_type.id,
            summary=summary,
            note=self.env._(
                "%(document)s to %(debtor)s is not produced until %(company)s sets: %(missing)s.",
                document=names[document],
                debtor=self.partner_id.display_name,
                company=self.company_id.display_name,
                missing="; ".join(label for _mention, label in missing),
            ),
            user_id=self._activity_user(activity_type).id,
        )

    @api.model
    def _preventive_requests(self, key, case, policy, moves, today):
        """(key, case, level, invoices) of the preventive reminders due today for a debtor."""
        reminders = ladder.preventive_reminders(
            policy._engine_levels(),
            [
                ladder.InvoiceDue(
                    id=m.id,
                    due_date=m.invoice_date_due,
                    level_id=m.debt_recovery_level_id.id or None,
                )
                for m in moves
            ],
            today,
        )
        return [
            (
                key,
                case,
                self.env["debt.recovery.level"].browse(level_id),
                self.env["account.move"].browse(move_ids),
            )
            for level_id, move_ids in reminders.items()
        ]

    @api.model
    def _send_preventive_reminders(self, today, company_id=None, partner_ids=None):
        """Courteous reminders before the due date, once per invoice and preventive level; of
        one company's invoices only when ``company_id`` is given, of its ``partner_ids`` only
        when given too (a worker's chunk of debtors)."""
        requests = self._preventive_reminder_requests(today, company_id, partner_ids)
        return self.env["debt.recovery.communication"]._create_preventive(requests, today)

    @api.model
    def _preventive_reminder_requests(
        self, today, company_id=None, partner_ids=None, overdue_keys=None
    ):
        """The preventive reminders due ``today`` (see :meth:`_preventive_requests`), decided
        and not sent. ``overdue_keys``: the (debtor, company) pairs with overdue invoices,
        when known (the preview of a run); else read from the cases."""
        policies = self.env["debt.recovery.policy"].search([("level_ids.stage", "=", "preventive")])
        if not policies:
            return []
        max_days = max(-min(level.delay_days for level in policy.level_ids) for policy in policies)
        domain = [
            ("move_type", "=", "out_invoice"),
            ("state", "=", "posted"),
            ("amount_residual", ">", 0),
            ("debt_recovery_excluded", "=", False),
            ("company_id", "in", policies.company_id.ids),
            ("invoice_date_due", ">=", today),
            ("invoice_date_due", "<=", today + timedelta(days=max_days)),
        ]
        if company_id is not None:
            domain.append(("company_id", "=", company_id))
        if partner_ids is not None:
            domain.append(("commercial_partner_id", "in", list(partner_ids)))
        moves = self.env["account.move"].search(domain)
        if not moves:
            return []
        policy_map = self._policy_map(moves.commercial_partner_id.ids, moves.company_id)
        per_key = defaultdict(list)
        for move in moves:
            key = (move.commercial_partner_id.id, move.company_id.id)
            per_key[key].append(move)
        cases = self.search(
            [
                ("partner_id", "in", moves.commercial_partner_id.ids),
                ("company_id", "in", moves.company_id.ids),
            ]
        )
        case_by_key = {(c.partner_id.id, c.company_id.id): c for c in cases}
        requests = []  # (partner, company, case, level, moves)
        for key, key_moves in per_key.items():
            policy = policy_map.get(key)
            case = case_by_key.get(key)
            overdue = (
                key in overdue_keys
                if overdue_keys is not None
                else case and case.state not in ("closed",) and case.oldest_due_date
            )
            if not policy or overdue:
                # A debtor with overdue invoices follows the overdue ladder only.
                continue
            requests.extend(self._preventive_requests(key, case, policy, key_moves, today))
        return requests
