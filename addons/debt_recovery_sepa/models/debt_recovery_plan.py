# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class DebtRecoveryPlan(models.Model):
    _inherit = "debt.recovery.plan"

    direct_debit = fields.Boolean(
        string="Paid by Direct Debit",
        tracking=True,
        copy=False,
        help="The instalments are collected by SEPA direct debit on the debtor's mandate, "
        "each announced by a pre-notification.",
    )
    mandate_id = fields.Many2one(
        "account.banking.mandate",
        string="Direct Debit Mandate",
        tracking=True,
        copy=False,
        check_company=True,
        domain="[('partner_id.commercial_partner_id', '=', partner_id),"
        " ('state', '=', 'valid'), ('company_id', '=', company_id)]",
    )
    direct_debit_mode_id = fields.Many2one(
        "account.payment.mode",
        string="Direct Debit Mode",
        compute="_compute_direct_debit_mode_id",
        store=True,
        readonly=False,
        check_company=True,
        domain="[('payment_method_id.code', '=', 'sepa_direct_debit'),"
        " ('company_id', '=', company_id)]",
    )
    direct_debit_stop_reason = fields.Char(
        string="Direct Debit Stopped",
        readonly=True,
        copy=False,
        help="Why the collections by direct debit stopped: the plan went back to transfers.",
    )

    @api.depends("direct_debit", "company_id")
    def _compute_direct_debit_mode_id(self):
        for plan in self:
            if plan.direct_debit and not plan.direct_debit_mode_id:
                plan.direct_debit_mode_id = plan.company_id.debt_recovery_sdd_payment_mode_id

    @api.constrains("direct_debit", "mandate_id", "partner_id", "state")
    def _check_direct_debit(self):
        for plan in self.filtered(lambda p: p.direct_debit and p.state in ("draft", "active")):
            mandate = plan.mandate_id
            if not mandate:
                continue
            if mandate.partner_id.commercial_partner_id != plan.partner_id.commercial_partner_id:
                raise ValidationError(
                    self.env._(
                        "Mandate %(mandate)s is not a mandate of %(debtor)s.",
                        mandate=mandate.unique_mandate_reference,
                        debtor=plan.partner_id.display_name,
                    )
                )
            if (
                mandate.scheme == "B2B"
                and plan.partner_id.commercial_partner_id.debt_recovery_debtor_type == "consumer"
            ):
                raise ValidationError(
                    self.env._(
                        "A consumer cannot be debited under the B2B scheme: mandate %(mandate)s "
                        "must be a CORE mandate.",
                        mandate=mandate.unique_mandate_reference,
                    )
                )

    # EXTENDS debt_recovery
    def action_activate(self):
        for plan in self.filtered("direct_debit"):
            plan._direct_debit_check_ready()
        return super().action_activate()

    def _direct_debit_check_ready(self):
        """Refuse to collect a plan without a valid mandate or direct debit mode."""
        self.ensure_one()
        if not self.mandate_id or self.mandate_id.state != "valid":
            raise UserError(
                self.env._(
                    "Plan %(plan)s is paid by direct debit: record the debtor's signed mandate "
                    "first (a valid mandate).",
                    plan=self.name,
                )
            )
        if not self.direct_debit_mode_id:
            raise UserError(
                self.env._(
                    "Plan %(plan)s is paid by direct debit: choose its direct debit mode (or "
                    "set the company's in the settings).",
                    plan=self.name,
                )
            )
        if not (
            self.direct_debit_mode_id.sepa_creditor_identifier
            or self.company_id.sepa_creditor_identifier
        ):
            raise UserError(
                self.env._(
                    "Set the SEPA creditor identifier of %(company)s before collecting by "
                    "direct debit.",
                    company=self.company_id.name,
                )
            )

    def action_record_mandate(self):
        """The wizard recording the debtor's signed paper mandate for this plan."""
        self.ensure_one()
        self.check_access("write")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Signed Mandate"),
            "res_model": "debt.recovery.mandate.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_plan_id": self.id},
        }

    def _direct_debit_stop(self, reason, today):
        """Stop collecting these plans by direct debit: they go back to transfers, the
        collector is told (an activity). Instalments already in an order stay there."""
        plans = self.filtered("direct_debit")
        if not plans:
            return
        plans.write({"direct_debit": False, "direct_debit_stop_reason": reason})
        plans.line_ids.filtered(
            lambda line: line.direct_debit_state in ("planned", "notified", "retry")
        )._direct_debit_set_state("stopped")
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        for plan in plans:
            body = self.env._(
                "Collections by direct debit stopped (%(reason)s): the plan is paid by "
                "transfer from now on.",
                reason=reason,
            )
            plan.message_post(body=body)
            plan.activity_schedule(
                activity_type_id=activity_type.id,
                date_deadline=today,
                summary=self.env._("Direct debit stopped"),
                note=body,
                user_id=(plan.user_id or self.env.user).id,
            )
