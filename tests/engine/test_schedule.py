"""Tests of debt_recovery.engine.schedule (pure Python, no Odoo)."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from odoo.addons.debt_recovery.engine import schedule
from odoo.addons.debt_recovery.engine.schedule import ScheduleError, ScheduleLine


def D(y, m, d):
    """Shorthand for date(y, m, d)."""
    return date(y, m, d)


def dec(value):
    """Exact Decimal of a float's shortest repr."""
    return Decimal(str(value))


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2024, 1, 31), 1, D(2024, 2, 29)),  # leap year
        (D(2023, 1, 31), 1, D(2023, 2, 28)),
        (D(2024, 1, 31), 3, D(2024, 4, 30)),
        (D(2024, 2, 29), 12, D(2025, 2, 28)),
        (D(2024, 2, 29), 48, D(2028, 2, 29)),
        (D(2024, 11, 15), 3, D(2025, 2, 15)),  # year change
        (D(2024, 3, 31), -1, D(2024, 2, 29)),
        (D(2024, 1, 15), -1, D(2023, 12, 15)),
        (D(2024, 12, 31), 0, D(2024, 12, 31)),
    ],
)
def test_add_months(day, months, expected):
    assert schedule.add_months(day, months) == expected


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (D(2024, 1, 15), D(2024, 1, 15), 0),
        (D(2024, 1, 15), D(2024, 2, 14), 0),
        (D(2024, 1, 15), D(2024, 2, 15), 1),
        (D(2024, 1, 31), D(2024, 2, 29), 1),  # month end, leap year
        (D(2023, 1, 31), D(2023, 2, 28), 1),  # month end
        (D(2023, 1, 30), D(2023, 2, 28), 1),
        (D(2024, 1, 31), D(2024, 2, 28), 0),  # 29 Feb exists in 2024
        (D(2024, 2, 29), D(2025, 2, 28), 12),  # from 29 Feb to a non-leap year
        (D(2024, 2, 29), D(2025, 2, 27), 11),
        (D(2024, 2, 29), D(2028, 2, 29), 48),
        (D(2024, 3, 31), D(2024, 4, 30), 1),
        (D(2024, 11, 30), D(2025, 2, 28), 3),  # year change
        (D(2024, 12, 31), D(2026, 12, 30), 23),
    ],
)
def test_months_between(start, end, expected):
    assert schedule.months_between(start, end) == expected


def test_months_between_refuses_reversed_dates():
    with pytest.raises(ValueError):
        schedule.months_between(D(2024, 2, 1), D(2024, 1, 31))


@pytest.mark.parametrize(
    ("dates", "expected"),
    [
        ([], 0),
        ([D(2024, 5, 1)], 0),
        ([D(2024, 1, 15), D(2024, 3, 15)], 2),
        ([D(2024, 1, 15), D(2024, 3, 16)], 3),  # a started month counts
        ([D(2024, 3, 16), D(2024, 1, 15), D(2024, 2, 1)], 3),  # order does not matter
        ([D(2024, 1, 31), D(2024, 2, 29)], 1),  # month end, leap year
        ([D(2023, 1, 31), D(2023, 3, 1)], 2),
        ([D(2024, 2, 29), D(2026, 2, 28)], 24),
        ([D(2024, 2, 29), D(2026, 3, 1)], 25),
        ([D(2024, 1, 1), D(2024, 1, 8)], 1),  # weekly: a few days make a started month
    ],
)
def test_span_months(dates, expected):
    assert schedule.span_months(dates) == expected


@pytest.mark.parametrize(
    ("first", "count", "frequency", "expected"),
    [
        ("2024-01-31", 25, "monthly", 24),
        ("2024-02-29", 25, "monthly", 24),
        ("2024-01-31", 9, "quarterly", 24),
        ("2024-01-01", 105, "weekly", 24),  # last instalment 29 Dec 2025
        ("2024-01-01", 106, "weekly", 25),
        ("2024-12-20", 1, "monthly", 0),
    ],
)
def test_span_months_of_schedules(first, count, frequency, expected):
    dates = schedule.due_dates(date.fromisoformat(first), count, frequency)
    assert schedule.span_months(dates) == expected


@given(
    start=st.dates(date(2000, 1, 1), date(2100, 12, 31)),
    months=st.integers(0, 600),
)
def test_months_between_inverts_add_months(start, months):
    end = schedule.add_months(start, months)
    assert schedule.months_between(start, end) == months
    assert schedule.span_months([start, end]) == months
    assert schedule.span_months([start, end + timedelta(days=1)]) == months + 1


@pytest.mark.parametrize(
    ("first", "count", "frequency", "expected"),
    [
        # anchored on the 31st, not chained through 29 Feb
        ("2024-01-31", 4, "monthly", ["2024-01-31", "2024-02-29", "2024-03-31", "2024-04-30"]),
        ("2024-01-31", 4, "quarterly", ["2024-01-31", "2024-04-30", "2024-07-31", "2024-10-31"]),
        ("2024-11-30", 3, "quarterly", ["2024-11-30", "2025-02-28", "2025-05-30"]),
        ("2024-02-26", 3, "weekly", ["2024-02-26", "2024-03-04", "2024-03-11"]),
        ("2024-02-22", 3, "biweekly", ["2024-02-22", "2024-03-07", "2024-03-21"]),
        ("2024-12-20", 2, "monthly", ["2024-12-20", "2025-01-20"]),
        ("2024-12-20", 0, "monthly", []),
    ],
)
def test_due_dates(first, count, frequency, expected):
    got = schedule.due_dates(date.fromisoformat(first), count, frequency)
    assert got == [date.fromisoformat(d) for d in expected]


def test_due_dates_leap_year_monthly():
    dates = schedule.due_dates(D(2024, 2, 29), 13, "monthly")
    assert dates[1] == D(2024, 3, 29) and dates[-1] == D(2025, 2, 28)


def test_due_dates_unknown_frequency():
    with pytest.raises(ScheduleError) as err:
        schedule.due_dates(D(2024, 1, 1), 3, "daily")
    assert err.value.code == "frequency"


def _lines(*specs):
    """Build expected lines from (iso date, amount, is_down_payment) tuples."""
    return [
        ScheduleLine(k, date.fromisoformat(d), amount, dp)
        for k, (d, amount, dp) in enumerate(specs, 1)
    ]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            (1000, 0, 3, "monthly", D(2024, 1, 10), D(2024, 1, 31)),
            _lines(
                ("2024-01-31", 333.33, False),
                ("2024-02-29", 333.33, False),
                ("2024-03-31", 333.34, False),
            ),
        ),
        # 0-decimal currency (JPY): 1000 / 3 -> 333, 333, 334
        (
            (1000, 0, 3, "weekly", D(2024, 1, 1), D(2024, 1, 1), 1.0),
            _lines(
                ("2024-01-01", 333.0, False),
                ("2024-01-08", 333.0, False),
                ("2024-01-15", 334.0, False),
            ),
        ),
        # down payment first, on date_start
        (
            (1200, 200, 4, "quarterly", D(2024, 1, 1), D(2024, 1, 31)),
            _lines(
                ("2024-01-01", 200.0, True),
                ("2024-01-31", 250.0, False),
                ("2024-04-30", 250.0, False),
                ("2024-07-31", 250.0, False),
                ("2024-10-31", 250.0, False),
            ),
        ),
        # cash rounding 0.05: 10 / 3 = 3.333 -> 3.30, 3.30, 3.40
        (
            (10, 0, 3, "biweekly", D(2024, 1, 1), D(2024, 1, 5), 0.05),
            _lines(
                ("2024-01-05", 3.3, False), ("2024-01-19", 3.3, False), ("2024-02-02", 3.4, False)
            ),
        ),
        # down payment rounding the base: 100.10 - 0.10 = 100 in 1 instalment
        (
            (100.1, 0.1, 1, "monthly", D(2024, 1, 1), D(2024, 2, 1)),
            _lines(("2024-01-01", 0.1, True), ("2024-02-01", 100.0, False)),
        ),
    ],
)
def test_build_schedule(args, expected):
    assert schedule.build_schedule(*args) == expected


@pytest.mark.parametrize(
    ("args", "code"),
    [
        ((1000, 0, 0, "monthly", D(2024, 1, 1), D(2024, 2, 1)), "count"),
        ((1000, 0, -2, "monthly", D(2024, 1, 1), D(2024, 2, 1)), "count"),
        ((0, 0, 3, "monthly", D(2024, 1, 1), D(2024, 2, 1)), "amount"),
        ((-10, 0, 3, "monthly", D(2024, 1, 1), D(2024, 2, 1)), "amount"),
        ((1000, -1, 3, "monthly", D(2024, 1, 1), D(2024, 2, 1)), "down_payment"),
        ((1000, 1000, 3, "monthly", D(2024, 1, 1), D(2024, 2, 1)), "down_payment"),
        ((1000, 1500, 3, "monthly", D(2024, 1, 1), D(2024, 2, 1)), "down_payment"),
        ((1000, 0, 3, "monthly", D(2024, 2, 1), D(2024, 1, 31)), "first_due_date"),
        ((1000, 0, 3, "daily", D(2024, 1, 1), D(2024, 2, 1)), "frequency"),
        # 5 / 1000 = 0.005 rounds down to 0.00
        ((5, 0, 1000, "weekly", D(2024, 1, 1), D(2024, 2, 1)), "count"),
        # JPY 2 / 3 -> 0
        ((2, 0, 3, "weekly", D(2024, 1, 1), D(2024, 2, 1), 1.0), "count"),
    ],
)
def test_build_schedule_errors(args, code):
    with pytest.raises(ScheduleError) as err:
        schedule.build_schedule(*args)
    assert err.value.code == code
    assert isinstance(err.value, ValueError)


roundings = st.sampled_from([0.01, 1.0, 0.05, 0.001])
start_dates = st.dates(min_value=D(2020, 1, 1), max_value=D(2030, 12, 31))


@given(
    st.decimals(min_value="1", max_value="1000000", places=2),
    st.decimals(min_value="0", max_value="1", places=2),
    st.integers(1, 60),
    st.sampled_from(schedule.FREQUENCIES),
    start_dates,
    st.integers(0, 60),
    roundings,
)
def test_build_schedule_properties(total, dp_ratio, count, frequency, start, lag, rounding):
    step = dec(rounding)
    total_r = (total / step).quantize(Decimal(1), rounding="ROUND_HALF_UP") * step
    down_r = (total_r * dp_ratio * Decimal("0.9") / step).quantize(Decimal(1), "ROUND_FLOOR") * step
    assume(total_r > 0)
    first = start + timedelta(days=lag)
    base = total_r - down_r
    if (base / count / step).to_integral_value(rounding="ROUND_FLOOR") == 0:
        with pytest.raises(ScheduleError) as err:
            schedule.build_schedule(
                float(total_r), float(down_r), count, frequency, start, first, rounding
            )
        assert err.value.code == "count"
        return
    lines = schedule.build_schedule(
        float(total_r), float(down_r), count, frequency, start, first, rounding
    )
    assert [line.sequence for line in lines] == list(range(1, len(lines) + 1))
    dps = [line for line in lines if line.is_down_payment]
    inst = [line for line in lines if not line.is_down_payment]
    assert len(inst) == count
    assert len(dps) == (1 if down_r > 0 else 0)
    if dps:
        assert lines[0] is dps[0] and dps[0].due_date == start and dec(dps[0].amount) == down_r
    assert sum(dec(line.amount) for line in inst) == base
    assert sum(dec(line.amount) for line in lines) == total_r
    for line in inst:
        assert line.amount > 0
        assert dec(line.amount) % step == 0
    assert all(line.amount == inst[0].amount for line in inst[:-1])
    assert 0 <= dec(inst[-1].amount) - dec(inst[0].amount) < step * count
    dates = [line.due_date for line in inst]
    assert dates[0] == first
    assert all(a < b for a, b in zip(dates, dates[1:], strict=False))
    assert all(line.due_date >= start for line in lines)


@pytest.mark.parametrize(
    ("amounts", "paid", "rounding", "expected"),
    [
        ([100, 100, 100], 150, 0.01, [100, 50, 0]),
        ([100, 100, 100], 0, 0.01, [0, 0, 0]),
        ([100, 100, 100], -10, 0.01, [0, 0, 0]),
        ([100, 100, 100], 400, 0.01, [100, 100, 100]),
        ([333.33, 333.33, 333.34], 666.67, 0.01, [333.33, 333.33, 0.01]),
        ([333, 333, 334], 500.4, 1.0, [333, 167, 0]),
        ([], 50, 0.01, []),
    ],
)
def test_allocate(amounts, paid, rounding, expected):
    assert schedule.allocate(amounts, paid, rounding) == expected


@given(
    st.lists(st.decimals(min_value="0.01", max_value="100000", places=2), max_size=12),
    st.decimals(min_value="-100", max_value="1000000", places=2),
)
def test_allocate_properties(amounts, paid):
    shares = schedule.allocate([float(a) for a in amounts], float(paid))
    assert len(shares) == len(amounts)
    for share, amount in zip(shares, amounts, strict=True):
        assert 0 <= dec(share) <= amount
    assert sum((dec(s) for s in shares), Decimal(0)) == max(Decimal(0), min(paid, sum(amounts)))
    # filled in order: after a line that is not fully paid, nothing more is paid
    for k, (share, amount) in enumerate(zip(shares, amounts, strict=True)):
        if dec(share) < amount:
            assert all(s == 0 for s in shares[k + 1 :])
            break


DUE = D(2024, 3, 10)


@pytest.mark.parametrize(
    ("amount", "paid", "tolerance", "today", "expected"),
    [
        (100, 100, 5, D(2024, 4, 30), "paid"),
        (100, 120, 5, D(2024, 4, 30), "paid"),
        (100, 99.996, 5, D(2024, 4, 30), "paid"),  # within rounding / 2
        (100, 99.99, 5, D(2024, 3, 1), "partial"),
        (100, 0, 5, D(2024, 3, 1), "pending"),
        (100, 0, 5, DUE, "pending"),  # the due date itself
        (100, 40, 5, DUE, "partial"),
        (100, 0, 5, DUE + timedelta(1), "late"),
        (100, 40, 5, DUE + timedelta(5), "late"),  # due + tolerance
        (100, 40, 5, DUE + timedelta(6), "missed"),  # due + tolerance + 1
        (100, 0, 0, DUE + timedelta(1), "missed"),
        (100, 0, -3, DUE + timedelta(1), "missed"),  # negative tolerance = 0
    ],
)
def test_line_state(amount, paid, tolerance, today, expected):
    assert schedule.line_state(amount, paid, DUE, tolerance, today) == expected


def test_line_state_zero_decimals():
    assert schedule.line_state(334, 333.6, DUE, 0, DUE, rounding=1.0) == "paid"
    assert schedule.line_state(334, 333.4, DUE, 0, DUE, rounding=1.0) == "partial"


@given(
    st.decimals(min_value="0.01", max_value="10000", places=2),
    st.decimals(min_value="0", max_value="20000", places=2),
    st.decimals(min_value="0", max_value="20000", places=2),
    st.integers(-10, 40),
    st.integers(0, 15),
)
def test_line_state_monotone(amount, paid1, paid2, offset, tolerance):
    low, high = sorted([paid1, paid2])
    today = DUE + timedelta(days=offset)
    sev = schedule.STATE_SEVERITY
    s_low = schedule.line_state(float(amount), float(low), DUE, tolerance, today)
    s_high = schedule.line_state(float(amount), float(high), DUE, tolerance, today)
    assert s_low in schedule.LINE_STATES and s_high in schedule.LINE_STATES
    # paying more never makes a state worse
    assert sev[s_high] <= sev[s_low]
    # time passing never makes a state better
    s_later = schedule.line_state(float(amount), float(low), DUE, tolerance, today + timedelta(1))
    assert sev[s_later] >= sev[s_low]


@pytest.mark.parametrize(
    ("states", "max_missed", "expected"),
    [
        (["paid", "paid"], 1, "done"),
        (["paid", "missed"], 1, "broken"),
        (["missed", "late", "pending"], 2, "active"),
        (["missed", "missed", "pending"], 2, "broken"),
        (["missed"], 0, "broken"),  # max_missed < 1 counts as 1
        (["pending"], 0, "active"),
        (["paid", "partial", "late"], 1, "active"),
        ([], 1, "active"),
    ],
)
def test_plan_outcome(states, max_missed, expected):
    assert schedule.plan_outcome(states, max_missed) == expected


@pytest.mark.parametrize(
    ("total", "residual", "expected"),
    [
        (1000, 1000, 0.0),
        (1000, 400, 600.0),
        (1000, -5, 1000.0),
        (1000, 1200, 0.0),
        (100.1, 0.2, 99.9),
    ],
)
def test_amount_paid_on_plan(total, residual, expected):
    assert schedule.amount_paid_on_plan(total, residual) == expected
