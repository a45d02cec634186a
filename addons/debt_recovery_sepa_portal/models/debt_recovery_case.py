# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
from odoo import fields, models
from odoo.exceptions import UserError


class DebtRecoveryCase(models.Model):
    _inherit = "debt.recovery.case"

    def _portal_direct_debit_plans(self):
        """The active plans of the case paid by direct debit on a valid mandate."""
        self.ensure_one()
        return self.plan_ids.filtered(
            lambda p: p.state == "active" and p.direct_debit and p.mandate_id.state == "valid"
        )

    # EXTENDS debt_recovery_portal
    def _portal_page_values(self, today):
        values = super()._portal_page_values(today)
        plans = self._portal_direct_debit_plans()
        values["direct_debit_plans"] = [
            {
                "plan": plan,
                "mandate": plan.mandate_id,
                "iban": _masked(plan.mandate_id.partner_bank_id.sanitized_acc_number),
                "debits": plan.line_ids.filtered(
                    lambda line: line.state != "paid"
                    and line.direct_debit_state in ("planned", "notified", "ordered", "retry")
                ).sorted(lambda line: (line.direct_debit_date or line.due_date, line.id)),
                "returns": plan.line_ids.filtered("direct_debit_return_date"),
            }
            for plan in plans
        ]
        return values

    def _portal_revoke_mandate(self, plan, evidence):
        """The debtor revokes the mandate of a plan of this case: the mandate is cancelled,
        the plan goes back to transfers, the collector is told; logged as an inbound
        communication with the page's evidence."""
        self.ensure_one()
        if plan.case_id != self or not plan.direct_debit or plan.mandate_id.state != "valid":
            raise UserError(self.env._("This mandate cannot be revoked any more."))
        mandate = plan.mandate_id
        comm = self._portal_log(
            evidence,
            self.env._(
                "Direct debit mandate %(mandate)s revoked online by the debtor.",
                mandate=mandate.unique_mandate_reference,
            ),
            invoices=plan.invoice_ids,
        )
        mandate.cancel()
        plan._direct_debit_stop(
            self.env._("mandate revoked by the debtor"), fields.Date.context_today(self)
        )
        return comm


def _masked(iban):
    """An IBAN with all but its country, check digits and last four characters hidden.

    >>> _masked("FR7630004000031234567890143")
    'FR76 **** **** **** **** ***0 143'
    """
    iban = iban or ""
    if len(iban) <= 8:
        return iban
    hidden = iban[:4] + "*" * (len(iban) - 8) + iban[-4:]
    return " ".join(hidden[i : i + 4] for i in range(0, len(hidden), 4))
