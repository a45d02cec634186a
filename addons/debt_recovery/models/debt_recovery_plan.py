# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from ..engine import schedule
from .company_scope import company_condition

PLAN_STATES = [
    ("draft", "Draft"),
    ("active", "Active"),
    ("done", "Done"),
    ("broken", "Broken"),
    ("cancelled", "Cancelled"),
]
LINE_STATES = [
    ("pending", "Pending"),
    ("partial", "Partially paid"),
    ("paid", "Paid"),
    ("late", "Late"),
    ("missed", "Missed"),
]


class DebtRecoveryPlan(models.Model):
    _name = "debt.recovery.plan"
    _description = "Instalment Plan"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(default="/", copy=False, readonly=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Debtor",
        required=True,
        index=True,
        tracking=True,
        domain="[('parent_id', '=', False)]",
    )
    case_id = fields.Many2one("debt.recovery.case", index=True, check_company=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    user_id = fields.Many2one(
        "res.users",
        string="Collector",
        default=lambda self: self.env["debt.recovery.case"]._default_responsible(),
        tracking=True,
        help="Defaults to the case's collector, else the policy's default collector.",
    )
    invoice_ids = fields.Many2many(
        "account.move",
        "debt_recovery_plan_invoice_rel",
        "plan_id",
        "move_id",
        string="Invoices",
        check_company=True,
        domain="[('move_type', '=', 'out_invoice'), ('state', '=', 'posted'),"
        " ('commercial_partner_id', '=', partner_id), ('amount_residual', '>', 0),"
        " ('company_id', '=', company_id)]",
    )
    amount_total = fields.Monetary(
        compute="_compute_amount_total",
        store=True,
        readonly=False,
        tracking=True,
        help="Amount the debtor pays through the plan; defaults to the invoices' residual.",
    )
    amount_invoices = fields.Monetary(
        string="Invoices Residual",
        compute="_compute_amount_invoices",
        help="Current residual of the plan's invoices.",
    )
    down_payment = fields.Monetary(default=0.0, tracking=True)
    instalment_count = fields.Integer(string="Instalments", default=3, tracking=True)
    frequency = fields.Selection(
        [
            ("weekly", "Weekly"),
            ("biweekly", "Every two weeks"),
            ("monthly", "Monthly"),
            ("quarterly", "Quarterly"),
        ],
        default="monthly",
        required=True,
    )
    date_start = fields.Date(default=fields.Date.context_today, required=True)
    first_due_date = fields.Date(
        compute="_compute_first_due_date",
        store=True,
        readonly=False,
        help="Due date of the first instalment; one month after the start by default.",
    )
    tolerance_days = fields.Integer(
        default=5, help="Days after a due date before an unpaid instalment counts as missed."
    )
    max_missed = fields.Integer(
        string="Missed Instalments Allowed",
        default=1,
        help="The plan breaks when this number of instalments are missed.",
    )
    line_ids = fields.One2many("debt.recovery.plan.line", "plan_id", string="Schedule", copy=False)
    state = fields.Selection(
        PLAN_STATES, default="draft", required=True, tracking=True, index=True, copy=False
    )
    assessment_id = fields.Many2one("debt.recovery.assessment", check_company=True)
    previous_plan_id = fields.Many2one(
        "debt.recovery.plan", string="Replaces", check_company=True, copy=False, index=True
    )
    revision_ids = fields.One2many("debt.recovery.plan", "previous_plan_id", string="Revisions")
    case_level_id = fields.Many2one(
        "debt.recovery.level",
        string="Level at Activation",
        readonly=True,
        copy=False,
        help="Recovery level of the case when the plan started: a broken plan resumes there.",
    )
    date_activated = fields.Date(readonly=True, copy=False)
    date_closed = fields.Date(readonly=True, copy=False)
    default_notice_date = fields.Date(
        string="Default Notice Sent On",
        readonly=True,
        copy=False,
        help="A consumer missed instalments: the formal notice asking to pay them was sent on "
        "this date. The plan ends, and the balance falls due, only if it is left without effect "
        "for the policy's delay.",
    )
    amount_paid = fields.Monetary(
        default=0.0, readonly=True, copy=False, help="Paid on the plan, as of the last update."
    )
    amount_remaining = fields.Monetary(compute="_compute_progress")
    payment_progress = fields.Float(compute="_compute_progress")
    next_due_date = fields.Date(compute="_compute_next_due")
    next_due_amount = fields.Monetary(compute="_compute_next_due")
    note = fields.Text()

    _sql_constraints = [
        (
            "tolerance_positive",
            "CHECK(tolerance_days >= 0)",
            "The tolerance cannot be negative.",
        ),
    ]

    # ------------------------------------------------------------------ computes
    @api.depends("invoice_ids")
    def _compute_amount_total(self):
        # Deliberately not depending on the residual: payments must not change the plan.
        for plan in self:
            plan.amount_total = sum(plan.invoice_ids.mapped("amount_residual_signed"))

    @api.depends("invoice_ids.amount_residual_signed")
    def _compute_amount_invoices(self):
        for plan in self:
            plan.amount_invoices = sum(plan.invoice_ids.mapped("amount_residual_signed"))

    @api.depends("date_start")
    def _compute_first_due_date(self):
        for plan in self:
            plan.first_due_date = plan.date_start and schedule.add_months(plan.date_start, 1)

    @api.depends("amount_paid", "amount_total")
    def _compute_progress(self):
        for plan in self:
            plan.amount_remaining = max(0.0, plan.amount_total - plan.amount_paid)
            plan.payment_progress = (
                min(100.0, 100.0 * plan.amount_paid / plan.amount_total)
                if plan.amount_total > 0
                else 0.0
            )

    @api.depends("line_ids.state", "line_ids.due_date", "line_ids.amount_paid")
    def _compute_next_due(self):
        for plan in self:
            unpaid = plan.line_ids.filtered(lambda line: line.state != "paid").sorted("due_date")
            plan.next_due_date = unpaid[:1].due_date
            plan.next_due_amount = unpaid[:1].amount - unpaid[:1].amount_paid if unpaid else 0.0

    # ------------------------------------------------------------------ CRUD
    @api.model_create_multi
    def create(self, vals_list):
        self.env["debt.recovery.case"]._fill_responsible(vals_list)
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                company = self.env["res.company"].browse(
                    vals.get("company_id") or self.env.company.id
                )
                vals["name"] = (
                    self.env["ir.sequence"]
                    .with_company(company)
                    .next_by_code("debt.recovery.plan", sequence_date=vals.get("date_start"))
                    or "/"
                )
        plans = super().create(vals_list)
        plans.filtered(lambda p: not p.case_id)._link_case()
        return plans

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        for plan in self:
            if plan.state not in ("draft", "cancelled"):
                raise UserError(
                    self.env._(
                        "Plan %(name)s has been activated: cancel it, it is kept as history.",
                        name=plan.name,
                    )
                )

    def _link_case(self, create=False):
        """Attach each plan to its debtor's recovery case (created by a sync if asked)."""
        self.check_access("write")
        # Superuser on the plans checked above: the case is found (or created by the daily
        # job's sync) in the plan's company, which need not be the active one.
        Case = self.env["debt.recovery.case"].sudo()
        for plan in self:
            partner = plan.partner_id.commercial_partner_id
            case = Case.search(
                [("partner_id", "=", partner.id), ("company_id", "=", plan.company_id.id)],
                limit=1,
            )
            if not case and create:
                Case._sync_cases(
                    fields.Date.context_today(self),
                    company_ids=plan.company_id.ids,
                    partner_ids=partner.ids,
                )
                case = Case.search(
                    [("partner_id", "=", partner.id), ("company_id", "=", plan.company_id.id)],
                    limit=1,
                )
            if case:
                plan.case_id = case.id
                if not plan.user_id:
                    plan.user_id = case.user_id or case.policy_id.user_id

    @api.model
    def _plannable_invoices(self, partner, company):
        """Overdue open invoices of the debtor that are not in an active plan yet."""
        today = fields.Date.context_today(self)
        invoices = self.env["account.move"].search(
            self.env["debt.recovery.case"]._overdue_invoice_domain(
                partner.commercial_partner_id.ids, company.ids, today, 0
            ),
            order="invoice_date_due, id",
        )
        taken = self.search(
            [("state", "=", "active"), ("invoice_ids", "in", invoices.ids)]
        ).invoice_ids
        return invoices - taken

    # ------------------------------------------------------------------ checks
    def _recovery_policy(self):
        """The recovery policy of the plan: its case's, else its debtor's or company's."""
        self.ensure_one()
        if self.case_id.policy_id:
            return self.case_id.policy_id
        partner = self.partner_id.commercial_partner_id
        return (
            self.env["debt.recovery.case"]
            ._policy_map(partner.ids, self.company_id)
            .get((partner.id, self.company_id.id), self.env["debt.recovery.policy"])
        )

    def _plan_length_error(self, months, max_months):
        return self.env._(
            "Plan %(plan)s runs over %(months)s months from its first instalment to its last: "
            "its recovery policy allows %(max)s months at most. Use fewer instalments or a "
            "shorter frequency.",
            plan=self.display_name,
            months=months,
            max=max_months,
        )

    def _check_length(self, due_dates):
        """Refuse instalment ``due_dates`` spanning more months than the policy allows."""
        self.ensure_one()
        policy = self._recovery_policy()
        if not policy:
            return
        months = schedule.span_months(due_dates)
        if months > policy.plan_max_months:
            raise ValidationError(self._plan_length_error(months, policy.plan_max_months))

    @api.constrains(
        "instalment_count", "frequency", "first_due_date", "line_ids", "case_id", "partner_id"
    )
    def _check_plan_length(self):
        """Terms and schedule alike: first to last instalment within the policy's maximum."""
        for plan in self:
            if plan.first_due_date and plan.instalment_count > 0:
                plan._check_length(
                    schedule.due_dates(plan.first_due_date, plan.instalment_count, plan.frequency)
                )
            plan._check_length(
                plan.line_ids.filtered(lambda line: not line.is_down_payment).mapped("due_date")
            )

    def _schedule_error_message(self, code):
        messages = {
            "count": self.env._(
                "The plan needs at least one instalment, each of a positive amount."
            ),
            "amount": self.env._("The amount of the plan must be positive."),
            "down_payment": self.env._(
                "The down payment cannot be negative and must be less than the amount of the plan."
            ),
            "first_due_date": self.env._("The first due date cannot be before the start date."),
            "frequency": self.env._("Unknown frequency."),
        }
        return messages.get(code, code)

    def _check_invoices(self):
        """Refuse invoices that cannot go into these plans (no write happens before)."""
        for plan in self:
            if not plan.invoice_ids:
                raise ValidationError(
                    self.env._("Plan %(name)s has no invoice.", name=plan.display_name)
                )
            partner = plan.partner_id.commercial_partner_id
            for move in plan.invoice_ids:
                if move.company_id != plan.company_id:
                    raise ValidationError(
                        self.env._(
                            "Invoice %(invoice)s belongs to company %(company)s, not to "
                            "%(plan_company)s.",
                            invoice=move.display_name,
                            company=move.company_id.name,
                            plan_company=plan.company_id.name,
                        )
                    )
                if move.commercial_partner_id != partner:
                    raise ValidationError(
                        self.env._(
                            "Invoice %(invoice)s is not an invoice of %(partner)s.",
                            invoice=move.display_name,
                            partner=partner.display_name,
                        )
                    )
                if (
                    move.move_type != "out_invoice"
                    or move.state != "posted"
                    or move.amount_residual <= 0
                ):
                    raise ValidationError(
                        self.env._(
                            "Invoice %(invoice)s is not an open posted customer invoice.",
                            invoice=move.display_name,
                        )
                    )
            others = self.search(
                [
                    ("state", "=", "active"),
                    ("invoice_ids", "in", plan.invoice_ids.ids),
                    ("id", "not in", (plan | plan.previous_plan_id).ids),
                ]
            ).filtered(lambda p, company=plan.company_id: p.company_id == company)
            if others:
                taken = others.invoice_ids & plan.invoice_ids
                raise ValidationError(
                    self.env._(
                        "Invoices %(invoices)s are already in the active plan %(plan)s.",
                        invoices=", ".join(taken.mapped("display_name")),
                        plan=others[0].name,
                    )
                )

    # ------------------------------------------------------------------ user actions
    def action_generate_schedule(self):
        """(Re)build the instalment lines of draft plans from their terms."""
        values = {}
        for plan in self:
            if plan.state != "draft":
                raise UserError(self.env._("Only a draft plan can be (re)scheduled."))
            plan._check_invoices()
            if not plan.first_due_date or not plan.date_start:
                raise ValidationError(self.env._("Set the start date and the first due date."))
            try:
                lines = schedule.build_schedule(
                    plan.amount_total,
                    plan.down_payment,
                    plan.instalment_count,
                    plan.frequency,
                    plan.date_start,
                    plan.first_due_date,
                    plan.currency_id.rounding,
                )
            except schedule.ScheduleError as error:
                raise ValidationError(plan._schedule_error_message(error.code)) from error
            plan._check_length([line.due_date for line in lines if not line.is_down_payment])
            values[plan] = [
                fields.Command.create(
                    {
                        "sequence": line.sequence,
                        "due_date": line.due_date,
                        "amount": line.amount,
                        "is_down_payment": line.is_down_payment,
                    }
                )
                for line in lines
            ]
        # Every plan validated: write everything now.
        for plan, commands in values.items():
            plan.line_ids = [fields.Command.clear(), *commands]
        return True

    def action_activate(self):
        today = fields.Date.context_today(self)
        for plan in self:
            if plan.state != "draft":
                raise UserError(self.env._("Only a draft plan can be activated."))
            if not plan.line_ids:
                raise UserError(
                    self.env._("Generate the schedule of %(name)s first.", name=plan.name)
                )
            if plan.currency_id.compare_amounts(
                sum(plan.line_ids.mapped("amount")), plan.amount_total
            ):
                raise UserError(
                    self.env._(
                        "The schedule of %(name)s no longer matches its amount: generate it again.",
                        name=plan.name,
                    )
                )
            plan._check_invoices()
            plan.company_id._debt_recovery_check_mentions("plan", plan.partner_id)
        for plan in self:
            previous = plan.previous_plan_id
            if previous.state == "active":
                previous._close("cancelled", today, keep_moves=plan.invoice_ids)
                previous.message_post(body=self.env._("Replaced by plan %(name)s.", name=plan.name))
            if not plan.case_id:
                plan._link_case(create=True)
            plan.invoice_ids._debt_recovery_hold("plan", replace=("promise",))
            plan.write(
                {
                    "state": "active",
                    "date_activated": today,
                    "case_level_id": plan.case_id.level_id.id,
                    "date_closed": False,
                }
            )
            if plan.case_id:
                plan.case_id.message_post(
                    body=self.env._(
                        "Instalment plan %(name)s activated: %(count)s instalments, "
                        "recovery suspended.",
                        name=plan.name,
                        count=len(plan.line_ids),
                    )
                )
        self.case_id._sync_state()
        return True

    def action_cancel(self):
        today = fields.Date.context_today(self)
        for plan in self:
            if plan.state not in ("draft", "active"):
                raise UserError(self.env._("Only a draft or active plan can be cancelled."))
        self._close("cancelled", today)
        self.case_id._sync_state()
        return True

    def action_revise(self):
        """A new draft plan for what remains unpaid, replacing this one once activated."""
        self.ensure_one()
        if self.state not in ("active", "broken"):
            raise UserError(self.env._("Only an active or broken plan can be revised."))
        invoices = self.invoice_ids.filtered(lambda m: m.amount_residual > 0)
        if not invoices:
            raise UserError(self.env._("Nothing remains to be paid on this plan."))
        remaining = len(self.line_ids.filtered(lambda line: line.state != "paid"))
        today = fields.Date.context_today(self)
        revision = self.create(
            {
                "partner_id": self.partner_id.id,
                "case_id": self.case_id.id,
                "company_id": self.company_id.id,
                "user_id": self.env.user.id,
                "invoice_ids": [fields.Command.set(invoices.ids)],
                "instalment_count": max(1, remaining),
                "frequency": self.frequency,
                "tolerance_days": self.tolerance_days,
                "max_missed": self.max_missed,
                "date_start": today,
                "first_due_date": schedule.add_months(today, 1),
                "previous_plan_id": self.id,
                "assessment_id": self.assessment_id.id,
            }
        )
        revision.action_generate_schedule()
        self.message_post(body=self.env._("Revision %(name)s drafted.", name=revision.name))
        return revision._open_form()

    def action_refresh(self):
        """Update payments and instalment states now."""
        self.check_access("write")
        self._refresh_plans(self.filtered(lambda p: p.state == "active"), fields.Date.today())
        return True

    def _open_form(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "debt.recovery.plan",
            "res_id": self.id,
            "view_mode": "form",
            "target": "current",
        }

    # ------------------------------------------------------------------ follow-up
    def _close(self, state, today, keep_moves=None):
        """Move plans to a final state and lift their 'plan' holds (not those still in use)."""
        if not self:
            return
        self.write({"state": state, "date_closed": today})
        still_active = self.search(
            [("state", "=", "active"), ("invoice_ids", "in", self.invoice_ids.ids)]
        )
        keep = still_active.invoice_ids | (keep_moves or self.env["account.move"])
        (self.invoice_ids - keep)._debt_recovery_release(["plan"])

    @api.model
    def _invoice_residuals(self, plans):
        """{plan_id: current residual of its invoices (company currency)}, one query."""
        if not plans:
            return {}
        self.env["account.move"].flush_model(["amount_residual_signed"])
        self.flush_model(["invoice_ids"])
        self.env.cr.execute(
            SQL(
                """
                SELECT rel.plan_id, COALESCE(SUM(m.amount_residual_signed), 0)
                  FROM debt_recovery_plan_invoice_rel rel
                  JOIN account_move m ON m.id = rel.move_id
                 WHERE rel.plan_id IN %s
                   AND %s
              GROUP BY rel.plan_id
                """,
                tuple(plans.ids),
                company_condition(self.env, SQL("m.company_id")),
            )
        )
        return dict(self.env.cr.fetchall())

    @api.model
    def _refresh(self, today):
        """Follow active plans (payments, late and missed instalments), set-based.

        Called by the daily job before the cases are synchronised: one search of the active
        plans, one query for the residuals, writes grouped by identical values.
        """
        # Reached by the daily job only (_refresh_holds): every company's plans.
        plans = self.sudo().search([("state", "=", "active")])
        return self._refresh_plans(plans, today)

    @api.model
    def _refresh_plans(self, plans, today):
        # Reached from the daily job or from action_refresh once it checked these plans: the
        # follow-up writes read-only payment states, emails the debtor and logs communications
        # as the daily job does. Everything below works in this superuser environment.
        plans = plans.sudo()
        if not plans:
            return
        residuals = self._invoice_residuals(plans)
        line_writes = defaultdict(list)
        plan_writes = defaultdict(list)
        done, broken = plans.browse(), plans.browse()
        for plan in plans:
            currency = plan.currency_id
            rounding = currency.rounding
            paid = currency.round(
                schedule.amount_paid_on_plan(plan.amount_total, residuals.get(plan.id, 0.0))
            )
            if currency.compare_amounts(paid, plan.amount_paid):
                plan_writes[paid].append(plan.id)
            lines = plan.line_ids.sorted(lambda line: (line.due_date, line.sequence, line.id))
            allocations = schedule.allocate(lines.mapped("amount"), paid, rounding)
            states = []
            for line, line_paid in zip(lines, allocations, strict=True):
                state = schedule.line_state(
                    line.amount, line_paid, line.due_date, plan.tolerance_days, today, rounding
                )
                states.append(state)
                if state != line.state or currency.compare_amounts(line_paid, line.amount_paid):
                    line_writes[(line_paid, state)].append(line.id)
            outcome = schedule.plan_outcome(states, plan.max_missed)
            if outcome == "done":
                done |= plan
            elif outcome == "broken":
                broken |= plan
        Line = plans.env["debt.recovery.plan.line"]
        for (line_paid, state), ids in line_writes.items():
            Line.browse(ids).write({"amount_paid": line_paid, "state": state})
        for paid, ids in plan_writes.items():
            plans.browse(ids).write({"amount_paid": paid})
        if done:
            done._close("done", today)
            for plan in done:
                plan.message_post(body=self.env._("Every instalment is paid: plan completed."))
        plans.filtered(lambda p: p.default_notice_date and p not in broken).write(
            {"default_notice_date": False}
        )
        broken = broken._after_default_notice(today)
        if broken:
            broken._close("broken", today)
            broken._resume_cases(today)
        (plans - done - broken)._send_reminders(today)

    def _after_default_notice(self, today):
        """The defaulting plans that end today.

        A consumer's plan ends only after a formal notice left without effect for the policy's
        delay (the balance cannot fall due at once): the first default sends that notice and
        the plan goes on.
        """
        consumers = self.filtered(
            lambda p: p.partner_id.commercial_partner_id.debt_recovery_debtor_type == "consumer"
        )
        to_notify = consumers.filtered(lambda p: not p.default_notice_date)
        # A notice that lacks a mandatory mention is not sent: the plan waits, a collector
        # is asked for the mention.
        blocked = to_notify.filtered(
            lambda p: p.company_id._debt_recovery_missing_mentions("formal_notice", p.partner_id)
        )
        for plan in blocked.filtered("case_id"):
            plan.case_id._ask_for_mentions(
                "formal_notice",
                plan.company_id._debt_recovery_missing_mentions("formal_notice", plan.partner_id),
            )
        to_notify -= blocked
        to_notify._send_default_notice(today)
        waiting = (consumers - to_notify).filtered(
            lambda p: today < p.default_notice_date + timedelta(days=p._default_notice_days())
        )
        return self - to_notify - blocked - waiting

    def _default_notice_days(self):
        self.ensure_one()
        policy = self.case_id.policy_id or self.company_id.debt_recovery_policy_id
        return policy.consumer_plan_notice_days if policy else 30

    def _send_default_notice(self, today):
        """A registered letter asking the consumer to pay the missed instalments."""
        Comm = self.env["debt.recovery.communication"]
        for plan in self:
            days = plan._default_notice_days()
            summary = self.env._(
                "Formal notice of default on the instalment plan %(plan)s: pay the missed "
                "instalments within %(days)s days, or the whole balance falls due.",
                plan=plan.name,
                days=days,
            )
            Comm.create(
                {
                    "partner_id": plan.partner_id.commercial_partner_id.id,
                    "case_id": plan.case_id.id,
                    "company_id": plan.company_id.id,
                    "channel": "registered_letter",
                    "direction": "outbound",
                    "state": "to_send",
                    "date": today,
                    "response_date": today + timedelta(days=days),
                    "summary": summary,
                    "invoice_ids": [fields.Command.set(plan.invoice_ids.ids)],
                }
            )
            plan.message_post(body=summary)
        self.write({"default_notice_date": today})

    def _resume_cases(self, today):
        """Broken plans: their cases resume the ladder at the level saved at activation."""
        by_level = defaultdict(list)
        for plan in self.filtered("case_id"):
            by_level[plan.case_level_id.id].append(plan.case_id.id)
        # Reached from _refresh_plans only, in its superuser environment.
        Case = self.env["debt.recovery.case"].with_context(tracking_disable=True)
        for level_id, case_ids in by_level.items():
            Case.browse(case_ids).write(
                {
                    "level_id": level_id or False,
                    "level_date": today,
                    "next_action_date": False,
                    "blocked_reason": False,
                }
            )
        # No active plan any more: the state rule takes the cases back to the ladder.
        Case.browse([case_id for ids in by_level.values() for case_id in ids])._sync_state()
        for plan in self:
            body = self.env._(
                "Instalment plan %(name)s broken (missed instalments): recovery resumes.",
                name=plan.name,
            )
            plan.message_post(body=body)
            if plan.case_id:
                plan.case_id.message_post(body=body)

    def _send_reminders(self, today):
        """Email before each instalment and when it becomes late, once per line."""
        if not self:
            return
        before, late = self.env["debt.recovery.plan.line"], self.env["debt.recovery.plan.line"]
        for plan in self:
            if not plan.partner_id.email:
                continue
            policy = plan.case_id.policy_id or plan.company_id.debt_recovery_policy_id
            days = policy.instalment_reminder_days if policy else 3
            for line in plan.line_ids:
                if line.state in ("pending", "partial"):
                    if not line.reminder_sent and (line.due_date - today).days <= days:
                        before |= line
                elif line.state in ("late", "missed") and not line.late_notice_sent:
                    late |= line
        before._notify(
            "debt_recovery.mail_template_plan_instalment_reminder",
            "reminder_sent",
            lambda line: self.env._(
                "Reminder of instalment %(sequence)s of plan %(plan)s: %(amount)s due on %(date)s.",
                sequence=line.sequence,
                plan=line.plan_id.name,
                amount=line.amount - line.amount_paid,
                date=line.due_date,
            ),
            today,
        )
        late._notify(
            "debt_recovery.mail_template_plan_instalment_late",
            "late_notice_sent",
            lambda line: self.env._(
                "Instalment %(sequence)s of plan %(plan)s is late: %(amount)s was due on %(date)s.",
                sequence=line.sequence,
                plan=line.plan_id.name,
                amount=line.amount - line.amount_paid,
                date=line.due_date,
            ),
            today,
        )


class DebtRecoveryPlanLine(models.Model):
    _name = "debt.recovery.plan.line"
    _description = "Instalment"
    _order = "plan_id, sequence, due_date"

    plan_id = fields.Many2one("debt.recovery.plan", required=True, ondelete="cascade", index=True)
    partner_id = fields.Many2one(related="plan_id.partner_id")
    company_id = fields.Many2one(related="plan_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="plan_id.currency_id")
    sequence = fields.Integer()
    due_date = fields.Date(required=True)
    amount = fields.Monetary()
    amount_paid = fields.Monetary(default=0.0, readonly=True)
    amount_due = fields.Monetary(string="Left to Pay", compute="_compute_amount_due")
    is_down_payment = fields.Boolean()
    state = fields.Selection(LINE_STATES, default="pending", required=True, readonly=True)
    reminder_sent = fields.Boolean(readonly=True, copy=False)
    late_notice_sent = fields.Boolean(readonly=True, copy=False)

    @api.depends("amount", "amount_paid")
    def _compute_amount_due(self):
        for line in self:
            line.amount_due = max(0.0, line.amount - line.amount_paid)

    @api.depends("plan_id.name", "sequence", "is_down_payment")
    def _compute_display_name(self):
        for line in self:
            if line.is_down_payment:
                line.display_name = self.env._(
                    "%(plan)s: down payment", plan=line.plan_id.display_name
                )
            else:
                line.display_name = self.env._(
                    "%(plan)s: instalment %(sequence)s",
                    plan=line.plan_id.display_name,
                    sequence=line.sequence,
                )

    @api.constrains("due_date", "is_down_payment")
    def _check_plan_length(self):
        self.plan_id._check_plan_length()

    def _notify(self, template_xmlid, flag, summary, today):
        """Queue the template's email for these lines, log them, mark them as notified."""
        if not self:
            return
        template = self.env.ref(template_xmlid, raise_if_not_found=False)
        if not template:
            return
        # Reached from the daily job (_refresh_plans and the add-ons' daily steps) or plans
        # checked by action_refresh: the lines, template and communications below are in its
        # superuser environment.
        mails = template.send_mail_batch(self.ids, force_send=False)
        self.env["debt.recovery.communication"]._create_notices(
            [
                (line.plan_id, mail, summary(line), line.amount - line.amount_paid)
                for line, mail in zip(self, mails, strict=False)
            ],
            today,
        )
        self.write({flag: True})


class ResPartner(models.Model):
    _inherit = "res.partner"

    debt_recovery_plan_count = fields.Integer(compute="_compute_debt_recovery_plan_counts")
    debt_recovery_promise_count = fields.Integer(compute="_compute_debt_recovery_plan_counts")

    def _compute_debt_recovery_plan_counts(self):
        commercial = self.commercial_partner_id
        counts = {}
        for model in ("debt.recovery.plan", "debt.recovery.promise"):
            if not self.env[model].has_access("read"):
                counts[model] = {}
                continue
            counts[model] = dict(
                self.env[model]._read_group(
                    [("partner_id", "in", commercial.ids)], ["partner_id"], ["__count"]
                )
            )
        for partner in self:
            key = partner.commercial_partner_id
            partner.debt_recovery_plan_count = counts["debt.recovery.plan"].get(key, 0)
            partner.debt_recovery_promise_count = counts["debt.recovery.promise"].get(key, 0)

    def _debt_recovery_action(self, xmlid):
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        partner = self.commercial_partner_id[:1]
        action["domain"] = [("partner_id", "in", self.commercial_partner_id.ids)]
        action["context"] = {"default_partner_id": partner.id}
        return action

    def action_view_debt_recovery_plans(self):
        return self._debt_recovery_action("debt_recovery.debt_recovery_plan_action")

    def action_view_debt_recovery_promises(self):
        return self._debt_recovery_action("debt_recovery.debt_recovery_promise_action")
