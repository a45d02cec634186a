"""Which court hears a claim against a debtor (pure Python, no Odoo).

The formal notice announces the court that the court file then prepares the request for,
so both read this one rule:

- a public body: the administrative court (référé-provision, CJA R541-1); no order for payment
  (injonction de payer) can be made against it;
- a commercial professional (trader, craftsman, commercial company): the tribunal de commerce;
- a non-commercial professional (liberal profession, SCI, association) and a consumer: the
  tribunal judiciaire.
"""

from __future__ import annotations

__all__ = ["COURTS", "court_for"]

COURTS = ("commerce", "judiciaire", "administratif")


def court_for(debtor_type: str, commercial: bool = True) -> str:
    """The court of a claim against a debtor of ``debtor_type``.

    ``commercial`` tells a commercial professional from a non-commercial one; it is ignored
    for consumers and public bodies. Raises ValueError on an unknown debtor type.

    >>> court_for("public"), court_for("professional"), court_for("professional", False)
    ('administratif', 'commerce', 'judiciaire')
    """
    if debtor_type == "public":
        return "administratif"
    if debtor_type == "professional":
        return "commerce" if commercial else "judiciaire"
    if debtor_type == "consumer":
        return "judiciaire"
    raise ValueError(f"unknown debtor type: {debtor_type!r}")
