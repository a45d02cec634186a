"""Affordability assessment: disposable income and a sustainable instalment.

Pure standard-library code (no Odoo import). Returns advice *codes*; the Odoo layer
translates them into sentences.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from .money import rounding_step, to_decimal, to_multiple

LINE_KINDS = ("income", "expense", "debt")
DEBTOR_KINDS = ("individual", "business")
# ok: sustainable plan; nothing_due: amount_due <= 0;
# no_surplus_*: no instalment possible (individual: token payment or over-indebtedness
# procedure; business: legal route); too_long_*: more months than allowed (reduce the debt,
# mediation or referral).
ADVICE_CODES = (
    "ok",
    "nothing_due",
    "no_surplus_individual",
    "no_surplus_business",
    "too_long_individual",
    "too_long_business",
)


@dataclass(frozen=True)
class AssessmentResult:
    """Outcome of :func:`assess`; ``advice`` is one of ADVICE_CODES."""

    monthly_income: float
    monthly_expenses: float
    monthly_debt_payments: float
    disposable_income: float
    recommended_instalment: float
    recommended_count: int
    sustainable: bool
    advice: str


def assess(
    lines: Iterable[tuple[str, float]],
    contingency_rate: float,
    amount_due: float,
    max_months: int,
    kind: str = "individual",
    rounding: float = 0.01,
) -> AssessmentResult:
    """Assess what the debtor can pay monthly from (kind, monthly_amount) budget lines.

    disposable = income - expenses - debt payments; recommended instalment =
    max(0, disposable x (1 - contingency_rate/100)) rounded DOWN to ``rounding``
    (contingency_rate is clamped to [0, 100]); recommended count = ceil(amount_due /
    instalment), 0 when the instalment or amount_due is <= 0; sustainable = instalment > 0
    and count <= max_months. Advice precedence: "nothing_due", "no_surplus_<kind>",
    "too_long_<kind>", "ok". Raises ValueError on an unknown line or debtor kind.
    """
    if kind not in DEBTOR_KINDS:
        raise ValueError(f"unknown debtor kind: {kind!r}")
    sums = {line_kind: Decimal(0) for line_kind in LINE_KINDS}
    for line_kind, monthly_amount in lines:
        if line_kind not in sums:
            raise ValueError(f"unknown budget line kind: {line_kind!r}")
        sums[line_kind] += to_decimal(monthly_amount)
    disposable = sums["income"] - sums["expense"] - sums["debt"]
    rate = min(max(to_decimal(contingency_rate), Decimal(0)), Decimal(100))
    raw = max(Decimal(0), disposable * (1 - rate / 100))
    instalment = to_multiple(raw, rounding_step(rounding), ROUND_FLOOR)
    due = to_decimal(amount_due)
    count = int((due / instalment).to_integral_value(ROUND_CEILING)) if instalment > 0 else 0
    if due <= 0:
        count = 0
    sustainable = instalment > 0 and count <= max_months
    if due <= 0:
        advice = "nothing_due"
    elif instalment <= 0:
        advice = f"no_surplus_{kind}"
    elif count > max_months:
        advice = f"too_long_{kind}"
    else:
        advice = "ok"
    return AssessmentResult(
        monthly_income=float(sums["income"]),
        monthly_expenses=float(sums["expense"]),
        monthly_debt_payments=float(sums["debt"]),
        disposable_income=float(disposable),
        recommended_instalment=float(instalment),
        recommended_count=count,
        sustainable=sustainable,
        advice=advice,
    )


def instalment_for_months(amount_due: float, months: int, rounding: float = 0.01) -> float:
    """Return the smallest instalment paying ``amount_due`` in ``months`` months.

    The result is a multiple of ``rounding`` (rounded UP); 0.0 when nothing is due.
    Raises ValueError if months < 1.
    """
    if months < 1:
        raise ValueError("months must be >= 1")
    due = to_decimal(amount_due)
    if due <= 0:
        return 0.0
    return float(to_multiple(due / Decimal(months), rounding_step(rounding), ROUND_CEILING))


def plan_count(recommended_count: int, max_months: int) -> tuple[int, bool]:
    """Return (monthly instalments to propose, capped) for a plan of at most ``max_months``.

    The count is the recommended one within [1, max_months]; ``capped`` is True when the
    debt cannot be paid within ``max_months`` at the affordable instalment (the proposed
    instalments are then larger than affordable). Raises ValueError if max_months < 1.
    """
    if max_months < 1:
        raise ValueError("max_months must be >= 1")
    return max(1, min(recommended_count, max_months)), recommended_count > max_months
