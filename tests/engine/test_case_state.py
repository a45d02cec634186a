"""Tests of debt_recovery.engine.case_state: the transition table and the daily state rule."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from odoo.addons.debt_recovery.engine import case_state as cs

TODAY = date(2026, 3, 10)


@pytest.mark.parametrize(
    ("current", "target", "reason", "ok"),
    [
        ("open", "on_hold", "manual", True),
        ("open", "on_hold", None, False),  # a hold needs a reason
        ("open", "open", None, False),
        ("open", "litigation", None, True),
        ("open", "closed", None, True),
        ("on_hold", "on_hold", "plan", True),  # a hold changes its reason
        ("on_hold", "open", None, True),
        ("on_hold", "open", "manual", False),  # only holds have a reason
        ("litigation", "open", None, False),  # litigation never goes back by itself
        ("litigation", "on_hold", "agency", True),
        ("closed", "open", None, True),  # reopening
        ("closed", "litigation", None, False),
        ("closed", "on_hold", "dispute", True),
        ("open", "on_hold", "negotiation", False),  # not a reason of the list
        ("open", "plan", None, False),  # not a state
    ],
)
def test_transition_table(current, target, reason, ok):
    if ok:
        cs.check(current, target, reason)
    else:
        with pytest.raises(cs.TransitionError):
            cs.check(current, target, reason)


def test_locked_reasons_are_not_released_by_hand():
    with pytest.raises(cs.TransitionError):
        cs.check_release("insolvency")
    cs.check_release("manual")


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        (cs.Facts(), ("closed", None)),
        (cs.Facts(state="open", has_invoices=True, has_active_invoices=True), ("open", None)),
        (
            cs.Facts(state="open", stage="litigation", has_invoices=True, has_active_invoices=True),
            ("litigation", None),
        ),
        # A new overdue invoice reopens a closed case from the first level, not in litigation.
        (
            cs.Facts(
                state="closed", stage="litigation", has_invoices=True, has_active_invoices=True
            ),
            ("open", None),
        ),
        (
            cs.Facts(
                state="open", has_invoices=True, has_active_invoices=True, has_active_plan=True
            ),
            ("on_hold", "plan"),
        ),
        (
            cs.Facts(state="open", has_invoices=True, held_reasons=frozenset({"promise"})),
            ("on_hold", "promise"),
        ),
        (
            cs.Facts(
                state="open", has_invoices=True, held_reasons=frozenset({"promise", "dispute"})
            ),
            ("on_hold", "dispute"),
        ),
        (
            cs.Facts(state="open", has_invoices=True, held_reasons=frozenset({"other"})),
            ("on_hold", "manual"),
        ),
        # An explicit hold runs until its end date, then the rule decides again.
        (
            cs.Facts(
                state="on_hold",
                hold_reason="mediation",
                hold_until=TODAY,
                hold_explicit=True,
                has_invoices=True,
                has_active_invoices=True,
            ),
            ("on_hold", "mediation"),
        ),
        (
            cs.Facts(
                state="on_hold",
                hold_reason="mediation",
                hold_until=date(2026, 3, 9),
                hold_explicit=True,
                has_invoices=True,
                has_active_invoices=True,
            ),
            ("open", None),
        ),
        # A derived hold does not outlive its cause.
        (
            cs.Facts(
                state="on_hold",
                hold_reason="promise",
                has_invoices=True,
                has_active_invoices=True,
            ),
            ("open", None),
        ),
        # Paid: closed, whatever the hold.
        (
            cs.Facts(state="on_hold", hold_reason="insolvency", hold_explicit=True),
            ("closed", None),
        ),
    ],
)
def test_decide(facts, expected):
    assert cs.decide(facts, TODAY).key == expected


facts_strategy = st.builds(
    cs.Facts,
    state=st.sampled_from(cs.STATES),
    hold_reason=st.one_of(st.none(), st.sampled_from(cs.HOLD_REASONS)),
    hold_until=st.one_of(st.none(), st.dates(date(2026, 1, 1), date(2026, 12, 31))),
    hold_explicit=st.booleans(),
    stage=st.one_of(st.none(), st.sampled_from(("amicable", "formal_notice", "litigation"))),
    has_invoices=st.booleans(),
    has_active_invoices=st.booleans(),
    held_reasons=st.frozensets(st.sampled_from(("dispute", "promise", "plan", "other"))),
    has_active_plan=st.booleans(),
)


@given(facts_strategy)
def test_decisions_are_valid_states(facts):
    """Every decision is a state of the table, and a hold always has a reason of the list."""
    decision = cs.decide(facts, TODAY)
    assert decision.state in cs.STATES
    assert (decision.state == "on_hold") == bool(decision.hold_reason)
    assert decision.hold_reason is None or decision.hold_reason in cs.HOLD_REASONS


@given(facts_strategy)
def test_decide_is_idempotent(facts):
    """Deciding again from the decided state gives the same state (the daily job is stable)."""
    first = cs.decide(facts, TODAY)
    again = cs.decide(
        cs.Facts(
            state=first.state,
            hold_reason=first.hold_reason,
            hold_until=first.hold_until,
            hold_explicit=first.hold_explicit,
            # Reopening a closed case starts the ladder again: no level, no stage.
            stage=None if facts.state == "closed" else facts.stage,
            has_invoices=facts.has_invoices,
            has_active_invoices=facts.has_active_invoices,
            held_reasons=facts.held_reasons,
            has_active_plan=facts.has_active_plan,
        ),
        TODAY,
    )
    assert again.key == first.key
