# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    debt_recovery_policy_id = fields.Many2one(
        "debt.recovery.policy",
        string="Default Recovery Policy",
        domain="[('company_id', '=', id)]",
    )
    debt_recovery_assessment_retention_days = fields.Integer(
        string="Keep Budget Details (days)",
        default=365,
        help="The budget lines and attachments of an individual's capacity assessment are "
        "erased this many days after the debtor's case closed; the result is kept.",
    )

    debt_recovery_risk_backtest_months = fields.Integer(
        string="Risk Backtest (months)",
        default=3,
        help="Each fit of the risk score predicts the invoices of this many recent months "
        "(fewer when the history is short) and keeps the model only when it does better than "
        "the simple rule, the debtor's share of settled invoices paid late.",
    )
    debt_recovery_risk_serious_days = fields.Integer(
        string="Serious Delinquency (days)",
        default=90,
        help="Days after the due date: the amount at risk of a case is what is likely to be "
        "still unpaid then.",
    )

    debt_recovery_terms_of_sale = fields.Char(
        string="Terms of Sale Claimed Under",
        translate=True,
        help='The contract a claim rests on, as formal notices quote it, e.g. "our general '
        'terms of sale, article 8".',
    )
    debt_recovery_consumer_mediator_id = fields.Many2one(
        "res.partner",
        string="Consumer Mediator",
        help="The consumer mediator your company has joined (name, address, website): "
        "letters to consumers give its contact (Code de la consommation L612-1, L616-1).",
    )

    _sql_constraints = [
        (
            "debt_recovery_assessment_retention_positive",
            "CHECK(debt_recovery_assessment_retention_days >= 0)",
            "The retention of budget details cannot be negative.",
        ),
        (
            "debt_recovery_risk_backtest_months_positive",
            "CHECK(debt_recovery_risk_backtest_months >= 1)",
            "The risk backtest covers one month at least.",
        ),
        (
            "debt_recovery_risk_serious_days_positive",
            "CHECK(debt_recovery_risk_serious_days >= 1)",
            "Serious delinquency starts one day after the due date at the earliest.",
        ),
    ]

    debt_recovery_interest_product_id = fields.Many2one(
        "product.product",
        string="Late-Payment Interest Product",
        help="Product (and so income account) of the interest lines of penalty invoices.",
    )
    debt_recovery_indemnity_product_id = fields.Many2one(
        "product.product",
        string="Recovery Indemnity Product",
        help="Product (and so income account) of the fixed indemnity lines of penalty invoices.",
    )

    def _debt_recovery_penalty_products(self):
        """(interest product, indemnity product) of penalty invoices: the company's, else
        the shipped ones."""
        self.ensure_one()
        return (
            self.debt_recovery_interest_product_id
            or self.env.ref("debt_recovery.product_late_interest"),
            self.debt_recovery_indemnity_product_id
            or self.env.ref("debt_recovery.product_recovery_indemnity"),
        )

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        companies._debt_recovery_create_default_policy()
        return companies

    def _debt_recovery_create_default_policy(self):
        """Give each company without a policy its shipped default ladder.

        The French ladder (statutory interest, EUR 40 indemnity, formal notice) for companies
        in France; elsewhere reminders only, until an administrator sets the local rules.
        """
        french = self.env.ref("debt_recovery.policy_default", raise_if_not_found=False)
        reminders = self.env.ref("debt_recovery.policy_reminders_only", raise_if_not_found=False)
        # Run at install and company creation: the templates belong to the main company,
        # which the user creating a company may not be allowed to read.
        for company in self.sudo().filtered(lambda c: not c.debt_recovery_policy_id):
            template = french if company.country_id.code == "FR" else reminders
            if not template:
                continue
            template = template.sudo()
            policy = (
                template
                if template.company_id == company
                else template.copy({"company_id": company.id, "name": template.name})
            )
            company.debt_recovery_policy_id = policy
