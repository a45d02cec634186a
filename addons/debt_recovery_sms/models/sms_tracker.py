# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models

from odoo.addons.debt_recovery.models.debt_recovery_case_delivery import DELIVERY_MODELS


class SmsTracker(models.Model):
    _inherit = "sms.tracker"

    def _update_sms_notifications(
        self, notification_status, failure_type=False, failure_reason=False
    ):
        """Reminders' communications follow their SMS (provider's answer, delivery report)."""
        result = super()._update_sms_notifications(
            notification_status, failure_type=failure_type, failure_reason=failure_reason
        )
        messages = self.mail_notification_id.mail_message_id.filtered(
            lambda message: message.model in DELIVERY_MODELS
        )
        if messages:
            self.env["debt.recovery.communication"]._sync_delivery(messages)
        return result
