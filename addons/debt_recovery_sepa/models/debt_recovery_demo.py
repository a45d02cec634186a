# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
from datetime import timedelta

from odoo import Command, api, fields, models

from odoo.addons.debt_recovery.models.debt_recovery_demo import FRENCH_COMPANY

from ..engine import collection

# The French demo company's plans paid by direct debit, agreed three weeks ago and first debited
# in two business days: (debtor, its type, its IBAN, the mandate's scheme, instalments, the
# return code of the first debit). A consumer of its story, whose first debit comes back for
# insufficient funds (AM04) and is presented again; a professional debtor of its own, under the
# company's policy (B2B scheme, return fees re-invoiced), whose debit is refused (MS02): the
# instalment is unpaid and the fee is re-invoiced in a draft invoice.
FRENCH_SDD_STORIES = [
    ("Thomas Girard", "consumer", "FR7630004000031234567890143", "CORE", 4, "am04"),
    ("Fromagerie Rochat SARL", "professional", "FR7630001007941234567890185", "B2B", 3, "ms02"),
]
# The professional debtor paying by direct debit, created with its invoice: (name, type, email,
# city, language, [(amount, days overdue)], event).
FRENCH_SDD_PROFESSIONAL = (
    "Fromagerie Rochat SARL", "professional", "compta@fromagerie-rochat.example", "Annecy",
    "fr_FR", [(2400.0, 20)], None,
)  # fmt: skip
FRENCH_CREDITOR_ID = "FR78ZZZ424242"


class DebtRecoveryDemo(models.AbstractModel):
    _inherit = "debt.recovery.demo"

    # EXTENDS debt_recovery
    @api.model
    def _demo_load_french_company(self, replay_days=80):
        """The French company collects a plan by direct debit (once, with the company)."""
        existed = self.env["res.company"].search_count([("name", "=", FRENCH_COMPANY["name"])])
        company = super()._demo_load_french_company(replay_days=replay_days)
        if company and not existed:
            self._demo_in_french().with_company(company).with_context(
                allowed_company_ids=[company.id], tracking_disable=True
            )._load_direct_debit_story(company)
        return company

    @api.model
    def _load_direct_debit_story(self, company):
        """Plans paid by direct debit (``FRENCH_SDD_STORIES``), agreed three weeks ago: their
        first instalments pre-notified, put in one direct debit order, its pain.008 generated
        and uploaded, then returned by the bank, each with its reason."""
        today = fields.Date.context_today(self)
        mode = self._demo_direct_debit_mode(company)
        # Professionals sign B2B mandates, and their return fees are re-invoiced.
        company.debt_recovery_policy_id.write(
            {"direct_debit_professional_scheme": "B2B", "direct_debit_return_fee": True}
        )
        self._demo_invoices(company, today, story=[FRENCH_SDD_PROFESSIONAL])
        # Collected two business days from today: today is the order date.
        collection_date = collection.add_business_days(today, mode.debt_recovery_lead_days)
        reasons = {}
        for name, debtor_type, iban, scheme, count, reason in FRENCH_SDD_STORIES:
            plan = self._demo_direct_debit_plan(
                company, mode, (name, debtor_type, iban, scheme), count, collection_date
            )
            if plan:
                reasons[plan] = self.env.ref(f"debt_recovery_sepa.payment_return_reason_{reason}")
        if not reasons:
            return
        Line = self.env["debt.recovery.plan.line"].sudo()
        Line._direct_debit_daily_step(collection_date - timedelta(days=14))
        Line._direct_debit_daily_step(today)
        self._demo_collect_then_return(company, reasons, today)
        # The professional's case, opened with its plan, is scored as the others were.
        self.env["debt.recovery.case"].sudo()._refresh_risk(today, company.ids)

    @api.model
    def _demo_direct_debit_plan(self, company, mode, debtor_values, count, collection_date):
        """The active plan of ``count`` instalments of the debtor ``debtor_values`` (name,
        type, IBAN, scheme) over its open invoices, paid by direct debit on its mandate
        signed when the plan was agreed, three weeks before ``collection_date``."""
        name, debtor_type, iban, scheme = debtor_values
        debtor = self.env["res.partner"].search(
            [("name", "=", name), ("debt_recovery_debtor_type", "=", debtor_type)], limit=1
        )
        invoices = self.env["account.move"].search(
            [
                ("partner_id", "=", debtor.id),
                ("company_id", "=", company.id),
                ("move_type", "=", "out_invoice"),
                ("state", "=", "posted"),
                ("amount_residual", ">", 0),
            ]
        )
        if not debtor or not invoices:
            return self.env["debt.recovery.plan"]
        agreed = collection_date - timedelta(days=21)
        mandate = self.env["account.banking.mandate"]._debt_recovery_create_valid(
            debtor, company, iban, agreed, scheme=scheme
        )
        plan = self.env["debt.recovery.plan"].create(
            {
                "partner_id": debtor.id,
                "company_id": company.id,
                "invoice_ids": [Command.set(invoices.ids)],
                "instalment_count": count,
                "date_start": agreed,
                "first_due_date": collection_date,
                "direct_debit": True,
                "mandate_id": mandate.id,
                "direct_debit_mode_id": mode.id,
            }
        )
        plan.action_generate_schedule()
        plan.action_activate()
        plan.date_activated = agreed
        return plan

    @api.model
    def _demo_collect_then_return(self, company, reasons, today):
        """The order of the plans' first instalments generated and uploaded, then each plan's
        debit returned by the bank with its reason (``reasons``: {plan: return reason})."""
        plans = self.env["debt.recovery.plan"].browse([plan.id for plan in reasons])
        order = plans.line_ids.direct_debit_payment_line_ids.order_id
        order.draft2open()
        order.open2generated()
        order.generated2uploaded()
        reason_of = {plan.id: reason for plan, reason in reasons.items()}
        self.env["payment.return"]._debt_recovery_confirm_returns(
            order.payment_ids,
            lambda payment: reason_of[
                payment.payment_line_ids.debt_recovery_plan_line_id.plan_id[:1].id
            ],
            today,
        )

    @api.model
    def _demo_direct_debit_mode(self, company):
        """The company's creditor identifier, a bank journal on its account and the SEPA
        direct debit payment mode of its plans."""
        company.sepa_creditor_identifier = FRENCH_CREDITOR_ID
        sdd = self.env.ref("account_banking_sepa_direct_debit.sepa_direct_debit")
        journal = self.env["account.journal"].create(
            {
                "name": self.env._("SEPA direct debits"),
                "type": "bank",
                "code": "PRLV",
                "company_id": company.id,
                "bank_account_id": company.partner_id.bank_ids[:1].id,
                "inbound_payment_method_line_ids": [Command.create({"payment_method_id": sdd.id})],
            }
        )
        mode = self.env["account.payment.mode"].create(
            {
                "name": self.env._("SEPA direct debit"),
                "company_id": company.id,
                "payment_method_id": sdd.id,
                "bank_account_link": "fixed",
                "fixed_journal_id": journal.id,
            }
        )
        company.debt_recovery_sdd_payment_mode_id = mode
        return mode
