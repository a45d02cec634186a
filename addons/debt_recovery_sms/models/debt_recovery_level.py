# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class DebtRecoveryLevel(models.Model):
    _inherit = "debt.recovery.level"

    send_sms = fields.Boolean(
        string="Send SMS", help="Send an SMS to the debtor's mobile (or phone) number."
    )
    sms_template_id = fields.Many2one(
        "sms.template",
        string="SMS Template",
        domain="[('model', '=', 'debt.recovery.communication')]",
    )

    @api.constrains("send_sms", "sms_template_id")
    def _check_sms_template(self):
        for level in self:
            if level.send_sms and not level.sms_template_id:
                raise ValidationError(
                    self.env._(
                        "Level %(level)s sends an SMS: choose its SMS template.", level=level.name
                    )
                )

    def _channel(self):
        """An SMS is the level's channel when it sends neither a letter nor an email."""
        channel = super()._channel()
        if self.send_sms and channel in ("phone", "other"):
            return "sms"
        return channel

    # EXTENDS debt_recovery
    def _preview_outputs(self):
        outputs = super()._preview_outputs()
        if self.send_sms:
            outputs.insert(1 if self.send_email else 0, ("sms", self.env._("SMS")))
        return outputs
