# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Bulk inserts for the records the daily job writes by the thousand.

The ORM's ``create`` costs about a millisecond of Python per record (defaults, conversions,
cache, recomputation triggers), which dominates a run over tens of thousands of invoices. The
daily job creates plain records whose every value it computes itself (cases, communications,
their invoice snapshot lines): those go through :func:`insert`, which reserves the ids with one
query and streams the rows with PostgreSQL's ``COPY`` (no SQL text to build and parse per value).
Its bookkeeping on the cases (amounts, level, dates, reasons: a different value on nearly every
case) goes through :func:`update`, one statement per set of columns. Long lists of values travel
as the text of one array (see :func:`id_array`), not as a list psycopg2 renders value by value.
"""

import io
import json
from collections import defaultdict

import psycopg2.extensions

from odoo import fields
from odoo.tools import SQL

AUDIT_COLUMNS = ("create_uid", "create_date", "write_uid", "write_date")
_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def copy_text(value):
    """``value`` in COPY's text format: ``\\N`` is NULL, as are None and False (Odoo's empty).

    Numbers, dates and datetimes print as PostgreSQL reads them; text is escaped.
    """
    if value is None or value is False:
        return "\\N"
    return str(value).translate(_ESCAPES)


def _json(value):
    """A JSON field's value as its column's text, None for empty."""
    return None if value is None or value is False else json.dumps(value)


def _json_text(value):
    return copy_text(_json(value))


def _column_text(field, values):
    """The COPY texts of one column's ``values`` (a column at a time: one comprehension per
    column, no function call per value)."""
    if field.type in _PLAIN_TYPES:
        # Numbers, ids and dates: nothing to escape in their text.
        return ["\\N" if value is None or value is False else str(value) for value in values]
    if field.type == "boolean":
        return ["t" if value else "f" for value in values]
    if field.type == "json":
        return [_json_text(value) for value in values]
    return [copy_text(value) for value in values]


_PLAIN_TYPES = frozenset(("integer", "many2one", "float", "monetary", "date", "datetime"))


def id_array(ids):
    """``ids`` as one ``int4[]`` parameter, for ``= ANY(...)`` and ``unnest(...)``.

    Given as the array's text rather than as a list: psycopg2 renders a list element by
    element (``ARRAY[1, 2, ...]``, which PostgreSQL then parses as many expressions), which
    costs several times the query itself with the daily job's tens of thousands of ids.
    """
    return SQL("%s::int4[]", "{" + ",".join(map(str, ids)) + "}")


def _array_item(value):
    """A text value as an element of an array's text: quoted, with its quotes and
    backslashes escaped."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _array_text(field, values):
    """The text of the PostgreSQL array of one column's ``values`` (``NULL`` for None, and
    for False except in a boolean column), to cast to the column's array type."""
    if field.type == "boolean":
        items = ["NULL" if value is None else "t" if value else "f" for value in values]
    elif field.type in _PLAIN_TYPES and field.type != "datetime":
        # Numbers, ids and dates: their text needs no quotes.
        items = ["NULL" if value is None or value is False else str(value) for value in values]
    elif field.type == "json":
        items = [
            "NULL" if value is None or value is False else _array_item(_json(value))
            for value in values
        ]
    else:
        items = [
            "NULL" if value is None or value is False else _array_item(str(value))
            for value in values
        ]
    return "{" + ",".join(items) + "}"


def _column_fields(model, names, action):
    """The fields of ``names``, checked to be plain columns that the bulk writers can fill."""
    result = []
    for name in names:
        field = model._fields[name]
        if not field.column_type or field.translate or name == "id":
            raise ValueError(f"{model._name}.{name} cannot be bulk {action}")
        result.append(field)
    return result


def copy_rows(cr, table, columns, rows):
    """Stream ``rows`` (tuples of text values, see :func:`copy_text`; any iterable) into
    ``table``."""
    text = "".join("\t".join(row) + "\n" for row in rows)
    if not text:
        return
    buffer = io.StringIO(text)
    statement = SQL(
        "COPY %s (%s) FROM STDIN",
        SQL.identifier(table),
        SQL(", ").join(SQL.identifier(name) for name in columns),
    )
    # Like Odoo's own COPY (ir.model.data): no asynchronous wait callback meanwhile.
    callback = psycopg2.extensions.get_wait_callback()
    psycopg2.extensions.set_wait_callback(None)
    try:
        cr.copy_expert(statement.code, buffer)
    finally:
        psycopg2.extensions.set_wait_callback(callback)
    # COPY goes around Cursor.execute: count it like any statement, so that query budgets
    # (tests, benchmarks) stay true. A test cursor wraps the real one.
    counted = cr
    while "sql_log_count" not in vars(counted):
        counted = counted._cursor
    counted.sql_log_count += 1


def insert(model, vals_list):
    """Insert ``vals_list`` into ``model``'s table in two statements; return the records.

    Every value must be final: stored column fields only (no translated field, no x2many),
    ids for many2one fields. Computed stored fields must be given. Constraints and access
    rules are not checked: the caller is the system (the daily job, as superuser).
    """
    if not vals_list:
        return model.browse()
    columns = sorted({name for vals in vals_list for name in vals})
    column_fields = _column_fields(model, columns, "inserted")
    cr = model.env.cr
    cr.execute(
        SQL(
            # The sequence looked up once (OFFSET 0 keeps it apart): per row, the lookup would
            # cost ten times the ids themselves.
            """
            SELECT nextval(s.seq)
              FROM (SELECT pg_get_serial_sequence(%s, 'id')::regclass AS seq OFFSET 0) s,
                   generate_series(1, %s)
            """,
            model._table,
            len(vals_list),
        )
    )
    ids = [row[0] for row in cr.fetchall()]
    audit_columns = AUDIT_COLUMNS if model._log_access else ()
    audit = (str(model.env.uid), str(fields.Datetime.now())) * 2 if model._log_access else ()
    texts = [[str(record_id) for record_id in ids]]
    texts += [
        _column_text(field, [vals.get(field.name) for vals in vals_list]) for field in column_fields
    ]
    texts += [[value] * len(ids) for value in audit]
    copy_rows(cr, model._table, ("id", *columns, *audit_columns), zip(*texts, strict=True))
    _invalidate_inverses(model, columns)
    return model.browse(ids)


def _invalidate_inverses(model, columns):
    """Forget the cached one2many values the new rows belong to (a case's communications...)."""
    for name in columns:
        field = model._fields[name]
        if field.type != "many2one":
            continue
        comodel = model.env[field.comodel_name]
        stale = [
            other.name
            for other in comodel._fields.values()
            if other.type == "one2many"
            and other.comodel_name == model._name
            and other.inverse_name == name
        ]
        if stale:
            comodel.invalidate_model(stale)


def update(model, values_by_id):
    """Write ``{id: {field: value}}`` with one UPDATE per set of fields; no tracking.

    Same value rules as :func:`insert`. The ORM's pending writes on these fields are flushed
    first, and afterwards the cache is invalidated and the fields' dependents are notified
    (``modified``), as the ORM expects after SQL writes.
    """
    if not values_by_id:
        return
    groups = defaultdict(list)
    for record_id, vals in values_by_id.items():
        if vals:
            groups[tuple(sorted(vals))].append(record_id)
    fnames = sorted({name for columns in groups for name in columns})
    _column_fields(model, fnames, "updated")
    model.flush_model(fnames)
    cr = model.env.cr
    for columns, ids in groups.items():
        arrays = [id_array(ids)]
        for name in columns:
            field = model._fields[name]
            values = [values_by_id[record_id][name] for record_id in ids]
            arrays.append(SQL("%s::%s[]", _array_text(field, values), SQL(field.column_type[1])))
        cr.execute(
            SQL(
                """
                UPDATE %(table)s AS t SET %(assignments)s, write_uid = %(uid)s,
                       write_date = %(now)s
                  FROM unnest(%(arrays)s) AS u(id, %(columns)s)
                 WHERE t.id = u.id AND t.id = ANY(%(ids)s)
                """,
                table=SQL.identifier(model._table),
                assignments=SQL(", ").join(
                    SQL("%s = u.%s", SQL.identifier(name), SQL.identifier(name)) for name in columns
                ),
                uid=model.env.uid,
                now=fields.Datetime.now(),
                arrays=SQL(", ").join(arrays),
                # The rows read by their ids, not by a scan of the table joined to the values.
                ids=id_array(ids),
                columns=SQL(", ").join(SQL.identifier(name) for name in columns),
            )
        )
    records = model.browse(list(values_by_id))
    records.invalidate_recordset([*fnames, "write_uid", "write_date"])
    records.modified(fnames)
