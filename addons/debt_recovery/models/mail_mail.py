# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging

from odoo import models

from .debt_recovery_case_delivery import DELIVERY_MODELS

_logger = logging.getLogger(__name__)


class MailMail(models.Model):
    _inherit = "mail.mail"

    def _postprocess_sent_message(self, success_pids, failure_reason=False, failure_type=None):
        """Reminders' communications follow their emails' final notification states."""
        # Read before: sent emails may be deleted (auto_delete) by the post-processing.
        messages = self.filtered(
            lambda mail: mail.is_notification and mail.model in DELIVERY_MODELS
        ).mail_message_id
        result = super()._postprocess_sent_message(
            success_pids, failure_reason=failure_reason, failure_type=failure_type
        )
        if messages:
            # The mail queue marks an email failed when anything raises here: tracking errors
            # are logged, never turned into delivery failures.
            try:
                with self.env.cr.savepoint():
                    self.env["debt.recovery.communication"]._sync_delivery(messages)
            except Exception:
                _logger.exception("Debt recovery: delivery tracking of %s failed", messages.ids)
        return result
