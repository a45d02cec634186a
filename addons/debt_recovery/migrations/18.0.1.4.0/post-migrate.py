# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""After the upgrade to 18.0.1.4.0: the snapshot line of every invoice's last claim is marked
(``last_claim_invoice_id``, new in this version: the invoice's recovery level is its
communication's), set-based over all the lines. Run again, it writes nothing: only the lines
whose mark differs change."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["account.move"]._debt_recovery_refresh_last_claims()
