# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .debt_recovery_direct_debit_item import TO_COLLECT


class DebtRecoveryPlanLine(models.Model):
    _name = "debt.recovery.plan.line"
    _inherit = ["debt.recovery.plan.line", "debt.recovery.direct.debit.item"]

    direct_debit_payment_line_ids = fields.One2many(
        "account.payment.line", "debt_recovery_plan_line_id", string="Debits", readonly=True
    )

    # EXTENDS debt_recovery_sepa (direct debit item)
    def _direct_debit_holder(self):
        return self.plan_id

    def _direct_debit_amount(self):
        self.ensure_one()
        return self.amount_due

    def _direct_debit_planned_date(self):
        self.ensure_one()
        return self.due_date

    def _direct_debit_label(self):
        self.ensure_one()
        return self.env._(
            "instalment %(sequence)s of plan %(plan)s",
            sequence=self.sequence,
            plan=self.plan_id.name,
        )

    @api.model
    def _direct_debit_to_collect_domain(self):
        return [
            ("plan_id.state", "=", "active"),
            ("plan_id.direct_debit", "=", True),
            ("plan_id.mandate_id.state", "=", "valid"),
            ("state", "!=", "paid"),
            ("direct_debit_state", "in", TO_COLLECT),
        ]

    @api.model
    def _direct_debit_link_fields(self):
        return "debt_recovery_plan_line_id", "debt_recovery_return_fee_line_id"

    def _direct_debit_send_notice(self, summary, today):
        # The pre-notification is the reminder of the instalment: no second one.
        self._notify(
            "debt_recovery_sepa.mail_template_direct_debit_prenotification",
            "reminder_sent",
            summary,
            today,
        )

    def _direct_debit_plan_retry(self, retry_date):
        """Present the instalment again on ``retry_date``: its due date moves there (the
        instalment is not late meanwhile). False when the plan's length forbids it."""
        self.ensure_one()
        try:
            with self.env.cr.savepoint():
                self._direct_debit_set_state(
                    "retry",
                    {
                        "due_date": max(self.due_date, retry_date),
                        "direct_debit_date": retry_date,
                        "direct_debit_retries": self.direct_debit_retries + 1,
                        "late_notice_sent": False,
                    },
                )
                self.flush_recordset()
        except ValidationError:
            return False
        return True

    def _direct_debit_after_return(self, today):
        self.env["debt.recovery.plan"]._refresh_plans(
            self.plan_id.filtered(lambda p: p.state == "active"), today
        )
