"""Tests of debt_recovery.engine.claims: which claim of an invoice is the last."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from odoo.addons.debt_recovery.engine import claims

D1, D2, D3 = date(2026, 3, 1), date(2026, 3, 10), date(2026, 3, 20)


@pytest.mark.parametrize(
    ("direction", "state", "level_id", "excluded", "expected"),
    [
        ("outbound", "done", 7, False, True),
        ("outbound", "to_send", 7, False, True),
        ("outbound", "to_validate", 7, False, False),
        ("outbound", "cancelled", 7, False, False),
        ("inbound", "done", 7, False, False),
        ("outbound", "done", False, False, False),
        ("outbound", "done", 7, True, False),
    ],
)
def test_is_claim(direction, state, level_id, excluded, expected):
    assert claims.is_claim(direction, state, level_id, excluded) is expected


def test_new_claims_replace_earlier_ones_only():
    candidates = [(1, D2, 100, 0), (2, D2, 100, 1), (3, D1, 100, 2)]
    standing = [(11, 1, D1, 50), (12, 2, D2, 60), (13, 3, D3, 70)]
    winners, replaced = claims.new_last_claims(candidates, standing)
    # 1: later date wins; 2: same date, greater communication id wins; 3: the standing
    # claim is dated later and stays.
    assert winners == {1: 0, 2: 1}
    assert sorted(replaced) == [11, 12]


def test_among_new_claims_the_latest_then_the_last_line_wins():
    candidates = [(1, D3, 100, 0), (1, D2, 101, 1), (2, D2, 100, 2), (2, D2, 100, 3)]
    winners, replaced = claims.new_last_claims(candidates, [])
    assert winners == {1: 0, 2: 3}
    assert replaced == []


claim = st.tuples(st.integers(1, 4), st.sampled_from([D1, D2, D3]))


@given(st.lists(claim, max_size=8), st.lists(claim, min_size=1, max_size=8))
def test_same_as_sorting_every_claim(old, new):
    """Adding claims gives the last claim that sorting all of them would give."""
    # Existing claims have smaller communication and line ids than the new ones.
    existing = [(inv, day, 10 + i, 1000 + i) for i, (inv, day) in enumerate(old)]
    added = [(inv, day, 100 + i // 2, i) for i, (inv, day) in enumerate(new)]
    standing = {}
    for inv, day, comm_id, line_id in existing:
        if inv not in standing or (day, comm_id, line_id) > standing[inv][1:]:
            standing[inv] = (line_id, day, comm_id, line_id)
    current = [(line_id, inv, day, comm_id) for inv, (line_id, day, comm_id, _) in standing.items()]
    winners, replaced = claims.new_last_claims(added, current)
    everything = [(day, comm_id, 0, line_id, inv) for inv, day, comm_id, line_id in existing] + [
        (day, comm_id, 1, position, inv) for inv, day, comm_id, position in added
    ]
    for inv in {inv for inv, _day in old + new}:
        last = max(key for key in everything if key[4] == inv)
        if last[2] == 1:
            assert winners[inv] == last[3]
            assert inv not in standing or standing[inv][0] in replaced
        else:
            assert inv not in winners
            assert standing[inv][0] == last[3] and last[3] not in replaced
