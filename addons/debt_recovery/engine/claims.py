"""Which claim of an invoice is its last (pure Python, no Odoo).

A communication claims the invoices it lists when it is outbound, has a level and is to send
or sent; an invoice held on it (its snapshot line ``excluded``) is not claimed by it. The
last claim of an invoice is its latest claim by communication date, then communication id,
then snapshot line id: the invoice's recovery level is that communication's. The database
keeps the rule in SQL (``account.move._debt_recovery_claims_sql``); the daily job, which
writes communications by the thousand, marks the new last claims with :func:`new_last_claims`
before inserting their lines, instead of sorting every claim of these invoices again.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

CLAIM_STATES = ("to_send", "done")


def is_claim(direction: str | None, state: str | None, level_id, excluded=False) -> bool:
    """Whether a snapshot line of a communication so made claims its invoice."""
    return bool(level_id) and direction == "outbound" and state in CLAIM_STATES and not excluded


def new_last_claims(
    candidates: Iterable[tuple[int, date, int, int]],
    standing: Iterable[tuple[int, int, date, int]],
) -> tuple[dict[int, int], list[int]]:
    """The invoices' last claims once new claims are added.

    ``candidates``: new claims as (invoice id, communication date, communication id,
    position), in the order their lines will get their ids (a later position has a greater
    line id). ``standing``: the current last claims of these invoices as (line id, invoice
    id, communication date, communication id). Returns ``({invoice id: position}`` of the new
    claims that become last, ``[line id]`` of the standing ones they replace).
    """
    best = {}
    for invoice_id, day, comm_id, position in candidates:
        key = (day, comm_id, 1, position)  # a new line comes after any line in the database
        if invoice_id not in best or key > best[invoice_id]:
            best[invoice_id] = key
    replaced = []
    for line_id, invoice_id, day, comm_id in standing:
        if invoice_id not in best:
            continue
        if (day, comm_id, 0, line_id) > best[invoice_id]:
            del best[invoice_id]
        else:
            replaced.append(line_id)
    return {invoice_id: key[3] for invoice_id, key in best.items()}, replaced
