# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
{
    "name": "Debt Recovery Direct Debit",
    "summary": "Instalment plans and promises paid by SEPA direct debit: the debtor's mandate, "
    "pre-notifications, instalments put in direct debit orders, returns followed",
    "version": "18.0.1.2.1",
    "category": "Accounting/Accounting",
    "license": "AGPL-3",
    "author": "Debt Recovery for Odoo contributors",
    "website": "https://github.com/debt-recovery-odoo/debt-recovery",
    "development_status": "Beta",
    "maintainers": ["debt-recovery-odoo"],
    "depends": [
        "debt_recovery",
        "account_banking_sepa_direct_debit",
        "account_payment_order_return",
    ],
    "data": [
        "security/ir.model.access.csv",
        "data/payment_return_reason_data.xml",
        "data/mail_template_data.xml",
        "data/product_data.xml",
        "views/debt_recovery_plan_views.xml",
        "views/debt_recovery_promise_views.xml",
        "views/account_payment_mode_views.xml",
        "views/res_config_settings_views.xml",
        "views/debt_recovery_policy_views.xml",
        "wizards/debt_recovery_mandate_wizard_views.xml",
    ],
    "installable": True,
    "application": False,
}
