# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""After the upgrade to 18.0.1.5.0: the risk reasons are kept as phrases said in the reader's
language (``risk_reason_phrases``) instead of sentences written once in the company's language
(the column ``risk_reasons``, dropped). The cases already scored are scored again as of today,
as the weekly job would, so that their reasons show at once. Run again, it scores them again
and drops nothing more."""

from odoo import SUPERUSER_ID, api, fields
from odoo.tools import SQL


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    Case = env["debt.recovery.case"]
    companies = Case.search([("risk_scored", "=", True)]).company_id
    if companies:
        Case._refresh_risk(fields.Date.context_today(Case), companies.ids)
    cr.execute(SQL("ALTER TABLE debt_recovery_case DROP COLUMN IF EXISTS risk_reasons"))
