# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools.misc import format_date

from ..engine import interest, mentions


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
            "debtor_type": self.env._(
                "the debtor's type (professional, consumer or public body), which decides the "
                "law the document states: choose it on the debtor's form, tab Debt Recovery"
            ),
        }

    def _debt_recovery_missing_mentions(self, document, partner, policy=None):
        """[(mention, label)]: the mandatory mentions of ``document`` ("formal_notice",
        "plan", "settlement") sent to ``partner`` under ``policy`` (default: the debtor's
        company policy) that this company lacks; empty when the document can be produced. A
        formal notice names the creditor fully (:meth:`_debt_recovery_notice_mentions`); a
        document to a consumer names the consumer mediator. Shared by the documents, the daily
        job and the set-up checklist."""
        self.ensure_one()
        missing = []
        if document == "formal_notice":
            missing += [
                (key, label)
                for key, label, present in self._debt_recovery_notice_mentions(policy)
                if not present
            ]
        debtor_type = partner.commercial_partner_id.debt_recovery_debtor_type
        labels = self._debt_recovery_mention_labels()
        return missing + [
            (mention, labels[mention])
            for mention in mentions.missing_mentions(
                document, debtor_type, self._debt_recovery_mentions_present()
            )
        ]

    def _debt_recovery_check_mentions(self, document, partner, policy=None):
        """Raise a UserError naming what is missing when ``document`` cannot be sent to
        ``partner`` (see :meth:`_debt_recovery_missing_mentions`)."""
        missing = self._debt_recovery_missing_mentions(document, partner, policy)
        if missing:
            names = dict(self._debt_recovery_document_names())
            raise UserError(
                self.env._(
                    "%(document)s to %(debtor)s cannot be produced for %(company)s: set "
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
    def _debt_recovery_notice_mentions(self, policy=None):
        """[(key, label, present)]: what a formal notice of this company must state about the
        creditor, under ``policy`` (default: the company's)."""
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
        items.append(self._debt_recovery_debtor_types_item())
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
            for key, label, present in self._debt_recovery_notice_mentions(policy)
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

    def _debt_recovery_debtor_types_item(self):
        """Debtors with a recovery case in this company whose type is still to choose."""
        untyped = self.env["debt.recovery.case"].search_count(
            [
                ("company_id", "=", self.id),
                ("partner_id.debt_recovery_debtor_type", "=", False),
            ]
        )
        return self._debt_recovery_check_item(
            "debtor_types",
            self.env._("Debtor types chosen"),
            not untyped,
            self.env._(
                "%s debtors in recovery have no type: no formal notice, plan or settlement "
                "goes to them until it is chosen.",
                untyped,
            )
            if untyped
            else "",
            "/odoo/action-debt_recovery.res_partner_action_type_missing",
        )

    @api.model
    def _debt_recovery_check_item(self, key, label, ok, detail, url):
        return {"key": key, "label": label, "ok": ok, "detail": detail, "url": url}

    def _debt_recovery_rates_item(self, today):
        """The reference rates confirmed for the current half-year: each rate type's
        *confirmed through* date (empty: its table is used without limit) must reach the
        half-year's last day, and a rate must be entered from its start or before."""
        start = interest.half_year_start(today)
        end = interest.half_year_start(start.replace(day=28) + relativedelta(months=6)) - (
            relativedelta(days=1)
        )
        confirmed = self.env["debt.recovery.rate.type"]._confirmed_through()
        labels = dict(
            self.env["debt.recovery.rate"]._fields["rate_type"]._description_selection(self.env)
        )
        Rate = self.env["debt.recovery.rate"]
        stale = []
        for rate_type in ("ecb", "legal"):
            days = [day for day, _rate in Rate._rates_for(self, rate_type)]
            through = confirmed.get(rate_type)
            if not days or min(days) > start or (through and through < end):
                stale.append(labels.get(rate_type, rate_type))
        return self._debt_recovery_check_item(
            "rates",
            self.env._("Reference rates of the current half-year"),
            not stale,
            self.env._(
                "Not confirmed through %(date)s: %(rates)s.",
                date=format_date(self.env, end),
                rates=", ".join(stale),
            )
            if stale
            else "",
            "/odoo/action-debt_recovery.debt_recovery_rate_action",
        )
