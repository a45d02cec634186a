"""Pure-Python KPI formulas for debt-recovery reporting.

This module has no Odoo dependency and uses the standard library only, so every
formula can be unit-tested in isolation.  Callers (Odoo report models) read the
records, turn them into plain tuples/numbers and pass them in.

Conventions shared by every function:

* Dates are always parameters (``at_date``, ``due_date``); nothing here reads the
  system clock.  ``datetime.datetime`` values are reduced to their date part.
* Amounts may be ``int``, ``float`` or ``decimal.Decimal``; results are ``float``.
* Percentages are expressed on a 0-100 scale (``65.2`` means 65.2 %).
* When a ratio is undefined (zero or, where stated, negative denominator) the
  function returns ``None`` rather than raising or returning a misleading 0.
"""

import datetime
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal

Number = int | float | Decimal

# Ageing buckets in order, each with the last day past due it holds (None: no limit). The
# first bucket, "current", holds what is not due yet or due today (days past due <= 0).
AGING_LIMITS = (("current", 0), ("1_30", 30), ("31_60", 60), ("61_90", 90), ("90_plus", None))
BUCKETS = tuple(key for key, _last_day in AGING_LIMITS)

PROMISE_STATES = ("kept", "broken", "open", "cancelled")

__all__ = [
    "AGING_LIMITS",
    "BUCKETS",
    "PROMISE_STATES",
    "aging",
    "aging_bounds",
    "aging_bucket",
    "average_days_delinquent",
    "best_possible_dso",
    "bucket_of_days",
    "cei",
    "dso_countback",
    "dso_standard",
    "overdue_share",
    "plan_completion_rate",
    "promise_kept_rate",
    "rate",
    "receivables",
    "recovered_per_level",
    "recovery_rate",
]


def _as_date(value: datetime.date) -> datetime.date:
    """Return the calendar date of ``value``.

    A ``datetime.datetime`` is reduced to ``value.date()`` (time of day is
    irrelevant for ageing); a plain ``datetime.date`` is returned unchanged.
    """
    if isinstance(value, datetime.datetime):
        return value.date()
    return value


def aging_bucket(due_date: datetime.date, at_date: datetime.date) -> str:
    """Return the ageing bucket key of an item due on ``due_date``, seen at ``at_date``.

    Formula: ``days_past_due = (at_date - due_date).days`` then

    * ``days_past_due <= 0``        -> ``"current"`` (not yet due, or due today)
    * ``1 <= days_past_due <= 30``  -> ``"1_30"``
    * ``31 <= days_past_due <= 60`` -> ``"31_60"``
    * ``61 <= days_past_due <= 90`` -> ``"61_90"``
    * ``days_past_due > 90``        -> ``"90_plus"``

    The returned key is always one of :data:`BUCKETS`; the limits are :data:`AGING_LIMITS`.
    """
    return bucket_of_days((_as_date(at_date) - _as_date(due_date)).days)


def bucket_of_days(days_past_due: int) -> str:
    """Return the ageing bucket key of an item ``days_past_due`` days late (<= 0: not late)."""
    for key, last_day in AGING_LIMITS:
        if last_day is None or days_past_due <= last_day:
            return key
    raise AssertionError("the last ageing bucket has no limit")


def aging_bounds() -> tuple[tuple[str, int | None, int | None], ...]:
    """Return ``(key, first_day, last_day)`` of each ageing bucket, in order.

    Days are days past due, both bounds included; ``None`` means unbounded (the first bucket
    has no first day, the last no last day). Built from :data:`AGING_LIMITS`, for callers that
    bucket elsewhere (SQL) and must agree with :func:`aging_bucket`.
    """
    bounds = []
    first_day = None
    for key, last_day in AGING_LIMITS:
        bounds.append((key, first_day, last_day))
        first_day = None if last_day is None else last_day + 1
    return tuple(bounds)


def aging(
    items: Iterable[tuple[datetime.date, Number]], at_date: datetime.date
) -> dict[str, float]:
    """Sum open amounts per ageing bucket at ``at_date``.

    ``items`` is an iterable of ``(due_date, amount)`` pairs (typically the
    residual amount of each open receivable line).  Each amount is added to the
    bucket given by :func:`aging_bucket` ``(due_date, at_date)``:

        ``result[b] = sum(amount for due, amount in items if aging_bucket(due, at_date) == b)``

    Every key of :data:`BUCKETS` is present (0.0 when empty), in bucket order, so
    ``sum(result.values())`` equals the total of all amounts.  Negative amounts
    (credit notes, unreconciled payments) are summed as they are.
    """
    result = dict.fromkeys(BUCKETS, 0.0)
    for due_date, amount in items:
        result[aging_bucket(due_date, at_date)] += float(amount)
    return result


def receivables(debtors: Iterable[Mapping[str, Number]]) -> dict[str, float]:
    """Return the receivables at a date, the one definition every receivable KPI uses.

    ``debtors`` gives, for each debtor, a mapping with:

    * one key per :data:`BUCKETS`: what the debtor's open invoices still owe (the receivable
      items with a positive residual), by days past due;
    * ``"credits"``: its unapplied credits, i.e. payments and credit notes not yet matched to
      an invoice (the receivable items with a negative residual), zero or negative.

    Result (sums over the debtors):

    * one key per bucket, and ``"open" = sum of the buckets``: the open invoices;
    * ``"overdue" = open - current``;
    * ``"credits"``: the unapplied credits, counted once, apart from the buckets;
    * ``"total" = open + credits``: the receivables, which is the balance of the receivable
      accounts;
    * ``"current_net" = sum over debtors of min(current, total of the debtor)``: the invoices not
      yet due less what each debtor's credits leave once they have settled its overdue invoices
      (credits applied to the oldest invoices first, as a payment would be). It is what would
      remain owed if every debtor had paid on terms, so ``current_net <= total`` always, and
      ``current_net <= current``.

    Example: a debtor owing 3,000 not due and 300 overdue with a 1,000 credit note not applied:
    open 3,300, total 2,300, current_net 2,300 (the credit settles the 300 overdue, then 700 of
    the invoices not due).
    """
    result = dict.fromkeys((*BUCKETS, "open", "overdue", "credits", "total", "current_net"), 0.0)
    for debtor in debtors:
        owed = {key: float(debtor.get(key) or 0.0) for key in BUCKETS}
        credits = float(debtor.get("credits") or 0.0)
        debtor_total = sum(owed.values()) + credits
        for key, amount in owed.items():
            result[key] += amount
        result["credits"] += credits
        result["total"] += debtor_total
        result["current_net"] += min(owed["current"], debtor_total)
    result["open"] = sum(result[key] for key in BUCKETS)
    result["overdue"] = result["open"] - result["current"]
    return result


def dso_standard(ending_receivables: Number, credit_sales: Number, days: Number) -> float | None:
    """Return the standard (average-sales) Days Sales Outstanding.

    Formula: ``DSO = ending_receivables / credit_sales x days`` where
    ``credit_sales`` is the total credit sales of the period and ``days`` its
    length in days (e.g. 90 for a quarter).

    Returns ``None`` when ``credit_sales <= 0`` (no sales: DSO undefined).
    Example: 1,000,000 / 1,250,000 x 90 = 72.0 days.
    """
    if credit_sales <= 0:
        return None
    return float(ending_receivables) / float(credit_sales) * float(days)


def dso_countback(
    ending_receivables: Number, monthly_sales: Sequence[tuple[Number, Number]]
) -> float:
    """Return the countback (exhaustion) Days Sales Outstanding.

    ``monthly_sales`` is a list of ``(days_in_month, sales)`` pairs ordered from
    the MOST RECENT month backwards.  Starting with ``remaining =
    ending_receivables`` and ``dso = 0``, walk back month by month:

    * if ``remaining > sales``: the whole month is still unpaid, so
      ``remaining -= sales`` and ``dso += days_in_month``;
    * otherwise the month is only partly outstanding:
      ``dso += days_in_month x remaining / sales`` and the walk stops.

    Example: AR 1,000,000; March 400,000 (31 d), February 350,000 (28 d),
    January 500,000 (31 d): 1,000,000 - 400,000 = 600,000 -> 31 d;
    600,000 - 350,000 = 250,000 -> 59 d; 250,000 / 500,000 x 31 = 15.5 ->
    DSO = 74.5 days.

    Edge cases:

    * ``ending_receivables <= 0`` -> ``0.0``.
    * Negative monthly sales are treated as 0 (a month with no net sales is
      fully covered by older receivables and counts its full days).
    * Cap: if the receivables exceed the sum of all given sales, the walk runs
      out of months and the result is the sum of all ``days_in_month`` given
      (the true DSO is at least this value; pass more history to refine it).
      An empty ``monthly_sales`` therefore yields ``0.0``.

    The result is always within ``[0, sum(days_in_month)]`` and is monotone
    non-decreasing in ``ending_receivables``.

    Raises ``ValueError`` if a ``days_in_month`` is negative.
    """
    remaining = float(ending_receivables)
    dso = 0.0
    if remaining <= 0:
        return dso
    for days_in_month, sales in monthly_sales:
        days = float(days_in_month)
        if days < 0:
            raise ValueError(f"days_in_month must be >= 0, got {days_in_month!r}")
        month_sales = max(float(sales), 0.0)
        if remaining > month_sales:
            remaining -= month_sales
            dso += days
        else:
            # min(): the float ratio may round just above 1 when both are almost equal
            dso += days * min(1.0, remaining / month_sales)
            return dso
    return dso


def best_possible_dso(
    current_receivables: Number, credit_sales: Number, days: Number
) -> float | None:
    """Return the Best Possible DSO: the DSO if every customer paid exactly on terms.

    Formula: ``BPDSO = current_receivables / credit_sales x days`` where
    ``current_receivables`` is the not-yet-due part of the ending receivables
    (``receivables(...)["current_net"]``: the not-due invoices net of the credits left
    once the overdue ones are settled), ``credit_sales`` the credit sales of the
    period and ``days`` its length. With ``current_receivables <= ending receivables``
    (always true of :func:`receivables`), BPDSO <= DSO.

    Returns ``None`` when ``credit_sales <= 0``.
    Example: 600,000 / 1,250,000 x 90 = 43.2 days.
    """
    if credit_sales <= 0:
        return None
    return float(current_receivables) / float(credit_sales) * float(days)


def average_days_delinquent(dso: Number | None, best_dso: Number | None) -> float | None:
    """Return the Average Days Delinquent (ADD): how many days, on average, payment is late.

    Formula: ``ADD = DSO - Best Possible DSO``, both computed on the same period
    (e.g. 72.0 - 43.2 = 28.8 days).

    Returns ``None`` when either input is ``None`` (undefined upstream).
    """
    if dso is None or best_dso is None:
        return None
    return float(dso) - float(best_dso)


def cei(
    opening_ar: Number,
    credit_sales: Number,
    ending_total_ar: Number,
    ending_current_ar: Number,
) -> float | None:
    """Return the Collection Effectiveness Index (CEI), in percent.

    Formula::

        CEI = (opening_ar + credit_sales - ending_total_ar)
              / (opening_ar + credit_sales - ending_current_ar) x 100

    i.e. what was collected over what could have been collected (everything
    except what is not yet due at period end).

    ``ending_current_ar`` is ``receivables(...)["current_net"]``, which is at most the
    ending total, so the result is ``<= 100``; it is ``>= 0`` as long as the ending
    receivables do not exceed opening AR plus sales (they can when receivables grow
    otherwise than by sales: a refund paid out, a manual entry).
    Returns ``None`` when the denominator is ``<= 0``.
    Example: (500,000 + 1,250,000 - 1,000,000) / (1,750,000 - 600,000) x 100
    = 750,000 / 1,150,000 x 100 = 65.217...%.
    """
    available = float(opening_ar) + float(credit_sales)
    denominator = available - float(ending_current_ar)
    if denominator <= 0:
        return None
    return (available - float(ending_total_ar)) / denominator * 100.0


def rate(numerator: Number, denominator: Number) -> float | None:
    """Return the percentage ``numerator / denominator x 100``.

    Returns ``None`` when ``denominator == 0`` (undefined ratio).  Negative
    values are allowed and computed as they are.
    Example: rate(1, 4) = 1 / 4 x 100 = 25.0.
    """
    if denominator == 0:
        return None
    return float(numerator) / float(denominator) * 100.0


def overdue_share(overdue: Number, open_invoices: Number) -> float | None:
    """Return the share of the open invoices that is overdue, in percent.

    ``open_invoices`` is what the invoices still owe (unapplied credits not deducted: a payment
    on account does not make an invoice less overdue), ``overdue`` the part of it past due.
    Returns ``None`` when no invoice is owed (``open_invoices <= 0``); never above 100.
    Example: overdue_share(250, 1000) = 25.0.
    """
    if open_invoices <= 0:
        return None
    return min(float(overdue) / float(open_invoices) * 100.0, 100.0)


def promise_kept_rate(promises: Iterable[tuple[str, Number]]) -> dict[str, float | None]:
    """Return the promise-to-pay kept rate, by count and by amount, in percent.

    ``promises`` is an iterable of ``(state, amount)`` with ``state`` in
    :data:`PROMISE_STATES` (``kept``, ``broken``, ``open``, ``cancelled``).
    Only settled promises count: ``open`` (outcome unknown yet) and
    ``cancelled`` promises are ignored.

    Formulas::

        count  = #kept / (#kept + #broken) x 100
        amount = sum(kept amounts) / (sum(kept amounts) + sum(broken amounts)) x 100

    Each value is ``None`` when its denominator is 0 (no settled promise, or
    settled promises totalling 0).

    Raises ``ValueError`` on an unknown state, so a renamed selection value
    cannot silently distort the rate.
    """
    count = {"kept": 0, "broken": 0}
    amount = {"kept": 0.0, "broken": 0.0}
    for state, value in promises:
        if state not in PROMISE_STATES:
            raise ValueError(f"unknown promise state {state!r}; expected one of {PROMISE_STATES}")
        if state in count:
            count[state] += 1
            amount[state] += float(value)
    return {
        "count": rate(count["kept"], count["kept"] + count["broken"]),
        "amount": rate(amount["kept"], amount["kept"] + amount["broken"]),
    }


def plan_completion_rate(states: Iterable[str]) -> float | None:
    """Return the payment-plan completion rate over finished plans, in percent.

    Formula: ``done / (done + broken) x 100`` where ``done`` and ``broken``
    count the plans in those states.  Every other state (``draft``,
    ``active``, ``cancelled``...) is ignored: a cancelled plan was withdrawn,
    not failed by the debtor, and running plans have no outcome yet.

    Returns ``None`` when no plan is ``done`` or ``broken``.
    Example: [done, done, done, broken, active, cancelled] -> 3 / 4 x 100 = 75.0.
    """
    done = broken = 0
    for state in states:
        if state == "done":
            done += 1
        elif state == "broken":
            broken += 1
    return rate(done, done + broken)


def recovery_rate(collected: Number, outstanding_at_start: Number) -> float | None:
    """Return the recovery rate, in percent: share of the debt at start that was collected.

    Formula: ``collected / outstanding_at_start x 100``.

    Returns ``None`` when ``outstanding_at_start <= 0`` (nothing to recover).
    Example: 30,000 / 120,000 x 100 = 25.0.
    """
    if outstanding_at_start <= 0:
        return None
    return float(collected) / float(outstanding_at_start) * 100.0


def recovered_per_level(payments: Iterable[tuple[object, Number]]) -> dict[object, float]:
    """Sum recovered amounts per recovery level.

    ``payments`` is an iterable of ``(level_key, amount)`` where ``level_key``
    identifies the recovery level last reached by the debtor/invoice *before*
    the payment (the caller determines it; ``None`` may be used for payments
    received before any level was reached).

    Formula: ``result[level] = sum(amount for key, amount in payments if key == level)``.

    Keys appear in first-seen order; levels with no payment are absent.
    """
    result: dict[object, float] = {}
    for level_key, amount in payments:
        result[level_key] = result.get(level_key, 0.0) + float(amount)
    return result


def late_payment_rate(
    invoices: Iterable[tuple[datetime.date, datetime.date, Number]],
) -> dict[str, float | None]:
    """Return the late-payment rate ("taux de retard"), by count and by amount, in percent.

    ``invoices`` is an iterable of ``(due_date, paid_date, amount)`` of the invoices settled in
    the period. An invoice is late when it was paid after its due date::

        count  = #paid late / #paid x 100
        amount = sum(amounts paid late) / sum(amounts paid) x 100

    Each value is ``None`` when its denominator is 0 (nothing settled in the period).
    """
    late_count = total_count = 0
    late_amount = total_amount = 0.0
    for due_date, paid_date, amount in invoices:
        total_count += 1
        total_amount += float(amount)
        if paid_date > due_date:
            late_count += 1
            late_amount += float(amount)
    return {"count": rate(late_count, total_count), "amount": rate(late_amount, total_amount)}
