# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools.misc import format_date

from ..engine import interest


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

    debt_recovery_legal_form = fields.Char(
        string="Legal Form",
        help="The company's legal form and share capital as formal notices print them, e.g. "
        '"SAS au capital de 50 000 EUR".',
    )
    debt_recovery_french_law = fields.Boolean(
        string="French Law Governs Our Contracts",
        help="For a company outside France: its contracts are governed by French law, so that "
        "letters quote French law (statutory interest, the EUR 40 indemnity, the formal notice "
        "of the Code civil). A company in France always follows French law.",
    )

    _sql_constraints = [
        (
            "debt_recovery_assessment_retention_positive",
            "CHECK(debt_recovery_assessment_retention_days >= 0)",
            "The retention of budget details cannot be negative.",
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

    def _debt_recovery_french_law_applies(self):
        """Whether letters of this company may quote French law: the company is in France, or
        an administrator confirmed that French law governs its contracts."""
        self.ensure_one()
        return self.country_id.code == "FR" or self.debt_recovery_french_law

    def _debt_recovery_country_template(self):
        """The shipped ladder matching this company's country: the French ladder
        (statutory interest, EUR 40 indemnity, formal notice) in France, reminders only
        elsewhere and while the country is not set."""
        self.ensure_one()
        xmlid = (
            "debt_recovery.policy_default"
            if self.country_id.code == "FR"
            else "debt_recovery.policy_reminders_only"
        )
        return self.env.ref(xmlid, raise_if_not_found=False)

    def _debt_recovery_adopt_template(self, template):
        """Make ``template`` (a shipped ladder) this company's default policy: the template
        itself when it is the company's, else a copy of it in the company."""
        self.ensure_one()
        # The templates belong to the main company, which the user may not be allowed to read.
        template = template.sudo()
        policy = (
            template
            if template.company_id == self
            else template.copy({"company_id": self.id, "name": template.name})
        )
        self.debt_recovery_policy_id = policy
        return policy

    def _debt_recovery_create_default_policy(self):
        """Give each company without a policy its shipped default ladder, the one of its
        country (:meth:`_debt_recovery_country_template`)."""
        # Run at install and company creation: the templates belong to the main company,
        # which the user creating a company may not be allowed to read.
        for company in self.sudo().filtered(lambda c: not c.debt_recovery_policy_id):
            template = company._debt_recovery_country_template()
            if template:
                company._debt_recovery_adopt_template(template)

    # ------------------------------------------------------------------ mandatory mentions
    def _debt_recovery_mentions(self, policy=None, debtor_type=None):
        """[(key, label, present)]: the mentions a formal notice of this company must carry,
        under ``policy`` (default: the company's) to a debtor of ``debtor_type``."""
        self.ensure_one()
        policy = policy or self.debt_recovery_policy_id
        return [
            ("name", self.env._("Company name"), bool(self.name)),
            ("legal_form", self.env._("Legal form"), bool(self.debt_recovery_legal_form)),
            ("address", self.env._("Address"), bool(self.street and self.zip and self.city)),
            ("registry", self.env._("Company registry number"), bool(self.company_registry)),
            ("signatory", self.env._("Signatory"), bool(policy.signatory_id)),
            ("bank", self.env._("Bank account"), bool(self.partner_id.bank_ids)),
        ]

    def _debt_recovery_missing_mentions(self, policy=None, debtor_type=None):
        """Labels of the mandatory mentions of a formal notice that this company lacks (see
        :meth:`_debt_recovery_mentions`); empty when the notice may go out."""
        return [
            label
            for _key, label, present in self._debt_recovery_mentions(policy, debtor_type)
            if not present
        ]

    def _debt_recovery_check_mentions(self, policy=None, debtor_type=None):
        """Raise a UserError naming the missing mandatory mentions of a formal notice."""
        missing = self._debt_recovery_missing_mentions(policy, debtor_type)
        if missing:
            raise UserError(
                self.env._(
                    "A formal notice of %(company)s cannot go out: its mandatory mentions "
                    "%(missing)s are missing (Settings > Debt Recovery, setup checklist).",
                    company=self.name,
                    missing=", ".join(missing),
                )
            )

    # ------------------------------------------------------------------ setup checklist
    def _debt_recovery_setup_checklist(self, today=None):
        """What the enabled features need and what is missing, as rows of dicts: ``key``,
        ``label``, ``ok``, ``detail`` (what to do, or what was found) and ``url`` (where to fix
        it). Other add-ons extend it with the needs of their features."""
        self.ensure_one()
        today = today or fields.Date.context_today(self)
        policy = self.debt_recovery_policy_id
        company_url = f"/odoo/res.company/{self.id}"
        settings_url = "/odoo/action-account.action_account_config"
        policy_url = f"/odoo/debt.recovery.policy/{policy.id}" if policy else settings_url
        items = [
            self._debt_recovery_check_item(
                "country",
                self.env._("Company's country"),
                bool(self.country_id),
                self.country_id.name or self.env._("Set it: the default ladder follows it."),
                company_url,
            ),
        ]
        if policy.french_law_warning:
            items.append(
                self._debt_recovery_check_item(
                    "french_law",
                    self.env._("French law outside France"),
                    False,
                    self.env._(
                        "The policy %(policy)s claims what French law provides for a company "
                        "outside France: confirm that French law governs your contracts or "
                        "use the country's ladder.",
                        policy=policy.name,
                    ),
                    policy_url,
                )
            )
        if "formal_notice" in policy.level_ids.mapped("stage"):
            items += self._debt_recovery_formal_notice_items(policy, company_url, policy_url)
        items.append(
            self._debt_recovery_check_item(
                "terms_of_sale",
                self.env._("Terms of sale the claims rest on"),
                bool(self.debt_recovery_terms_of_sale),
                self.debt_recovery_terms_of_sale or "",
                settings_url,
            )
        )
        if policy and policy.interest_mode != "none":
            items.append(self._debt_recovery_rates_item(today))
        items.append(
            self._debt_recovery_check_item(
                "mail_server",
                self.env._("Outgoing mail server (reminder emails)"),
                bool(self.env["ir.mail_server"].sudo().search_count([])),
                "",
                "/odoo/action-base.action_ir_mail_server_list",
            )
        )
        return items

    def _debt_recovery_formal_notice_items(self, policy, company_url, policy_url):
        """The checklist's rows of a formal notice's mandatory mentions, and the consumer
        mediator letters to consumers name."""
        urls = {"signatory": policy_url, "bank": company_url}
        items = [
            self._debt_recovery_check_item(
                f"mention_{key}",
                self.env._("Formal notice: %(mention)s", mention=label),
                present,
                "" if present else self.env._("Missing: no formal notice goes out."),
                urls.get(key, company_url),
            )
            for key, label, present in self._debt_recovery_mentions(policy)
        ]
        items.append(
            self._debt_recovery_check_item(
                "consumer_mediator",
                self.env._("Consumer mediator (letters to consumers)"),
                bool(self.debt_recovery_consumer_mediator_id),
                self.debt_recovery_consumer_mediator_id.name or "",
                "/odoo/action-account.action_account_config",
            )
        )
        return items

    @api.model
    def _debt_recovery_check_item(self, key, label, ok, detail, url):
        return {"key": key, "label": label, "ok": ok, "detail": detail, "url": url}

    def _debt_recovery_rates_item(self, today):
        """The reference rates entered for the current half-year. A rate row counts as
        confirmed through the half-year of its date: the latest row of each type must be of
        the current half-year or later."""
        start = interest.half_year_start(today)
        Rate = self.env["debt.recovery.rate"]
        stale = []
        for rate_type, label in (
            ("ecb", self.env._("ECB rate")),
            ("legal", self.env._("legal interest rate")),
        ):
            days = [day for day, _rate in Rate._rates_for(self, rate_type)]
            if not days or max(days) < start:
                stale.append(label)
        return self._debt_recovery_check_item(
            "rates",
            self.env._("Reference rates of the current half-year"),
            not stale,
            self.env._(
                "No rate from %(date)s: %(rates)s.",
                date=format_date(self.env, start),
                rates=", ".join(stale),
            )
            if stale
            else "",
            "/odoo/action-debt_recovery.debt_recovery_rate_action",
        )
