# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
"""A quotation that would take an insured customer's exposure above its insured limit."""

from odoo import Command
from odoo.tests import tagged
from odoo.tests.common import new_test_user

from odoo.addons.debt_recovery_insurance.tests.common import InsuranceCommon


@tagged("post_install", "-at_install")
class TestSaleInsurance(InsuranceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.product = cls.env["product.product"].create({"name": "Consulting", "list_price": 100})
        cls._invoice(cls.debtor, 8000.0, "2026-02-14")
        cls.salesman = new_test_user(
            cls.env,
            login="dr_ins_salesman",
            groups="sales_team.group_sale_salesman",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )

    def _quotation(self, amount, partner=None):
        return (
            self.env["sale.order"]
            .with_user(self.salesman)
            .create(
                {
                    "partner_id": (partner or self.debtor).id,
                    "company_id": self.company.id,
                    "order_line": [
                        Command.create(
                            {
                                "product_id": self.product.id,
                                "product_uom_qty": 1,
                                "price_unit": amount,
                                "tax_id": [Command.clear()],
                            }
                        )
                    ],
                }
            )
        )

    def test_quotation_above_the_insured_limit(self):
        order = self._quotation(3000.0)
        warning = order.debt_recovery_insurance_warning
        self.assertIn("above the limit", warning)
        self.assertIn("Assureur Crédit Test", warning)
        self.assertIn("1,000.00", warning)

    def test_quotation_within_the_limit_or_uninsured(self):
        self.assertFalse(self._quotation(2000.0).debt_recovery_insurance_warning)
        self.assertFalse(self._quotation(50000.0, self.consumer).debt_recovery_insurance_warning)
        order = self._quotation(3000.0)
        order.sudo().action_confirm()
        self.assertFalse(order.debt_recovery_insurance_warning)
