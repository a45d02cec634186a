# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""A factoring contract: the factor, how the debtors learn of it, and where its entries go.

Assigning an invoice transfers the receivable to the factor (subrogation, C. civ. 1346-1). When
the factor duns (notified), an entry debits the factor's account (467 in the French chart) and
credits the invoice's receivable account, reconciled with the invoice, which leaves the ladder and
the aged balance by itself. When the company keeps collecting (confidential), the entry debits
the factor's account with the factor as third party and credits the same account with the debtor
as third party: the invoice stays open on the debtor's receivable until it pays the company, and
each payment then moves to the factor what the company holds for it (see account_move.py).
"""

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

MODES = [
    ("notified", "Notified: the debtor pays the factor"),
    ("confidential", "Confidential: the company keeps collecting"),
]
DUNNING = [("factor", "The factor"), ("company", "The company, for the factor")]
# The French chart's "other debtors and creditors" account, the factor's usual account.
FRENCH_FACTOR_ACCOUNT = "pcg_467"


class DebtRecoveryFactor(models.Model):
    _name = "debt.recovery.factor"
    _description = "Factoring Contract"
    _order = "company_id, name"
    _check_company_auto = True

    name = fields.Char(string="Contract", required=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    partner_id = fields.Many2one(
        "res.partner",
        string="Factor",
        required=True,
        ondelete="restrict",
        help="The factoring company the invoices are assigned to.",
    )
    bank_account_id = fields.Many2one(
        "res.partner.bank",
        string="Factor's Bank Account",
        ondelete="restrict",
        domain="[('partner_id', '=', partner_id)]",
        help="Printed on notified invoices, letters and the debtor's page instead of the "
        "company's own account.",
    )
    mode = fields.Selection(
        MODES,
        required=True,
        default="notified",
        help="Notified: the invoice carries the subrogation mention and the factor's bank "
        "details, the debtor pays the factor. Confidential: nothing changes for the debtor.",
    )
    dunning_by = fields.Selection(
        DUNNING,
        string="Debtors Dunned By",
        compute="_compute_dunning_by",
        store=True,
        readonly=False,
        required=True,
        copy=False,
        precompute=True,
        help="Who reminds the debtors of the assigned invoices. The factor: they leave the "
        "company's ladder (the assignment entry settles them). The company: they stay in its "
        "ladder, letters and page until the debtor pays the company. Follows the mode: under a "
        "notified contract only the factor duns, under a confidential one only the company can.",
    )
    mention = fields.Text(
        string="Subrogation Mention",
        translate=True,
        help="Printed on notified invoices, in the debtor's language.",
    )
    account_id = fields.Many2one(
        "account.account",
        string="Factor's Account",
        check_company=True,
        domain="[('account_type', 'not in', ('asset_receivable', 'liability_payable'))]",
        help="Debited at assignment with what the factor now owes (467 in the French chart).",
    )
    journal_id = fields.Many2one(
        "account.journal",
        check_company=True,
        domain="[('type', '=', 'general')]",
        help="Journal of the assignment and buy-back entries.",
    )
    partner_ids = fields.Many2many(
        "res.partner",
        "debt_recovery_factor_partner_rel",
        "factor_id",
        "partner_id",
        string="Debtors Assigned at Posting",
        help="Every customer invoice of these debtors is assigned to the factor as it is posted.",
    )
    assignment_ids = fields.One2many("debt.recovery.factor.assignment", "factor_id")

    @api.depends("mode")
    def _compute_dunning_by(self):
        for factor in self:
            factor.dunning_by = "company" if factor.mode == "confidential" else "factor"

    @api.constrains("mode", "dunning_by")
    def _check_dunning_by(self):
        for factor in self:
            if factor.mode == "confidential" and factor.dunning_by == "factor":
                raise ValidationError(
                    self.env._(
                        "Under the confidential contract %(contract)s the debtors do not know "
                        "the factor: only the company can dun them.",
                        contract=factor.display_name,
                    )
                )
            if factor.mode == "notified" and factor.dunning_by == "company":
                raise ValidationError(
                    self.env._(
                        "Under the notified contract %(contract)s the debtors pay the factor "
                        "only: only the factor can dun them.",
                        contract=factor.display_name,
                    )
                )

    @api.constrains("mode")
    def _check_no_assigned_invoice(self):
        """A contract's mode decides the entries of its assignments: it does not change while
        invoices are assigned under another mode (buy them back first)."""
        assigned = (
            self.env["debt.recovery.factor.assignment"]
            .sudo()
            .search([("factor_id", "in", self.ids), ("state", "=", "assigned")])
            .filtered(lambda assignment: assignment.mode != assignment.factor_id.mode)
        )
        if assigned:
            raise ValidationError(
                self.env._(
                    "The mode or the dunning of %(contracts)s cannot change while invoices are "
                    "assigned under it (%(invoices)s): their entries follow the mode they were "
                    "assigned under. Buy them back first, or make a new contract.",
                    contracts=", ".join(assigned.factor_id.mapped("display_name")),
                    invoices=", ".join(assigned.invoice_id.mapped("name")),
                )
            )

    @api.constrains("account_id")
    def _check_account(self):
        for factor in self:
            if factor.account_id.account_type in ("asset_receivable", "liability_payable"):
                raise ValidationError(
                    self.env._(
                        "The factor's account of %(contract)s cannot be a receivable or payable "
                        "account: the factor would become a debtor of the ladder.",
                        contract=factor.display_name,
                    )
                )

    @api.constrains("bank_account_id", "partner_id")
    def _check_bank_account(self):
        for factor in self:
            bank = factor.bank_account_id
            if (
                bank
                and bank.partner_id.commercial_partner_id != factor.partner_id.commercial_partner_id
            ):
                raise ValidationError(
                    self.env._(
                        "The bank account of %(contract)s is not the factor's.",
                        contract=factor.display_name,
                    )
                )

    @api.onchange("company_id")
    def _onchange_company_id(self):
        self.account_id = self._default_account(self.company_id)
        self.journal_id = self.env["account.journal"].search(
            [
                *self.env["account.journal"]._check_company_domain(self.company_id),
                ("type", "=", "general"),
            ],
            limit=1,
        )

    @api.model
    def _default_account(self, company):
        """The French chart's 467 of ``company``, if it has the French chart."""
        if not company:
            return self.env["account.account"]
        return (
            self.env["account.chart.template"]
            .with_company(company)
            .ref(FRENCH_FACTOR_ACCOUNT, raise_if_not_found=False)
            or self.env["account.account"]
        )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            company = self.env["res.company"].browse(vals.get("company_id")) or self.env.company
            if not vals.get("account_id"):
                vals["account_id"] = self._default_account(company).id
            if not vals.get("journal_id"):
                vals["journal_id"] = (
                    self.env["account.journal"]
                    .search(
                        [
                            *self.env["account.journal"]._check_company_domain(company),
                            ("type", "=", "general"),
                        ],
                        limit=1,
                    )
                    .id
                )
        return super().create(vals_list)

    # ------------------------------------------------------------------ helpers
    def _company_collects(self):
        """Whether the company still collects the invoices assigned under this contract
        (confidential): they stay open in its books and its ladder."""
        self.ensure_one()
        return self.dunning_by == "company"

    def _accounting(self):
        """(account, journal) of the contract; a UserError says what to set."""
        self.ensure_one()
        if not self.account_id or not self.journal_id:
            raise UserError(
                self.env._(
                    "Set the factor's account and the journal of the factoring contract "
                    "%(contract)s first (467 in the French chart).",
                    contract=self.display_name,
                )
            )
        return self.account_id, self.journal_id

    @api.model
    def _auto_map(self, invoices):
        """{invoice: contract} of ``invoices`` whose debtor a contract of their company assigns
        at posting, one query."""
        contracts = self.sudo().search(
            [
                ("company_id", "in", invoices.company_id.ids),
                ("partner_ids", "in", invoices.commercial_partner_id.ids),
            ]
        )
        by_key = {}
        for contract in contracts:
            for partner in contract.partner_ids:
                by_key.setdefault((partner.id, contract.company_id.id), contract)
        result = {}
        for invoice in invoices:
            contract = by_key.get((invoice.commercial_partner_id.id, invoice.company_id.id))
            if contract:
                result[invoice] = contract
        return result
