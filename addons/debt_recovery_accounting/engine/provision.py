"""Doubtful receivables and their provision, as an auditor can follow them.

Pure Python (no Odoo import, "today" always a parameter). Three questions, one function each:

* :func:`doubtful_reasons`: why an open invoice is a doubtful receivable (or is not);
* :func:`loss_matrix`: the company's loss rate per age bucket, learnt from its own history
  (invoices whose due date is more than a year old: the share of what was still owed when they
  reached a bucket that was never collected);
* :func:`choose_rate` and :func:`provision_amount`: the rate applied to a debtor's invoice and
  the provision on its amount excluding VAT, less the share a credit insurer or a guarantee covers.

A provision is deductible only when individualised (CGI 39-1-5°): every figure comes with its
basis (the reason, the rule or the bucket, the count of invoices behind a learnt rate).

>>> from datetime import date
>>> due = date(2024, 1, 31)
>>> history = [
...     HistoricInvoice(amount=100, due_date=due, receipts=((date(2024, 2, 10), 100),)),
...     HistoricInvoice(amount=100, due_date=due, receipts=((date(2024, 4, 30), 40),)),
... ]
>>> for bucket in loss_matrix(history, date(2025, 6, 30)):
...     print(bucket.start_days, bucket.rate, bucket.count)
0 0.3000 2
30 0.6000 1
60 0.6000 1
90 1.0000 1
180 1.0000 1
365 1.0000 1
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

# First day past due of each age bucket (the last one has no end).
DEFAULT_BUCKETS = (0, 30, 60, 90, 180, 365)
# A history is learnt from invoices due at least this long ago: their fate is known.
HISTORY_MIN_DAYS = 365
# Reasons a receivable is doubtful, the most serious first.
REASONS = ("insolvency", "litigation", "settlement", "dispute", "overdue")
# Methods a rate comes from.
METHOD_RULE = "rule"
METHOD_MATRIX = "matrix"
RATE_DIGITS = Decimal("0.0001")


# ------------------------------------------------------------------ money
def to_decimal(value: float | int | Decimal) -> Decimal:
    """A number as a Decimal, through its shortest repr (0.1 -> Decimal('0.1'))."""
    return value if isinstance(value, Decimal) else Decimal(str(value))


def round_amount(value: Decimal, rounding: float | Decimal) -> Decimal:
    """``value`` rounded half-up to a multiple of the currency's ``rounding`` (0.01, 1.0...)."""
    step = to_decimal(rounding)
    return (value / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step


# ------------------------------------------------------------------ classification
@dataclass(frozen=True)
class InvoiceFacts:
    """What the closing knows of an open customer invoice."""

    days_overdue: int
    case_state: str | None = None
    case_hold_reason: str | None = None
    invoice_hold_reason: str | None = None


def doubtful_reasons(facts: InvoiceFacts, overdue_days: int) -> tuple[str, ...]:
    """The reasons (from :data:`REASONS`, most serious first) the invoice is doubtful.

    Insolvency proceedings (of the case or the invoice), a case in litigation, a settlement for
    less pending, a disputed invoice, or overdue beyond ``overdue_days``. Empty: not doubtful.

    >>> doubtful_reasons(InvoiceFacts(days_overdue=200, case_state="litigation"), 180)
    ('litigation', 'overdue')
    >>> doubtful_reasons(InvoiceFacts(days_overdue=10), 180)
    ()
    """
    found = set()
    if "insolvency" in (facts.case_hold_reason, facts.invoice_hold_reason):
        found.add("insolvency")
    if facts.case_state == "litigation":
        found.add("litigation")
    if facts.case_hold_reason == "settlement":
        found.add("settlement")
    if "dispute" in (facts.case_hold_reason, facts.invoice_hold_reason):
        found.add("dispute")
    if facts.days_overdue > overdue_days:
        found.add("overdue")
    return tuple(reason for reason in REASONS if reason in found)


def bucket_start(days_overdue: int, buckets: Sequence[int] = DEFAULT_BUCKETS) -> int:
    """First day of the age bucket of an invoice ``days_overdue`` past due (not due: the first).

    >>> bucket_start(45), bucket_start(-3), bucket_start(400)
    (30, 0, 365)
    """
    start = buckets[0]
    for first_day in buckets:
        if days_overdue >= first_day:
            start = first_day
    return start


# ------------------------------------------------------------------ loss matrix
@dataclass(frozen=True)
class HistoricInvoice:
    """An invoice of the past: its amount, due date and the receipts collected on it (date,
    amount). A write-off is not a receipt: what it wrote off was never collected."""

    amount: float | Decimal
    due_date: date
    receipts: tuple[tuple[date, float | Decimal], ...] = ()


@dataclass(frozen=True)
class BucketRate:
    """The loss rate of one age bucket, with the figures behind it.

    ``exposure``: what was still owed when the invoices reached the bucket; ``loss``: what of it
    was never collected; ``count``: the invoices still owed something then; ``rate``:
    loss / exposure (4 decimals), ``None`` when no invoice reached the bucket.
    """

    start_days: int
    end_days: int | None
    exposure: Decimal
    loss: Decimal
    count: int
    rate: Decimal | None


def loss_matrix(
    invoices: Iterable[HistoricInvoice],
    today: date,
    buckets: Sequence[int] = DEFAULT_BUCKETS,
    history_days: int = HISTORY_MIN_DAYS,
) -> list[BucketRate]:
    """The loss rate of each age bucket, learnt from the invoices due ``history_days`` or more
    before ``today`` (the younger ones are left out: their fate is not known yet).

    An invoice reaches the bucket starting ``s`` days past due with what was still owed on its
    due date + ``s`` days; its loss is what was never collected by ``today``.
    """
    horizon = today - timedelta(days=history_days)
    exposure = {start: Decimal(0) for start in buckets}
    counts = dict.fromkeys(buckets, 0)
    loss = {start: Decimal(0) for start in buckets}
    for invoice in invoices:
        if invoice.due_date > horizon:
            continue
        amount = to_decimal(invoice.amount)
        receipts = [(day, to_decimal(paid)) for day, paid in invoice.receipts if day <= today]
        lost = max(amount - sum((paid for _day, paid in receipts), Decimal(0)), Decimal(0))
        for start in buckets:
            reached = invoice.due_date + timedelta(days=start)
            owed = amount - sum((paid for day, paid in receipts if day <= reached), Decimal(0))
            if owed <= 0:
                continue
            exposure[start] += owed
            counts[start] += 1
            loss[start] += min(lost, owed)
    ends = [*buckets[1:], None]
    return [
        BucketRate(
            start_days=start,
            end_days=None if end is None else end - 1,
            exposure=exposure[start],
            loss=loss[start],
            count=counts[start],
            rate=(loss[start] / exposure[start]).quantize(RATE_DIGITS) if exposure[start] else None,
        )
        for start, end in zip(buckets, ends, strict=True)
    ]


# ------------------------------------------------------------------ rates and provisions
@dataclass(frozen=True)
class RateRule:
    """A line of the editable table: the rate of a ``reason`` (for "overdue", from
    ``min_days`` past due)."""

    reason: str
    rate: float | Decimal
    min_days: int = 0


@dataclass(frozen=True)
class RateChoice:
    """The rate an invoice is provisioned at and its basis: the reason, the method (rule or
    matrix), the age bucket of a learnt rate and the count of invoices behind it."""

    rate: Decimal
    reason: str
    method: str
    bucket_start: int | None = None
    count: int = 0


def choose_rate(
    reasons: Sequence[str],
    days_overdue: int,
    rules: Iterable[RateRule],
    matrix: Sequence[BucketRate] = (),
    use_matrix: bool = False,
) -> RateChoice | None:
    """The highest rate among the invoice's ``reasons`` (prudence), ``None`` when none applies.

    A reason's rate is its rule's; "overdue" takes the rule with the highest ``min_days`` not
    beyond ``days_overdue`` or, with ``use_matrix``, the learnt rate of its age bucket (the rule
    when no invoice of the history reached it). Ties keep the most serious reason.

    >>> rules = [RateRule("litigation", 0.5), RateRule("overdue", 0.25, 180)]
    >>> choose_rate(("litigation", "overdue"), 200, rules)
    RateChoice(rate=Decimal('0.5'), reason='litigation', method='rule', bucket_start=None, count=0)
    """
    rules = list(rules)
    best = None
    for reason in reasons:
        choice = None
        if reason == "overdue" and use_matrix and matrix:
            buckets = [bucket.start_days for bucket in matrix]
            start = bucket_start(days_overdue, buckets)
            bucket = next(b for b in matrix if b.start_days == start)
            if bucket.rate is not None:
                choice = RateChoice(bucket.rate, reason, METHOD_MATRIX, start, bucket.count)
        if choice is None:
            fitting = [
                rule
                for rule in rules
                if rule.reason == reason and (reason != "overdue" or rule.min_days <= days_overdue)
            ]
            if fitting:
                rule = max(fitting, key=lambda r: r.min_days)
                choice = RateChoice(to_decimal(rule.rate), reason, METHOD_RULE)
        if choice is not None and (best is None or choice.rate > best.rate):
            best = choice
    return best


def untaxed_residual(
    residual: float | Decimal,
    total: float | Decimal,
    untaxed: float | Decimal,
    rounding: float = 0.01,
) -> Decimal:
    """The share excluding VAT of what is still owed on an invoice (its residual incl. VAT,
    in the ratio of the invoice's untaxed amount to its total).

    >>> untaxed_residual(600, 1200, 1000)
    Decimal('500.00')
    """
    total = to_decimal(total)
    if not total:
        return Decimal(0)
    return round_amount(to_decimal(residual) * to_decimal(untaxed) / total, rounding)


def provision_amount(
    untaxed: float | Decimal,
    rate: float | Decimal,
    covered_share: float | Decimal = 0,
    rounding: float = 0.01,
) -> Decimal:
    """The provision of a receivable: its amount excluding VAT, less the share covered by a
    credit insurer or a guarantee (0 to 1), times the rate (0 to 1).

    >>> provision_amount(1000, 0.5, covered_share=0.9)
    Decimal('50.00')
    """
    covered = min(max(to_decimal(covered_share), Decimal(0)), Decimal(1))
    rate = min(max(to_decimal(rate), Decimal(0)), Decimal(1))
    return round_amount(to_decimal(untaxed) * (1 - covered) * rate, rounding)


def adjustment(target: float | Decimal, current: float | Decimal) -> Decimal:
    """What to post so that the provision becomes ``target``: positive, an allowance (debit
    6817, credit 491); negative, a reversal (debit 491, credit 7817); zero, nothing.

    >>> adjustment(500, 200), adjustment(100, 500)
    (Decimal('300'), Decimal('-400'))
    """
    return to_decimal(target) - to_decimal(current)
