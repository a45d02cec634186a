# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
from odoo import api, fields, models
from odoo.tools.misc import format_amount

from odoo.addons.debt_recovery_insurance.engine import insurance
from odoo.addons.debt_recovery_sale.models.sale_order import RISK_GROUPS

QUOTATION_STATES = ("draft", "sent")


class SaleOrder(models.Model):
    _inherit = "sale.order"

    debt_recovery_insurance_warning = fields.Text(
        string="Credit Insurance Warning",
        compute="_compute_debt_recovery_insurance_warning",
        groups=RISK_GROUPS,
        help="Shown when the quotation would take the customer's exposure (its open invoices "
        "and this quotation) above the limit its credit insurer granted.",
    )

    @api.depends("partner_id", "company_id", "amount_total", "currency_id", "state")
    @api.depends_context("lang")
    def _compute_debt_recovery_insurance_warning(self):
        # The insured limit and the open invoices are accounting data a salesperson may not
        # read: only these sums are read, as superuser, for all the quotations at once.
        # Nobody else reads them through the order (not a portal customer).
        quotations = self.filtered(lambda o: o.state in QUOTATION_STATES and o.partner_id)
        (self - quotations).debt_recovery_insurance_warning = False
        if not quotations or not (self.env.su or self.env.user._is_internal()):
            quotations.debt_recovery_insurance_warning = False
            return
        partners = quotations.partner_id.commercial_partner_id.sudo()
        exposure = {
            (partner.id, company.id): total
            for partner, company, total in self.env["account.move"]
            .sudo()
            ._read_group(
                [
                    ("move_type", "=", "out_invoice"),
                    ("state", "=", "posted"),
                    ("amount_residual", ">", 0),
                    ("commercial_partner_id", "in", partners.ids),
                    ("company_id", "in", quotations.company_id.ids),
                ],
                ["commercial_partner_id", "company_id"],
                ["amount_residual_signed:sum"],
            )
        }
        for order in quotations:
            partner = partners.browse(order.partner_id.commercial_partner_id.id)
            order.debt_recovery_insurance_warning = order._debt_recovery_insurance_text(
                partner, exposure.get((partner.id, order.company_id.id), 0.0)
            )

    def _debt_recovery_insurance_text(self, partner, exposure):
        """The warning of a quotation of an insured customer whose ``exposure`` (open
        invoices, company currency) it would take above the limit; else an empty string."""
        self.ensure_one()
        limit = partner.insurance_credit_limit
        if not partner.credit_policy_company_id or limit <= 0:
            return ""
        company = self.company_id
        amount = self.currency_id._convert(
            self.amount_total, company.currency_id, company, self.date_order or fields.Date.today()
        )
        if not insurance.exceeds_limit(limit, exposure, amount):
            return ""
        currency = company.currency_id
        return self.env._(
            "This quotation takes the exposure on %(customer)s to %(total)s, above the limit "
            "of %(limit)s its credit insurer %(insurer)s granted: %(over)s would not be "
            "insured.",
            customer=partner.display_name,
            total=format_amount(self.env, exposure + amount, currency),
            limit=format_amount(self.env, limit, currency),
            insurer=partner.credit_policy_company_id.name,
            over=format_amount(self.env, exposure + amount - limit, currency),
        )
