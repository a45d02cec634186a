"""Payment plans: instalment schedules, payment allocation and line/plan states.

Pure standard-library code (no Odoo import). Amounts are accepted as floats, computed with
``decimal.Decimal`` and returned as floats rounded to the currency ``rounding``.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_FLOOR, Decimal

from .money import rounding_step, to_decimal, to_multiple

FREQUENCIES = ("weekly", "biweekly", "monthly", "quarterly")
LINE_STATES = ("paid", "partial", "pending", "late", "missed")
# Severity of a line state (higher is worse); "partial" and "pending" are equally severe.
STATE_SEVERITY = {"paid": 0, "partial": 1, "pending": 1, "late": 2, "missed": 3}
PLAN_OUTCOMES = ("active", "done", "broken")


class ScheduleError(ValueError):
    """Invalid schedule parameters, identified by a machine-readable ``code``.

    Codes: "count", "amount", "down_payment", "first_due_date", "frequency".
    """

    def __init__(self, code: str, message: str | None = None):
        """Store the machine-readable ``code`` (the Odoo layer translates it)."""
        super().__init__(message or code)
        self.code = code


def add_months(day: date, months: int) -> date:
    """Add ``months`` calendar months, clamping to the month end (31 Jan + 1 -> 28/29 Feb)."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def months_between(start: date, end: date) -> int:
    """Return the whole calendar months from ``start`` to ``end`` (``end`` >= ``start``).

    The largest m with add_months(start, m) <= end, so month ends count as in the schedules:
    31 Jan -> 29 Feb 2024 is one month, 15 Jan -> 14 Feb is none. Raises ValueError if
    ``end`` is before ``start``.
    """
    if end < start:
        raise ValueError("end is before start")
    months = (end.year - start.year) * 12 + end.month - start.month
    if add_months(start, months) > end:
        months -= 1
    return months


def span_months(dates: Iterable[date]) -> int:
    """Return the months from the earliest to the latest of ``dates``, a started month counting.

    The smallest m with add_months(first, m) >= last: 15 Jan -> 15 Mar is 2 months, 15 Jan ->
    16 Mar is 3; 0 for no date or a single one.
    """
    dates = list(dates)
    if not dates:
        return 0
    first, last = min(dates), max(dates)
    months = months_between(first, last)
    if add_months(first, months) < last:
        months += 1
    return months


def due_dates(first_due_date: date, count: int, frequency: str) -> list[date]:
    """Return ``count`` due dates anchored on ``first_due_date`` (k = 0..count-1).

    weekly: +7k days, biweekly: +14k days, monthly: +k months, quarterly: +3k months (month
    steps are counted from the first date, not chained). Raises ScheduleError("frequency").
    """
    if frequency not in FREQUENCIES:
        raise ScheduleError("frequency", f"unknown frequency: {frequency!r}")
    result = []
    for k in range(max(count, 0)):
        if frequency == "weekly":
            result.append(first_due_date + timedelta(days=7 * k))
        elif frequency == "biweekly":
            result.append(first_due_date + timedelta(days=14 * k))
        elif frequency == "monthly":
            result.append(add_months(first_due_date, k))
        else:
            result.append(add_months(first_due_date, 3 * k))
    return result


@dataclass(frozen=True)
class ScheduleLine:
    """One line of a payment plan (the optional down payment comes first)."""

    sequence: int
    due_date: date
    amount: float
    is_down_payment: bool


def build_schedule(
    amount_total: float,
    down_payment: float,
    count: int,
    frequency: str,
    date_start: date,
    first_due_date: date,
    rounding: float = 0.01,
) -> list[ScheduleLine]:
    """Build the plan lines: optional down payment (due ``date_start``) + ``count`` instalments.

    Totals are first rounded half-up to ``rounding``. base = amount_total - down_payment;
    each instalment is base / count rounded DOWN to ``rounding``, the last takes the
    remainder so the instalments sum exactly to base. Raises ScheduleError with code
    "count" (count < 1 or an instalment rounding to 0), "frequency", "amount"
    (amount_total <= 0), "down_payment" (< 0 or >= amount_total) or "first_due_date"
    (before date_start).
    """
    step = rounding_step(rounding)
    if count < 1:
        raise ScheduleError("count", "count must be >= 1")
    if frequency not in FREQUENCIES:
        raise ScheduleError("frequency", f"unknown frequency: {frequency!r}")
    total = to_multiple(to_decimal(amount_total), step)
    down = to_multiple(to_decimal(down_payment), step)
    if total <= 0:
        raise ScheduleError("amount", "amount_total must be > 0")
    if down < 0 or down >= total:
        raise ScheduleError("down_payment", "down payment must be >= 0 and < amount_total")
    if first_due_date < date_start:
        raise ScheduleError("first_due_date", "first due date is before the start date")
    base = total - down
    instalment = to_multiple(base / Decimal(count), step, ROUND_FLOOR)
    if instalment <= 0:
        raise ScheduleError("count", "too many instalments for the amount")
    amounts = [instalment] * (count - 1) + [base - instalment * (count - 1)]
    lines: list[ScheduleLine] = []
    if down > 0:
        lines.append(ScheduleLine(1, date_start, float(down), True))
    for day, value in zip(due_dates(first_due_date, count, frequency), amounts, strict=True):
        lines.append(ScheduleLine(len(lines) + 1, day, float(value), False))
    return lines


def allocate(amounts: Iterable[float], paid: float, rounding: float = 0.01) -> list[float]:
    """Allocate ``paid`` to the lines in order; return each line's amount paid.

    Each line gets min(its amount, what is left); negative paid/amounts count as 0.
    Results are rounded to ``rounding`` and sum to min(paid, total).
    """
    step = rounding_step(rounding)
    left = max(to_multiple(to_decimal(paid), step), Decimal(0))
    result = []
    for amount in amounts:
        share = min(max(to_multiple(to_decimal(amount), step), Decimal(0)), left)
        left -= share
        result.append(float(share))
    return result


def line_state(
    amount: float,
    amount_paid: float,
    due_date: date,
    tolerance_days: int,
    today: date,
    rounding: float = 0.01,
) -> str:
    """Return the state of a line as of ``today``.

    "paid" when amount_paid >= amount (within rounding/2); otherwise "partial" (something
    paid) or "pending" while today <= due_date, "late" while today <= due_date +
    tolerance_days (negative tolerance counts as 0), "missed" after.
    """
    step = rounding_step(rounding)
    paid = to_decimal(amount_paid)
    if paid >= to_decimal(amount) - step / 2:
        return "paid"
    if today <= due_date:
        return "partial" if to_multiple(paid, step) > 0 else "pending"
    if today <= due_date + timedelta(days=max(tolerance_days, 0)):
        return "late"
    return "missed"


def plan_outcome(states: Iterable[str], max_missed: int) -> str:
    """Return "done" if all lines are paid, "broken" if missed lines >= max_missed, else "active".

    ``max_missed`` below 1 counts as 1; an empty plan is "active".
    """
    states = list(states)
    if states and all(state == "paid" for state in states):
        return "done"
    if sum(1 for state in states if state == "missed") >= max(max_missed, 1):
        return "broken"
    return "active"


def amount_paid_on_plan(amount_total: float, current_residual: float) -> float:
    """Return what was paid on the plan: max(0, min(amount_total, amount_total - residual))."""
    total = to_decimal(amount_total)
    return float(max(Decimal(0), min(total, total - to_decimal(current_residual))))
