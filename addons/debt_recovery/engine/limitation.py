"""Limitation periods (prescription) of a claim, by debtor regime (France).

Pure standard-library code (no Odoo import).

- professional: 5 years from the due date (C. com. L110-4);
- consumer: 2 years from the completion of the service or the delivery (C. conso L218-2;
  Cass. 1re civ. 19 May 2021, 20-12.520): the delivery date where entered, else the invoice
  date, else the due date;
- public body: 4 years from 1 January after the year the right was acquired, the year the
  service was done (loi 68-1250 art. 1): the delivery date, else the invoice date, else the
  due date; that is 31 December of the fourth year after that year. A written claim
  interrupts it and four new years run from 1 January after the year of the claim (art. 2).

An acknowledgement of the debt (a payment, a signed plan, a written promise) starts a new
period (C. civ. 2240); a written claim, a formal notice included, does so only against a
public body. Nothing revives an expired claim. Mediation suspends the period and, when it
ends, at least six months run again (C. civ. 2238 al. 2).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from .penalties import REGIMES
from .schedule import add_months

__all__ = ["add_years", "limitation_date", "starts_too_late", "suspended_end"]

# On the same day an acknowledgement or a claim is taken before a suspension.
_RESTART, _SUSPEND = 0, 1


def add_years(day: date, years: int) -> date:
    """Return ``day`` moved by ``years`` years; 29 February becomes 28 February if needed."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a non-leap year
        return day.replace(year=day.year + years, day=28)


def _period_end(regime: str, day: date) -> date:
    """The last day of a period that starts to run on ``day``."""
    if regime == "professional":
        return add_years(day, 5)
    if regime == "consumer":
        return add_years(day, 2)
    return date(day.year + 4, 12, 31)


def _first_day(
    regime: str, due_date: date, invoice_date: date | None, delivery_date: date | None
) -> date:
    """The day the first period starts from, by regime."""
    if regime == "consumer":
        return delivery_date or invoice_date or due_date
    if regime == "public":
        return delivery_date or invoice_date or due_date
    return due_date


def starts_too_late(start: date, until: date) -> bool:
    """Whether a period starting on ``start`` surely ends after ``until``, whatever the regime:
    the shortest period (a consumer's) is two years. A cheap test before the exact date."""
    return start > add_years(until, -2)


def limitation_date(
    regime: str,
    due_date: date,
    invoice_date: date | None = None,
    acknowledgements: Iterable[date] = (),
    written_claims: Iterable[date] = (),
    suspensions: Iterable[tuple[date, date]] = (),
    delivery_date: date | None = None,
) -> date:
    """Return the last day on which the claim can still be brought, after the events given.

    ``delivery_date``: the day the service was done or the goods delivered (a consumer's
    period counts from it, a public body's from its year).

    Events are taken in date order. An acknowledgement (or, against a public body, a written
    claim) dated on or before the current limitation date restarts the period from its date
    when that gives a later date; one dated after it revives nothing. A suspension
    ``(start, end)`` (both days included) that starts on or before the current limitation
    date pushes it to the later of (that date + its length in days) and (its end + six
    months); one that starts after it revives nothing. Raises ValueError on an unknown regime or a
    suspension that ends before it starts.
    """
    if regime not in REGIMES:
        raise ValueError(f"unknown debtor regime: {regime!r}")
    first = _first_day(regime, due_date, invoice_date, delivery_date)
    current = _period_end(regime, first)
    events: list[tuple[date, int, date]] = [(day, _RESTART, day) for day in acknowledgements]
    if regime == "public":
        events += [(day, _RESTART, day) for day in written_claims]
    for start, end in suspensions:
        if end < start:
            raise ValueError(f"suspension ends before it starts: {start} .. {end}")
        events.append((start, _SUSPEND, end))
    for day, kind, end in sorted(events):
        if day > current:
            continue
        if kind == _RESTART:
            current = max(current, _period_end(regime, day))
        else:
            current = suspended_end(current, day, end)
    return current


def suspended_end(current: date, start: date, end: date) -> date:
    """The limitation date after a mediation from ``start`` to ``end`` (both days included)
    begun while the claim was not time-barred (``start`` on or before ``current``): the
    later of the old date pushed by the mediation's length and six months after its end
    (C. civ. 2238 al. 2).

    >>> suspended_end(date(2025, 3, 10), date(2025, 3, 10), date(2025, 3, 10))
    datetime.date(2025, 9, 10)
    >>> suspended_end(date(2025, 3, 10), date(2024, 1, 10), date(2024, 3, 9))
    datetime.date(2025, 5, 9)
    """
    return max(current + timedelta(days=(end - start).days + 1), add_months(end, 6))
