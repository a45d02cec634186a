# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""After the upgrade to 18.0.1.1.0: existing partners get their debtor type, holds chosen
by hand stay explicit."""

from odoo import SUPERUSER_ID, api

from odoo.addons.debt_recovery import fill_debtor_types


def migrate(cr, version):
    if not version:
        return
    fill_debtor_types(api.Environment(cr, SUPERUSER_ID, {}))
    # Before, a case kept a hold reason only when a user had chosen it.
    cr.execute(
        "UPDATE debt_recovery_case SET hold_explicit = TRUE "
        "WHERE hold_reason IS NOT NULL AND hold_reason != 'plan'"
    )
