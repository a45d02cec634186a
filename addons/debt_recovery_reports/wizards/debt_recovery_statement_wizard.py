# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class DebtRecoveryStatementWizard(models.TransientModel):
    _name = "debt.recovery.statement.wizard"
    _description = "Print Account Statements"

    date = fields.Date(string="Statement Date", required=True, default=fields.Date.context_today)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    partner_ids = fields.Many2many("res.partner", string="Debtors", required=True)

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        model = self.env.context.get("active_model")
        ids = self.env.context.get("active_ids") or []
        if model == "res.partner":
            values["partner_ids"] = [fields.Command.set(ids)]
        elif model == "debt.recovery.case":
            cases = self.env["debt.recovery.case"].browse(ids)
            values["partner_ids"] = [fields.Command.set(cases.partner_id.ids)]
            if cases.company_id:
                values["company_id"] = cases.company_id[:1].id
        return values

    def action_print(self):
        self.ensure_one()
        return self.env.ref("debt_recovery_reports.action_report_partner_statement").report_action(
            self.partner_ids,
            data={"date": fields.Date.to_string(self.date), "company_id": self.company_id.id},
            config=False,
        )
