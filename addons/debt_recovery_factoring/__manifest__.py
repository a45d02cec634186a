# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Debt Recovery Factoring",
    "summary": "Factoring contracts: invoices assigned to a factor (subrogation) leave the "
    "ladder through an accounting entry when notified, stay collected by the company when "
    "confidential, are bought back with their history, print the subrogation mention and the "
    "factor's bank details when notified",
    "version": "18.0.1.1.0",
    "category": "Accounting/Accounting",
    "license": "LGPL-3",
    "author": "Debt Recovery for Odoo contributors",
    "website": "https://github.com/debt-recovery-odoo/debt-recovery",
    "development_status": "Beta",
    "maintainers": ["debt-recovery-odoo"],
    "depends": ["debt_recovery", "debt_recovery_reports"],
    "data": [
        "security/ir.model.access.csv",
        "security/debt_recovery_factoring_security.xml",
        "report/report_invoice_templates.xml",
        "report/debt_recovery_letter_templates.xml",
        "wizards/debt_recovery_factor_assign_wizard_views.xml",
        "views/debt_recovery_factor_views.xml",
        "views/account_move_views.xml",
        "views/debt_recovery_kpi_dashboard_views.xml",
        "views/debt_recovery_aged_receivable_views.xml",
        "views/debt_recovery_factoring_menus.xml",
    ],
    "installable": True,
    "application": False,
}
