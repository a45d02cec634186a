# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    debt_recovery_policy_id = fields.Many2one(
        "debt.recovery.policy",
        string="Recovery Policy",
        company_dependent=True,
        help="Overrides the company's default recovery policy for this debtor.",
    )
    debt_recovery_case_ids = fields.One2many("debt.recovery.case", "partner_id")
    debt_recovery_case_count = fields.Integer(compute="_compute_debt_recovery_counts")
    debt_recovery_communication_count = fields.Integer(compute="_compute_debt_recovery_counts")
    debt_recovery_contact_channel = fields.Selection(
        [("email", "Email"), ("letter", "Letter"), ("phone", "Phone")],
        string="Preferred Contact Channel",
        help="Collectors follow this preference when they can.",
    )
    debt_recovery_no_phone = fields.Boolean(
        string="Do Not Call", help="The debtor asked not to be called."
    )
    debt_recovery_contact_hours = fields.Char(
        string="Contact Hours", help="When the debtor can be reached, e.g. 9:00-12:00."
    )

    def _compute_debt_recovery_counts(self):
        commercial = self.commercial_partner_id
        cases = dict(
            self.env["debt.recovery.case"]._read_group(
                [("partner_id", "in", commercial.ids)], ["partner_id"], ["__count"]
            )
        )
        comms = dict(
            self.env["debt.recovery.communication"]._read_group(
                [("partner_id", "in", commercial.ids)], ["partner_id"], ["__count"]
            )
        )
        for partner in self:
            partner.debt_recovery_case_count = cases.get(partner.commercial_partner_id, 0)
            partner.debt_recovery_communication_count = comms.get(partner.commercial_partner_id, 0)

    def action_view_debt_recovery_cases(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "debt_recovery.debt_recovery_case_action"
        )
        action["domain"] = [("partner_id", "in", self.commercial_partner_id.ids)]
        action["context"] = {"create": False}
        cases = self.env["debt.recovery.case"].search(action["domain"])
        if len(cases) == 1:
            action.update(view_mode="form", views=[(False, "form")], res_id=cases.id)
        return action

    def action_view_debt_recovery_communications(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "debt_recovery.debt_recovery_communication_action"
        )
        action["domain"] = [("partner_id", "in", self.commercial_partner_id.ids)]
        action["context"] = {"default_partner_id": self.commercial_partner_id[:1].id}
        return action
