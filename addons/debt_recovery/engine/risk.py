"""Risk of late payment of one invoice, learnt from the debtors' payment history, judged at every
fit against the simple rule "the debtor's share of invoices paid late so far".

Pure code (numpy, no Odoo import); the reference date ``as_of`` is always a parameter.

``fit(records, as_of, late_days)`` learns two scores from the outcomes known at ``as_of``:

- the **risk of paying late**: the probability that an invoice is paid more than ``late_days``
  after its due date (``RiskModel.predict(invoice, history, as_of)``: probability, grade A best
  to E worst, reasons);
- the **risk of serious delinquency**: the probability that an invoice is still unpaid
  ``Settings.serious_days`` days (90) after its due date, given its current age
  (``RiskModel.predict_serious``); times the amount still open, summed over a debtor's open
  invoices, it is the debtor's *amount at risk (90+ days)*.

Each score is the better of a regularised logistic regression (the "model") and the smoothed
past-late-share rule (the "rule"), or a blend of both, as the backtest of the fit decides:

- **Backtest.** The invoices issued in the last ``backtest_months`` months whose outcome is known
  (the window ends ``late_days`` plus the usual payment terms before ``as_of``, so that nearly
  every invoice of the window has a known outcome; fewer months when the history before it is
  short) are predicted month by month: the model of a month is fitted on the outcomes known on
  its first day, each invoice described as of its invoice date. The rule is scored on the same
  invoices.
- **Choice** (``_choose``). Every score compared is calibrated (Platt: a slope and an offset on
  the log-odds) on one half of the backtest in time and checked on the other, both ways round
  (held-out log loss); "clearly better" is a held-out gain above ``Settings.rule_errors``
  standard errors (resampling the debtors). In order: the half-life of the model's training
  examples (``model_half_lives``: none unless another is clearly better); the rule, among its
  variants (``rule_half_lives`` x ``rule_prior_weights``; the plain rule unless another is
  clearly better), calibrated (a rule already calibrated keeps a calibration near no change,
  one too sure of a debtor's past is tempered); the model, blended
  with a variant of the rule at a weight of ``BLEND_WEIGHTS`` (on the log-odds), used only when
  the bootstrap confidence interval of its log-loss gain over that rule excludes zero. The
  calibration used is fitted on the whole backtest; the grade is read on the calibrated
  probability.
- **Figures** (``Backtest``): AUC, Brier score, log loss, reliability table by decile and number
  of invoices of the model, the plain rule as it is and the choice (the choice's figures out of
  sample: each half calibrated on the other), and what was chosen.

What is known at a date ``t`` (the same rule when fitting and predicting):

- the debtor's invoices issued before ``t`` (an invoice issued on ``t`` is not yet history);
- a payment made on or before ``t``; an invoice paid later is still open at ``t``;
- an invoice's outcome ("label"): paid on or before ``t``, it is late when paid more than
  ``late_days`` after its due date; still open at ``t`` and due + ``late_days`` before ``t``,
  it is late (whenever it gets paid); otherwise it is not known yet.

Each training example (an invoice whose label is known at ``as_of``) is described as of its own
invoice date: nothing learnt later enters its features. Weights of past outcomes decay with the
age of their due date (half-life ``Settings.half_life`` days, ``recent_half_life`` for the trend),
so that a record's weight never depends on when, or whether, it was paid. The serious target's
examples are described on the invoice date and again 0, 30 and 60 days after the due date when
still unpaid then (``CHECKPOINTS``), with the invoice's age as two more features.

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

The rule: the debtor's outcomes known late over its outcomes known (no decay), shrunk toward
the company's share with ``prior_weight`` pseudo-invoices; its variants weigh the outcomes by
the age of their due date (a half-life) and shrink with other numbers of pseudo-invoices.
For the serious target, the same share read among the debtor's invoices that were still
unpaid at the same age (before the due date, or 0, 30, 60 days past it): of those that got that
late, how many were still unpaid ``serious_days`` after their due date.
"""

from __future__ import annotations

import heapq
import math
from bisect import bisect_right
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import NamedTuple

import numpy as np

__all__ = [
    "BLEND_WEIGHTS",
    "CHECKPOINTS",
    "FEATURES",
    "GRADES",
    "GRADE_CUTS",
    "MONOTONE",
    "RULE",
    "SERIOUS_FEATURES",
    "SUMMARY",
    "TEMPLATES",
    "Backtest",
    "Figures",
    "InvoiceRecord",
    "Prediction",
    "Reason",
    "RiskModel",
    "Score",
    "Settings",
    "figures",
    "fit",
    "grade",
    "label",
    "sentence",
    "summary",
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
# The serious target also reads the invoice's age: days from its due date (negative before it)
# and days past due, in months of 30 days; an older invoice is never less at risk.
SERIOUS_FEATURES = (*FEATURES, "age", "days_past_due")
SERIOUS_MONOTONE = MONOTONE | {"age", "days_past_due"}
# Days after the due date at which an invoice still unpaid is described again (serious target).
CHECKPOINTS = (0, 30, 60)
# The name of the rule's term in a prediction's contributions.
RULE = "late_share_rule"
# Weights of the model in the blends the backtest compares (0: the rule alone).
BLEND_WEIGHTS = (0.0, 0.25, 0.5, 0.75, 1.0)
# Ridge pull of the calibration's slope and offset toward (1, 0), in invoices' worth of
# information: a short backtest moves the probabilities a little, a long one freely.
CALIBRATION_PULL = 100.0

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
    "rule_kept": "Simple rule kept (the model did not do better on this company's recent "
    "invoices): %(percent)d%% of the debtor's settled invoices were paid late.",
    "rule_kept_new": "Little history yet: the company's late rate of %(percent)d%% applies "
    "(simple rule kept).",
    "rule_blend": "Simple rule, weighing %(weight)d%% in the score: %(percent)d%% of the "
    "debtor's settled invoices were paid late.",
    "rule_kept_recent": "Simple rule kept (the model did not do better on this company's recent "
    "invoices): %(percent)d%% of the debtor's settled invoices were paid late, recent ones "
    "weighing more.",
    "rule_blend_recent": "Simple rule, weighing %(weight)d%% in the score: %(percent)d%% of the "
    "debtor's settled invoices were paid late, recent ones weighing more.",
}
# The plain sentence of a backtest (AUC as "times in 100").
SUMMARY = (
    "On the last %(months)d months, the score ranked a late invoice above an on-time one "
    "%(score)d times in 100; the simple rule, %(rule)d."
)

# Event kinds, in the order they are applied on the same day: what is paid or becomes late on
# day t is known at t; an invoice issued on t is not history yet when something is scored at t.
_PAY, _LATE, _SERIOUS, _QUERY, _ISSUE = range(5)
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
    backtest_months: int = 3  # months of invoices predicted by the backtest, at most
    serious_days: int = 90  # days after the due date: still unpaid then is serious delinquency
    min_training: int = 50  # known outcomes before the backtest window, at least
    min_backtest: int = 40  # invoices in the backtest, at least (else the rule is kept)
    bootstrap: int = 400  # resamplings of the debtors for the confidence interval
    confidence: float = 0.95  # of the interval of the log-loss gain
    # Variants of the rule the backtest compares: half-lives of the weight of past outcomes
    # (days; 0: every outcome weighs the same, the plain rule) and pseudo-invoices of
    # shrinkage toward the company's share (``prior_weight`` is the plain rule's).
    rule_half_lives: tuple[float, ...] = (0.0, 365.0, 180.0)
    rule_prior_weights: tuple[float, ...] = (1.0, 3.0, 10.0)
    # A variant of the rule replaces the plain rule when its gain exceeds so many standard
    # errors (the one-standard-error rule: the simplest unless another is clearly better).
    rule_errors: float = 1.0
    # Half-lives (days; 0: all alike) of the weight of the model's training examples, by the
    # day their outcome became known, that the backtest compares (risk of paying late).
    model_half_lives: tuple[float, ...] = (0.0, 365.0, 180.0)


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
    contributions: tuple[Reason, ...]  # every feature, in FEATURES order, then the rule's term
    reasons: tuple[Reason, ...]  # the rule's term first when it weighs, then the heaviest
    choice: str = "model"  # what the score is: "model", "rule" or "blend"
    rule: float = 0.0  # the rule's value: the debtor's smoothed share of settled invoices late


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
    """The company's values that new debtors get: late share and average days late (recency
    weighted, the model's), plain shares of late outcomes and, per age bucket (``_bucket``), of
    serious outcomes (the rules')."""

    share: float
    days: float
    rule: float = 0.5
    serious: tuple[float, ...] = (0.5,) * (len(CHECKPOINTS) + 1)
    # per half-life of ``Settings.rule_half_lives``: the company's share, recency weighted
    rules: tuple[float, ...] = ()


class _Query(NamedTuple):
    """What is scored: an invoice of ``debtor`` described as of the day ``day`` (ordinal)."""

    day: int
    debtor: Hashable
    amount: float
    terms: int  # days from invoice date to due date
    disputed: bool
    due: int = 0  # due date (ordinal): the invoice's age on ``day`` is ``day - due``


class _Debtor:
    """Running sums of one debtor; weights are ``exp((date - origin) / tau)``, decayed on use."""

    __slots__ = (
        "amount_sum",
        "count",
        "disputed_weight",
        "heap",
        "issued_weight",
        "known",
        "known_late",
        "late",
        "late_recent",
        "open_amount",
        "open_due",
        "open_weight",
        "paid_days",
        "promises",
        "rule_known",
        "rule_late",
        "serious",
        "serious_known",
        "weight",
        "weight_recent",
    )

    def __init__(self, promises, rule_variants):
        self.count = 0
        self.amount_sum = self.open_amount = 0.0
        self.weight = self.late = self.weight_recent = self.late_recent = 0.0
        self.paid_days = self.open_weight = self.open_due = 0.0
        self.issued_weight = self.disputed_weight = 0.0
        self.known = self.known_late = 0  # plain counts of outcomes known, late
        self.rule_known = [0.0] * len(rule_variants)  # per rule half-life: weights known, late
        self.rule_late = [0.0] * len(rule_variants)
        # per age bucket: serious outcomes known of invoices unpaid at that age, serious ones
        self.serious_known = [0] * (len(CHECKPOINTS) + 1)
        self.serious = [0] * (len(CHECKPOINTS) + 1)
        self.heap = []  # (due ordinal, record index) of invoices issued and maybe still open
        self.promises = promises  # sorted ordinals of broken promises


def _bucket(age):
    """The age bucket of an invoice ``age`` days past its due date: 0 before the due date,
    then one per checkpoint reached (the serious rule's share is read in the bucket)."""
    return bisect_right(CHECKPOINTS, age)


class _Timeline:
    """Replays issues, payments and late labels in date order, scoring queries on the way.

    One pass over the events, O(n log n): every debtor's features are kept up to date
    incrementally. ``prior`` fixed (predicting) or ``None`` (fitting: the company's running
    share and days late, as known on each day).
    """

    def __init__(
        self, records, horizon, settings, late_days, prior=None, promises=None, serious=True
    ):
        self.records = records
        self.horizon = horizon.toordinal()
        self.origin = self.horizon  # weights are relative to the horizon: no overflow
        self.tau = settings.half_life / math.log(2)
        self.tau_recent = settings.recent_half_life / math.log(2)
        self.settings = settings
        self.late_days = late_days
        self.serious_days = settings.serious_days if serious else None
        self.fixed_prior = prior
        self.promises = promises or {}
        self.state = [_NEW] * len(records)
        self.serious_counted = [False] * len(records)
        self.debtors = {}
        self.company = [0.0, 0.0, 0.0, 0.0]  # weight, late, paid weight, paid days
        self.plain = [0, 0]  # outcomes known, late
        # the rule's half-lives as decay times (None: no decay), the company's sums of each
        self.rule_taus = [
            life / math.log(2) if life > 0 else None for life in settings.rule_half_lives
        ]
        self.rule_company = [[0.0, 0.0] for _ in self.rule_taus]
        self.serious_plain = ([0] * (len(CHECKPOINTS) + 1), [0] * (len(CHECKPOINTS) + 1))

    def _events(self, queries):
        events = [(query.day, _QUERY, index) for index, query in enumerate(queries)]
        serious_days = self.serious_days
        for index, record in enumerate(self.records):
            issued = record.invoice_date.toordinal()
            if issued > self.horizon:
                continue
            events.append((issued, _ISSUE, index))
            if record.paid_date is not None:
                paid = max(record.paid_date.toordinal(), issued)
                if paid <= self.horizon:
                    events.append((paid, _PAY, index))
            due = record.due_date.toordinal()
            late_day = max(due + self.late_days + 1, issued)
            if late_day <= self.horizon:
                events.append((late_day, _LATE, index))
            if serious_days is not None:
                serious_day = max(due + serious_days + 1, issued)
                if serious_day <= self.horizon:
                    events.append((serious_day, _SERIOUS, index))
        events.sort()
        return events

    def run(self, queries):
        """The raw feature values of every query, in the order given."""
        handlers = (self._pay, self._late, self._serious, None, self._issue)
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
            debtor = self.debtors[key] = _Debtor(
                sorted(day.toordinal() for day in dates), self.rule_taus
            )
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
        debtor.known += 1
        self.plain[0] += 1
        if late:
            debtor.late += weight
            debtor.late_recent += recent
            debtor.known_late += 1
            self.plain[1] += 1
        for position, tau in enumerate(self.rule_taus):
            rule_weight = math.exp((due - self.origin) / tau) if tau else 1.0
            debtor.rule_known[position] += rule_weight
            self.rule_company[position][0] += rule_weight
            if late:
                debtor.rule_late[position] += rule_weight
                self.rule_company[position][1] += rule_weight
        company = self.company
        company[0] += weight
        company[1] += weight if late else 0.0
        if days is not None:
            debtor.paid_days += weight * days
            company[2] += weight
            company[3] += weight * days
        return weight

    def _serious_label(self, index, serious, delay=None):
        """Count one serious outcome (still unpaid ``serious_days`` after the due date) in the
        age buckets the invoice reached unpaid (all when ``delay``, the days from the due date
        to the payment, is None)."""
        if self.serious_counted[index]:
            return
        self.serious_counted[index] = True
        debtor = self._debtor(self.records[index].debtor)
        known, late = self.serious_plain
        for bucket in range(len(CHECKPOINTS) + 1):
            if bucket and delay is not None and delay <= CHECKPOINTS[bucket - 1]:
                break
            debtor.serious_known[bucket] += 1
            known[bucket] += 1
            if serious:
                debtor.serious[bucket] += 1
                late[bucket] += 1

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

    def _serious(self, index):
        if self.state[index] != _PAID:
            self._serious_label(index, True)

    def _pay(self, index):
        record = self.records[index]
        debtor = self._debtor(record.debtor)
        previous, self.state[index] = self.state[index], _PAID
        if previous in (_OPEN, _OPEN_LATE):
            debtor.open_amount -= record.amount
        due = record.due_date.toordinal()
        delay = (record.paid_date - record.due_date).days
        days = max(0, delay)
        if self.serious_days is not None:
            self._serious_label(index, days > self.serious_days, delay)
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
        known, known_late = self.plain
        return _Prior(
            share=(late + 1.0) / (weight + 2.0),
            days=paid_days / (paid_weight + 1.0),
            rule=(known_late + 1.0) / (known + 2.0),
            serious=tuple(
                (serious + 1.0) / (count + 2.0)
                for count, serious in zip(*self.serious_plain, strict=True)
            ),
            rules=tuple(
                (late * self._rule_decay(tau, day) + 1.0)
                / (known * self._rule_decay(tau, day) + 2.0)
                for tau, (known, late) in zip(self.rule_taus, self.rule_company, strict=True)
            ),
        )

    def _rule_decay(self, tau, day):
        return math.exp((self.origin - day) / tau) if tau else 1.0

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
        bucket = _bucket(day - query.due)
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
            "known": debtor.known,
            "rule": (debtor.known_late + pseudo * prior.rule) / (debtor.known + pseudo),
            # per rule half-life: the debtor's late and known weights, the company's share
            "rule_sums": tuple(
                (late * self._rule_decay(tau, day), known * self._rule_decay(tau, day), share)
                for tau, late, known, share in zip(
                    self.rule_taus, debtor.rule_late, debtor.rule_known, prior.rules, strict=True
                )
            ),
            "rule_serious": (debtor.serious[bucket] + pseudo * prior.serious[bucket])
            / (debtor.serious_known[bucket] + pseudo),
            "age": day - query.due,
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


def _serious_transform(raw, serious_days):
    """The serious target's inputs (SERIOUS_FEATURES order): the features and the age."""
    age = raw["age"]
    return [
        *_transform(raw),
        _clip(age, -serious_days, serious_days) / 30.0,
        _clip(age, 0, serious_days) / 30.0,
    ]


def _rule_logit(share):
    return _logit(_clip(share, 1e-6, 1 - 1e-6))


def _objective(design, target, coef, penalty, weights):
    eta = design @ coef
    return float(weights @ (np.logaddexp(0.0, eta) - target * eta) + 0.5 * penalty @ (coef * coef))


def _solve(design, target, constrained, penalty, iterations, weights, start=None):
    """Penalised logistic regression by projected Newton steps with step halving, each example
    counting for its weight.

    Coefficients flagged in ``constrained`` stay >= 0: those at 0 whose gradient pushes below
    0 are held there for the step, the others move by Newton's step, projected back to >= 0.
    No randomness: the same data gives the same coefficients.
    """
    coef = np.zeros(design.shape[1])
    rate = _clip(float(weights @ target / weights.sum()), 1e-3, 1 - 1e-3)
    coef[0] = _logit(rate)
    value = _objective(design, target, coef, penalty, weights)
    if start is not None:  # a solution of nearby weights: fewer steps, same optimum
        start = np.array(start, dtype=float)
        start[constrained] = np.maximum(start[constrained], 0.0)
        start_value = _objective(design, target, start, penalty, weights)
        if start_value < value:
            coef, value = start, start_value
    for _ in range(iterations):
        prob = _expit(design @ coef)
        gradient = design.T @ (weights * (prob - target)) + penalty * coef
        free = ~(constrained & (coef <= 0.0) & (gradient > 0.0))
        sub = design[:, free]
        hessian = (sub * (weights * prob * (1.0 - prob))[:, None]).T @ sub + np.diag(penalty[free])
        step = np.zeros_like(coef)
        step[free] = np.linalg.solve(hessian, gradient[free])
        size = 1.0
        while True:
            trial = coef - size * step
            trial[constrained] = np.maximum(trial[constrained], 0.0)
            trial_value = _objective(design, target, trial, penalty, weights)
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


class _Linear(NamedTuple):
    """A fitted logistic regression on standardised inputs."""

    intercept: float
    coef: tuple
    means: tuple
    scales: tuple

    def logits(self, values):
        return self.intercept + ((values - np.array(self.means)) / np.array(self.scales)) @ (
            np.array(self.coef)
        )


def _recency(known_day, day, half_life):
    """Weights of examples whose outcome became known on ``known_day``, seen on ``day``: they
    halve every ``half_life`` days (all 1 when it is 0)."""
    if not half_life:
        return np.ones(len(known_day))
    return np.exp2(-(day - known_day) / half_life)


def _regression(values, target, constrained, settings, flat, weights=None, start=None):
    """Standardise and solve; ``flat`` is the intercept when there is nothing to learn from;
    ``weights``: of the examples (1 each when None); ``start``: a fit on the same values with
    other weights, to start from."""
    width = values.shape[1]
    if not len(target):
        return _Linear(flat, (0.0,) * width, (0.0,) * width, (1.0,) * width)
    means = values.mean(axis=0)
    scales = values.std(axis=0)
    scales[scales < 1e-9] = 1.0
    design = np.hstack([np.ones((len(target), 1)), (values - means) / scales])
    penalty = np.full(width + 1, float(settings.l2))
    penalty[0] = 1e-4  # almost free intercept, finite even when every example is late
    weights = np.ones(len(target)) if weights is None else weights
    coef = _solve(
        design,
        target,
        np.concatenate([[False], constrained]),
        penalty,
        settings.iterations,
        weights,
        None if start is None else (start.intercept, *start.coef),
    )
    return _Linear(
        float(coef[0]),
        tuple(float(value) for value in coef[1:]),
        tuple(float(value) for value in means),
        tuple(float(value) for value in scales),
    )


# --- figures -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Figures:
    """How a score did on the backtest's invoices.

    ``auc``: probability that a late invoice is scored above an on-time one (None when all
    are alike); ``reliability``: per decile of the score (equal counts, lowest first), the
    mean probability, the observed late rate and the number of invoices.
    """

    count: int
    auc: float | None
    brier: float
    log_loss: float
    reliability: tuple[tuple[float, float, int], ...]


def _auc(scores, labels):
    """Area under the ROC curve (rank formula, ties averaged)."""
    positives = int(labels.sum())
    negatives = len(labels) - positives
    if not positives or not negatives:
        return None
    order = np.argsort(scores, kind="mergesort")
    ordered = scores[order]
    starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
    ends = np.r_[starts[1:], len(ordered)]
    average = (starts + ends + 1) / 2.0  # mean of the 1-based ranks of each tie group
    ranks = np.empty(len(scores))
    ranks[order] = np.repeat(average, ends - starts)
    return float(
        (ranks[labels].sum() - positives * (positives + 1) / 2.0) / (positives * negatives)
    )


def _losses(probabilities, labels):
    p = np.clip(probabilities, 1e-6, 1 - 1e-6)
    return -(labels * np.log(p) + (1.0 - labels) * np.log(1.0 - p))


def figures(probabilities, labels) -> Figures:
    """AUC, Brier score, log loss and reliability by decile of ``probabilities`` against the
    ``labels`` (True: late)."""
    probabilities = np.asarray(probabilities, dtype=float)
    labels = np.asarray(labels, dtype=bool)
    target = labels.astype(float)
    if not len(labels):
        return Figures(0, None, 0.0, 0.0, ())
    order = np.argsort(probabilities, kind="mergesort")
    table = tuple(
        (float(probabilities[part].mean()), float(target[part].mean()), len(part))
        for part in np.array_split(order, min(10, len(order)))
    )
    return Figures(
        count=len(labels),
        auc=_auc(probabilities, labels),
        brier=float(np.mean((probabilities - target) ** 2)),
        log_loss=float(_losses(probabilities, target).mean()),
        reliability=table,
    )


def _platt(logits, target):
    """(slope, offset) of the calibration ``sigmoid(slope * logit + offset)``, by Newton's
    method with a pull toward the identity (``CALIBRATION_PULL``); the slope is kept >= 0 (a
    calibration never reverses the order)."""
    slope, offset = 1.0, 0.0
    if not len(target):
        return slope, offset
    pull = CALIBRATION_PULL
    design = np.column_stack([logits, np.ones(len(target))])
    for _ in range(30):
        prob = _expit(slope * logits + offset)
        gradient = design.T @ (prob - target) + pull * np.array([slope - 1.0, offset])
        hessian = (design * (prob * (1.0 - prob))[:, None]).T @ design + pull * np.eye(2)
        step = np.linalg.solve(hessian, gradient)
        slope, offset = slope - float(step[0]), offset - float(step[1])
        if float(np.max(np.abs(step))) < 1e-9:
            break
    return max(slope, 0.0), offset


def _expit(logits):
    """The sigmoid of an array, without overflow."""
    return 0.5 * (1.0 + np.tanh(0.5 * logits))


def _calibrated(calibration, logits):
    slope, offset = calibration
    return _expit(slope * logits + offset)


def _cross_fitted(logits, target, debtors):
    """Calibrated probabilities, each half of the backtest (its first and second half of
    invoices in date order) calibrated on the other: a calibration is checked on a period it
    has not seen, so that a shock common to the invoices of one period is not taken for a
    lasting shift. (``debtors``: kept for other splits.)"""
    result = np.empty(len(target))
    first = np.arange(len(target)) < len(target) // 2
    halves = (first, ~first)
    for fitted_on, checked_on in (halves, halves[::-1]):
        calibration = _platt(logits[fitted_on], target[fitted_on])
        result[checked_on] = _calibrated(calibration, logits[checked_on])
    return result


def _bootstrap(gains, groups, draws, confidence):
    """(mean, low, high): the mean of ``gains`` and its confidence interval, resampling the
    groups (debtors) with replacement; a fixed seed keeps it deterministic."""
    means = _resampled(gains, groups, draws)
    tail = (1.0 - confidence) / 2.0
    low, high = np.quantile(means, [tail, 1.0 - tail])
    return float(gains.mean()), float(low), float(high)


def _resampled(gains, groups, draws):
    """The means of ``gains`` over ``draws`` resamplings of the groups (debtors)."""
    sums = np.bincount(groups, weights=gains)
    counts = np.bincount(groups).astype(float)
    keep = counts > 0
    sums, counts = sums[keep], counts[keep]
    picks = np.random.default_rng(0).multinomial(
        len(sums), np.full(len(sums), 1.0 / len(sums)), size=draws
    )
    return (picks @ sums) / (picks @ counts)


@dataclass(frozen=True)
class Backtest:
    """The backtest of one score: the window, the figures and the choice made.

    ``gain``: mean log-loss gain per invoice of the best calibrated candidate (a variant of the
    rule, the model or a blend) over the reference (the plain rule, calibrated when that lowers
    its held-out log loss), with the bounds of its confidence interval; ``weight``: the model's
    weight chosen (0: a rule), ``best``: the best weight before the interval was looked at;
    ``calibrated``: the score used goes through a calibration; ``half_life`` and
    ``prior_weight``: the rule used (half-life in days of the weight of past outcomes, 0 for
    none; pseudo-invoices of shrinkage toward the company's share).
    """

    months: int
    start: date
    end: date
    model: Figures
    rule: Figures
    choice: Figures
    gain: tuple[float, float, float]
    weight: float
    best: float
    calibrated: bool = False
    half_life: float = 0.0
    prior_weight: float = 3.0
    model_half_life: float = 0.0


@dataclass(frozen=True)
class Score:
    """One target's score: the logistic model, the rule, the blend and its calibration.

    The probability is ``sigmoid(slope * (weight * model logit + (1 - weight) * rule logit)
    + offset)``; ``rule_prior``: the company's share, which a new debtor's rule gets;
    ``rule_half_life`` (days, 0: no decay) and ``rule_prior_weight``: the rule's variant.
    """

    names: tuple[str, ...]
    intercept: float
    coef: tuple[float, ...]
    means: tuple[float, ...]
    scales: tuple[float, ...]
    weight: float = 0.0
    calibration: tuple[float, float] = (1.0, 0.0)
    rule_prior: float = 0.5
    base_rate: float = 0.5
    examples: int = 0
    backtest: Backtest | None = None
    rule_half_life: float = 0.0
    rule_prior_weight: float = 3.0
    model_half_life: float = 0.0

    @property
    def choice(self):
        return "rule" if self.weight <= 0.0 else "model" if self.weight >= 1.0 else "blend"

    @property
    def linear(self):
        return _Linear(self.intercept, self.coef, self.means, self.scales)

    def probabilities(self, values, rules):
        """Calibrated probabilities of rows of inputs and the rule's shares."""
        rule_logits = np.log(np.clip(rules, 1e-6, 1 - 1e-6)) - np.log1p(
            -np.clip(rules, 1e-6, 1 - 1e-6)
        )
        blended = rule_logits * (1.0 - self.weight)
        if self.weight > 0.0:
            blended = blended + self.weight * self.linear.logits(values)
        return _calibrated(self.calibration, blended)


def _months_before(day, months):
    """The same day ``months`` calendar months earlier (the month's last day if shorter)."""
    month = day.month - 1 - months
    year, month = day.year + month // 12, month % 12 + 1
    following = date(year + month // 12, month % 12 + 1, 1)
    return date(year, month, min(day.day, (following - timedelta(days=1)).day))


def _window(end, days, known_day, target, settings):
    """The backtest's month boundaries (ordinals, the last one excluded), as many months as the
    settings ask or fewer when the history before them is short; None when too short."""
    end_date = date.fromordinal(end)
    for months in range(settings.backtest_months, 0, -1):
        bounds = [_months_before(end_date, months - step).toordinal() for step in range(months)]
        bounds.append(end)
        trained = target[known_day <= bounds[0]]
        tested = (days >= bounds[0]) & (days < end)
        if (
            len(trained) >= settings.min_training
            and 0.0 < trained.mean() < 1.0
            and int(tested.sum()) >= settings.min_backtest
        ):
            return bounds
    return None


def _rule_logits(shares):
    clipped = np.clip(shares, 1e-6, 1 - 1e-6)
    return np.log(clipped) - np.log1p(-clipped)


def _simplest(losses, debtors, settings):
    """The position in ``losses`` (held-out log losses of candidates, the simplest first) of
    the candidate used: the first, unless another does better by more than
    ``settings.rule_errors`` standard errors of its gain over the first (resampling the
    debtors); the best of those when several do."""
    chosen = 0
    for position in range(1, len(losses)):
        if float(losses[position].mean()) < float(losses[chosen].mean()):
            gains = _resampled(losses[0] - losses[position], debtors, settings.bootstrap)
            if float(gains.mean()) > settings.rule_errors * float(gains.std()):
                chosen = position
    return chosen


def _rule_variant(shares, outcome, debtors):
    """(held-out losses, probabilities) of one variant of the rule, calibrated: each half of
    the backtest by the calibration learnt on the other. A rule already calibrated keeps a
    calibration near no change (its pull toward it); one too sure of itself, as a debtor's
    past is when debtors change, is tempered."""
    calibrated = _cross_fitted(_rule_logits(shares), outcome, debtors)
    return _losses(calibrated, outcome), calibrated


def _best_blend(model_logits, candidates, outcome, debtors):
    """(weight, variant, held-out losses, probabilities) of the best calibrated blend of the
    model (weight > 0) with a variant of the rule."""
    best = None
    for position in range(candidates.shape[1]):
        rule_logits = _rule_logits(candidates[:, position])
        for weight in BLEND_WEIGHTS[1:]:
            blended = _cross_fitted(
                weight * model_logits + (1 - weight) * rule_logits, outcome, debtors
            )
            losses = _losses(blended, outcome)
            key = (float(losses.mean()), weight, position)
            if best is None or key < best[0]:
                best = (key, losses, blended)
    (_, weight, position), losses, blended = best
    return weight, position, losses, blended


def _choose(model_logits, reference, candidates, outcome, debtors, settings):
    """The choice of a backtest, as a dict: ``weight``, ``variant`` (column of ``candidates``,
    the rule's variant used), ``calibration``, ``chosen`` (held-out probabilities), ``gain``
    (interval), ``best`` (the best weight) and ``calibrated``.

    Every score compared is calibrated on one half of the backtest and checked on the other
    (``_cross_fitted``); "held-out log loss" is the log loss of these checks.

    1. The rule: each variant (column of ``candidates``; the first is the plain rule,
       ``reference``) is calibrated. A variant other than the plain rule is used only when its
       held-out gain over the plain rule exceeds ``settings.rule_errors`` standard errors
       (resampling the debtors): the simplest rule unless another does clearly better.
    2. The model: each blend of the model with a variant of the rule (model weight > 0 of
       ``BLEND_WEIGHTS``) is calibrated; the best is used only when the bootstrap confidence
       interval of its gain over the rule chosen in 1 excludes zero.
    """
    plain = _losses(reference, outcome)
    rules = [
        _rule_variant(candidates[:, variant], outcome, debtors)
        for variant in range(candidates.shape[1])
    ]
    variant = _simplest([losses for losses, _ in rules], debtors, settings)
    rule_losses, rule_probabilities = rules[variant]
    weight, position, losses, blended = _best_blend(model_logits, candidates, outcome, debtors)
    gain = _bootstrap(rule_losses - losses, debtors, settings.bootstrap, settings.confidence)
    if gain[1] <= 0.0:
        rule_logits = _rule_logits(candidates[:, variant])
        return {
            "weight": 0.0,
            "variant": variant,
            "calibration": _platt(rule_logits, outcome),
            "chosen": rule_probabilities,
            "gain": _bootstrap(
                plain - rule_losses, debtors, settings.bootstrap, settings.confidence
            ),
            "best": weight,
            "calibrated": True,
        }
    logits = weight * model_logits + (1 - weight) * _rule_logits(candidates[:, position])
    return {
        "weight": weight,
        "variant": position,
        "calibration": _platt(logits, outcome),
        "chosen": blended,
        "gain": _bootstrap(plain - losses, debtors, settings.bootstrap, settings.confidence),
        "best": weight,
        "calibrated": True,
    }


def _backtest_logits(data, bounds, lives, constrained, settings, flat):
    """(examples tested, in date order; for each half-life of ``lives``, the model's logits of
    them): each month of the backtest predicted by models fitted on the outcomes known on its
    first day, their examples weighted by that half-life."""
    values, _rules, target, days, known_day, _debtors, _candidates = data
    tested, logits = [], {life: [] for life in lives}
    for low, high in zip(bounds, bounds[1:], strict=False):
        inside = np.flatnonzero((days >= low) & (days < high))
        if len(inside):
            trained = known_day <= low
            tested.append(inside)
            model = None
            for life in lives:
                model = _regression(
                    values[trained], target[trained], constrained, settings, flat,
                    _recency(known_day[trained], low, life), model,
                )  # fmt: skip
                logits[life].append(model.logits(values[inside]))
    tested = np.concatenate(tested)
    order = np.argsort(days[tested], kind="stable")
    return tested[order], [np.concatenate(logits[life])[order] for life in lives]


def _learn(data, names, monotone, end, settings, flat, rule_prior, variants=()):
    """One target's score: the model fitted on every example, the backtest, the choice.

    ``data``: (inputs, rule shares, targets, query days, days the outcome became known,
    debtor numbers, shares of the rule's variants), one row per example; ``end``: the backtest
    window's end (excluded); ``variants``: (half-life, prior weight, company share) of each
    column of the variants' shares (none: only the plain rule).
    """
    values, rules, target, days, known_day, debtors, candidates = data
    constrained = np.array([name in monotone for name in names])
    lives = settings.model_half_lives if variants else (0.0,)
    last = int(known_day.max()) if len(target) else 0

    def final_model(life, start=None):
        weights = _recency(known_day, last, life)
        return _regression(values, target, constrained, settings, flat, weights, start)

    final = final_model(0.0)
    score = Score(
        names=names, intercept=final.intercept, coef=final.coef, means=final.means,
        scales=final.scales, rule_prior=rule_prior,
        base_rate=float(target.mean()) if len(target) else _sigmoid(flat),
        examples=len(target), rule_prior_weight=settings.prior_weight,
    )  # fmt: skip
    bounds = _window(end, days, known_day, target, settings) if len(target) else None
    if bounds is None:
        return score  # nothing to judge the model on: the rule is kept
    tested, by_life = _backtest_logits(data, bounds, lives, constrained, settings, flat)
    outcome, shares, groups = target[tested], rules[tested], debtors[tested]
    held_out = [_losses(_cross_fitted(each, outcome, groups), outcome) for each in by_life]
    life = lives[_simplest(held_out, groups, settings)]
    model_logits = by_life[lives.index(life)]
    if not variants:
        variants, candidates = ((0.0, settings.prior_weight, rule_prior),), rules[:, None]
    chosen = _choose(model_logits, shares, candidates[tested], outcome, groups, settings)
    half_life, prior_weight, centre = variants[chosen["variant"]]
    calibration = chosen["calibration"]
    backtest = Backtest(
        months=len(bounds) - 1, start=date.fromordinal(bounds[0]),
        end=date.fromordinal(bounds[-1] - 1), model=figures(_expit(model_logits), outcome),
        rule=figures(shares, outcome), choice=figures(chosen["chosen"], outcome),
        gain=chosen["gain"], weight=chosen["weight"], best=chosen["best"],
        calibrated=chosen["calibrated"], half_life=float(half_life),
        prior_weight=float(prior_weight), model_half_life=float(life),
    )  # fmt: skip
    if life:
        final = final_model(life, final)
        score = replace(
            score, intercept=final.intercept, coef=final.coef, means=final.means,
            scales=final.scales,
        )  # fmt: skip
    return replace(
        score, model_half_life=float(life), weight=chosen["weight"],
        calibration=(float(calibration[0]), float(calibration[1])), backtest=backtest,
        rule_half_life=float(half_life), rule_prior_weight=float(prior_weight),
        rule_prior=float(centre),
    )  # fmt: skip


def sentence(phrase, translate=None):
    """The sentence of a reason's ``phrase`` (template key, values), its template translated
    by ``translate`` (English when None)."""
    key, values = phrase
    template = TEMPLATES[key]
    return (translate(template) if translate else template) % values


def summary(backtest: Backtest, translate=None) -> str:
    """The plain sentence of a backtest: how often the score and the rule rank a late invoice
    above an on-time one (their AUC, in 100)."""
    template = translate(SUMMARY) if translate else SUMMARY
    return template % {
        "months": backtest.months,
        "score": round(100 * (backtest.choice.auc or 0.5)),
        "rule": round(100 * (backtest.rule.auc or 0.5)),
    }


def _percent(share):
    return round(100 * float(share))


def _phrases(raw):
    """{feature: (template key, values)} for one query, values as plain numbers (stored as
    JSON by the caller)."""
    percent = _percent
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


def _query_of(invoice, day):
    due = invoice.due_date.toordinal()
    terms = due - invoice.invoice_date.toordinal()
    return _Query(day, invoice.debtor, invoice.amount, terms, invoice.disputed, due)


@dataclass(frozen=True)
class RiskModel:
    """A fitted model: the two scores (``late``: paying late; ``serious``: still unpaid
    ``settings.serious_days`` after the due date) and the company's prior.

    ``intercept``, ``coef``, ``means``, ``scales``, ``names``, ``base_rate``, ``examples``,
    ``choice`` and ``backtest`` are the late-payment score's."""

    late_days: int
    as_of: date
    settings: Settings
    prior: _Prior
    late: Score
    serious: Score

    intercept = property(lambda self: self.late.intercept)
    coef = property(lambda self: self.late.coef)
    means = property(lambda self: self.late.means)
    scales = property(lambda self: self.late.scales)
    names = property(lambda self: self.late.names)
    base_rate = property(lambda self: self.late.base_rate)
    examples = property(lambda self: self.late.examples)
    choice = property(lambda self: self.late.choice)
    backtest = property(lambda self: self.late.backtest)

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
            serious=False,
        )
        raw = timeline.run([_query_of(invoice, as_of.toordinal())])[0]
        return self._explain(raw, cuts, top, translate or (lambda text: text))

    def predict_serious(
        self,
        invoices: Iterable[InvoiceRecord],
        history: Iterable[InvoiceRecord],
        as_of: date,
        *,
        broken_promises: Mapping[Hashable, Iterable[date]] | None = None,
    ) -> list[float]:
        """For each of ``invoices`` (open at ``as_of``), the probability that it is still
        unpaid ``serious_days`` after its due date, given its age at ``as_of`` (1 when it is
        already that late). ``history``: the debtors' invoices, the scored ones included."""
        invoices = list(invoices)
        if not invoices:
            return []
        timeline = _Timeline(
            list(history), as_of, self.settings, self.late_days, prior=self.prior,
            promises=broken_promises,
        )  # fmt: skip
        day = as_of.toordinal()
        raws = timeline.run([_query_of(invoice, day) for invoice in invoices])
        limit = self.settings.serious_days
        values = np.array([_serious_transform(raw, limit) for raw in raws], dtype=float)
        probabilities = self.serious.probabilities(
            values, np.array([raw["rule_serious"] for raw in raws], dtype=float)
        )
        return [
            1.0 if raw["age"] > limit else float(probability)
            for raw, probability in zip(raws, probabilities, strict=True)
        ]

    def _explain(self, raw, cuts, top, translate):
        score = self.late
        slope, offset = score.calibration
        weight = score.weight
        values = _transform(raw)
        phrases = _phrases(raw)
        contributions = [
            Reason(
                name,
                slope * weight * coef * (value - mean) / scale,
                sentence(phrases[name], translate),
                phrases[name],
            )
            for name, value, coef, mean, scale in zip(
                score.names, values, score.coef, score.means, score.scales, strict=True
            )
        ]
        centre = _rule_logit(score.rule_prior)
        intercept = slope * (weight * score.intercept + (1.0 - weight) * centre) + offset
        share = _rule_share(raw, score, self.settings)
        recent = "_recent" if score.rule_half_life > 0 else ""
        if weight <= 0.0:
            key = "rule_kept" + recent if raw["known"] else "rule_kept_new"
            phrase = (key, {"percent": _percent(share)})
        else:
            phrase = (
                "rule_blend" + recent,
                {"percent": _percent(share), "weight": round(100 * (1.0 - weight))},
            )
        rule = Reason(
            RULE,
            slope * (1.0 - weight) * (_rule_logit(share) - centre),
            sentence(phrase, translate),
            phrase,
        )
        logit = intercept + sum(reason.contribution for reason in contributions) + rule.contribution
        probability = _sigmoid(logit)
        ranked = [
            reason
            for reason in sorted(contributions, key=lambda reason: -abs(reason.contribution))
            if reason.contribution
        ]
        reasons = ranked[:top] if weight >= 1.0 else [rule, *ranked[: top - 1]]
        return Prediction(
            probability=probability,
            grade=grade(probability, cuts),
            logit=logit,
            intercept=intercept,
            contributions=(*contributions, rule),
            reasons=tuple(reasons),
            choice=score.choice,
            rule=float(raw["rule"]),
        )


def fit(
    records: Iterable[InvoiceRecord],
    as_of: date,
    late_days: int = 0,
    *,
    broken_promises: Mapping[Hashable, Iterable[date]] | None = None,
    settings: Settings | None = None,
) -> RiskModel:
    """Learn both scores from the outcomes known at ``as_of`` and judge them by the backtest
    (see the module's docstring).

    ``broken_promises``: per debtor, the dates of broken promises to pay (optional).
    With no outcome known yet, the score is the rule: the company prior.
    """
    settings = settings or Settings()
    limit = settings.serious_days
    known = [record for record in records if record.invoice_date <= as_of]
    (late_queries, late_rows), (serious_queries, serious_rows), terms = _examples(
        known, as_of, late_days, limit
    )
    timeline = _Timeline(known, as_of, settings, late_days, promises=broken_promises)
    raws = timeline.run(late_queries + serious_queries)
    prior = timeline.prior(as_of.toordinal())
    split = len(late_queries)
    spread = int(np.ceil(np.quantile(terms, 0.9))) if terms else 0
    end = as_of.toordinal() - spread
    variants = _variants(settings, prior)
    late = _learn(
        (*_data([_transform(raw) for raw in raws[:split]], raws[:split], "rule", late_queries,
                late_rows, len(FEATURES)), _variant_shares(raws[:split], variants, settings)),
        FEATURES, MONOTONE, end - late_days - 1, settings, _logit(prior.share), prior.rule,
        variants,
    )  # fmt: skip
    serious = _learn(
        (*_data([_serious_transform(raw, limit) for raw in raws[split:]], raws[split:],
                "rule_serious", serious_queries, serious_rows, len(SERIOUS_FEATURES)), None),
        SERIOUS_FEATURES, SERIOUS_MONOTONE, end - limit - 1, settings,
        _logit(prior.serious[0]), prior.serious[0],
    )  # fmt: skip
    return RiskModel(late_days, as_of, settings, prior, late, serious)


def _variants(settings, prior):
    """(half-life, prior weight, company share) of each variant of the rule the backtest
    compares, the plain rule's first."""
    weights = [settings.prior_weight] + [
        weight for weight in settings.rule_prior_weights if weight != settings.prior_weight
    ]
    return tuple(
        (float(life), float(weight), prior.rules[position])
        for position, life in enumerate(settings.rule_half_lives)
        for weight in weights
    )


def _variant_shares(raws, variants, settings):
    """The rule's share of each query (rows) under each variant (columns)."""
    sums = np.array([raw["rule_sums"] for raw in raws], dtype=float)
    sums = sums.reshape(len(raws), len(settings.rule_half_lives), 3)
    columns = []
    for life, weight, _share in variants:
        late, known, share = (
            sums[:, settings.rule_half_lives.index(life), part] for part in range(3)
        )
        columns.append((late + weight * share) / (known + weight))
    return np.column_stack(columns) if columns else np.empty((len(raws), 0))


def _rule_share(raw, score, settings):
    """The share of the rule's variant ``score`` uses, for one query."""
    if score.rule_half_life not in settings.rule_half_lives:
        return raw["rule"]
    late, known, share = raw["rule_sums"][settings.rule_half_lives.index(score.rule_half_life)]
    weight = score.rule_prior_weight
    return (late + weight * share) / (known + weight)


def _examples(known, as_of, late_days, limit):
    """The examples of both targets: (queries, rows) of each, rows as (target, day the outcome
    became known, debtor number), and the payment terms of the invoices."""
    late_queries, serious_queries = [], []
    late_rows, serious_rows = [], []
    numbers, terms = {}, []
    for record in known:
        issued = record.invoice_date.toordinal()
        due = record.due_date.toordinal()
        paid = record.paid_date.toordinal() if record.paid_date is not None else None
        number = numbers.setdefault(record.debtor, len(numbers))
        terms.append(due - issued)
        outcome = label(record, as_of, late_days)
        if outcome is not None:
            late_queries.append(_query_of(record, issued))
            became = min(paid if paid is not None else due + late_days + 1, due + late_days + 1)
            late_rows.append((float(outcome), max(issued, became), number))
        outcome = label(record, as_of, limit)
        if outcome is None:
            continue
        became = max(issued, min(paid if paid is not None else due + limit + 1, due + limit + 1))
        days = [issued] + [
            due + offset
            for offset in CHECKPOINTS
            if due + offset > issued and (paid is None or paid > due + offset)
        ]
        for day in days:
            serious_queries.append(_query_of(record, day))
            serious_rows.append((float(outcome), became, number))
    return (late_queries, late_rows), (serious_queries, serious_rows), terms


def _data(rows, raws, rule, queries, outcomes, width):
    """The arrays of ``_learn`` for one target."""
    values = np.array(rows, dtype=float).reshape(len(rows), width)
    shares = np.array([raw[rule] for raw in raws], dtype=float)
    columns = np.array(outcomes, dtype=float).reshape(len(outcomes), 3)
    target, known_day, debtors = columns[:, 0], columns[:, 1], columns[:, 2]
    days = np.array([query.day for query in queries], dtype=int)
    return values, shares, target.astype(float), days, known_day.astype(int), debtors.astype(int)
