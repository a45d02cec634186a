"""Delivery of electronic reminders (pure Python, no Odoo).

An email (or SMS) reminder is posted as a message on its case; the mail stack keeps one
notification per recipient with a status (``ready``, ``process``, ``pending``, ``sent``,
``bounce``, ``exception``, ``canceled``) and, on failure, a failure type. This module says what
the communication shows of them (:func:`delivery_state`), which states are problems, and what
follows a problem (:func:`follow_up`).
"""

from __future__ import annotations

from dataclasses import dataclass

QUEUED = "queued"
SENT = "sent"
FAILED = "failed"
BOUNCED = "bounced"
NO_ADDRESS = "no_address"
STATES = (QUEUED, SENT, FAILED, BOUNCED, NO_ADDRESS)
# The debtor was not reached: the collector has to act.
PROBLEMS = frozenset({FAILED, BOUNCED, NO_ADDRESS})
# Failures that say the address itself is missing or unusable (mail and sms failure types).
ADDRESS_FAILURES = frozenset(
    {"mail_email_missing", "mail_email_invalid", "sms_number_missing", "sms_number_format"}
)
# Notification status -> delivery state. "pending" is an SMS accepted by the provider, "sent"
# an email accepted by the mail server or an SMS delivered: both are "sent" for the collector.
_BY_STATUS = {
    "ready": QUEUED,
    "process": QUEUED,
    "pending": SENT,
    "sent": SENT,
    "bounce": BOUNCED,
    "exception": FAILED,
    "canceled": FAILED,
}
# With several recipients: a pending one keeps the message queued, then one delivery is enough
# (the debtor was reached), else the most telling problem wins.
_PRECEDENCE = (QUEUED, SENT, BOUNCED, FAILED, NO_ADDRESS)


def notification_state(status: str, failure_type: str | None = None) -> str:
    """Delivery state of one recipient's notification."""
    state = _BY_STATUS.get(status, QUEUED)
    if state == FAILED and failure_type in ADDRESS_FAILURES:
        return NO_ADDRESS
    return state


def delivery_state(notifications) -> str:
    """Delivery state of a message from its recipients' ``(status, failure_type)`` pairs.

    No recipient at all means that nobody could be addressed: ``no_address``.
    """
    states = {notification_state(status, failure) for status, failure in notifications}
    if not states:
        return NO_ADDRESS
    return next(state for state in _PRECEDENCE if state in states)


# How far a message has gone: a delivery state only moves forward. A failure retried by the
# mail server may still be sent, a sent email may still bounce; nothing goes back to queued,
# and a bounce or a missing address is final.
_PROGRESS = {QUEUED: 0, FAILED: 1, SENT: 2, BOUNCED: 3, NO_ADDRESS: 3}


def moves_forward(current: str | None, new: str) -> bool:
    """Whether a communication whose delivery is ``current`` may show ``new``.

    >>> moves_forward(None, QUEUED), moves_forward(QUEUED, SENT), moves_forward(SENT, BOUNCED)
    (True, True, True)
    >>> moves_forward(FAILED, SENT), moves_forward(FAILED, QUEUED), moves_forward(SENT, FAILED)
    (True, False, False)
    >>> moves_forward(BOUNCED, SENT), moves_forward(SENT, SENT)
    (False, False)
    """
    if current is None:
        return new in _PROGRESS
    return _PROGRESS[new] > _PROGRESS[current]


def is_problem(state: str | None) -> bool:
    return state in PROBLEMS


@dataclass(frozen=True)
class FollowUp:
    """What a delivery problem leads to on its case."""

    flag: bool = False  # the case shows the problem in the worklist
    activity: bool = False  # the collector gets an activity
    letter: bool = False  # a letter of the level is put in the letters to print


def follow_up(
    case_state: str | None,
    same_level: bool,
    level_letter: bool,
    is_letter: bool,
    has_replacement: bool,
) -> FollowUp:
    """The follow-up of a reminder that did not reach its debtor.

    ``case_state`` is the case's state (None without a case: a courteous reminder before the
    due date, which has no follow-up); ``same_level`` says the case is still at the reminder's
    level; ``level_letter`` that the level proposes a letter when its message is undelivered;
    ``is_letter`` that the communication is itself a letter (its message only went with it, the
    letter is printed anyway); ``has_replacement`` that a letter was already proposed for it.
    """
    if case_state not in ("open", "on_hold", "litigation"):
        return FollowUp()
    letter = (
        case_state in ("open", "litigation")
        and same_level
        and level_letter
        and not is_letter
        and not has_replacement
    )
    return FollowUp(flag=True, activity=True, letter=letter)
