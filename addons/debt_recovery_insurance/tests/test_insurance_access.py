# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import InsuranceCommon


@tagged("post_install", "-at_install")
class TestInsuranceAccess(InsuranceCommon):
    def test_collectors_and_managers(self):
        self._invoice(self.debtor, 6000.0, "2026-02-14", invoice_date=date(2026, 1, 15))
        self._run(date(2026, 6, 5))
        case = self._case()
        with freeze_time("2026-06-05"):
            action = case.with_user(self.collector).action_declare_insurer()
        declaration = self.env[action["res_model"]].browse(action["res_id"])
        payment = self.env["debt.recovery.insurance.payment"].create(
            {"declaration_id": declaration.id, "kind": "insurer", "amount": 10.0}
        )
        other = self.env["res.company"].create({"name": "Other Company"})
        outsider = self._user("dr_outsider", "Olga Outsider", "manager")
        outsider.write({"company_ids": [Command.set(other.ids)], "company_id": other.id})
        records = {
            "policy": self.insurance_policy,
            "declaration": declaration,
            "line": declaration.line_ids[:1],
            "payment": payment,
        }
        users = {"collector": self.collector, "manager": self.manager, "outsider": outsider}
        roles = ("collector", "manager", "outsider")
        self.assertAccessMatrix(
            {
                "policy": ("r", "rwcu", "-"),
                "declaration": ("r", "r", "-"),
                "line": ("r", "r", "-"),
                "payment": ("r", "rwcu", "-"),
            },
            records,
            users,
            roles,
        )
        # A collector does not set the policy's terms, nor rewrites a declaration.
        with self.assertRaises(AccessError):
            self.insurance_policy.with_user(self.collector).covered_percent = 100.0
        with self.assertRaises(AccessError):
            declaration.with_user(self.collector).amount_declared = 1.0
        # The outsider's company has no access to the declaration's actions.
        with self.assertRaises(AccessError):
            declaration.with_user(outsider).action_request_intervention()
