"""Tests of debt_recovery.engine.limitation (pure Python, no Odoo)."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from odoo.addons.debt_recovery.engine import limitation


def D(y, m, d):
    """Shorthand for date(y, m, d)."""
    return date(y, m, d)


@pytest.mark.parametrize(
    ("day", "years", "expected"),
    [
        (D(2024, 2, 29), 1, D(2025, 2, 28)),
        (D(2024, 2, 29), 4, D(2028, 2, 29)),
        (D(2024, 2, 29), 5, D(2029, 2, 28)),
        (D(2023, 3, 1), 1, D(2024, 3, 1)),
        (D(2025, 12, 31), 2, D(2027, 12, 31)),
    ],
)
def test_add_years(day, years, expected):
    assert limitation.add_years(day, years) == expected


@pytest.mark.parametrize(
    ("regime", "due", "invoice", "expected"),
    [
        ("professional", D(2020, 3, 10), None, D(2025, 3, 10)),
        ("professional", D(2024, 2, 29), None, D(2029, 2, 28)),
        # Consumer: 2 years from the invoice date, else from the due date.
        ("consumer", D(2024, 2, 15), D(2024, 1, 15), D(2026, 1, 15)),
        ("consumer", D(2024, 2, 15), None, D(2026, 2, 15)),
        ("consumer", D(2024, 3, 30), D(2024, 2, 29), D(2026, 2, 28)),
        # Public: 31 December of the fourth year after the year the service was done: the
        # invoice date without a delivery date, the due date without either.
        ("public", D(2025, 3, 10), None, D(2029, 12, 31)),
        ("public", D(2025, 12, 31), None, D(2029, 12, 31)),
        # Invoiced in December 2025, due in January 2026: 4 years from 1 January 2026.
        ("public", D(2026, 1, 1), D(2025, 12, 1), D(2029, 12, 31)),
        ("public", D(2026, 1, 31), D(2025, 12, 31), D(2029, 12, 31)),
    ],
)
def test_initial(regime, due, invoice, expected):
    assert limitation.limitation_date(regime, due, invoice) == expected


@pytest.mark.parametrize(
    ("delivered", "invoiced", "due", "expected"),
    [
        # Cass. 1re civ. 19 May 2021: two years from the service's completion. Work finished
        # on 10 Oct 2024, invoiced 15 Nov, due 15 Dec: 10 Oct 2026.
        (D(2024, 10, 10), D(2024, 11, 15), D(2024, 12, 15), D(2026, 10, 10)),
        # Delivered on 29 Feb 2024: 28 Feb 2026.
        (D(2024, 2, 29), D(2024, 3, 5), D(2024, 4, 4), D(2026, 2, 28)),
        # No delivery date: the invoice date, else the due date.
        (None, D(2024, 11, 15), D(2024, 12, 15), D(2026, 11, 15)),
        (None, None, D(2024, 12, 15), D(2026, 12, 15)),
    ],
)
def test_consumer_counts_from_the_delivery(delivered, invoiced, due, expected):
    assert (
        limitation.limitation_date("consumer", due, invoiced, delivery_date=delivered) == expected
    )


@pytest.mark.parametrize(
    ("delivered", "invoiced", "due", "claims", "expected"),
    [
        # Loi 68-1250 art. 1: the year the rights were acquired is the delivery's. Delivered
        # 15 Dec 2024, invoiced 5 Jan 2025, due 4 Feb 2025: 1 Jan 2025 + 4 years.
        (D(2024, 12, 15), D(2025, 1, 5), D(2025, 2, 4), [], D(2028, 12, 31)),
        # Delivered and invoiced in December, due in January: the December year counts.
        (D(2024, 12, 20), D(2024, 12, 20), D(2025, 1, 19), [], D(2028, 12, 31)),
        # Art. 2: a written claim on 3 Mar 2027 interrupts; 4 new years from 1 Jan 2028.
        (D(2024, 12, 20), D(2024, 12, 20), D(2025, 1, 19), [D(2027, 3, 3)], D(2031, 12, 31)),
        # A claim on the last day still interrupts; one the day after revives nothing.
        (D(2024, 12, 20), None, D(2025, 1, 19), [D(2028, 12, 31)], D(2032, 12, 31)),
        (D(2024, 12, 20), None, D(2025, 1, 19), [D(2029, 1, 1)], D(2028, 12, 31)),
    ],
)
def test_public_body_counts_from_the_service(delivered, invoiced, due, claims, expected):
    assert (
        limitation.limitation_date(
            "public", due, invoiced, written_claims=claims, delivery_date=delivered
        )
        == expected
    )


@pytest.mark.parametrize(
    ("regime", "due", "invoice", "acks", "expected"),
    [
        # An acknowledgement starts a new period from its date.
        ("professional", D(2020, 3, 10), None, [D(2023, 1, 5)], D(2028, 1, 5)),
        ("consumer", D(2024, 2, 15), D(2024, 1, 15), [D(2025, 6, 1)], D(2027, 6, 1)),
        ("public", D(2025, 3, 10), None, [D(2027, 5, 1)], D(2031, 12, 31)),
        # After expiry: revives nothing. On the last day: still counts.
        ("professional", D(2018, 1, 10), None, [D(2023, 2, 1)], D(2023, 1, 10)),
        ("professional", D(2018, 1, 10), None, [D(2023, 1, 10)], D(2028, 1, 10)),
        ("consumer", D(2022, 1, 15), None, [D(2024, 1, 16)], D(2024, 1, 15)),
        ("public", D(2020, 5, 1), None, [D(2025, 1, 1)], D(2024, 12, 31)),
        # Taken in date order, whatever the order given: 2022-06-01 -> 2027-06-01, then
        # 2024-01-01 (before that) -> 2029-01-01.
        ("professional", D(2018, 1, 10), None, [D(2024, 1, 1), D(2022, 6, 1)], D(2029, 1, 1)),
        # An expired claim stays expired even if a later ack would have been "in time" from
        # an earlier one that did not happen: 2023-02-01 is after 2023-01-10.
        ("professional", D(2018, 1, 10), None, [D(2023, 2, 1), D(2027, 1, 1)], D(2023, 1, 10)),
        # One that would give an earlier date changes nothing.
        ("public", D(2025, 3, 10), None, [D(2025, 4, 1)], D(2029, 12, 31)),
        ("consumer", D(2024, 2, 15), D(2024, 1, 15), [D(2023, 12, 1)], D(2026, 1, 15)),
        # 29 February acknowledgement.
        ("professional", D(2022, 3, 10), None, [D(2024, 2, 29)], D(2029, 2, 28)),
    ],
)
def test_acknowledgements(regime, due, invoice, acks, expected):
    assert limitation.limitation_date(regime, due, invoice, acknowledgements=acks) == expected


@pytest.mark.parametrize(
    ("regime", "claims", "expected"),
    [
        # Against a public body a written claim (a formal notice included) restarts it.
        ("public", [D(2026, 2, 1)], D(2030, 12, 31)),
        ("public", [D(2030, 1, 1)], D(2029, 12, 31)),  # after expiry: nothing
        # For the other regimes, it restarts nothing.
        ("professional", [D(2026, 2, 1)], D(2030, 3, 10)),
        ("consumer", [D(2026, 2, 1)], D(2027, 3, 10)),
    ],
)
def test_written_claims(regime, claims, expected):
    assert limitation.limitation_date(regime, D(2025, 3, 10), written_claims=claims) == expected


@pytest.mark.parametrize(
    ("regime", "due", "acks", "suspensions", "expected"),
    [
        # Mediation 2024-01-10..2024-03-09 = 22 + 29 + 9 = 60 days (leap year):
        # 2025-03-10 + 60 d = 2025-05-09.
        ("professional", D(2020, 3, 10), [], [(D(2024, 1, 10), D(2024, 3, 9))], D(2025, 5, 9)),
        # Starting on the limitation date still counts; one day long: + 1 day gives
        # 2025-03-11, but six months run again after its end: 2025-09-10 (C. civ. 2238 al. 2).
        ("professional", D(2020, 3, 10), [], [(D(2025, 3, 10), D(2025, 3, 10))], D(2025, 9, 10)),
        # Starting after it: nothing.
        ("professional", D(2020, 3, 10), [], [(D(2025, 3, 11), D(2025, 6, 1))], D(2025, 3, 10)),
        # Two suspensions; the second starts after the original date but before the pushed
        # one: 2025-03-10 -> max(2025-03-20, 2025-09-10) = 2025-09-10, then
        # max(2025-09-15, 2025-09-19) = 2025-09-19.
        (
            "professional",
            D(2020, 3, 10),
            [],
            [(D(2025, 3, 15), D(2025, 3, 19)), (D(2025, 3, 1), D(2025, 3, 10))],
            D(2025, 9, 19),
        ),
        # Mediation 1 Feb - 31 Aug 2025 (212 d) on a claim ending 30 Apr 2025: 212 d later is
        # 2025-11-28, six months after its end 2026-02-28: the later one.
        ("professional", D(2020, 4, 30), [], [(D(2025, 2, 1), D(2025, 8, 31))], D(2026, 2, 28)),
        # A long mediation: 2 years from 2023-01-01 on a claim ending 2025-03-10: + 731 d.
        (
            "professional",
            D(2020, 3, 10),
            [],
            [(D(2023, 1, 1), D(2024, 12, 31))],
            D(2027, 3, 11),
        ),
        # An ack after a suspension starts a new period from the ack.
        (
            "consumer",
            D(2024, 1, 1),
            [D(2025, 6, 1)],
            [(D(2025, 1, 1), D(2025, 1, 31))],
            D(2027, 6, 1),
        ),
        # Public body: 2029-12-31 + 31 days, or six months after 31 Dec 2029: 30 Jun 2030.
        ("public", D(2025, 3, 10), [], [(D(2029, 12, 1), D(2029, 12, 31))], D(2030, 6, 30)),
        # A suspension lets a later ack count: 2025-03-10 pushed to 2025-05-09, ack 2025-04-01.
        (
            "professional",
            D(2020, 3, 10),
            [D(2025, 4, 1)],
            [(D(2024, 1, 10), D(2024, 3, 9))],
            D(2030, 4, 1),
        ),
    ],
)
def test_suspensions(regime, due, acks, suspensions, expected):
    result = limitation.limitation_date(regime, due, acknowledgements=acks, suspensions=suspensions)
    assert result == expected


def test_errors():
    with pytest.raises(ValueError):
        limitation.limitation_date("charity", D(2025, 3, 10))
    with pytest.raises(ValueError):
        limitation.limitation_date(
            "professional", D(2025, 3, 10), suspensions=[(D(2025, 5, 2), D(2025, 5, 1))]
        )


events = st.lists(st.dates(D(2015, 1, 1), D(2040, 12, 31)), max_size=5)


@given(
    st.sampled_from(["professional", "consumer", "public"]),
    st.dates(D(2015, 1, 1), D(2030, 12, 31)),
    events,
    events,
    st.dates(D(2015, 1, 1), D(2040, 12, 31)),
)
def test_events_never_shorten(regime, due, acks, claims, extra):
    base = limitation.limitation_date(regime, due)
    with_events = limitation.limitation_date(
        regime, due, acknowledgements=acks, written_claims=claims
    )
    assert with_events >= base
    more = limitation.limitation_date(
        regime, due, acknowledgements=[*acks, extra], written_claims=claims
    )
    assert more >= with_events
    shuffled = limitation.limitation_date(
        regime, due, acknowledgements=list(reversed(acks)), written_claims=claims
    )
    assert shuffled == with_events
    suspended = limitation.limitation_date(
        regime, due, acknowledgements=acks, suspensions=[(extra, extra + timedelta(days=9))]
    )
    without = limitation.limitation_date(regime, due, acknowledgements=acks)
    assert suspended >= without


@given(
    regime=st.sampled_from(sorted(limitation.REGIMES)),
    due=st.dates(min_value=D(2000, 1, 1), max_value=D(2040, 12, 31)),
    invoice_days_before=st.integers(min_value=0, max_value=400),
    until=st.dates(min_value=D(2000, 1, 1), max_value=D(2045, 12, 31)),
)
def test_starts_too_late_never_hides_a_limitation(regime, due, invoice_days_before, until):
    """The cheap test before the exact date: a claim it leaves out is never time-barred by
    ``until``, under any regime."""
    invoice = due - timedelta(days=invoice_days_before)
    if limitation.starts_too_late(invoice, until):
        assert limitation.limitation_date(regime, due, invoice) > until


def test_starts_too_late_on_the_edge():
    assert not limitation.starts_too_late(D(2024, 6, 15), D(2026, 6, 15))
    assert limitation.starts_too_late(D(2024, 6, 16), D(2026, 6, 15))
    assert limitation.limitation_date("consumer", D(2024, 6, 16), D(2024, 6, 16)) > D(2026, 6, 15)
