# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

from ..engine import ladder


class DebtRecoveryPolicy(models.Model):
    _name = "debt.recovery.policy"
    _description = "Debt Recovery Policy"
    _order = "company_id, name"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    user_id = fields.Many2one(
        "res.users",
        string="Default Collector",
        domain="[('share', '=', False)]",
        help="Collector of the new cases of this policy, and owner of their activities while "
        "a case has no collector.",
    )
    level_ids = fields.One2many("debt.recovery.level", "policy_id", string="Levels", copy=True)
    allow_level_skip = fields.Boolean(
        help="When a case is late enough for several levels, jump directly to the highest one "
        "instead of advancing one level per run."
    )
    grace_days = fields.Integer(
        default=0, help="An invoice counts as overdue only this many days after its due date."
    )
    min_overdue_amount = fields.Float(
        string="Minimum Overdue Amount",
        default=0.0,
        help="Cases whose overdue total is below this amount are not escalated.",
    )
    contact_limit = fields.Integer(
        default=3,
        help="At most this many outbound contacts per debtor within the contact window. "
        "0 disables the cap.",
    )
    contact_window_days = fields.Integer(string="Contact Window (days)", default=7)
    instalment_reminder_days = fields.Integer(
        default=3, help="Days before each instalment of a plan when a reminder is emailed."
    )
    plan_max_months = fields.Integer(
        string="Maximum plan length (months)",
        default=24,
        help="Months from the first to the last instalment of a plan, at most. Capacity "
        "assessments propose plans within this length.",
    )
    interest_mode = fields.Selection(
        [
            ("none", "No late-payment interest"),
            ("legal", "Reference rate + margin"),
            ("fixed", "Fixed annual rate"),
        ],
        default="legal",
        required=True,
    )
    interest_margin = fields.Float(
        default=10.0,
        help="Percentage points added to the reference rate (France: 10, EU minimum: 8, "
        "Germany: 9).",
    )
    interest_fixed_rate = fields.Float(string="Fixed Rate (% a year)")
    indemnity_amount = fields.Float(
        string="Fixed Indemnity (EUR)",
        default=40.0,
        help="Fixed indemnity for recovery costs per invoice paid late, in euros whatever the "
        "invoice's currency (converted at the rate of the day it became owed). Owed by "
        "professional debtors and public bodies, never by consumers (France: EUR 40, Code de "
        "commerce L441-10 and D441-5). 0 claims none.",
    )
    public_margin = fields.Float(
        string="Public Body Margin",
        default=8.0,
        help="Points added to the ECB rate in force on the first day of the half-year in which "
        "a public body's delay began, one rate for the whole delay (France: 8, CCP R2192-31).",
    )
    consumer_interest_rate = fields.Float(
        string="Contractual Consumer Rate (% a year)",
        help="Late-payment rate of your terms of sale for consumers. 0 applies the legal "
        "interest rate of each half-year, from the formal notice.",
    )
    consumer_rate_from_due = fields.Boolean(
        string="Consumer Rate From the Due Date",
        help="Your terms of sale state that the due date itself is a formal notice: the "
        "contractual consumer rate then runs from the due date. Otherwise a consumer owes "
        "interest only from the formal notice.",
    )
    postal_delay_days = fields.Integer(
        string="Postal Delay (days)",
        default=3,
        help="Days between sending a registered letter and its expected first presentation, "
        "when no proof of receipt is recorded.",
    )
    limitation_warning_days = fields.Integer(
        string="Limitation Warning (days)",
        default=90,
        help="Days before a claim becomes time-barred when the manager is warned.",
    )
    penalty_invoice_minimum = fields.Float(
        string="Minimum Penalties to Invoice",
        default=10.0,
        help="Penalties of an invoice paid late are invoiced only above this amount.",
    )
    consumer_plan_notice_days = fields.Integer(
        string="Consumer Plan Notice (days)",
        default=30,
        help="When a consumer misses an instalment, the balance becomes due at once only after "
        "a formal notice left without effect for this many days.",
    )
    signatory_id = fields.Many2one(
        "res.users",
        string="Signatory",
        domain="[('share', '=', False)]",
        help="Who signs the formal notices (name and job title); it can be changed on a letter.",
    )
    level_count = fields.Integer(compute="_compute_level_count")

    _sql_constraints = [
        (
            "grace_days_positive",
            "CHECK(grace_days >= 0)",
            "The grace period cannot be negative.",
        ),
        (
            "delays_positive",
            "CHECK(postal_delay_days >= 0 AND limitation_warning_days >= 0 "
            "AND consumer_plan_notice_days >= 0)",
            "Delays cannot be negative.",
        ),
        (
            "rates_positive",
            "CHECK(interest_margin >= 0 AND public_margin >= 0 AND interest_fixed_rate >= 0 "
            "AND consumer_interest_rate >= 0 AND indemnity_amount >= 0)",
            "Rates, margins and the indemnity cannot be negative.",
        ),
        (
            "contact_limit_positive",
            "CHECK(contact_limit >= 0 AND contact_window_days >= 0)",
            "The contact cap and its window cannot be negative.",
        ),
    ]

    @api.depends("level_ids")
    def _compute_level_count(self):
        for policy in self:
            policy.level_count = len(policy.level_ids)

    def _engine_levels(self):
        """The policy's levels as plain engine values, in ladder order."""
        self.ensure_one()
        return ladder.ordered_levels(
            ladder.Level(
                id=level.id,
                sequence=level.sequence,
                delay_days=level.delay_days,
                stage=level.stage,
            )
            for level in self.level_ids
        )

    def _first_overdue_level(self):
        self.ensure_one()
        levels = ladder.overdue_ladder(self._engine_levels())
        return (
            self.env["debt.recovery.level"].browse(levels[0].id)
            if levels
            else self.env["debt.recovery.level"]
        )
