from odoo.tools import SQL

from . import models, wizards


def post_init_hook(env):
    """Give every existing company the default recovery ladder."""
    env["res.company"].search([])._debt_recovery_create_default_policy()


# Deleted first on uninstall, in this order: they refer to invoices and partners, which
# must never block (nor be removed by) the uninstallation.
UNINSTALL_TABLES = (
    "debt_recovery_promise",
    "debt_recovery_plan_line",
    "debt_recovery_plan",
    "debt_recovery_communication_line",
    "debt_recovery_communication",
    "debt_recovery_assessment_line",
    "debt_recovery_assessment",
    "debt_recovery_case",
)


def uninstall_hook(env):
    """Empty the recovery tables before Odoo removes the add-on's records and tables."""
    for table in UNINSTALL_TABLES:
        env.cr.execute(SQL("DELETE FROM %s", SQL.identifier(table)))
    env.invalidate_all()
