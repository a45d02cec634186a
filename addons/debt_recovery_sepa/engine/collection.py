"""SEPA direct debit collection of instalments: calendar, split over invoices, returns.

Pure standard-library code (no Odoo import), "today" always a parameter. Amounts come in as
floats, are computed as ``decimal.Decimal`` and go out as floats rounded to the currency's
``rounding``.

Business days are TARGET2 days (the days the euro settlement system is open, on which SEPA
collections settle): every day but Saturdays, Sundays, 1 January, Good Friday, Easter Monday,
1 May, 25 and 26 December.

>>> calendar = collection_calendar(date(2027, 4, 5), prenotice_days=14, lead_days=2)
>>> calendar.prenotice_date, calendar.order_date
(datetime.date(2027, 3, 22), datetime.date(2027, 4, 1))
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

# Return reason codes (ISO 20022 ExternalReturnReason1Code, as used in SEPA R-transactions),
# by what the creditor does next.
RETRY_CODES = frozenset({"AM04"})  # insufficient funds: present again, once
STOP_CODES = frozenset(
    {
        "MD01",  # no valid mandate
        "AC01",  # incorrect account number
        "AC04",  # account closed
        "AC06",  # account blocked
        "AC13",  # debtor account type invalid (consumer account in a B2B debit)
        "AG01",  # transaction forbidden on this account
        "BE05",  # unrecognised initiating party
        "MD07",  # debtor deceased
        "SL01",  # specific service of the debtor's bank (blocked creditor)
    }
)
# Everything else (MS02 refused by the debtor, MD06 refund asked by a CORE debtor, MS03,
# AM05 duplicate...) leaves the instalment unpaid under the plan's default rules.
ACTIONS = ("retry", "default", "stop")
MANDATE_STATES_STOPPING = frozenset({"cancel", "expired"})


# ---------------------------------------------------------------------- business days
def easter_sunday(year: int) -> date:
    """Gregorian Easter Sunday (anonymous Gregorian algorithm).

    >>> easter_sunday(2027), easter_sunday(2024)
    (datetime.date(2027, 3, 28), datetime.date(2024, 3, 31))
    """
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return date(year, month, day + 1)


def target_holidays(year: int) -> frozenset[date]:
    """The TARGET2 closing days of ``year`` that are not week-ends."""
    easter = easter_sunday(year)
    return frozenset(
        {
            date(year, 1, 1),
            easter - timedelta(days=2),
            easter + timedelta(days=1),
            date(year, 5, 1),
            date(year, 12, 25),
            date(year, 12, 26),
        }
    )


def is_business_day(day: date) -> bool:
    """True on a TARGET2 business day."""
    return day.weekday() < 5 and day not in target_holidays(day.year)


def next_business_day(day: date) -> date:
    """``day`` itself if a business day, else the next one."""
    while not is_business_day(day):
        day += timedelta(days=1)
    return day


def add_business_days(day: date, count: int) -> date:
    """Move ``count`` business days from ``day`` (backwards when negative); 0 keeps ``day``.

    >>> add_business_days(date(2027, 3, 30), -2)  # over Easter Monday and Good Friday
    datetime.date(2027, 3, 24)
    """
    step = 1 if count >= 0 else -1
    left = abs(count)
    while left:
        day += timedelta(days=step)
        if is_business_day(day):
            left -= 1
    return day


# ---------------------------------------------------------------------- calendar
@dataclass(frozen=True)
class CollectionCalendar:
    """The dates of one collection.

    ``collection_date``: the day the debtor's account is debited (a business day);
    ``prenotice_date``: the last day the pre-notification may be sent (``prenotice_days``
    calendar days before); ``order_date``: the day the debit goes into a payment order
    (``lead_days`` business days before the collection, the payment mode's lead time).
    """

    collection_date: date
    prenotice_date: date
    order_date: date


def collection_calendar(due_date: date, prenotice_days: int, lead_days: int) -> CollectionCalendar:
    """The calendar of an instalment due on ``due_date``: collected on that day, or the next
    business day when it is not one."""
    collection = next_business_day(due_date)
    return CollectionCalendar(
        collection_date=collection,
        prenotice_date=collection - timedelta(days=max(prenotice_days, 0)),
        order_date=add_business_days(collection, -max(lead_days, 0)),
    )


# Calendar days a posted letter may take to reach the debtor: a standard letter is delivered
# in up to three working days, five calendar days over a weekend.
LETTER_DELIVERY_DAYS = 5


def notice_days(prenotice_days: int, by_letter: bool) -> int:
    """Days before the collection the pre-notification is given: the agreed notice, plus the
    letter's delivery when it goes by post, so that it still reaches the debtor in time.

    >>> notice_days(14, False), notice_days(14, True)
    (14, 19)
    """
    return max(prenotice_days, 0) + (LETTER_DELIVERY_DAYS if by_letter else 0)


def earliest_collection_date(today: date, prenotice_days: int, lead_days: int) -> date:
    """The first collection date still possible when pre-notifying ``today``: at least
    ``prenotice_days`` calendar days ahead and ``lead_days`` business days ahead.

    >>> earliest_collection_date(date(2027, 12, 10), 14, 2)  # 24 Dec is a business day
    datetime.date(2027, 12, 24)
    >>> earliest_collection_date(date(2027, 12, 11), 14, 2)  # 25, 26 Dec closed, 27 Monday
    datetime.date(2027, 12, 27)
    """
    by_notice = next_business_day(today + timedelta(days=max(prenotice_days, 0)))
    by_lead = add_business_days(today, max(lead_days, 0))
    return max(by_notice, by_lead)


@dataclass(frozen=True)
class Step:
    """What the daily step does today for one instalment.

    ``action``: "wait" (nothing today), "notify" (send the pre-notification for
    ``collection_date``, which may have moved later than planned when the notice is late),
    "order" (put it in a payment order collected on ``collection_date``).
    """

    action: str
    collection_date: date


def daily_step(
    planned_date: date,
    notified_for: date | None,
    today: date,
    prenotice_days: int,
    lead_days: int,
) -> Step:
    """Decide today's step for an instalment planned on ``planned_date``, pre-notified for
    ``notified_for`` (None: not yet).

    A pre-notification goes out from ``prenotice_days`` before the collection; one that
    could no longer be sent in time moves the collection to the earliest date still
    possible. Once pre-notified, the instalment goes into an order from its order date; an
    order date already past (the job did not run) keeps the notified date if the lead time
    still allows it, else the collection is pre-notified again for a later date.

    >>> daily_step(date(2027, 4, 5), None, date(2027, 3, 22), 14, 2).action
    'notify'
    >>> daily_step(date(2027, 4, 5), None, date(2027, 3, 21), 14, 2).action
    'wait'
    >>> daily_step(date(2027, 4, 5), date(2027, 4, 5), date(2027, 4, 1), 14, 2).action
    'order'
    """
    planned = collection_calendar(planned_date, prenotice_days, lead_days)
    if notified_for is None or notified_for != planned.collection_date:
        if today < planned.prenotice_date:
            return Step("wait", planned.collection_date)
        if today == planned.prenotice_date:
            return Step("notify", planned.collection_date)
        return Step(
            "notify",
            max(
                planned.collection_date,
                earliest_collection_date(today, prenotice_days, lead_days),
            ),
        )
    if today < planned.order_date:
        return Step("wait", planned.collection_date)
    if add_business_days(today, max(lead_days, 0)) <= planned.collection_date:
        return Step("order", planned.collection_date)
    return Step(
        "notify",
        max(planned.collection_date, earliest_collection_date(today, prenotice_days, lead_days)),
    )


# ---------------------------------------------------------------------- split over invoices
def _to_decimal(value) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


def _round(value: Decimal, step: Decimal) -> Decimal:
    return (value / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step


def split_amount(
    amount: float, open_amounts: Sequence[float], rounding: float = 0.01
) -> list[float]:
    """Split ``amount`` over receivable lines given in allocation order with what each still
    has open (``open_amounts``): each line takes at most its open amount, in order (the last
    one taken may be paid in part). Returns one share per line (0.0 for lines not reached);
    the shares sum to min(amount, total open), rounded to ``rounding``.

    >>> split_amount(250.0, [100.0, 300.0, 50.0])
    [100.0, 150.0, 0.0]
    """
    step = _to_decimal(rounding)
    left = max(_round(_to_decimal(amount), step), Decimal(0))
    shares = []
    for open_amount in open_amounts:
        share = min(max(_round(_to_decimal(open_amount), step), Decimal(0)), left)
        left -= share
        shares.append(float(share))
    return shares


def allocation_order(lines: Iterable[tuple]) -> list:
    """Receivable lines in the plan's allocation order: the debts due first, the oldest
    first (Code civil, art. 1342-10), then by invoice and line. ``lines`` are tuples
    ``(due_date, invoice_id, line_id, ...)``; returned sorted on those three keys."""
    return sorted(lines, key=lambda line: (line[0], line[1], line[2]))


# ---------------------------------------------------------------------- returns
@dataclass(frozen=True)
class ReturnDecision:
    """What follows a returned debit: ``action`` in ACTIONS ("retry": collect again on
    ``retry_date``; "default": the instalment stays unpaid under the plan's default rules;
    "stop": no more debits on this mandate, the plan goes back to transfers)."""

    action: str
    retry_date: date | None = None


def return_decision(
    code: str | None,
    retries_done: int,
    max_retries: int,
    return_date: date,
    prenotice_days: int,
    lead_days: int,
    mandate_state: str = "valid",
) -> ReturnDecision:
    """Decide what follows a debit returned with reason ``code`` on ``return_date``.

    A revoked or expired mandate stops the collections whatever the code; AM04 is presented
    again once per allowed retry, at the earliest date a new pre-notification allows; the
    codes of STOP_CODES stop; any other code (or none) falls to the plan's default rules.

    >>> return_decision("AM04", 0, 1, date(2027, 4, 8), 14, 2)
    ReturnDecision(action='retry', retry_date=datetime.date(2027, 4, 22))
    >>> return_decision("AM04", 1, 1, date(2027, 5, 8), 14, 2).action
    'default'
    >>> return_decision("MD01", 0, 1, date(2027, 4, 8), 14, 2).action
    'stop'
    """
    code = (code or "").strip().upper()
    if mandate_state in MANDATE_STATES_STOPPING or code in STOP_CODES:
        return ReturnDecision("stop")
    if code in RETRY_CODES and retries_done < max_retries:
        return ReturnDecision(
            "retry", earliest_collection_date(return_date, prenotice_days, lead_days)
        )
    return ReturnDecision("default")


# ---------------------------------------------------------------------- policy decisions
SCHEMES = ("CORE", "B2B")


def mandate_scheme(debtor_type: str | None, professional_scheme: str | None) -> str:
    """The SEPA scheme of a mandate the debtor gives: B2B only for a professional debtor
    under a policy choosing B2B for professionals; CORE for everyone else (a consumer's
    account cannot be debited under B2B, and a public body or a debtor of unknown type
    keeps the scheme that protects it).

    >>> mandate_scheme("professional", "B2B"), mandate_scheme("consumer", "B2B")
    ('B2B', 'CORE')
    """
    if debtor_type == "professional" and professional_scheme == "B2B":
        return "B2B"
    return "CORE"


def return_fee_charged(debtor_type: str | None, policy_reinvoices: bool, fee: float) -> bool:
    """Whether the bank fees of a returned debit are re-invoiced to the debtor: only to a
    professional, only where the policy says so, only for a positive fee. Never to a
    consumer or a public body (nor to a debtor of unknown type).

    >>> return_fee_charged("professional", True, 20.0), return_fee_charged("consumer", True, 20.0)
    (True, False)
    """
    return bool(policy_reinvoices) and debtor_type == "professional" and (fee or 0.0) > 0
