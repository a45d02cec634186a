# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Debt Recovery Litigation Portal",
    "summary": "The debtor reads and signs a settlement agreement on its recovery page",
    "version": "18.0.1.0.1",
    "category": "Accounting/Accounting",
    "license": "LGPL-3",
    "author": "Debt Recovery for Odoo contributors",
    "maintainers": ["debt-recovery-odoo"],
    "website": "https://github.com/debt-recovery-odoo/debt-recovery",
    "development_status": "Beta",
    "depends": ["debt_recovery_portal", "debt_recovery_litigation"],
    "data": ["views/debt_recovery_portal_templates.xml"],
    "installable": True,
    "auto_install": True,
    "application": False,
}
