# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

from ..engine import delivery
from . import bulk

DELIVERY_STATES = [
    ("queued", "Queued"),
    ("sent", "Sent"),
    ("failed", "Failed"),
    ("bounced", "Bounced"),
    ("no_address", "No Address"),
]
PROBLEM_STATES = [(state, label) for state, label in DELIVERY_STATES if delivery.is_problem(state)]
# Models whose messages may be reminders (the case, or the communication without a case).
DELIVERY_MODELS = ("debt.recovery.case", "debt.recovery.communication")


class DebtRecoveryCase(models.Model):
    _inherit = "debt.recovery.case"

    delivery_issue = fields.Selection(
        PROBLEM_STATES,
        string="Undelivered Reminder",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The last reminder by email or SMS did not reach the debtor: no address, a "
        "failure of the mail server or a bounce. Cleared when a later reminder is delivered.",
    )
    delivery_issue_communication_id = fields.Many2one(
        "debt.recovery.communication",
        string="Undelivered Communication",
        readonly=True,
        copy=False,
        ondelete="set null",
    )

    @api.model
    def _set_delivery_issues(self, comms):
        """Flag the cases of ``comms``, reminders that did not reach their debtor."""
        bulk.update(
            self,
            {
                comm.case_id.id: {
                    "delivery_issue": comm.delivery_state,
                    "delivery_issue_communication_id": comm.id,
                }
                for comm in comms.filtered("case_id").sorted("id")
            },
        )

    @api.model
    def _clear_delivery_issues(self, delivered):
        """Reminders of ``delivered`` reached the debtor: their cases' older alerts go."""
        writes = {}
        for comm in delivered.filtered("case_id"):
            case = comm.case_id
            if case.delivery_issue and case.delivery_issue_communication_id.id <= comm.id:
                writes[case.id] = dict.fromkeys(
                    ("delivery_issue", "delivery_issue_communication_id"), False
                )
        bulk.update(self, writes)

    def action_clear_delivery_issue(self):
        """The collector dealt with the undelivered reminder (address fixed, letter sent)."""
        self.check_access("write")
        cases = self.filtered("delivery_issue")
        # Superuser on the cases checked above: the alert is the delivery tracking's field.
        self.sudo()._clear_delivery_issues(cases.delivery_issue_communication_id)
        for case in cases:
            case.message_post(body=self.env._("Undelivered reminder dealt with."))
        return True

    def action_view_undelivered(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "debt.recovery.communication",
            "res_id": self.delivery_issue_communication_id.id,
            "view_mode": "form",
        }
