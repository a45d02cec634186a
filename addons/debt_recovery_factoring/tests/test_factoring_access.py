# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Who may assign invoices to a factor and buy them back: recovery managers only (the entries
are accounting); collectors read the contracts and the assignments."""

from datetime import date

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import FactoringCommon


@tagged("post_install", "-at_install")
class TestFactoringAccess(FactoringCommon):
    def test_managers_assign_and_buy_back(self):
        invoice = self._invoice(self.debtor, 500.0, "2026-05-01")
        billing = self._user("dr_billing", "Bill Billing", "billing")
        for user in (self.collector, billing):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self._assign(invoice, date(2026, 5, 2), user=user)
        with self.assertRaises(AccessError):
            self.env["debt.recovery.factor.assign.wizard"].with_user(self.collector).create(
                {"factor_id": self.contract.id, "invoice_ids": [Command.set(invoice.ids)]}
            )
        wizard = (
            self.env["debt.recovery.factor.assign.wizard"]
            .with_user(self.manager)
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create({"factor_id": self.contract.id})
        )
        wizard.action_assign()
        self.assertEqual(invoice.debt_recovery_factor_id, self.contract)
        for user in (self.collector, billing):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                invoice.with_user(user).action_debt_recovery_factor_buy_back()
        invoice.with_user(self.manager).action_debt_recovery_factor_buy_back()
        self.assertFalse(invoice.debt_recovery_factor_id)

    def test_access_matrix(self):
        invoice = self._invoice(self.debtor, 500.0, "2026-05-01")
        assignment = self._assign(invoice, date(2026, 5, 2))
        other = self.env["res.company"].create({"name": "Other Company"})
        outsider = self._user("dr_outsider", "Olga Outsider", "manager")
        outsider.write({"company_ids": [Command.set(other.ids)], "company_id": other.id})
        self.assertAccessMatrix(
            {"contract": ("r", "rwcu", "-"), "assignment": ("r", "r", "-")},
            {"contract": self.contract, "assignment": assignment},
            {"collector": self.collector, "manager": self.manager, "outsider": outsider},
            ("collector", "manager", "outsider"),
        )
