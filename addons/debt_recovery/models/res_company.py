# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError

from ..engine import mentions


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

    # ------------------------------------------------------------------ mandatory mentions
    def _debt_recovery_mentions_present(self):
        """The mandatory mentions (``engine.mentions``) this company has set."""
        self.ensure_one()
        present = set()
        if self.debt_recovery_consumer_mediator_id:
            present.add("consumer_mediator")
        return present

    def _debt_recovery_mention_labels(self):
        """{mention: what is missing and where to set it}, in the user's language."""
        return {
            "consumer_mediator": self.env._(
                "the consumer mediator (articles L612-1 and L616-1 of the Code de la "
                "consommation): set it under Settings > Debt Recovery > Consumer mediator"
            ),
        }

    def _debt_recovery_missing_mentions(self, document, partner):
        """[(mention, label)]: the mandatory mentions of ``document`` ("formal_notice",
        "plan", "settlement") sent to ``partner`` that this company lacks; empty when the
        document can be produced. Shared by the documents, the daily job and the set-up
        checklist."""
        self.ensure_one()
        debtor_type = partner.commercial_partner_id.debt_recovery_debtor_type
        labels = self._debt_recovery_mention_labels()
        return [
            (mention, labels[mention])
            for mention in mentions.missing_mentions(
                document, debtor_type, self._debt_recovery_mentions_present()
            )
        ]

    def _debt_recovery_check_mentions(self, document, partner):
        """Raise a UserError naming what is missing when ``document`` cannot be sent to
        ``partner`` (see :meth:`_debt_recovery_missing_mentions`)."""
        missing = self._debt_recovery_missing_mentions(document, partner)
        if missing:
            names = dict(self._debt_recovery_document_names())
            raise UserError(
                self.env._(
                    "%(document)s to %(debtor)s cannot be produced: %(company)s has not set "
                    "%(missing)s.",
                    document=names[document],
                    debtor=partner.commercial_partner_id.display_name,
                    company=self.display_name,
                    missing="; ".join(label for _mention, label in missing),
                )
            )

    def _debt_recovery_document_names(self):
        return [
            ("formal_notice", self.env._("A formal notice")),
            ("plan", self.env._("An instalment plan")),
            ("settlement", self.env._("A settlement")),
        ]

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
