# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""After the upgrade to 18.0.1.7.0: the risk score is judged against the simple rule at every
fit and calibrated, and the worklist is ordered by the amount at risk (90+ days) instead of the
"expected loss" (the column ``expected_loss``, dropped). The cases already scored are scored
again as of today, as the weekly job would: the grades are re-read on the calibrated
probabilities, and the fit kept on the *Risk model* screen (and the log) says how many debtors
changed grade, so that a policy chosen by grade does not change silently. Run again, it scores
them again and drops nothing more."""

import logging

from odoo import SUPERUSER_ID, api, fields
from odoo.tools import SQL

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    Case = env["debt.recovery.case"]
    companies = Case.search([("risk_scored", "=", True)]).company_id
    if companies:
        Case._refresh_risk(fields.Date.context_today(Case), companies.ids)
        for fit in env["debt.recovery.risk.fit"].search(
            [("company_id", "in", companies.ids)], order="id desc", limit=len(companies)
        ):
            _logger.warning(
                "Risk score of %s re-read after calibration (%s kept); grades changed: %s",
                fit.company_id.name,
                fit.choice,
                (fit.grade_changes or "none").replace("\n", "; "),
            )
    cr.execute(SQL("ALTER TABLE debt_recovery_case DROP COLUMN IF EXISTS expected_loss"))
