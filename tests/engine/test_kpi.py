"""Tests of debt_recovery_reports.kpi_engine.kpi (pure Python, no Odoo)."""

import datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from odoo.addons.debt_recovery_reports.kpi_engine import kpi

D = datetime.date
AT = D(2025, 3, 31)

amounts = st.integers(min_value=-(10**9), max_value=10**9)
positive_amounts = st.floats(min_value=0.01, max_value=1e9, allow_nan=False)
month_rows = st.lists(
    st.tuples(
        st.integers(min_value=28, max_value=31),
        st.floats(min_value=0, max_value=1e9, allow_nan=False),
    ),
    max_size=12,
)


def test_module_is_odoo_free():
    """kpi.py imports no Odoo and exposes the five bucket keys in order."""
    assert "odoo" not in vars(kpi)
    assert kpi.BUCKETS == ("current", "1_30", "31_60", "61_90", "90_plus")


# --------------------------------------------------------------------------- ageing


@pytest.mark.parametrize(
    ("days_past_due", "expected"),
    [
        (-30, "current"),  # due in 30 days
        (-1, "current"),
        (0, "current"),  # due today
        (1, "1_30"),
        (30, "1_30"),
        (31, "31_60"),
        (60, "31_60"),
        (61, "61_90"),
        (90, "61_90"),
        (91, "90_plus"),
        (400, "90_plus"),
    ],
)
def test_aging_bucket_boundaries(days_past_due, expected):
    """Days past due at each bucket edge map to the documented bucket."""
    due = AT - datetime.timedelta(days=days_past_due)
    assert kpi.aging_bucket(due, AT) == expected


@pytest.mark.parametrize(
    ("due_date", "at_date", "expected"),
    [
        (D(2025, 2, 28), D(2025, 3, 1), "1_30"),  # 1 day (non-leap February)
        (D(2024, 2, 28), D(2024, 3, 1), "1_30"),  # 2 days (29 Feb 2024 exists)
        (D(2025, 1, 30), D(2025, 3, 1), "1_30"),  # 1 (to 31 Jan) + 28 + 1 = 30 days
        (D(2024, 1, 30), D(2024, 3, 1), "31_60"),  # 1 + 29 (leap) + 1 = 31 days
        (D(2024, 12, 31), D(2025, 3, 31), "61_90"),  # 31 + 28 + 31 = 90 days
        (D(2024, 12, 30), D(2025, 3, 31), "90_plus"),  # 91 days
        (datetime.datetime(2025, 3, 30, 23, 59), D(2025, 3, 31), "1_30"),  # datetime -> date
    ],
)
def test_aging_bucket_calendar(due_date, at_date, expected):
    """Day counts across month ends / leap years; datetimes reduce to dates."""
    assert kpi.aging_bucket(due_date, at_date) == expected


def test_aging_example():
    """Hand-computed per-bucket sums, including a Decimal and a credit note."""
    items = [
        (D(2025, 4, 15), 100.0),  # -15 d -> current
        (D(2025, 3, 31), 50),  # 0 d -> current
        (D(2025, 3, 1), 200.0),  # 30 d -> 1_30
        (D(2025, 2, 28), Decimal("300.5")),  # 31 d -> 31_60
        (D(2025, 1, 30), 400.0),  # 60 d -> 31_60
        (D(2024, 12, 31), 25.0),  # 90 d -> 61_90
        (D(2024, 12, 30), 1000.0),  # 91 d -> 90_plus
        (D(2024, 6, 1), -10.0),  # credit note, 303 d -> 90_plus
    ]
    assert kpi.aging(items, AT) == {
        "current": 150.0,  # 100 + 50
        "1_30": 200.0,
        "31_60": 700.5,  # 300.5 + 400
        "61_90": 25.0,
        "90_plus": 990.0,  # 1000 - 10
    }


def test_aging_empty_has_all_buckets():
    """No items -> every bucket present with 0.0, in BUCKETS order."""
    result = kpi.aging([], AT)
    assert list(result) == list(kpi.BUCKETS)
    assert all(value == 0.0 for value in result.values())


@given(
    st.lists(
        st.tuples(st.dates(min_value=D(2020, 1, 1), max_value=D(2030, 12, 31)), amounts),
        max_size=50,
    ),
    st.dates(min_value=D(2020, 1, 1), max_value=D(2030, 12, 31)),
)
def test_aging_sums_equal_total(items, at_date):
    """Property: bucket sums add up exactly to the total of the items."""
    result = kpi.aging(items, at_date)
    assert set(result) == set(kpi.BUCKETS)
    # integer amounts below 2**53 are exact in float: equality is exact
    assert sum(result.values()) == sum(amount for _due, amount in items)


@given(
    st.dates(min_value=D(2020, 1, 1), max_value=D(2030, 12, 31)),
    st.dates(min_value=D(2020, 1, 1), max_value=D(2030, 12, 31)),
)
def test_aging_bucket_is_monotone_in_date(due_date, at_date):
    """Property: one day later never moves an item to a younger bucket."""
    later = at_date + datetime.timedelta(days=1)
    order = kpi.BUCKETS.index
    assert order(kpi.aging_bucket(due_date, later)) >= order(kpi.aging_bucket(due_date, at_date))


# --------------------------------------------------------------------------- DSO

# Quarter used in the brief: ending AR 1,000,000 at 31 March;
# March 400,000 (31 d), February 350,000 (28 d), January 500,000 (31 d).
QUARTER = [(31, 400_000), (28, 350_000), (31, 500_000)]


@pytest.mark.parametrize(
    ("ending_ar", "sales", "days", "expected"),
    [
        (1_000_000, 1_250_000, 90, 72.0),  # 1,000,000 / 1,250,000 = 0.8; 0.8 x 90 = 72
        (0, 1_250_000, 90, 0.0),
        (50_000, 100_000, 30, 15.0),  # 0.5 x 30
        (Decimal("250"), Decimal("1000"), 365, 91.25),  # 0.25 x 365
        (1_000, 0, 90, None),  # no sales
        (1_000, -5, 90, None),  # net credit notes
    ],
)
def test_dso_standard(ending_ar, sales, days, expected):
    """Standard DSO = AR / credit sales x days; None without positive sales."""
    assert kpi.dso_standard(ending_ar, sales, days) == expected


@pytest.mark.parametrize(
    ("ending_ar", "months", "expected"),
    [
        # brief example: 1,000,000 - 400,000 = 600,000 -> 31 d;
        # 600,000 - 350,000 = 250,000 -> 31 + 28 = 59 d;
        # 250,000 / 500,000 x 31 = 15.5 -> 59 + 15.5 = 74.5 d
        (1_000_000, QUARTER, 74.5),
        # 200,000 <= 400,000: 200,000 / 400,000 x 31 = 15.5
        (200_000, QUARTER, 15.5),
        # exactly March sales: 400,000 / 400,000 x 31 = 31
        (400_000, QUARTER, 31.0),
        # 750,000 - 400,000 = 350,000 -> 31 d; 350,000 / 350,000 x 28 = 28 -> 59
        (750_000, QUARTER, 59.0),
        # 1,250,000 total: 31 + 28 + 500,000 / 500,000 x 31 = 90
        (1_250_000, QUARTER, 90.0),
        # cap: 2,000,000 > 1,250,000 of sales -> 31 + 28 + 31 = 90
        (2_000_000, QUARTER, 90.0),
        # no receivables
        (0, QUARTER, 0.0),
        (-100, QUARTER, 0.0),
        # no history: cap = sum of zero days
        (1_000, [], 0.0),
        # zero-sales month is fully covered: 30 d, then 100 / 400 x 31 = 7.75 -> 37.75
        (100, [(30, 0), (31, 400)], 37.75),
        # negative sales treated as 0: same as above
        (100, [(30, -50), (31, 400)], 37.75),
    ],
)
def test_dso_countback(ending_ar, months, expected):
    """Countback DSO walk-back, partial month, cap and edge cases."""
    assert kpi.dso_countback(ending_ar, months) == expected


def test_dso_countback_rejects_negative_days():
    """A negative month length is a caller error."""
    with pytest.raises(ValueError, match="days_in_month"):
        kpi.dso_countback(100, [(-1, 50)])


@given(st.floats(min_value=-1e10, max_value=1e10, allow_nan=False), month_rows)
def test_dso_countback_between_zero_and_total_days(ending_ar, months):
    """Property: 0 <= countback DSO <= sum of days given."""
    result = kpi.dso_countback(ending_ar, months)
    assert 0.0 <= result <= sum(days for days, _sales in months)


@given(
    st.floats(min_value=-1e10, max_value=1e10, allow_nan=False),
    st.floats(min_value=-1e10, max_value=1e10, allow_nan=False),
    month_rows,
)
def test_dso_countback_monotone_in_receivables(ar_a, ar_b, months):
    """Property: more receivables never give a lower DSO."""
    low, high = sorted((ar_a, ar_b))
    assert kpi.dso_countback(low, months) <= kpi.dso_countback(high, months)


@given(positive_amounts, st.lists(positive_amounts, min_size=1, max_size=12))
def test_dso_countback_cap_when_receivables_exceed_sales(extra, sales):
    """Property: AR above all sales -> cap = sum of days."""
    months = [(30, amount) for amount in sales]
    assert kpi.dso_countback(sum(sales) * 2 + extra, months) == 30 * len(sales)


@pytest.mark.parametrize(
    ("current_ar", "sales", "days", "expected"),
    [
        (600_000, 1_250_000, 90, 43.2),  # 600,000 / 1,250,000 = 0.48; 0.48 x 90 = 43.2
        (0, 1_250_000, 90, 0.0),
        (25_000, 100_000, 30, 7.5),  # 0.25 x 30
        (600_000, 0, 90, None),
    ],
)
def test_best_possible_dso(current_ar, sales, days, expected):
    """Best possible DSO = current AR / credit sales x days."""
    assert kpi.best_possible_dso(current_ar, sales, days) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("dso", "best", "expected"),
    [
        (72.0, 43.2, 28.8),  # 72.0 - 43.2
        (30, 30, 0.0),
        (10, 15, -5.0),  # better than terms
        (None, 43.2, None),
        (72.0, None, None),
        (None, None, None),
    ],
)
def test_average_days_delinquent(dso, best, expected):
    """ADD = DSO - best possible DSO; None propagates."""
    assert kpi.average_days_delinquent(dso, best) == pytest.approx(expected)


def test_add_from_quarter_example():
    """ADD on the brief's quarter: 72.0 - 43.2 = 28.8 days."""
    dso = kpi.dso_standard(1_000_000, 1_250_000, 90)  # 72.0
    best = kpi.best_possible_dso(600_000, 1_250_000, 90)  # 43.2
    assert kpi.average_days_delinquent(dso, best) == pytest.approx(28.8)  # 72.0 - 43.2


# --------------------------------------------------------------------------- CEI


@pytest.mark.parametrize(
    ("opening", "sales", "ending_total", "ending_current", "expected"),
    [
        # brief: (500,000 + 1,250,000 - 1,000,000) / (1,750,000 - 600,000) x 100
        #      = 750,000 / 1,150,000 x 100 = 65.2173913...
        (500_000, 1_250_000, 1_000_000, 600_000, 65.21739130434783),
        # everything collected except current: (100 + 100 - 50) / (200 - 50) = 100 %
        (100, 100, 50, 50, 100.0),
        # nothing collected: (100 + 100 - 200) / (200 - 0) = 0 %
        (100, 100, 200, 0, 0.0),
        # AR grew past opening + sales: (100 + 100 - 300) / (200 - 100) x 100 = -100 %
        (100, 100, 300, 100, -100.0),
        # denominator 100 + 100 - 200 = 0 -> None
        (100, 100, 200, 200, None),
        # denominator negative -> None
        (0, 0, 10, 10, None),
    ],
)
def test_cei(opening, sales, ending_total, ending_current, expected):
    """CEI hand-computed examples, including the brief's 65.217 %."""
    assert kpi.cei(opening, sales, ending_total, ending_current) == pytest.approx(expected)


@given(
    st.floats(min_value=0, max_value=1e10, allow_nan=False),
    st.floats(min_value=0, max_value=1e10, allow_nan=False),
    st.floats(min_value=0, max_value=1e10, allow_nan=False),
    st.floats(min_value=0, max_value=1e10, allow_nan=False),
)
def test_cei_at_most_100(opening, sales, ar_a, ar_b):
    """Property: CEI <= 100 when ending current <= ending total AR."""
    ending_current, ending_total = sorted((ar_a, ar_b))
    result = kpi.cei(opening, sales, ending_total, ending_current)
    if opening + sales - ending_current > 0:
        assert result is not None
        assert result <= 100.0
    else:
        assert result is None


# --------------------------------------------------------------------------- rates


@pytest.mark.parametrize(
    ("numerator", "denominator", "expected"),
    [
        (1, 4, 25.0),  # 1 / 4 x 100
        (3, 3, 100.0),
        (0, 7, 0.0),
        (5, 0, None),
        (0, 0, None),
        (Decimal("1.5"), Decimal("6"), 25.0),  # 1.5 / 6 = 0.25
        (-1, 4, -25.0),
    ],
)
def test_rate(numerator, denominator, expected):
    """Rate = numerator / denominator x 100; None on zero denominator."""
    assert kpi.rate(numerator, denominator) == expected


@pytest.mark.parametrize(
    ("promises", "expected"),
    [
        # kept 2 (100 + 300 = 400), broken 1 (100); open / cancelled ignored
        # count: 2 / 3 x 100 = 66.67; amount: 400 / 500 x 100 = 80
        (
            [("kept", 100), ("kept", 300), ("broken", 100), ("open", 999), ("cancelled", 50)],
            {"count": 200 / 3, "amount": 80.0},
        ),
        ([("kept", 10)], {"count": 100.0, "amount": 100.0}),
        ([("broken", 10), ("broken", 30)], {"count": 0.0, "amount": 0.0}),
        # only unsettled promises -> undefined
        ([("open", 10), ("cancelled", 5)], {"count": None, "amount": None}),
        ([], {"count": None, "amount": None}),
        # settled but zero amounts: count 1 / 2 = 50 %, amount 0 / 0 -> None
        ([("kept", 0), ("broken", 0)], {"count": 50.0, "amount": None}),
    ],
)
def test_promise_kept_rate(promises, expected):
    """Kept rate by count and amount over kept + broken promises only."""
    result = kpi.promise_kept_rate(promises)
    assert set(result) == {"count", "amount"}
    assert result == pytest.approx(expected)


def test_promise_kept_rate_rejects_unknown_state():
    """An unknown promise state raises instead of being ignored."""
    with pytest.raises(ValueError, match="unknown promise state"):
        kpi.promise_kept_rate([("kept", 1), ("paid", 1)])


@given(st.lists(st.tuples(st.sampled_from(kpi.PROMISE_STATES), positive_amounts), max_size=30))
def test_promise_kept_rate_bounds(promises):
    """Property: rates lie in [0, 100]; count is None iff nothing settled."""
    result = kpi.promise_kept_rate(promises)
    for value in result.values():
        assert value is None or 0.0 <= value <= 100.0
    settled = [state for state, _amount in promises if state in ("kept", "broken")]
    assert (result["count"] is None) == (not settled)


@pytest.mark.parametrize(
    ("states", "expected"),
    [
        # done 3, broken 1 -> 3 / 4 x 100 = 75; active / cancelled / draft ignored
        (["done", "done", "done", "broken", "active", "cancelled", "draft"], 75.0),
        (["done"], 100.0),
        (["broken", "broken"], 0.0),
        (["done", "broken", "broken"], 100 / 3),  # 1 / 3 x 100 = 33.33
        (["active", "cancelled"], None),
        ([], None),
    ],
)
def test_plan_completion_rate(states, expected):
    """Done / (done + broken) x 100 over finished plans."""
    assert kpi.plan_completion_rate(states) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("collected", "outstanding", "expected"),
    [
        (30_000, 120_000, 25.0),  # 30,000 / 120,000 x 100
        (120_000, 120_000, 100.0),
        (0, 120_000, 0.0),
        (10, 0, None),
        (10, -5, None),
    ],
)
def test_recovery_rate(collected, outstanding, expected):
    """Collected / outstanding at start x 100; None when nothing was due."""
    assert kpi.recovery_rate(collected, outstanding) == expected


@pytest.mark.parametrize(
    ("payments", "expected"),
    [
        (
            # reminder_1: 100 + 50 = 150; formal_notice: 200; None (before any level): 10
            [("reminder_1", 100), ("formal_notice", 200), ("reminder_1", 50), (None, 10)],
            {"reminder_1": 150.0, "formal_notice": 200.0, None: 10.0},
        ),
        ([(3, Decimal("12.5")), (3, 7.5)], {3: 20.0}),  # 12.5 + 7.5
        ([], {}),
    ],
)
def test_recovered_per_level(payments, expected):
    """Amounts summed per level key (None = before any level)."""
    assert kpi.recovered_per_level(payments) == expected


@given(st.lists(st.tuples(st.sampled_from(["l1", "l2", "l3"]), amounts), max_size=40))
def test_recovered_per_level_sums_to_total(payments):
    """Property: per-level sums add up to the total collected."""
    result = kpi.recovered_per_level(payments)
    assert set(result) == {level for level, _amount in payments}
    assert sum(result.values()) == sum(amount for _level, amount in payments)


def test_aging_bounds_follow_the_limits():
    """Bounds are contiguous, both ends included, open at both ends of the ladder."""
    bounds = kpi.aging_bounds()
    assert bounds == (
        ("current", None, 0),
        ("1_30", 1, 30),
        ("31_60", 31, 60),
        ("61_90", 61, 90),
        ("90_plus", 91, None),
    )
    assert tuple(key for key, _first, _last in bounds) == kpi.BUCKETS


@given(st.integers(min_value=-1000, max_value=100_000))
def test_aging_bounds_hold_what_aging_bucket_says(days):
    """An item ``days`` late lies within the bounds of its bucket, and of no other."""
    holding = [
        key
        for key, first, last in kpi.aging_bounds()
        if (first is None or days >= first) and (last is None or days <= last)
    ]
    assert holding == [kpi.bucket_of_days(days)]
    assert kpi.aging_bucket(AT - datetime.timedelta(days=days), AT) == holding[0]


# --------------------------------------------------------------------------- receivables


def _debtor(current=0.0, d1_30=0.0, d31_60=0.0, d61_90=0.0, d90_plus=0.0, credits=0.0):
    return dict(
        zip(
            (*kpi.BUCKETS, "credits"),
            (current, d1_30, d31_60, d61_90, d90_plus, credits),
            strict=True,
        )
    )


def test_receivables_example():
    """Two debtors, hand-computed: the credit of the second settles its overdue invoice first."""
    result = kpi.receivables(
        [
            _debtor(current=3000, d1_30=1000, d31_60=2000, d61_90=800, d90_plus=600, credits=-700),
            _debtor(current=1200, d1_30=300, credits=-1000),
        ]
    )
    assert result == {
        "current": 4200.0,
        "1_30": 1300.0,
        "31_60": 2000.0,
        "61_90": 800.0,
        "90_plus": 600.0,
        "open": 8900.0,
        "overdue": 4700.0,
        "credits": -1700.0,
        "total": 7200.0,
        # min(3000, 6700) + min(1200, 500)
        "current_net": 3500.0,
    }


def test_receivables_empty_and_credit_only():
    """No debtor: all zero; a debtor with only a credit lowers the total and the current part."""
    assert set(kpi.receivables([]).values()) == {0.0}
    result = kpi.receivables([_debtor(credits=-50)])
    assert result["total"] == result["current_net"] == result["credits"] == -50.0
    assert result["open"] == 0.0


debtor_rows = st.lists(
    st.tuples(
        st.lists(st.integers(min_value=0, max_value=10**7), min_size=5, max_size=5),
        st.integers(min_value=-(10**7), max_value=0),
    ).map(lambda row: _debtor(*row[0], credits=row[1])),
    max_size=15,
)


@given(debtor_rows)
def test_receivables_identities(debtors):
    """Property: not due + overdue buckets = open invoices; total = open + credits;
    current_net <= total and current_net <= current."""
    result = kpi.receivables(debtors)
    assert sum(result[key] for key in kpi.BUCKETS) == pytest.approx(result["open"])
    assert result["current"] + result["overdue"] == pytest.approx(result["open"])
    assert result["total"] == pytest.approx(result["open"] + result["credits"])
    assert result["current_net"] <= result["total"] + 1e-6
    assert result["current_net"] <= result["current"] + 1e-6


@given(debtor_rows)
def test_receivables_not_due_within_total_without_credits(debtors):
    """Property: with no unapplied credit, what is not due is part of the total (never above
    it), the not-due part net of credits is the not-due part, and nothing is negative."""
    for debtor in debtors:
        debtor["credits"] = 0.0
    result = kpi.receivables(debtors)
    assert 0.0 <= result["current"] <= result["total"]
    assert result["current_net"] == pytest.approx(result["current"])
    assert result["overdue"] >= 0.0
    assert result["total"] == pytest.approx(result["open"])


@given(debtor_rows)
def test_receivables_overdue_never_negative(debtors):
    """Property: unapplied credits are kept apart from the buckets, so the overdue part of the
    open invoices is never negative and never above them, whatever the credits."""
    result = kpi.receivables(debtors)
    assert 0.0 <= result["overdue"] <= result["open"]
    assert result["credits"] <= 0.0


@given(
    debtor_rows,
    st.floats(min_value=0.01, max_value=1e9, allow_nan=False),
    st.integers(min_value=1, max_value=366),
)
def test_best_possible_dso_at_most_dso_from_receivables(debtors, sales, days):
    """Property: from any receivables, best possible DSO <= DSO and days delinquent >= 0."""
    result = kpi.receivables(debtors)
    dso = kpi.dso_standard(result["total"], sales, days)
    best = kpi.best_possible_dso(result["current_net"], sales, days)
    assert best <= dso + 1e-6
    assert kpi.average_days_delinquent(dso, best) >= -1e-6


@given(
    st.floats(min_value=0, max_value=1e9, allow_nan=False),
    st.one_of(st.just(0.0), positive_amounts),
    st.floats(min_value=-1e9, max_value=1e9, allow_nan=False),
    st.integers(min_value=0, max_value=3660),
)
def test_best_possible_dso_at_most_dso(total, sales, current_share, days):
    """Property: best possible DSO <= DSO whenever current <= total."""
    current = min(current_share, total)
    dso = kpi.dso_standard(total, sales, days)
    best = kpi.best_possible_dso(current, sales, days)
    if sales <= 0:
        assert dso is None and best is None
    else:
        assert best <= dso * (1 + 1e-9) + 1e-6


@given(
    st.floats(min_value=0, max_value=1e9, allow_nan=False),
    st.floats(min_value=0, max_value=1e9, allow_nan=False),
    st.floats(min_value=0, max_value=1, allow_nan=False),
    st.floats(min_value=-1, max_value=1, allow_nan=False),
)
def test_cei_between_0_and_100(opening, sales, total_share, current_share):
    """Property: 0 <= CEI <= 100 when current <= total <= opening + sales."""
    ending_total = (opening + sales) * total_share
    ending_current = ending_total * current_share
    result = kpi.cei(opening, sales, ending_total, ending_current)
    if opening + sales - ending_current > 0:
        assert -1e-6 <= result <= 100.0 + 1e-6
    else:
        assert result is None


@pytest.mark.parametrize(
    ("invoices", "expected"),
    [
        ([], {"count": None, "amount": None}),
        ([(D(2025, 3, 1), D(2025, 3, 1), 100.0)], {"count": 0.0, "amount": 0.0}),  # on the day
        ([(D(2025, 3, 1), D(2025, 3, 2), 100.0)], {"count": 100.0, "amount": 100.0}),
        (
            [
                (D(2025, 3, 1), D(2025, 2, 20), 300.0),  # early
                (D(2025, 3, 1), D(2025, 3, 15), 100.0),  # late
                (D(2025, 3, 10), D(2025, 3, 10), 600.0),  # on time
                (D(2025, 3, 10), D(2025, 4, 30), 1000.0),  # late
            ],
            {"count": 50.0, "amount": 1100.0 / 2000.0 * 100},
        ),
    ],
)
def test_late_payment_rate(invoices, expected):
    assert kpi.late_payment_rate(invoices) == expected


@given(
    st.lists(
        st.tuples(
            st.dates(D(2024, 1, 1), D(2025, 12, 31)),
            st.dates(D(2024, 1, 1), D(2025, 12, 31)),
            positive_amounts,
        ),
        min_size=1,
    )
)
def test_late_payment_rate_is_a_share(invoices):
    rates = kpi.late_payment_rate(invoices)
    assert 0.0 <= rates["count"] <= 100.0
    assert 0.0 <= rates["amount"] <= 100.0 + 1e-9


@pytest.mark.parametrize(
    ("overdue", "receivables", "expected"),
    [
        (250, 1000, 25.0),
        (0, 1000, 0.0),
        (1000, 1000, 100.0),
        (250, 100, 100.0),  # never above 100
        (Decimal("12.5"), Decimal("50"), 25.0),
        (100, 0, None),
        (100, -50, None),
    ],
)
def test_overdue_share(overdue, receivables, expected):
    assert kpi.overdue_share(overdue, receivables) == expected


@given(
    st.floats(min_value=0, max_value=1e9, allow_nan=False),
    st.floats(min_value=0.01, max_value=1e9, allow_nan=False),
)
def test_overdue_share_is_a_percentage(overdue, receivables):
    assert 0.0 <= kpi.overdue_share(overdue, receivables) <= 100.0
