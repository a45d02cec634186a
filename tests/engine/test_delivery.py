"""Tests of debt_recovery.engine.delivery: delivery states and the follow-up of a problem."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from odoo.addons.debt_recovery.engine import delivery as dl

STATUSES = ("ready", "process", "pending", "sent", "bounce", "exception", "canceled")
FAILURES = (None, "mail_smtp", "mail_bounce", "mail_email_missing", "mail_email_invalid", "unknown")


@pytest.mark.parametrize(
    ("notifications", "state"),
    [
        ([("ready", None)], "queued"),
        ([("process", None)], "queued"),
        ([("pending", None)], "sent"),  # an SMS accepted by the provider
        ([("sent", None)], "sent"),
        ([("bounce", "mail_bounce")], "bounced"),
        ([("exception", "mail_smtp")], "failed"),
        ([("exception", "unknown")], "failed"),
        ([("canceled", None)], "failed"),
        ([("exception", "mail_email_missing")], "no_address"),
        ([("exception", "mail_email_invalid")], "no_address"),
        ([("exception", "sms_number_missing")], "no_address"),
        ([], "no_address"),
        # several recipients: one pending keeps it queued, one delivery is enough
        ([("sent", None), ("ready", None)], "queued"),
        ([("sent", None), ("bounce", "mail_bounce")], "sent"),
        ([("bounce", "mail_bounce"), ("exception", "mail_smtp")], "bounced"),
        ([("exception", "mail_smtp"), ("exception", "mail_email_missing")], "failed"),
    ],
)
def test_delivery_state(notifications, state):
    assert dl.delivery_state(notifications) == state


@given(st.lists(st.tuples(st.sampled_from(STATUSES), st.sampled_from(FAILURES)), min_size=1))
def test_state_is_known_and_delivery_wins_once_settled(notifications):
    state = dl.delivery_state(notifications)
    assert state in dl.STATES
    states = {dl.notification_state(*n) for n in notifications}
    if "queued" not in states and "sent" in states:
        assert state == "sent"
    if state in dl.PROBLEMS:
        assert not states & {"queued", "sent"}


@pytest.mark.parametrize(
    ("case_state", "same_level", "level_letter", "is_letter", "replaced", "expected"),
    [
        ("open", True, True, False, False, (True, True, True)),
        ("open", True, False, False, False, (True, True, False)),  # no letter on the level
        ("open", True, True, True, False, (True, True, False)),  # the letter goes anyway
        ("open", False, True, False, False, (True, True, False)),  # the case moved on
        ("open", True, True, False, True, (True, True, False)),  # letter already proposed
        ("litigation", True, True, False, False, (True, True, True)),
        ("on_hold", True, True, False, False, (True, True, False)),  # held: no letter now
        ("closed", True, True, False, False, (False, False, False)),  # paid meanwhile
        (None, False, True, False, False, (False, False, False)),  # no case: preventive
    ],
)
def test_follow_up(case_state, same_level, level_letter, is_letter, replaced, expected):
    result = dl.follow_up(case_state, same_level, level_letter, is_letter, replaced)
    assert (result.flag, result.activity, result.letter) == expected


def test_problems():
    assert dl.is_problem("bounced") and dl.is_problem("no_address") and dl.is_problem("failed")
    assert not dl.is_problem("sent") and not dl.is_problem("queued") and not dl.is_problem(None)


@pytest.mark.parametrize(
    ("current", "new", "allowed"),
    [
        (None, dl.QUEUED, True),
        (None, dl.NO_ADDRESS, True),
        (dl.QUEUED, dl.SENT, True),
        (dl.QUEUED, dl.FAILED, True),
        (dl.FAILED, dl.SENT, True),  # the mail server's retry went through
        (dl.SENT, dl.BOUNCED, True),  # returned by the debtor's server later
        (dl.FAILED, dl.QUEUED, False),
        (dl.SENT, dl.QUEUED, False),
        (dl.SENT, dl.FAILED, False),
        (dl.BOUNCED, dl.SENT, False),
        (dl.NO_ADDRESS, dl.SENT, False),
        (dl.SENT, dl.SENT, False),
    ],
)
def test_delivery_state_only_moves_forward(current, new, allowed):
    assert dl.moves_forward(current, new) is allowed


@given(st.lists(st.sampled_from(dl.STATES), min_size=1, max_size=12))
def test_forward_moves_never_return_to_a_state_left(reports):
    """Whatever order the mail stack reports states in, a state kept is never one left."""
    shown, left = None, set()
    for state in reports:
        if dl.moves_forward(shown, state):
            if shown is not None:
                left.add(shown)
            shown = state
        assert shown not in left
