# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Debt Recovery Reports",
    "summary": "Reminder letters, formal notices, plan agreements, statements and recovery KPIs "
    "(aged balance, DSO, CEI, promises kept, plans completed)",
    "version": "18.0.1.0.0",
    "category": "Accounting/Accounting",
    "license": "LGPL-3",
    "author": "Debt Recovery for Odoo contributors",
    "website": "https://github.com/debt-recovery-odoo/debt-recovery",
    "development_status": "Beta",
    "depends": ["debt_recovery"],
    "data": [
        "security/ir.model.access.csv",
        "security/debt_recovery_reports_security.xml",
        "report/debt_recovery_letter_templates.xml",
        "report/debt_recovery_plan_templates.xml",
        "report/debt_recovery_statement_templates.xml",
        "report/debt_recovery_assessment_templates.xml",
        "report/debt_recovery_reports.xml",
        "data/debt_recovery_level_data.xml",
        "views/debt_recovery_level_views.xml",
        "views/debt_recovery_reports_menus.xml",
        "views/debt_recovery_communication_views.xml",
        "views/debt_recovery_aged_receivable_views.xml",
        "views/debt_recovery_kpi_dashboard_views.xml",
        "wizards/debt_recovery_statement_wizard_views.xml",
    ],
    "assets": {
        "web.assets_tests": ["debt_recovery_reports/static/tests/tours/**/*"],
    },
    "installable": True,
    "application": False,
}
