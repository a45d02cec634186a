"""Tests of debt_recovery.engine.interest (pure Python, no Odoo)."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from odoo.addons.debt_recovery.engine import interest, money


def D(y, m, d):
    """Shorthand for date(y, m, d)."""
    return date(y, m, d)


# ECB main refinancing operations rate history (date_from, rate %), deliberately unsorted.
ECB = [
    (D(2024, 6, 12), 4.25),
    (D(2022, 12, 21), 2.50),
    (D(2023, 2, 8), 3.00),
    (D(2023, 3, 22), 3.50),
    (D(2023, 5, 10), 3.75),
    (D(2023, 6, 21), 4.00),
    (D(2023, 8, 2), 4.25),
    (D(2023, 9, 20), 4.50),
    (D(2024, 9, 18), 3.65),
    (D(2024, 10, 23), 3.40),
    (D(2024, 12, 18), 3.15),
    (D(2025, 2, 5), 2.90),
    (D(2025, 3, 12), 2.65),
    (D(2025, 4, 23), 2.40),
    (D(2025, 6, 11), 2.15),
]


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2024, 1, 1), D(2024, 1, 1)),
        (D(2024, 6, 30), D(2024, 1, 1)),
        (D(2024, 7, 1), D(2024, 7, 1)),
        (D(2024, 12, 31), D(2024, 7, 1)),
    ],
)
def test_half_year_start(day, expected):
    assert interest.half_year_start(day) == expected


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [
        (
            D(2024, 5, 16),
            D(2024, 8, 10),
            [(D(2024, 5, 16), D(2024, 6, 30)), (D(2024, 7, 1), D(2024, 8, 10))],
        ),
        (D(2024, 3, 1), D(2024, 3, 1), [(D(2024, 3, 1), D(2024, 3, 1))]),
        (D(2024, 3, 2), D(2024, 3, 1), []),
        (
            D(2024, 6, 30),
            D(2024, 7, 1),
            [(D(2024, 6, 30), D(2024, 6, 30)), (D(2024, 7, 1), D(2024, 7, 1))],
        ),
        (
            D(2024, 12, 2),
            D(2026, 1, 15),
            [
                (D(2024, 12, 2), D(2024, 12, 31)),
                (D(2025, 1, 1), D(2025, 6, 30)),
                (D(2025, 7, 1), D(2025, 12, 31)),
                (D(2026, 1, 1), D(2026, 1, 15)),
            ],
        ),
    ],
)
def test_split_half_years(first, last, expected):
    assert interest.split_half_years(first, last) == expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2022, 12, 20), 0.0),  # before any rate
        (D(2023, 9, 20), 4.50),  # on a date_from
        (D(2024, 1, 1), 4.50),  # H1 2024
        (D(2024, 7, 1), 4.25),  # H2 2024
        (D(2025, 1, 1), 3.15),  # H1 2025
        (D(2025, 7, 1), 2.15),  # H2 2025
        (D(2026, 1, 1), 2.15),  # H1 2026
    ],
)
def test_reference_rate_at(day, expected):
    assert interest.reference_rate_at(ECB, day) == expected


def test_reference_rate_at_empty():
    assert interest.reference_rate_at([], D(2024, 1, 1)) == 0.0


@given(
    st.lists(st.tuples(st.dates(D(2000, 1, 1), D(2030, 12, 31)), st.floats(-1, 10)), max_size=30),
    st.dates(D(1999, 1, 1), D(2031, 12, 31)),
)
def test_rate_table_matches_reference_rate_at(rates, day):
    """The bisecting table gives the linear scan's answer, ties included (last one wins)."""
    table = interest.RateTable(rates)
    assert table.rate_at(day) == interest.reference_rate_at(rates, day)
    assert list(table) == sorted(dict(rates).items())


def test_rate_table_require():
    table = interest.RateTable(ECB)
    assert table.require(D(2025, 1, 1)) == 3.15
    assert table.require(D(2022, 12, 21), "ecb") == 2.50
    with pytest.raises(interest.MissingRateError) as info:
        table.require(D(2022, 12, 20), "legal")
    assert info.value.rate_type == "legal" and info.value.day == D(2022, 12, 20)
    assert isinstance(info.value, ValueError)
    assert table.rate_at(D(2022, 12, 20)) == 0.0  # unchanged: 0.0 before the first rate


def test_late_interest_same_with_rate_table():
    args = (1000.0, D(2023, 11, 20), D(2025, 8, 31), "legal", 10.0, 0.0)
    assert interest.late_interest_periods(*args, ECB) == interest.late_interest_periods(
        *args, interest.RateTable(ECB)
    )


@pytest.mark.parametrize(
    ("amount", "due", "at", "mode", "kwargs", "expected"),
    [
        # Semester change, legal, margin 10: 2024-05-16..06-30 = 46 d at 14.50 %,
        # 07-01..08-10 = 41 d at 14.25 %:
        # (1000*14.50/100*46 + 1000*14.25/100*41) / 365 = (6670 + 5842.5) / 365 = 34.2808...
        (1000, D(2024, 5, 15), D(2024, 8, 10), "legal", {"margin": 10}, 34.28),
        # Same, rounded to units: 34.28 -> 34
        (1000, D(2024, 5, 15), D(2024, 8, 10), "legal", {"margin": 10, "rounding": 1.0}, 34.0),
        # Leap year, fixed 12 %: 2024-02-16..03-15 = 14 + 15 = 29 d (29 Feb included), /365:
        # 10000*0.12*29/365 = 34800/365 = 95.3424...
        (10000, D(2024, 2, 15), D(2024, 3, 15), "fixed", {"fixed_rate": 12}, 95.34),
        # Same dates in 2023: 28 d -> 33600/365 = 92.0547...
        (10000, D(2023, 2, 15), D(2023, 3, 15), "fixed", {"fixed_rate": 12}, 92.05),
        # Year end, legal: 2024-12-02..12-31 = 30 d at 14.25 %, 2025-01-01..01-31 = 31 d at
        # 13.15 %: (5000*0.1425*30 + 5000*0.1315*31)/365 = (21375 + 20382.5)/365 = 114.404...
        (5000, D(2024, 12, 1), D(2025, 1, 31), "legal", {"margin": 10}, 114.40),
        # Three half-years: 2025-06-02..06-30 = 29 d at 13.15 % (rate on 1 Jan 2025; the
        # 11 June change only counts from 1 July), 184 d at 12.15 %, 15 d at 12.15 %:
        # (2000*0.1315*29 + 2000*0.1215*184 + 2000*0.1215*15)/365
        # = (7627 + 44712 + 3645)/365 = 55984/365 = 153.3808...
        (2000, D(2025, 6, 1), D(2026, 1, 15), "legal", {"margin": 10}, 153.38),
        # Half-up: 5*36.5/100*1/365 = 0.005 exactly -> 0.01
        (5, D(2024, 1, 1), D(2024, 1, 2), "fixed", {"fixed_rate": 36.5}, 0.01),
        # Half-up to 0.05: 25*36.5/100/365 = 0.025 -> 0.05
        (25, D(2024, 1, 1), D(2024, 1, 2), "fixed", {"fixed_rate": 36.5, "rounding": 0.05}, 0.05),
        # Nothing due
        (1000, D(2024, 5, 15), D(2024, 8, 10), "none", {"margin": 10}, 0.0),
        (1000, D(2024, 5, 15), D(2024, 5, 15), "legal", {"margin": 10}, 0.0),
        (1000, D(2024, 5, 15), D(2024, 5, 1), "fixed", {"fixed_rate": 10}, 0.0),
        (0, D(2024, 5, 15), D(2024, 8, 10), "fixed", {"fixed_rate": 10}, 0.0),
        (-50, D(2024, 5, 15), D(2024, 8, 10), "fixed", {"fixed_rate": 10}, 0.0),
    ],
)
def test_late_interest(amount, due, at, mode, kwargs, expected):
    assert interest.late_interest(amount, due, at, mode, rates=ECB, **kwargs) == expected


def test_late_interest_periods_detail():
    periods = interest.late_interest_periods(
        1000, D(2024, 5, 15), D(2024, 8, 10), "legal", margin=10, rates=ECB
    )
    assert [(p.date_from, p.date_to, p.days, p.rate) for p in periods] == [
        (D(2024, 5, 16), D(2024, 6, 30), 46, 14.5),
        (D(2024, 7, 1), D(2024, 8, 10), 41, 14.25),
    ]
    assert periods[0].amount == pytest.approx(6670 / 365)
    assert periods[1].amount == pytest.approx(5842.5 / 365)


def test_late_interest_periods_empty_and_unknown_mode():
    assert interest.late_interest_periods(1000, D(2024, 1, 1), D(2024, 2, 1), "none") == []
    with pytest.raises(ValueError):
        interest.late_interest(1000, D(2024, 1, 1), D(2024, 2, 1), "usury")


@pytest.mark.parametrize(
    ("amount", "rounding", "expected"),
    [
        (2.675, 0.01, 2.68),  # builtin round() gives 2.67
        (2.674, 0.01, 2.67),
        (-2.675, 0.01, -2.68),  # half away from zero
        (333.5, 1.0, 334.0),
        (1.0005, 0.001, 1.001),
        (0.125, 0.05, 0.15),
        (0.124, 0.05, 0.1),
        (12.345, 0, 12.345),  # no rounding
    ],
)
def test_round_to(amount, rounding, expected):
    assert money.round_to(amount, rounding) == expected


@pytest.mark.parametrize(
    ("count", "amount", "professional", "expected"),
    [(3, 40, True, 120.0), (3, 40, False, 0.0), (0, 40, True, 0.0), (1, 40.5, True, 40.5)],
)
def test_fixed_indemnity(count, amount, professional, expected):
    assert interest.fixed_indemnity(count, amount, professional) == expected


amounts = st.decimals(min_value="0.01", max_value="1000000", places=2).map(float)
dates = st.dates(min_value=D(2022, 1, 1), max_value=D(2027, 12, 31))
modes = st.sampled_from(["legal", "fixed"])
rate_values = st.decimals(min_value="0", max_value="30", places=2).map(float)
roundings = st.sampled_from([0.01, 1.0, 0.001, 0.05])


@given(amounts, dates, st.integers(1, 1500), modes, rate_values, roundings)
def test_late_interest_properties(amount, due, late_days, mode, rate, rounding):
    at = due + timedelta(days=late_days)
    kwargs = {"margin": rate, "fixed_rate": rate, "rates": ECB}
    periods = interest.late_interest_periods(amount, due, at, mode, **kwargs)
    total = interest.late_interest(amount, due, at, mode, rounding=rounding, **kwargs)
    assert sum(p.days for p in periods) == (at - due).days
    assert periods[0].date_from == due + timedelta(days=1) and periods[-1].date_to == at
    for prev, cur in zip(periods, periods[1:], strict=False):
        assert cur.date_from == prev.date_to + timedelta(days=1)
    for p in periods:
        assert interest.half_year_start(p.date_from) == interest.half_year_start(p.date_to)
        assert p.days == (p.date_to - p.date_from).days + 1
    unrounded = sum((Decimal(str(p.amount)) for p in periods), Decimal(0))
    assert total == money.round_to(float(unrounded), rounding)
    assert total >= 0


@given(amounts, dates, st.integers(0, 800), st.integers(0, 200), modes, rate_values)
def test_late_interest_monotone_in_at_date(amount, due, days1, extra, mode, rate):
    at1 = due + timedelta(days=days1)
    at2 = at1 + timedelta(days=extra)
    kwargs = {"margin": rate, "fixed_rate": rate, "rates": ECB}
    assert interest.late_interest(amount, due, at1, mode, **kwargs) <= interest.late_interest(
        amount, due, at2, mode, **kwargs
    )


@given(dates, st.integers(-5, 800))
def test_split_half_years_covers_range(first, length):
    last = first + timedelta(days=length)
    parts = interest.split_half_years(first, last)
    if length < 0:
        assert parts == []
        return
    assert parts[0][0] == first and parts[-1][1] == last
    assert sum((b - a).days + 1 for a, b in parts) == length + 1
    for a, _ in parts[1:]:
        assert a in (date(a.year, 1, 1), date(a.year, 7, 1))
