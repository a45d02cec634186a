# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
import base64
from datetime import date

from lxml import etree

from odoo import Command

from odoo.addons.debt_recovery.tests.common import DebtRecoveryCommon

CREDITOR_ID = "FR78ZZZ424242"
SCAN = base64.b64encode(b"%PDF-1.4 signed mandate")


class DirectDebitCommon(DebtRecoveryCommon):
    """A company collecting by SEPA direct debit: creditor identifier, bank journal, payment
    mode (two business days of lead time), a consumer and a professional debtor."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # SEPA debits are in euros.
        cls.env.ref("base.EUR").active = True
        cls.company.currency_id = cls.env.ref("base.EUR")
        cls._setup_direct_debit(cls.company)
        # The test's accountant works the payment orders and the returns (OCA's group).
        cls.env.user.groups_id = [
            Command.link(cls.env.ref("account_payment_order.group_account_payment").id)
        ]
        cls.consumer.debt_recovery_debtor_type = "consumer"

    @classmethod
    def _setup_direct_debit(cls, company):
        company.sepa_creditor_identifier = CREDITOR_ID
        company_bank = company.partner_id.bank_ids[:1] or cls.env["res.partner.bank"].sudo().create(
            {"acc_number": "FR7630006000011234567890189", "partner_id": company.partner_id.id}
        )
        sdd = cls.env.ref("account_banking_sepa_direct_debit.sepa_direct_debit")
        journal = cls.env["account.journal"].create(
            {
                "name": "Direct debits",
                "type": "bank",
                "code": f"SDD{company.id}",
                "company_id": company.id,
                "bank_account_id": company_bank.id,
                "inbound_payment_method_line_ids": [Command.create({"payment_method_id": sdd.id})],
            }
        )
        mode = cls.env["account.payment.mode"].create(
            {
                "name": "SEPA direct debit",
                "company_id": company.id,
                "payment_method_id": sdd.id,
                "bank_account_link": "fixed",
                "fixed_journal_id": journal.id,
                "debt_recovery_lead_days": 2,
            }
        )
        company.debt_recovery_sdd_payment_mode_id = mode
        return mode

    @classmethod
    def _mandate(cls, partner, iban, scheme="CORE", company=None, signed=date(2027, 1, 4)):
        # Test data: the accountant of the test company is not a payments manager.
        mandate = (
            cls.env["account.banking.mandate"]
            .sudo()
            ._debt_recovery_create_valid(
                partner, company or cls.company, iban, signed, scheme=scheme
            )
        )
        return mandate.with_env(cls.env)

    @classmethod
    def _dd_plan(cls, invoices, mandate, count=6, first_due=date(2027, 2, 5), start=None):
        plan = cls.env["debt.recovery.plan"].create(
            {
                "partner_id": invoices.commercial_partner_id[:1].id,
                "company_id": invoices.company_id[:1].id,
                "invoice_ids": [Command.set(invoices.ids)],
                "instalment_count": count,
                "date_start": start or date(2027, 1, 5),
                "first_due_date": first_due,
                "direct_debit": True,
                "mandate_id": mandate.id,
            }
        )
        plan.action_generate_schedule()
        plan.action_activate()
        return plan

    def _step(self, day):
        return self.env["debt.recovery.plan.line"].sudo()._direct_debit_daily_step(day)

    @staticmethod
    def _pain(order):
        """Generate the order's pain.008 through OCA's actions: (root, namespaces, xml)."""
        order.draft2open()
        action = order.open2generated()
        attachment = order.env["ir.attachment"].browse(action["res_id"])
        xml = base64.b64decode(attachment.datas)
        root = etree.fromstring(xml)
        return root, {"p": root.nsmap[None]}, xml

    def _return(self, order, reason_code, day, lines=None):
        """Record the bank's return of ``order``'s debits (all, or those of ``lines``) through
        OCA's return flow."""
        payments = order.payment_ids
        if lines is not None:
            payments = payments.filtered(lambda p: p.payment_line_ids & lines)
        reason = self.env["payment.return.reason"].search([("code", "=", reason_code)], limit=1)
        return self.env["payment.return"]._debt_recovery_confirm_returns(
            payments, lambda _payment: reason, day
        )
