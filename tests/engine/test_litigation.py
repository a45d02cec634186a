"""The litigation engine: court, claimed sums, exhibits, settlement split, mediation, agency."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from odoo.addons.debt_recovery.engine import courts
from odoo.addons.debt_recovery_litigation.engine import litigation as lit


@pytest.mark.parametrize(
    ("debtor_type", "commercial", "court"),
    [
        ("professional", True, "commerce"),
        ("professional", False, "judiciaire"),
        ("consumer", True, "judiciaire"),
        ("consumer", False, "judiciaire"),
        ("public", True, "administratif"),
        ("public", False, "administratif"),
    ],
)
def test_court_follows_the_debtor(debtor_type, commercial, court):
    assert courts.court_for(debtor_type, commercial) == court


def test_court_refuses_an_unknown_debtor_type():
    with pytest.raises(ValueError):
        courts.court_for("martian")


def _invoice(id_, due, residual, interest=0.0, indemnity=0.0, reason=None):
    return lit.Invoice(id_, f"INV/{id_}", due, residual, interest, indemnity, (), reason)


def test_claim_leaves_out_disputed_and_time_barred_invoices():
    result = lit.claim(
        [
            _invoice(2, date(2024, 3, 1), 200.0, 3.1, 40.0),
            _invoice(1, date(2024, 1, 1), 1000.0, 20.55, 40.0),
            _invoice(3, date(2024, 2, 1), 500.0, 9.0, 40.0, reason="dispute"),
            _invoice(4, date(2019, 2, 1), 80.0, reason="time_barred"),
            _invoice(5, date(2024, 2, 1), 0.0),
        ],
        costs=12.5,
    )
    assert [line.id for line in result.lines] == [1, 2]
    assert result.left_out == ((4, "INV/4", "time_barred"), (3, "INV/3", "dispute"))
    assert (result.principal, result.interest, result.indemnity) == (1200.0, 23.65, 80.0)
    assert result.costs == 12.5
    assert result.total == 1316.15
    assert result.small_claim


def test_small_claim_limit_is_inclusive():
    assert lit.claim([_invoice(1, date(2024, 1, 1), 5000.0)]).small_claim
    assert not lit.claim([_invoice(1, date(2024, 1, 1), 5000.01)]).small_claim
    assert not lit.claim([]).small_claim


def test_exhibits_are_numbered_in_the_order_of_the_file():
    docs = [
        lit.Exhibit("statement", "statement", "Statement"),
        lit.Exhibit("invoice", 10, "INV/10"),
        lit.Exhibit("receipt", 900, "Proof of receipt", parent=7),
        lit.Exhibit("formal_notice", 7, "Formal notice", date(2024, 3, 1)),
        lit.Exhibit("letter", 5, "First reminder", date(2024, 2, 1)),
        lit.Exhibit("invoice", 11, "INV/11"),
        lit.Exhibit("letter", 8, "Last letter", date(2024, 4, 1)),
        lit.Exhibit("log", "log", "Log"),
        lit.Exhibit("plans", "plans", "Plans broken"),
    ]
    exhibits = lit.number_exhibits(docs)
    assert [(e["number"], e["name"]) for e in exhibits] == [
        (1, "INV/10"),
        (2, "INV/11"),
        (3, "First reminder"),
        (4, "Formal notice"),
        (5, "Proof of receipt"),
        (6, "Last letter"),
        (7, "Statement"),
        (8, "Log"),
        (9, "Plans broken"),
    ]


def test_settlement_waives_penalties_first_then_principal():
    lines = [
        lit.SettlementLine(1, principal=1000.0, uninvoiced=60.0),
        lit.SettlementLine(2, principal=500.0, uninvoiced=30.0),
        lit.SettlementLine(3, penalties=50.0),
    ]
    result = lit.settle(lines, 1200.0)
    assert result.owed == 1640.0
    assert result.waived == 440.0
    assert result.waived_uninvoiced == 90.0
    assert result.waived_penalties == 50.0
    assert result.waived_principal == 300.0
    assert result.per_line == {1: (0.0, 200.0), 2: (0.0, 100.0), 3: (50.0, 0.0)}


def test_settlement_of_penalties_only():
    lines = [lit.SettlementLine(1, principal=1000.0, uninvoiced=60.0)]
    result = lit.settle(lines, 1000.0)
    assert (result.waived_uninvoiced, result.waived_principal, result.per_line) == (60.0, 0, {})


@pytest.mark.parametrize("amount", [0.0, -5.0, 1060.0, 2000.0, 1000.01])
def test_settlement_refusals(amount):
    with pytest.raises(ValueError):
        lit.settle([lit.SettlementLine(1, principal=1000.0, uninvoiced=60.0)], amount)


@given(
    st.integers(min_value=1, max_value=10**8),
    st.lists(st.integers(min_value=0, max_value=10**7), min_size=1, max_size=20),
)
def test_allocate_sums_exactly(cents, weights):
    shares = lit.allocate(cents / 100, [w / 100 for w in weights])
    if any(weights):
        assert round(sum(shares), 2) == cents / 100
        assert all(share >= 0 for share in shares)
        assert all(share == 0 for share, w in zip(shares, weights, strict=True) if not w)
    else:
        assert shares == [0.0] * len(weights)


def test_mediation_end_and_renewal():
    assert lit.mediation_end(date(2024, 1, 1), 90) == date(2024, 3, 30)  # leap year
    assert lit.mediation_end(date(2024, 1, 1), 90, renewals=1) == date(2024, 6, 28)
    with pytest.raises(ValueError):
        lit.mediation_end(date(2024, 1, 1), 0)


def test_commission():
    assert lit.commission(1234.56, 15) == 185.18
    assert lit.commission(100, 0) == 0
    with pytest.raises(ValueError):
        lit.commission(100, 101)


@pytest.mark.parametrize(
    ("waived", "total", "subtotals", "expected"),
    [
        # 150 waived of 1,150 (1,000 + 15 % VAT): 130.43 untaxed, its VAT 19.56 (+ 0.01).
        (150.0, 1150.0, [1000.0], [130.43]),
        # Two lines at different rates, 10 % of the document waived.
        (120.0, 1200.0, [500.0, 500.0], [50.0, 50.0]),
        # Whatever is still open on the document: only the waived amount is credited.
        (50.0, 50.0, [50.0], [50.0]),
        (0.0, 1150.0, [1000.0], [0.0]),
    ],
)
def test_credit_note_lines_cover_the_waived_amount_only(waived, total, subtotals, expected):
    assert lit.credit_note_lines(waived, total, subtotals) == expected


@pytest.mark.parametrize(
    ("security", "rank"),
    [
        ("none", "chirographaire"),
        (None, "chirographaire"),
        # A third party's guarantee is no security on the debtor's assets.
        ("guarantee", "chirographaire"),
        ("retention", "secured"),
        ("pledge", "secured"),
        ("mortgage", "secured"),
        ("lien", "secured"),
    ],
)
def test_claim_rank(security, rank):
    assert lit.claim_rank(security) == rank


def test_claim_rank_refuses_an_unknown_security():
    with pytest.raises(ValueError):
        lit.claim_rank("handshake")


@pytest.mark.parametrize(
    ("invoiced", "delivered", "expected"),
    [
        # Opening judgment on 15 March 2024.
        (date(2024, 3, 10), None, True),
        (date(2024, 3, 15), None, True),
        (date(2024, 3, 16), None, False),
        # Delivered before, invoiced after: declared.
        (date(2024, 3, 31), date(2024, 3, 14), True),
        # Invoiced before for goods delivered after: a post-opening claim.
        (date(2024, 3, 1), date(2024, 3, 20), False),
    ],
)
def test_declared_invoices_follow_the_delivery(invoiced, delivered, expected):
    assert lit.declared(date(2024, 3, 15), invoiced, delivered) is expected


@pytest.mark.parametrize(
    ("publication", "deadline"),
    [
        (date(2024, 3, 22), date(2024, 6, 22)),
        (date(2024, 11, 30), date(2025, 2, 28)),
        (date(2023, 11, 30), date(2024, 2, 29)),
        (date(2024, 10, 31), date(2025, 1, 31)),
    ],
)
def test_retention_of_title_claim_deadline(publication, deadline):
    assert lit.retention_claim_deadline(publication) == deadline
