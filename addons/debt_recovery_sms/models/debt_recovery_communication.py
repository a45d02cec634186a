# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

from odoo.addons.debt_recovery.models import bulk


class DebtRecoveryCommunication(models.Model):
    _inherit = "debt.recovery.communication"

    sms_message_id = fields.Many2one(
        "mail.message",
        string="SMS Message",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
        help="The SMS posted on the case, whose notification says what became of it.",
    )
    sms_number = fields.Char(string="SMS Number", readonly=True, copy=False)
    sms_body = fields.Text(string="SMS Text", readonly=True, copy=False)

    @api.model
    def _delivery_message_fields(self):
        return [*super()._delivery_message_fields(), "sms_message_id"]

    def _send_level_messages(self, level):
        # The SMS first: an email that finds no address is then no problem if the SMS went.
        if level.send_sms and level.sms_template_id:
            self._send_sms(level.sms_template_id)
        return super()._send_level_messages(level)

    def _send_sms(self, template):
        """Post the template's SMS on each communication's case, queued for the SMS provider,
        and keep on the communication the text and the number."""
        # Reached from _perform_actions only (daily job, or a validation already checked).
        comms = self.sudo()
        bodies = template.sudo()._render_field("body", comms.ids, compute_lang=True)
        writes, missing = {}, {}
        for comm in comms:
            partner = comm.partner_id
            number = partner.mobile or partner.phone
            if not number:
                missing[comm.id] = ("no_address", self.env._("No mobile or phone number."))
                continue
            number = partner._phone_format(number=number) or number
            message = (comm.case_id or comm)._message_sms(
                bodies[comm.id],
                partner_ids=partner.ids,
                sms_pid_to_number={partner.id: number},
                put_in_queue=True,
            )
            writes[comm.id] = {
                "sms_message_id": message.id,
                "sms_number": number,
                "sms_body": bodies[comm.id],
            }
        bulk.update(comms, writes)
        if writes:
            comms._sync_delivery(
                self.env["mail.message"].browse([v["sms_message_id"] for v in writes.values()])
            )
        comms._set_delivery_states(missing)
