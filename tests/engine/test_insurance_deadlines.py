"""Credit insurance: declaration and intervention deadlines, threshold, cover and settlement."""

import doctest
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from odoo.addons.debt_recovery_insurance.engine import insurance as ins

TERMS = ins.PolicyTerms(
    credit_days_domestic=120,
    credit_days_export=180,
    declaration_days=30,
    declaration_from="invoice_date",
    intervention_days=90,
    intervention_from="invoice_date",
    threshold=300.0,
    threshold_scope="buyer",
    covered_percent=90.0,
)
ISSUED = date(2026, 1, 10)
DUE = date(2026, 2, 9)  # 30 days


def _inv(id_, residual, issued=ISSUED, due=DUE, is_penalty=False):
    return ins.InsuredInvoice(id_, issued, due, residual, is_penalty)


def test_doctests():
    assert doctest.testmod(ins).failed == 0


@pytest.mark.parametrize(
    ("export", "declaration_from", "intervention_from", "declare_by", "intervene_by"),
    [
        # Domestic: 120 days of credit, + 30 to declare, + 90 to request intervention.
        (False, "invoice_date", "invoice_date", date(2026, 6, 9), date(2026, 8, 8)),
        # Export: 180 days of credit.
        (True, "invoice_date", "invoice_date", date(2026, 8, 8), date(2026, 10, 7)),
        # Counted from the due date (30 days later).
        (False, "due_date", "due_date", date(2026, 7, 9), date(2026, 9, 7)),
        (True, "due_date", "invoice_date", date(2026, 9, 7), date(2026, 10, 7)),
        (False, "invoice_date", "due_date", date(2026, 6, 9), date(2026, 9, 7)),
    ],
)
def test_deadlines_domestic_and_export(
    export, declaration_from, intervention_from, declare_by, intervene_by
):
    terms = ins.PolicyTerms(
        **{
            **TERMS.__dict__,
            "declaration_from": declaration_from,
            "intervention_from": intervention_from,
        }
    )
    found = ins.deadlines(terms, [_inv(1, 1000.0)], export, date(2026, 3, 1))
    assert found == [ins.InvoiceDeadlines(1, declare_by, intervene_by)]
    assert ins.next_deadlines(terms, [_inv(1, 1000.0)], export, date(2026, 3, 1)) == (
        declare_by,
        intervene_by,
    )


@pytest.mark.parametrize(
    ("scope", "residuals", "declared_ids"),
    [
        # Per buyer: the overdue total reaches the threshold, every invoice is declared.
        ("buyer", [200.0, 100.0], [1, 2]),
        ("buyer", [200.0, 99.99], []),
        # Per invoice: only the invoices that reach it themselves.
        ("invoice", [200.0, 300.0], [2]),
        ("invoice", [299.99, 299.99], []),
        ("invoice", [300.0, 1000.0], [1, 2]),
    ],
)
def test_threshold_per_buyer_or_per_invoice(scope, residuals, declared_ids):
    terms = ins.PolicyTerms(**{**TERMS.__dict__, "threshold_scope": scope})
    invoices = [_inv(i + 1, amount) for i, amount in enumerate(residuals)]
    found = ins.deadlines(terms, invoices, False, date(2026, 3, 1))
    assert [d.invoice_id for d in found] == declared_ids


def test_only_overdue_insurable_invoices_are_declared():
    invoices = [
        _inv(1, 500.0),
        _inv(2, 500.0, due=date(2026, 3, 20)),  # not due yet
        _inv(3, 500.0, due=ISSUED + timedelta(days=121)),  # beyond the credit period
        _inv(4, 500.0, is_penalty=True),  # penalties not covered
        _inv(5, 0.0),  # paid
    ]
    found = ins.deadlines(TERMS, invoices, False, date(2026, 3, 1))
    assert [d.invoice_id for d in found] == [1]
    covered = ins.PolicyTerms(**{**TERMS.__dict__, "penalties_covered": True})
    assert [d.invoice_id for d in ins.deadlines(covered, invoices, False, date(2026, 3, 1))] == [
        1,
        4,
    ]
    # Issued before the limit was granted: not insured.
    assert ins.deadlines(TERMS, invoices, False, date(2026, 3, 1), date(2026, 1, 11)) == []


def test_a_payment_moves_the_exposure_and_the_deadline():
    invoices = [_inv(1, 800.0), _inv(2, 400.0, issued=date(2026, 2, 1), due=date(2026, 3, 3))]
    today = date(2026, 3, 10)
    before = ins.cover(TERMS, 1000.0, invoices, False, 0.01)
    assert (before.exposure, before.insured, before.uninsured, before.over_limit) == (
        Decimal("1200.00"),
        Decimal("1000.00"),
        Decimal("200.00"),
        Decimal("200.00"),
    )
    assert ins.next_deadlines(TERMS, invoices, False, today)[0] == date(2026, 6, 9)
    # The oldest invoice is paid but 50: under the limit; the next one sets the deadline.
    paid = [_inv(1, 50.0), invoices[1]]
    after = ins.cover(TERMS, 1000.0, paid, False, 0.01)
    assert (after.exposure, after.insured, after.uninsured, after.over_limit) == (
        Decimal("450.00"),
        Decimal("450.00"),
        Decimal("0.00"),
        Decimal("0.00"),
    )
    assert after.indemnity == Decimal("405.00")
    assert ins.next_deadlines(TERMS, paid, False, today)[0] == date(2026, 6, 9)
    # Paid down under the threshold: nothing to declare any more.
    assert ins.next_deadlines(TERMS, [_inv(1, 50.0), _inv(2, 200.0)], False, today) == (
        None,
        None,
    )


def test_no_limit_nothing_insured():
    result = ins.cover(TERMS, 0.0, [_inv(1, 500.0)], False, 0.01)
    assert (result.insured, result.uninsured, result.indemnity) == (
        Decimal("0.00"),
        Decimal("500.00"),
        Decimal("0.00"),
    )


@pytest.mark.parametrize(
    ("deadline", "days", "today", "due"),
    [
        (date(2026, 6, 9), 15, date(2026, 5, 24), False),
        (date(2026, 6, 9), 15, date(2026, 5, 25), True),
        (date(2026, 6, 9), 0, date(2026, 6, 10), True),
        (None, 15, date(2026, 6, 10), False),
    ],
)
def test_warning_days_before_the_deadline(deadline, days, today, due):
    assert ins.warning_due(deadline, days, today) is due


def test_settlement_and_recovery_after_the_indemnity():
    result = ins.settlement(1200.0, 1000.0, 90.0, 900.0, 0.01)
    assert (result.insurer_due, result.insurer_outstanding, result.uninsured) == (
        Decimal("900.00"),
        Decimal("0.00"),
        Decimal("300.00"),
    )
    # A receipt after the indemnity: the insurer's share of it, up to the indemnity.
    assert ins.recovery_split(200.0, 90.0, 900.0, 800.0, 0.01) == (
        Decimal("100.00"),
        Decimal("100.00"),
    )


@pytest.mark.parametrize(
    "kwargs",
    [
        {"declaration_from": "order_date"},
        {"threshold_scope": "policy"},
        {"covered_percent": 120.0},
        {"declaration_days": -1},
        {"credit_days_export": -5},
    ],
)
def test_terms_refuse_nonsense(kwargs):
    with pytest.raises(ValueError):
        ins.PolicyTerms(**kwargs)


_amounts = st.decimals(min_value=0, max_value=10**6, places=2).map(float)
_invoices = st.lists(
    st.builds(
        ins.InsuredInvoice,
        id=st.just(0),
        invoice_date=st.dates(date(2020, 1, 1), date(2030, 12, 31)),
        due_date=st.dates(date(2020, 1, 1), date(2031, 12, 31)),
        residual=_amounts,
        is_penalty=st.booleans(),
    ),
    max_size=12,
).map(lambda invoices: [replace(inv, id=rank) for rank, inv in enumerate(invoices, 1)])
_terms = st.builds(
    ins.PolicyTerms,
    credit_days_domestic=st.integers(0, 365),
    credit_days_export=st.integers(0, 365),
    declaration_days=st.integers(0, 120),
    declaration_from=st.sampled_from(ins.REFERENCES),
    intervention_days=st.integers(0, 240),
    intervention_from=st.sampled_from(ins.REFERENCES),
    threshold=_amounts,
    threshold_scope=st.sampled_from(ins.THRESHOLD_SCOPES),
    covered_percent=st.integers(0, 100).map(float),
    penalties_covered=st.booleans(),
)


@given(_terms, _amounts, _invoices, st.booleans())
def test_cover_splits_the_exposure(terms, limit, invoices, export):
    result = ins.cover(terms, limit, invoices, export, 0.01)
    assert result.insured + result.uninsured == result.exposure
    assert Decimal(0) <= result.insured <= result.limit
    assert result.insured <= result.insurable <= result.exposure
    assert result.indemnity <= result.insured


@given(_terms, _invoices, st.booleans(), st.dates(date(2020, 1, 1), date(2032, 1, 1)))
def test_deadlines_follow_the_terms(terms, invoices, export, today):
    found = ins.deadlines(terms, invoices, export, today)
    by_id = {inv.id: inv for inv in invoices}
    credit = terms.credit_days(export)
    for item in found:
        invoice = by_id[item.invoice_id]
        assert invoice.due_date < today and invoice.residual > 0
        reference = (
            invoice.invoice_date if terms.declaration_from == "invoice_date" else invoice.due_date
        )
        assert item.declare_by == reference + timedelta(days=credit + terms.declaration_days)
    assert [d.declare_by for d in found] == sorted(d.declare_by for d in found)


@given(_amounts, st.integers(0, 100).map(float), _amounts, _amounts)
def test_recovery_never_returns_more_than_the_indemnity(received, share, indemnity, returned):
    owed, kept = ins.recovery_split(received, share, indemnity, returned, 0.01)
    assert owed + kept == Decimal(str(received)).quantize(Decimal("0.01"))
    assert Decimal(0) <= owed <= max(Decimal(str(indemnity)) - Decimal(str(returned)), Decimal(0))
