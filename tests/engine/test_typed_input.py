"""Amounts and dates typed on the debtor's page (pure, no database)."""

import doctest
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from odoo.addons.debt_recovery_portal.engine import typed_input
from odoo.addons.debt_recovery_portal.engine.typed_input import parse_amount, parse_date

FR = (",", "\u202f")
EN = (".", ",")
DE = (",", ".")


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("4\u202f200,00", FR, "4200.00"),
        ("4 200,00", FR, "4200.00"),  # an ordinary space typed by hand
        ("4\u00a0200,5", FR, "4200.5"),
        ("4200", FR, "4200"),
        ("4200.50", FR, "4200.50"),  # a point read as the decimal mark
        (" 1 234 567,89 ", FR, "1234567.89"),
        ("4,200.00", EN, "4200.00"),
        ("4200.5", EN, "4200.5"),
        ("1,234,567", EN, "1234567"),
        ("1.234,56", DE, "1234.56"),
        ("0,01", FR, "0.01"),
    ],
)
def test_parse_amount(text, lang, expected):
    assert parse_amount(text, *lang) == Decimal(expected)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("", FR),
        ("abc", FR),
        ("-100", FR),
        ("42,00", EN),  # a comma groups thousands in English: 42,00 is no amount
        ("4,2000", EN),
        ("1,2,3", EN),
        ("10,123", FR),  # three decimals
        ("1e3", EN),
        ("4 200,00 €", FR),
        ("4.200.00", DE),
    ],
)
def test_parse_amount_refuses(text, lang):
    with pytest.raises(ValueError):
        parse_amount(text, *lang)


@given(cents=st.integers(min_value=0, max_value=10**12))
def test_parse_amount_reads_what_the_language_writes(cents):
    """An amount written with the language's grouping and mark reads back the same."""
    amount = Decimal(cents) / 100
    english = f"{amount:,.2f}"
    french = english.replace(",", "\u202f").replace(".", ",")
    german = english.replace(",", "_").replace(".", ",").replace("_", ".")
    assert parse_amount(english, *EN) == amount
    assert parse_amount(french, *FR) == amount
    assert parse_amount(german, *DE) == amount


@pytest.mark.parametrize(
    ("text", "fmt", "expected"),
    [
        ("07/12/2026", "%d/%m/%Y", date(2026, 12, 7)),
        ("12/07/2026", "%m/%d/%Y", date(2026, 12, 7)),
        ("2026-12-07", "%d/%m/%Y", date(2026, 12, 7)),
        ("29/02/2028", "%d/%m/%Y", date(2028, 2, 29)),
    ],
)
def test_parse_date(text, fmt, expected):
    assert parse_date(text, fmt) == expected


@pytest.mark.parametrize("text", ["", "31/02/2026", "2026-13-01", "demain", "12/07/26"])
def test_parse_date_refuses(text):
    with pytest.raises(ValueError):
        parse_date(text, "%d/%m/%Y")


def test_doctests():
    assert doctest.testmod(typed_input).failed == 0
