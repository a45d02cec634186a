"""Late-payment penalties of one invoice, for every debtor regime (France).

Pure standard-library code (no Odoo import). Amounts are accepted as floats, computed with
``decimal.Decimal`` (the helpers of :mod:`interest`) and returned as floats.

Simple interest, ``base x rate / 100 x days / 365`` (always 365), split at 1 January and
1 July, on what was paid late as well as on what is still open: each payment accrues from
the day after the start through the day it was paid, the open balance through the end.
The total is the exact Decimal sum, rounded once half-up.

- professional (C. com. L441-10): from the day after the due date; "legal" mode: the ECB
  rate in force on each half-year's first day + ``margin``; "fixed" mode: ``fixed_rate``,
  never below 3 x the legal interest rate of the half-year.
- public body (CCP R2192-31): from the day after the due date, one rate for the whole delay:
  the ECB rate in force on the first day of the half-year in which the delay began
  + ``public_margin``.
- consumer (C. civ. 1231-6, 1344): from the day after the formal notice, at the legal interest
  rate of each half-year or the contractual rate; from the day after the due date only when
  the terms of sale make the due date a formal notice (and set a contractual rate).
- insolvency (C. com. L622-28): interest stops at the opening judgment (that day included).
- interest-free windows: no interest accrues on the days of a ``Claim.interest_free`` window
  (a consumer's instalment plan carries none, from its signature to its last instalment or
  its termination); it runs again on the next day.

The fixed recovery indemnity is owed once per invoice paid late, professional and public
debtors only, never for an invoice due on or after the opening judgment of insolvency.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, localcontext

from .interest import (
    DAYS_PER_YEAR,
    HUNDRED,
    MODES,
    MissingRateError,
    RateTable,
    UnconfirmedRateError,
    half_year_start,
    split_half_years,
)
from .money import constant, round_amount, to_decimal

__all__ = [
    "REGIMES",
    "Claim",
    "MissingRateError",
    "Penalties",
    "Period",
    "Rates",
    "Settlement",
    "Terms",
    "UnconfirmedRateError",
    "claimable_costs",
    "compute",
    "owes_indemnity",
    "public_due_date",
    "public_rate",
    "start_date",
]

REGIMES = ("professional", "consumer", "public")

ONE_DAY = timedelta(days=1)
ZERO = Decimal(0)
ONE = Decimal(1)
THREE = Decimal(3)
YEAR_PERCENT = DAYS_PER_YEAR * HUNDRED
# Enough digits for any sum of amount x rate x days to stay exact before the one rounding.
PRECISION = 60


@dataclass(frozen=True)
class Terms:
    """The creditor's penalty terms for one debtor regime."""

    regime: str  # one of REGIMES
    mode: str = "legal"  # "none" | "legal" (reference rate + margin) | "fixed"
    margin: float = 10.0  # professional: points over the ECB rate
    fixed_rate: float = 0.0  # professional "fixed" mode annual rate
    public_margin: float = 8.0  # public body: points over the ECB rate
    indemnity: float = 0.0  # fixed recovery indemnity per invoice, in the company currency
    consumer_rate: float = 0.0  # contractual consumer annual rate; 0 means the legal rate
    consumer_rate_from_due: bool = False  # the terms of sale make the due date a formal notice


@dataclass(frozen=True)
class Settlement:
    """A payment (or a credit note, ``credit=True``) reconciled with the invoice."""

    date: date  # the day it was paid
    amount: float  # positive
    credit: bool = False  # a credit note: removed from the start, never accrues


@dataclass(frozen=True)
class Claim:
    """One invoice: its total, due date, settlements and the dates that move interest."""

    amount: float  # the invoice total (positive, company currency)
    due_date: date
    settlements: tuple[Settlement, ...] = ()
    notice_date: date | None = None  # consumer: formal notice deemed received
    insolvency_date: date | None = None  # opening judgment of insolvency proceedings
    # (first day, last day) windows, both included, during which no interest accrues
    interest_free: tuple[tuple[date, date], ...] = ()


@dataclass(frozen=True)
class Rates:
    """Reference rate tables: ECB main refinancing rate and French legal interest rate."""

    ecb: RateTable
    legal: RateTable


@dataclass(frozen=True)
class Period:
    """Days at one base and one rate; ``amount`` is unrounded (float of a Decimal)."""

    date_from: date
    date_to: date
    days: int
    rate: float
    base: float
    amount: float


@dataclass(frozen=True)
class Penalties:
    """Interest (rounded once), indemnity and, on request, the interest periods."""

    interest: float
    indemnity: float
    periods: tuple[Period, ...]


def _check(terms: Terms) -> None:
    if terms.regime not in REGIMES:
        raise ValueError(f"unknown debtor regime: {terms.regime!r}")
    if terms.mode not in MODES:
        raise ValueError(f"unknown interest mode: {terms.mode!r}")


def _settle(claim: Claim, at_date: date) -> tuple[Decimal, list[tuple[date, Decimal]], Decimal]:
    """Return (base after credits, payments applied in date order, amount still open).

    Credits reduce the base whatever their date; payments dated after ``at_date`` are not
    paid yet; each payment is clamped to what is still open, so nothing goes below zero.
    """
    base = to_decimal(claim.amount)
    payments = []
    for settlement in claim.settlements:
        amount = to_decimal(settlement.amount)
        if amount <= 0:
            continue
        if settlement.credit:
            base -= amount
        elif settlement.date <= at_date:
            payments.append((settlement.date, amount))
    base = max(base, ZERO)
    remaining = base
    applied = []
    for day, amount in sorted(payments, key=lambda item: item[0]):
        if remaining <= 0:
            break
        amount = min(amount, remaining)
        applied.append((day, amount))
        remaining -= amount
    return base, applied, remaining


def start_date(claim: Claim, terms: Terms) -> date | None:
    """The day before interest starts to run (it runs from the next day); None if it never runs.

    None in "none" mode, for a consumer without a formal notice (unless the due date is
    itself a notice, with a contractual rate), and when the opening judgment of insolvency
    comes on or before that day. A consumer notice before the due date counts from the due
    date (nothing runs on a debt not yet due).
    """
    _check(terms)
    return _start_date(claim, terms)


def _start_date(claim: Claim, terms: Terms) -> date | None:
    """:func:`start_date` of terms already checked."""
    if terms.mode == "none":
        return None
    if terms.regime != "consumer":
        start = claim.due_date
    elif constant(terms.consumer_rate) > 0 and terms.consumer_rate_from_due:
        start = claim.due_date
    elif claim.notice_date is None:
        return None
    else:
        start = max(claim.notice_date, claim.due_date)
    if claim.insolvency_date is not None and claim.insolvency_date <= start:
        return None
    return start


def _rate_function(claim: Claim, terms: Terms, rates: Rates) -> Callable[[date], Decimal]:
    """Return ``rate(half_year_first_day)`` (annual %, never negative); looks rates up lazily."""
    if terms.regime == "professional":
        if terms.mode == "fixed":
            fixed = constant(terms.fixed_rate)

            def rate(first_day: date) -> Decimal:
                floor = THREE * to_decimal(rates.legal.require(first_day, "legal"))
                return max(fixed, floor, ZERO)

            return rate
        margin = constant(terms.margin)
        return lambda first_day: max(to_decimal(rates.ecb.require(first_day, "ecb")) + margin, ZERO)
    if terms.regime == "public":
        cache: list[Decimal] = []

        def one_rate(first_day: date) -> Decimal:
            if not cache:
                cache.append(_public_rate(claim.due_date, terms.public_margin, rates.ecb))
            return cache[0]

        return one_rate
    contractual = constant(terms.consumer_rate)
    if contractual > 0:
        return lambda first_day: contractual
    return lambda first_day: max(to_decimal(rates.legal.require(first_day, "legal")), ZERO)


def _public_rate(due_date: date, margin: float, ecb: RateTable) -> Decimal:
    began = half_year_start(due_date + ONE_DAY)
    return max(to_decimal(ecb.require(began, "ecb")) + constant(margin), ZERO)


def public_rate(due_date: date, margin: float, ecb: RateTable) -> float:
    """The one moratorium rate of a public body's invoice due on ``due_date`` (CCP R2192-31):
    the ECB rate in force on the first day of the half-year in which the delay began (the day
    after the due date) plus ``margin`` points, for the whole delay.

    >>> table = RateTable([(date(2024, 6, 12), 4.25), (date(2024, 12, 18), 3.15)])
    >>> public_rate(date(2024, 6, 30), 8.0, table), public_rate(date(2024, 12, 31), 8.0, table)
    (12.25, 11.15)
    """
    return float(_public_rate(due_date, margin, ecb))


def _interest(
    claim: Claim,
    terms: Terms,
    rates: Rates,
    at_date: date,
    base: Decimal,
    applied: list[tuple[date, Decimal]],
    periods: list[Period] | None,
    factors: dict | None = None,
) -> Decimal:
    """Return the exact sum of base x rate x days (to divide by 36500); fill ``periods``.

    With ``factors`` (a cache the caller keeps for one set of rates) and no payment in the
    period, the sum is the balance times the sum of rate x days of the period, exactly (the
    precision holds every product): that sum is computed once per period and terms.
    """
    start = _start_date(claim, terms)
    if start is None or base <= 0:
        return ZERO
    end = at_date
    if claim.insolvency_date is not None and claim.insolvency_date < end:
        end = claim.insolvency_date
    if end <= start:
        return ZERO
    balance, drops = base, []
    if applied:
        balance -= sum((amount for day, amount in applied if day <= start), ZERO)
        # The balance drops the day after each payment (the payment day itself accrues).
        drops = [(day + ONE_DAY, amount) for day, amount in applied if start < day < end]
    ranges = _accruing_ranges(start + ONE_DAY, end, claim.interest_free)
    if factors is not None and periods is None and not drops and not claim.interest_free:
        if balance <= 0:
            return ZERO
        key = (id(rates), terms, claim.due_date, start, end)
        factor = factors.get(key)
        if factor is None:
            # The sum of rate x days: the accrual of a balance of one.
            rate_of = _rate_function(claim, terms, rates)
            factor = factors[key] = _accrue(ranges, ONE, [], rate_of, None)
        return balance * factor
    return _accrue(ranges, balance, drops, _rate_function(claim, terms, rates), periods)


def _accruing_ranges(
    first: date, last: date, free: tuple[tuple[date, date], ...]
) -> list[tuple[date, date]]:
    """``[first, last]`` (both included) less the interest-free windows, in date order.

    >>> d = date
    >>> _accruing_ranges(d(2025, 1, 1), d(2025, 12, 31), ((d(2025, 3, 1), d(2025, 5, 31)),))
    [(datetime.date(2025, 1, 1), datetime.date(2025, 2, 28)), \
(datetime.date(2025, 6, 1), datetime.date(2025, 12, 31))]
    """
    ranges = [(first, last)] if first <= last else []
    for free_from, free_to in sorted(free):
        kept = []
        for range_from, range_to in ranges:
            if free_to < range_from or free_from > range_to:
                kept.append((range_from, range_to))
                continue
            if range_from < free_from:
                kept.append((range_from, free_from - ONE_DAY))
            if free_to < range_to:
                kept.append((free_to + ONE_DAY, range_to))
        ranges = kept
    return ranges


def _accrue(
    ranges: list[tuple[date, date]],
    balance: Decimal,
    drops: list[tuple[date, Decimal]],
    rate_of: Callable[[date], Decimal],
    periods: list[Period] | None,
) -> Decimal:
    """The sum of balance x rate x days over the days of ``ranges`` (date order), the balance
    dropping on each of ``drops`` (day, amount) whether that day accrues or not; fills
    ``periods``."""
    index, total = 0, ZERO
    slices = [part for first, last in ranges for part in split_half_years(first, last)]
    for slice_from, slice_to in slices:
        rate = None
        day = slice_from
        while day <= slice_to:
            while index < len(drops) and drops[index][0] <= day:
                balance -= drops[index][1]
                index += 1
            if balance <= 0:
                return total
            if index < len(drops) and drops[index][0] <= slice_to:
                last = drops[index][0] - ONE_DAY
            else:
                last = slice_to
            if rate is None:
                rate = rate_of(half_year_start(slice_from))
            days = (last - day).days + 1
            value = balance * rate * days
            total += value
            if periods is not None:
                amount = float(value / YEAR_PERCENT)
                periods.append(Period(day, last, days, float(rate), float(balance), amount))
            day = last + ONE_DAY
    return total


def _owes_indemnity(
    claim: Claim,
    terms: Terms,
    at_date: date,
    applied: list[tuple[date, Decimal]],
    remaining: Decimal,
) -> bool:
    if terms.regime == "consumer" or at_date <= claim.due_date:
        return False
    if claim.insolvency_date is not None and claim.due_date >= claim.insolvency_date:
        return False
    return remaining > 0 or any(day > claim.due_date for day, _ in applied)


def owes_indemnity(claim: Claim, terms: Terms, at_date: date) -> bool:
    """Whether the fixed recovery indemnity is owed for this invoice as of ``at_date``.

    Professional and public debtors only, once per invoice paid late: at_date is after the
    due date and something is still open, or some payment (not a credit note) came after
    the due date. Never for an invoice due on or after the opening judgment of insolvency.
    """
    _check(terms)
    _, applied, remaining = _settle(claim, at_date)
    return _owes_indemnity(claim, terms, at_date, applied, remaining)


def compute(
    claim: Claim,
    terms: Terms,
    rates: Rates,
    at_date: date,
    rounding: float = 0.01,
    with_periods: bool = True,
    factors: dict | None = None,
) -> Penalties:
    """Return the late interest and indemnity of ``claim`` as of ``at_date``.

    Interest is rounded once, half-up, to ``rounding``. With ``with_periods`` the periods
    (one per half-year and balance) are returned too; without, ``periods`` is empty and
    none is built. ``factors``: a dict the caller keeps while the rates stay the same, where
    the sums of rate x days of the periods without payment are kept from one claim to the next
    (same result, computed once). Raises :class:`MissingRateError` when a rate the computation
    needs is not known, ValueError on an unknown regime or mode.
    """
    _check(terms)
    with localcontext() as context:
        context.prec = PRECISION
        base, applied, remaining = _settle(claim, at_date)
        periods: list[Period] | None = [] if with_periods else None
        total = _interest(claim, terms, rates, at_date, base, applied, periods, factors)
        interest = max(round_amount(total / YEAR_PERCENT, rounding), ZERO) if total else ZERO
        indemnity = ZERO
        if _owes_indemnity(claim, terms, at_date, applied, remaining):
            indemnity = max(constant(terms.indemnity), ZERO)
    return Penalties(float(interest), float(indemnity), tuple(periods or ()))


def claimable_costs(regime: str, costs: Iterable[tuple[float, bool]], indemnities: float) -> float:
    """The recovery costs claimable beyond the fixed indemnity (C. com. L441-10 II): the costs
    actually incurred and documented (``costs``: (amount, documented) pairs), less the fixed
    indemnities already claimed; never from a consumer (CPCE L111-8). A flat fee is no cost
    incurred: it is not among ``costs``.

    >>> claimable_costs("professional", [(150.0, True), (60.0, False)], 80.0)
    70.0
    >>> claimable_costs("consumer", [(150.0, True)], 0.0), claimable_costs("public", [], 40.0)
    (0.0, 0.0)
    """
    if regime not in REGIMES:
        raise ValueError(f"unknown debtor regime: {regime!r}")
    if regime == "consumer":
        return 0.0
    documented = sum((to_decimal(amount) for amount, proof in costs if proof and amount > 0), ZERO)
    return float(max(documented - to_decimal(indemnities), ZERO))


# Legal payment periods of public buyers, in days from the receipt of the payment request
# (CCP R2192-10 to R2192-12).
PUBLIC_PAYMENT_DAYS = {"administration": 30, "health": 50, "undertaking": 60}


def public_due_date(kind: str | None, contract_days: int, received: date) -> date:
    """The day a public body's payment period ends: ``received`` (the day it received the
    payment request) plus the legal period of its ``kind`` ("administration": State, local
    authorities, 30 days; "health": public health establishments, 50 days; "undertaking":
    public undertakings, 60 days), or the contract's period when shorter. Moratorium interest
    runs from the next day.

    >>> public_due_date("health", 0, date(2025, 3, 3)), public_due_date(None, 20, date(2025, 3, 3))
    (datetime.date(2025, 4, 22), datetime.date(2025, 3, 23))
    """
    days = PUBLIC_PAYMENT_DAYS.get(kind or "administration")
    if days is None:
        raise ValueError(f"unknown kind of public body: {kind!r}")
    if contract_days and 0 < contract_days < days:
        days = contract_days
    return received + timedelta(days=days)
