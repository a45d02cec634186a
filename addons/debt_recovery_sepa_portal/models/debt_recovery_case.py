# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
from odoo import fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.base_iban.models.res_partner_bank import validate_iban
from odoo.addons.debt_recovery_sepa.engine import collection


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
        plan = values.get("plan")
        values["mandate_text"] = (
            self._portal_mandate_text(plan)
            if plan
            and plan.state == "active"
            and not plan.direct_debit
            and (plan.direct_debit_mode_id or plan.company_id.debt_recovery_sdd_payment_mode_id)
            else ""
        )
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

    def _portal_mandate_text(self, plan):
        """The SEPA mandate's text the debtor reads and accepts, in its language."""
        self.ensure_one()
        company = plan.company_id
        creditor = (
            plan.direct_debit_mode_id.sepa_creditor_identifier
            or company.sepa_creditor_identifier
            or ""
        )
        if self._portal_mandate_scheme(plan) == "B2B":
            return self.env._(
                "By signing this mandate form, you authorise %(company)s to send instructions "
                "to your bank to debit your account, and your bank to debit your account in "
                "accordance with the instructions from %(company)s, for the instalments of "
                "plan %(plan)s. This mandate is only intended for business-to-business "
                "transactions (SEPA B2B scheme). You are not entitled to a refund from your "
                "bank after your account has been debited, but you are entitled to request "
                "your bank not to debit your account up until the day on which the payment is "
                "due. Mandate reference: %(reference)s. Creditor identifier: %(creditor)s.",
                company=company.name,
                plan=plan.name,
                reference=_mandate_reference(plan),
                creditor=creditor,
            )
        return self.env._(
            "By signing this mandate form, you authorise %(company)s to send instructions to "
            "your bank to debit your account, and your bank to debit your account in "
            "accordance with the instructions from %(company)s, for the instalments of plan "
            "%(plan)s. You are entitled to a refund from your bank under the terms and "
            "conditions of your agreement with your bank; a refund must be claimed within 8 "
            "weeks starting from the date on which your account was debited. Mandate "
            "reference: %(reference)s. Creditor identifier: %(creditor)s.",
            company=company.name,
            plan=plan.name,
            reference=_mandate_reference(plan),
            creditor=creditor,
        )

    def _portal_mandate_scheme(self, plan):
        """The scheme of the mandate given online for ``plan``: B2B for a professional debtor
        whose recovery policy says so, CORE otherwise (always for consumers)."""
        return collection.mandate_scheme(
            plan.partner_id.commercial_partner_id.debt_recovery_debtor_type,
            plan._recovery_policy().direct_debit_professional_scheme,
        )

    def _portal_give_mandate(self, plan, holder, iban, consent, evidence):
        """The debtor gives a SEPA direct debit mandate (CORE, or B2B for a professional
        when its policy says so, see ``_portal_mandate_scheme``) for a plan of this case on its
        page: the bank account and OCA's mandate, valid from now, the plan paid by direct
        debit; logged as an inbound communication with the page's evidence and the text
        shown."""
        self.ensure_one()
        if plan.case_id != self or plan.state != "active":
            raise UserError(self.env._("This plan cannot be paid by direct debit."))
        if not consent:
            raise ValidationError(self.env._("Accept the mandate's text to give the mandate."))
        holder = (holder or "").strip()
        if not holder:
            raise ValidationError(self.env._("Type the account holder's name."))
        sanitized = "".join(iban.split()).upper()
        try:
            validate_iban(sanitized)
        except ValidationError as error:
            raise ValidationError(self.env._("%(iban)s is not a valid IBAN.", iban=iban)) from error
        mode = plan.direct_debit_mode_id or plan.company_id.debt_recovery_sdd_payment_mode_id
        if not mode:
            raise UserError(self.env._("Direct debit is not offered here: pay by transfer."))
        text = self._portal_mandate_text(plan)
        mandate = self.env["account.banking.mandate"]._debt_recovery_create_valid(
            self.partner_id,
            plan.company_id,
            sanitized,
            fields.Date.context_today(self),
            holder=holder,
            scheme=self._portal_mandate_scheme(plan),
            reference=_mandate_reference(plan),
        )
        plan.write(
            {"direct_debit": True, "mandate_id": mandate.id, "direct_debit_mode_id": mode.id}
        )
        return self._portal_log(
            evidence,
            self.env._(
                "Direct debit mandate %(mandate)s given online by %(holder)s for plan %(plan)s. "
                "Text accepted: %(text)s",
                mandate=mandate.unique_mandate_reference,
                holder=holder,
                plan=plan.name,
                text=text,
            ),
            invoices=plan.invoice_ids,
        )

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


def _mandate_reference(plan):
    """The reference of the mandate the debtor gives for ``plan``, shown before signing."""
    return "RUM-" + "".join(char for char in plan.name if char.isalnum())


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
