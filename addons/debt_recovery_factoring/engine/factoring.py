# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""What a factor may be assigned, and the amounts an assignment transfers.

An invoice is assigned to a factor (subrogation) for what is still owed on it: each of its open
receivable items is transferred to the factor's account for its residual. A bought-back invoice
returns to the company for what was assigned. Plain values in, plain values out: the add-on's
models read the invoices, this module decides.

>>> invoice = Invoice(id=7, company_id=1, kind="out_invoice", posted=True, residual=120.0,
...                   assigned=False, is_penalty=False)
>>> refusal(invoice, company_id=1) is None
True
>>> refusal(invoice, company_id=2)
'other_company'
>>> refusal(Invoice(**{**invoice._asdict(), "residual": 0.0}), company_id=1)
'nothing_due'
"""

from collections import namedtuple

# Why an invoice cannot be assigned, in the order they are checked.
REFUSALS = (
    "not_invoice",  # not a customer invoice
    "not_posted",  # draft or cancelled
    "other_company",  # of another company than the contract's
    "assigned",  # already assigned and not bought back
    "penalty",  # an invoice of late-payment penalties: the factor's, not the company's
    "nothing_due",  # fully paid or credited
)

Invoice = namedtuple(
    "Invoice", "id company_id kind posted residual assigned is_penalty", defaults=(False,)
)
Item = namedtuple("Item", "id residual")
Transfer = namedtuple("Transfer", "item_id amount")


def refusal(invoice, company_id):
    """The first reason (one of ``REFUSALS``) ``invoice`` cannot be assigned under a contract of
    ``company_id``, or None when it can."""
    if invoice.kind != "out_invoice":
        return "not_invoice"
    if not invoice.posted:
        return "not_posted"
    if invoice.company_id != company_id:
        return "other_company"
    if invoice.assigned:
        return "assigned"
    if invoice.is_penalty:
        return "penalty"
    if invoice.residual <= 0:
        return "nothing_due"
    return None


def transfers(items, rounding=0.01):
    """The credit to post against each open receivable item of an invoice (``Item``): its
    residual, rounded to the currency; items with nothing left are skipped.

    >>> transfers([Item(1, 100.004), Item(2, 0.0), Item(3, 50.0)])
    [Transfer(item_id=1, amount=100.0), Transfer(item_id=3, amount=50.0)]
    """
    result = []
    for item in items:
        amount = round_to(item.residual, rounding)
        if amount > 0:
            result.append(Transfer(item.id, amount))
    return result


def round_to(amount, rounding):
    """``amount`` rounded half away from zero to a multiple of ``rounding`` (as Odoo's
    currencies round).

    >>> round_to(10.005, 0.01)
    10.01
    >>> round_to(-10.005, 0.01)
    -10.01
    """
    steps = abs(amount) / rounding
    whole = int(steps + 0.5 + 1e-9)
    value = round(whole * rounding, 10)
    return value if amount >= 0 else -value


def totals_by_mode(rows):
    """{mode: total} of assigned amounts (``rows``: (mode, amount) pairs), each mode present.

    >>> totals_by_mode([("notified", 100.0), ("confidential", 20.0), ("notified", 5.5)])
    {'notified': 105.5, 'confidential': 20.0}
    """
    totals = {"notified": 0.0, "confidential": 0.0}
    for mode, amount in rows:
        totals[mode] = round(totals[mode] + amount, 2)
    return totals


def collection_change(assigned, residual, collected, rounding=0.01):
    """Confidential factoring: the change, since the last count, of what the debtor paid the
    company on an invoice assigned for ``assigned`` (its open ``residual`` now, ``collected``
    already moved to the factor). Positive: more to move to the factor; negative: a payment was
    unmatched, move it back; 0.0: nothing changed. What is collected stays within
    [0, ``assigned``] (a payment beyond the assigned amount is not the factor's).

    >>> collection_change(1200.0, 700.0, 0.0)
    500.0
    >>> collection_change(1200.0, 0.0, 500.0)
    700.0
    >>> collection_change(1200.0, 1200.0, 500.0)
    -500.0
    >>> collection_change(1200.0, 700.0, 500.0)
    0.0
    >>> collection_change(1000.0, -50.0, 0.0)
    1000.0
    """
    target = min(max(assigned - residual, 0.0), assigned)
    change = round_to(target - collected, rounding)
    return change if abs(change) >= rounding / 2 else 0.0


def split_by_bucket(rows, at_date, bucket_of_days):
    """{bucket: {"own", "notified", "confidential"}} of receivables: ``rows`` are
    (mode, due date, amount) with mode None for the company's own open invoices, "notified" or
    "confidential" for the amounts assigned to a factor; ``bucket_of_days`` names the bucket of
    a number of days past due at ``at_date`` (the aged balance's). Every bucket the rows reach
    holds the three keys, rounded to the cent.

    >>> import datetime
    >>> day = datetime.date(2026, 4, 30)
    >>> buckets = lambda days: "late" if days > 0 else "current"
    >>> split_by_bucket(
    ...     [(None, datetime.date(2026, 4, 1), 100.0),
    ...      ("notified", datetime.date(2026, 4, 1), 50.0),
    ...      ("confidential", datetime.date(2026, 5, 15), 20.0)], day, buckets)
    {'late': {'own': 100.0, 'notified': 50.0, 'confidential': 0.0}, \
'current': {'own': 0.0, 'notified': 0.0, 'confidential': 20.0}}
    """
    result = {}
    for mode, due, amount in rows:
        bucket = result.setdefault(
            bucket_of_days((at_date - due).days),
            {"own": 0.0, "notified": 0.0, "confidential": 0.0},
        )
        key = mode or "own"
        bucket[key] = round(bucket[key] + amount, 2)
    return result


def scaled(amounts, total, rounding=0.01):
    """``total`` shared out in proportion to ``amounts`` (a partial buy-back of an assignment
    of several items), each share rounded and the last taking the cents left, so that the
    shares always sum to ``total``.

    >>> scaled([100.0, 200.0], 100.0)
    [33.33, 66.67]
    >>> scaled([50.0], 20.0)
    [20.0]
    """
    whole = sum(amounts)
    shares = [round_to(amount * total / whole, rounding) for amount in amounts[:-1]]
    return [*shares, round_to(total - sum(shares), rounding)]


def owners(rows):
    """The aged rows (mode, due date, open amount, amount bought back) as (owner, due date,
    amount) rows for :func:`split_by_bucket`: an invoice assigned under a confidential contract
    is the factor's for what is open beyond the part bought back (payments go to the factor's
    part first), the company's for the rest.

    >>> import datetime
    >>> day = datetime.date(2026, 3, 1)
    >>> owners([("confidential", day, 1000.0, 300.0), (None, day, 80.0, 0.0)])
    [('confidential', datetime.date(2026, 3, 1), 700.0), (None, datetime.date(2026, 3, 1), 300.0), \
(None, datetime.date(2026, 3, 1), 80.0)]
    >>> owners([("confidential", day, 200.0, 300.0)])
    [(None, datetime.date(2026, 3, 1), 200.0)]
    """
    result = []
    for mode, due, amount, bought_back in rows:
        if mode != "confidential":
            result.append((mode, due, amount))
            continue
        factors = round(max(amount - bought_back, 0.0), 2)
        if factors:
            result.append((mode, due, factors))
        if round(amount - factors, 2):
            result.append((None, due, round(amount - factors, 2)))
    return result
