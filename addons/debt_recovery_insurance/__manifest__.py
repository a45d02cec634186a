# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
{
    "name": "Debt Recovery Credit Insurance",
    "summary": "Credit insurance on recovery cases: the insurer's terms, cover and uninsured "
    "part, declaration and intervention deadlines, declaration to the insurer, indemnity",
    "version": "18.0.1.0.0",
    "category": "Accounting/Accounting",
    "license": "AGPL-3",
    "author": "Debt Recovery for Odoo contributors",
    "website": "https://github.com/debt-recovery-odoo/debt-recovery",
    "development_status": "Beta",
    "maintainers": ["debt-recovery-odoo"],
    "depends": ["debt_recovery", "partner_risk_insurance"],
    "data": [
        "security/ir.model.access.csv",
        "security/debt_recovery_insurance_security.xml",
        "data/ir_sequence_data.xml",
        "report/debt_recovery_insurance_templates.xml",
        "report/debt_recovery_insurance_reports.xml",
        "views/debt_recovery_insurance_policy_views.xml",
        "views/debt_recovery_insurance_declaration_views.xml",
        "views/debt_recovery_case_views.xml",
        "views/debt_recovery_insurance_menus.xml",
    ],
    "installable": True,
    "application": False,
}
