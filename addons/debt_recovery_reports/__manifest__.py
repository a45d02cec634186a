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
        "views/debt_recovery_reports_menus.xml",
    ],
    "installable": True,
    "application": False,
}
