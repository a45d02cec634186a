"""Tests of debt_recovery.engine.ladder (pure Python, no Odoo)."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from odoo.addons.debt_recovery.engine import ladder
from odoo.addons.debt_recovery.engine.ladder import CaseSnapshot, InvoiceDue, Level

P1 = Level(id=1, sequence=1, delay_days=-7, stage="preventive")
P2 = Level(id=2, sequence=2, delay_days=-2, stage="preventive")
A1 = Level(id=10, sequence=10, delay_days=5, stage="amicable")
A2 = Level(id=11, sequence=20, delay_days=15, stage="amicable")
FN = Level(id=12, sequence=30, delay_days=30, stage="formal_notice")
PL = Level(id=13, sequence=40, delay_days=60, stage="pre_litigation")
LI = Level(id=14, sequence=50, delay_days=90, stage="litigation")
# Deliberately shuffled: the engine must order them itself.
LEVELS = [LI, A2, P2, FN, A1, PL, P1]
DUE = date(2024, 1, 1)


def D(y, m, d):
    """Shorthand for date(y, m, d)."""
    return date(y, m, d)


@pytest.mark.parametrize(
    ("level", "expected"),
    [
        (Level(1, 1, -7, "preventive"), True),
        (Level(1, 1, -7, "amicable"), True),  # negative delay alone makes it preventive
        (Level(1, 1, 3, "preventive"), True),  # stage alone makes it preventive
        (Level(1, 1, 0, "amicable"), False),
        (Level(1, 1, 30, "litigation"), False),
    ],
)
def test_is_preventive(level, expected):
    assert level.is_preventive is expected


def test_ordering_and_ladders():
    assert ladder.ordered_levels(LEVELS) == [P1, P2, A1, A2, FN, PL, LI]
    assert ladder.overdue_ladder(LEVELS) == [A1, A2, FN, PL, LI]
    assert ladder.preventive_ladder(LEVELS) == [P1, P2]


@pytest.mark.parametrize(
    ("levels", "expected_ids"),
    [
        # sequence wins over delay
        ([Level(1, 2, 5, "amicable"), Level(2, 1, 30, "amicable")], [2, 1]),
        # same sequence: delay, then id
        ([Level(3, 1, 30, "amicable"), Level(2, 1, 5, "amicable")], [2, 3]),
        ([Level(9, 1, 5, "amicable"), Level(4, 1, 5, "amicable")], [4, 9]),
    ],
)
def test_ordered_levels_keys(levels, expected_ids):
    assert [lv.id for lv in ladder.ordered_levels(levels)] == expected_ids


@pytest.mark.parametrize(
    ("snap", "today", "allow_skip", "expected"),
    [
        # no oldest due date: nothing
        (CaseSnapshot(None, None, None), D(2024, 6, 1), False, None),
        # first level A1 (delay 5): due on 2024-01-06, not the day before
        (CaseSnapshot(DUE, None, None), D(2024, 1, 5), False, None),
        (CaseSnapshot(DUE, None, None), D(2024, 1, 6), False, A1),
        # 60 days late, no skip: still the first level
        (CaseSnapshot(DUE, None, None), D(2024, 3, 1), False, A1),
        # with skip: highest level reached, PL (2024-01-01 + 60 days = 2024-03-01)
        (CaseSnapshot(DUE, None, None), D(2024, 3, 1), True, PL),
        (CaseSnapshot(DUE, None, None), D(2024, 2, 29), True, FN),
        # A1 reached on time: A2 due on due+15 = 2024-01-16 = level_date + (15 - 5)
        (CaseSnapshot(DUE, A1.id, D(2024, 1, 6)), D(2024, 1, 15), False, None),
        (CaseSnapshot(DUE, A1.id, D(2024, 1, 6)), D(2024, 1, 16), False, A2),
        # A1 reached late (2024-01-20): wait level_date + 10 = 2024-01-30
        (CaseSnapshot(DUE, A1.id, D(2024, 1, 20)), D(2024, 1, 29), False, None),
        (CaseSnapshot(DUE, A1.id, D(2024, 1, 20)), D(2024, 1, 30), False, A2),
        # last level: nothing more
        (CaseSnapshot(DUE, LI.id, D(2024, 3, 31)), D(2025, 1, 1), True, None),
        # unknown id and preventive id: "before the first"
        (CaseSnapshot(DUE, 999, D(2023, 12, 1)), D(2024, 1, 6), False, A1),
        (CaseSnapshot(DUE, P2.id, D(2023, 12, 30)), D(2024, 1, 6), False, A1),
        # skip from A1: A2 due, highest reached is LI (2024-01-01 + 90 = 2024-03-31)
        (CaseSnapshot(DUE, A1.id, D(2024, 1, 6)), D(2024, 4, 1), False, A2),
        (CaseSnapshot(DUE, A1.id, D(2024, 1, 6)), D(2024, 4, 1), True, LI),
        # skip cannot bypass the gap since the last level: A1 on 03-25, A2 not before 04-04
        (CaseSnapshot(DUE, A1.id, D(2024, 3, 25)), D(2024, 4, 1), True, None),
        (CaseSnapshot(DUE, A1.id, D(2024, 3, 25)), D(2024, 4, 4), True, LI),
    ],
)
def test_due_level(snap, today, allow_skip, expected):
    assert ladder.due_level(LEVELS, snap, today, allow_skip=allow_skip) == expected


def test_due_level_empty_ladder():
    assert ladder.due_level([P1, P2], CaseSnapshot(DUE, None, None), D(2030, 1, 1)) is None
    assert ladder.due_level([], CaseSnapshot(DUE, None, None), D(2030, 1, 1)) is None


level_lists = st.lists(
    st.builds(
        Level,
        id=st.integers(1, 10_000),
        sequence=st.integers(0, 20),
        delay_days=st.integers(-30, 200),
        stage=st.sampled_from(ladder.STAGES),
    ),
    max_size=8,
    unique_by=lambda lv: lv.id,
)
days = st.dates(min_value=D(2020, 1, 1), max_value=D(2030, 12, 31))


@given(level_lists, days, st.integers(-1, 8), days, st.integers(0, 400))
def test_due_level_properties(levels, due, pick, level_date, offset):
    overdue = ladder.overdue_ladder(levels)
    level_id = overdue[pick].id if 0 <= pick < len(overdue) else None
    i = pick if level_id is not None else -1
    snap = CaseSnapshot(due, level_id, level_date)
    today = due + timedelta(days=offset)
    plain = ladder.due_level(levels, snap, today)
    skip = ladder.due_level(levels, snap, today, allow_skip=True)
    # skipping only changes which level, never whether one is due
    assert (plain is None) == (skip is None)
    if plain is not None:
        assert plain is overdue[i + 1]
        assert today >= due + timedelta(days=plain.delay_days)
        j = overdue.index(skip)
        assert j >= i + 1
        assert today >= due + timedelta(days=skip.delay_days)
        assert all(today < due + timedelta(days=lv.delay_days) for lv in overdue[j + 1 :])
        # once due, it stays due (and skip never goes back) the next day
        later = ladder.due_level(levels, snap, today + timedelta(days=1), allow_skip=True)
        assert later is not None and overdue.index(later) >= j


def _count(contacts, day, window):
    """Brute force: contacts (<= the original today) in the window ending on ``day``."""
    return sum(1 for d in contacts if day - timedelta(days=window) < d <= day)


T = D(2024, 3, 1)


@pytest.mark.parametrize(
    ("contacts", "limit", "window", "expected"),
    [
        ([T, T], 0, 7, None),  # no limit
        ([T, T], 2, 0, None),  # no window
        ([], 1, 7, None),
        ([T - timedelta(1), T - timedelta(2)], 3, 7, None),  # 2 < 3
        # 3 in window; 3rd most recent is T-6 -> allowed again on T-6+7 = T+1
        ([T, T - timedelta(3), T - timedelta(6)], 3, 7, T + timedelta(1)),
        # same-day contacts count separately: 2nd most recent is T -> T+7
        ([T, T, T], 2, 7, T + timedelta(7)),
        # future-dated contacts are ignored
        ([T + timedelta(1), T + timedelta(2), T], 2, 7, None),
        # T-7 is outside a 7-day window ending on T
        ([T - timedelta(7), T], 2, 7, None),
        ([T - timedelta(6), T], 2, 7, T + timedelta(1)),
        # unsorted input; limit 1, last contact T-2, 30-day window -> T+28
        ([T - timedelta(20), T - timedelta(2), T - timedelta(40)], 1, 30, T + timedelta(28)),
    ],
)
def test_contact_cap_date(contacts, limit, window, expected):
    assert ladder.contact_cap_date(contacts, T, limit, window) == expected


@given(
    st.lists(st.integers(-60, 10), max_size=15),
    st.integers(-1, 6),
    st.integers(-1, 40),
)
def test_contact_cap_date_properties(offsets, limit, window):
    contacts = [T + timedelta(days=o) for o in offsets]
    past = [d for d in contacts if d <= T]
    result = ladder.contact_cap_date(contacts, T, limit, window)
    if limit <= 0 or window <= 0:
        assert result is None
        return
    if result is None:
        assert _count(past, T, window) < limit
        return
    assert _count(past, T, window) >= limit
    assert result > T
    assert _count(past, result, window) < limit
    assert _count(past, result - timedelta(days=1), window) >= limit
    # minimal: every day between today and the result is still capped
    day = T + timedelta(days=1)
    while day < result:
        assert _count(past, day, window) >= limit
        day += timedelta(days=1)


INV_DUE = D(2024, 3, 10)


@pytest.mark.parametrize(
    ("today", "level_id", "expected"),
    [
        (D(2024, 3, 2), None, {}),  # due - 8: too early for P1 (-7)
        (D(2024, 3, 3), None, {P1.id: [7]}),  # due - 7
        (D(2024, 3, 8), None, {P2.id: [7]}),  # both apply: only the latest, P2
        (D(2024, 3, 8), P1.id, {P2.id: [7]}),  # P2 supersedes P1
        (D(2024, 3, 5), P1.id, {}),  # P1 already sent, P2 not yet
        (D(2024, 3, 8), P2.id, {}),  # P2 already sent
        (D(2024, 3, 10), None, {P2.id: [7]}),  # the due date itself
        (D(2024, 3, 11), None, {}),  # overdue: not preventive any more
        (D(2024, 3, 8), A1.id, {}),  # already in the overdue ladder
        (D(2024, 3, 8), 999, {P2.id: [7]}),  # unknown level id: like None
    ],
)
def test_preventive_reminders(today, level_id, expected):
    invoices = [InvoiceDue(7, INV_DUE, level_id)]
    assert ladder.preventive_reminders(LEVELS, invoices, today) == expected


def test_preventive_reminders_groups_by_level():
    today = D(2024, 3, 8)
    invoices = [
        InvoiceDue(1, D(2024, 3, 15), None),  # due - 7 -> P1
        InvoiceDue(2, D(2024, 3, 10), None),  # due - 2 -> P2
        InvoiceDue(3, D(2024, 3, 9), P1.id),  # P2
        InvoiceDue(4, D(2024, 3, 20), None),  # too early
        InvoiceDue(5, D(2024, 3, 1), None),  # overdue
    ]
    assert ladder.preventive_reminders(LEVELS, invoices, today) == {P1.id: [1], P2.id: [2, 3]}


@given(
    st.lists(
        st.tuples(st.integers(-20, 20), st.sampled_from([None, P1.id, P2.id, A1.id])),
        max_size=10,
    )
)
def test_preventive_reminders_properties(specs):
    today = D(2024, 6, 1)
    invoices = [InvoiceDue(k, today + timedelta(days=o), lv) for k, (o, lv) in enumerate(specs)]
    result = ladder.preventive_reminders(LEVELS, invoices, today)
    prev = ladder.preventive_ladder(LEVELS)
    sent = [inv_id for ids in result.values() for inv_id in ids]
    assert len(sent) == len(set(sent))  # each invoice at most once
    by_id = {inv.id: inv for inv in invoices}
    for level_id, ids in result.items():
        level = next(lv for lv in prev if lv.id == level_id)
        for inv_id in ids:
            inv = by_id[inv_id]
            assert inv.due_date + timedelta(days=level.delay_days) <= today <= inv.due_date
            assert inv.level_id != A1.id
            if inv.level_id is not None:
                assert prev.index(level) > [lv.id for lv in prev].index(inv.level_id)
            # no later preventive level would also apply
            later = prev[prev.index(level) + 1 :]
            assert all(inv.due_date + timedelta(days=lv.delay_days) > today for lv in later)


# --------------------------------------------------------------------------- next_level_date
@given(
    delays=st.lists(st.integers(min_value=0, max_value=90), min_size=1, max_size=6, unique=True),
    due_offset=st.integers(min_value=-100, max_value=100),
    level_pos=st.integers(min_value=-1, max_value=5),
    level_offset=st.integers(min_value=-30, max_value=30),
)
def test_next_level_date_matches_due_level(delays, due_offset, level_pos, level_offset):
    """The day before next_level_date nothing is due; on it, a level is due."""
    levels = [
        ladder.Level(id=k + 1, sequence=k, delay_days=d, stage="amicable")
        for k, d in enumerate(sorted(delays))
    ]
    base = date(2026, 3, 1)
    oldest = base + timedelta(days=due_offset)
    level_id = levels[level_pos].id if 0 <= level_pos < len(levels) else None
    level_date = oldest + timedelta(days=abs(level_offset)) if level_id else None
    snap = ladder.CaseSnapshot(oldest_due_date=oldest, level_id=level_id, level_date=level_date)
    when = ladder.next_level_date(levels, snap)
    if when is None:
        assert level_id == levels[-1].id
        assert ladder.due_level(levels, snap, base + timedelta(days=365)) is None
    else:
        assert ladder.due_level(levels, snap, when) is not None
        assert ladder.due_level(levels, snap, when - timedelta(days=1)) is None
