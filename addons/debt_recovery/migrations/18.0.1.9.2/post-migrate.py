# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""After the upgrade to 18.0.1.9.2: the simple rule kept by the risk score is always
calibrated on the backtest (every calibration pulled harder toward no change). The cases
already scored are scored again as of today, as the weekly job would: the fit kept on the
*Risk model* screen (and the log) says which grades changed, so that a policy chosen by grade
does not change silently. Run again, it scores them again."""

from odoo import SUPERUSER_ID, api, fields


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    Case = env["debt.recovery.case"]
    scored = Case.search([("risk_scored", "=", True)]).company_id
    if scored:
        Case._refresh_risk(fields.Date.context_today(Case), scored.ids)
