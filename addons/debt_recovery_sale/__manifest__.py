# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Debt Recovery - Sales",
    "summary": "The customer's late-payment risk grade on quotations and sale orders, with a "
    "warning above a chosen grade",
    "version": "18.0.1.2.0",
    "category": "Sales/Sales",
    "license": "LGPL-3",
    "author": "Debt Recovery for Odoo contributors",
    "maintainers": ["debt-recovery-odoo"],
    "website": "https://github.com/debt-recovery-odoo/debt-recovery",
    "development_status": "Beta",
    "depends": ["debt_recovery", "sale"],
    "data": [
        "views/sale_order_views.xml",
        "views/res_config_settings_views.xml",
    ],
    "installable": True,
    "auto_install": True,
    "application": False,
}
