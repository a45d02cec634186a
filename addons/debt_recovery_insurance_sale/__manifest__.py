# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
{
    "name": "Debt Recovery Credit Insurance - Sales",
    "summary": "Warns on a quotation that would take the customer's exposure above its insured "
    "credit limit",
    "version": "18.0.1.0.0",
    "category": "Sales/Sales",
    "license": "AGPL-3",
    "author": "Debt Recovery for Odoo contributors",
    "maintainers": ["debt-recovery-odoo"],
    "website": "https://github.com/debt-recovery-odoo/debt-recovery",
    "development_status": "Beta",
    "depends": ["debt_recovery_insurance", "debt_recovery_sale"],
    "data": ["views/sale_order_views.xml"],
    "installable": True,
    "auto_install": True,
    "application": False,
}
