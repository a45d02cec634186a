"""Late-payment interest (French legal rate by half-year) and fixed recovery indemnity.

Pure standard-library code (no Odoo import). Amounts are accepted as floats, computed with
``decimal.Decimal`` and returned as floats.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from .money import round_amount, to_decimal

MODES = ("none", "legal", "fixed")
DAYS_PER_YEAR = Decimal(365)
HUNDRED = Decimal(100)


@dataclass(frozen=True)
class InterestPeriod:
    """One half-year slice of late days; ``amount`` is unrounded (float of a Decimal)."""

    date_from: date
    date_to: date
    days: int
    rate: float
    amount: float


def half_year_start(day: date) -> date:
    """Return 1 January or 1 July of the half-year containing ``day``."""
    return date(day.year, 1 if day.month <= 6 else 7, 1)


def _next_half_year_start(day: date) -> date:
    """Return the first day of the half-year following the one containing ``day``."""
    return date(day.year, 7, 1) if day.month <= 6 else date(day.year + 1, 1, 1)


def split_half_years(first_day: date, last_day: date) -> list[tuple[date, date]]:
    """Split ``[first_day, last_day]`` (inclusive) at 1 Jan and 1 Jul; [] if last < first."""
    parts: list[tuple[date, date]] = []
    start = first_day
    while start <= last_day:
        end = min(_next_half_year_start(start) - timedelta(days=1), last_day)
        parts.append((start, end))
        start = end + timedelta(days=1)
    return parts


def reference_rate_at(rates: Iterable[tuple[date, float]], day: date) -> float:
    """Return the rate with the latest ``date_from <= day`` (last one wins on ties); else 0.0."""
    best_date: date | None = None
    best_rate = 0.0
    for date_from, rate in rates:
        if date_from <= day and (best_date is None or date_from >= best_date):
            best_date, best_rate = date_from, rate
    return float(best_rate)


class MissingRateError(ValueError):
    """No reference rate of ``rate_type`` ('ecb' or 'legal') is known on ``day``."""

    def __init__(self, rate_type: str, day: date):
        super().__init__(f"no {rate_type} rate known on {day.isoformat()}")
        self.rate_type = rate_type
        self.day = day

    def __reduce__(self):
        return (type(self), (self.rate_type, self.day))


class UnconfirmedRateError(MissingRateError):
    """The rate of ``rate_type`` for the half-year starting on ``day`` is not confirmed: the
    table is confirmed through ``confirmed_through`` only (rows are change dates: a rate that
    did not change adds no row, so only confirmation says a half-year is known)."""

    def __init__(self, rate_type: str, day: date, confirmed_through: date | None = None):
        super().__init__(rate_type, day)
        self.args = (
            f"{rate_type} rate of the half-year from {day.isoformat()} not confirmed "
            f"(confirmed through {confirmed_through})",
        )
        self.confirmed_through = confirmed_through

    def __reduce__(self):
        return (type(self), (self.rate_type, self.day, self.confirmed_through))


class RateTable:
    """Reference rates sorted once and looked up by bisection (thousands of invoices a run).

    Same answers as :func:`reference_rate_at` on the same pairs; iterating gives the pairs.
    ``confirmed_through``: the last day the rates are known to hold (None: no limit);
    :meth:`require` refuses a later day.
    """

    def __init__(self, rates: Iterable[tuple[date, float]], confirmed_through: date | None = None):
        by_date: dict[date, float] = {}
        for date_from, rate in rates:  # the last one wins on ties
            by_date[date_from] = rate
        self._dates = sorted(by_date)
        self._rates = [float(by_date[day]) for day in self._dates]
        self.confirmed_through = confirmed_through

    def __iter__(self):
        return iter(zip(self._dates, self._rates, strict=True))

    def rate_at(self, day: date) -> float:
        """The rate with the latest ``date_from <= day``; 0.0 before the first one."""
        index = bisect_right(self._dates, day)
        return self._rates[index - 1] if index else 0.0

    def require(self, day: date, rate_type: str = "ecb") -> float:
        """The rate in force on ``day`` (a half-year's first day when the rate is that of a
        half-year); raise :class:`MissingRateError` before the first one and
        :class:`UnconfirmedRateError` after the confirmed date.

        >>> table = RateTable([(date(2025, 6, 11), 2.15)], confirmed_through=date(2026, 1, 1))
        >>> table.require(date(2026, 1, 1))
        2.15
        >>> table.require(date(2026, 7, 1))
        Traceback (most recent call last):
        ...
        interest.UnconfirmedRateError: ecb rate of the half-year from 2026-07-01 not confirmed \
(confirmed through 2026-01-01)
        """
        if self.confirmed_through is not None and day > self.confirmed_through:
            raise UnconfirmedRateError(rate_type, day, self.confirmed_through)
        index = bisect_right(self._dates, day)
        if not index:
            raise MissingRateError(rate_type, day)
        return self._rates[index - 1]


def _periods_dec(
    amount: float,
    due_date: date,
    at_date: date,
    mode: str,
    margin: float,
    fixed_rate: float,
    rates: Iterable[tuple[date, float]],
) -> list[tuple[date, date, int, Decimal, Decimal]]:
    """Compute the periods as (from, to, days, annual rate, unrounded amount) Decimals."""
    if mode not in MODES:
        raise ValueError(f"unknown interest mode: {mode!r}")
    principal = to_decimal(amount)
    if mode == "none" or at_date <= due_date or principal <= 0:
        return []
    table = rates if isinstance(rates, RateTable) else RateTable(rates)
    margin_dec, fixed_dec = to_decimal(margin), to_decimal(fixed_rate)
    result = []
    for start, end in split_half_years(due_date + timedelta(days=1), at_date):
        if mode == "legal":
            rate = to_decimal(table.rate_at(half_year_start(start))) + margin_dec
        else:
            rate = fixed_dec
        days = (end - start).days + 1
        value = principal * rate / HUNDRED * Decimal(days) / DAYS_PER_YEAR
        result.append((start, end, days, rate, value))
    return result


def late_interest_periods(
    amount: float,
    due_date: date,
    at_date: date,
    mode: str,
    margin: float = 0.0,
    fixed_rate: float = 0.0,
    rates: Iterable[tuple[date, float]] = (),
) -> list[InterestPeriod]:
    """Return the late-interest periods of ``amount`` due on ``due_date``, as of ``at_date``.

    Late days run from due_date + 1 through at_date inclusive, split at 1 Jan / 1 Jul. Each
    part accrues ``amount * rate / 100 * days / 365`` (always 365), where rate is the
    reference rate in force on the half-year's first day plus ``margin`` ("legal" mode)
    or ``fixed_rate`` ("fixed" mode). Empty when mode is "none", at_date <= due_date or
    amount <= 0. Raises ValueError on an unknown mode.
    """
    return [
        InterestPeriod(start, end, days, float(rate), float(value))
        for start, end, days, rate, value in _periods_dec(
            amount, due_date, at_date, mode, margin, fixed_rate, rates
        )
    ]


def late_interest(
    amount: float,
    due_date: date,
    at_date: date,
    mode: str,
    margin: float = 0.0,
    fixed_rate: float = 0.0,
    rates: Iterable[tuple[date, float]] = (),
    rounding: float = 0.01,
) -> float:
    """Return the total late interest: the unrounded period sum, rounded once half-up."""
    periods = _periods_dec(amount, due_date, at_date, mode, margin, fixed_rate, rates)
    total = sum((value for *_, value in periods), Decimal(0))
    return float(round_amount(total, rounding))


def fixed_indemnity(invoice_count: int, amount_per_invoice: float, is_professional: bool) -> float:
    """Return the fixed recovery indemnity: count x amount for professionals, 0 for consumers."""
    if not is_professional or invoice_count <= 0:
        return 0.0
    return float(Decimal(invoice_count) * to_decimal(amount_per_invoice))
