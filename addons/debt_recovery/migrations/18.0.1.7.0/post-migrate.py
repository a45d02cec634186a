# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""After the upgrade to 18.0.1.7.0:

- limitation dates follow the corrected rules (a public body's four years from the year of
  the service, at least six months after a mediation's end): invoices held as time-barred
  that are not are released, so that the daily job claims them again;
- the French text of the mail templates follows their new English text (what follows
  non-payment depends on the debtor's court): the add-on's French terms are loaded again over
  the old ones, as ``--i18n-overwrite`` would (a template's text is translated as a whole, so
  an upgrade alone keeps the old French one).

Run again, it releases nothing more and loads the same text."""

from odoo import SUPERUSER_ID, api, fields


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
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
    if env["res.lang"]._lang_get("fr_FR"):
        env["ir.module.module"]._load_module_terms(["debt_recovery"], ["fr_FR"], overwrite=True)
