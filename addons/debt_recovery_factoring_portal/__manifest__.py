# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Debt Recovery Factoring Portal",
    "summary": "The debtor's recovery page tells the debtor to pay the factor the invoices "
    "assigned under a notified factoring contract, and offers no online payment for them",
    "version": "18.0.1.1.0",
    "category": "Accounting/Accounting",
    "license": "LGPL-3",
    "author": "Debt Recovery for Odoo contributors",
    "website": "https://github.com/debt-recovery-odoo/debt-recovery",
    "development_status": "Beta",
    "maintainers": ["debt-recovery-odoo"],
    "depends": ["debt_recovery_factoring", "debt_recovery_portal"],
    "data": [
        "views/account_portal_templates.xml",
        "views/debt_recovery_portal_templates.xml",
    ],
    "installable": True,
    "application": False,
    "auto_install": True,
}
