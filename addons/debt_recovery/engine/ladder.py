"""Dunning ladder rules: which level is due, contact caps, preventive reminders.

Pure standard-library code (no Odoo import). "today" is always a parameter.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

STAGES = ("preventive", "amicable", "formal_notice", "pre_litigation", "litigation")
# The stages from the formal notice on: letters and penalties speak of a formal notice sent.
FORMAL_STAGES = STAGES[STAGES.index("formal_notice") :]


@dataclass(frozen=True)
class Level:
    """One rung of the dunning ladder.

    ``delay_days`` is counted from the oldest due date (negative for preventive levels,
    which are sent before the due date).
    """

    id: int
    sequence: int
    delay_days: int
    stage: str

    @property
    def is_preventive(self) -> bool:
        """True for levels sent before the due date (preventive stage or negative delay)."""
        return self.stage == "preventive" or self.delay_days < 0


def _sort_key(level: Level) -> tuple[int, int, int]:
    """Ordering key of a level: (sequence, delay_days, id)."""
    return (level.sequence, level.delay_days, level.id)


def ordered_levels(levels: Iterable[Level]) -> list[Level]:
    """Return the levels sorted by (sequence, delay_days, id)."""
    return sorted(levels, key=_sort_key)


def overdue_ladder(levels: Iterable[Level]) -> list[Level]:
    """Return the ordered non-preventive levels (the ladder used for overdue cases)."""
    return [level for level in ordered_levels(levels) if not level.is_preventive]


def preventive_ladder(levels: Iterable[Level]) -> list[Level]:
    """Return the ordered preventive levels (reminders before the due date)."""
    return [level for level in ordered_levels(levels) if level.is_preventive]


@dataclass(frozen=True)
class CaseSnapshot:
    """State of a recovery case relevant to the ladder.

    ``level_id``/``level_date``: last level reached and the date it was reached.
    """

    oldest_due_date: date | None
    level_id: int | None
    level_date: date | None


def _is_reached(ladder: list[Level], j: int, oldest_due_date: date, today: date) -> bool:
    """First condition: today >= oldest_due_date + delay(j) days."""
    return today >= oldest_due_date + timedelta(days=ladder[j].delay_days)


def _position(levels: Iterable[Level], snap: CaseSnapshot) -> tuple[list[Level], int]:
    """The overdue ladder and the index of the case's level in it (-1: before the first)."""
    ladder = overdue_ladder(levels)
    ids = [level.id for level in ladder]
    return ladder, ids.index(snap.level_id) if snap.level_id in ids else -1


def next_level_date(levels: Iterable[Level], snap: CaseSnapshot) -> date | None:
    """Return the first date the next overdue level falls due, or None.

    With i the index of the case's level in :func:`overdue_ladder` (-1 when the id is None,
    unknown or preventive), level i+1 falls due on the later of
    ``oldest_due_date + delay(i+1)`` and, when i >= 0 and a level date is known,
    ``level_date + (delay(i+1) - delay(i))``. None without an oldest due date or at the last
    level.
    """
    if snap.oldest_due_date is None:
        return None
    ladder, i = _position(levels, snap)
    nxt = i + 1
    if nxt >= len(ladder):
        return None
    when = snap.oldest_due_date + timedelta(days=ladder[nxt].delay_days)
    if i >= 0 and snap.level_date is not None:
        # A missing level date cannot hold the case back (no reference to wait from).
        gap = ladder[nxt].delay_days - ladder[i].delay_days
        when = max(when, snap.level_date + timedelta(days=gap))
    return when


def due_level(
    levels: Iterable[Level], snap: CaseSnapshot, today: date, allow_skip: bool = False
) -> Level | None:
    """Return the overdue level that should be applied today, or None.

    Level i+1 is due when ``today >= oldest_due_date + delay(i+1)`` and, when i >= 0, also
    ``today >= level_date + (delay(i+1) - delay(i))``, i.e. from :func:`next_level_date` on.
    Without ``allow_skip`` that level is returned; with it, the highest level j > i with
    ``today >= oldest_due_date + delay(j)``. None when nothing is due, at the last level, or
    without an oldest due date.
    """
    when = next_level_date(levels, snap)
    if when is None or today < when:
        return None
    ladder, i = _position(levels, snap)
    if not allow_skip:
        return ladder[i + 1]
    reached = [
        j for j in range(i + 1, len(ladder)) if _is_reached(ladder, j, snap.oldest_due_date, today)
    ]
    return ladder[reached[-1]]


def contact_cap_date(
    contact_dates: Iterable[date], today: date, limit: int, window_days: int
) -> date | None:
    """Return the first date a new outbound contact is allowed, or None if allowed today.

    The window on day X is ``X - window_days < d <= X``; only contacts ``d <= today`` count
    (future-dated contacts are ignored). No cap (None) when ``limit <= 0`` or
    ``window_days <= 0``, or when fewer than ``limit`` contacts are in today's window.
    Otherwise the result X = d_k + window_days, d_k being the limit-th most recent contact
    in today's window: on X the window count is < limit, on X - 1 it is >= limit.
    """
    if limit <= 0 or window_days <= 0:
        return None
    start = today - timedelta(days=window_days)
    in_window = sorted((d for d in contact_dates if start < d <= today), reverse=True)
    if len(in_window) < limit:
        return None
    return in_window[limit - 1] + timedelta(days=window_days)


@dataclass(frozen=True)
class InvoiceDue:
    """An open invoice for preventive reminders; ``level_id``: last level it was included in."""

    id: int
    due_date: date
    level_id: int | None


def preventive_reminders(
    levels: Iterable[Level], invoices: Iterable[InvoiceDue], today: date
) -> dict[int, list[int]]:
    """Return ``{preventive level id: [invoice ids]}`` of reminders to send today.

    A preventive level p applies to an invoice when
    ``due_date + delay(p) <= today <= due_date`` and the invoice's level is None (or an
    unknown id) or a preventive level ordered before p. When several apply, only the
    latest in order is used. Invoices already at a non-preventive level are skipped.
    Invoice ids keep the input order; levels without invoices are absent.
    """
    all_levels = ordered_levels(levels)
    prev = [level for level in all_levels if level.is_preventive]
    non_preventive_ids = {level.id for level in all_levels if not level.is_preventive}
    prev_index = {level.id: k for k, level in enumerate(prev)}
    result: dict[int, list[int]] = {}
    for inv in invoices:
        if inv.level_id in non_preventive_ids:
            continue
        current = prev_index.get(inv.level_id, -1) if inv.level_id is not None else -1
        chosen = None
        for level in prev[current + 1 :]:
            if inv.due_date + timedelta(days=level.delay_days) <= today <= inv.due_date:
                chosen = level
        if chosen is not None:
            result.setdefault(chosen.id, []).append(inv.id)
    return result
