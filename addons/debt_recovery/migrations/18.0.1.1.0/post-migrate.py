# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""After the upgrade to 18.0.1.1.0: existing partners get their debtor type, holds chosen
by hand stay explicit, and what earlier builds stored and this one no longer does is dropped
(Odoo leaves unused tables and columns behind)."""

from odoo import SUPERUSER_ID, api
from odoo.tools import SQL

from odoo.addons.debt_recovery import fill_debtor_types

# Left by earlier builds: the invoices' last level (now read from the communications'
# snapshots), the communication-invoice table (now the snapshot lines), and the lines' own
# company and audit columns (now the communication's).
OBSOLETE_COLUMNS = {
    "account_move": ("debt_recovery_level_id",),
    "debt_recovery_communication_line": (
        "company_id",
        "create_uid",
        "create_date",
        "write_uid",
        "write_date",
    ),
}
OBSOLETE_TABLES = ("debt_recovery_communication_invoice_rel",)


def drop_obsolete(cr):
    for table in OBSOLETE_TABLES:
        cr.execute(SQL("DROP TABLE IF EXISTS %s", SQL.identifier(table)))
    for table, columns in OBSOLETE_COLUMNS.items():
        for column in columns:
            cr.execute(
                SQL(
                    "ALTER TABLE %s DROP COLUMN IF EXISTS %s",
                    SQL.identifier(table),
                    SQL.identifier(column),
                )
            )


def migrate(cr, version):
    if not version:
        return
    drop_obsolete(cr)
    fill_debtor_types(api.Environment(cr, SUPERUSER_ID, {}))
    # Before, a case kept a hold reason only when a user had chosen it.
    cr.execute(
        "UPDATE debt_recovery_case SET hold_explicit = TRUE "
        "WHERE hold_reason IS NOT NULL AND hold_reason != 'plan'"
    )
