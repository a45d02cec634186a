# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
from datetime import timedelta

from odoo import Command, api, fields, models

from odoo.addons.debt_recovery.models.debt_recovery_demo import FRENCH_COMPANY

from ..engine import collection

# The French demo company's debtor who pays a plan by direct debit: a consumer of its story,
# whose first debit came back for insufficient funds (AM04) and is presented again.
FRENCH_SDD_DEBTOR = "Thomas Girard"
FRENCH_SDD_IBAN = "FR7630004000031234567890143"
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
        """A consumer's plan of four instalments paid by direct debit, agreed three weeks ago:
        the first instalment pre-notified, put in a direct debit order, its pain.008 generated
        and uploaded, then returned by the bank for insufficient funds (AM04) and presented
        again, with a new pre-notification."""
        debtor = self.env["res.partner"].search(
            [("name", "=", FRENCH_SDD_DEBTOR), ("debt_recovery_debtor_type", "=", "consumer")],
            limit=1,
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
            return
        today = fields.Date.context_today(self)
        mode = self._demo_direct_debit_mode(company)
        # Collected two business days from today: today is the order date.
        collection_date = collection.add_business_days(today, mode.debt_recovery_lead_days)
        agreed = collection_date - timedelta(days=21)
        mandate = self.env["account.banking.mandate"]._debt_recovery_create_valid(
            debtor, company, FRENCH_SDD_IBAN, agreed
        )
        plan = self.env["debt.recovery.plan"].create(
            {
                "partner_id": debtor.id,
                "company_id": company.id,
                "invoice_ids": [Command.set(invoices.ids)],
                "instalment_count": 4,
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
        Line = self.env["debt.recovery.plan.line"].sudo()
        Line._direct_debit_daily_step(collection_date - timedelta(days=14))
        Line._direct_debit_daily_step(today)
        self._demo_collect_then_return(company, plan, today)

    @api.model
    def _demo_collect_then_return(self, company, plan, today):
        """The plan's first order generated and uploaded, then its debit returned by the bank
        for insufficient funds (AM04)."""
        order = plan.line_ids[:1].direct_debit_payment_line_ids.order_id
        order.draft2open()
        order.open2generated()
        order.generated2uploaded()
        payments = order.payment_ids
        reason = self.env.ref("debt_recovery_sepa.payment_return_reason_am04")
        payment_return = self.env["payment.return"].create(
            {
                "journal_id": order.journal_id.id,
                "company_id": company.id,
                "date": today,
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
                            "reason_id": reason.id,
                        }
                    )
                    for payment in payments
                ],
            }
        )
        payment_return.action_confirm()

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
