# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError

from ..engine import insurance

PAYMENT_KINDS = [
    ("insurer", "Paid by the insurer (collected)"),
    ("indemnity", "Indemnity"),
    ("recovery", "Paid by the buyer after the indemnity"),
]


class DebtRecoveryInsurancePayment(models.Model):
    _name = "debt.recovery.insurance.payment"
    _description = "Credit Insurer's Payment"
    _order = "date, id"

    declaration_id = fields.Many2one(
        "debt.recovery.insurance.declaration", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="declaration_id.company_id", store=True)
    currency_id = fields.Many2one(related="declaration_id.currency_id")
    date = fields.Date(required=True, default=fields.Date.context_today)
    kind = fields.Selection(PAYMENT_KINDS, required=True, default="indemnity")
    amount = fields.Monetary(required=True)
    owed_to_insurer = fields.Monetary(
        readonly=True,
        help="Of a payment by the buyer after the indemnity, the part owed to the insurer (its "
        "share, up to the indemnity not yet returned).",
    )
    note = fields.Char()

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("amount", 0.0) <= 0:
                raise UserError(self.env._("A payment is an amount above zero."))
        payments = super().create(vals_list)
        payments._compute_owed_to_insurer()
        declarations = payments.filtered(lambda p: p.kind == "indemnity").declaration_id
        # The declaration's state follows its indemnity (read-only in the views).
        declarations.filtered(lambda d: d.state in ("declared", "intervention")).sudo().write(
            {"state": "indemnified"}
        )
        return payments

    def _compute_owed_to_insurer(self):
        """What the buyer paid after the indemnity: the insurer's part, in date order."""
        for payment in self.filtered(lambda p: p.kind == "recovery").sorted("date"):
            declaration = payment.declaration_id
            policy = declaration.policy_id
            earlier = declaration.payment_ids.filtered(
                lambda p, current=payment: p.kind == "recovery" and p.id < current.id
            )
            share = (
                100.0 if policy.recovery_after_indemnity == "all" else (declaration.covered_percent)
            )
            owed, _kept = insurance.recovery_split(
                payment.amount,
                share,
                sum(
                    declaration.payment_ids.filtered(lambda p: p.kind == "indemnity").mapped(
                        "amount"
                    )
                ),
                sum(earlier.mapped("owed_to_insurer")),
                declaration.currency_id.rounding or 0.01,
            )
            # Computed here once, from the payments before it (read-only in the views).
            payment.sudo().owed_to_insurer = float(owed)
