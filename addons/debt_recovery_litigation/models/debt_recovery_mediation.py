# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError

from ..engine import litigation

MEDIATION_KINDS = [
    ("business", "Business mediation"),
    ("consumer", "Consumer mediation (started by the consumer)"),
]
MEDIATION_STATES = [
    ("running", "Running"),
    ("agreement", "Agreement"),
    ("failure", "Failure"),
    ("withdrawn", "Withdrawn"),
]
# A mediation may be renewed this many times.
MAX_RENEWALS = 1
# A mediation's term when the case has no policy.
DEFAULT_DAYS = 90


class DebtRecoveryMediation(models.Model):
    _name = "debt.recovery.mediation"
    _description = "Mediation of a Recovery Case"
    _inherit = ["mail.thread"]
    _order = "date_start desc, id desc"
    _check_company_auto = True

    case_id = fields.Many2one(
        "debt.recovery.case", required=True, index=True, ondelete="cascade", check_company=True
    )
    company_id = fields.Many2one(related="case_id.company_id", store=True, index=True)
    partner_id = fields.Many2one(related="case_id.partner_id", store=True, string="Debtor")
    kind = fields.Selection(MEDIATION_KINDS, required=True, default="business")
    mediator_id = fields.Many2one("res.partner", required=True)
    date_start = fields.Date(required=True, default=fields.Date.context_today)
    date_end = fields.Date(
        string="Ends On",
        readonly=True,
        help="Last day of the mediation's term (the case holds "
        "until then and the limitation period is suspended).",
    )
    date_closed = fields.Date(readonly=True)
    renewals = fields.Integer(readonly=True)
    reference = fields.Char(help="The mediator's file reference.")
    state = fields.Selection(MEDIATION_STATES, default="running", required=True, tracking=True)
    terms = fields.Text(help="Terms of the agreement reached.")

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            case = self.env["debt.recovery.case"].browse(vals["case_id"])
            vals.setdefault("kind", "business")
            self._check_kind(case, vals["kind"])
            if not vals.get("mediator_id"):
                company = case.company_id
                mediator = (
                    company.debt_recovery_mediator_id
                    if vals["kind"] == "business"
                    else company.debt_recovery_consumer_mediator_id
                )
                vals["mediator_id"] = mediator.id
        mediations = super().create(vals_list)
        for mediation in mediations:
            mediation._start()
        return mediations

    @api.model
    def _check_kind(self, case, kind):
        debtor_type = case.partner_id.debt_recovery_debtor_type or "consumer"
        if kind == "business" and debtor_type == "consumer":
            raise UserError(
                self.env._(
                    "%s is a consumer: only the consumer may refer the dispute to the company's "
                    "consumer mediator; record that mediation instead.",
                    case.partner_id.display_name,
                )
            )
        if kind == "consumer" and debtor_type != "consumer":
            raise UserError(
                self.env._(
                    "Consumer mediation is for consumers only: a professional cannot use it to "
                    "collect a debt (C. conso L611-3). Start a business mediation."
                )
            )
        running = self.search_count([("case_id", "=", case.id), ("state", "=", "running")])
        if running:
            raise UserError(self.env._("A mediation is already running on this case."))

    def _start(self):
        self.ensure_one()
        days = self.case_id.policy_id.mediation_days or DEFAULT_DAYS
        self.date_end = litigation.mediation_end(self.date_start, days)
        case = self.case_id
        note = self.env._(
            "Mediation with %(mediator)s from %(start)s to %(end)s%(ref)s.",
            mediator=self.mediator_id.display_name,
            start=self.date_start,
            end=self.date_end,
            ref=" (" + self.reference + ")" if self.reference else "",
        )
        case._transition("on_hold", "mediation", note=note, until=self.date_end)
        case._log_litigation(note, self.date_start, partner=self.mediator_id)

    def action_renew(self):
        for mediation in self:
            if mediation.state != "running":
                raise UserError(self.env._("Only a running mediation can be renewed."))
            if mediation.renewals >= MAX_RENEWALS:
                raise UserError(self.env._("A mediation can be renewed once only."))
            days = mediation.case_id.policy_id.mediation_days or DEFAULT_DAYS
            mediation.renewals += 1
            mediation.date_end = litigation.mediation_end(
                mediation.date_start, days, mediation.renewals
            )
            note = self.env._("Mediation renewed until %s.", mediation.date_end)
            mediation.case_id._transition(
                "on_hold", "mediation", note=note, until=mediation.date_end
            )
            mediation.case_id._log_litigation(note, fields.Date.context_today(self))
        return True

    def _close(self, state, note):
        today = fields.Date.context_today(self)
        for mediation in self:
            if mediation.state != "running":
                raise UserError(self.env._("This mediation is already over."))
            mediation.write({"state": state, "date_closed": today})
            mediation.case_id._log_litigation(note, today, partner=mediation.mediator_id)
            case = mediation.case_id
            if case.state == "on_hold" and case.hold_reason == "mediation":
                case.action_release_hold()

    def action_failure(self):
        self._close("failure", self.env._("Mediation failed: recovery resumes."))
        return True

    def action_withdraw(self):
        self._close("withdrawn", self.env._("Mediation withdrawn: recovery resumes."))
        return True

    def action_agreement_plan(self):
        """Agreement on an instalment plan: the plan form, filled from the case."""
        self.ensure_one()
        self._close(
            "agreement", self.env._("Mediation agreement: instalment plan. %s", self.terms or "")
        )
        action = self.case_id.action_view_plans()
        action.update(views=[(False, "form")], view_mode="form", target="current")
        action["context"] = dict(
            action.get("context") or {},
            default_note=self.terms or False,
        )
        return action

    def action_agreement_settlement(self):
        """Agreement on a settlement for less: the settlement form, filled from the case."""
        self.ensure_one()
        self._close(
            "agreement", self.env._("Mediation agreement: settlement. %s", self.terms or "")
        )
        return self.case_id.action_new_settlement()

    @api.model
    def _refresh(self, today):
        """Mediations past their term end as failures: recovery resumes."""
        expired = self.search([("state", "=", "running"), ("date_end", "<", today)])
        for mediation in expired:
            mediation._close(
                "failure",
                self.env._(
                    "Mediation term over on %s without agreement: recovery resumes.",
                    mediation.date_end,
                ),
            )

    @api.model
    def _periods(self, case_ids, today):
        """{case_id: [(start, end)]} of the mediations of these cases (suspensions of the
        limitation period), one query."""
        result = {}
        # Dates of the mediations of cases whose invoices the caller already read.
        for mediation in self.sudo().search_fetch(
            [("case_id", "in", list(case_ids))],
            ["case_id", "date_start", "date_closed", "date_end"],
        ):
            end = mediation.date_closed or min(mediation.date_end or today, today)
            result.setdefault(mediation.case_id.id, []).append((mediation.date_start, end))
        return result
