"""Tests of debt_recovery.engine.affordability (pure Python, no Odoo)."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from odoo.addons.debt_recovery.engine import affordability
from odoo.addons.debt_recovery.engine.affordability import AssessmentResult


def dec(value):
    """Exact Decimal of a float's shortest repr."""
    return Decimal(str(value))


BUDGET = [("income", 2000), ("expense", 1200), ("debt", 300)]  # disposable 500


@pytest.mark.parametrize(
    ("lines", "contingency", "due", "max_months", "kind", "rounding", "expected"),
    [
        # 500 * 0.9 = 450; ceil(3000 / 450) = ceil(6.67) = 7 <= 12
        (BUDGET, 10, 3000, 12, "individual", 0.01, (2000, 1200, 300, 500, 450, 7, True, "ok")),
        # 7 > 6 months
        (
            BUDGET,
            10,
            3000,
            6,
            "individual",
            0.01,
            (2000, 1200, 300, 500, 450, 7, False, "too_long_individual"),
        ),
        (
            BUDGET,
            10,
            3000,
            6,
            "business",
            0.01,
            (2000, 1200, 300, 500, 450, 7, False, "too_long_business"),
        ),
        # exact division: 1500 / 500 = 3
        (BUDGET, 0, 1500, 3, "individual", 0.01, (2000, 1200, 300, 500, 500, 3, True, "ok")),
        # no surplus: 2000 - 1800 - 300 = -100
        (
            [("income", 2000), ("expense", 1800), ("debt", 300)],
            10,
            3000,
            12,
            "individual",
            0.01,
            (2000, 1800, 300, -100, 0, 0, False, "no_surplus_individual"),
        ),
        (
            [("income", 2000), ("expense", 1800), ("debt", 300)],
            10,
            3000,
            12,
            "business",
            0.01,
            (2000, 1800, 300, -100, 0, 0, False, "no_surplus_business"),
        ),
        # the whole surplus kept as contingency
        (
            BUDGET,
            100,
            3000,
            12,
            "individual",
            0.01,
            (2000, 1200, 300, 500, 0, 0, False, "no_surplus_individual"),
        ),
        # nothing due takes precedence
        (
            BUDGET,
            10,
            0,
            12,
            "individual",
            0.01,
            (2000, 1200, 300, 500, 450, 0, True, "nothing_due"),
        ),
        (
            [("expense", 100)],
            10,
            -5,
            12,
            "business",
            0.01,
            (0, 100, 0, -100, 0, 0, False, "nothing_due"),
        ),
        # several lines per kind; 600.25 * 0.85 = 510.2125 -> 510.21 (down);
        # ceil(5000 / 510.21) = ceil(9.8) = 10
        (
            [("income", 1500), ("income", 300.5), ("expense", 1000), ("expense", 200.25)],
            15,
            5000,
            10,
            "individual",
            0.01,
            (1800.5, 1200.25, 0, 600.25, 510.21, 10, True, "ok"),
        ),
        # 0-decimal currency: 1000.99 -> 1000; ceil(2500 / 1000) = 3
        (
            [("income", 1000.99)],
            0,
            2500,
            3,
            "individual",
            1.0,
            (1000.99, 0, 0, 1000.99, 1000, 3, True, "ok"),
        ),
        # negative contingency is clamped to 0
        (BUDGET, -20, 1000, 12, "individual", 0.01, (2000, 1200, 300, 500, 500, 2, True, "ok")),
        ([], 10, 100, 12, "individual", 0.01, (0, 0, 0, 0, 0, 0, False, "no_surplus_individual")),
    ],
)
def test_assess(lines, contingency, due, max_months, kind, rounding, expected):
    result = affordability.assess(lines, contingency, due, max_months, kind=kind, rounding=rounding)
    assert result == AssessmentResult(*expected)
    assert result.advice in affordability.ADVICE_CODES


def test_assess_rejects_unknown_kinds():
    with pytest.raises(ValueError):
        affordability.assess([("salary", 100)], 10, 100, 12)
    with pytest.raises(ValueError):
        affordability.assess(BUDGET, 10, 100, 12, kind="company")


@pytest.mark.parametrize(
    ("due", "months", "rounding", "expected"),
    [
        (1000, 3, 0.01, 333.34),
        (1000, 3, 1.0, 334.0),
        (900, 3, 0.01, 300.0),
        (10, 3, 0.05, 3.35),
        (0, 3, 0.01, 0.0),
        (-10, 3, 0.01, 0.0),
        (99.99, 1, 0.01, 99.99),
    ],
)
def test_instalment_for_months(due, months, rounding, expected):
    assert affordability.instalment_for_months(due, months, rounding) == expected


def test_instalment_for_months_rejects_zero_months():
    with pytest.raises(ValueError):
        affordability.instalment_for_months(100, 0, 0.01)


money = st.decimals(min_value="0", max_value="20000", places=2)
roundings = st.sampled_from([0.01, 1.0, 0.05])


@given(
    st.lists(st.tuples(st.sampled_from(affordability.LINE_KINDS), money), max_size=10),
    st.decimals(min_value="-10", max_value="110", places=1),
    st.decimals(min_value="-100", max_value="100000", places=2),
    st.integers(1, 120),
    st.sampled_from(affordability.DEBTOR_KINDS),
    roundings,
)
def test_assess_properties(lines, contingency, due, max_months, kind, rounding):
    lines = [(k, float(v)) for k, v in lines]
    res = affordability.assess(lines, float(contingency), float(due), max_months, kind, rounding)
    inst = dec(res.recommended_instalment)
    assert dec(res.disposable_income) == (
        dec(res.monthly_income) - dec(res.monthly_expenses) - dec(res.monthly_debt_payments)
    )
    assert 0 <= inst <= max(Decimal(0), dec(res.disposable_income))
    assert inst % dec(rounding) == 0
    n = res.recommended_count
    if n > 0:
        assert n * inst >= due
        assert (n - 1) * inst < due
    else:
        assert due <= 0 or inst == 0
    assert res.sustainable == (inst > 0 and n <= max_months)
    assert res.advice in affordability.ADVICE_CODES
    assert (res.advice == "ok") == (res.sustainable and due > 0)


@given(
    st.decimals(min_value="0.01", max_value="1000000", places=2),
    st.integers(1, 120),
    roundings,
)
def test_instalment_for_months_is_smallest(due, months, rounding):
    step = dec(rounding)
    x = dec(affordability.instalment_for_months(float(due), months, rounding))
    assert x % step == 0
    assert months * x >= due
    assert months * (x - step) < due


@pytest.mark.parametrize(
    ("recommended", "max_months", "expected"),
    [
        (7, 12, (7, False)),
        (12, 12, (12, False)),
        (200, 24, (24, True)),  # 1 800 at 9 a month: capped, and said so
        (13, 12, (12, True)),
        (0, 24, (1, False)),  # nothing affordable or nothing due: one instalment
        (5, 1, (1, True)),
    ],
)
def test_plan_count(recommended, max_months, expected):
    assert affordability.plan_count(recommended, max_months) == expected


def test_plan_count_rejects_zero_months():
    with pytest.raises(ValueError):
        affordability.plan_count(3, 0)


@given(recommended=st.integers(0, 10_000), max_months=st.integers(1, 600))
def test_plan_count_never_exceeds_the_cap(recommended, max_months):
    count, capped = affordability.plan_count(recommended, max_months)
    assert 1 <= count <= max_months
    assert capped == (count < recommended)
