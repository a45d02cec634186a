"""Direct debit collection: TARGET2 calendar, pre-notification and order dates, split of an
instalment over receivable lines, what a returned debit leads to."""

import doctest
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from odoo.addons.debt_recovery_sepa.engine import collection as sdd


def test_doctests():
    failures, _tests = doctest.testmod(sdd)
    assert failures == 0


@pytest.mark.parametrize(
    ("day", "open_"),
    [
        (date(2027, 1, 1), False),  # New Year
        (date(2027, 3, 26), False),  # Good Friday
        (date(2027, 3, 29), False),  # Easter Monday
        (date(2027, 5, 1), False),  # Saturday and Labour Day
        (date(2026, 5, 1), False),  # Friday, Labour Day
        (date(2027, 12, 24), True),
        (date(2027, 12, 27), True),
        (date(2026, 12, 25), False),
        (date(2026, 12, 26), False),
        (date(2027, 7, 14), True),  # a French bank holiday, open in TARGET2
        (date(2027, 8, 15), False),  # a Sunday
        (date(2024, 2, 29), True),  # leap day, a Thursday
    ],
)
def test_target_business_days(day, open_):
    assert sdd.is_business_day(day) is open_


@pytest.mark.parametrize(
    ("year", "easter"),
    [
        (2024, date(2024, 3, 31)),
        (2025, date(2025, 4, 20)),
        (2026, date(2026, 4, 5)),
        (2027, date(2027, 3, 28)),
        (2038, date(2038, 4, 25)),
    ],
)
def test_easter(year, easter):
    assert sdd.easter_sunday(year) == easter


@pytest.mark.parametrize(
    ("due", "notice", "lead", "collection", "prenotice", "order"),
    [
        # Monday 5 April 2027, two business days of lead time: Thursday 1 April.
        (date(2027, 4, 5), 14, 2, date(2027, 4, 5), date(2027, 3, 22), date(2027, 4, 1)),
        # Due on a Saturday: collected on Monday; notice 14 days before the Monday.
        (date(2027, 2, 27), 14, 1, date(2027, 3, 1), date(2027, 2, 15), date(2027, 2, 26)),
        # Due on Good Friday 2027, collected Tuesday 30 March, order before Easter.
        (date(2027, 3, 26), 14, 1, date(2027, 3, 30), date(2027, 3, 16), date(2027, 3, 25)),
        # Due on 1 January: collected on the 4th (a Monday in 2027), order the 31st.
        (date(2027, 1, 1), 5, 1, date(2027, 1, 4), date(2026, 12, 30), date(2026, 12, 31)),
        # No lead time: the order is made on the collection day.
        (date(2027, 6, 15), 14, 0, date(2027, 6, 15), date(2027, 6, 1), date(2027, 6, 15)),
    ],
)
def test_collection_calendar(due, notice, lead, collection, prenotice, order):
    assert sdd.collection_calendar(due, notice, lead) == sdd.CollectionCalendar(
        collection_date=collection, prenotice_date=prenotice, order_date=order
    )


@pytest.mark.parametrize(
    ("planned", "notified", "today", "action", "collection"),
    [
        (date(2027, 4, 5), None, date(2027, 3, 21), "wait", date(2027, 4, 5)),
        (date(2027, 4, 5), None, date(2027, 3, 22), "notify", date(2027, 4, 5)),
        # Notice late by 3 days: the collection moves 3 days later (a business day).
        (date(2027, 4, 5), None, date(2027, 3, 25), "notify", date(2027, 4, 8)),
        (date(2027, 4, 5), date(2027, 4, 5), date(2027, 3, 31), "wait", date(2027, 4, 5)),
        (date(2027, 4, 5), date(2027, 4, 5), date(2027, 4, 1), "order", date(2027, 4, 5)),
        # The job did not run on the order date: the lead time no longer fits, notify again.
        (date(2027, 4, 5), date(2027, 4, 5), date(2027, 4, 5), "notify", date(2027, 4, 19)),
        # Notified for another date (a retry moved it): notify the new one.
        (date(2027, 4, 22), date(2027, 4, 5), date(2027, 4, 8), "notify", date(2027, 4, 22)),
    ],
)
def test_daily_step(planned, notified, today, action, collection):
    assert sdd.daily_step(planned, notified, today, 14, 2) == sdd.Step(action, collection)


@pytest.mark.parametrize(
    ("amount", "open_", "expected"),
    [
        (250.0, [100.0, 300.0, 50.0], [100.0, 150.0, 0.0]),
        (100.0, [100.0, 300.0], [100.0, 0.0]),
        (500.0, [100.0, 300.0], [100.0, 300.0]),  # never more than is open
        (33.33, [10.005, 50.0], [10.01, 23.32]),
        (0.0, [10.0], [0.0]),
        (10.0, [-5.0, 20.0], [0.0, 10.0]),  # a credit line takes nothing
        (10.0, [], []),
    ],
)
def test_split_amount(amount, open_, expected):
    assert sdd.split_amount(amount, open_) == expected


def test_allocation_order_oldest_due_first():
    lines = [
        (date(2027, 3, 1), 2, 20),
        (date(2027, 1, 1), 3, 30),
        (date(2027, 3, 1), 1, 11),
        (date(2027, 3, 1), 1, 10),
    ]
    assert [line[2] for line in sdd.allocation_order(lines)] == [30, 10, 11, 20]


@pytest.mark.parametrize(
    ("code", "done", "max_", "mandate", "action"),
    [
        ("AM04", 0, 1, "valid", "retry"),
        ("am04 ", 0, 1, "valid", "retry"),
        ("AM04", 1, 1, "valid", "default"),  # once only
        ("AM04", 0, 0, "valid", "default"),  # retries switched off
        ("MD01", 0, 1, "valid", "stop"),
        ("AC04", 0, 1, "valid", "stop"),
        ("MD07", 0, 1, "valid", "stop"),
        ("MS02", 0, 1, "valid", "default"),
        ("MD06", 0, 1, "valid", "default"),
        ("XX99", 0, 1, "valid", "default"),
        (None, 0, 1, "valid", "default"),
        ("AM04", 0, 1, "cancel", "stop"),  # revoked mandate
        ("MS02", 0, 1, "expired", "stop"),
    ],
)
def test_return_decision(code, done, max_, mandate, action):
    decision = sdd.return_decision(code, done, max_, date(2027, 4, 8), 14, 2, mandate)
    assert decision.action == action
    assert (decision.retry_date is not None) is (action == "retry")


DAYS = st.dates(min_value=date(2024, 1, 1), max_value=date(2040, 12, 31))


@given(DAYS, st.integers(0, 30), st.integers(0, 10))
def test_calendar_invariants(due, notice, lead):
    cal = sdd.collection_calendar(due, notice, lead)
    assert sdd.is_business_day(cal.collection_date)
    assert cal.collection_date >= due
    assert cal.collection_date - cal.prenotice_date == timedelta(days=notice)
    assert cal.order_date <= cal.collection_date
    assert lead == 0 or sdd.is_business_day(cal.order_date)
    assert sdd.add_business_days(cal.order_date, lead) == cal.collection_date


@given(DAYS, st.integers(0, 30), st.integers(0, 10))
def test_earliest_collection_respects_notice_and_lead(today, notice, lead):
    day = sdd.earliest_collection_date(today, notice, lead)
    assert sdd.is_business_day(day)
    assert (day - today).days >= notice
    assert day >= sdd.add_business_days(today, lead)


@given(DAYS, DAYS, st.integers(1, 30), st.integers(0, 5))
def test_a_notified_collection_keeps_its_notice(planned, today, notice, lead):
    """Whatever the day, a debit goes into an order only for the date it was pre-notified
    for, and a new notice always leaves the full notice period."""
    cal = sdd.collection_calendar(planned, notice, lead)
    step = sdd.daily_step(planned, cal.collection_date, today, notice, lead)
    if step.action == "order":
        assert step.collection_date == cal.collection_date
        assert sdd.add_business_days(today, lead) <= step.collection_date
    fresh = sdd.daily_step(planned, None, today, notice, lead)
    if fresh.action == "notify":
        assert (fresh.collection_date - today).days >= notice


@given(DAYS, DAYS, st.integers(0, 30), st.integers(0, 5), st.booleans())
def test_a_posted_notice_still_reaches_the_debtor_in_time(planned, today, notice, lead, post):
    """A pre-notification sent by post leaves the letter's delivery on top of the agreed
    notice: it reaches the debtor at least ``notice`` days before the debit."""
    days = sdd.notice_days(notice, by_letter=post)
    step = sdd.daily_step(planned, None, today, days, lead)
    if step.action == "notify":
        delivered = today + timedelta(days=sdd.LETTER_DELIVERY_DAYS if post else 0)
        assert (step.collection_date - delivered).days >= notice


AMOUNTS = st.decimals(min_value=0, max_value=100000, places=2).map(float)


@given(
    AMOUNTS, st.lists(st.decimals(min_value=-100, max_value=10000, places=2).map(float), max_size=8)
)
def test_split_never_overpays(amount, open_):
    shares = sdd.split_amount(amount, open_)
    assert len(shares) == len(open_)
    for share, available in zip(shares, open_, strict=True):
        assert 0 <= share <= max(available, 0) + 1e-9
    total_open = sum(max(a, 0) for a in open_)
    assert abs(sum(shares) - min(amount, total_open)) < 0.005
    # In order: a line is reached only when every line before it is fully taken.
    for index, share in enumerate(shares):
        if share > 0:
            assert all(abs(shares[i] - max(open_[i], 0)) < 0.005 for i in range(index))


@given(st.text(max_size=6), st.integers(0, 3), st.integers(0, 3), DAYS)
def test_retry_only_for_am04_within_the_limit(code, done, max_, day):
    decision = sdd.return_decision(code, done, max_, day, 14, 2)
    assert decision.action in sdd.ACTIONS
    if decision.action == "retry":
        assert code.strip().upper() == "AM04" and done < max_
        assert (decision.retry_date - day).days >= 14


@pytest.mark.parametrize(
    ("debtor_type", "policy_scheme", "expected"),
    [
        ("professional", "B2B", "B2B"),
        ("professional", "CORE", "CORE"),
        ("professional", None, "CORE"),
        ("consumer", "B2B", "CORE"),
        ("consumer", "CORE", "CORE"),
        ("public", "B2B", "CORE"),
        (None, "B2B", "CORE"),
        (False, "B2B", "CORE"),
    ],
)
def test_mandate_scheme(debtor_type, policy_scheme, expected):
    assert sdd.mandate_scheme(debtor_type, policy_scheme) == expected


@pytest.mark.parametrize(
    ("debtor_type", "reinvoices", "fee", "charged"),
    [
        ("professional", True, 20.0, True),
        ("professional", False, 20.0, False),
        ("professional", True, 0.0, False),
        ("professional", True, None, False),
        ("consumer", True, 20.0, False),
        ("consumer", False, 20.0, False),
        ("public", True, 20.0, False),
        (None, True, 20.0, False),
        (False, True, 20.0, False),
    ],
)
def test_return_fee_charged(debtor_type, reinvoices, fee, charged):
    assert sdd.return_fee_charged(debtor_type, reinvoices, fee) is charged


@given(
    st.sampled_from(["professional", "consumer", "public", None]),
    st.booleans(),
    st.floats(min_value=0, max_value=1e6, allow_nan=False),
)
def test_only_professionals_are_charged(debtor_type, reinvoices, fee):
    if sdd.return_fee_charged(debtor_type, reinvoices, fee):
        assert debtor_type == "professional" and reinvoices and fee > 0
