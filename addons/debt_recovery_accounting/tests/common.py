# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
from datetime import date

from odoo import Command
from odoo.tests import TransactionCase
from odoo.tests.common import new_test_user


class AccountingCommon(TransactionCase):
    """A French company on the French chart, a recovery manager and a collector, a debtor."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if cls.env["ir.module.module"]._get("l10n_fr_account").state != "installed":
            cls.skipTest(cls, "l10n_fr_account is not installed")
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        euro = cls.env.ref("base.EUR")
        euro.active = True
        cls.company = (
            cls.env["res.company"]
            .with_context(chart_template_load=True)
            .create(
                {
                    "name": "Closing Test SAS",
                    "country_id": cls.env.ref("base.fr").id,
                    "currency_id": euro.id,
                }
            )
        )
        cls.env["account.chart.template"].try_loading("fr", cls.company, install_demo=False)
        cls.env = cls.env(context=dict(cls.env.context, allowed_company_ids=cls.company.ids))
        cls.company = cls.company.with_env(cls.env)
        # The tests' reference rates are taken as known for good (as the base add-on's tests).
        cls.env["debt.recovery.rate.type"].search([]).confirmed_through = False
        cls.chart = cls.env["account.chart.template"].with_company(cls.company)
        cls.tax_goods = cls.chart.ref("tva_normale")
        cls.tax_services = cls.chart.ref("tva_normale_encaissement")
        cls.manager = new_test_user(
            cls.env,
            login="closing_manager",
            groups="debt_recovery.group_debt_recovery_manager",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        cls.collector = new_test_user(
            cls.env,
            login="closing_collector",
            groups="debt_recovery.group_debt_recovery_user",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        cls.debtor = cls.env["res.partner"].create(
            {
                "name": "Menuiserie Durand SARL",
                "is_company": True,
                "debt_recovery_debtor_type": "professional",
                "country_id": cls.env.ref("base.fr").id,
            }
        )
        cls.journal = cls.env["account.journal"].search(
            [("company_id", "=", cls.company.id), ("type", "=", "general")], limit=1
        )
        cls.bank = cls.env["account.journal"].search(
            [("company_id", "=", cls.company.id), ("type", "=", "bank")], limit=1
        )
        cls.proof = base64.b64encode(b"%PDF-1.4 judgment")

    @classmethod
    def _invoice(cls, partner, amount, tax, invoice_date, due, company=None):
        move = (
            cls.env["account.move"]
            .with_company(company or cls.company)
            .create(
                {
                    "move_type": "out_invoice",
                    "partner_id": partner.id,
                    "company_id": (company or cls.company).id,
                    "invoice_date": invoice_date,
                    "invoice_date_due": due,
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "name": "Maintenance",
                                "quantity": 1,
                                "price_unit": amount,
                                "tax_ids": [Command.set(tax.ids)],
                            }
                        )
                    ],
                }
            )
        )
        move.action_post()
        return move

    @classmethod
    def _case(cls, partner, company=None):
        return cls.env["debt.recovery.case"].create(
            {"partner_id": partner.id, "company_id": (company or cls.company).id}
        )

    def _pay(self, invoice, amount, day):
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=invoice.ids
        ).create(
            {"amount": amount, "payment_date": day, "journal_id": self.bank.id}
        )._create_payments()

    def _closing(self, day, user=None):
        return (
            self.env["debt.recovery.closing"]
            .with_user(user or self.manager)
            .create({"date": day, "journal_id": self.journal.id, "company_id": self.company.id})
        )

    def _lines(self, moves):
        """Sorted (account code, debit, credit) of ``moves``."""
        return sorted(
            (line.account_id.with_company(line.company_id).code, line.debit, line.credit)
            for line in moves.sudo().line_ids
        )

    def _account(self, xmlid):
        return self.chart.ref(xmlid)


D1 = date(2026, 6, 30)
D2 = date(2026, 9, 30)
