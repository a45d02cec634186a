# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class DebtRecoveryFactorAssignWizard(models.TransientModel):
    _name = "debt.recovery.factor.assign.wizard"
    _description = "Assign Invoices to a Factor"

    invoice_ids = fields.Many2many(
        "account.move",
        string="Invoices",
        required=True,
        default=lambda self: self._default_invoices(),
    )
    company_id = fields.Many2one("res.company", compute="_compute_company_id")
    factor_id = fields.Many2one(
        "debt.recovery.factor",
        string="Factoring Contract",
        required=True,
        domain="[('company_id', '=', company_id)]",
    )
    date = fields.Date(required=True, default=fields.Date.context_today)

    @api.model
    def _default_invoices(self):
        if self.env.context.get("active_model") != "account.move":
            return self.env["account.move"]
        return self.env["account.move"].browse(self.env.context.get("active_ids", []))

    @api.depends("invoice_ids")
    def _compute_company_id(self):
        for wizard in self:
            wizard.company_id = wizard.invoice_ids.company_id[:1]

    def action_assign(self):
        self.ensure_one()
        self.invoice_ids._debt_recovery_factor_assign(self.factor_id, self.date)
        return {"type": "ir.actions.act_window_close"}
