# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The customer's late-payment risk on quotations, and the warning above the company's grade."""

from datetime import date

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import Form, tagged
from odoo.tests.common import new_test_user

from odoo.addons.debt_recovery.tests.common import DebtRecoveryCommon
from odoo.addons.debt_recovery_sale.models.sale_order import grade_at_least


@tagged("post_install", "-at_install")
class TestSaleRisk(DebtRecoveryCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.product = cls.env["product.product"].create({"name": "Consulting", "list_price": 100})
        cls.contact = cls.env["res.partner"].create(
            {"name": "Paul Durand", "parent_id": cls.debtor.id, "type": "contact"}
        )
        cls.case = cls.env["debt.recovery.case"].create(
            {
                "partner_id": cls.debtor.id,
                "company_id": cls.company.id,
                "amount_overdue": 1250.0,
                "amount_at_risk": 700.0,
                "risk_grade": "E",
                "risk_probability": 0.82,
                "risk_reason_phrases": [
                    ["broken_promises", {"count": 9}],
                    ["payment_terms", {"days": 30}],
                ],
                "risk_date": date(2026, 3, 1),
                "risk_scored": True,
            }
        )
        # A salesperson, outside Debt Recovery.
        cls.salesman = new_test_user(
            cls.env,
            login="dr_salesman",
            groups="sales_team.group_sale_salesman",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )

    def _order(self, partner, user=None):
        env = self.env(user=user) if user else self.env
        return env["sale.order"].create(
            {
                "partner_id": partner.id,
                "company_id": self.company.id,
                "order_line": [Command.create({"product_id": self.product.id})],
            }
        )

    def test_grade_order(self):
        for grade, threshold, expected in (
            ("E", "D", True),
            ("D", "D", True),
            ("C", "D", False),
            ("A", "A", True),
            (False, "A", False),
            ("E", False, False),
        ):
            with self.subTest(grade=grade, threshold=threshold):
                self.assertEqual(grade_at_least(grade, threshold), expected)

    def test_risk_of_the_customer_on_the_order_of_a_salesperson(self):
        # Ordered by a contact of the debtor: the commercial entity's case counts.
        order = self._order(self.contact, user=self.salesman)
        self.assertEqual(order.debt_recovery_risk_grade, "E")
        self.assertAlmostEqual(order.debt_recovery_risk_probability, 0.82)
        self.assertEqual(order.debt_recovery_risk_reason, "9 promises to pay were broken.")
        self.assertEqual(order.debt_recovery_amount_overdue, 1250.0)
        self.assertEqual(order.debt_recovery_amount_at_risk, 700.0)
        warning = order.debt_recovery_risk_warning
        self.assertIn("grade E (82% risk", warning)
        self.assertIn("likely still unpaid 90 days after the due date: ", warning)
        self.assertIn("700", warning)
        self.assertNotIn("loss", warning.lower())
        self.assertIn("9 promises to pay were broken.", warning)
        self.assertNotIn("Payment terms", warning)
        # The salesperson still has no access to the recovery case itself.
        self.assertFalse(self.env["debt.recovery.case"].with_user(self.salesman).has_access("read"))

    def test_warning_from_the_company_grade(self):
        order = self._order(self.debtor)
        self.company.debt_recovery_sale_warning_grade = "E"
        self.case.risk_grade = "D"
        order.invalidate_recordset()
        self.assertEqual(order.debt_recovery_risk_grade, "D")
        self.assertFalse(order.debt_recovery_risk_warning)
        self.company.debt_recovery_sale_warning_grade = "C"
        order.invalidate_recordset()
        self.assertTrue(order.debt_recovery_risk_warning)
        self.company.debt_recovery_sale_warning_grade = False
        order.invalidate_recordset()
        self.assertFalse(order.debt_recovery_risk_warning)

    def test_default_setting_and_form_banner_follows_the_customer(self):
        new_company = self.env["res.company"].create({"name": "New"})
        self.assertEqual(new_company.debt_recovery_sale_warning_grade, "D")
        with Form(self.env["sale.order"].with_user(self.salesman)) as form:
            form.partner_id = self.consumer
            self.assertFalse(form.debt_recovery_risk_grade)
            self.assertFalse(form.debt_recovery_risk_warning)
            form.partner_id = self.debtor
            self.assertEqual(form.debt_recovery_risk_grade, "E")
            self.assertTrue(form.debt_recovery_risk_warning)
            with form.order_line.new() as line:
                line.product_id = self.product

    def test_other_company_case_does_not_count(self):
        other = self.env["res.company"].create({"name": "Other company"})
        self.env.user.company_ids |= other
        order = (
            self.env["sale.order"]
            .with_company(other)
            .create({"partner_id": self.debtor.id, "company_id": other.id})
        )
        self.assertFalse(order.debt_recovery_risk_grade)
        self.assertFalse(order.debt_recovery_risk_warning)

    def test_query_count_does_not_grow_with_the_orders(self):
        partners = self.env["res.partner"].create(
            [
                {
                    "name": f"Client {index}",
                    "is_company": True,
                    "debt_recovery_debtor_type": "professional",
                }
                for index in range(8)
            ]
        )
        self.env["debt.recovery.case"].create(
            [
                {"partner_id": p.id, "company_id": self.company.id, "risk_grade": "D"}
                for p in partners
            ]
        )
        orders = self.env["sale.order"].create(
            [{"partner_id": p.id, "company_id": self.company.id} for p in partners]
        )
        fields_read = ["debt_recovery_risk_grade", "debt_recovery_risk_warning"]
        self.env.invalidate_all()
        orders[:1].read(fields_read)  # caches warm
        self.env.invalidate_all()
        with self.assertQueryCount(6):
            orders[:1].read(fields_read)
        self.env.invalidate_all()
        with self.assertQueryCount(6):
            values = orders.read(fields_read)
        self.assertEqual({row["debt_recovery_risk_grade"] for row in values}, {"D"})
        self.assertTrue(all(row["debt_recovery_risk_warning"] for row in values))

    def test_the_customer_does_not_read_its_own_risk(self):
        portal = new_test_user(
            self.env, login="durand_portal", groups="base.group_portal", partner_id=self.contact.id
        )
        order = self._order(self.debtor)
        order.message_subscribe(partner_ids=self.contact.ids)
        self.assertEqual(order.debt_recovery_risk_grade, "E")
        # Every figure of the risk, whatever is added later.
        risk_fields = [
            name
            for name, field in order._fields.items()
            if field.compute == "_compute_debt_recovery_risk"
        ]
        self.assertIn("debt_recovery_amount_overdue", risk_fields)
        as_customer = order.with_user(portal)
        self.assertEqual(as_customer.read(["name"])[0]["name"], order.name)
        visible = as_customer.fields_get(attributes=["type"])
        for name in risk_fields:
            with self.subTest(field=name):
                self.assertNotIn(name, visible)
                with self.assertRaises(AccessError):
                    as_customer.read([name])
