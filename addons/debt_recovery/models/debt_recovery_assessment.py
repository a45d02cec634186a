# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import defaultdict
from datetime import timedelta

from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.osv import expression
from odoo.tools import SQL, format_amount, format_date

from ..engine import affordability, schedule
from .company_scope import allowed_company_ids

LINE_KINDS = [("income", "Income"), ("expense", "Expense"), ("debt", "Debt repayment")]
ADVICE = [
    ("ok", "Sustainable plan"),
    ("nothing_due", "Nothing due"),
    ("no_surplus_individual", "No surplus (individual)"),
    ("no_surplus_business", "No surplus (business)"),
    ("too_long_individual", "Too long (individual)"),
    ("too_long_business", "Too long (business)"),
]
# Members read and write the budget lines of individuals (see the security file).
ASSESSMENT_GROUP = "debt_recovery.group_debt_recovery_assessment"
RESULT_FIELDS = (
    "monthly_income",
    "monthly_expenses",
    "monthly_debt_payments",
    "disposable_income",
    "recommended_instalment",
    "recommended_count",
    "sustainable",
    "advice",
)


class DebtRecoveryAssessment(models.Model):
    _name = "debt.recovery.assessment"
    _description = "Debtor Capacity Assessment"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"
    _check_company_auto = True

    partner_id = fields.Many2one("res.partner", string="Debtor", required=True, index=True)
    case_id = fields.Many2one(
        "debt.recovery.case",
        index=True,
        check_company=True,
        compute="_compute_case_id",
        store=True,
        readonly=False,
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    user_id = fields.Many2one(
        "res.users",
        string="Assessed By",
        default=lambda self: self.env["debt.recovery.case"]._default_responsible(),
        readonly=True,
    )
    date = fields.Date(default=fields.Date.context_today, required=True)
    kind = fields.Selection(
        [("individual", "Individual"), ("business", "Business")],
        default="individual",
        required=True,
    )
    line_ids = fields.One2many("debt.recovery.assessment.line", "assessment_id", copy=True)
    monthly_income = fields.Monetary(compute="_compute_result", store=True, groups=ASSESSMENT_GROUP)
    monthly_expenses = fields.Monetary(
        compute="_compute_result", store=True, groups=ASSESSMENT_GROUP
    )
    monthly_debt_payments = fields.Monetary(
        compute="_compute_result", store=True, groups=ASSESSMENT_GROUP
    )
    disposable_income = fields.Monetary(
        compute="_compute_result", store=True, groups=ASSESSMENT_GROUP
    )
    contingency_rate = fields.Float(
        string="Contingency (%)",
        default=10.0,
        help="Share of the disposable income kept aside for the unexpected.",
    )
    recommended_instalment = fields.Monetary(compute="_compute_result", store=True)
    recommended_count = fields.Integer(
        string="Recommended Instalments", compute="_compute_result", store=True
    )
    sustainable = fields.Boolean(compute="_compute_result", store=True)
    advice = fields.Selection(ADVICE, compute="_compute_result", store=True)
    max_months = fields.Integer(
        string="Maximum Months",
        compute="_compute_max_months",
        store=True,
        readonly=False,
        help="Longest plan to propose; defaults to, and cannot exceed, the maximum plan length "
        "of the recovery policy.",
    )
    amount_due = fields.Monetary(
        compute="_compute_amount_due",
        store=True,
        readonly=False,
        help="Debt to repay; defaults to the debtor's open overdue invoices.",
    )
    recommendation = fields.Html(compute="_compute_recommendation", sanitize=False)
    state = fields.Selection(
        [("draft", "Draft"), ("done", "Done")], default="draft", tracking=True, required=True
    )
    note = fields.Text(string="Notes")
    erased = fields.Boolean(string="Personal Data Erased", readonly=True, copy=False)
    erased_date = fields.Date(string="Erased On", readonly=True, copy=False)
    plan_ids = fields.One2many("debt.recovery.plan", "assessment_id", string="Plans")
    # Payment history, read from the accounting (not stored).
    history_avg_days_late = fields.Float(
        string="Average Days Late", compute="_compute_history", digits=(16, 1)
    )
    history_on_time_rate = fields.Float(string="Paid on Time (%)", compute="_compute_history")
    history_paid_count = fields.Integer(
        string="Invoices Paid (12 months)", compute="_compute_history"
    )
    history_broken_plans = fields.Integer(string="Broken Plans", compute="_compute_history")
    history_broken_promises = fields.Integer(string="Broken Promises", compute="_compute_history")
    history_exposure = fields.Monetary(string="Current Exposure", compute="_compute_history")

    @api.model_create_multi
    def create(self, vals_list):
        self.env["debt.recovery.case"]._fill_responsible(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        # Whether the budget lines are a person's budget depends on the kind: chosen at
        # creation, it never changes (else a collector would turn an individual into a business
        # to read the budget, then turn it back).
        if "kind" in vals and any(a.kind != vals["kind"] for a in self):
            raise UserError(
                self.env._(
                    "The kind of a capacity assessment (individual or business) is chosen when "
                    "it is created and cannot be changed: create a new assessment."
                )
            )
        return super().write(vals)

    # ------------------------------------------------------------------ computes
    @api.depends("partner_id", "date")
    def _compute_display_name(self):
        for assessment in self:
            assessment.display_name = self.env._(
                "Assessment of %(debtor)s (%(date)s)",
                debtor=assessment.partner_id.display_name or "?",
                date=format_date(self.env, assessment.date),
            )

    def _policy_max_months(self):
        """{assessment: maximum plan length of its recovery policy (0: no policy)}."""
        result = {}
        without_case = self.filtered(lambda a: not a.case_id.policy_id)
        policies = {}
        for company in without_case.company_id:
            policies.update(
                self.env["debt.recovery.case"]._policy_map(
                    without_case.partner_id.commercial_partner_id.ids, company
                )
            )
        for assessment in self:
            key = (assessment.partner_id.commercial_partner_id.id, assessment.company_id.id)
            policy = assessment.case_id.policy_id or policies.get(key)
            result[assessment] = policy.plan_max_months if policy else 0
        return result

    @api.depends("case_id", "partner_id", "company_id")
    def _compute_max_months(self):
        caps = self._policy_max_months()
        for assessment in self:
            assessment.max_months = caps[assessment] or assessment.max_months or 24

    @api.constrains("max_months", "case_id")
    def _check_max_months(self):
        caps = self._policy_max_months()
        for assessment in self:
            cap = caps[assessment]
            if assessment.max_months < 1:
                raise ValidationError(
                    self.env._(
                        "The maximum length of the plans proposed by %(assessment)s must be at "
                        "least one month.",
                        assessment=assessment.display_name,
                    )
                )
            if cap and assessment.max_months > cap:
                raise ValidationError(
                    self.env._(
                        "The plans proposed by %(assessment)s cannot last %(months)s months: "
                        "its recovery policy allows %(max)s months at most.",
                        assessment=assessment.display_name,
                        months=assessment.max_months,
                        max=cap,
                    )
                )

    @api.depends("partner_id", "company_id")
    def _compute_case_id(self):
        cases = self.env["debt.recovery.case"].search(
            [
                ("partner_id", "in", self.partner_id.commercial_partner_id.ids),
                ("company_id", "in", self.company_id.ids),
            ]
        )
        by_key = {(c.partner_id.id, c.company_id.id): c for c in cases}
        for assessment in self:
            key = (assessment.partner_id.commercial_partner_id.id, assessment.company_id.id)
            assessment.case_id = by_key.get(key, assessment.case_id)

    @api.depends("partner_id", "company_id")
    def _compute_amount_due(self):
        today = fields.Date.context_today(self)
        groups = self.env["account.move"]._read_group(
            [
                ("move_type", "=", "out_invoice"),
                ("state", "=", "posted"),
                ("amount_residual", ">", 0),
                ("invoice_date_due", "<", today),
                ("commercial_partner_id", "in", self.partner_id.commercial_partner_id.ids),
                ("company_id", "in", self.company_id.ids),
            ],
            ["commercial_partner_id", "company_id"],
            ["amount_residual_signed:sum"],
        )
        totals = {(partner.id, company.id): amount for partner, company, amount in groups}
        for assessment in self:
            key = (assessment.partner_id.commercial_partner_id.id, assessment.company_id.id)
            assessment.amount_due = totals.get(key, 0.0)

    @api.depends(
        "line_ids.kind",
        "line_ids.amount",
        "contingency_rate",
        "amount_due",
        "max_months",
        "kind",
        "company_id.currency_id.rounding",
    )
    def _compute_result(self):
        for assessment in self:
            if assessment.erased:
                # The details are gone: the result stays as it was when erased.
                for fname in RESULT_FIELDS:
                    assessment[fname] = assessment[fname]
                continue
            result = affordability.assess(
                [(line.kind, line.amount) for line in assessment.line_ids if line.kind],
                assessment.contingency_rate,
                assessment.amount_due,
                assessment.max_months,
                assessment.kind or "individual",
                assessment.currency_id.rounding or 0.01,
            )
            assessment.monthly_income = result.monthly_income
            assessment.monthly_expenses = result.monthly_expenses
            assessment.monthly_debt_payments = result.monthly_debt_payments
            assessment.disposable_income = result.disposable_income
            assessment.recommended_instalment = result.recommended_instalment
            assessment.recommended_count = result.recommended_count
            assessment.sustainable = result.sustainable
            assessment.advice = result.advice

    @api.depends(
        "advice", "recommended_instalment", "recommended_count", "max_months", "amount_due"
    )
    def _compute_recommendation(self):
        for assessment in self:
            assessment.recommendation = assessment._recommendation_text()

    def _recommendation_text(self):
        """HTML advice: the sustainable plan, or what to do instead of one."""
        self.ensure_one()
        if self.advice == "ok":
            return Markup("<p>%s</p>") % self._sustainable_text()
        if self.advice == "nothing_due":
            return Markup("<p>%s</p>") % self.env._("Nothing is due: no plan is needed.")
        items = self._unsustainable_steps()
        if not items:
            return False
        lines = Markup("").join(Markup("<li>%s</li>") % escape(item) for item in items)
        title = self.env._("Not sustainable. What to do instead:")
        return Markup("<p><strong>%s</strong></p><ul>%s</ul>") % (title, lines)

    def _sustainable_text(self):
        return self.env._(
            "Sustainable: %(instalment)s per month for %(count)s months pays %(due)s.",
            instalment=format_amount(self.env, self.recommended_instalment, self.currency_id),
            count=self.recommended_count,
            due=format_amount(self.env, self.amount_due, self.currency_id),
        )

    def _too_long_text(self):
        return self.env._(
            "%(instalment)s per month would take %(count)s months, more than the %(max)s allowed.",
            instalment=format_amount(self.env, self.recommended_instalment, self.currency_id),
            count=self.recommended_count,
            max=self.max_months,
        )

    def _unsustainable_steps(self):
        """What to do instead of a plan, by advice (empty for a sustainable one)."""
        if self.advice == "no_surplus_individual":
            return [
                self.env._(
                    "The budget leaves nothing to repay: check the figures with the debtor."
                ),
                self.env._(
                    "Offer a token payment while the situation improves, or refer the debtor "
                    "to free debt advice or mediation."
                ),
                self.env._(
                    "If the debts cannot be repaid, the debtor may file an over-indebtedness "
                    "application (surendettement) with the Banque de France: recovery is then "
                    "suspended."
                ),
            ]
        if self.advice == "no_surplus_business":
            return [
                self.env._("The cash flow leaves nothing to repay: check the figures."),
                self.env._(
                    "Consider a conciliation or mediation (Médiateur des entreprises, court "
                    "mandataire ad hoc) or a safeguard procedure."
                ),
                self.env._(
                    "Otherwise take the legal route: injunction to pay (injonction de payer) "
                    "and, if needed, declare the claim in insolvency proceedings."
                ),
            ]
        if self.advice == "too_long_individual":
            return [
                self._too_long_text(),
                self.env._(
                    "Reduce the debt (waive interest and fees, settlement) or extend the plan."
                ),
                self.env._(
                    "Refer the debtor to mediation or, if over-indebted, to the "
                    "over-indebtedness procedure of the Banque de France (surendettement)."
                ),
            ]
        if self.advice == "too_long_business":
            return [
                self._too_long_text(),
                self.env._(
                    "Reduce the debt (settlement) or ask for a larger down payment or guarantee."
                ),
                self.env._(
                    "Otherwise refer to mediation or take the legal route (injunction to pay, "
                    "claim in insolvency proceedings)."
                ),
            ]
        return []

    @api.model
    def _broken_counts(self, model, partner_ids, company_ids):
        """{(partner_id, company_id): number of broken plans or promises}, one grouped read."""
        groups = self.env[model]._read_group(
            [
                ("partner_id", "in", partner_ids),
                ("company_id", "in", company_ids),
                ("state", "=", "broken"),
            ],
            ["partner_id", "company_id"],
            ["__count"],
        )
        return defaultdict(
            int, {(partner.id, company.id): count for partner, company, count in groups}
        )

    @api.depends("partner_id", "company_id", "date")
    def _compute_history(self):
        """Payment behaviour of the debtors, set-based (one query per indicator)."""
        keys = {
            (a.partner_id.commercial_partner_id.id, a.company_id.id)
            for a in self
            if a.partner_id and a.company_id
        }
        partner_ids = tuple({k[0] for k in keys}) or (0,)
        # Raw SQL below: keep to the user's companies (record rules do not apply to it).
        company_ids = tuple(allowed_company_ids(self.env, {k[1] for k in keys})) or (0,)
        today = fields.Date.context_today(self)
        since = min((a.date or today for a in self), default=today) - timedelta(days=365)
        paid = self._paid_invoice_history(partner_ids, company_ids, since)
        broken_plans = self._broken_counts("debt.recovery.plan", partner_ids, company_ids)
        broken_promises = self._broken_counts("debt.recovery.promise", partner_ids, company_ids)
        exposure = self._open_exposure(partner_ids, company_ids)
        for assessment in self:
            key = (assessment.partner_id.commercial_partner_id.id, assessment.company_id.id)
            count, avg_late, on_time = paid.get(key, (0, 0.0, 0))
            assessment.history_paid_count = count
            assessment.history_avg_days_late = float(avg_late or 0.0)
            assessment.history_on_time_rate = 100.0 * on_time / count if count else 0.0
            assessment.history_broken_plans = broken_plans[key]
            assessment.history_broken_promises = broken_promises[key]
            assessment.history_exposure = exposure[key]

    @api.model
    def _paid_invoice_history(self, partner_ids, company_ids, since):
        """{(partner_id, company_id): (count, average days late, count paid on time)} of the
        invoices paid since ``since``, one query.

        An invoice's payment date is the last reconciliation date of its receivable lines.
        """
        self.env["account.move"].flush_model()
        self.env["account.move.line"].flush_model()
        self.env["account.partial.reconcile"].flush_model()
        self.env.cr.execute(
            SQL(
                """
                WITH paid AS (
                    SELECT m.commercial_partner_id AS partner_id, m.company_id,
                           m.invoice_date_due AS due, MAX(apr.max_date) AS paid_on
                      FROM account_move m
                      JOIN account_move_line l ON l.move_id = m.id
                      JOIN account_partial_reconcile apr ON apr.debit_move_id = l.id
                     WHERE m.move_type = 'out_invoice'
                       AND m.state = 'posted'
                       AND m.amount_residual = 0
                       AND m.commercial_partner_id IN %(partners)s
                       AND m.company_id IN %(companies)s
                  GROUP BY m.id
                )
                SELECT partner_id, company_id,
                       COUNT(*),
                       AVG(GREATEST(paid_on - due, 0)),
                       SUM(CASE WHEN paid_on <= due THEN 1 ELSE 0 END)
                  FROM paid
                 WHERE paid_on >= %(since)s
              GROUP BY partner_id, company_id
                """,
                partners=partner_ids,
                companies=company_ids,
                since=since,
            )
        )
        return {(row[0], row[1]): row[2:] for row in self.env.cr.fetchall()}

    @api.model
    def _open_exposure(self, partner_ids, company_ids):
        """{(commercial partner, company): open receivable balance}, one grouped read."""
        exposure = self.env["account.move.line"]._read_group(
            [
                ("partner_id.commercial_partner_id", "in", partner_ids),
                ("company_id", "in", company_ids),
                ("account_id.account_type", "=", "asset_receivable"),
                ("parent_state", "=", "posted"),
                ("reconciled", "=", False),
            ],
            ["partner_id", "company_id"],
            ["amount_residual:sum"],
        )
        by_commercial = defaultdict(float)
        for partner, company, amount in exposure:
            by_commercial[(partner.commercial_partner_id.id, company.id)] += amount
        return by_commercial

    # ------------------------------------------------------------------ standard lines
    def _standard_line_commands(self, kind):
        categories = self.env["debt.recovery.assessment.category"].search(
            [("assessment_kind", "in", (kind, "both"))]
        )
        return [
            fields.Command.create(
                {
                    "kind": category.kind,
                    "category_id": category.id,
                    "name": category.name,
                    "sequence": category.sequence,
                    "amount": 0.0,
                }
            )
            for category in categories
        ]

    @api.onchange("kind")
    def _onchange_kind(self):
        """A new assessment starts with one zero line per standard category of its kind."""
        if self._origin or any(line.amount for line in self.line_ids):
            return
        if self.kind == "individual" and not self.env.user.has_group(ASSESSMENT_GROUP):
            # A person's budget is collected by members of "Capacity assessments" only.
            self.line_ids = [fields.Command.clear()]
            return
        self.line_ids = [fields.Command.clear(), *self._standard_line_commands(self.kind)]

    @api.onchange("partner_id")
    def _onchange_partner_id(self):
        if self.partner_id and not self._origin:
            debtor_type = self.partner_id.commercial_partner_id.debt_recovery_debtor_type
            kind = "individual" if debtor_type == "consumer" else "business"
            if kind != self.kind:
                self.kind = kind
                self._onchange_kind()

    def action_load_standard_lines(self):
        """Add a zero line for each standard category not yet on the assessment."""
        for assessment in self:
            if assessment.state != "draft":
                raise UserError(self.env._("Only a draft assessment can be changed."))
            present = assessment.line_ids.category_id
            commands = [
                command
                for command in assessment._standard_line_commands(assessment.kind)
                if command[2]["category_id"] not in present.ids
            ]
            if commands:
                assessment.line_ids = commands
        return True

    # ------------------------------------------------------------------ actions
    def action_done(self):
        for assessment in self:
            if assessment.state != "draft":
                raise UserError(self.env._("The assessment is already done."))
            if not assessment.line_ids.filtered("amount"):
                raise UserError(self.env._("Fill in at least one amount first."))
        self.write({"state": "done"})
        return True

    def action_draft(self):
        if self.filtered("erased"):
            raise UserError(self.env._("An erased assessment cannot be reopened."))
        self.write({"state": "draft"})
        return True

    def _plan_proposal(self):
        """Values of a monthly plan proposed from this assessment, within its maximum length.

        The count is the recommended one, capped by the assessment's and the policy's maximum
        (the smaller); when the debt cannot be paid within it at the affordable instalment, the
        plan's note says so instead of proposing more instalments.
        """
        self.ensure_one()
        cap = self._policy_max_months()[self]
        max_months = min(self.max_months, cap) if cap else self.max_months
        count, capped = affordability.plan_count(self.recommended_count, max(max_months, 1))
        values = {"instalment_count": count, "frequency": "monthly"}
        if capped:
            values["note"] = self.env._(
                "Not affordable within %(max)s months: at %(instalment)s a month, the "
                "assessment %(assessment)s needs %(count)s months. The plan is capped at "
                "%(max)s monthly instalments, larger than what the debtor can afford: reduce "
                "the debt, ask for a down payment or refer the debtor before agreeing.",
                max=max_months,
                instalment=format_amount(self.env, self.recommended_instalment, self.currency_id),
                assessment=self.display_name,
                count=self.recommended_count,
            )
        return values

    def action_propose_plan(self):
        """A draft plan from this assessment: recommended count within the maximum length."""
        self.ensure_one()
        if self.state != "done":
            raise UserError(self.env._("Mark the assessment as done first."))
        partner = self.partner_id.commercial_partner_id
        invoices = self.env["debt.recovery.plan"]._plannable_invoices(partner, self.company_id)
        if not invoices:
            raise UserError(
                self.env._(
                    "%(partner)s has no overdue invoice outside an active plan.",
                    partner=partner.display_name,
                )
            )
        today = fields.Date.context_today(self)
        plan = self.env["debt.recovery.plan"].create(
            {
                "partner_id": partner.id,
                "company_id": self.company_id.id,
                "case_id": self.case_id.id,
                "assessment_id": self.id,
                "invoice_ids": [fields.Command.set(invoices.ids)],
                **self._plan_proposal(),
                "date_start": today,
                "first_due_date": schedule.add_months(today, 1),
            }
        )
        if plan.note:
            plan.message_post(body=plan.note)
        return plan._open_form()

    def action_erase_lines(self):
        """Erase the personal financial details; the result and the erasure stay on record."""
        if not self.env.user.has_group("debt_recovery.group_debt_recovery_manager"):
            raise AccessError(
                self.env._("Only a Debt Recovery Manager can erase personal financial data.")
            )
        self.check_access("write")
        today = fields.Date.context_today(self)
        body = self.env._(
            "Personal financial data erased by %(user)s on %(date)s.",
            user=self.env.user.name,
            date=format_date(self.env, today),
        )
        self._erase_budget(today, dict.fromkeys(self.ids, body))
        return True

    def _erase_budget(self, today, bodies):
        """Erase the budget of these assessments, set-based; log ``bodies`` ({id: text}).

        Budget lines, budget totals, notes and attachments go; the result (recommended
        instalment and count, sustainability, advice) stays: ``_compute_result`` keeps the
        values of an erased assessment.
        """
        if not self:
            return
        # Superuser: callers checked these assessments (see below); the budget totals are
        # readable and writable by the assessments group only, and a manager erases them too.
        self.sudo().with_context(tracking_disable=True).write(
            {
                "monthly_income": 0.0,
                "monthly_expenses": 0.0,
                "monthly_debt_payments": 0.0,
                "disposable_income": 0.0,
                "note": False,
                "erased": True,
                "erased_date": today,
                "state": "done",
            }
        )
        # Erasure must not depend on reading the budget: callers checked these assessments
        # (the erase button) or run as the daily job.
        self.env["debt.recovery.assessment.line"].sudo().search(
            [("assessment_id", "in", self.ids)]
        ).unlink()
        self.env["ir.attachment"].sudo().search(
            [("res_model", "=", self._name), ("res_id", "in", self.ids)]
        ).unlink()
        self._message_log_batch(bodies)

    @api.model
    def _cron_erase_expired_budgets(self):
        """Daily: erase the budgets of individuals whose case closed past the retention."""
        return self._erase_expired_budgets(fields.Date.context_today(self))

    @api.model
    def _erase_expired_budgets(self, today):
        """Erase, as of ``today``, the budget details of the individuals' assessments whose
        case closed more than the company's retention days ago (one search, one unlink)."""
        # Reached by the daily erasure job only: every company's assessments.
        self = self.sudo()
        companies = self.env["res.company"].search([])
        domain = expression.OR(
            [
                ("company_id", "=", company.id),
                (
                    "case_id.date_closed",
                    "<",
                    today - timedelta(days=company.debt_recovery_assessment_retention_days),
                ),
            ]
            for company in companies
        )
        assessments = self.search(
            expression.AND(
                [
                    [
                        ("kind", "=", "individual"),
                        ("erased", "=", False),
                        ("case_id.state", "=", "closed"),
                    ],
                    domain,
                ]
            )
        )
        retention = {
            company.id: company.debt_recovery_assessment_retention_days for company in companies
        }
        date_text = format_date(self.env, today)
        assessments._erase_budget(
            today,
            {
                assessment.id: self.env._(
                    "Budget details erased on %(date)s (retention %(days)s days after the case "
                    "closed).",
                    date=date_text,
                    days=retention[assessment.company_id.id],
                )
                for assessment in assessments
            },
        )
        return assessments


class DebtRecoveryAssessmentCategory(models.Model):
    _name = "debt.recovery.assessment.category"
    _description = "Capacity Assessment Category"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    kind = fields.Selection(LINE_KINDS, required=True)
    assessment_kind = fields.Selection(
        [("individual", "Individual"), ("business", "Business"), ("both", "Both")],
        default="both",
        required=True,
    )
    description = fields.Char(translate=True, help="What the category covers.")
    active = fields.Boolean(default=True)


class DebtRecoveryAssessmentLine(models.Model):
    _name = "debt.recovery.assessment.line"
    _description = "Capacity Assessment Line"
    _order = "assessment_id, sequence, id"

    assessment_id = fields.Many2one(
        "debt.recovery.assessment", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="assessment_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="assessment_id.currency_id")
    sequence = fields.Integer(default=100)
    kind = fields.Selection(LINE_KINDS, required=True, default="expense")
    category_id = fields.Many2one(
        "debt.recovery.assessment.category", domain="[('kind', '=', kind)]"
    )
    name = fields.Char(string="Description")
    amount = fields.Monetary(string="Monthly Amount")

    @api.depends("name", "category_id.name", "kind")
    def _compute_display_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for line in self:
            line.display_name = line.name or line.category_id.name or kinds.get(line.kind, "")

    @api.onchange("category_id")
    def _onchange_category_id(self):
        if self.category_id:
            self.kind = self.category_id.kind
            if not self.name:
                self.name = self.category_id.name
