# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models

from .debt_recovery_case_delivery import DELIVERY_MODELS


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    def _routing_handle_bounce(self, email_message, message_dict):
        """A bounce of a reminder: its communication shows it, its case follows it up."""
        result = super()._routing_handle_bounce(email_message, message_dict)
        message = message_dict.get("bounced_message")
        if message and message.model in DELIVERY_MODELS:
            self.env["debt.recovery.communication"]._sync_delivery(message)
        return result
