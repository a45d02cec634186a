"""The closing's engine: doubtful reasons, the loss-rate matrix, rates and provisions."""

import doctest
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from odoo.addons.debt_recovery_accounting.engine import provision as prov
from odoo.addons.debt_recovery_accounting.engine.provision import (
    HistoricInvoice,
    InvoiceFacts,
    RateRule,
)

TODAY = date(2025, 12, 31)
DUE = date(2024, 6, 30)  # more than a year before TODAY
RULES = [
    RateRule("insolvency", 1.0),
    RateRule("litigation", 0.5),
    RateRule("settlement", 0.5),
    RateRule("dispute", 0.25),
    RateRule("overdue", 0.25, 180),
    RateRule("overdue", 0.5, 365),
]


def test_doctests():
    assert doctest.testmod(prov).failed == 0


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        (InvoiceFacts(days_overdue=10), ()),
        (InvoiceFacts(days_overdue=181), ("overdue",)),
        (InvoiceFacts(days_overdue=180), ()),
        (InvoiceFacts(days_overdue=5, case_state="litigation"), ("litigation",)),
        (InvoiceFacts(days_overdue=5, case_hold_reason="insolvency"), ("insolvency",)),
        (InvoiceFacts(days_overdue=5, invoice_hold_reason="insolvency"), ("insolvency",)),
        (InvoiceFacts(days_overdue=5, invoice_hold_reason="dispute"), ("dispute",)),
        (InvoiceFacts(days_overdue=5, case_hold_reason="settlement"), ("settlement",)),
        (InvoiceFacts(days_overdue=5, invoice_hold_reason="promise"), ()),
        (
            InvoiceFacts(days_overdue=400, case_state="litigation", invoice_hold_reason="dispute"),
            ("litigation", "dispute", "overdue"),
        ),
    ],
)
def test_doubtful_reasons(facts, expected):
    assert prov.doubtful_reasons(facts, 180) == expected


@pytest.mark.parametrize(
    ("days", "expected"),
    [(-10, 0), (0, 0), (29, 0), (30, 30), (59, 30), (90, 90), (179, 90), (180, 180), (365, 365)],
)
def test_bucket_start(days, expected):
    assert prov.bucket_start(days) == expected


def test_matrix_counts_and_rates():
    history = [
        # paid on time
        HistoricInvoice(1000, DUE, ((DUE, 1000),)),
        # paid 45 days late
        HistoricInvoice(500, DUE, ((DUE + timedelta(days=45), 500),)),
        # half paid at 100 days, the rest never
        HistoricInvoice(800, DUE, ((DUE + timedelta(days=100), 400),)),
        # never paid
        HistoricInvoice(200, DUE),
        # too young: left out
        HistoricInvoice(999, TODAY - timedelta(days=100)),
        # a receipt after today is not known yet
        HistoricInvoice(300, DUE, ((TODAY + timedelta(days=1), 300),)),
    ]
    matrix = {b.start_days: b for b in prov.loss_matrix(history, TODAY)}
    # at the due date: 1000 paid that day; 500 + 800 + 200 + 300 owed; lost 400 + 200 + 300
    assert matrix[0].exposure == Decimal(1800)
    assert matrix[0].count == 4
    assert matrix[0].loss == Decimal(900)
    assert matrix[0].rate == Decimal("0.5000")
    # 30 days: the same four
    assert matrix[30].rate == Decimal("0.5000")
    # 60 days: the 500 paid at 45 days is gone
    assert (matrix[60].exposure, matrix[60].count, matrix[60].rate) == (
        Decimal(1300),
        3,
        Decimal("0.6923"),
    )
    # 180 days: 400 + 200 + 300 owed, all lost
    assert (matrix[180].exposure, matrix[180].count, matrix[180].rate) == (
        Decimal(900),
        3,
        Decimal("1.0000"),
    )
    assert matrix[365].end_days is None
    assert matrix[0].end_days == 29


def test_matrix_without_history():
    matrix = prov.loss_matrix([HistoricInvoice(100, TODAY)], TODAY)
    assert all(b.rate is None and b.count == 0 for b in matrix)


@pytest.mark.parametrize(
    ("reasons", "days", "use_matrix", "expected"),
    [
        (("litigation",), 10, False, (Decimal("0.5"), "litigation", "rule")),
        (("insolvency", "litigation"), 10, False, (Decimal("1.0"), "insolvency", "rule")),
        (("overdue",), 200, False, (Decimal("0.25"), "overdue", "rule")),
        (("overdue",), 400, False, (Decimal("0.5"), "overdue", "rule")),
        (("overdue",), 200, True, (Decimal("0.8000"), "overdue", "matrix")),
        (("litigation", "overdue"), 200, True, (Decimal("0.8000"), "overdue", "matrix")),
        (("dispute", "overdue"), 400, True, (Decimal("0.5"), "overdue", "rule")),
    ],
)
def test_choose_rate(reasons, days, use_matrix, expected):
    matrix = [
        prov.BucketRate(0, 179, Decimal(100), Decimal(10), 4, Decimal("0.1000")),
        prov.BucketRate(180, 364, Decimal(100), Decimal(80), 3, Decimal("0.8000")),
        prov.BucketRate(365, None, Decimal(0), Decimal(0), 0, None),
    ]
    choice = prov.choose_rate(reasons, days, RULES, matrix, use_matrix)
    assert (choice.rate, choice.reason, choice.method) == expected
    if choice.method == "matrix":
        assert (choice.bucket_start, choice.count) == (180, 3)


def test_choose_rate_without_rule():
    assert prov.choose_rate(("dispute",), 5, [RateRule("litigation", 0.5)]) is None
    assert prov.choose_rate((), 5, RULES) is None


@pytest.mark.parametrize(
    ("residual", "total", "untaxed", "expected"),
    [
        (1200, 1200, 1000, Decimal("1000.00")),
        (600, 1200, 1000, Decimal("500.00")),
        (100, 120.0, 100.0, Decimal("83.33")),
        (50, 0, 0, Decimal(0)),
    ],
)
def test_untaxed_residual(residual, total, untaxed, expected):
    assert prov.untaxed_residual(residual, total, untaxed) == expected


@pytest.mark.parametrize(
    ("untaxed", "rate", "covered", "expected"),
    [
        (1000, 0.5, 0, Decimal("500.00")),
        (1000, 0.5, 0.9, Decimal("50.00")),
        (1000, 1, 1, Decimal("0.00")),
        (333.33, 0.5, 0, Decimal("166.67")),
        (1000, 1.5, -1, Decimal("1000.00")),  # bounded to 0..1
    ],
)
def test_provision_amount(untaxed, rate, covered, expected):
    assert prov.provision_amount(untaxed, rate, covered) == expected


amounts = st.decimals(min_value=Decimal("0.01"), max_value=Decimal(100000), places=2)
shares = st.decimals(min_value=Decimal(0), max_value=Decimal(1), places=4)


@given(amounts, shares, shares)
def test_provision_never_exceeds_the_uncovered_amount(untaxed, rate, covered):
    amount = prov.provision_amount(untaxed, rate, covered)
    assert Decimal(0) <= amount <= untaxed * (1 - covered) + Decimal("0.005")


@given(amounts, shares, shares)
def test_adjustment_brings_the_provision_to_its_target(target, current, _rate):
    assert current + prov.adjustment(target, current) == target


history_invoices = st.lists(
    st.builds(
        lambda amount, due_days, paid: HistoricInvoice(
            amount,
            TODAY - timedelta(days=due_days),
            tuple(
                (TODAY - timedelta(days=due_days) + timedelta(days=after), part)
                for after, part in paid
            ),
        ),
        amounts,
        st.integers(min_value=0, max_value=900),
        st.lists(
            st.tuples(
                st.integers(min_value=-30, max_value=900),
                st.decimals(min_value=Decimal("0.01"), max_value=Decimal(1000), places=2),
            ),
            max_size=3,
        ),
    ),
    max_size=20,
)


@given(history_invoices)
def test_matrix_rates_are_shares_and_grow_with_age(invoices):
    """A rate is a share of what was owed; an older bucket never has a lower rate (what is
    lost was owed in every bucket, what was owed only shrinks); counts never grow."""
    matrix = prov.loss_matrix(invoices, TODAY)
    rates = [b.rate for b in matrix if b.rate is not None]
    assert all(Decimal(0) <= rate <= Decimal(1) for rate in rates)
    assert rates == sorted(rates)
    counts = [b.count for b in matrix]
    assert counts == sorted(counts, reverse=True)
    for bucket in matrix:
        assert (bucket.rate is None) == (bucket.count == 0)
        assert bucket.loss <= bucket.exposure
