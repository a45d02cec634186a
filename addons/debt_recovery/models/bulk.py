# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Bulk inserts for the records the daily job writes by the thousand.

The ORM's ``create`` costs about a millisecond of Python per record (defaults, conversions,
cache, recomputation triggers), which dominates a run over tens of thousands of invoices. The
daily job creates plain records whose every value it computes itself (cases, communications,
their invoice snapshot lines): those go through :func:`insert`, one statement per model.
"""

from odoo import fields
from odoo.tools import SQL

AUDIT_COLUMNS = ("create_uid", "create_date", "write_uid", "write_date")


def insert(model, vals_list):
    """Insert ``vals_list`` into ``model``'s table with one statement; return the records.

    Every value must be final: stored column fields only (no translated field, no x2many),
    ids for many2one fields. Computed stored fields must be given. Constraints and access
    rules are not checked: the caller is the system (the daily job, as superuser).
    """
    if not vals_list:
        return model.browse()
    columns = sorted({name for vals in vals_list for name in vals})
    for name in columns:
        field = model._fields[name]
        if not field.column_type or field.translate:
            raise ValueError(f"{model._name}.{name} cannot be bulk inserted")
    now = fields.Datetime.now()
    arrays = [
        SQL(
            "%s::%s[]",
            [vals.get(name) if vals.get(name) is not False else None for vals in vals_list],
            SQL(model._fields[name].column_type[1]),
        )
        for name in columns
    ]
    count = len(vals_list)
    model.env.cr.execute(
        SQL(
            """
            INSERT INTO %s (%s, %s)
            SELECT *, %s, %s, %s, %s FROM unnest(%s)
            RETURNING id
            """,
            SQL.identifier(model._table),
            SQL(", ").join(SQL.identifier(name) for name in columns),
            SQL(", ").join(SQL.identifier(name) for name in AUDIT_COLUMNS),
            model.env.uid,
            now,
            model.env.uid,
            now,
            SQL(", ").join(arrays),
        )
    )
    ids = [row[0] for row in model.env.cr.fetchall()]
    assert len(ids) == count
    return model.browse(ids)
