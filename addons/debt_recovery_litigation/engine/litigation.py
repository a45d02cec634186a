"""What a creditor claims in court, from whom and with which exhibits (pure Python, no Odoo).

- The court of a claim is ``debt_recovery.engine.courts.court_for`` (the formal notice names
  it too).
- :func:`claim`: which invoices are claimed (disputed and time-barred ones are left out and
  listed apart) and the sums: principal, interest per invoice with its periods, indemnity,
  costs; whether the simplified small-claims procedure applies.
- :func:`number_exhibits`: the numbered list of exhibits, in the order of the court file.
- :func:`settle`: how a settlement for less than owed splits the waived part (penalties
  first, then principal) over the invoices; :func:`allocate` spreads an amount pro rata.
- :func:`mediation_end`: the end of a mediation from its start, the policy's duration and a
  renewal; :func:`commission`: an agency's commission on a payment.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

__all__ = [
    "LEFT_OUT_REASONS",
    "SECURITIES",
    "Claim",
    "Exhibit",
    "Invoice",
    "Line",
    "SettlementLine",
    "allocate",
    "claim",
    "claim_rank",
    "commission",
    "credit_note_lines",
    "declared",
    "mediation_end",
    "number_exhibits",
    "retention_claim_deadline",
    "settle",
]

# An invoice held for one of these reasons is not claimed in court.
LEFT_OUT_REASONS = ("dispute", "time_barred")
# The simplified recovery of small claims (CPCE L125-1) stops at this amount (EUR).
SMALL_CLAIMS_LIMIT = 5000.0
ZERO = Decimal(0)


def to_decimal(value) -> Decimal:
    """A number as Decimal, through its shortest repr (0.1 -> Decimal('0.1'))."""
    return value if isinstance(value, Decimal) else Decimal(str(value))


def round_amount(value: Decimal, rounding) -> Decimal:
    """``value`` rounded half-up to a multiple of ``rounding`` (> 0)."""
    step = to_decimal(rounding)
    return (value / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step


# ---------------------------------------------------------------------------- claim


@dataclass(frozen=True)
class Invoice:
    """One open invoice of the case, with its penalties to the day."""

    id: int
    name: str
    due_date: date
    residual: float
    interest: float = 0.0
    indemnity: float = 0.0
    periods: tuple = ()  # (date_from, date_to, days, rate, base, amount) tuples
    hold_reason: str | None = None
    invoice_date: date | None = None


@dataclass(frozen=True)
class Line:
    """One claimed invoice in the request."""

    id: int
    name: str
    invoice_date: date | None
    due_date: date
    principal: float
    interest: float
    indemnity: float
    periods: tuple


@dataclass(frozen=True)
class Claim:
    lines: tuple[Line, ...]
    left_out: tuple[tuple[int, str, str], ...]  # (id, name, reason)
    principal: float
    interest: float
    indemnity: float
    costs: float
    total: float
    small_claim: bool


def claim(
    invoices: Iterable[Invoice],
    costs: float = 0.0,
    rounding: float = 0.01,
    small_claims_limit: float = SMALL_CLAIMS_LIMIT,
) -> Claim:
    """The invoices claimed and their sums.

    Invoices held for a reason of :data:`LEFT_OUT_REASONS` are left out, as are those with
    nothing left to pay; the others are claimed in due-date order. Sums are exact Decimal
    sums rounded once to ``rounding``. ``small_claim`` is true when the total (costs
    included) is positive and does not exceed ``small_claims_limit``.
    """
    lines, left_out = [], []
    for invoice in sorted(invoices, key=lambda inv: (inv.due_date, inv.name, inv.id)):
        if invoice.hold_reason in LEFT_OUT_REASONS:
            left_out.append((invoice.id, invoice.name, invoice.hold_reason))
            continue
        if invoice.residual <= 0:
            continue
        lines.append(
            Line(
                invoice.id,
                invoice.name,
                invoice.invoice_date,
                invoice.due_date,
                invoice.residual,
                invoice.interest,
                invoice.indemnity,
                tuple(invoice.periods),
            )
        )

    def total(values):
        return float(round_amount(sum((to_decimal(v) for v in values), ZERO), rounding))

    principal = total(line.principal for line in lines)
    interest = total(line.interest for line in lines)
    indemnity = total(line.indemnity for line in lines)
    costs = total([costs])
    grand = total([principal, interest, indemnity, costs])
    return Claim(
        tuple(lines),
        tuple(left_out),
        principal,
        interest,
        indemnity,
        costs,
        grand,
        0 < grand <= small_claims_limit,
    )


# ---------------------------------------------------------------------------- exhibits


@dataclass(frozen=True)
class Exhibit:
    """A document of the court file: ``kind`` and ``key`` say where it comes from."""

    kind: str  # invoice | letter | formal_notice | receipt | statement | log | plans
    key: int | str
    name: str
    date: date | None = None
    parent: int | None = None  # a proof of receipt: the key of its formal notice


# The order of the kinds of documents in the file; letters, formal notices and their proofs
# of receipt are kept together in date order.
KIND_ORDER = {"invoice": 0, "letter": 1, "formal_notice": 1, "receipt": 1}
END_KINDS = ("statement", "log", "plans")


def number_exhibits(documents: Sequence[Exhibit]) -> list[dict]:
    """The numbered exhibits: [{"number", "name", "kind", "key"}], numbers from 1.

    Invoices first (as given), then letters in date order, each formal notice followed by
    its proofs of receipt, then the statement of account, the communication log and the plans
    and promises broken. A proof of receipt without its notice is listed after the letters.
    """
    invoices = [doc for doc in documents if doc.kind == "invoice"]
    letters = sorted(
        (doc for doc in documents if doc.kind in ("letter", "formal_notice")),
        key=lambda doc: (doc.date or date.min, str(doc.key)),
    )
    receipts = [doc for doc in documents if doc.kind == "receipt"]
    ordered = list(invoices)
    placed = set()
    for letter in letters:
        ordered.append(letter)
        for index, receipt in enumerate(receipts):
            if receipt.parent == letter.key and letter.kind == "formal_notice":
                ordered.append(receipt)
                placed.add(index)
    ordered += [receipt for index, receipt in enumerate(receipts) if index not in placed]
    for kind in END_KINDS:
        ordered += [doc for doc in documents if doc.kind == kind]
    return [
        {"number": number, "name": doc.name, "kind": doc.kind, "key": doc.key}
        for number, doc in enumerate(ordered, start=1)
    ]


# ---------------------------------------------------------------------------- settlement


def allocate(amount: float, weights: Sequence[float], rounding: float = 0.01) -> list[float]:
    """Spread ``amount`` over ``weights`` pro rata, each share rounded to ``rounding``, the
    shares summing exactly to the rounded amount (largest remainders get the odd steps).

    Zero weights get nothing; with no positive weight, everything is zero.
    """
    step = to_decimal(rounding)
    target = round_amount(to_decimal(amount), step)
    positive = [max(to_decimal(w), ZERO) for w in weights]
    base = sum(positive, ZERO)
    if base <= 0 or target == 0:
        return [0.0] * len(positive)
    exact = [target * w / base for w in positive]
    floors = [(e / step).to_integral_value(rounding="ROUND_FLOOR") * step for e in exact]
    left = int(((target - sum(floors, ZERO)) / step).to_integral_value())
    order = sorted(range(len(exact)), key=lambda i: (-(exact[i] - floors[i]), i))
    for index in order[:left]:
        floors[index] += step
    return [float(value) for value in floors]


@dataclass(frozen=True)
class SettlementLine:
    """What one document of the case owes when the settlement is made."""

    key: int
    principal: float = 0.0  # open residual of an invoice (0 for a penalty invoice)
    penalties: float = 0.0  # open residual of an issued penalty invoice
    uninvoiced: float = 0.0  # penalties owed, not invoiced (interest, indemnity)


@dataclass(frozen=True)
class Settlement:
    owed: float
    amount: float
    waived: float
    waived_uninvoiced: float
    waived_penalties: float  # of issued penalty invoices
    waived_principal: float
    per_line: dict = field(default_factory=dict)  # key -> (waived penalties, waived principal)


def settle(lines: Sequence[SettlementLine], amount: float, rounding: float = 0.01) -> Settlement:
    """Split the part waived by a settlement of ``amount``: penalties first, then principal.

    Penalties not invoiced go first (nothing to write off), then issued penalty invoices, then
    the principal; each layer is spread pro rata over the documents. Raises ValueError when
    ``amount`` is not positive, reaches what is owed, or is above what is in the books
    (principal and penalty invoices: uninvoiced penalties cannot be paid, only waived).
    """
    owed = sum((to_decimal(v) for ln in lines for v in ln_values(ln)), ZERO)
    booked = sum((to_decimal(ln.principal) + to_decimal(ln.penalties) for ln in lines), ZERO)
    value = round_amount(to_decimal(amount), rounding)
    if value <= 0:
        raise ValueError("the settled amount must be positive")
    if value >= owed:
        raise ValueError("the settled amount must be less than what is owed")
    if value > booked:
        raise ValueError("the settled amount exceeds the invoices and penalty invoices open")
    waived = owed - value
    uninvoiced = min(waived, sum((to_decimal(ln.uninvoiced) for ln in lines), ZERO))
    rest = waived - uninvoiced
    penalties = min(rest, sum((to_decimal(ln.penalties) for ln in lines), ZERO))
    principal = rest - penalties
    pen_shares = allocate(float(penalties), [ln.penalties for ln in lines], rounding)
    pri_shares = allocate(float(principal), [ln.principal for ln in lines], rounding)
    per_line = {
        ln.key: (pen, pri)
        for ln, pen, pri in zip(lines, pen_shares, pri_shares, strict=True)
        if pen or pri
    }
    return Settlement(
        float(owed),
        float(value),
        float(waived),
        float(uninvoiced),
        float(penalties),
        float(principal),
        per_line,
    )


def credit_note_lines(
    waived: float, total: float, subtotals: Sequence[float], rounding: float = 0.01
) -> list[float]:
    """The untaxed amounts of the credit note writing off ``waived`` (taxes included) on a
    document of ``total`` (taxes included) whose lines are ``subtotals`` (untaxed): each line
    in the proportion waived / total, so that its taxes are reversed in that proportion only.
    Whatever else is open on the document (paid short or in excess) is left to the payments.

    >>> credit_note_lines(150.0, 1150.0, [1000.0])
    [130.43]
    """
    if to_decimal(total) <= 0 or to_decimal(waived) <= 0:
        return [0.0] * len(subtotals)
    ratio = to_decimal(waived) / to_decimal(total)
    return [float(round_amount(to_decimal(value) * ratio, rounding)) for value in subtotals]


def ln_values(line: SettlementLine) -> tuple[float, float, float]:
    return (line.principal, line.penalties, line.uninvoiced)


# ---------------------------------------------------------------------------- insolvency

# Security held on the debtor's assets, per invoice. A third party's guarantee (caution) is no
# security on the debtor's assets: the claim stays unsecured.
SECURITIES = ("none", "retention", "pledge", "mortgage", "lien", "guarantee")
UNSECURED = ("none", "guarantee")
# L624-9: the goods under retention of title are claimed within three months of publication.
RETENTION_CLAIM_MONTHS = 3


def claim_rank(security: str | None) -> str:
    """ "chirographaire" (unsecured) or "secured": how a declared invoice ranks.

    >>> claim_rank("none"), claim_rank("guarantee"), claim_rank("retention")
    ('chirographaire', 'chirographaire', 'secured')
    """
    security = security or "none"
    if security not in SECURITIES:
        raise ValueError(f"unknown security: {security!r}")
    return "chirographaire" if security in UNSECURED else "secured"


def declared(opening: date, invoice_date: date | None, delivery_date: date | None) -> bool:
    """Whether an invoice belongs to the declaration of claim: the goods or services delivered
    before the opening judgment (that day included), even when invoiced after it; without a
    delivery date, an invoice dated on or before it.

    >>> d = date
    >>> declared(d(2024, 3, 15), d(2024, 3, 20), d(2024, 3, 10))
    True
    >>> declared(d(2024, 3, 15), d(2024, 3, 10), d(2024, 3, 16))
    False
    >>> declared(d(2024, 3, 15), None, None)
    False
    """
    day = delivery_date or invoice_date
    return day is not None and day <= opening


def retention_claim_deadline(publication: date) -> date:
    """The last day to claim goods under retention of title: three months from the
    publication of the opening judgment (C. com. L624-9), month ends clamped.

    >>> retention_claim_deadline(date(2024, 11, 30))
    datetime.date(2025, 2, 28)
    """
    year, month = divmod(publication.year * 12 + publication.month - 1 + RETENTION_CLAIM_MONTHS, 12)
    month += 1
    return date(year, month, min(publication.day, calendar.monthrange(year, month)[1]))


# ---------------------------------------------------------------------------- mediation, agency


def mediation_end(start: date, days: int, renewals: int = 0) -> date:
    """Last day of a mediation started on ``start`` lasting ``days`` per term (renewals add
    a term each). Raises ValueError on a non-positive duration or negative renewals."""
    if days <= 0 or renewals < 0:
        raise ValueError("a mediation lasts a positive number of days")
    return start + timedelta(days=days * (1 + renewals) - 1)


def commission(amount: float, rate: float, rounding: float = 0.01) -> float:
    """An agency's commission: ``amount`` x ``rate`` % rounded half-up."""
    if rate < 0 or rate > 100:
        raise ValueError("a commission rate is between 0 and 100")
    return float(round_amount(to_decimal(amount) * to_decimal(rate) / 100, rounding))
