# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The risk model of a company as fitted on a day: what the backtest chose and its figures.

One record per company and fit (weekly job, a manager's refresh, the upgrade), written by the
fit itself; managers read them on the *Risk model* screen. The figures are kept as the engine
gave them (JSON), the tables and the plain sentence are drawn in the reader's language.
"""

from markupsafe import Markup

from odoo import api, fields, models

CHOICES = [("model", "Model"), ("rule", "Simple rule"), ("blend", "Blend of both")]


def backtest_figures(backtest):
    """The JSON of an engine's ``Backtest`` (None when there was none)."""
    if backtest is None:
        return None

    def plain(figures):
        return {
            "count": figures.count,
            "auc": figures.auc,
            "brier": figures.brier,
            "log_loss": figures.log_loss,
            "reliability": [list(row) for row in figures.reliability],
        }

    return {
        "months": backtest.months,
        "start": backtest.start.isoformat(),
        "end": backtest.end.isoformat(),
        "model": plain(backtest.model),
        "rule": plain(backtest.rule),
        "choice": plain(backtest.choice),
        "gain": list(backtest.gain),
        "weight": backtest.weight,
        "calibrated": backtest.calibrated,
        "rule_half_life": backtest.half_life,
        "rule_prior_weight": backtest.prior_weight,
        "model_half_life": backtest.model_half_life,
    }


class DebtRecoveryRiskFit(models.Model):
    _name = "debt.recovery.risk.fit"
    _description = "Risk Model Fit"
    _order = "fit_date desc, id desc"
    _rec_name = "fit_date"

    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    fit_date = fields.Date(required=True, readonly=True, help="The history known that day.")
    choice = fields.Selection(
        CHOICES,
        string="Risk of Paying Late From",
        required=True,
        readonly=True,
        help="What the risk of paying late is computed from: the model, the simple rule (the "
        "debtor's share of settled invoices paid late, smoothed) or a blend, as the backtest "
        "chose. The rule is kept unless the model does better beyond noise.",
    )
    model_weight = fields.Float(
        digits=(16, 2), readonly=True, help="Weight of the model in the score (0: the rule)."
    )
    rule_half_life = fields.Integer(
        string="Rule's Half-Life (days)",
        readonly=True,
        help="The simple rule as the backtest chose it: an outcome's weight halves every so "
        "many days of age, so that a change of behaviour is followed (0: every settled invoice "
        "weighs the same).",
    )
    rule_prior_weight = fields.Float(
        string="Rule's Pull Toward the Company Rate",
        digits=(16, 1),
        readonly=True,
        help="The simple rule as the backtest chose it: how many invoices' worth of the "
        "company's late rate a debtor's share is pulled toward (a debtor with little history "
        "gets nearly the company's rate).",
    )
    model_half_life = fields.Integer(
        string="Model's Half-Life (days)",
        readonly=True,
        help="The model as the backtest chose it: the weight of an invoice it learns from halves "
        "every so many days since its outcome became known (0: every invoice weighs the same).",
    )
    calibrated = fields.Boolean(
        readonly=True,
        help="The score used goes through a calibration learnt on the backtest (a slope and an "
        "offset on its log-odds), each half of the backtest checked by the calibration learnt on "
        "the other.",
    )
    serious_choice = fields.Selection(
        CHOICES,
        string="Amount at Risk From",
        required=True,
        readonly=True,
        help="What the risk of being still unpaid after the serious-delinquency delay is "
        "computed from, as its own backtest chose.",
    )
    serious_days = fields.Integer(
        string="Serious Delinquency (days)",
        readonly=True,
        help="Days after the due date: an invoice still unpaid then is a serious delinquency.",
    )
    examples = fields.Integer(
        string="Outcomes Learnt From",
        readonly=True,
        help="Invoices whose outcome (paid late or not) was known on the fit date.",
    )
    figures = fields.Json(
        string="Backtest Data", readonly=True, help="The backtests of both scores, as computed."
    )
    weights = fields.Json(readonly=True, help="The weight of each feature in the model.")
    grade_changes = fields.Text(
        readonly=True, help="How many debtors moved from one grade to another with this fit."
    )
    summary = fields.Char(
        string="In Plain Words", compute="_compute_display_tables", help="The backtest's result."
    )
    figures_html = fields.Html(string="Figures", compute="_compute_display_tables")
    reliability_html = fields.Html(string="Reliability", compute="_compute_display_tables")
    weights_html = fields.Html(string="Feature Weights", compute="_compute_display_tables")

    @api.depends("figures", "weights")
    @api.depends_context("lang")
    def _compute_display_tables(self):
        for fit in self:
            late = (fit.figures or {}).get("late")
            serious = (fit.figures or {}).get("serious")
            fit.summary = fit._summary(late)
            fit.figures_html = fit._figures_table(
                [(self.env._("Risk of paying late"), late), (fit._serious_label(), serious)]
            )
            fit.reliability_html = fit._reliability_table(late)
            fit.weights_html = fit._weights_table()

    def _serious_label(self):
        return self.env._("Still unpaid %(days)d days after the due date", days=self.serious_days)

    def _summary(self, late):
        if not late:
            return self.env._(
                "Not enough settled invoices yet to judge the model: the simple rule is kept."
            )
        return self.env._(
            "On the last %(months)d months, the score ranked a late invoice above an on-time "
            "one %(score)d times in 100; the simple rule, %(rule)d.",
            months=late["months"],
            score=round(100 * (late["choice"]["auc"] or 0.5)),
            rule=round(100 * (late["rule"]["auc"] or 0.5)),
        )

    def _figures_table(self, targets):
        names = {
            "model": self.env._("Model"),
            "rule": self.env._("Simple rule"),
            "choice": self.env._("Score used"),
        }
        head = [
            self.env._("Prediction"),
            self.env._("Score"),
            self.env._("AUC"),
            self.env._("Brier score"),
            self.env._("Log loss"),
            self.env._("Invoices"),
        ]
        rows = []
        for title, backtest in targets:
            if not backtest:
                rows.append([title, self.env._("no backtest yet"), "", "", "", ""])
                continue
            for key in ("model", "rule", "choice"):
                figures = backtest[key]
                auc = figures["auc"]
                rows.append(
                    [
                        title if key == "model" else "",
                        names[key],
                        f"{auc:.3f}" if auc is not None else "",
                        f"{figures['brier']:.4f}",
                        f"{figures['log_loss']:.4f}",
                        str(figures["count"]),
                    ]
                )
        return _table(head, rows)

    def _reliability_table(self, late):
        if not late:
            return False
        head = [
            self.env._("Decile"),
            self.env._("Mean probability"),
            self.env._("Observed late rate"),
            self.env._("Invoices"),
        ]
        rows = [
            [str(index), f"{mean:.1%}", f"{observed:.1%}", str(count)]
            for index, (mean, observed, count) in enumerate(late["choice"]["reliability"], 1)
        ]
        return _table(head, rows)

    def _weights_table(self):
        if not self.weights:
            return False
        head = [self.env._("Feature"), self.env._("Weight (standardised log-odds)")]
        labels = self._feature_labels()
        rows = [[labels.get(name, name), f"{weight:+.3f}"] for name, weight in self.weights]
        return _table(head, rows)

    def _feature_labels(self):
        return {
            "share_late": self.env._("Share of invoices paid late (recent ones weigh more)"),
            "recent_share": self.env._("Share of recent invoices paid late"),
            "days_late": self.env._("Average days late"),
            "open_days_late": self.env._("Days past due of the oldest open invoice"),
            "open_exposure": self.env._("Amount still open against a usual invoice"),
            "broken_promises": self.env._("Broken promises to pay"),
            "invoices_known": self.env._("Invoices known"),
            "relative_size": self.env._("Invoice amount against the usual one"),
            "payment_terms": self.env._("Payment terms"),
            "disputed": self.env._("Disputed invoice"),
            "dispute_share": self.env._("Share of invoices disputed"),
        }

    @api.model
    def _values_of(self, company, model, changes):
        """The values of the record of one company's fitted ``model`` (engine's RiskModel)."""
        return {
            "company_id": company.id,
            "fit_date": model.as_of,
            "choice": model.choice,
            "model_weight": model.late.weight,
            "rule_half_life": round(model.late.rule_half_life),
            "rule_prior_weight": model.late.rule_prior_weight,
            "model_half_life": round(model.late.model_half_life),
            "calibrated": model.late.calibration != (1.0, 0.0),
            "serious_choice": model.serious.choice,
            "serious_days": model.settings.serious_days,
            "examples": model.examples,
            "figures": {
                "late": backtest_figures(model.late.backtest),
                "serious": backtest_figures(model.serious.backtest),
            },
            "weights": [[name, coef] for name, coef in zip(model.names, model.coef, strict=True)],
            "grade_changes": changes or False,
        }


def _table(head, rows):
    cells = Markup().join(Markup("<th>%s</th>") % text for text in head)
    body = Markup().join(
        Markup("<tr>%s</tr>") % Markup().join(Markup("<td>%s</td>") % text for text in row)
        for row in rows
    )
    return Markup(
        '<table class="table table-sm"><thead><tr>%s</tr></thead><tbody>%s</tbody></table>'
    ) % (cells, body)
