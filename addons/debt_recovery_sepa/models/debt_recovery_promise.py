# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL, format_date

from .debt_recovery_direct_debit_item import TO_COLLECT


class DebtRecoveryPromise(models.Model):
    _name = "debt.recovery.promise"
    _inherit = [
        "debt.recovery.promise",
        "debt.recovery.direct.debit.holder",
        "debt.recovery.direct.debit.item",
    ]

    direct_debit_payment_line_ids = fields.One2many(
        "account.payment.line", "debt_recovery_promise_id", string="Debits", readonly=True
    )

    @api.constrains("direct_debit", "mandate_id", "direct_debit_mode_id", "invoice_ids", "state")
    def _check_direct_debit_ready(self):
        for promise in self.filtered(lambda p: p.direct_debit and p.state == "open"):
            promise._direct_debit_check_ready()
            if not promise.invoice_ids:
                raise ValidationError(
                    self.env._(
                        "%(promise)s is paid by direct debit: choose the invoices it pays.",
                        promise=promise.display_name,
                    )
                )

    # ------------------------------------------------------------------ payments
    # EXTENDS debt_recovery
    @api.model
    def _payments_since(self, promises):
        """A debit returned by the bank is no payment: the returns of the promises collected
        by direct debit are taken off what they received."""
        paid = super()._payments_since(promises)
        collected = promises.filtered(lambda p: p.direct_debit_state != "planned")
        if not collected:
            return paid
        self.env["account.move.line"].flush_model()
        self.env["payment.return"].flush_model(["move_id", "state"])
        returned = self.env.execute_query(
            SQL(
                """
                SELECT pr.id, COALESCE(SUM(l.debit), 0)
                  FROM debt_recovery_promise pr
                  JOIN res_partner p ON p.commercial_partner_id = pr.partner_id
                  JOIN account_move_line l ON l.partner_id = p.id
                                          AND l.company_id = pr.company_id
                                          AND l.date >= pr.date_made
                                          AND l.parent_state = 'posted'
                                          AND l.debit > 0
                  JOIN account_account a ON a.id = l.account_id
                                        AND a.account_type = 'asset_receivable'
                  JOIN payment_return r ON r.move_id = l.move_id AND r.state = 'done'
                 WHERE pr.id IN %s
              GROUP BY pr.id
                """,
                tuple(collected.ids),
            )
        )
        for promise_id, amount in returned:
            paid[promise_id] = max(paid.get(promise_id, 0.0) - amount, 0.0)
        return paid

    def _direct_debit_reopen(self):
        """Promises kept by a debit the bank returned are open again: their invoices are held
        again while the promised date (and its grace) runs."""
        kept = self.filtered(lambda p: p.state == "kept")
        if kept:
            kept.write({"state": "open"})
            kept._hold_invoices()

    # ------------------------------------------------------------------ holder
    # EXTENDS debt_recovery
    def action_cancel(self):
        """A cancelled promise's debit is not collected: stopped, and taken out of the direct
        debit order still in draft."""
        result = super().action_cancel()
        self._direct_debit_cancelled(fields.Date.context_today(self))
        return result

    def action_record_mandate(self):
        """The wizard recording the debtor's signed paper mandate for this promise."""
        return self._direct_debit_mandate_wizard_action()

    # EXTENDS debt_recovery_sepa (direct debit holder)
    def _direct_debit_open(self):
        self.ensure_one()
        return self.state == "open"

    def _direct_debit_items(self):
        return self

    def _direct_debit_policy(self):
        self.ensure_one()
        return self.case_id.policy_id or self.company_id.debt_recovery_policy_id

    def _direct_debit_activity_target(self):
        self.ensure_one()
        return self.case_id or self.partner_id.commercial_partner_id

    # ------------------------------------------------------------------ item
    # EXTENDS debt_recovery_sepa (direct debit item)
    def _direct_debit_holder(self):
        return self

    def _direct_debit_amount(self):
        self.ensure_one()
        return max(self.amount - self.amount_paid, 0.0)

    def _direct_debit_planned_date(self):
        self.ensure_one()
        return self.date

    def _direct_debit_label(self):
        self.ensure_one()
        return self.env._(
            "the promise to pay of %(date)s", date=format_date(self.env, self.date_made)
        )

    @api.model
    def _direct_debit_to_collect_domain(self):
        return [
            ("state", "=", "open"),
            ("direct_debit", "=", True),
            ("mandate_id.state", "=", "valid"),
            ("direct_debit_state", "in", TO_COLLECT),
        ]

    @api.model
    def _direct_debit_link_fields(self):
        return "debt_recovery_promise_id", "debt_recovery_return_fee_promise_id"

    def _direct_debit_reschedule(self, day):
        """The promise is collected on ``day``: its promised date moves there when the
        pre-notification could not be sent in time (the promise is not broken meanwhile)."""
        self.write({"direct_debit_date": day})
        self.filtered(lambda p: p.date < day).write({"date": day})

    def _direct_debit_send_notice(self, summary, today):
        template = self.env.ref(
            "debt_recovery_sepa.mail_template_direct_debit_prenotification_promise"
        )
        # Reached from the daily job's direct debit step (superuser, as the plans' notices).
        mails = template.send_mail_batch(self.ids, force_send=False)
        self.env["debt.recovery.communication"]._create_notices(
            [
                (promise, mail, summary(promise), promise._direct_debit_amount())
                for promise, mail in zip(self, mails, strict=False)
            ],
            today,
        )

    def _direct_debit_plan_retry(self, retry_date):
        """Present the promised amount again on ``retry_date``: the promised date moves there
        (the promise is not broken meanwhile)."""
        self.ensure_one()
        self._direct_debit_set_state(
            "retry",
            {
                "date": max(self.date, retry_date),
                "direct_debit_date": retry_date,
                "direct_debit_retries": self.direct_debit_retries + 1,
            },
        )
        return True

    def _direct_debit_after_return(self, today):
        """The returned debit undid the payment: the promise is open again and its rule
        decides (kept once paid, broken after its date and the policy's grace)."""
        self._direct_debit_reopen()
        self._refresh_promises(self, today)
