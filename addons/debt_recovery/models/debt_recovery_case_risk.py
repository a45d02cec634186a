# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Late-payment risk of each debtor, from the pure model of :mod:`..engine.risk`.

Weekly, and when a manager asks: one query reads every posted customer invoice of the companies
with the day it was fully paid, one model is fitted per company (its backtest, choice and
figures kept as a ``debt.recovery.risk.fit``), and every case gets the prediction for a new
invoice issued on the day (see :meth:`DebtRecoveryCase._risk_new_invoice`) and its amount at
risk (90+ days), written in bulk.
"""

import logging
import statistics
from collections import Counter, defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import SQL

from ..engine import risk
from . import bulk
from .company_scope import company_condition

_logger = logging.getLogger(__name__)

# Reasons kept on a case, the one that weighs most first.
RISK_REASONS_KEPT = 3
# Payment terms of a new debtor in a company without any invoice yet.
DEFAULT_TERMS_DAYS = 30


class DebtRecoveryCase(models.Model):
    _inherit = "debt.recovery.case"
    # Scored cases first, the largest amount at risk (90+ days) first; cases never scored (new
    # debtors until the next weekly run) after them, the largest and oldest amount first.
    _order = "risk_scored desc, amount_at_risk desc, priority desc, id"

    risk_probability = fields.Float(
        string="Risk of Paying Late",
        digits=(16, 4),
        readonly=True,
        copy=False,
        help="Probability that a new invoice of the debtor, issued on the risk date with its "
        "usual amount and terms, is paid after its due date; learnt from the company's "
        "payment history.",
    )
    risk_grade = fields.Selection(
        [(letter, letter) for letter in risk.GRADES],
        readonly=True,
        copy=False,
        index=True,
        help="From A (risk below 10%) to E (70% and above).",
    )
    risk_reason_phrases = fields.Json(
        readonly=True,
        copy=False,
        help="The reasons of the risk as the score gave them (sentence and figures), said in "
        "the reader's language.",
    )
    risk_reasons = fields.Text(
        compute="_compute_risk_reasons",
        help="What weighs most in the risk, the heaviest first.",
    )
    risk_reason = fields.Char(
        string="Main Risk Reason", compute="_compute_risk_reason", help="What weighs most."
    )
    risk_date = fields.Date(
        readonly=True, copy=False, help="The risk is computed from the history known that day."
    )
    risk_scored = fields.Boolean(
        readonly=True,
        copy=False,
        help="The case has been scored: its amount at risk (90+ days) orders the worklist.",
    )
    amount_at_risk = fields.Monetary(
        string="Amount at Risk (90+ Days)",
        readonly=True,
        copy=False,
        help="For each open invoice of the debtor, the amount still due times the probability "
        "that it is still unpaid 90 days (a setting) after its due date, given its age; summed. "
        "Money likely to be long overdue, not money lost: the worklist shows the largest first.",
    )

    @api.depends("risk_reason_phrases")
    @api.depends_context("lang")
    def _compute_risk_reasons(self):
        translate = self._risk_translate(self.env.lang)
        for case in self:
            sentences = [
                risk.sentence(phrase, translate)
                for phrase in case.risk_reason_phrases or ()
                if phrase and phrase[0] in risk.TEMPLATES
            ]
            case.risk_reasons = "\n".join(sentences) or False

    @api.depends("risk_reasons")
    @api.depends_context("lang")
    def _compute_risk_reason(self):
        for case in self:
            case.risk_reason = (case.risk_reasons or "").partition("\n")[0] or False

    # ------------------------------------------------------------------ actions
    def action_refresh_risk(self):
        """Score again every case of the companies of these cases (of the user's companies
        when none is selected): the model learns from each company's whole history."""
        if not self.env.user.has_group("debt_recovery.group_debt_recovery_manager"):
            raise AccessError(self.env._("Only a debt recovery manager refreshes the risk."))
        self.check_access("write")
        companies = self.company_id or self.env.companies
        self._refresh_risk(fields.Date.context_today(self), companies.ids)
        return True

    @api.model
    def _cron_refresh_risk(self):
        """Weekly: the risk of every case of every company, as of today."""
        # The job scores the cases of every company.
        count = self.sudo()._refresh_risk(fields.Date.context_today(self))
        if self.env.context.get("ir_cron_progress_id"):
            self.env["ir.cron"]._notify_progress(done=count, remaining=0)

    # ------------------------------------------------------------------ scoring
    @api.model
    def _refresh_risk(self, as_of, company_ids=None):
        """Score the cases of the companies (``company_ids``, else all that the environment
        reads) as of ``as_of``: one fit per company (kept with its figures and the grades that
        changed), one prediction per case, one bulk write.

        The reasons are kept as phrases, said in each reader's language. Returns the number of
        cases scored.
        """
        domain = [("company_id", "in", company_ids)] if company_ids else []
        cases = self.search_fetch(
            domain, ["partner_id", "company_id", "risk_grade", "currency_id"], order="id"
        )
        if not cases:
            return 0
        company_ids = cases.company_id.ids
        histories = defaultdict(lambda: defaultdict(list))  # company -> debtor -> records
        residuals = {}  # id of a record -> amount still due today
        for company_id, record, residual in self._risk_history(as_of, company_ids):
            histories[company_id][record.debtor].append(record)
            residuals[id(record)] = residual
        promises = self._risk_broken_promises(as_of, company_ids)
        values, fits = {}, []
        for company in cases.company_id:
            company_cases = cases.filtered(lambda case, co=company: case.company_id == co)
            model, company_values = company_cases._risk_values(
                as_of, histories[company.id], promises[company.id], residuals
            )
            values.update(company_values)
            changes = company_cases._risk_grade_changes(company_values)
            fits.append(self.env["debt.recovery.risk.fit"]._values_of(company, model, changes))
            _logger.info(
                "Risk model of %s as of %s: %s kept (model weight %.2f), %s",
                company.name,
                as_of,
                model.choice,
                model.late.weight,
                changes or "no grade changed",
            )
        bulk.update(self, values)
        self.env["debt.recovery.risk.fit"].sudo().create(fits)
        return len(values)

    def _risk_grade_changes(self, values):
        """The grades that changed (these cases, read before ``values`` are written), as
        lines "B -> C: 3 debtors", the largest moves first; empty when none changed."""
        moves = Counter(
            (case.risk_grade, values[case.id]["risk_grade"])
            for case in self
            if case.risk_grade and case.risk_grade != values[case.id]["risk_grade"]
        )
        return "\n".join(
            self.env._("%(old)s -> %(new)s: %(count)d debtors", old=old, new=new, count=count)
            for (old, new), count in sorted(moves.items(), key=lambda item: (-item[1], item[0]))
        )

    def _risk_values(self, as_of, history, promises, residuals=None):
        """(model, {case id: values}) of these cases of one company, from its ``history``
        (debtor -> records), broken ``promises`` (debtor -> dates) and the ``residuals`` of
        the invoices (id of a record -> amount still due today, read for the invoices still
        open today; the others, paid since ``as_of``, count for their amount)."""
        records = [record for own in history.values() for record in own]
        company = self.company_id[:1]
        settings = risk.Settings(
            backtest_months=company.debt_recovery_risk_backtest_months or 3,
            serious_days=company.debt_recovery_risk_serious_days or 90,
        )
        model = risk.fit(records, as_of, broken_promises=promises, settings=settings)
        defaults = self._risk_company_defaults(records)
        residuals = residuals or {}
        values = {}
        for case in self:
            debtor = case.partner_id.id
            own = history.get(debtor, [])
            debtor_promises = promises.get(debtor, ())
            prediction = model.predict(
                self._risk_new_invoice(debtor, own, as_of, defaults),
                own,
                as_of,
                broken_promises=debtor_promises,
                top=RISK_REASONS_KEPT,
            )
            open_invoices = [
                record for record in own if record.paid_date is None or record.paid_date > as_of
            ]
            serious = model.predict_serious(
                open_invoices, own, as_of, broken_promises={debtor: debtor_promises}
            )
            at_risk = sum(
                (record.amount if record.paid_date else residuals.get(id(record), record.amount))
                * probability
                for record, probability in zip(open_invoices, serious, strict=True)
            )
            values[case.id] = {
                "risk_probability": round(prediction.probability, 4),
                "risk_grade": prediction.grade,
                "risk_reason_phrases": [list(reason.phrase) for reason in prediction.reasons]
                or False,
                "risk_date": as_of,
                "risk_scored": True,
                "amount_at_risk": case.currency_id.round(at_risk),
            }
        return model, values

    @api.model
    def _risk_templates(self):
        """{key: sentence} of risk.TEMPLATES in the environment's language.

        Spelt out, so that the export of the terms to translate finds them (it reads literal
        strings only): a test checks that they are the engine's, word for word.
        """
        return {
            "share_late": self.env._(
                "%(percent)d%% of the debtor's invoices were paid late (recent ones weigh more)."
            ),
            "share_late_new": self.env._(
                "Little history yet: the company's late rate of %(percent)d%% applies."
            ),
            "recent_share": self.env._("%(percent)d%% of the recent invoices were paid late."),
            "days_late": self.env._("Invoices are paid %(days)d days late on average."),
            "open_days_late": self.env._("The oldest open invoice is %(days)d days past due."),
            "open_exposure": self.env._(
                "%(amount).2f is still open, %(ratio).1f times a usual invoice."
            ),
            "broken_promises": self.env._("%(count)d promises to pay were broken."),
            "invoices_known": self.env._("%(count)d invoices of this debtor are known."),
            "relative_size": self.env._(
                "This invoice is %(ratio).1f times the debtor's usual amount."
            ),
            "payment_terms": self.env._("Payment terms of %(days)d days."),
            "disputed": self.env._("This invoice is disputed."),
            "disputed_not": self.env._("This invoice is not disputed."),
            "dispute_share": self.env._("%(percent)d%% of this debtor's invoices were disputed."),
            "rule_kept": self.env._(
                "Simple rule kept (the model did not do better on this company's recent "
                "invoices): %(percent)d%% of the debtor's settled invoices were paid late."
            ),
            "rule_kept_new": self.env._(
                "Little history yet: the company's late rate of %(percent)d%% applies "
                "(simple rule kept)."
            ),
            "rule_blend": self.env._(
                "Simple rule, weighing %(weight)d%% in the score: %(percent)d%% of the "
                "debtor's settled invoices were paid late."
            ),
            "rule_kept_recent": self.env._(
                "Simple rule kept (the model did not do better on this company's recent "
                "invoices): %(percent)d%% of the debtor's settled invoices were paid late, "
                "recent ones weighing more."
            ),
            "rule_blend_recent": self.env._(
                "Simple rule, weighing %(weight)d%% in the score: %(percent)d%% of the "
                "debtor's settled invoices were paid late, recent ones weighing more."
            ),
        }

    @api.model
    def _risk_translate(self, lang):
        """The ``translate`` argument of the engine: its English template to ``lang``."""
        translated = self.with_context(lang=lang)._risk_templates()
        by_text = {text: translated[key] for key, text in risk.TEMPLATES.items()}
        return lambda text: by_text.get(text, text)

    @api.model
    def _risk_company_defaults(self, records):
        """(amount, terms in days) of a new debtor's invoice: the company's medians."""
        if not records:
            return 0.0, DEFAULT_TERMS_DAYS
        return (
            statistics.median(record.amount for record in records),
            round(statistics.median((r.due_date - r.invoice_date).days for r in records)),
        )

    @api.model
    def _risk_new_invoice(self, debtor, own, as_of, defaults):
        """The invoice scored for a debtor: a new one issued on ``as_of``, not disputed, of
        the debtor's usual amount (its average, as the model reads it) and usual terms (the
        median); a debtor without invoices gets the company's medians.

        A synthetic invoice rather than the debtor's latest open one: the grade describes the
        debtor, the same way for every debtor, open invoices or not (they weigh through the
        history: days past due, amount still open).
        """
        known = [record for record in own if record.invoice_date < as_of]
        amount, terms = defaults
        if known:
            amount = sum(record.amount for record in known) / len(known)
            terms = round(statistics.median((r.due_date - r.invoice_date).days for r in known))
        return risk.InvoiceRecord(debtor, as_of, as_of + timedelta(days=terms), amount)

    @api.model
    def _risk_history(self, as_of, company_ids):
        """[(company id, InvoiceRecord, amount still due)] of the posted customer invoices
        issued by ``as_of``, one query.

        Paid: the latest reconciliation date of the receivable lines, once nothing is left to
        pay. Disputed: held for a dispute. Left out: penalty invoices (they follow the other
        invoices' delays) and invoices cancelled by a credit note (never meant to be paid).
        """
        self.env["account.move"].flush_model()
        self.env["account.move.line"].flush_model(["move_id", "display_type"])
        self.env["account.partial.reconcile"].flush_model(["debit_move_id", "max_date"])
        self.env.cr.execute(
            SQL(
                """
                SELECT m.company_id, m.commercial_partner_id, m.invoice_date,
                       m.invoice_date_due, m.amount_total_signed, paid.day,
                       COALESCE(m.debt_recovery_excluded, FALSE)
                           AND m.debt_recovery_exclusion_reason = 'dispute',
                       m.amount_residual_signed
                  FROM account_move m
                  LEFT JOIN LATERAL (
                        SELECT MAX(p.max_date) AS day
                          FROM account_move_line l
                          JOIN account_partial_reconcile p ON p.debit_move_id = l.id
                         WHERE m.amount_residual = 0
                           AND l.move_id = m.id
                           AND l.display_type = 'payment_term'
                       ) paid ON TRUE
                 WHERE m.move_type = 'out_invoice'
                   AND m.state = 'posted'
                   AND m.invoice_date <= %(as_of)s
                   AND m.invoice_date_due IS NOT NULL
                   AND m.amount_total_signed > 0
                   AND m.payment_state IS DISTINCT FROM 'reversed'
                   AND NOT COALESCE(m.debt_recovery_is_penalty, FALSE)
                   AND %(companies)s
                 ORDER BY m.id
                """,
                as_of=as_of,
                companies=company_condition(self.env, SQL("m.company_id"), company_ids),
            )
        )
        return [
            (
                company_id,
                risk.InvoiceRecord(debtor, issued, due, float(amount), paid, disputed),
                float(residual or 0.0),
            )
            for company_id, debtor, issued, due, amount, paid, disputed, residual in (
                self.env.cr.fetchall()
            )
        ]

    @api.model
    def _risk_broken_promises(self, as_of, company_ids):
        """{company id: {debtor: [promised dates]}} of the broken promises, one query."""
        self.env["debt.recovery.promise"].flush_model(["state", "date", "partner_id"])
        self.env.cr.execute(
            SQL(
                """
                SELECT pr.company_id, p.commercial_partner_id, pr.date
                  FROM debt_recovery_promise pr
                  JOIN res_partner p ON p.id = pr.partner_id
                 WHERE pr.state = 'broken' AND pr.date <= %s AND %s
                """,
                as_of,
                company_condition(self.env, SQL("pr.company_id"), company_ids),
            )
        )
        result = defaultdict(lambda: defaultdict(list))
        for company_id, debtor, day in self.env.cr.fetchall():
            result[company_id][debtor].append(day)
        return result
