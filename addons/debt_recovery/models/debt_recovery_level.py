# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..engine import ladder

STAGE_LABELS = {
    "preventive": "Preventive reminder",
    "amicable": "Amicable reminder",
    "formal_notice": "Formal notice",
    "pre_litigation": "Pre-litigation",
    "litigation": "Litigation",
}
# The ladder's stages (the engine's list, in ladder order) with their labels.
STAGES = [(stage, STAGE_LABELS[stage]) for stage in ladder.STAGES]


class DebtRecoveryLevel(models.Model):
    _name = "debt.recovery.level"
    _description = "Debt Recovery Level"
    _order = "policy_id, sequence, delay_days, id"
    _check_company_auto = True

    policy_id = fields.Many2one(
        "debt.recovery.policy", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="policy_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True)
    delay_days = fields.Integer(
        string="Delay (days)",
        required=True,
        help="Days after the due date of the oldest overdue invoice; negative for a reminder "
        "before the due date.",
    )
    stage = fields.Selection(STAGES, required=True, default="amicable")
    send_email = fields.Boolean()
    mail_template_id = fields.Many2one(
        "mail.template",
        string="Email Template",
        domain="[('model', '=', 'debt.recovery.communication')]",
    )
    send_letter = fields.Boolean(help="Record a letter to print for this level.")
    registered_letter = fields.Boolean(
        help="The letter goes by registered post with proof of receipt."
    )
    letter_if_undelivered = fields.Boolean(
        string="Letter if Undelivered",
        compute="_compute_letter_if_undelivered",
        store=True,
        readonly=False,
        help="When the level's email or SMS cannot reach the debtor (no address, failure, "
        "bounce), a letter of this level is put in the letters to print. A level that sends a "
        "letter anyway needs none.",
    )
    create_activity = fields.Boolean(help="Schedule an activity for the collector.")
    activity_type_id = fields.Many2one("mail.activity.type")
    activity_summary = fields.Char(translate=True)
    manual_validation = fields.Boolean(
        help="A manager validates the communication before anything is sent."
    )
    response_days = fields.Integer(
        string="Response Deadline (days)",
        default=8,
        help="Deadline given to the debtor, counted from the communication date.",
    )
    fee_amount = fields.Float(
        help="Internal cost of this level, for your own figures: a flat fee is never claimed "
        "from the debtor. Beyond the fixed indemnity, only the costs actually incurred and "
        "documented (the case's recovery costs, with their proof) are claimed (article "
        "L441-10 of the Code de commerce)."
    )
    fee_justified = fields.Boolean(
        string="Justified Costs",
        help="Kept for your records only: whatever this box, a flat fee is not claimed. Record "
        "the costs actually incurred on the case, with their proof.",
    )
    note = fields.Html(translate=True, help="Internal instructions for the collector.")

    def _response_date(self, day, policy, sent=None, receipt=None, channel=None):
        """The debtor's deadline for a communication of this level dated ``day`` (sent by
        ``channel``, by default the level's own).

        A letter gives its delay from the day it reaches the debtor: the recorded first
        presentation, else the sent date (or ``day``) plus the policy's postal delay.
        """
        self.ensure_one()
        start = day
        if (channel or self._channel()) in ("letter", "registered_letter"):
            start = receipt or (sent or day) + timedelta(days=policy.postal_delay_days or 0)
        return start + timedelta(days=self.response_days or 0)

    @api.depends("stage")
    def _compute_letter_if_undelivered(self):
        """By default a reminder that did not reach the debtor goes by post, except the
        courteous one before the due date."""
        for level in self:
            level.letter_if_undelivered = level.stage != "preventive"

    def _fee_for(self, debtor_type):
        """The flat fee claimed at this level: none, from any debtor (only documented costs
        are claimed, see ``debt.recovery.case._claimable_costs``)."""
        self.ensure_one()
        return 0.0

    @api.constrains("send_email", "mail_template_id")
    def _check_mail_template(self):
        for level in self:
            if level.send_email and not level.mail_template_id:
                raise ValidationError(
                    self.env._(
                        "Level %(level)s sends an email: choose its email template.",
                        level=level.name,
                    )
                )

    @api.constrains("stage", "delay_days")
    def _check_preventive_delay(self):
        for level in self:
            if level.stage == "preventive" and level.delay_days >= 0:
                raise ValidationError(
                    self.env._(
                        "Preventive level %(level)s must have a negative delay (days before the "
                        "due date).",
                        level=level.name,
                    )
                )
            if level.stage != "preventive" and level.delay_days < 0:
                raise ValidationError(
                    self.env._(
                        "Level %(level)s has a negative delay: only preventive levels are sent "
                        "before the due date.",
                        level=level.name,
                    )
                )

    def _channel(self):
        """Main channel of the level's actions."""
        self.ensure_one()
        if self.registered_letter:
            return "registered_letter"
        if self.send_letter:
            return "letter"
        if self.send_email:
            return "email"
        if self.create_activity:
            return "phone"
        return "other"

    def _preview_outputs(self):
        """What reaching this level produces, as the preview of a run lists it: the email,
        the letter (registered or not), the collector's activity."""
        self.ensure_one()
        outputs = []
        if self.send_email:
            outputs.append(("email", self.env._("Email")))
        if self.send_letter:
            outputs.append(
                ("letter", self.env._("Registered letter"))
                if self.registered_letter
                else ("letter", self.env._("Letter"))
            )
        if self.create_activity:
            outputs.append(("activity", self.activity_summary or self.env._("Activity")))
        return outputs
