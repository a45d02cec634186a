# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Debt Recovery Portal",
    "summary": "The debtor's recovery page: invoices, penalties, plan, promises, letters; pay "
    "online, promise, ask for a plan and sign it, dispute an invoice, through a signed link",
    "version": "18.0.1.3.1",
    "category": "Accounting/Accounting",
    "license": "LGPL-3",
    "author": "Debt Recovery for Odoo contributors",
    "maintainers": ["debt-recovery-odoo"],
    "website": "https://github.com/debt-recovery-odoo/debt-recovery",
    "development_status": "Beta",
    "depends": ["debt_recovery", "debt_recovery_reports", "account_payment"],
    # Odoo requirement too (two-factor authentication), drawn on the letters.
    "external_dependencies": {"python": ["qrcode"]},
    "data": [
        "data/ir_config_parameter_data.xml",
        "data/debt_recovery_late_reason_data.xml",
        "views/debt_recovery_case_views.xml",
        "views/debt_recovery_policy_views.xml",
        "views/debt_recovery_late_reason_views.xml",
        "views/debt_recovery_communication_views.xml",
        "views/debt_recovery_plan_views.xml",
        "views/res_config_settings_views.xml",
        "views/debt_recovery_portal_templates.xml",
        "report/debt_recovery_letter_templates.xml",
        "report/debt_recovery_plan_templates.xml",
    ],
    "demo": ["demo/debt_recovery_portal_demo.xml"],
    "assets": {
        "web.assets_frontend": ["debt_recovery_portal/static/src/js/**/*"],
        "web.assets_tests": ["debt_recovery_portal/static/tests/tours/**/*"],
    },
    "installable": True,
    "application": False,
}
