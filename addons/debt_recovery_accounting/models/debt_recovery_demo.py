# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
from datetime import timedelta

from odoo import Command, api, fields, models

# Invoices of the French story's debtors with French VAT, for the closing: (debtor, amount excl.
# VAT, tax of the French chart, days since the due date, days paid after it or None).
ACCOUNTING_INVOICES = [
    # A history older than a year, for the loss-rate matrix: mostly paid, late or not.
    ("Garage Lemoine", 1800.0, "tva_normale", 520, 5),
    ("Garage Lemoine", 2100.0, "tva_normale", 480, 40),
    ("Imprimerie Chevalier SAS", 3400.0, "tva_normale", 500, 75),
    ("Imprimerie Chevalier SAS", 1250.0, "tva_normale_encaissement", 470, 0),
    ("Transports Roussel SARL", 2600.0, "tva_normale", 450, 130),
    ("Menuiserie Perrin & Fils", 2400.0, "tva_normale", 440, None),
    # The printer in liquidation: written off after the judgment, its VAT recovered.
    ("Imprimerie Chevalier SAS", 3000.0, "tva_normale", 95, None),
]
LIQUIDATED = "Imprimerie Chevalier SAS"
IN_LITIGATION = "Menuiserie Perrin & Fils"


class DebtRecoveryDemo(models.AbstractModel):
    _inherit = "debt.recovery.demo"

    # EXTENDS debt_recovery
    @api.model
    def _demo_load_french_company(self, replay_days=80):
        company = super()._demo_load_french_company(replay_days=replay_days)
        if company and not self.env["debt.recovery.closing"].search_count(
            [("company_id", "=", company.id)]
        ):
            self._demo_in_french().with_company(company).with_context(
                allowed_company_ids=company.ids, tracking_disable=True
            )._demo_closing(company)
        return company

    @api.model
    def _demo_closing(self, company):
        """Taxed invoices (and a history older than a year), a closing posted yesterday with
        its doubtful receivables and provisions, then the printer's debts written off after
        its liquidation judgment."""
        today = fields.Date.context_today(self)
        self._demo_taxed_invoices(company, today)
        liquidated = self.env["account.move"].search(
            [
                ("company_id", "=", company.id),
                ("partner_id.name", "=", LIQUIDATED),
                ("move_type", "=", "out_invoice"),
                ("state", "=", "posted"),
                ("amount_residual", ">", 0),
            ]
        )
        # The printer's receivership opened: its invoices are held, doubtful, provisioned.
        liquidated._debt_recovery_hold(
            "insolvency", note=self.env._("Receivership opened"), replace=("dispute", "promise")
        )
        case = self.env["debt.recovery.case"].search(
            [("company_id", "=", company.id), ("partner_id.name", "=", IN_LITIGATION)]
        )
        if case.state in ("open", "on_hold"):
            case._transition("litigation")
        journal = self.env["account.journal"].search(
            [("company_id", "=", company.id), ("type", "=", "general")], limit=1
        )
        # Overdue receivables are provisioned at the loss rates learnt from the history.
        company.debt_recovery_provision_method = "matrix"
        closing = self.env["debt.recovery.closing"].create(
            {"company_id": company.id, "date": today - timedelta(days=1), "journal_id": journal.id}
        )
        closing.action_post()
        liquidated._debt_recovery_write_off(
            "liquidation",
            today,
            base64.b64encode(b"%PDF-1.4\n% Jugement de liquidation judiciaire (demo)\n"),
            "jugement-liquidation.pdf",
        )
        return closing

    @api.model
    def _demo_taxed_invoices(self, company, today):
        """The invoices of ACCOUNTING_INVOICES, with French VAT, paid as the list says."""
        chart = self.env["account.chart.template"].with_company(company)
        partners = {
            partner.name: partner
            for partner in self.env["res.partner"].search(
                [("name", "in", [name for name, *_v in ACCOUNTING_INVOICES])]
            )
        }
        invoices = self.env["account.move"].create(
            [
                {
                    "move_type": "out_invoice",
                    "partner_id": partners[name].id,
                    "company_id": company.id,
                    "invoice_date": today - timedelta(days=days + 30),
                    "invoice_date_due": today - timedelta(days=days),
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "name": self.env._("Maintenance contract"),
                                "quantity": 1,
                                "price_unit": amount,
                                "tax_ids": [Command.set(chart.ref(tax).ids)],
                            }
                        )
                    ],
                }
                for name, amount, tax, days, _paid in ACCOUNTING_INVOICES
            ]
        )
        invoices.action_post()
        for invoice, (_n, _a, _t, days, paid_after) in zip(
            invoices, ACCOUNTING_INVOICES, strict=True
        ):
            if paid_after is not None:
                self.env["account.payment.register"].with_context(
                    active_model="account.move", active_ids=invoice.ids
                ).create(
                    {"payment_date": today - timedelta(days=days - paid_after)}
                )._create_payments()
        return invoices
