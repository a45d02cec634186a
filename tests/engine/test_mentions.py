"""Mandatory mentions: the consumer mediator on what a consumer receives, and a debtor type
chosen before any document stating the law."""

import pytest

from odoo.addons.debt_recovery.engine import mentions


@pytest.mark.parametrize(
    ("document", "debtor_type", "present", "missing"),
    [
        ("formal_notice", "consumer", (), ("consumer_mediator",)),
        ("plan", "consumer", (), ("consumer_mediator",)),
        ("settlement", "consumer", (), ("consumer_mediator",)),
        ("formal_notice", "consumer", ("consumer_mediator",), ()),
        # Professionals and public bodies: the Médiateur des entreprises needs no setting.
        ("formal_notice", "professional", (), ()),
        ("settlement", "public", (), ()),
        # A debtor of no type: its type is chosen first, and a consumer's mentions are
        # asked for too (the prudent reading).
        ("plan", None, (), ("debtor_type", "consumer_mediator")),
        ("formal_notice", None, ("consumer_mediator",), ("debtor_type",)),
        ("settlement", "", ("consumer_mediator",), ("debtor_type",)),
    ],
)
def test_missing_mentions(document, debtor_type, present, missing):
    assert mentions.missing_mentions(document, debtor_type, present) == missing


def test_unknown_document():
    with pytest.raises(ValueError):
        mentions.required_mentions("postcard", "consumer")
