"""The states of a recovery case and the transitions between them (pure Python, no Odoo).

A case is ``open`` (on the ladder), ``on_hold`` (off the ladder for a reason), in
``litigation`` (the ladder's last stage reached) or ``closed`` (nothing overdue). Every change
of state, by a user, a promise, a plan or the daily job, goes through :func:`check`; the daily
job decides the state of each case from its facts with :func:`decide`. New features add hold
reasons, not states.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

STATES = ("open", "on_hold", "litigation", "closed")
HOLD_REASONS = (
    "promise",
    "plan",
    "dispute",
    "manual",
    "mediation",
    "agency",
    "insolvency",
    "settlement",
    "insurer",
)
# Reasons that only follow from the case's invoices or records (recomputed every day).
DERIVED_REASONS = ("promise", "plan")
# Reasons the law sets: a user cannot release them.
LOCKED_REASONS = ("insolvency",)
# Allowed changes of state (a hold may also change its reason: on_hold -> on_hold).
TRANSITIONS = {
    "open": frozenset({"on_hold", "litigation", "closed"}),
    "on_hold": frozenset({"on_hold", "open", "litigation", "closed"}),
    "litigation": frozenset({"on_hold", "closed"}),
    "closed": frozenset({"open", "on_hold"}),
}
# An invoice's hold reason, as the reason of a case whose every overdue invoice is held;
# the first one found in this order wins.
INVOICE_HOLD_PRIORITY = (
    ("insolvency", "insolvency"),
    ("dispute", "dispute"),
    ("plan", "plan"),
    ("promise", "promise"),
    ("other", "manual"),
)


class TransitionError(ValueError):
    """A change of state the table does not allow."""

    def __init__(self, current: str, target: str, reason: str | None = None):
        super().__init__(f"{current} -> {target} ({reason or '-'}) is not allowed")
        self.current = current
        self.target = target
        self.reason = reason


def check(current: str, target: str, reason: str | None = None) -> None:
    """Raise :class:`TransitionError` unless ``current -> target`` is allowed.

    A hold needs a reason from :data:`HOLD_REASONS`; other states take none.
    """
    if current not in TRANSITIONS or target not in TRANSITIONS[current]:
        raise TransitionError(current, target, reason)
    if (target == "on_hold") != bool(reason) or (reason and reason not in HOLD_REASONS):
        raise TransitionError(current, target, reason)


def check_release(reason: str | None) -> None:
    """Raise :class:`TransitionError` when a user may not release a hold for ``reason``."""
    if reason in LOCKED_REASONS:
        raise TransitionError("on_hold", "open", reason)


@dataclass(frozen=True)
class Facts:
    """What the daily job knows of a case when it decides its state."""

    state: str = "closed"
    hold_reason: str | None = None
    hold_until: date | None = None
    hold_explicit: bool = False  # set by a user or a rule, kept until released or expired
    stage: str | None = None  # stage of the case's current level
    has_invoices: bool = False  # overdue invoices, held or not
    has_active_invoices: bool = False  # overdue invoices not held
    held_reasons: frozenset[str] = field(default_factory=frozenset)  # invoices' hold reasons
    has_active_plan: bool = False


@dataclass(frozen=True)
class Decision:
    state: str
    hold_reason: str | None = None
    hold_until: date | None = None
    hold_explicit: bool = False

    @property
    def key(self):
        return (self.state, self.hold_reason)


def _explicit_hold_holds(facts: Facts, today: date) -> bool:
    return bool(
        facts.hold_explicit
        and facts.hold_reason
        and (not facts.hold_until or facts.hold_until >= today)
    )


def _invoice_hold_reason(held_reasons: frozenset[str]) -> str:
    for invoice_reason, case_reason in INVOICE_HOLD_PRIORITY:
        if invoice_reason in held_reasons:
            return case_reason
    return "manual"


def decide(facts: Facts, today: date) -> Decision:
    """The state a case should be in as of ``today``, from its facts.

    In order: nothing overdue closes it; an explicit hold still running keeps it; an active
    plan holds it; every overdue invoice held holds it with their reason; the litigation
    stage keeps it in litigation; otherwise it is open.
    """
    if not facts.has_invoices:
        return Decision("closed")
    if _explicit_hold_holds(facts, today):
        return Decision("on_hold", facts.hold_reason, facts.hold_until, True)
    if facts.has_active_plan:
        return Decision("on_hold", "plan")
    if not facts.has_active_invoices:
        return Decision("on_hold", _invoice_hold_reason(facts.held_reasons))
    if facts.state != "closed" and facts.stage == "litigation":
        return Decision("litigation")
    return Decision("open")


def allowed(current: str, decision: Decision) -> bool:
    """Whether the daily job's ``decision`` is a transition the table allows from ``current``.

    Only litigation -> open is ever refused here: a case in litigation stays there (or goes on
    hold, or closes) until its level changes.
    """
    try:
        check(current, decision.state, decision.hold_reason)
    except TransitionError:
        return False
    return True
