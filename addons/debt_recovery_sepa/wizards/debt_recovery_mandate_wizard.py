# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.base_iban.models.res_partner_bank import validate_iban

from ..engine import collection


class DebtRecoveryMandateWizard(models.TransientModel):
    _name = "debt.recovery.mandate.wizard"
    _description = "Signed Direct Debit Mandate"

    plan_id = fields.Many2one("debt.recovery.plan", ondelete="cascade")
    promise_id = fields.Many2one("debt.recovery.promise", ondelete="cascade")
    partner_id = fields.Many2one("res.partner", string="Debtor", compute="_compute_holder")
    company_id = fields.Many2one("res.company", compute="_compute_holder")
    acc_holder_name = fields.Char(
        string="Account Holder",
        compute="_compute_acc_holder_name",
        store=True,
        readonly=False,
    )
    acc_number = fields.Char(string="IBAN", required=True)
    bank_bic = fields.Char(string="BIC", help="Needed for an account outside the EEA only.")
    signature_date = fields.Date(required=True, default=fields.Date.context_today)
    scheme = fields.Selection(
        [("CORE", "Basic (CORE)"), ("B2B", "Enterprise (B2B)")],
        required=True,
        compute="_compute_scheme",
        store=True,
        precompute=True,
        readonly=False,
        help="Defaults to the scheme the debtor's recovery policy sets for professionals; "
        "consumers always sign CORE mandates.",
    )
    mandate_type = fields.Selection(
        [("recurrent", "Recurrent"), ("oneoff", "One-Off")], required=True, default="recurrent"
    )
    scan = fields.Binary(string="Scan of the Signed Mandate", required=True)
    scan_name = fields.Char()

    _sql_constraints = [
        (
            "one_record",
            "CHECK((plan_id IS NULL) != (promise_id IS NULL))",
            "A signed mandate is recorded for a plan or for a promise to pay.",
        ),
    ]

    def _holder(self):
        """The plan or the promise paid by direct debit on the mandate."""
        self.ensure_one()
        return self.plan_id or self.promise_id

    @api.depends("plan_id", "promise_id")
    def _compute_holder(self):
        for wizard in self:
            holder = wizard._holder()
            wizard.partner_id = holder.partner_id
            wizard.company_id = holder.company_id

    @api.depends("plan_id", "promise_id")
    def _compute_scheme(self):
        for wizard in self:
            holder = wizard._holder()
            policy = holder._direct_debit_policy() if holder else self.env["debt.recovery.policy"]
            wizard.scheme = collection.mandate_scheme(
                holder.partner_id.commercial_partner_id.debt_recovery_debtor_type,
                policy.direct_debit_professional_scheme,
            )

    @api.depends("plan_id", "promise_id")
    def _compute_acc_holder_name(self):
        for wizard in self:
            holder = wizard._holder()
            wizard.acc_holder_name = holder.partner_id.commercial_partner_id.name

    def action_record(self):
        """Record the signed mandate (OCA's, valid from its signature) and collect the plan
        or the promise by direct debit on it."""
        self.ensure_one()
        holder = self._holder()
        holder.check_access("write")
        if not holder._direct_debit_open():
            raise UserError(
                self.env._(
                    "Only a draft or active plan, or an open promise, can be paid by direct debit."
                )
            )
        debtor = holder.partner_id.commercial_partner_id
        if self.scheme == "B2B" and debtor.debt_recovery_debtor_type == "consumer":
            raise ValidationError(
                self.env._("A consumer signs a CORE mandate: the B2B scheme is for businesses.")
            )
        try:
            validate_iban(self.acc_number)
        except ValidationError as error:
            raise ValidationError(
                self.env._("%(iban)s is not a valid IBAN.", iban=self.acc_number)
            ) from error
        # Superuser after the check on the plan or promise above: a collector records the
        # debtor's bank account and mandate without being an accountant (OCA keeps mandates to
        # those).
        mandate = (
            self.env["account.banking.mandate"]
            .sudo()
            ._debt_recovery_create_valid(
                debtor,
                holder.company_id,
                self.acc_number,
                self.signature_date,
                holder=self.acc_holder_name,
                bic=self.bank_bic,
                scheme=self.scheme,
                type=self.mandate_type,
                scan=self.scan,
            )
        )
        holder.write({"direct_debit": True, "mandate_id": mandate.id})
        holder.message_post(
            body=self.env._(
                "Signed mandate %(mandate)s recorded (signed on %(date)s): collected by direct "
                "debit.",
                mandate=mandate.unique_mandate_reference,
                date=self.signature_date,
            )
        )
        return {"type": "ir.actions.act_window_close"}
