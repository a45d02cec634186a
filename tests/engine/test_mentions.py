"""Mandatory mentions: the consumer mediator on what a consumer receives."""

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
        # A debtor of no known type is taken as a consumer (the prudent reading).
        ("plan", None, (), ("consumer_mediator",)),
    ],
)
def test_missing_mentions(document, debtor_type, present, missing):
    assert mentions.missing_mentions(document, debtor_type, present) == missing


def test_unknown_document():
    with pytest.raises(ValueError):
        mentions.required_mentions("postcard", "consumer")
