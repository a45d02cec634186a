"""Credit insurance arithmetic (pure Python, no Odoo import; "today" is always a parameter).

A credit insurer grants a limit on a named buyer and covers a share of the loss on the invoices
it insures. Its policy sets, per insurer and company:

* a maximum credit period, for domestic and for export buyers (days): an invoice whose payment
  terms run beyond it is not insured;
* a declaration delay (the threat of loss is declared by then) and an intervention delay (the
  insurer is asked to collect by then), each running after the maximum credit period, which
  counts from the invoice date or from the due date, as the policy says for each delay;
* a threshold, per buyer or per invoice, below which nothing has to be declared;
* the covered share (percent), and whether late-payment penalties are covered.

Late declarations lose the cover: the deadlines come first. Money is computed as Decimal and
rounded half-up to the currency's step.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal


def to_decimal(value: float | int | Decimal) -> Decimal:
    """A number as Decimal, through its shortest repr (0.1 -> Decimal('0.1'))."""
    return value if isinstance(value, Decimal) else Decimal(str(value))


def round_amount(value: Decimal, rounding: float) -> Decimal:
    """``value`` rounded half-up to a multiple of the currency's ``rounding`` (0.01, 1.0...).

    >>> round_amount(Decimal("2.675"), 0.01), round_amount(Decimal("12.5"), 1)
    (Decimal('2.68'), Decimal('13'))
    """
    step = to_decimal(rounding)
    if step <= 0:
        return value
    return (value / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step


# What a delay counts from.
REFERENCES = ("invoice_date", "due_date")
# What a threshold applies to.
THRESHOLD_SCOPES = ("buyer", "invoice")


@dataclass(frozen=True)
class PolicyTerms:
    """The terms of a credit insurance policy that the deadlines and the cover depend on."""

    credit_days_domestic: int = 120
    credit_days_export: int = 180
    declaration_days: int = 30
    declaration_from: str = "invoice_date"
    intervention_days: int = 90
    intervention_from: str = "invoice_date"
    threshold: float = 0.0  # incl. VAT, in the company's currency
    threshold_scope: str = "buyer"
    covered_percent: float = 90.0
    penalties_covered: bool = False

    def __post_init__(self):
        for reference in (self.declaration_from, self.intervention_from):
            if reference not in REFERENCES:
                raise ValueError(f"unknown reference date {reference!r}")
        if self.threshold_scope not in THRESHOLD_SCOPES:
            raise ValueError(f"unknown threshold scope {self.threshold_scope!r}")
        if min(self.credit_days_domestic, self.credit_days_export) < 0:
            raise ValueError("a maximum credit period cannot be negative")
        if min(self.declaration_days, self.intervention_days) < 0:
            raise ValueError("a delay cannot be negative")
        if not 0 <= self.covered_percent <= 100:
            raise ValueError("the covered share is a percentage between 0 and 100")

    def credit_days(self, export: bool) -> int:
        """The maximum credit period of a domestic or an export buyer, in days."""
        return self.credit_days_export if export else self.credit_days_domestic


@dataclass(frozen=True)
class InsuredInvoice:
    """An open customer invoice of an insured buyer."""

    id: int
    invoice_date: date
    due_date: date
    residual: float  # still unpaid, incl. VAT
    is_penalty: bool = False  # an invoice of late-payment penalties


@dataclass(frozen=True)
class InvoiceDeadlines:
    """When a threat of loss on an invoice is declared, and intervention requested, at the
    latest."""

    invoice_id: int
    declare_by: date
    intervene_by: date


@dataclass(frozen=True)
class Cover:
    """What the insurer covers of a buyer's open invoices (amounts in the company's currency).

    ``exposure``: every open invoice; ``insurable``: those the policy insures (within the
    maximum credit period, issued from the limit's grant date, penalties as the policy says);
    ``insured``: the insurable part within the limit; ``uninsured``: the rest of the exposure;
    ``indemnity``: the insurer's share of the insured part, paid on a loss; ``over_limit``: by
    how much the insurable part exceeds the limit.
    """

    limit: Decimal
    exposure: Decimal
    insurable: Decimal
    insured: Decimal
    uninsured: Decimal
    indemnity: Decimal
    over_limit: Decimal


def _reference(invoice: InsuredInvoice, reference: str) -> date:
    return invoice.invoice_date if reference == "invoice_date" else invoice.due_date


def within_credit_period(terms: PolicyTerms, invoice: InsuredInvoice, export: bool) -> bool:
    """Whether the invoice's payment terms stay within the maximum credit period.

    >>> terms = PolicyTerms(credit_days_domestic=60)
    >>> issued = date(2026, 1, 1)
    >>> within_credit_period(terms, InsuredInvoice(1, issued, date(2026, 3, 2), 10), False)
    True
    >>> within_credit_period(terms, InsuredInvoice(1, issued, date(2026, 3, 3), 10), False)
    False
    """
    return invoice.due_date <= invoice.invoice_date + timedelta(days=terms.credit_days(export))


def is_insurable(
    terms: PolicyTerms, invoice: InsuredInvoice, export: bool, grant_date: date | None = None
) -> bool:
    """Whether the policy insures the invoice: within the maximum credit period, issued on or
    after the grant of the limit, and a penalty invoice only when penalties are covered."""
    if invoice.is_penalty and not terms.penalties_covered:
        return False
    if grant_date and invoice.invoice_date < grant_date:
        return False
    return within_credit_period(terms, invoice, export)


def invoice_deadlines(
    terms: PolicyTerms, invoice: InsuredInvoice, export: bool
) -> InvoiceDeadlines:
    """The declaration and intervention deadlines of one invoice: each delay runs after the
    maximum credit period, counted from the invoice date or the due date (the policy's choice).

    >>> terms = PolicyTerms(credit_days_domestic=120, declaration_days=30,
    ...                     intervention_days=90, intervention_from="due_date")
    >>> invoice = InsuredInvoice(7, date(2026, 1, 1), date(2026, 1, 31), 500)
    >>> d = invoice_deadlines(terms, invoice, False)
    >>> d.declare_by, d.intervene_by
    (datetime.date(2026, 5, 31), datetime.date(2026, 8, 29))
    """
    credit = terms.credit_days(export)
    declare_from = _reference(invoice, terms.declaration_from)
    intervene_from = _reference(invoice, terms.intervention_from)
    return InvoiceDeadlines(
        invoice_id=invoice.id,
        declare_by=declare_from + timedelta(days=credit + terms.declaration_days),
        intervene_by=intervene_from + timedelta(days=credit + terms.intervention_days),
    )


def deadlines(
    terms: PolicyTerms,
    invoices: list[InsuredInvoice],
    export: bool,
    today: date,
    grant_date: date | None = None,
) -> list[InvoiceDeadlines]:
    """The deadlines of the invoices a declaration must cover as of ``today``: insured,
    overdue and unpaid, and over the threshold (the buyer's overdue total, or each invoice's
    own amount, as the policy says). Sorted by declaration deadline, then invoice."""
    overdue = [
        inv
        for inv in invoices
        if inv.residual > 0
        and inv.due_date < today
        and is_insurable(terms, inv, export, grant_date)
    ]
    threshold = to_decimal(terms.threshold)
    if terms.threshold_scope == "buyer":
        if sum((to_decimal(inv.residual) for inv in overdue), Decimal(0)) < threshold:
            return []
    else:
        overdue = [inv for inv in overdue if to_decimal(inv.residual) >= threshold]
    result = [invoice_deadlines(terms, inv, export) for inv in overdue]
    return sorted(result, key=lambda d: (d.declare_by, d.invoice_id))


def next_deadlines(
    terms: PolicyTerms,
    invoices: list[InsuredInvoice],
    export: bool,
    today: date,
    grant_date: date | None = None,
) -> tuple[date | None, date | None]:
    """(declare by, request intervention by) of the buyer: the earliest of its invoices'
    deadlines, or ``(None, None)`` when nothing has to be declared."""
    found = deadlines(terms, invoices, export, today, grant_date)
    if not found:
        return None, None
    return min(d.declare_by for d in found), min(d.intervene_by for d in found)


def warning_due(deadline: date | None, warning_days: int, today: date) -> bool:
    """Whether ``today`` is within ``warning_days`` of ``deadline`` (or past it).

    >>> warning_due(date(2026, 5, 31), 10, date(2026, 5, 20))
    False
    >>> warning_due(date(2026, 5, 31), 10, date(2026, 5, 21))
    True
    """
    return deadline is not None and today >= deadline - timedelta(days=warning_days)


def cover(
    terms: PolicyTerms,
    limit: float,
    invoices: list[InsuredInvoice],
    export: bool,
    rounding: float,
    grant_date: date | None = None,
    covered_percent: float | None = None,
) -> Cover:
    """The cover of a buyer's open invoices under ``limit`` (0: no limit granted, nothing
    insured). ``covered_percent`` overrides the policy's share (the buyer's own agreement).

    >>> c = cover(PolicyTerms(covered_percent=90), 1000, [
    ...     InsuredInvoice(1, date(2026, 1, 1), date(2026, 1, 31), 800),
    ...     InsuredInvoice(2, date(2026, 2, 1), date(2026, 3, 3), 400)], False, 0.01)
    >>> c.exposure, c.insured, c.uninsured
    (Decimal('1200.00'), Decimal('1000.00'), Decimal('200.00'))
    >>> c.indemnity, c.over_limit
    (Decimal('900.00'), Decimal('200.00'))
    """
    share = to_decimal(terms.covered_percent if covered_percent is None else covered_percent)
    open_invoices = [inv for inv in invoices if inv.residual > 0]
    exposure = sum((to_decimal(inv.residual) for inv in open_invoices), Decimal(0))
    insurable = sum(
        (
            to_decimal(inv.residual)
            for inv in open_invoices
            if is_insurable(terms, inv, export, grant_date)
        ),
        Decimal(0),
    )
    cap = max(to_decimal(limit), Decimal(0))
    insured = min(insurable, cap)
    return Cover(
        limit=round_amount(cap, rounding),
        exposure=round_amount(exposure, rounding),
        insurable=round_amount(insurable, rounding),
        insured=round_amount(insured, rounding),
        uninsured=round_amount(exposure - insured, rounding),
        indemnity=round_amount(insured * share / 100, rounding),
        over_limit=round_amount(max(insurable - cap, Decimal(0)), rounding),
    )


def exceeds_limit(limit: float, exposure: float, added: float) -> bool:
    """Whether ``added`` (a new order) takes ``exposure`` above the insured ``limit``.

    >>> exceeds_limit(1000, 800, 200), exceeds_limit(1000, 800, 200.01)
    (False, True)
    """
    return to_decimal(exposure) + to_decimal(added) > to_decimal(limit)


@dataclass(frozen=True)
class ClaimSettlement:
    """Where a declared claim stands: ``insurer_due`` is the insurer's share of the insured
    part, ``insurer_paid`` what it paid, ``insurer_outstanding`` what it still owes,
    ``uninsured`` the part of the claim the company bears itself."""

    declared: Decimal
    insured: Decimal
    insurer_due: Decimal
    insurer_paid: Decimal
    insurer_outstanding: Decimal
    uninsured: Decimal


def settlement(
    declared: float, insured: float, covered_percent: float, insurer_paid: float, rounding: float
) -> ClaimSettlement:
    """The claim ``declared`` to the insurer, of which ``insured`` was within the limit.

    >>> s = settlement(1200, 1000, 90, 500, 0.01)
    >>> s.insurer_due, s.insurer_outstanding, s.uninsured
    (Decimal('900.00'), Decimal('400.00'), Decimal('300.00'))
    """
    declared_d = max(to_decimal(declared), Decimal(0))
    insured_d = min(max(to_decimal(insured), Decimal(0)), declared_d)
    due = round_amount(insured_d * to_decimal(covered_percent) / 100, rounding)
    paid = round_amount(to_decimal(insurer_paid), rounding)
    return ClaimSettlement(
        declared=round_amount(declared_d, rounding),
        insured=round_amount(insured_d, rounding),
        insurer_due=due,
        insurer_paid=paid,
        insurer_outstanding=max(due - paid, Decimal(0)),
        uninsured=round_amount(declared_d, rounding) - due,
    )


def recovery_split(
    received: float,
    covered_percent: float,
    indemnity: float,
    already_returned: float,
    rounding: float,
) -> tuple[Decimal, Decimal]:
    """(owed to the insurer, kept by the company) of ``received`` from the buyer after the
    indemnity: the insurer's share of it, up to the indemnity not yet returned to it.

    >>> recovery_split(100, 90, 900, 850, 0.01)
    (Decimal('50.00'), Decimal('50.00'))
    >>> recovery_split(100, 90, 900, 0, 0.01)
    (Decimal('90.00'), Decimal('10.00'))
    """
    received_d = round_amount(max(to_decimal(received), Decimal(0)), rounding)
    room = max(to_decimal(indemnity) - to_decimal(already_returned), Decimal(0))
    owed = min(round_amount(received_d * to_decimal(covered_percent) / 100, rounding), room)
    owed = round_amount(owed, rounding)
    return owed, received_d - owed
