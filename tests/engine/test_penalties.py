"""Tests of debt_recovery.engine.penalties (pure Python, no Odoo)."""

from dataclasses import replace
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from odoo.addons.debt_recovery.engine import interest, penalties
from odoo.addons.debt_recovery.engine.penalties import Claim, Rates, Settlement, Terms


def D(y, m, d):
    """Shorthand for date(y, m, d)."""
    return date(y, m, d)


# ECB main refinancing operations rate (date_from, %), DOMAIN.md 2 and 2b.
ECB = [
    (D(2014, 9, 10), 0.05),
    (D(2016, 3, 16), 0.00),
    (D(2022, 7, 27), 0.50),
    (D(2022, 9, 14), 1.25),
    (D(2022, 11, 2), 2.00),
    (D(2022, 12, 21), 2.50),
    (D(2023, 2, 8), 3.00),
    (D(2023, 3, 22), 3.50),
    (D(2023, 5, 10), 3.75),
    (D(2023, 6, 21), 4.00),
    (D(2023, 8, 2), 4.25),
    (D(2023, 9, 20), 4.50),
    (D(2024, 6, 12), 4.25),
    (D(2024, 9, 18), 3.65),
    (D(2024, 10, 23), 3.40),
    (D(2024, 12, 18), 3.15),
    (D(2025, 2, 5), 2.90),
    (D(2025, 3, 12), 2.65),
    (D(2025, 4, 23), 2.40),
    (D(2025, 6, 11), 2.15),
]

# French legal interest rate, "tous les autres cas" column, per half-year (H1, H2).
LEGAL_BY_YEAR = {
    2015: (0.93, 0.99),
    2016: (1.01, 0.93),
    2017: (0.90, 0.90),
    2018: (0.89, 0.88),
    2019: (0.86, 0.87),
    2020: (0.87, 0.84),
    2021: (0.79, 0.76),
    2022: (0.76, 0.77),
    2023: (2.06, 4.22),
    2024: (5.07, 4.92),
    2025: (3.71, 2.76),
    2026: (2.62,),
}
LEGAL = [
    (D(year, 1 + 6 * half, 1), rate)
    for year, rates in LEGAL_BY_YEAR.items()
    for half, rate in enumerate(rates)
]

RATES = Rates(ecb=interest.RateTable(ECB), legal=interest.RateTable(LEGAL))
NO_RATES = Rates(ecb=interest.RateTable([]), legal=interest.RateTable([]))

PRO = Terms("professional", indemnity=40.0)
PRO_FIXED = Terms("professional", mode="fixed", fixed_rate=5.0, indemnity=40.0)
PUBLIC = Terms("public", indemnity=40.0)
CONSUMER = Terms("consumer", indemnity=40.0)


def expected(*parts):
    """Hand computation: sum of (base, rate %, days) as base x rate x days / 36500, rounded once."""
    numerator = sum((Decimal(str(b)) * Decimal(str(r)) * d for b, r, d in parts), Decimal(0))
    return float((numerator / Decimal(36500)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def pay(y, m, d, amount):
    return Settlement(D(y, m, d), amount)


def credit(y, m, d, amount):
    return Settlement(D(y, m, d), amount, credit=True)


def test_rate_tables():
    assert RATES.ecb.rate_at(D(2025, 1, 1)) == 3.15
    assert RATES.ecb.rate_at(D(2025, 7, 1)) == 2.15
    assert RATES.ecb.rate_at(D(2023, 7, 1)) == 4.00  # 4.25 only from 2 Aug 2023
    assert RATES.legal.rate_at(D(2024, 1, 1)) == 5.07
    assert RATES.legal.rate_at(D(2026, 1, 1)) == 2.62


@pytest.mark.parametrize(
    ("claim", "terms", "at", "interest_", "indemnity"),
    [
        # Anchor: 1000 due 2025-05-15, nothing paid, ECB + 10. ECB on 1 Jan 2025 = 3.15, on
        # 1 Jul 2025 = 2.15: 05-16..06-30 = 46 d at 13.15 %, 07-01..08-10 = 41 d at 12.15 %.
        (
            Claim(1000, D(2025, 5, 15)),
            PRO,
            D(2025, 8, 10),
            expected((1000, 13.15, 46), (1000, 12.15, 41)),
            40.0,
        ),
        # Same numbers as a literal: (604900 + 498150) / 36500 = 30.2205...
        (Claim(1000, D(2025, 5, 15)), PRO, D(2025, 8, 10), 30.22, 40.0),
        # Semester change 2024: 46 d at 14.50 %, 41 d at 14.25 % = 34.2808...
        (Claim(1000, D(2024, 5, 15)), PRO, D(2024, 8, 10), 34.28, 40.0),
        # Year end: 2024-12-02..31 = 30 d at 14.25 %, 2025-01-01..31 = 31 d at 13.15 %.
        (
            Claim(5000, D(2024, 12, 1)),
            PRO,
            D(2025, 1, 31),
            expected((5000, 14.25, 30), (5000, 13.15, 31)),
            40.0,
        ),
        # Leap year: 2024-02-16..03-15 = 29 d (29 Feb included) at 14.50 %, still / 365.
        (Claim(10000, D(2024, 2, 15)), PRO, D(2024, 3, 15), 115.21, 40.0),
        # Same dates in 2023: 28 d at 12.50 % (ECB 2.50 on 1 Jan 2023) = 95.890...
        (Claim(10000, D(2023, 2, 15)), PRO, D(2023, 3, 15), 95.89, 40.0),
        # Margin of 8 (EU minimum): 46 d at 11.15 %, 41 d at 10.15 %.
        (
            Claim(1000, D(2025, 5, 15)),
            replace(PRO, margin=8.0),
            D(2025, 8, 10),
            expected((1000, 11.15, 46), (1000, 10.15, 41)),
            40.0,
        ),
        # Not late yet / on the due date: nothing.
        (Claim(1000, D(2025, 5, 15)), PRO, D(2025, 5, 15), 0.0, 0.0),
        (Claim(1000, D(2025, 5, 15)), PRO, D(2025, 5, 1), 0.0, 0.0),
        # Nothing due: zero or negative amount, full credit note.
        (Claim(0, D(2025, 5, 15)), PRO, D(2025, 8, 10), 0.0, 0.0),
        (Claim(-100, D(2025, 5, 15)), PRO, D(2025, 8, 10), 0.0, 0.0),
        (Claim(1000, D(2025, 5, 15), (credit(2025, 9, 1, 1000),)), PRO, D(2025, 8, 10), 0.0, 0.0),
        # Mode "none": no interest, the indemnity still follows its rules.
        (Claim(1000, D(2025, 5, 15)), replace(PRO, mode="none"), D(2025, 8, 10), 0.0, 40.0),
        (Claim(1000, D(2025, 5, 15)), replace(PUBLIC, mode="none"), D(2025, 8, 10), 0.0, 40.0),
    ],
)
def test_professional(claim, terms, at, interest_, indemnity):
    result = penalties.compute(claim, terms, RATES, at)
    assert (result.interest, result.indemnity) == (interest_, indemnity)


def test_professional_partial_payments_and_credit_note():
    """1200 due 2024-03-31; a 200 credit note (dated later: it still counts from the start),
    300 paid 2024-04-30, 500 paid 2024-08-15, 200 still open on 2024-09-30; ECB + 10:
    14.50 % in H1 2024 (ECB 4.50 on 1 Jan), 14.25 % in H2 (ECB 4.25 on 1 Jul).

    By segment, each amount from 2024-04-01 through the day it was paid (or at_date):
      300: 04-01..04-30 = 30 d at 14.50                   -> 300 x 14.50 x 30 = 130500
      500: 04-01..06-30 = 91 d at 14.50, 07-01..08-15 = 46 d at 14.25
                                                           -> 659750 + 327750
      200: 04-01..06-30 = 91 d at 14.50, 07-01..09-30 = 92 d at 14.25
                                                           -> 263900 + 262200
    total 1644100 / 36500 = 45.0438... -> 45.04.
    """
    claim = Claim(
        1200,
        D(2024, 3, 31),
        (pay(2024, 8, 15, 500), credit(2024, 6, 15, 200), pay(2024, 4, 30, 300)),
    )
    numerator = sum(
        Decimal(b) * Decimal(r) * d
        for b, r, d in [
            (300, "14.50", 30),
            (500, "14.50", 91),
            (500, "14.25", 46),
            (200, "14.50", 91),
            (200, "14.25", 92),
        ]
    )
    assert numerator == 1644100
    hand = float((numerator / 36500).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))
    result = penalties.compute(claim, PRO, RATES, D(2024, 9, 30))
    assert result.interest == hand == 45.04
    assert result.indemnity == 40.0
    # The same by balance: one period per half-year and balance.
    assert [(p.date_from, p.date_to, p.days, p.rate, p.base) for p in result.periods] == [
        (D(2024, 4, 1), D(2024, 4, 30), 30, 14.5, 1000.0),
        (D(2024, 5, 1), D(2024, 6, 30), 61, 14.5, 700.0),
        (D(2024, 7, 1), D(2024, 8, 15), 46, 14.25, 700.0),
        (D(2024, 8, 16), D(2024, 9, 30), 46, 14.25, 200.0),
    ]
    assert result.periods[0].amount == pytest.approx(1000 * 14.5 * 30 / 36500)
    fast = penalties.compute(claim, PRO, RATES, D(2024, 9, 30), with_periods=False)
    assert fast == penalties.Penalties(45.04, 40.0, ())


@pytest.mark.parametrize(
    ("settlements", "at", "interest_", "indemnity"),
    [
        # Paid late and now settled: 10 d at 13.15 %; the indemnity stays owed.
        ((pay(2025, 2, 10, 1000),), D(2025, 6, 1), expected((1000, 13.15, 10)), 40.0),
        # Paid on the due date: nothing.
        ((pay(2025, 1, 31, 1000),), D(2025, 6, 1), 0.0, 0.0),
        # Paid early, overpaid in two payments: clamped, nothing.
        ((pay(2025, 1, 10, 600), pay(2025, 1, 20, 600)), D(2025, 6, 1), 0.0, 0.0),
        # Half on time, half 20 days late: 500 x 13.15 % x 20 d.
        (
            (pay(2025, 1, 31, 500), pay(2025, 2, 20, 500)),
            D(2025, 6, 1),
            expected((500, 13.15, 20)),
            40.0,
        ),
        # A payment after at_date is not paid yet: the whole amount accrues through at_date.
        ((pay(2025, 7, 1, 1000),), D(2025, 3, 1), expected((1000, 13.15, 29)), 40.0),
        # Payments beyond the amount are clamped: the second one applies only 200.
        (
            (pay(2025, 2, 10, 800), pay(2025, 2, 20, 900)),
            D(2025, 6, 1),
            expected((800, 13.15, 10), (200, 13.15, 20)),
            40.0,
        ),
        # Credit note for part, then the rest paid late.
        (
            (credit(2025, 3, 1, 400), pay(2025, 2, 10, 600)),
            D(2025, 6, 1),
            expected((600, 13.15, 10)),
            40.0,
        ),
    ],
)
def test_settlements_and_indemnity(settlements, at, interest_, indemnity):
    claim = Claim(1000, D(2025, 1, 31), settlements)
    result = penalties.compute(claim, PRO, RATES, at)
    assert (result.interest, result.indemnity) == (interest_, indemnity)
    assert penalties.owes_indemnity(claim, PRO, at) == bool(indemnity)


@pytest.mark.parametrize(
    ("terms", "due", "at", "interest_"),
    [
        # Fixed 5 % in 2024: floor 3 x 5.07 = 15.21 % in H1, 3 x 4.92 = 14.76 % in H2:
        # 06-01..06-30 = 30 d, 07-01..07-31 = 31 d -> (456300 + 457560) / 36500 = 25.037...
        (PRO_FIXED, D(2024, 5, 31), D(2024, 7, 31), expected((1000, 15.21, 30), (1000, 14.76, 31))),
        (PRO_FIXED, D(2024, 5, 31), D(2024, 7, 31), 25.04),
        # Fixed 20 %: above the floor, kept: 61 d at 20 %.
        (
            replace(PRO_FIXED, fixed_rate=20.0),
            D(2024, 5, 31),
            D(2024, 7, 31),
            expected((1000, 20, 61)),
        ),
        # 2022 H1: floor 3 x 0.76 = 2.28 %, below 5 %: 5 % for 30 d.
        (PRO_FIXED, D(2022, 3, 31), D(2022, 4, 30), expected((1000, 5, 30))),
        # Fixed 0 %: the floor alone, 3 x 3.71 = 11.13 % in H1 2025.
        (
            replace(PRO_FIXED, fixed_rate=0.0),
            D(2025, 3, 31),
            D(2025, 4, 30),
            expected((1000, 11.13, 30)),
        ),
    ],
)
def test_professional_fixed_mode_floor(terms, due, at, interest_):
    assert penalties.compute(Claim(1000, due), terms, RATES, at).interest == interest_


def test_fixed_mode_periods_show_the_floor():
    result = penalties.compute(Claim(1000, D(2024, 5, 31)), PRO_FIXED, RATES, D(2024, 7, 31))
    assert [p.rate for p in result.periods] == [15.21, 14.76]


@pytest.mark.parametrize(
    ("due", "at", "rate", "parts"),
    [
        # The delay starts 2023-11-16 (H2 2023): ECB on 1 Jul 2023 = 4.00 (4.25 only from
        # 2 Aug), + 8 = 12.00 % for the whole delay, into 2024 (where B2B would be 14.50 %):
        # 11-16..12-31 = 46 d, 2024-01-01..02-15 = 46 d.
        (D(2023, 11, 15), D(2024, 2, 15), 12.0, [(1000, 12, 46), (1000, 12, 46)]),
        # The delay starts 2024-01-01: ECB 4.50 on 1 Jan 2024 -> 12.50 %, kept in 2025.
        (
            D(2023, 12, 31),
            D(2025, 1, 31),
            12.5,
            [(1000, 12.5, 182), (1000, 12.5, 184), (1000, 12.5, 31)],
        ),
        # Due 2023-06-30: the delay starts 1 Jul 2023 -> 12.00 %.
        (D(2023, 6, 30), D(2023, 7, 10), 12.0, [(1000, 12, 10)]),
        # Due 2023-06-29: the delay starts 30 Jun 2023 (H1, ECB 2.50) -> 10.50 % throughout.
        (D(2023, 6, 29), D(2023, 7, 10), 10.5, [(1000, 10.5, 1), (1000, 10.5, 10)]),
    ],
)
def test_public_body_one_rate(due, at, rate, parts):
    result = penalties.compute(Claim(1000, due), PUBLIC, RATES, at)
    assert result.interest == expected(*parts)
    assert {p.rate for p in result.periods} == {rate}
    assert [p.days for p in result.periods] == [d for *_, d in parts]
    assert result.indemnity == 40.0
    # "fixed" mode follows the same public rule.
    fixed = penalties.compute(Claim(1000, due), replace(PUBLIC, mode="fixed"), RATES, at)
    assert fixed.interest == result.interest


@pytest.mark.parametrize(
    ("due", "rate"),
    [
        # The delay begins on 1 Jan 2024 (H1 2024, ECB 4.50): 12.50 %.
        (D(2023, 12, 31), 12.5),
        # Begins on 31 Dec 2023 (H2 2023, ECB on 1 Jul 2023: 4.00): 12.00 %.
        (D(2023, 12, 30), 12.0),
        # Begins on 1 Jul 2024 (H2 2024, ECB 4.25): 12.25 %.
        (D(2024, 6, 30), 12.25),
        # Begins on 1 Jan 2025 (H1 2025, ECB 3.15): 11.15 %.
        (D(2024, 12, 31), 11.15),
    ],
)
def test_public_rate_is_the_half_year_the_delay_began(due, rate):
    assert penalties.public_rate(due, 8.0, RATES.ecb) == rate
    # The periods of the computation carry that rate, whatever half-year the letter is in.
    result = penalties.compute(Claim(1000, due), PUBLIC, RATES, D(2025, 9, 30))
    assert {p.rate for p in result.periods} == {rate}


def test_public_body_anchor_value():
    # 92 d at 12 %: 1000 x 12 x 92 / 36500 = 30.2465... -> 30.25.
    assert (
        penalties.compute(Claim(1000, D(2023, 11, 15)), PUBLIC, RATES, D(2024, 2, 15)).interest
        == 30.25
    )


@pytest.mark.parametrize(
    ("terms", "notice", "interest_"),
    [
        # No formal notice: nothing, whatever the delay.
        (CONSUMER, None, 0.0),
        # Legal rate from notice + 1: 2024-06-11..06-30 = 20 d at 5.07 %, 07-01..08-31 =
        # 62 d at 4.92 %: 2000 x (101.4 + 305.04) / 36500 = 22.2706... -> 22.27.
        (CONSUMER, D(2024, 6, 10), 22.27),
        (CONSUMER, D(2024, 6, 10), expected((2000, 5.07, 20), (2000, 4.92, 62))),
        # Contractual 12 % from the due date when the terms make it a notice:
        # 2024-03-02..08-31 = 183 d -> 2000 x 12 x 183 / 36500 = 120.328... -> 120.33.
        (replace(CONSUMER, consumer_rate=12.0, consumer_rate_from_due=True), None, 120.33),
        (
            replace(CONSUMER, consumer_rate=12.0, consumer_rate_from_due=True),
            D(2024, 6, 10),
            120.33,
        ),
        # Contractual 12 % without that clause: from the notice, 82 d -> 53.917... -> 53.92.
        (replace(CONSUMER, consumer_rate=12.0), D(2024, 6, 10), 53.92),
        (replace(CONSUMER, consumer_rate=12.0), None, 0.0),
        # The clause without a contractual rate changes nothing: legal rate from the notice.
        (replace(CONSUMER, consumer_rate_from_due=True), D(2024, 6, 10), 22.27),
        (replace(CONSUMER, consumer_rate_from_due=True), None, 0.0),
        # A notice before the due date counts from the due date: 03-02..06-30 = 121 d at 5.07 %,
        # 62 d at 4.92 %.
        (CONSUMER, D(2024, 2, 1), expected((2000, 5.07, 121), (2000, 4.92, 62))),
        # Mode "none": nothing.
        (
            replace(CONSUMER, mode="none", consumer_rate=12.0, consumer_rate_from_due=True),
            None,
            0.0,
        ),
    ],
)
def test_consumer(terms, notice, interest_):
    claim = Claim(2000, D(2024, 3, 1), notice_date=notice)
    result = penalties.compute(claim, terms, RATES, D(2024, 8, 31))
    assert result.interest == interest_
    assert result.indemnity == 0.0  # never for a consumer
    assert not penalties.owes_indemnity(claim, terms, D(2024, 8, 31))


def test_consumer_contractual_rate_needs_no_reference_rate():
    terms = replace(CONSUMER, consumer_rate=12.0, consumer_rate_from_due=True)
    result = penalties.compute(Claim(2000, D(2024, 3, 1)), terms, NO_RATES, D(2024, 8, 31))
    assert result.interest == 120.33


@pytest.mark.parametrize(
    ("due", "insolvency", "interest_", "indemnity"),
    [
        # Interest stops at the opening judgment (that day accrued): 05-16..06-30 = 46 d at
        # 13.15 %, 07-01..07-10 = 10 d at 12.15 %; the indemnity of an invoice due before stays.
        (D(2025, 5, 15), D(2025, 7, 10), expected((1000, 13.15, 46), (1000, 12.15, 10)), 40.0),
        (D(2025, 5, 15), D(2025, 7, 10), 19.90, 40.0),
        # A judgment after at_date changes nothing.
        (D(2025, 5, 15), D(2025, 9, 1), 30.22, 40.0),
        # Invoices due on or after the judgment: no interest, no indemnity.
        (D(2025, 7, 10), D(2025, 7, 10), 0.0, 0.0),
        (D(2025, 7, 20), D(2025, 7, 10), 0.0, 0.0),
    ],
)
def test_insolvency(due, insolvency, interest_, indemnity):
    claim = Claim(1000, due, insolvency_date=insolvency)
    result = penalties.compute(claim, PRO, RATES, D(2025, 8, 10))
    assert (result.interest, result.indemnity) == (interest_, indemnity)
    if interest_:
        assert result.periods[-1].date_to == min(insolvency, D(2025, 8, 10))


def test_insolvency_payment_after_judgment_accrues_to_it():
    # Paid 2025-08-01, after the 2025-07-10 judgment: it accrues only through 2025-07-10.
    claim = Claim(1000, D(2025, 5, 15), (pay(2025, 8, 1, 1000),), insolvency_date=D(2025, 7, 10))
    assert penalties.compute(claim, PRO, RATES, D(2025, 8, 10)).interest == 19.90


@pytest.mark.parametrize(
    ("claim", "terms"),
    [
        (Claim(1000, D(2025, 5, 15)), PRO),
        (Claim(1000, D(2025, 5, 15)), PRO_FIXED),
        (Claim(1000, D(2025, 5, 15)), PUBLIC),
        (Claim(1000, D(2025, 5, 15), notice_date=D(2025, 6, 1)), CONSUMER),
    ],
)
def test_start_date(claim, terms):
    assert penalties.start_date(claim, terms) == (claim.notice_date or claim.due_date)


def test_start_date_none():
    claim = Claim(1000, D(2025, 5, 15))
    assert penalties.start_date(claim, CONSUMER) is None
    assert penalties.start_date(claim, replace(PRO, mode="none")) is None
    assert penalties.start_date(replace(claim, insolvency_date=D(2025, 5, 15)), PRO) is None


@pytest.mark.parametrize(
    ("claim", "terms", "at", "rate_type", "day"),
    [
        # ECB known from 2014-09-10: the half-year of 2014-05-02 starts on 2014-01-01.
        (Claim(1000, D(2014, 5, 1)), PRO, D(2014, 12, 1), "ecb", D(2014, 1, 1)),
        (Claim(1000, D(2014, 5, 1)), PUBLIC, D(2014, 12, 1), "ecb", D(2014, 1, 1)),
        # Legal rate known from 2015-01-01.
        (Claim(1000, D(2014, 9, 1)), PRO_FIXED, D(2015, 2, 1), "legal", D(2014, 7, 1)),
        (
            Claim(1000, D(2014, 5, 1), notice_date=D(2014, 8, 1)),
            CONSUMER,
            D(2015, 2, 1),
            "legal",
            D(2014, 7, 1),
        ),
    ],
)
def test_missing_rate(claim, terms, at, rate_type, day):
    with pytest.raises(penalties.MissingRateError) as info:
        penalties.compute(claim, terms, RATES, at)
    assert (info.value.rate_type, info.value.day) == (rate_type, day)
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize(
    ("claim", "terms", "at"),
    [
        # No rate is looked up when none is needed.
        (Claim(1000, D(2025, 5, 15)), PRO, D(2025, 5, 15)),  # not late
        (Claim(1000, D(2025, 5, 15)), replace(PRO, mode="none"), D(2025, 8, 1)),
        (Claim(1000, D(2025, 5, 15)), CONSUMER, D(2025, 8, 1)),  # no notice
        (Claim(1000, D(2025, 5, 15), (pay(2025, 5, 1, 1000),)), PRO, D(2025, 8, 1)),  # paid
        (Claim(1000, D(2025, 5, 15), (credit(2025, 6, 1, 1000),)), PUBLIC, D(2025, 8, 1)),
    ],
)
def test_no_rate_needed(claim, terms, at):
    assert penalties.compute(claim, terms, NO_RATES, at).interest == 0.0


def test_missing_rate_error_is_shared():
    assert penalties.MissingRateError is interest.MissingRateError


def test_unknown_regime_or_mode():
    with pytest.raises(ValueError):
        penalties.compute(Claim(1000, D(2025, 5, 15)), Terms("charity"), RATES, D(2025, 8, 1))
    with pytest.raises(ValueError):
        penalties.compute(
            Claim(1000, D(2025, 5, 15)), Terms("public", mode="usury"), RATES, D(2025, 8, 1)
        )


def test_rounding_to_units():
    result = penalties.compute(
        Claim(1000, D(2025, 5, 15)), PRO, RATES, D(2025, 8, 10), rounding=1.0
    )
    assert result.interest == 30.0


# Property tests ---------------------------------------------------------------------

amounts = st.decimals(min_value="0.01", max_value="100000", places=2).map(float)
days_from_due = st.integers(-60, 700)
settlement_st = st.tuples(days_from_due, amounts, st.booleans())
regimes = st.sampled_from(penalties.REGIMES)
modes = st.sampled_from(["legal", "fixed", "none"])
percent = st.decimals(min_value="0", max_value="20", places=2).map(float)


@st.composite
def cases(draw):
    """A random claim and terms, with dates where every reference rate is known."""
    due = draw(st.dates(D(2016, 1, 1), D(2025, 12, 31)))
    raw = draw(st.lists(settlement_st, max_size=5))
    settlements = tuple(
        Settlement(due + timedelta(days=offset), amount, credit) for offset, amount, credit in raw
    )
    notice = draw(st.none() | st.integers(-30, 400).map(lambda n: due + timedelta(days=n)))
    insolvency = draw(st.none() | st.integers(-30, 800).map(lambda n: due + timedelta(days=n)))
    claim = Claim(draw(amounts), due, settlements, notice, insolvency)
    terms = Terms(
        draw(regimes),
        mode=draw(modes),
        margin=draw(percent),
        fixed_rate=draw(percent),
        public_margin=draw(percent),
        indemnity=40.0,
        consumer_rate=draw(st.sampled_from([0.0, 5.0, 12.0])),
        consumer_rate_from_due=draw(st.booleans()),
    )
    at = due + timedelta(days=draw(st.integers(-30, 800)))
    return claim, terms, at


@given(cases())
def test_never_negative_and_same_total_without_periods(case):
    claim, terms, at = case
    full = penalties.compute(claim, terms, RATES, at)
    fast = penalties.compute(claim, terms, RATES, at, with_periods=False)
    assert full.interest >= 0 and full.indemnity >= 0
    assert fast == penalties.Penalties(full.interest, full.indemnity, ())
    assert full.indemnity == (40.0 if penalties.owes_indemnity(claim, terms, at) else 0.0)
    periods = full.periods
    for prev, cur in zip(periods, periods[1:], strict=False):
        assert cur.date_from == prev.date_to + timedelta(days=1)
        assert cur.base <= prev.base
    for p in periods:
        assert p.days == (p.date_to - p.date_from).days + 1 > 0
        assert interest.half_year_start(p.date_from) == interest.half_year_start(p.date_to)
        assert p.base > 0 and p.rate >= 0 and p.amount >= 0
        assert p.date_to <= at
    unrounded = sum((Decimal(str(p.amount)) for p in periods), Decimal(0))
    assert abs(float(unrounded) - full.interest) <= 0.005 + 1e-6


@given(st.lists(cases(), min_size=1, max_size=8), st.integers(0, 3))
def test_shared_factors_give_the_same_penalties(batch, repeat):
    """The sums of rate x days kept from one claim to the next (the daily job's batches) give
    exactly what each claim alone gives, whatever the mix of regimes, payments and dates."""
    factors = {}
    for claim, terms, at in batch * (repeat + 1):
        alone = penalties.compute(claim, terms, RATES, at, with_periods=False)
        shared = penalties.compute(claim, terms, RATES, at, with_periods=False, factors=factors)
        assert shared == alone


def test_shared_factors_across_amounts_of_one_period():
    """Two invoices of the same due date and terms share the period's factor, each with its
    own amount, to the cent as computed alone."""
    terms = Terms("professional", mode="legal", margin=10.0, indemnity=40.0)
    factors = {}
    for amount in (1234.56, 99.99, 100000.0, 0.01):
        claim = Claim(amount, D(2023, 3, 15), (), None, None)
        at = D(2025, 2, 1)
        alone = penalties.compute(claim, terms, RATES, at, with_periods=False)
        shared = penalties.compute(claim, terms, RATES, at, with_periods=False, factors=factors)
        assert shared == alone
    assert len(factors) == 1


@given(cases(), st.integers(0, 400))
def test_monotone_in_at_date(case, extra):
    claim, terms, at = case
    first = penalties.compute(claim, terms, RATES, at)
    later = penalties.compute(claim, terms, RATES, at + timedelta(days=extra))
    assert first.interest <= later.interest
    assert first.indemnity <= later.indemnity


@given(cases(), st.data(), st.integers(1, 300))
def test_paying_earlier_never_costs_more(case, data, earlier):
    claim, terms, at = case
    indexes = [i for i, s in enumerate(claim.settlements) if not s.credit]
    if not indexes:
        return
    index = data.draw(st.sampled_from(indexes))
    moved = list(claim.settlements)
    moved[index] = replace(moved[index], date=moved[index].date - timedelta(days=earlier))
    sooner = replace(claim, settlements=tuple(moved))
    assert (
        penalties.compute(sooner, terms, RATES, at).interest
        <= penalties.compute(claim, terms, RATES, at).interest
    )


@given(cases(), amounts, days_from_due)
def test_credit_note_never_increases_interest(case, amount, offset):
    claim, terms, at = case
    note = Settlement(claim.due_date + timedelta(days=offset), amount, credit=True)
    credited = replace(claim, settlements=(*claim.settlements, note))
    assert (
        penalties.compute(credited, terms, RATES, at).interest
        <= penalties.compute(claim, terms, RATES, at).interest
    )


# ---------------------------------------------------------------- a consumer's plan
def test_no_interest_while_a_consumer_plan_is_active():
    """Notice received 10 Jan 2025, plan signed 1 Mar 2025 and terminated 15 Jun 2025 after
    its default notice went without effect: interest 11 Jan - 28 Feb (49 d at 3.71 %), none
    during the plan, then 16 - 30 Jun (15 d at 3.71 %) and 1 Jul - 30 Sep (92 d at 2.76 %)."""
    claim = Claim(
        1000,
        D(2024, 12, 1),
        notice_date=D(2025, 1, 10),
        interest_free=((D(2025, 3, 1), D(2025, 6, 15)),),
    )
    result = penalties.compute(claim, CONSUMER, RATES, D(2025, 9, 30))
    assert [(p.date_from, p.date_to, p.days, p.rate) for p in result.periods] == [
        (D(2025, 1, 11), D(2025, 2, 28), 49, 3.71),
        (D(2025, 6, 16), D(2025, 6, 30), 15, 3.71),
        (D(2025, 7, 1), D(2025, 9, 30), 92, 2.76),
    ]
    # 1000 x (3.71 x 64 + 2.76 x 92) / 36500 = 13.4619... -> 13.46.
    assert result.interest == 13.46
    assert penalties.compute(claim, CONSUMER, RATES, D(2025, 9, 30), with_periods=False) == (
        penalties.Penalties(13.46, 0.0, ())
    )


@pytest.mark.parametrize(
    ("window", "interest_"),
    [
        # Signed before the notice, last instalment after the letter date: nothing accrues.
        ((D(2024, 12, 20), D(2026, 1, 31)), 0.0),
        # Plan from the notice's receipt through 31 Mar 2025: 1 Apr - 30 Jun = 91 d at 3.71 %.
        ((D(2025, 1, 10), D(2025, 3, 31)), round(1000 * 3.71 * 91 / 36500, 2)),
        # Ended before the notice: no effect (11 Jan - 30 Jun 2025 = 171 d).
        ((D(2024, 12, 2), D(2024, 12, 31)), round(1000 * 3.71 * 171 / 36500, 2)),
    ],
)
def test_interest_free_windows(window, interest_):
    claim = Claim(1000, D(2024, 12, 1), notice_date=D(2025, 1, 10), interest_free=(window,))
    assert penalties.compute(claim, CONSUMER, RATES, D(2025, 6, 30)).interest == interest_


def test_a_payment_during_the_plan_lowers_the_base_after_it():
    """500 paid on 1 Apr 2025, inside the plan: interest after the plan runs on 500."""
    claim = Claim(
        1000,
        D(2024, 12, 1),
        settlements=(Settlement(D(2025, 4, 1), 500),),
        notice_date=D(2025, 1, 10),
        interest_free=((D(2025, 3, 1), D(2025, 5, 31)),),
    )
    result = penalties.compute(claim, CONSUMER, RATES, D(2025, 6, 30))
    assert [(p.days, p.base) for p in result.periods] == [(49, 1000.0), (30, 500.0)]


@given(cases(), st.integers(0, 800), st.integers(0, 400))
def test_an_interest_free_window_never_adds_interest(case, offset, length):
    claim, terms, at = case
    first = claim.due_date + timedelta(days=offset)
    free = replace(claim, interest_free=((first, first + timedelta(days=length)),))
    assert (
        penalties.compute(free, terms, RATES, at).interest
        <= penalties.compute(claim, terms, RATES, at).interest
    )


# ---------------------------------------------------------------- rates confirmed through
CONFIRMED = Rates(
    ecb=interest.RateTable(ECB, confirmed_through=D(2026, 1, 1)),
    legal=interest.RateTable(LEGAL, confirmed_through=D(2026, 1, 1)),
)


@pytest.mark.parametrize(
    ("terms", "due", "at", "rate_type", "half_year"),
    [
        # A professional's penalties into the second half of 2026: the ECB rate of 1 Jul 2026.
        (PRO, D(2026, 5, 31), D(2026, 7, 1), "ecb", D(2026, 7, 1)),
        # A fixed rate's floor needs the legal rate of that half-year too.
        (PRO_FIXED, D(2026, 5, 31), D(2026, 8, 15), "legal", D(2026, 7, 1)),
        # A public body whose delay began in H2 2026.
        (PUBLIC, D(2026, 6, 30), D(2026, 7, 2), "ecb", D(2026, 7, 1)),
    ],
)
def test_a_period_beyond_the_confirmed_date_stops(terms, due, at, rate_type, half_year):
    with pytest.raises(interest.UnconfirmedRateError) as error:
        penalties.compute(Claim(1000, due), terms, CONFIRMED, at)
    assert (error.value.rate_type, error.value.day) == (rate_type, half_year)
    assert error.value.confirmed_through == D(2026, 1, 1)
    # It is a missing rate too, for callers that handle those.
    assert isinstance(error.value, interest.MissingRateError)


def test_the_last_known_rate_is_not_reused_beyond_confirmation():
    # Through 30 June 2026 the H1 2026 rate applies (ECB 2.15 on 1 Jan 2026 + 10 = 12.15 %).
    result = penalties.compute(Claim(1000, D(2026, 5, 31)), PRO, CONFIRMED, D(2026, 6, 30))
    assert {p.rate for p in result.periods} == {12.15}
    # A public body's delay begun in H1 2026 keeps its one rate after June: no H2 lookup.
    public = penalties.compute(Claim(1000, D(2026, 6, 29)), PUBLIC, CONFIRMED, D(2026, 9, 30))
    assert {p.rate for p in public.periods} == {10.15}
    # Without confirmation (None), no limit.
    assert penalties.compute(Claim(1000, D(2026, 5, 31)), PRO, RATES, D(2026, 7, 31)).interest


# ---------------------------------------------------------------- costs beyond the indemnity
@pytest.mark.parametrize(
    ("regime", "costs", "indemnities", "claimable"),
    [
        # A bailiff's invoice of 150 documented, two invoices' indemnities (80) claimed: 70.
        ("professional", [(150.0, True)], 80.0, 70.0),
        # Not documented: nothing; below the indemnities: nothing.
        ("professional", [(150.0, False)], 0.0, 0.0),
        ("professional", [(30.0, True)], 40.0, 0.0),
        ("public", [(100.0, True), (25.5, True), (70.0, False)], 40.0, 85.5),
        # Never from a consumer.
        ("consumer", [(150.0, True)], 0.0, 0.0),
    ],
)
def test_claimable_costs(regime, costs, indemnities, claimable):
    assert penalties.claimable_costs(regime, costs, indemnities) == claimable


# ---------------------------------------------------------------- public payment periods
@pytest.mark.parametrize(
    ("kind", "contract_days", "received", "due"),
    [
        # Received on 3 March 2025: 30 days for a local authority, 50 for a hospital, 60 for
        # a public undertaking.
        ("administration", 0, D(2025, 3, 3), D(2025, 4, 2)),
        ("health", 0, D(2025, 3, 3), D(2025, 4, 22)),
        ("undertaking", 0, D(2025, 3, 3), D(2025, 5, 2)),
        # A contract may only shorten it.
        ("administration", 20, D(2025, 3, 3), D(2025, 3, 23)),
        ("administration", 45, D(2025, 3, 3), D(2025, 4, 2)),
        # Unknown kind: the general 30 days.
        (None, 0, D(2024, 12, 20), D(2025, 1, 19)),
    ],
)
def test_public_payment_period_runs_from_the_receipt(kind, contract_days, received, due):
    assert penalties.public_due_date(kind, contract_days, received) == due


def test_moratorium_interest_from_the_end_of_the_legal_period():
    """A hospital received the invoice on 3 March 2025: interest from 23 April at the rate of
    the half-year the delay began (H1 2025: ECB 3.15 on 1 January + 8 = 11.15 %)."""
    due = penalties.public_due_date("health", 0, D(2025, 3, 3))
    result = penalties.compute(Claim(1000, due), PUBLIC, RATES, D(2025, 5, 22))
    assert result.periods[0].date_from == D(2025, 4, 23)
    assert result.interest == round(1000 * 0.1115 * 30 / 365, 2)
