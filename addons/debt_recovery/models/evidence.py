# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Evidence: the fields that prove what happened are written by the system only.

Who signed, from which IP and when, what a debtor submitted, the PDF as sent, the date of a
proof of receipt, what became of an email: each is written by the server's own code path for
it, which runs as the superuser after its own checks. Through the ORM or the external API, a
user (even a manager) never sets them, at create as at write: ``env.su`` cannot be set by a
caller, unlike a context key. Fields kept *once* are never written again, by anyone, once set.
"""

from odoo.exceptions import UserError


def check_system_fields(records, names, system_fields, once_fields=frozenset()):
    """Refuse ``names`` (fields about to be written on ``records``, or created when
    ``records`` is empty) that are in ``system_fields`` unless the system writes them; refuse
    those of ``once_fields`` already set on a record, whoever writes."""
    touched = system_fields & set(names)
    if not touched:
        return
    env = records.env
    if not env.su:
        labels = sorted(records._fields[name]._description_string(env) for name in touched)
        raise UserError(
            env._(
                "%(fields)s: evidence of what happened, written by the system when it happens. "
                "It cannot be entered nor changed by hand.",
                fields=", ".join(labels),
            )
        )
    for name in touched & once_fields:
        for record in records:
            if record[name]:
                raise UserError(
                    env._(
                        "%(field)s of %(record)s is already kept as evidence: it cannot be "
                        "changed.",
                        field=records._fields[name]._description_string(env),
                        record=record.display_name,
                    )
                )


def keep_rendered(record, report, name):
    """The document ``report`` (an action's XML id) rendered for ``record`` as it stands now,
    kept as an attachment of ``record`` named ``name`` plus its extension: what a debtor was
    shown or signed. Rendered and kept by the system (company details included)."""
    env = record.env
    Report = env["ir.actions.report"].sudo()
    content, fmt = Report.with_context(report_pdf_no_attachment=True)._render_qweb_pdf(
        report, record.ids
    )
    if isinstance(content, str):
        content = content.encode()
    is_pdf = fmt == "pdf"
    return (
        env["ir.attachment"]
        .sudo()
        .create(
            {
                "name": f"{name}.{'pdf' if is_pdf else 'html'}",
                "raw": content,
                "res_model": record._name,
                "res_id": record.id,
                "mimetype": "application/pdf" if is_pdf else "text/html",
            }
        )
    )
