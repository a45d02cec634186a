# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).


def post_init_hook(env):
    """Companies already on the French chart get its accounts as their closing's defaults."""
    env["res.company"].search([("chart_template", "=", "fr")])._debt_recovery_set_chart_accounts()
