# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.misc import format_amount, format_date, formatLang

from ..engine import courts, interest, ladder, penalties

# The sentences of letters and emails about penalties (see ``_penalty_terms``).
PENALTY_TERM_KEYS = (
    "interest",
    "running",
    "indemnity",
    "indemnity_label",
    "consequence",
    "costs",
    "mediation",
)


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
    cites_french_law = fields.Boolean(
        compute="_compute_french_law",
        help="The policy claims what French law provides: statutory interest, the fixed "
        "indemnity, a formal notice.",
    )
    french_law_warning = fields.Boolean(
        compute="_compute_french_law",
        help="The policy cites French law but its company is outside France and has not "
        "confirmed that French law governs its contracts.",
    )
    country_ladder_id = fields.Many2one(
        "debt.recovery.policy",
        compute="_compute_french_law",
        string="Ladder of the Company's Country",
        help="The shipped ladder of the company's country, offered while this default policy "
        "does not match the country.",
    )
    country_ladder_name = fields.Char(
        compute="_compute_french_law", string="Name of the Ladder of the Company's Country"
    )
    risk_grade_ids = fields.Many2many(
        "debt.recovery.risk.grade",
        string="Applies to Grades",
        help="Debtors of these late-payment risk grades get this policy, unless they have a "
        "policy of their own. It applies from the debtor's next case: a case keeps the policy "
        "it was opened with.",
    )

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

    @api.depends(
        "interest_mode",
        "indemnity_amount",
        "level_ids.stage",
        "company_id.country_id",
        "company_id.debt_recovery_french_law",
        "company_id.debt_recovery_policy_id",
    )
    def _compute_french_law(self):
        for policy in self:
            company = policy.company_id
            cites = policy._cites_french_law()
            french = bool(company) and company._debt_recovery_french_law_applies()
            policy.cites_french_law = cites
            policy.french_law_warning = cites and not french
            offer = self.browse()
            # The company's ladder does not follow its country: French law outside France
            # (unless confirmed), or a ladder without French law's claims in France.
            if company.debt_recovery_policy_id == policy and (
                (cites and not french) or (not cites and company.country_id.code == "FR")
            ):
                offer = company._debt_recovery_country_template() or offer
            policy.country_ladder_id = offer
            # The shipped ladders belong to the main company, which the user may not read.
            policy.country_ladder_name = offer.sudo().name or False

    def _cites_french_law(self):
        """Whether the policy claims what French law provides: late-payment interest at the
        statutory rates, the fixed recovery indemnity, a formal notice."""
        self.ensure_one()
        return (
            self.interest_mode != "none"
            or self.indemnity_amount > 0
            or "formal_notice" in self.level_ids.mapped("stage")
        )

    def action_use_country_ladder(self):
        """Give the company the shipped ladder of its country as its default policy (a copy
        in the company), and open it. The cases already open keep their policy."""
        self.ensure_one()
        self.check_access("write")
        template = self.country_ladder_id
        if not template:
            raise UserError(self.env._("This policy already follows the company's country."))
        policy = self.company_id._debt_recovery_adopt_template(template)
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": policy.id,
            "view_mode": "form",
        }

    @api.depends("level_ids")
    def _compute_level_count(self):
        for policy in self:
            policy.level_count = len(policy.level_ids)

    @api.constrains("risk_grade_ids", "company_id", "active")
    def _check_risk_grades(self):
        """A grade leads to one policy of a company at most."""
        groups = self.search(
            [("company_id", "in", self.company_id.ids), ("risk_grade_ids", "!=", False)]
        )
        for company in self.company_id:
            seen = {}
            for policy in groups.filtered(lambda p, c=company: p.company_id == c):
                for grade in policy.risk_grade_ids:
                    if grade.code in seen:
                        raise ValidationError(
                            self.env._(
                                "Grade %(grade)s already leads to the policy %(policy)s.",
                                grade=grade.code,
                                policy=seen[grade.code].display_name,
                            )
                        )
                    seen[grade.code] = policy

    @api.model
    def _grade_policies(self, company):
        """{grade letter: policy} of ``company``'s active policies."""
        return {
            grade.code: policy
            for policy in self.search(
                [("company_id", "=", company.id), ("risk_grade_ids", "!=", False)]
            )
            for grade in policy.risk_grade_ids
        }

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

    # ------------------------------------------------------------------ wording of penalties
    def _penalty_rates(self):
        """{rate type: RateTable} of the policy's company for the sentences of letters."""
        self.ensure_one()
        Rate = self.env["debt.recovery.rate"]
        return {
            rate_type: Rate._rate_table(self.company_id, rate_type)
            for rate_type in ("ecb", "legal")
        }

    def _penalty_terms(
        self,
        debtor_type,
        at_date,
        formal_notice=False,
        rates=None,
        invoices=(),
        court=None,
        first_receipt=None,
    ):
        """Sentences of letters and emails about interest, the indemnity and costs.

        Built from the debtor's regime (``professional``, ``consumer``, ``public``) and this
        policy's settings, in the language of the environment, with the rates in force on
        ``at_date``. ``formal_notice``: the text is the formal notice itself (a consumer's
        interest runs from its receipt). ``rates``: :meth:`_penalty_rates`, read once per
        company when many letters are prepared. ``invoices``: (number, due date) of the
        invoices claimed (for a public body, the end of its legal payment period); a public
        body's sentence states each one's rate (the rate of the half-year in which its delay
        began). ``court``: the court of a claim against the
        debtor (``res.partner._debt_recovery_court``), else the regime's. ``first_receipt``:
        the day an earlier formal notice on these invoices was received; a later notice names
        it as the start of a consumer's interest.

        Returns a dict; an empty string means "say nothing":

        * ``interest``: what interest runs, at which rate, from when, on which ground;
        * ``running``: interest keeps running until payment in full;
        * ``indemnity``: the fixed indemnity per invoice (never for a consumer);
        * ``indemnity_label``: the indemnity's line in a table of amounts;
        * ``consequence``: what follows non-payment: the court the claim goes to;
        * ``costs``: who bears the costs of recovery;
        * ``mediation``: the mediator the debtor may turn to;
        * ``rate``: the annual rate in force on ``at_date`` (0.0 without interest).
        """
        self.ensure_one()
        debtor_type = debtor_type or "professional"
        rates = rates or self._penalty_rates()
        terms = {"interest": "", "running": "", "rate": 0.0}
        if self.interest_mode != "none":
            terms.update(
                self._interest_terms(
                    debtor_type, at_date, formal_notice, rates, invoices, first_receipt
                )
            )
        terms.update(self._indemnity_terms(debtor_type))
        terms["consequence"] = self._consequence_sentence(court or courts.court_for(debtor_type))
        terms["costs"] = self._costs_sentence(debtor_type)
        terms["mediation"] = self._mediation_sentence(debtor_type)
        if not self.company_id._debt_recovery_french_law_applies():
            terms.update(self._terms_without_french_law(terms))
        return terms

    @api.model
    def _no_penalty_terms(self):
        """The sentences of :meth:`_penalty_terms`, all empty: a letter without a policy says
        nothing of penalties."""
        return dict.fromkeys(PENALTY_TERM_KEYS, "")

    def _terms_without_french_law(self, terms):
        """What the letters say instead, where French law does not govern the company's
        contracts: no French law is quoted."""
        return {
            "interest": "",
            "indemnity": "",
            "indemnity_label": self.env._("Fixed indemnity for recovery costs")
            if terms["indemnity_label"]
            else "",
            "costs": self.env._("The costs of legal proceedings may be charged to you."),
            "mediation": "",
        }

    def _format_rate(self, value):
        """A rate in percent as letters print it: "10.15"."""
        return formatLang(self.env, value, digits=2)

    def _format_points(self, value):
        """A margin in points as letters print it: "10", "8.5"."""
        return formatLang(self.env, value, digits=0 if value == int(value) else 2)

    def _interest_terms(
        self, debtor_type, at_date, formal_notice, rates, invoices=(), first_receipt=None
    ):
        """{'rate', 'interest', 'running'}: the interest that runs for this debtor's regime."""
        legal_rate = rates["legal"].rate_at(at_date)
        day = format_date(self.env, at_date)
        if debtor_type == "consumer":
            received = format_date(self.env, first_receipt) if first_receipt else None
            return self._consumer_interest_terms(legal_rate, day, formal_notice, received)
        if debtor_type == "public":
            terms = self._public_interest_terms(invoices, rates)
        else:
            ecb_rate = rates["ecb"].rate_at(interest.half_year_start(at_date))
            terms = self._business_interest_terms(legal_rate, ecb_rate, day)
        terms["running"] = self.env._("Late-payment penalties keep running until payment in full.")
        return terms

    def _public_interest_terms(self, invoices, rates):
        """{'rate', 'interest'} of a public body: moratorium interest at one rate per invoice,
        the ECB rate of the half-year in which its delay began plus the public margin; each
        claimed invoice's rate is stated (``rate``: the first one's)."""
        each = []
        for number, due in invoices:
            try:
                each.append((number, penalties.public_rate(due, self.public_margin, rates["ecb"])))
            except penalties.MissingRateError:
                continue  # no rate known for that half-year: the amounts say so on their own
        sentence = self.env._(
            "Moratorium interest runs from the day after the end of the payment period, "
            "counted from the receipt of each invoice, at the rate of the European Central Bank "
            "in force on the first day of the half-year in which the delay began plus "
            "%(margin)s points, one rate for the whole delay of each invoice (articles R2192-10 "
            "and R2192-31 of the Code de la commande publique).",
            margin=self._format_points(self.public_margin),
        )
        if each:
            rates_applied = [
                self.env._(
                    "%(rate)s %% to %(invoice)s", invoice=number, rate=self._format_rate(rate)
                )
                for number, rate in each
            ]
            sentence += " " + self.env._("Rates applied: %s.", "; ".join(rates_applied))
        return {"rate": each[0][1] if each else 0.0, "interest": sentence}

    def _business_interest_terms(self, legal_rate, ecb_rate, day):
        """{'rate', 'interest'} of a professional debtor: the policy's fixed rate or the ECB
        rate plus its margin."""
        if self.interest_mode == "fixed":
            rate = max(self.interest_fixed_rate, 3 * legal_rate)
            return {
                "rate": rate,
                "interest": self.env._(
                    "Late-payment penalties run from the day after the due date, without any "
                    "reminder being necessary, at the rate of %(rate)s %% a year set by our terms "
                    "of sale, which is never less than three times the legal interest rate "
                    "(article L441-10 of the Code de commerce).",
                    rate=self._format_rate(rate),
                ),
            }
        rate = max(ecb_rate + self.interest_margin, 0.0)
        return {
            "rate": rate,
            "interest": self.env._(
                "Late-payment penalties run from the day after the due date, without any "
                "reminder being necessary, at the rate of the European Central Bank plus "
                "%(margin)s points (%(rate)s %% as of %(date)s) (article L441-10 of the Code "
                "de commerce).",
                margin=self._format_points(self.interest_margin),
                rate=self._format_rate(rate),
                date=day,
            ),
        }

    def _indemnity_terms(self, debtor_type):
        """{'indemnity', 'indemnity_label'}: the fixed indemnity per invoice paid late, owed by
        professionals and public bodies (never by a consumer), when the policy claims one."""
        if debtor_type == "consumer" or self.indemnity_amount <= 0:
            return {"indemnity": "", "indemnity_label": ""}
        amount = format_amount(self.env, self.indemnity_amount, self.env.ref("base.EUR"))
        if debtor_type == "public":
            return {
                "indemnity": self.env._(
                    "A fixed indemnity for recovery costs of %(amount)s is also owed for each "
                    "invoice paid late (article D2192-35 of the Code de la commande publique).",
                    amount=amount,
                ),
                "indemnity_label": self.env._(
                    "Fixed indemnity for recovery costs of %(amount)s per invoice (article "
                    "D2192-35 of the Code de la commande publique)",
                    amount=amount,
                ),
            }
        return {
            "indemnity": self.env._(
                "A fixed indemnity for recovery costs of %(amount)s is also owed for each "
                "invoice paid late (articles L441-10 and D441-5 of the Code de commerce).",
                amount=amount,
            ),
            "indemnity_label": self.env._(
                "Fixed indemnity for recovery costs of %(amount)s per invoice (articles "
                "L441-10 and D441-5 of the Code de commerce)",
                amount=amount,
            ),
        }

    def _consequence_sentence(self, court):
        """What follows non-payment by the deadline: no order for payment against a public
        body (the administrative court, référé-provision), else an order for payment from the
        court the court file is prepared for."""
        if court == "administratif":
            return self.env._(
                "Failing payment by this deadline, we will refer the matter to the administrative "
                "court without further notice, by an application for an interim payment "
                "(référé-provision, article R541-1 of the Code de justice administrative)."
            )
        if court == "commerce":
            return self.env._(
                "Failing payment by this deadline, we will apply without further notice to the "
                "president of the tribunal de commerce for an order for payment (injonction de "
                "payer, articles 1405 and following of the Code de procédure civile)."
            )
        return self.env._(
            "Failing payment by this deadline, we will apply without further notice to the "
            "tribunal judiciaire for an order for payment (injonction de payer, articles 1405 "
            "and following of the Code de procédure civile)."
        )

    def _costs_sentence(self, debtor_type):
        """Who bears the costs of recovery."""
        if debtor_type == "consumer":
            return self.env._(
                "The costs of amicable recovery remain our responsibility (article L111-8 of the "
                "Code des procédures civiles d'exécution)."
            )
        return self.env._("The costs of legal proceedings may be charged to you.")

    def _mediation_sentence(self, debtor_type):
        """Who the debtor may turn to in a dispute: the company's consumer mediator for a
        consumer (when set), the free Médiateur des entreprises for the others."""
        if debtor_type != "consumer":
            return self.env._(
                "Should you dispute this claim, either of us may refer the matter free of charge "
                "to the Médiateur des entreprises (www.economie.gouv.fr/mediateur-des-entreprises)."
            )
        mediator = self.company_id.debt_recovery_consumer_mediator_id
        if not mediator:
            return ""
        city = " ".join(filter(None, (mediator.zip, mediator.city)))
        contact = ", ".join(
            filter(None, (mediator.name, mediator.street, mediator.street2, city, mediator.website))
        )
        return self.env._(
            "Should you dispute this claim, you may refer the dispute free of charge to our "
            "consumer mediator: %(contact)s (articles L612-1 and L616-1 of the Code de la "
            "consommation).",
            contact=contact,
        )

    def _consumer_interest_terms(self, legal_rate, day, formal_notice, received=None):
        """Interest sentences for a consumer: the legal rate from the formal notice's receipt,
        or the contractual rate of the terms of sale. ``received``: the (formatted) day an
        earlier formal notice was received, which a later one names."""
        if not self.consumer_interest_rate:
            return self._consumer_legal_interest_terms(legal_rate, day, formal_notice, received)
        return {
            "rate": self.consumer_interest_rate,
            "interest": self._consumer_contractual_interest_sentence(formal_notice, received),
            "running": self.env._(
                "Interest at the contractual rate keeps running until payment in full."
            ),
        }

    def _consumer_contractual_interest_sentence(self, formal_notice, received=None):
        """The contractual rate of the terms of sale: from the due date when the policy says
        so, else from the receipt of the (first) formal notice."""
        rate = self._format_rate(self.consumer_interest_rate)
        if self.consumer_rate_from_due:
            return self.env._(
                "Late-payment interest runs from the day after the due date at the "
                "contractual rate of %(rate)s %% a year set by our terms of sale (article "
                "1344 of the Code civil).",
                rate=rate,
            )
        if formal_notice and received:
            return self.env._(
                "Late-payment interest at the contractual rate of %(rate)s %% a year set by "
                "our terms of sale has been running since our first formal notice was received "
                "on %(received)s (article 1344-1 of the Code civil).",
                rate=rate,
                received=received,
            )
        if formal_notice:
            return self.env._(
                "Late-payment interest at the contractual rate of %(rate)s %% a year set by "
                "our terms of sale runs from the receipt of this formal notice (article "
                "1344-1 of the Code civil).",
                rate=rate,
            )
        return self.env._(
            "Late-payment interest at the contractual rate of %(rate)s %% a year set by "
            "our terms of sale will run from the receipt of a formal notice (article "
            "1344-1 of the Code civil).",
            rate=rate,
        )

    def _consumer_legal_interest_terms(self, legal_rate, day, formal_notice, received=None):
        """The legal interest rate, from the receipt of the (first) formal notice."""
        rate = self._format_rate(legal_rate)
        if formal_notice and received:
            sentence = self.env._(
                "Interest at the legal interest rate (%(rate)s %% as of %(date)s) has been "
                "running since our first formal notice was received on %(received)s (articles "
                "1231-6 and 1344-1 of the Code civil).",
                rate=rate,
                date=day,
                received=received,
            )
        elif formal_notice:
            sentence = self.env._(
                "Interest at the legal interest rate (%(rate)s %% as of %(date)s) runs from the "
                "receipt of this formal notice (articles 1231-6 and 1344-1 of the Code civil).",
                rate=rate,
                date=day,
            )
        else:
            sentence = self.env._(
                "Interest at the legal interest rate (%(rate)s %% as of %(date)s) will run from "
                "the receipt of a formal notice (articles 1231-6 and 1344-1 of the Code civil).",
                rate=rate,
                date=day,
            )
        return {
            "rate": legal_rate,
            "interest": sentence,
            "running": self.env._(
                "Interest at the legal rate keeps running until payment in full."
            ),
        }
