# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""After the upgrade to 18.0.1.2.0: the cases already scored are marked so (the worklist puts
the scored cases first)."""

from odoo.tools import SQL


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        SQL(
            "UPDATE debt_recovery_case SET risk_scored = TRUE "
            "WHERE risk_date IS NOT NULL AND risk_scored IS NOT TRUE"
        )
    )
