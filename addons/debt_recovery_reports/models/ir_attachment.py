# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models
from odoo.exceptions import UserError

COMMUNICATION = "debt.recovery.communication"
# Writing these would change what the attachment proves.
CONTENT_FIELDS = {
    "name",
    "datas",
    "raw",
    "db_datas",
    "store_fname",
    "checksum",
    "file_size",
    "mimetype",
    "type",
    "url",
    "res_model",
    "res_id",
    "res_field",
}


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    def _check_debt_recovery_evidence(self):
        """Attachments of sent communications are evidence: nobody but the superuser changes
        them."""
        if self.env.su:
            return
        # A guard that only refuses: superuser to see what the attachments are attached to,
        # even a communication the user cannot read.
        ids = {att.res_id for att in self.sudo() if att.res_model == COMMUNICATION and att.res_id}
        if not ids:
            return
        sent = (
            self.env[COMMUNICATION]
            .sudo()
            .search_count([("id", "in", list(ids)), ("state", "=", "done")], limit=1)
        )
        if sent:
            raise UserError(
                self.env._(
                    "This document is attached to a sent recovery communication: it is evidence "
                    "and cannot be modified or deleted."
                )
            )

    def write(self, vals):
        if CONTENT_FIELDS & set(vals):
            self._check_debt_recovery_evidence()
        return super().write(vals)

    def unlink(self):
        self._check_debt_recovery_evidence()
        return super().unlink()
