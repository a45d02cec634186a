# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

from .common import LitigationCommon


@tagged("post_install", "-at_install")
class TestAgency(LitigationCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with freeze_time("2024-03-01"):
            cls.inv1 = cls._invoice(cls.debtor, 1000.0, "2024-01-15")
            cls.inv2 = cls._invoice(cls.debtor, 600.0, "2024-02-01")
            cls.case = cls._case_at(cls.debtor, date(2024, 3, 1), cls.formal)

    def test_assignment_attribution_and_recall(self):
        Assignment = self.env["debt.recovery.agency.assignment"].with_user(self.manager)
        with freeze_time("2024-03-10"):
            assignment = Assignment.create(
                {"case_id": self.case.id, "agency_id": self.agency.id, "commission_rate": 12.5}
            )
        self.assertEqual(assignment.invoice_ids, self.inv1 | self.inv2)
        self.assertEqual(assignment.amount_assigned, 1600.0)
        self.assertEqual((self.case.state, self.case.hold_reason), ("on_hold", "agency"))
        csv_file = self.env["ir.attachment"].search(
            [("res_model", "=", assignment._name), ("res_id", "=", assignment.id)]
        )
        self.assertEqual(csv_file.mimetype, "text/csv")  # no formal notice sent: no court file
        content = base64.b64decode(csv_file.datas).decode()
        self.assertIn(self.inv1.name, content)
        self.assertIn("600.0", content)
        # A payment before the assignment is not the agency's; one while assigned is.
        with freeze_time("2024-03-20"):
            self._pay(self.inv2, amount=100.0, pay_date=date(2024, 3, 5))
            self._pay(self.inv1, amount=400.0, pay_date=date(2024, 3, 20))
            self.env["debt.recovery.case"]._refresh_holds(date(2024, 3, 20))
        self.assertEqual(assignment.payment_ids.move_id, self.inv1)
        self.assertEqual(assignment.amount_recovered, 400.0)
        self.assertEqual(assignment.amount_commission, 50.0)
        with freeze_time("2024-03-25"):
            assignment.action_recall()
        self.assertEqual(
            (assignment.state, assignment.date_recalled), ("recalled", date(2024, 3, 25))
        )
        self.assertEqual(self.case.state, "open")
        with freeze_time("2024-04-01"):
            self._pay(self.inv1, amount=100.0, pay_date=date(2024, 4, 1))
            assignment._attribute_payments(date(2024, 4, 1))
        self.assertEqual(assignment.amount_recovered, 400.0)
        kpi = self.env["debt.recovery.agency.payment"]._read_group(
            [("agency_id", "=", self.agency.id)], ["agency_id"], ["amount:sum", "commission:sum"]
        )
        self.assertEqual(kpi, [(self.agency, 400.0, 50.0)])
        summaries = self.case.communication_ids.mapped("summary")
        self.assertTrue(any(s and "Recalled" in s for s in summaries))

    def test_some_invoices_only(self):
        with freeze_time("2024-03-10"):
            assignment = self.env["debt.recovery.agency.assignment"].create(
                {
                    "case_id": self.case.id,
                    "agency_id": self.agency.id,
                    "commission_rate": 10.0,
                    "invoice_ids": [(6, 0, self.inv2.ids)],
                }
            )
        with freeze_time("2024-03-20"):
            self._pay(self.inv1, amount=1000.0, pay_date=date(2024, 3, 20))
            self._pay(self.inv2, amount=600.0, pay_date=date(2024, 3, 20))
            assignment._attribute_payments(date(2024, 3, 20))
        self.assertEqual(assignment.amount_recovered, 600.0)
        self.assertEqual(assignment.amount_commission, 60.0)
