"""Risk of late payment of one invoice, learnt from the debtors' payment history.

Pure code (numpy, no Odoo import); the reference date ``as_of`` is always a parameter.

``fit(records, as_of, late_days)`` learns a regularised logistic regression from the outcomes
known at ``as_of``; ``RiskModel.predict(invoice, history, as_of)`` gives the probability that the
invoice is paid more than ``late_days`` after its due date, a grade (A best, E worst) and the
weight of every feature in log-odds.

What is known at a date ``t`` (the same rule when fitting and predicting):

- the debtor's invoices issued before ``t`` (an invoice issued on ``t`` is not yet history);
- a payment made on or before ``t``; an invoice paid later is still open at ``t``;
- an invoice's outcome ("label"): paid on or before ``t``, it is late when paid more than
  ``late_days`` after its due date; still open at ``t`` and due + ``late_days`` before ``t``,
  it is late (whenever it gets paid); otherwise it is not known yet.

Each training example (an invoice whose label is known at ``as_of``) is described as of its own
invoice date: nothing learnt later enters its features. Weights of past outcomes decay with the
age of their due date (half-life ``Settings.half_life`` days, ``recent_half_life`` for the trend),
so that a record's weight never depends on when, or whether, it was paid.

Features (see ``FEATURES``; the sign of the first six is forced to be >= 0, so that more or
longer lateness never lowers the risk):

- ``share_late``: recency-weighted share of outcomes known late, shrunk toward the company's
  share with ``prior_weight`` pseudo-invoices (a new debtor gets the company's share), in logit;
- ``recent_share``: the same with a short half-life, shrunk toward ``share_late`` (the trend);
- ``days_late``: recency-weighted average days late (0 for invoices paid on time; for invoices
  still open past their label date, the days elapsed so far), shrunk toward the company's;
- ``open_days_late``: days past due of the oldest open invoice;
- ``open_exposure``: amount still open, in units of the debtor's average invoice;
- ``broken_promises``: promises to pay broken before the date (optional input, dated);
- ``invoices_known``: number of invoices of the debtor issued before the date;
- ``relative_size``: log of the invoice's amount over the debtor's average invoice;
- ``payment_terms``: days from the invoice date to the due date, in months of 30 days;
- ``disputed``: the invoice is disputed (the flag as given: it has no date);
- ``dispute_share``: recency-weighted share of the debtor's invoices disputed.
"""

from __future__ import annotations

import heapq
import math
from bisect import bisect_right
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

import numpy as np

__all__ = [
    "FEATURES",
    "GRADES",
    "GRADE_CUTS",
    "MONOTONE",
    "TEMPLATES",
    "InvoiceRecord",
    "Prediction",
    "Reason",
    "RiskModel",
    "Settings",
    "fit",
    "grade",
    "label",
    "sentence",
]

FEATURES = (
    "share_late",
    "recent_share",
    "days_late",
    "open_days_late",
    "open_exposure",
    "broken_promises",
    "invoices_known",
    "relative_size",
    "payment_terms",
    "disputed",
    "dispute_share",
)
# Features whose coefficient is kept >= 0: more late history never lowers the risk.
MONOTONE = frozenset(FEATURES[:6])

GRADES = ("A", "B", "C", "D", "E")
# A probability below the first cut is graded A, at or above the last one E.
GRADE_CUTS = (0.10, 0.25, 0.45, 0.70)

# Sentences of the reasons, filled with %-style named values (translated on the Odoo side).
TEMPLATES = {
    "share_late": "%(percent)d%% of the debtor's invoices were paid late (recent ones weigh more).",
    "share_late_new": "Little history yet: the company's late rate of %(percent)d%% applies.",
    "recent_share": "%(percent)d%% of the recent invoices were paid late.",
    "days_late": "Invoices are paid %(days)d days late on average.",
    "open_days_late": "The oldest open invoice is %(days)d days past due.",
    "open_exposure": "%(amount).2f is still open, %(ratio).1f times a usual invoice.",
    "broken_promises": "%(count)d promises to pay were broken.",
    "invoices_known": "%(count)d invoices of this debtor are known.",
    "relative_size": "This invoice is %(ratio).1f times the debtor's usual amount.",
    "payment_terms": "Payment terms of %(days)d days.",
    "disputed": "This invoice is disputed.",
    "disputed_not": "This invoice is not disputed.",
    "dispute_share": "%(percent)d%% of this debtor's invoices were disputed.",
}

# Event kinds, in the order they are applied on the same day: what is paid or becomes late on
# day t is known at t; an invoice issued on t is not history yet when something is scored at t.
_PAY, _LATE, _QUERY, _ISSUE = range(4)
# Record states while the timeline runs (_NEW: not issued yet).
_NEW, _OPEN, _OPEN_LATE, _PAID = range(4)


@dataclass(frozen=True)
class InvoiceRecord:
    """One customer invoice and, when paid, the day it was (fully) paid."""

    debtor: Hashable
    invoice_date: date
    due_date: date
    amount: float
    paid_date: date | None = None  # None while open
    disputed: bool = False


@dataclass(frozen=True)
class Settings:
    """Knobs of the model; the defaults are what the benchmark was run with."""

    half_life: float = 365.0  # days, weight of past outcomes and disputes
    recent_half_life: float = 90.0  # days, the trend's weight
    prior_weight: float = 3.0  # pseudo-invoices at the company's values (shrinkage)
    recent_weight: float = 2.0  # pseudo-invoices of the recent share at the long-run share
    l2: float = 1.0  # ridge penalty on the standardised coefficients
    iterations: int = 50  # at most, Newton steps (deterministic; stops when stable)


class Reason(NamedTuple):
    """One feature's weight in a prediction, in log-odds, and its sentence; ``phrase`` is the
    sentence as (template key, values), to be said again in another language."""

    name: str
    contribution: float
    sentence: str
    phrase: tuple = ()


@dataclass(frozen=True)
class Prediction:
    """``logit == intercept + sum of contributions``; ``probability`` is its sigmoid."""

    probability: float
    grade: str
    logit: float
    intercept: float
    contributions: tuple[Reason, ...]  # every feature, in FEATURES order
    reasons: tuple[Reason, ...]  # the ones that weigh most, largest absolute weight first


def label(record: InvoiceRecord, as_of: date, late_days: int = 0) -> bool | None:
    """True (late), False (on time) or None (not known) at ``as_of``."""
    if record.invoice_date > as_of:
        return None
    if record.paid_date is not None and record.paid_date <= as_of:
        return (record.paid_date - record.due_date).days > late_days
    if (as_of - record.due_date).days > late_days:
        return True
    return None


def grade(probability: float, cuts: tuple[float, ...] = GRADE_CUTS) -> str:
    """The grade of a probability: one letter per interval between the cut points."""
    return GRADES[bisect_right(cuts, probability)]


def _logit(p: float) -> float:
    return math.log(p / (1.0 - p))


def _sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)


@dataclass(frozen=True)
class _Prior:
    """The company's late share and average days late, the values new debtors get."""

    share: float
    days: float


class _Query(NamedTuple):
    """What is scored: an invoice of ``debtor`` described as of the day ``day`` (ordinal)."""

    day: int
    debtor: Hashable
    amount: float
    terms: int  # days from invoice date to due date
    disputed: bool


class _Debtor:
    """Running sums of one debtor; weights are ``exp((date - origin) / tau)``, decayed on use."""

    __slots__ = (
        "amount_sum",
        "count",
        "disputed_weight",
        "heap",
        "issued_weight",
        "late",
        "late_recent",
        "open_amount",
        "open_due",
        "open_weight",
        "paid_days",
        "promises",
        "weight",
        "weight_recent",
    )

    def __init__(self, promises):
        self.count = 0
        self.amount_sum = self.open_amount = 0.0
        self.weight = self.late = self.weight_recent = self.late_recent = 0.0
        self.paid_days = self.open_weight = self.open_due = 0.0
        self.issued_weight = self.disputed_weight = 0.0
        self.heap = []  # (due ordinal, record index) of invoices issued and maybe still open
        self.promises = promises  # sorted ordinals of broken promises


class _Timeline:
    """Replays issues, payments and late labels in date order, scoring queries on the way.

    One pass over the events, O(n log n): every debtor's features are kept up to date
    incrementally. ``prior`` fixed (predicting) or ``None`` (fitting: the company's running
    share and days late, as known on each day).
    """

    def __init__(self, records, horizon, settings, late_days, prior=None, promises=None):
        self.records = records
        self.horizon = horizon.toordinal()
        self.origin = self.horizon  # weights are relative to the horizon: no overflow
        self.tau = settings.half_life / math.log(2)
        self.tau_recent = settings.recent_half_life / math.log(2)
        self.settings = settings
        self.late_days = late_days
        self.fixed_prior = prior
        self.promises = promises or {}
        self.state = [_NEW] * len(records)
        self.debtors = {}
        self.company = [0.0, 0.0, 0.0, 0.0]  # weight, late, paid weight, paid days

    def _events(self, queries):
        events = [(query.day, _QUERY, index) for index, query in enumerate(queries)]
        for index, record in enumerate(self.records):
            issued = record.invoice_date.toordinal()
            if issued > self.horizon:
                continue
            events.append((issued, _ISSUE, index))
            if record.paid_date is not None:
                paid = max(record.paid_date.toordinal(), issued)
                if paid <= self.horizon:
                    events.append((paid, _PAY, index))
            late_day = max(record.due_date.toordinal() + self.late_days + 1, issued)
            if late_day <= self.horizon:
                events.append((late_day, _LATE, index))
        events.sort()
        return events

    def run(self, queries):
        """The raw feature values of every query, in the order given."""
        handlers = (self._pay, self._late, None, self._issue)
        found = [None] * len(queries)
        for day, kind, index in self._events(queries):
            if kind == _QUERY:
                found[index] = self._query(day, queries[index])
            else:
                handlers[kind](index)
        return found

    def _debtor(self, key):
        debtor = self.debtors.get(key)
        if debtor is None:
            dates = self.promises.get(key, ())
            debtor = self.debtors[key] = _Debtor(sorted(day.toordinal() for day in dates))
        return debtor

    def _weights(self, day):
        return (
            math.exp((day - self.origin) / self.tau),
            math.exp((day - self.origin) / self.tau_recent),
        )

    def _issue(self, index):
        record = self.records[index]
        debtor = self._debtor(record.debtor)
        debtor.count += 1
        debtor.amount_sum += record.amount
        if self.state[index] != _PAID:
            debtor.open_amount += record.amount
            heapq.heappush(debtor.heap, (record.due_date.toordinal(), index))
        if self.state[index] == _NEW:
            self.state[index] = _OPEN
        weight = self._weights(record.invoice_date.toordinal())[0]
        debtor.issued_weight += weight
        if record.disputed:
            debtor.disputed_weight += weight

    def _label(self, debtor, due, late, days):
        """Count one outcome (late or not, days late) in the debtor's and company's sums."""
        weight, recent = self._weights(due)
        debtor.weight += weight
        debtor.weight_recent += recent
        if late:
            debtor.late += weight
            debtor.late_recent += recent
        company = self.company
        company[0] += weight
        company[1] += weight if late else 0.0
        if days is not None:
            debtor.paid_days += weight * days
            company[2] += weight
            company[3] += weight * days
        return weight

    def _late(self, index):
        if self.state[index] not in (_NEW, _OPEN):
            return
        self.state[index] = _OPEN_LATE
        record = self.records[index]
        debtor = self._debtor(record.debtor)
        due = record.due_date.toordinal()
        weight = self._label(debtor, due, True, None)
        debtor.open_weight += weight
        debtor.open_due += weight * (due - self.origin)

    def _pay(self, index):
        record = self.records[index]
        debtor = self._debtor(record.debtor)
        previous, self.state[index] = self.state[index], _PAID
        if previous in (_OPEN, _OPEN_LATE):
            debtor.open_amount -= record.amount
        due = record.due_date.toordinal()
        days = max(0, (record.paid_date - record.due_date).days)
        if previous != _OPEN_LATE:
            self._label(debtor, due, days > self.late_days, days)
            return
        weight = self._weights(due)[0]  # late already counted: its days are final now
        debtor.open_weight -= weight
        debtor.open_due -= weight * (due - self.origin)
        debtor.paid_days += weight * days
        self.company[2] += weight
        self.company[3] += weight * days

    def prior(self, day):
        """The company's late share and average days late known on ``day``."""
        if self.fixed_prior is not None:
            return self.fixed_prior
        decay = math.exp((self.origin - day) / self.tau)
        weight, late, paid_weight, paid_days = (value * decay for value in self.company)
        return _Prior(share=(late + 1.0) / (weight + 2.0), days=paid_days / (paid_weight + 1.0))

    def _oldest_open_due(self, debtor):
        heap = debtor.heap
        while heap and self.state[heap[0][1]] == _PAID:
            heapq.heappop(heap)
        return heap[0][0] if heap else None

    def _query(self, day, query):
        debtor = self.debtors.get(query.debtor) or self._debtor(query.debtor)
        prior = self.prior(day)
        settings = self.settings
        decay = math.exp((self.origin - day) / self.tau)
        decay_recent = math.exp((self.origin - day) / self.tau_recent)
        pseudo = settings.prior_weight
        weight = debtor.weight * decay
        share = (debtor.late * decay + pseudo * prior.share) / (weight + pseudo)
        recent = (debtor.late_recent * decay_recent + settings.recent_weight * share) / (
            debtor.weight_recent * decay_recent + settings.recent_weight
        )
        open_days = ((day - self.origin) * debtor.open_weight - debtor.open_due) * decay
        days = (debtor.paid_days * decay + open_days + pseudo * prior.days) / (weight + pseudo)
        oldest = self._oldest_open_due(debtor)
        usual = debtor.amount_sum / debtor.count if debtor.count else 0.0
        issued = debtor.issued_weight * decay
        return {
            "weight": weight,
            "share": share,
            "recent": recent,
            "days": max(days, 0.0),
            "open_days": max(0, day - oldest) if oldest is not None else 0,
            "open_amount": debtor.open_amount,
            "exposure": debtor.open_amount / usual if usual > 0 else 0.0,
            "promises": bisect_right(debtor.promises, day),
            "count": debtor.count,
            "size": query.amount / usual if usual > 0 else 1.0,
            "terms": query.terms,
            "disputed": bool(query.disputed),
            "dispute_share": debtor.disputed_weight * decay / (issued + pseudo),
        }


def _clip(value, low, high):
    return min(max(value, low), high)


def _transform(raw):
    """The model's inputs (FEATURES order) from the raw values of one query."""
    return [
        _logit(_clip(raw["share"], 1e-6, 1 - 1e-6)),
        _logit(_clip(raw["recent"], 1e-6, 1 - 1e-6)),
        math.log1p(raw["days"]),
        math.log1p(raw["open_days"]),
        math.log1p(max(raw["exposure"], 0.0)),
        math.log1p(raw["promises"]),
        math.log1p(raw["count"]),
        math.log(_clip(raw["size"], 1e-3, 1e3)),
        raw["terms"] / 30.0,
        1.0 if raw["disputed"] else 0.0,
        raw["dispute_share"],
    ]


def _objective(design, target, coef, penalty):
    eta = design @ coef
    return float(np.sum(np.logaddexp(0.0, eta) - target * eta) + 0.5 * penalty @ (coef * coef))


def _solve(design, target, constrained, penalty, iterations):
    """Penalised logistic regression by projected Newton steps with step halving.

    Coefficients flagged in ``constrained`` stay >= 0: those at 0 whose gradient pushes below
    0 are held there for the step, the others move by Newton's step, projected back to >= 0.
    No randomness: the same data gives the same coefficients.
    """
    coef = np.zeros(design.shape[1])
    rate = _clip(float(target.mean()), 1e-3, 1 - 1e-3)
    coef[0] = _logit(rate)
    value = _objective(design, target, coef, penalty)
    for _ in range(iterations):
        prob = 1.0 / (1.0 + np.exp(-(design @ coef)))
        gradient = design.T @ (prob - target) + penalty * coef
        free = ~(constrained & (coef <= 0.0) & (gradient > 0.0))
        sub = design[:, free]
        hessian = (sub * (prob * (1.0 - prob))[:, None]).T @ sub + np.diag(penalty[free])
        step = np.zeros_like(coef)
        step[free] = np.linalg.solve(hessian, gradient[free])
        size = 1.0
        while True:
            trial = coef - size * step
            trial[constrained] = np.maximum(trial[constrained], 0.0)
            trial_value = _objective(design, target, trial, penalty)
            if trial_value <= value or size < 1e-6:
                break
            size /= 2.0
        moved = float(np.max(np.abs(trial - coef)))
        if trial_value > value:
            break
        coef, value = trial, trial_value
        if moved < 1e-10:
            break
    return coef


def sentence(phrase, translate=None):
    """The sentence of a reason's ``phrase`` (template key, values), its template translated
    by ``translate`` (English when None)."""
    key, values = phrase
    template = TEMPLATES[key]
    return (translate(template) if translate else template) % values


def _phrases(raw):
    """{feature: (template key, values)} for one query, values as plain numbers (stored as
    JSON by the caller)."""

    def percent(share):
        return round(100 * float(share))

    share_key = "share_late" if raw["weight"] >= 1.0 else "share_late_new"
    return {
        "share_late": (share_key, {"percent": percent(raw["share"])}),
        "recent_share": ("recent_share", {"percent": percent(raw["recent"])}),
        "days_late": ("days_late", {"days": round(float(raw["days"]))}),
        "open_days_late": ("open_days_late", {"days": int(raw["open_days"])}),
        "open_exposure": (
            "open_exposure",
            {"amount": float(raw["open_amount"]), "ratio": float(raw["exposure"])},
        ),
        "broken_promises": ("broken_promises", {"count": int(raw["promises"])}),
        "invoices_known": ("invoices_known", {"count": int(raw["count"])}),
        "relative_size": ("relative_size", {"ratio": float(raw["size"])}),
        "payment_terms": ("payment_terms", {"days": int(raw["terms"])}),
        "disputed": ("disputed" if raw["disputed"] else "disputed_not", {}),
        "dispute_share": ("dispute_share", {"percent": percent(raw["dispute_share"])}),
    }


def _same_invoice(record, invoice):
    return (record.invoice_date, record.due_date, record.amount) == (
        invoice.invoice_date,
        invoice.due_date,
        invoice.amount,
    )


@dataclass(frozen=True)
class RiskModel:
    """A fitted model: standardisation, coefficients and the company's prior."""

    late_days: int
    as_of: date
    settings: Settings
    prior: _Prior
    intercept: float  # logit of an invoice whose features are all at their training mean
    coef: tuple[float, ...]  # per standardised feature, FEATURES order
    means: tuple[float, ...]
    scales: tuple[float, ...]
    base_rate: float  # share of the training examples that were late
    examples: int
    names: tuple[str, ...] = field(default=FEATURES)

    def predict(
        self,
        invoice: InvoiceRecord,
        history: Iterable[InvoiceRecord],
        as_of: date,
        *,
        broken_promises: Iterable[date] = (),
        cuts: tuple[float, ...] = GRADE_CUTS,
        top: int = 3,
        translate: Callable[[str], str] | None = None,
    ) -> Prediction:
        """The risk that ``invoice`` is paid more than ``late_days`` after its due date.

        ``history``: the debtor's invoices (others are ignored; the invoice itself, if there,
        is dropped); only what is known at ``as_of`` counts, never the invoice's own payment.
        ``broken_promises``: dates of the debtor's broken promises to pay (those after
        ``as_of`` are ignored). ``translate`` is applied to the templates before filling them.
        """
        own, dropped = [], False
        for record in history:
            if record.debtor != invoice.debtor:
                continue
            if not dropped and _same_invoice(record, invoice):
                dropped = True
                continue
            own.append(record)
        timeline = _Timeline(
            own,
            as_of,
            self.settings,
            self.late_days,
            prior=self.prior,
            promises={invoice.debtor: tuple(broken_promises)},
        )
        terms = (invoice.due_date - invoice.invoice_date).days
        query = _Query(as_of.toordinal(), invoice.debtor, invoice.amount, terms, invoice.disputed)
        raw = timeline.run([query])[0]
        return self._explain(raw, cuts, top, translate or (lambda text: text))

    def _explain(self, raw, cuts, top, translate):
        values = _transform(raw)
        phrases = _phrases(raw)
        contributions = tuple(
            Reason(
                name,
                coef * (value - mean) / scale,
                sentence(phrases[name], translate),
                phrases[name],
            )
            for name, value, coef, mean, scale in zip(
                self.names, values, self.coef, self.means, self.scales, strict=True
            )
        )
        logit = self.intercept + sum(reason.contribution for reason in contributions)
        probability = _sigmoid(logit)
        ranked = sorted(contributions, key=lambda reason: -abs(reason.contribution))
        return Prediction(
            probability=probability,
            grade=grade(probability, cuts),
            logit=logit,
            intercept=self.intercept,
            contributions=contributions,
            reasons=tuple(reason for reason in ranked[:top] if reason.contribution),
        )


def fit(
    records: Iterable[InvoiceRecord],
    as_of: date,
    late_days: int = 0,
    *,
    broken_promises: Mapping[Hashable, Iterable[date]] | None = None,
    settings: Settings | None = None,
) -> RiskModel:
    """Learn the model from the outcomes known at ``as_of`` (see the module's docstring).

    ``broken_promises``: per debtor, the dates of broken promises to pay (optional).
    With no outcome known yet, the model is flat at the company prior.
    """
    settings = settings or Settings()
    known = [record for record in records if record.invoice_date <= as_of]
    labels = [label(record, as_of, late_days) for record in known]
    chosen = [index for index, outcome in enumerate(labels) if outcome is not None]
    timeline = _Timeline(known, as_of, settings, late_days, promises=broken_promises)
    queries = [
        _Query(
            known[index].invoice_date.toordinal(),
            known[index].debtor,
            known[index].amount,
            (known[index].due_date - known[index].invoice_date).days,
            known[index].disputed,
        )
        for index in chosen
    ]
    rows = [_transform(raw) for raw in timeline.run(queries)]
    prior = timeline.prior(as_of.toordinal())
    target = np.array([float(labels[index]) for index in chosen])
    return _fitted(rows, target, prior, as_of, late_days, settings)


def _fitted(rows, target, prior, as_of, late_days, settings):
    """Standardise, solve, and keep what predicting needs."""
    width = len(FEATURES)
    if not rows:
        zero = (0.0,) * width
        return RiskModel(
            late_days, as_of, settings, prior, _logit(prior.share), zero, zero, (1.0,) * width,
            prior.share, 0,
        )  # fmt: skip
    values = np.array(rows, dtype=float)
    means = values.mean(axis=0)
    scales = values.std(axis=0)
    scales[scales < 1e-9] = 1.0
    design = np.hstack([np.ones((len(rows), 1)), (values - means) / scales])
    constrained = np.array([False] + [name in MONOTONE for name in FEATURES])
    penalty = np.full(width + 1, float(settings.l2))
    penalty[0] = 1e-4  # almost free intercept, finite even when every example is late
    coef = _solve(design, target, constrained, penalty, settings.iterations)
    return RiskModel(
        late_days=late_days,
        as_of=as_of,
        settings=settings,
        prior=prior,
        intercept=float(coef[0]),
        coef=tuple(float(value) for value in coef[1:]),
        means=tuple(float(value) for value in means),
        scales=tuple(float(value) for value in scales),
        base_rate=float(target.mean()),
        examples=len(rows),
    )
