# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

COURTS = [
    ("commerce", "Tribunal de commerce"),
    ("judiciaire", "Tribunal judiciaire"),
    ("administratif", "Administrative court"),
    ("commissaire", "Commissaire de justice (small claims)"),
]
STEP_KINDS = [
    ("filing", "Request filed"),
    ("order", "Order for payment issued"),
    ("service", "Order served"),
    ("enforcement", "Enforcement"),
    ("other", "Other step"),
]


class DebtRecoveryLitigationStep(models.Model):
    _name = "debt.recovery.litigation.step"
    _description = "Court Step of a Recovery Case"
    _order = "date, id"
    _check_company_auto = True

    case_id = fields.Many2one(
        "debt.recovery.case", required=True, index=True, ondelete="cascade", check_company=True
    )
    company_id = fields.Many2one(related="case_id.company_id", store=True, index=True)
    partner_id = fields.Many2one(related="case_id.partner_id", store=True)
    kind = fields.Selection(STEP_KINDS, required=True, default="filing")
    date = fields.Date(required=True, default=fields.Date.context_today)
    court = fields.Selection(COURTS)
    court_name = fields.Char(
        help="Which court or commissaire de justice, e.g. Tribunal de commerce de Lyon."
    )
    reference = fields.Char(help="Docket number (numéro de rôle / RG), order or deed reference.")
    note = fields.Text()
    communication_id = fields.Many2one(
        "debt.recovery.communication", readonly=True, ondelete="set null"
    )

    @api.depends("kind", "date")
    def _compute_display_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for step in self:
            step.display_name = f"{kinds.get(step.kind, '')} ({step.date or ''})"

    @api.model_create_multi
    def create(self, vals_list):
        steps = super().create(vals_list)
        steps._log()
        filed = steps.filtered(lambda s: s.kind == "filing").case_id
        filed.filtered(lambda c: c.state == "open")._transition(
            "litigation", note=self.env._("Request filed in court.")
        )
        return steps

    def _log(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        courts = dict(self._fields["court"]._description_selection(self.env))
        for step in self:
            parts = [kinds[step.kind]]
            if step.court or step.court_name:
                parts.append(step.court_name or courts[step.court])
            if step.reference:
                parts.append(self.env._("reference %s", step.reference))
            if step.note:
                parts.append(step.note)
            step.communication_id = step.case_id._log_litigation(" - ".join(parts), step.date)
