# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""What a debtor does on the recovery page. Each method runs on a case the controller checked
(signed link or the debtor's own login), as the superuser, and logs the action as an inbound
portal communication with its evidence."""

import json
import math

from odoo import fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.debt_recovery.engine import schedule

from ..engine import portal_rules, typed_input
from ..engine.portal_rules import PortalRuleError


class DebtRecoveryCase(models.Model):
    _inherit = "debt.recovery.case"

    # ------------------------------------------------------------------ evidence
    def _portal_log(self, evidence, summary, outcome="other", invoices=None, late_reason=None):
        """The inbound portal communication of an action, with its evidence."""
        self.ensure_one()
        return (
            self.env["debt.recovery.communication"]
            .sudo()
            .create(
                {
                    "partner_id": self.partner_id.id,
                    "case_id": self.id,
                    "company_id": self.company_id.id,
                    "channel": "portal",
                    "direction": "inbound",
                    "state": "done",
                    "outcome": outcome,
                    "summary": summary,
                    "invoice_ids": [fields.Command.set(invoices.ids)] if invoices else [],
                    "amount_due": sum(invoices.mapped("amount_residual_signed")) if invoices else 0,
                    "late_reason_id": late_reason.id if late_reason else False,
                    "user_id": self.user_id.id or False,
                    "portal_ip": evidence.get("ip"),
                    "portal_user_agent": (evidence.get("user_agent") or "")[:500],
                    "portal_datetime": evidence.get("datetime") or fields.Datetime.now(),
                    "portal_payload": json.dumps(
                        evidence.get("submitted") or {},
                        default=str,
                        sort_keys=True,
                        ensure_ascii=False,
                    ),
                }
            )
        )

    def _portal_activity(self, summary, note):
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        self.activity_schedule(
            activity_type_id=activity_type.id,
            summary=summary,
            note=note,
            user_id=self._activity_user(activity_type).id,
        )

    # ------------------------------------------------------------------ payment
    def _portal_payment_target(self, what, invoice_id=None):
        """(invoices, amount) of a payment asked from the page, recomputed from the records."""
        self.ensure_one()
        today = fields.Date.context_today(self)
        invoices = self._portal_open_invoices(today)
        plan = self._portal_active_plan().filtered(lambda p: p.state == "active")
        try:
            ids, amount = portal_rules.payment_target(
                what,
                self._portal_payables(invoices),
                invoice_id=invoice_id,
                instalment_due=plan.next_due_amount if plan else 0.0,
                plan_invoice_ids=tuple(plan.invoice_ids.ids),
            )
        except PortalRuleError as error:
            raise UserError(self.env._("There is nothing to pay here.")) from error
        return self.env["account.move"].browse(ids), self.currency_id.round(amount)

    # ------------------------------------------------------------------ promise
    def _portal_promise(self, promised_date, amount, evidence):
        self.ensure_one()
        today = fields.Date.context_today(self)
        bounds = self._portal_promise_bounds(today)
        try:
            portal_rules.check_promise(bounds, promised_date, amount)
        except PortalRuleError as error:
            raise ValidationError(self._portal_promise_error(error.code, bounds)) from error
        invoices = self.invoice_ids.filtered(lambda m: not m.debt_recovery_excluded)
        comm = self._portal_log(
            evidence,
            self.env._(
                "Promise to pay %(amount)s by %(date)s, made online.",
                amount=amount,
                date=promised_date,
            ),
            outcome="promise",
            invoices=invoices,
        )
        return self.env["debt.recovery.promise"].create(
            {
                "partner_id": self.partner_id.id,
                "case_id": self.id,
                "company_id": self.company_id.id,
                "amount": amount,
                "date": promised_date,
                "communication_id": comm.id,
                "invoice_ids": [fields.Command.set(invoices.ids)],
                "user_id": self.user_id.id or False,
                "note": self.env._("Made by the debtor on the recovery page."),
            }
        )

    def _portal_promise_error(self, code, bounds):
        if code == "date":
            return self.env._(
                "Choose a date between %(start)s and %(end)s.",
                start=bounds.earliest,
                end=bounds.latest,
            )
        if code == "amount":
            return self.env._(
                "Promise at least %(minimum)s and at most %(maximum)s.",
                minimum=bounds.minimum,
                maximum=bounds.maximum,
            )
        return self.env._("Nothing overdue is left to promise.")

    # ------------------------------------------------------------------ dispute
    def _portal_dispute(self, invoice, reason, message, files, evidence):
        """Dispute ``invoice``: held with the reason "dispute", the collector gets an activity,
        the message and its files go to the case's discussion."""
        self.ensure_one()
        invoice, reason = invoice.with_env(self.env), reason.with_env(self.env)
        if not message or not message.strip():
            raise ValidationError(self.env._("Tell us what is wrong with the invoice."))
        if len(files) > portal_rules.MAX_FILES or any(
            len(raw) > portal_rules.MAX_FILE_BYTES for _n, raw in files
        ):
            raise ValidationError(self.env._("Attach at most 5 files of 10 MB each."))
        comm = self._portal_log(
            evidence,
            self.env._(
                "Invoice %(invoice)s disputed online (%(reason)s): %(message)s",
                invoice=invoice.name,
                reason=reason.name,
                message=message,
            ),
            outcome="dispute",
            invoices=invoice,
            late_reason=reason,
        )
        attachments = (
            self.env["ir.attachment"]
            .sudo()
            .create(
                [
                    {"name": name, "raw": raw, "res_model": comm._name, "res_id": comm.id}
                    for name, raw in files
                ]
            )
        )
        invoice._debt_recovery_hold("dispute", note=message)
        self.message_post(
            body=self.env._(
                "Dispute on %(invoice)s (%(reason)s): %(message)s",
                invoice=invoice.name,
                reason=reason.name,
                message=message,
            ),
            author_id=self.partner_id.id,
            attachment_ids=attachments.copy({"res_model": self._name, "res_id": self.id}).ids,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        self._portal_activity(
            self.env._("Dispute on %s", invoice.name),
            self.env._("The debtor disputes the invoice online: answer on the case."),
        )
        self._sync_state()
        return comm

    # ------------------------------------------------------------------ plan
    def _portal_plan_draft_values(self, count, today):
        """Values of the plan a debtor asks for: the plannable invoices in ``count`` monthly
        instalments, the first a month from today."""
        self.ensure_one()
        invoices = self._portal_plannable_invoices()
        amount = sum(invoices.mapped("amount_residual_signed"))
        low, high = self._portal_plan_bounds()
        try:
            portal_rules.check_plan_request(count, low, high, amount)
        except PortalRuleError as error:
            if error.code == "count":
                raise ValidationError(
                    self.env._(
                        "Choose between %(low)s and %(high)s instalments.", low=low, high=high
                    )
                ) from error
            raise ValidationError(self.env._("No overdue invoice can be put in a plan.")) from error
        return invoices, amount

    def _portal_plan_schedule(self, count):
        """[{date, amount}] of a plan in ``count`` instalments, computed by the schedule engine
        (nothing is written)."""
        self.ensure_one()
        today = fields.Date.context_today(self)
        _invoices, amount = self._portal_plan_draft_values(count, today)
        plan = self.env["debt.recovery.plan"].new(
            {"date_start": today, "instalment_count": count, "frequency": "monthly"}
        )
        lines = self._portal_schedule_lines(amount, count, today, plan.first_due_date)
        return [{"date": line.due_date, "amount": line.amount} for line in lines]

    def _portal_schedule_lines(self, amount, count, today, first_due_date):
        try:
            return schedule.build_schedule(
                amount, 0.0, count, "monthly", today, first_due_date, self.currency_id.rounding
            )
        except schedule.ScheduleError as error:
            raise ValidationError(
                self.env["debt.recovery.plan"]._schedule_error_message(error.code)
            ) from error

    def _portal_request_plan(self, count, evidence):
        """A draft plan for a collector to accept, or active at once under the thresholds."""
        self.ensure_one()
        today = fields.Date.context_today(self)
        invoices, amount = self._portal_plan_draft_values(count, today)
        comm = self._portal_log(
            evidence,
            self.env._("Instalment plan asked online: %(count)s monthly instalments.", count=count),
            outcome="other",
            invoices=invoices,
        )
        plan = self.env["debt.recovery.plan"].create(
            {
                "partner_id": self.partner_id.id,
                "case_id": self.id,
                "company_id": self.company_id.id,
                "invoice_ids": [fields.Command.set(invoices.ids)],
                "instalment_count": count,
                "frequency": "monthly",
                "date_start": today,
                "portal_requested": True,
                "portal_communication_id": comm.id,
                "user_id": self.user_id.id or False,
            }
        )
        plan.action_generate_schedule()
        policy = self.policy_id
        if portal_rules.plan_accepted_at_once(
            count, amount, policy.portal_plan_auto_instalments, policy.portal_plan_auto_amount
        ):
            plan.action_activate()
        else:
            plan.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=self.env._("Instalment plan asked online"),
                note=self.env._("Accept (activate) or cancel the plan the debtor asked for."),
                user_id=self._activity_user(self.env.ref("mail.mail_activity_data_todo")).id,
            )
        return plan

    def _portal_sign_plan(self, plan, name, evidence):
        """The debtor signs the agreement of an accepted plan: name, time and IP are kept with
        the agreement's PDF."""
        self.ensure_one()
        name = (name or "").strip()
        if not name:
            raise ValidationError(self.env._("Type your full name to sign."))
        if plan.state != "active" or plan.portal_signed_on:
            raise UserError(self.env._("This plan cannot be signed."))
        comm = self._portal_log(
            evidence,
            self.env._(
                "Plan agreement %(plan)s signed online by %(name)s.", plan=plan.name, name=name
            ),
            outcome="other",
            invoices=plan.invoice_ids,
        )
        plan.write(
            {
                "portal_signed_by": name,
                "portal_signed_on": evidence.get("datetime") or fields.Datetime.now(),
                "portal_signed_ip": evidence.get("ip"),
            }
        )
        plan._portal_attach_agreement()
        plan.message_post(body=self.env._("Agreement signed online by %s.", name))
        return comm

    # ------------------------------------------------------------------ assessment
    def _portal_assessment(self, amounts, consent, evidence):
        """A draft capacity assessment from the debtor's budget ({category_id: amount})."""
        self.ensure_one()
        if not consent:
            raise ValidationError(self.env._("Your consent is needed to record your budget."))
        Assessment = self.env["debt.recovery.assessment"]
        categories = self.env["debt.recovery.assessment.category"].search(
            [("assessment_kind", "in", ("individual", "both"))]
        )
        lines = []
        for category in categories:
            amount = amounts.get(category.id, 0.0)
            if not math.isfinite(amount) or not 0 <= amount <= typed_input.MAX_AMOUNT:
                raise ValidationError(self.env._("Enter each amount in figures, zero or more."))
            lines.append(
                fields.Command.create(
                    {
                        "kind": category.kind,
                        "category_id": category.id,
                        "name": category.name,
                        "sequence": category.sequence,
                        "amount": amount,
                    }
                )
            )
        comm = self._portal_log(
            evidence,
            self.env._("Budget filled in online, consent given on %s.", evidence.get("datetime")),
        )
        return Assessment.create(
            {
                "partner_id": self.partner_id.id,
                "case_id": self.id,
                "company_id": self.company_id.id,
                "kind": "individual",
                "line_ids": lines,
                "note": self.env._(
                    "Filled in by the debtor on the recovery page (communication %s); consent "
                    "to the processing of the budget given online.",
                    comm.display_name,
                ),
            }
        )
