# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Debt Recovery Accounting",
    "summary": "The accountant's closing: doubtful receivables, their provision justified from "
    "history, and irrecoverable debts written off with their VAT recovered",
    "version": "18.0.1.1.0",
    "category": "Accounting/Accounting",
    "license": "LGPL-3",
    "author": "Debt Recovery for Odoo contributors",
    "maintainers": ["debt-recovery-odoo"],
    "website": "https://github.com/debt-recovery-odoo/debt-recovery",
    "development_status": "Beta",
    "depends": ["debt_recovery", "account"],
    "data": [
        "security/ir.model.access.csv",
        "security/debt_recovery_accounting_security.xml",
        "report/debt_recovery_accounting_templates.xml",
        "report/debt_recovery_accounting_reports.xml",
        "wizards/debt_recovery_write_off_wizard_views.xml",
        "views/debt_recovery_closing_views.xml",
        "views/account_move_views.xml",
        "views/debt_recovery_case_views.xml",
        "views/res_config_settings_views.xml",
        "views/debt_recovery_closing_menus.xml",
    ],
    "post_init_hook": "post_init_hook",
    "installable": True,
    "application": False,
}
