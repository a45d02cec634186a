# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
{
    "name": "Debt Recovery Direct Debit Portal",
    "summary": "The debtor sees its direct debit mandate, next debits and returns on its "
    "recovery page, and can revoke the mandate",
    "version": "18.0.1.2.0",
    "category": "Accounting/Accounting",
    "license": "AGPL-3",
    "author": "Debt Recovery for Odoo contributors",
    "maintainers": ["debt-recovery-odoo"],
    "website": "https://github.com/debt-recovery-odoo/debt-recovery",
    "development_status": "Beta",
    "depends": ["debt_recovery_sepa", "debt_recovery_portal"],
    "data": ["views/debt_recovery_portal_templates.xml"],
    "assets": {
        "web.assets_tests": ["debt_recovery_sepa_portal/static/tests/tours/**/*"],
    },
    "installable": True,
    "auto_install": True,
    "application": False,
}
