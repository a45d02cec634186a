"""Money arithmetic shared by the engine modules: Decimal conversion and rounding to a step.

Pure standard-library code (no Odoo import). Amounts come in as floats (or ints, Decimals),
are computed as ``decimal.Decimal`` and rounded to a multiple of the currency's ``rounding``
(0.01, 1.0, 0.05...).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache


def to_decimal(value: float | int | Decimal) -> Decimal:
    """Convert a number to Decimal through its shortest repr (0.1 -> Decimal('0.1'))."""
    if isinstance(value, Decimal):
        return value
    return Decimal(str(value))


@lru_cache(maxsize=256, typed=True)
def constant(value: float | int | Decimal) -> Decimal:
    """:func:`to_decimal` of a value that recurs from one computation to the next (a rate, a
    margin, a rounding step): converted once."""
    return to_decimal(value)


def rounding_step(rounding: float | Decimal) -> Decimal:
    """Return the rounding step as a Decimal; ``ValueError`` unless it is > 0."""
    step = to_decimal(rounding)
    if step <= 0:
        raise ValueError("rounding must be > 0")
    return step


def to_multiple(value: Decimal, step: Decimal, mode: str = ROUND_HALF_UP) -> Decimal:
    """Round ``value`` to a multiple of ``step`` (> 0) with the Decimal rounding ``mode``."""
    return (value / step).quantize(Decimal(1), rounding=mode) * step


def round_amount(value: Decimal, rounding: float | Decimal) -> Decimal:
    """Round ``value`` half-up (away from zero) to a multiple of ``rounding``.

    A non-positive ``rounding`` returns the value unchanged.
    """
    step = constant(rounding)
    if step <= 0:
        return value
    return to_multiple(value, step)


def round_to(amount: float, rounding: float) -> float:
    """Round ``amount`` half-up to a multiple of ``rounding`` (0.01, 1.0, 0.001, 0.05...).

    A non-positive ``rounding`` returns the amount unchanged.
    """
    return float(round_amount(to_decimal(amount), rounding))
