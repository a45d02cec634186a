# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
from odoo import Command, api, fields, models


class PaymentReturn(models.Model):
    _inherit = "payment.return"

    # EXTENDS account_payment_return
    def action_confirm(self):
        """OCA undoes the returned payments; the instalments and promises they collected
        follow."""
        returned = self._debt_recovery_returned_debits()
        result = super().action_confirm()
        if returned:
            # The accountant confirmed the return of these payments (OCA checked the access);
            # the follow-up writes on plans, communications and activities of the recovery,
            # which an accountant need not be allowed to edit.
            self.env["debt.recovery.plan.line"].sudo()._direct_debit_returned(
                [(debit.sudo(), reason.sudo(), day) for debit, reason, day in returned],
                fields.Date.context_today(self),
            )
        return result

    def _debt_recovery_returned_debits(self):
        """[(debit, reason, return date)] of the instalments and promises whose debits these
        returns hold."""
        returned = []
        for return_line in self.line_ids:
            payments = return_line.move_line_ids.move_id.origin_payment_id
            for debit in payments.payment_line_ids.sudo()._debt_recovery_debits():
                returned.append(
                    (
                        debit,
                        return_line.reason_id,
                        return_line.date or return_line.return_id.date,
                    )
                )
        return returned

    @api.model
    def _debt_recovery_confirm_returns(self, payments, reason_of, day):
        """Record and confirm the bank's return of ``payments`` (the posted payments of a
        direct debit order, one journal) on ``day``, each with the reason ``reason_of(payment)``,
        as an accountant records them from the bank's statement."""
        payment_return = self.create(
            {
                "journal_id": payments.journal_id[:1].id,
                "company_id": payments.company_id[:1].id,
                "date": day,
                "line_ids": [
                    Command.create(
                        {
                            "partner_id": payment.partner_id.id,
                            "move_line_ids": [
                                Command.set(
                                    payment.move_id.line_ids.filtered(
                                        lambda aml: aml.account_type == "asset_receivable"
                                    ).ids
                                )
                            ],
                            "amount": payment.amount,
                            "reason_id": reason_of(payment).id,
                        }
                    )
                    for payment in payments
                ],
            }
        )
        payment_return.action_confirm()
        return payment_return
