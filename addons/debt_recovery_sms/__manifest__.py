# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Debt Recovery SMS",
    "summary": "Reminders by SMS on the recovery levels, with their delivery followed",
    "version": "18.0.1.0.0",
    "category": "Accounting/Accounting",
    "license": "LGPL-3",
    "author": "Debt Recovery for Odoo contributors",
    "website": "https://github.com/debt-recovery-odoo/debt-recovery",
    "development_status": "Beta",
    "depends": ["debt_recovery", "sms"],
    "data": [
        "data/sms_template_data.xml",
        "views/debt_recovery_level_views.xml",
        "views/debt_recovery_communication_views.xml",
    ],
    "installable": True,
    "auto_install": True,
    "application": False,
}
