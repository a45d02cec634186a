"""Rules of the debtor's recovery portal: plain functions on dates and amounts.

Every amount the debtor sees or pays is recomputed here from the server's records; nothing the
browser sends is trusted but the debtor's choices (a date, an amount, a count), which are
checked against the policy's bounds.
"""

import calendar
from dataclasses import dataclass
from datetime import date, datetime, timedelta


class PortalRuleError(ValueError):
    """A choice outside the policy's bounds; ``code`` tells which rule (for a message)."""

    def __init__(self, code: str, message: str = ""):
        super().__init__(message or code)
        self.code = code


def add_months(day: date, months: int) -> date:
    """Add ``months`` calendar months, clamping to the month end (31 Jan + 1 -> 28/29 Feb)."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def link_expiry(token_date: datetime | None, validity_months: int) -> datetime | None:
    """When a link made at ``token_date`` stops opening its page (None: never made)."""
    if token_date is None:
        return None
    if validity_months <= 0:
        return None if validity_months == 0 else token_date
    day = add_months(token_date.date(), validity_months)
    return datetime.combine(day, token_date.time())


def link_valid(token_date: datetime | None, validity_months: int, now: datetime) -> bool:
    """Whether a link made at ``token_date`` still opens its page at ``now``.

    ``validity_months`` 0 means links never expire; a link without a date (made before the
    dates were recorded) is treated as made long ago: expired unless links never expire.
    """
    if validity_months == 0:
        return True
    expiry = link_expiry(token_date, validity_months)
    return expiry is not None and now < expiry


def actions_left(action_times: list[datetime], limit: int, now: datetime, window_hours: int = 1):
    """How many more actions a link may take at ``now`` (``limit`` per sliding window; an
    action stamped a little after ``now``, clocks differing, counts)."""
    since = now - timedelta(hours=window_hours)
    recent = sum(1 for moment in action_times if since < moment)
    return max(0, limit - recent)


@dataclass(frozen=True)
class PromiseBounds:
    """What a debtor may promise: by ``latest`` at the latest, at least ``minimum``."""

    earliest: date
    latest: date
    minimum: float
    maximum: float


def promise_bounds(
    today: date, amount_due: float, max_days: int, min_share: float, rounding: float = 0.01
) -> PromiseBounds:
    """Bounds of a promise made today on ``amount_due``: a date within ``max_days`` days and at
    least ``min_share`` percent of the amount (rounded up to ``rounding``)."""
    minimum = amount_due * max(0.0, min(100.0, min_share)) / 100.0
    steps = -(-round(minimum / rounding, 6) // 1)  # ceil without float drift
    return PromiseBounds(
        earliest=today,
        latest=today + timedelta(days=max(0, max_days)),
        minimum=round(steps * rounding, 6),
        maximum=round(amount_due, 6),
    )


def check_promise(bounds: PromiseBounds, promised_date: date, amount: float) -> None:
    """Raise PortalRuleError (code "date", "amount" or "nothing") unless the promise fits."""
    if bounds.maximum <= 0:
        raise PortalRuleError("nothing", "nothing is due")
    if not bounds.earliest <= promised_date <= bounds.latest:
        raise PortalRuleError("date", "promised date out of bounds")
    if not bounds.minimum <= amount <= bounds.maximum:
        raise PortalRuleError("amount", "promised amount out of bounds")


def check_plan_request(count: int, min_count: int, max_count: int, amount: float) -> None:
    """Raise PortalRuleError (code "count" or "nothing") unless ``count`` instalments of a plan
    on ``amount`` are within the policy's bounds."""
    if amount <= 0:
        raise PortalRuleError("nothing", "nothing to plan")
    if not min_count <= count <= max_count:
        raise PortalRuleError("count", "instalment count out of bounds")


def plan_accepted_at_once(count: int, amount: float, max_count: int, max_amount: float) -> bool:
    """A requested plan within both thresholds is accepted without a collector (a threshold
    of 0 accepts nothing at once)."""
    return 0 < count <= max_count and 0 < amount <= max_amount


@dataclass(frozen=True)
class Payable:
    """An open invoice as the portal reads it (``residual`` in the company currency)."""

    id: int
    residual: float
    due_date: date


def payment_target(
    what: str,
    invoices: list[Payable],
    invoice_id: int | None = None,
    instalment_due: float = 0.0,
    plan_invoice_ids: tuple[int, ...] = (),
) -> tuple[list[int], float]:
    """(invoice ids, amount) of a payment: ``what`` is "invoice" (one of ``invoices``),
    "instalment" (the next instalment, on the plan's invoices) or "all" (every open invoice).

    Raises PortalRuleError "target" for an invoice that is not one of the debtor's, or
    "nothing" when nothing is due.
    """
    by_id = {inv.id: inv for inv in invoices}
    if what == "invoice":
        invoice = by_id.get(invoice_id)
        if invoice is None:
            raise PortalRuleError("target", "unknown invoice")
        ids, amount = [invoice.id], invoice.residual
    elif what == "instalment":
        ordered = sorted((by_id[i] for i in plan_invoice_ids if i in by_id), key=_due_key)
        ids = [inv.id for inv in ordered]
        amount = min(instalment_due, sum(inv.residual for inv in ordered))
    elif what == "all":
        ordered = sorted(invoices, key=_due_key)
        ids, amount = [inv.id for inv in ordered], sum(inv.residual for inv in ordered)
    else:
        raise PortalRuleError("target", f"unknown payment: {what!r}")
    amount = round(amount, 2)
    if not ids or amount <= 0:
        raise PortalRuleError("nothing", "nothing to pay")
    return ids, amount


def _due_key(invoice: Payable):
    return (invoice.due_date, invoice.id)


# ---------------------------------------------------------------------- what the debtor types
MAX_TEXT = 5000
MAX_NAME = 200
# Files a debtor may attach to a dispute, by their content (not by their name).
ALLOWED_FILE_TYPES = {
    "application/pdf": (".pdf",),
    "image/png": (".png",),
    "image/jpeg": (".jpg", ".jpeg"),
    "image/webp": (".webp",),
    "text/plain": (".txt",),
}
MAX_FILES = 5
MAX_FILE_BYTES = 10 * 1024 * 1024


def parse_count(text, low: int = 1, high: int = 1000) -> int:
    """A whole number typed in a form (a number of instalments), between ``low`` and ``high``."""
    value = str(text or "").strip()
    if not value.isdigit() or len(value) > 6:
        raise PortalRuleError("count")
    count = int(value)
    if not low <= count <= high:
        raise PortalRuleError("count")
    return count


def clean_text(text, limit: int = MAX_TEXT) -> str:
    """A message or a name typed in a form: trimmed, control characters refused, at most
    ``limit`` characters (its HTML is shown as text, never interpreted)."""
    value = str(text or "").strip()
    if len(value) > limit or any(ord(c) < 32 and c not in "\n\r\t" for c in value):
        raise PortalRuleError("text")
    return value


def check_file(name: str, content_type: str, size: int) -> None:
    """A file attached to a dispute: its content type (guessed from its bytes), its name's
    extension and its size must agree (a script renamed "invoice.pdf" is refused)."""
    extensions = ALLOWED_FILE_TYPES.get(content_type)
    if not extensions:
        raise PortalRuleError("file_type")
    if not (name or "").lower().endswith(extensions):
        raise PortalRuleError("file_type")
    if size <= 0 or size > MAX_FILE_BYTES:
        raise PortalRuleError("file_size")
