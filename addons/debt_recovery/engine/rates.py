"""Reference rates kept current: the ECB's published key rates and the half-years that are
known (pure Python, no Odoo).

- :func:`parse_ecb_csv`: the observations of a series of the ECB data API answered as CSV
  (``format=csvdata``): (date, rate) pairs, in date order.
- :func:`new_rate_rows`: which observations change the rate in force (rows of the rate table
  are change dates: an unchanged rate adds none).
- :func:`half_year_reminder`: the half-year whose legal interest rate is published that month
  (by arrêté, in June for the second half-year and in December for the next first one).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import date

__all__ = ["half_year_reminder", "new_rate_rows", "parse_ecb_csv"]


def parse_ecb_csv(text: str) -> list[tuple[date, float]]:
    """(date, rate) pairs of an ECB data API CSV answer (columns TIME_PERIOD, OBS_VALUE).

    Rows without a value are skipped. Raises ValueError when the columns are missing.

    >>> parse_ecb_csv("KEY,TIME_PERIOD,OBS_VALUE\\nFM.B,2025-06-11,2.15\\nFM.B,2025-04-23,2.4\\n")
    [(datetime.date(2025, 4, 23), 2.4), (datetime.date(2025, 6, 11), 2.15)]
    """
    reader = csv.DictReader(io.StringIO(text))
    fields = reader.fieldnames or []
    if "TIME_PERIOD" not in fields or "OBS_VALUE" not in fields:
        raise ValueError("not an ECB data API CSV answer (TIME_PERIOD, OBS_VALUE expected)")
    result = []
    for row in reader:
        value = (row.get("OBS_VALUE") or "").strip()
        if not value:
            continue
        result.append((date.fromisoformat(row["TIME_PERIOD"].strip()[:10]), float(value)))
    return sorted(result)


def new_rate_rows(
    known: Iterable[tuple[date, float]], observations: Iterable[tuple[date, float]]
) -> list[tuple[date, float]]:
    """The observations to add to the table ``known``: those whose rate differs from the rate
    in force the day before (observations on a known date are left to what is known).

    >>> d = date
    >>> new_rate_rows([(d(2025, 6, 11), 2.15)], [(d(2025, 6, 11), 2.15), (d(2025, 9, 1), 2.15),
    ...                                          (d(2026, 2, 4), 2.0)])
    [(datetime.date(2026, 2, 4), 2.0)]
    """
    table = dict(known)
    added = []
    for day, rate in sorted(observations):
        if day in table:
            continue
        before = [table[known_day] for known_day in sorted(table) if known_day < day]
        if before and abs(before[-1] - rate) < 1e-9:
            continue
        table[day] = rate
        added.append((day, rate))
    return added


def half_year_reminder(today: date) -> date | None:
    """The first day of the half-year whose legal interest rate is to be entered in the
    month of ``today``: 1 July in June, 1 January of the next year in December, else None.

    >>> half_year_reminder(date(2026, 6, 2)), half_year_reminder(date(2026, 12, 15))
    (datetime.date(2026, 7, 1), datetime.date(2027, 1, 1))
    >>> half_year_reminder(date(2026, 3, 1)) is None
    True
    """
    if today.month == 6:
        return date(today.year, 7, 1)
    if today.month == 12:
        return date(today.year + 1, 1, 1)
    return None
