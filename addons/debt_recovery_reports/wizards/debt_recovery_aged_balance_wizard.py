# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class DebtRecoveryAgedBalanceWizard(models.TransientModel):
    _name = "debt.recovery.aged.balance.wizard"
    _description = "Aged Receivables as of a Date"

    date = fields.Date(string="As of", required=True, default=fields.Date.context_today)

    def action_open(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "debt_recovery_reports.debt_recovery_aged_receivable_action"
        )
        if self.date != fields.Date.context_today(self):
            action["context"] = {"aged_date": fields.Date.to_string(self.date)}
            action["name"] = self.env._(
                "Aged Receivables as of %(date)s", date=fields.Date.to_string(self.date)
            )
        return action
