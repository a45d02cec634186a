# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""After the upgrade to 18.0.1.3.0: the indexes of the case's debtor (covered by the unique
debtor-and-company index) and of its priority (never searched alone) are dropped; Odoo keeps
the indexes a field no longer asks for. Without them, the daily job's updates of its cases can
stay on their pages (see the table's fill factor, set when the module loads)."""

from odoo.tools import SQL


def migrate(cr, version):
    if not version:
        return
    for name in ("debt_recovery_case__partner_id_index", "debt_recovery_case__priority_index"):
        cr.execute(SQL("DROP INDEX IF EXISTS %s", SQL.identifier(name)))
