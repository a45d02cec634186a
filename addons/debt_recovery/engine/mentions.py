"""Mandatory mentions of the documents sent to a debtor (pure Python, no Odoo).

A document is not produced while one of its mandatory mentions is missing: a user's action
gets an error saying where to set it, the daily job skips the document and asks for it.

- ``consumer_mediator``: a formal notice, an instalment plan or a settlement sent to a consumer
  names the consumer mediator the company has joined (C. conso L612-1, L616-1).
- ``debtor_type``: the debtor's type (professional, consumer, public body) decides the law each
  of these documents states; it is chosen by a user, never assumed, so none of them is produced
  for a debtor of no type. Until then its penalties are reckoned as a consumer's (the prudent
  reading: nothing before a formal notice), and a consumer's mentions are asked for too.
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["DOCUMENTS", "MENTIONS", "missing_mentions", "required_mentions"]

DOCUMENTS = ("formal_notice", "plan", "settlement")
MENTIONS = ("consumer_mediator", "debtor_type")

_REQUIRED = {
    ("formal_notice", "consumer"): ("consumer_mediator",),
    ("plan", "consumer"): ("consumer_mediator",),
    ("settlement", "consumer"): ("consumer_mediator",),
}


def required_mentions(document: str, debtor_type: str | None) -> tuple[str, ...]:
    """The mentions a ``document`` sent to a debtor of ``debtor_type`` must carry.

    >>> required_mentions("formal_notice", "consumer"), required_mentions("plan", "public")
    (('consumer_mediator',), ())
    >>> required_mentions("settlement", None)
    ('debtor_type', 'consumer_mediator')
    """
    if document not in DOCUMENTS:
        raise ValueError(f"unknown document: {document!r}")
    chosen = () if debtor_type else ("debtor_type",)
    return chosen + _REQUIRED.get((document, debtor_type or "consumer"), ())


def missing_mentions(
    document: str, debtor_type: str | None, present: Iterable[str]
) -> tuple[str, ...]:
    """The mandatory mentions of ``document`` for ``debtor_type`` not among ``present``.

    >>> missing_mentions("settlement", "consumer", ())
    ('consumer_mediator',)
    >>> missing_mentions("settlement", "consumer", {"consumer_mediator"})
    ()
    >>> missing_mentions("plan", None, {"consumer_mediator"})
    ('debtor_type',)
    """
    have = set(present)
    return tuple(m for m in required_mentions(document, debtor_type) if m not in have)
