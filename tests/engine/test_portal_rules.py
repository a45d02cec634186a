"""Rules of the debtor's recovery portal (pure, no database)."""

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from odoo.addons.debt_recovery_portal.engine import portal_rules as rules
from odoo.addons.debt_recovery_portal.engine import typed_input
from odoo.addons.debt_recovery_portal.engine.portal_rules import Payable, PortalRuleError

NOW = datetime(2026, 3, 15, 10, 0)


@pytest.mark.parametrize(
    ("made", "months", "expected"),
    [
        (datetime(2025, 3, 15, 10, 0), 12, False),  # exactly twelve months: expired
        (datetime(2025, 3, 15, 10, 1), 12, True),
        (datetime(2025, 3, 16, 0, 0), 12, True),
        (datetime(2024, 1, 1), 0, True),  # 0: links never expire
        (None, 12, False),  # no date recorded: treated as old
        (None, 0, True),
        (datetime(2026, 1, 31, 9, 0), 1, False),  # 31 Jan + 1 month = 28 Feb
        (datetime(2026, 3, 15, 9, 0), -1, False),  # negative: expired at once
    ],
)
def test_link_valid(made, months, expected):
    assert rules.link_valid(made, months, NOW) is expected


def test_link_expiry_clamps_to_month_end_on_leap_years():
    assert rules.link_expiry(datetime(2024, 2, 29, 8, 0), 12) == datetime(2025, 2, 28, 8, 0)
    assert rules.link_expiry(datetime(2023, 3, 31, 8, 0), 11) == datetime(2024, 2, 29, 8, 0)
    assert rules.link_expiry(None, 12) is None


def test_actions_left_counts_the_last_hour():
    times = [NOW - timedelta(minutes=m) for m in (1, 30, 59, 61, 120)]
    assert rules.actions_left(times, 5, NOW) == 2
    assert rules.actions_left(times, 3, NOW) == 0
    assert rules.actions_left(times, 2, NOW) == 0
    # An action stamped a little after "now" (clocks differ) still counts.
    assert rules.actions_left([NOW + timedelta(seconds=1)], 1, NOW) == 0


def test_promise_bounds_and_check():
    today = date(2026, 3, 15)
    bounds = rules.promise_bounds(today, 1000.0, 30, 25.0)
    assert bounds == rules.PromiseBounds(today, date(2026, 4, 14), 250.0, 1000.0)
    rules.check_promise(bounds, date(2026, 4, 14), 250.0)
    with pytest.raises(PortalRuleError) as error:
        rules.check_promise(bounds, date(2026, 4, 15), 500.0)
    assert error.value.code == "date"
    with pytest.raises(PortalRuleError) as error:
        rules.check_promise(bounds, date(2026, 3, 14), 500.0)
    assert error.value.code == "date"
    with pytest.raises(PortalRuleError) as error:
        rules.check_promise(bounds, date(2026, 3, 20), 249.99)
    assert error.value.code == "amount"
    with pytest.raises(PortalRuleError) as error:
        rules.check_promise(bounds, date(2026, 3, 20), 1000.01)
    assert error.value.code == "amount"
    nothing = rules.promise_bounds(today, 0.0, 30, 25.0)
    with pytest.raises(PortalRuleError) as error:
        rules.check_promise(nothing, today, 0.0)
    assert error.value.code == "nothing"


def test_promise_minimum_rounds_up():
    assert rules.promise_bounds(date(2026, 1, 1), 100.01, 10, 33.0).minimum == 33.01
    assert rules.promise_bounds(date(2026, 1, 1), 300.0, 10, 150.0).minimum == 300.0


@given(
    amount=st.decimals(min_value="0.01", max_value="1000000", places=2),
    share=st.floats(min_value=0, max_value=100),
)
def test_promise_minimum_never_exceeds_the_amount(amount, share):
    bounds = rules.promise_bounds(date(2026, 1, 1), float(amount), 10, share)
    assert 0 <= bounds.minimum <= bounds.maximum + 0.01


def test_plan_request_bounds_and_acceptance():
    rules.check_plan_request(3, 2, 6, 1500.0)
    for count in (1, 7):
        with pytest.raises(PortalRuleError) as error:
            rules.check_plan_request(count, 2, 6, 1500.0)
        assert error.value.code == "count"
    with pytest.raises(PortalRuleError) as error:
        rules.check_plan_request(3, 2, 6, 0.0)
    assert error.value.code == "nothing"
    assert rules.plan_accepted_at_once(3, 1000.0, 3, 1000.0)
    assert not rules.plan_accepted_at_once(4, 1000.0, 3, 1000.0)
    assert not rules.plan_accepted_at_once(3, 1000.01, 3, 1000.0)
    assert not rules.plan_accepted_at_once(3, 10.0, 0, 1000.0)
    assert not rules.plan_accepted_at_once(3, 10.0, 3, 0.0)


INVOICES = [
    Payable(3, 200.0, date(2026, 3, 1)),
    Payable(1, 1000.0, date(2026, 1, 10)),
    Payable(2, 500.0, date(2026, 2, 10)),
]


def test_payment_targets():
    assert rules.payment_target("invoice", INVOICES, invoice_id=2) == ([2], 500.0)
    assert rules.payment_target("all", INVOICES) == ([1, 2, 3], 1700.0)
    assert rules.payment_target(
        "instalment", INVOICES, instalment_due=566.67, plan_invoice_ids=(2, 1)
    ) == ([1, 2], 566.67)
    # The instalment never exceeds what is left on the plan's invoices.
    assert rules.payment_target(
        "instalment", INVOICES, instalment_due=900.0, plan_invoice_ids=(3,)
    ) == ([3], 200.0)


@pytest.mark.parametrize(
    ("what", "kwargs", "code"),
    [
        ("invoice", {"invoice_id": 99}, "target"),  # not one of the debtor's invoices
        ("refund", {}, "target"),
        ("instalment", {"instalment_due": 100.0, "plan_invoice_ids": (99,)}, "nothing"),
        ("instalment", {"instalment_due": 0.0, "plan_invoice_ids": (1,)}, "nothing"),
    ],
)
def test_payment_target_refusals(what, kwargs, code):
    with pytest.raises(PortalRuleError) as error:
        rules.payment_target(what, INVOICES, **kwargs)
    assert error.value.code == code
    with pytest.raises(PortalRuleError):
        rules.payment_target("all", [])


# ---------------------------------------------------------------------- what the debtor types
@pytest.mark.parametrize(
    "text",
    ["", " ", "nan", "NaN", "inf", "-inf", "Infinity", "1e5", "-5", "+5", "5.", "1.234",
     "1,2,3", "12a", "<b>5</b>", "0x10", "1" * 14, "5,5.5", None, 12],
)  # fmt: skip
def test_anything_but_an_amount_is_refused(text):
    with pytest.raises(ValueError):
        typed_input.parse_amount(text, ",", "\u202f")


@given(st.decimals(min_value=0, max_value=10**12 - 1, places=2, allow_nan=False))
def test_an_amount_written_as_french_reads_back(amount):
    whole, _sep, cents = f"{amount:.2f}".partition(".")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    text = "\u202f".join(groups) + "," + cents
    assert typed_input.parse_amount(text, ",", "\u202f") == amount


def test_counts_texts_and_files():
    assert rules.parse_count("12") == 12
    for bad in ("", "3.5", "-1", "1e3", "9" * 7, "0"):
        with pytest.raises(PortalRuleError):
            rules.parse_count(bad)
    assert rules.clean_text("  Jean <b>Durand</b>\n") == "Jean <b>Durand</b>"
    for bad in ("x" * (rules.MAX_NAME + 1), "a\x00b", "\x1b[31m"):
        with pytest.raises(PortalRuleError):
            rules.clean_text(bad, rules.MAX_NAME)
    rules.check_file("proof.PDF", "application/pdf", 1000)
    for name, kind, size in [
        ("script.pdf", "text/x-shellscript", 10),
        ("invoice.pdf", "text/plain", 10),
        ("photo.png", "image/jpeg", 10),
        ("page.html", "text/html", 10),
        ("big.pdf", "application/pdf", rules.MAX_FILE_BYTES + 1),
        ("empty.pdf", "application/pdf", 0),
    ]:
        with pytest.raises(PortalRuleError):
            rules.check_file(name, kind, size)
