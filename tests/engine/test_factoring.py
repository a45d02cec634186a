"""Factoring: what may be assigned, and the amounts an assignment transfers."""

import datetime
import doctest

from hypothesis import given
from hypothesis import strategies as st

from odoo.addons.debt_recovery_factoring.engine import factoring as fac

OPEN = fac.Invoice(
    id=1,
    company_id=1,
    kind="out_invoice",
    posted=True,
    residual=100.0,
    assigned=False,
    is_penalty=False,
)


def test_doctests():
    failures, _tests = doctest.testmod(fac)
    assert failures == 0


def test_refusals_in_order():
    cases = [
        ({}, None),
        ({"kind": "out_refund"}, "not_invoice"),
        ({"kind": "entry", "posted": False}, "not_invoice"),
        ({"posted": False}, "not_posted"),
        ({"posted": False, "company_id": 2}, "not_posted"),
        ({"company_id": 2}, "other_company"),
        ({"company_id": 2, "assigned": True}, "other_company"),
        ({"assigned": True}, "assigned"),
        ({"assigned": True, "residual": 0.0}, "assigned"),
        ({"is_penalty": True}, "penalty"),
        ({"residual": 0.0}, "nothing_due"),
        ({"residual": -5.0}, "nothing_due"),
    ]
    for changes, expected in cases:
        assert fac.refusal(OPEN._replace(**changes), company_id=1) == expected, changes


def test_transfers_skip_settled_items():
    items = [fac.Item(1, 0.0), fac.Item(2, 60.0), fac.Item(3, 40.0), fac.Item(4, 0.001)]
    assert fac.transfers(items) == [fac.Transfer(2, 60.0), fac.Transfer(3, 40.0)]


@given(
    st.lists(st.decimals(min_value=0, max_value=10**7, places=2).map(float), min_size=1, max_size=6)
)
def test_transfers_sum_to_what_is_owed(residuals):
    items = [fac.Item(index, residual) for index, residual in enumerate(residuals)]
    result = fac.transfers(items)
    assert round(sum(t.amount for t in result), 2) == round(sum(residuals), 2)
    assert all(t.amount > 0 for t in result)


def test_totals_by_mode_always_has_both_modes():
    assert fac.totals_by_mode([]) == {"notified": 0.0, "confidential": 0.0}


def test_split_by_bucket_with_the_aged_balance_buckets():
    from odoo.addons.debt_recovery_reports.kpi_engine import kpi

    day = datetime.date(2026, 3, 31)
    rows = [
        (None, datetime.date(2026, 3, 1), 800.0),
        ("notified", datetime.date(2026, 3, 1), 1200.0),
        ("confidential", datetime.date(2026, 1, 15), 200.0),
        ("confidential", datetime.date(2026, 4, 15), 500.0),
        ("confidential", datetime.date(2026, 3, 31), 0.1),
    ]
    assert fac.split_by_bucket(rows, day, kpi.bucket_of_days) == {
        "1_30": {"own": 800.0, "notified": 1200.0, "confidential": 0.0},
        "61_90": {"own": 0.0, "notified": 0.0, "confidential": 200.0},
        "current": {"own": 0.0, "notified": 0.0, "confidential": 500.1},
    }


@given(
    st.lists(
        st.tuples(
            st.sampled_from([None, "notified", "confidential"]),
            st.integers(-200, 400),
            st.integers(1, 10**7),
        ),
        max_size=30,
    )
)
def test_split_by_bucket_keeps_every_cent(raw):
    from odoo.addons.debt_recovery_reports.kpi_engine import kpi

    day = datetime.date(2026, 6, 30)
    rows = [(mode, day - datetime.timedelta(days=days), cents / 100) for mode, days, cents in raw]
    buckets = fac.split_by_bucket(rows, day, kpi.bucket_of_days)
    assert set(buckets) <= set(kpi.BUCKETS)
    for mode in ("own", "notified", "confidential"):
        expected = sum(cents for m, _d, cents in raw if (m or "own") == mode)
        assert round(sum(b[mode] for b in buckets.values()) * 100) == expected


@given(
    st.integers(1, 10**7),
    st.integers(-(10**6), 10**7),
    st.integers(0, 10**7),
)
def test_collection_change_keeps_collected_within_the_assigned_amount(assigned, residual, done):
    done = min(done, assigned)
    change = fac.collection_change(assigned / 100, residual / 100, done / 100)
    collected = round(done + change * 100)
    assert 0 <= collected <= assigned
    assert collected == min(max(assigned - residual, 0), assigned)
