# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""After the upgrade to 18.0.1.7.0:

- the risk score is judged against the simple rule at every fit and calibrated, and the
  worklist is ordered by the amount at risk (90+ days) instead of the "expected loss" (the
  column ``expected_loss``, dropped). The cases already scored are scored again as of today, as
  the weekly job would: the grades are re-read on the calibrated probabilities, and the fit kept
  on the *Risk model* screen (and the log) says how many debtors changed grade, so that a policy
  chosen by grade does not change silently;
- limitation dates follow the corrected rules (a public body's four years from the year of
  the service, at least six months after a mediation's end): invoices held as time-barred
  that are not are released, so that the daily job claims them again;
- the French text of the mail templates follows their new English text (what follows
  non-payment depends on the debtor's court): the add-on's French terms are loaded again over
  the old ones, as ``--i18n-overwrite`` would (a template's text is translated as a whole, so
  an upgrade alone keeps the old French one).

Run again, it scores the cases again, releases nothing more, drops nothing more and loads the
same text."""

import logging

from odoo import SUPERUSER_ID, api, fields
from odoo.tools import SQL

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    _rescore(env)
    cr.execute(SQL("ALTER TABLE debt_recovery_case DROP COLUMN IF EXISTS expected_loss"))
    _release_wrongly_time_barred(env)
    if env["res.lang"]._lang_get("fr_FR"):
        env["ir.module.module"]._load_module_terms(["debt_recovery"], ["fr_FR"], overwrite=True)


def _rescore(env):
    Case = env["debt.recovery.case"]
    companies = Case.search([("risk_scored", "=", True)]).company_id
    if not companies:
        return
    Case._refresh_risk(fields.Date.context_today(Case), companies.ids)
    for fit in env["debt.recovery.risk.fit"].search(
        [("company_id", "in", companies.ids)], order="id desc", limit=len(companies)
    ):
        _logger.info(
            "Risk score of %s re-read after calibration (%s kept); grades changed: %s",
            fit.company_id.name,
            fit.choice,
            (fit.grade_changes or "none").replace("\n", "; "),
        )


def _release_wrongly_time_barred(env):
    Move = env["account.move"]
    held = Move.search(
        [
            ("debt_recovery_excluded", "=", True),
            ("debt_recovery_exclusion_reason", "=", "time_barred"),
        ]
    )
    if held:
        today = fields.Date.context_today(Move)
        dates = Move._debt_recovery_limitation_dates(held._debt_recovery_rows())
        held.filtered(lambda m: dates.get(m.id) and dates[m.id] >= today)._debt_recovery_release(
            ["time_barred"]
        )
