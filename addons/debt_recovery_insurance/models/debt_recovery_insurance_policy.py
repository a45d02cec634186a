# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
"""A credit insurance policy's terms, per insurer and company.

OCA's insurer (``credit.policy.company``) has no company, and the buyer's limit, covered share
and grant date are plain fields of the partner: what the contract says about delays, threshold
and penalties is kept here, one record per insurer and company.
"""

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..engine import insurance

REFERENCES = [("invoice_date", "Invoice date"), ("due_date", "Due date")]
THRESHOLD_SCOPES = [("buyer", "Per buyer"), ("invoice", "Per invoice")]
PENALTIES = [
    ("excluded", "Not covered: kept by the company"),
    ("covered", "Declared and covered like the invoices"),
]
RECOVERIES = [
    ("share", "The insurer's share, up to the indemnity"),
    ("all", "Everything, up to the indemnity"),
]


class DebtRecoveryInsurancePolicy(models.Model):
    _name = "debt.recovery.insurance.policy"
    _description = "Credit Insurance Policy"
    _order = "company_id, insurer_id"
    _check_company_auto = True

    name = fields.Char(string="Policy Number", required=True)
    active = fields.Boolean(default=True)
    insurer_id = fields.Many2one(
        "credit.policy.company",
        string="Insurer",
        required=True,
        ondelete="restrict",
        help="The credit insurer: its buyers are the debtors whose credit policy company it is.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    credit_days_domestic = fields.Integer(
        string="Maximum Credit Period (Domestic)",
        default=120,
        help="Days of credit the policy insures for a buyer in the company's country.",
    )
    credit_days_export = fields.Integer(
        string="Maximum Credit Period (Export)",
        default=180,
        help="Days of credit the policy insures for a buyer abroad.",
    )
    declaration_days = fields.Integer(
        string="Declaration Delay",
        default=30,
        help="Days after the maximum credit period by which an unpaid invoice is declared to "
        "the insurer (threat of loss): a late declaration loses the cover.",
    )
    declaration_from = fields.Selection(
        REFERENCES,
        string="Declaration Counted From",
        required=True,
        default="invoice_date",
        help="The date the maximum credit period, then the declaration delay, count from.",
    )
    intervention_days = fields.Integer(
        string="Intervention Delay",
        default=90,
        help="Days after the maximum credit period by which the insurer is asked to collect.",
    )
    intervention_from = fields.Selection(
        REFERENCES,
        string="Intervention Counted From",
        required=True,
        default="invoice_date",
        help="The date the maximum credit period, then the intervention delay, count from.",
    )
    threshold_amount = fields.Monetary(
        string="Declaration Threshold",
        help="Unpaid amount (taxes included) from which a declaration is due.",
    )
    threshold_scope = fields.Selection(
        THRESHOLD_SCOPES,
        required=True,
        default="buyer",
        help="Whether the threshold applies to the buyer's overdue total or to each invoice.",
    )
    covered_percent = fields.Float(
        string="Covered Share (%)",
        default=90.0,
        help="Share of the insured loss the insurer pays, unless the buyer's own insurance "
        "coverage says otherwise.",
    )
    penalties = fields.Selection(
        PENALTIES,
        required=True,
        default="excluded",
        help="What becomes of late-payment penalties: invoices of penalties are covered or not.",
    )
    recovery_after_indemnity = fields.Selection(
        RECOVERIES,
        required=True,
        default="share",
        help="What the company owes the insurer of what the buyer pays after the indemnity.",
    )
    warning_days = fields.Integer(
        string="Warn Days Before",
        default=10,
        help="Days before each deadline the collector gets an activity.",
    )

    _sql_constraints = [
        (
            "insurer_company_unique",
            "UNIQUE(insurer_id, company_id)",
            "An insurer has one policy per company.",
        ),
    ]

    @api.constrains(
        "credit_days_domestic",
        "credit_days_export",
        "declaration_days",
        "intervention_days",
        "covered_percent",
        "warning_days",
    )
    def _check_terms(self):
        for policy in self:
            if policy.warning_days < 0:
                raise ValidationError(self.env._("The warning days cannot be negative."))
            try:
                policy._engine_terms()
            except ValueError as error:
                raise ValidationError(
                    self.env._(
                        "Policy %(policy)s: delays and credit periods are days (0 or more), the "
                        "covered share a percentage between 0 and 100.",
                        policy=policy.display_name,
                    )
                ) from error

    def _engine_terms(self):
        self.ensure_one()
        return insurance.PolicyTerms(
            credit_days_domestic=self.credit_days_domestic,
            credit_days_export=self.credit_days_export,
            declaration_days=self.declaration_days,
            declaration_from=self.declaration_from,
            intervention_days=self.intervention_days,
            intervention_from=self.intervention_from,
            threshold=self.threshold_amount,
            threshold_scope=self.threshold_scope,
            covered_percent=self.covered_percent,
            penalties_covered=self.penalties == "covered",
        )

    @api.model
    def _policy_map(self, pairs):
        """{(insurer_id, company_id): policy} of these pairs, one query."""
        pairs = set(pairs)
        if not pairs:
            return {}
        policies = self.search(
            [
                ("insurer_id", "in", list({insurer for insurer, _company in pairs})),
                ("company_id", "in", list({company for _insurer, company in pairs})),
            ]
        )
        return {(p.insurer_id.id, p.company_id.id): p for p in policies}
