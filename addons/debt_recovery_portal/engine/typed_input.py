# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Amounts and dates typed on the debtor's page, read the way the page's language writes them.

No Odoo import: the language's separators and date format are parameters.
"""

import re
from datetime import date, datetime
from decimal import Decimal

# The largest amount a form accepts: far above any claim, far below what breaks a float.
MAX_AMOUNT = Decimal(10) ** 12
# Spaces a browser or a copy-paste may put between groups of digits.
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")


def parse_amount(text: str, decimal_point: str = ".", thousands_sep: str = ",") -> Decimal:
    """The non-negative amount written in ``text`` in a language whose decimal mark is
    ``decimal_point`` and whose groups of thousands are separated by ``thousands_sep``.

    Spaces are ignored (a French page groups thousands with a narrow no-break space); a point is
    also read as the decimal mark where the language's mark is another one and a point does not
    separate its thousands. Anything else raises ``ValueError``: groups of thousands not of three
    digits, more than two decimals, a sign, letters.

    >>> parse_amount("4\u202f200,00", ",", "\u202f")
    Decimal('4200.00')
    >>> parse_amount("4,200.5")
    Decimal('4200.5')
    >>> parse_amount("1.234,56", ",", ".")
    Decimal('1234.56')
    >>> parse_amount("4200.50", ",", "\u202f")
    Decimal('4200.50')
    >>> parse_amount("42,00")
    Traceback (most recent call last):
    ...
    ValueError: not an amount: '42,00'
    """
    if not isinstance(text, str):
        raise ValueError(f"not an amount: {text!r}")
    value = _SPACES.sub("", text)
    sep = "" if _SPACES.fullmatch(thousands_sep or " ") else thousands_sep
    marks = {decimal_point or "."}
    if sep != ".":
        marks.add(".")
    marks.discard(sep)
    integer = r"\d{1,3}(?:" + re.escape(sep) + r"\d{3})+|\d+" if sep else r"\d+"
    mark = "|".join(re.escape(mark) for mark in sorted(marks))
    pattern = r"(?P<int>" + integer + r")(?:(?P<mark>" + mark + r")(?P<frac>\d{1,2}))?"
    match = re.fullmatch(pattern, value)
    if not match:
        raise ValueError(f"not an amount: {text!r}")
    digits = match["int"].replace(sep, "") if sep else match["int"]
    amount = Decimal(f"{digits}.{match['frac']}" if match["frac"] else digits)
    if amount > MAX_AMOUNT:
        raise ValueError(f"not an amount a form accepts: {text!r}")
    return amount


def parse_date(text: str, date_format: str = "%m/%d/%Y") -> date:
    """The date written in ``text`` in ISO 8601 (what the page's date picker sends), else in
    the language's ``date_format`` (strftime codes). Raises ``ValueError`` otherwise.

    >>> parse_date("07/12/2026", "%d/%m/%Y")
    datetime.date(2026, 12, 7)
    >>> parse_date("2026-12-07", "%d/%m/%Y")
    datetime.date(2026, 12, 7)
    """
    value = (text or "").strip()
    for fmt in ("%Y-%m-%d", date_format):
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"not a date: {text!r}")
