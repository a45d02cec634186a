from odoo.tools import SQL

from . import controllers, models, wizards


def post_init_hook(env):
    """Give existing people their debtor type and every company its default ladder."""
    fill_debtor_types(env, companies=False)
    env["res.company"].search([])._debt_recovery_create_default_policy()


def fill_debtor_types(env, companies=True):
    """Partners with no debtor type: people are consumers (the prudent reading) and, with
    ``companies``, companies professionals (each contact takes its commercial entity's type).

    At install, a company's type is left to choose: an association, an SCI, a liberal
    profession or a public body is no commercial company, and no formal notice, plan or
    settlement is produced for a debtor of no type. A database upgraded from a release that
    had no debtor type keeps the regime it ran under (companies as professionals)."""
    env["res.partner"].flush_model()
    env.cr.execute(
        SQL(
            """
            UPDATE res_partner p
               SET debt_recovery_debtor_type =
                   CASE WHEN c.is_company THEN 'professional' ELSE 'consumer' END
              FROM res_partner c
             WHERE c.id = COALESCE(p.commercial_partner_id, p.id)
               AND p.debt_recovery_debtor_type IS NULL
               AND (%s OR NOT COALESCE(c.is_company, FALSE))
            """,
            bool(companies),
        )
    )
    env["res.partner"].invalidate_model(["debt_recovery_debtor_type"])


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
    "debt_recovery_case_transition",
    "debt_recovery_case",
)


def uninstall_hook(env):
    """Empty the recovery tables before Odoo removes the add-on's records and tables."""
    for table in UNINSTALL_TABLES:
        env.cr.execute(SQL("DELETE FROM %s", SQL.identifier(table)))
    env.invalidate_all()
