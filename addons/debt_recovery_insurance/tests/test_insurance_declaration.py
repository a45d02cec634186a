# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
import base64
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import InsuranceCommon


@tagged("post_install", "-at_install")
class TestInsuranceDeclaration(InsuranceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.first = cls._invoice(cls.debtor, 6000.0, "2026-02-14", invoice_date=date(2026, 1, 15))
        cls.second = cls._invoice(cls.debtor, 3000.0, "2026-03-03", invoice_date=date(2026, 2, 1))

    def _declare(self):
        self._run(date(2026, 6, 5))
        case = self._case()
        with freeze_time("2026-06-05"):
            action = case.with_user(self.collector).action_declare_insurer()
        return case, self.env[action["res_model"]].browse(action["res_id"])

    def test_declaration_to_the_insurer(self):
        case, declaration = self._declare()
        self.assertEqual(declaration.state, "declared")
        self.assertEqual(declaration.insurer_id, self.insurer)
        self.assertEqual(declaration.line_ids.invoice_id, self.first | self.second)
        self.assertEqual(declaration.amount_declared, 9000.0)
        self.assertEqual(declaration.amount_insured, 9000.0)
        self.assertEqual(declaration.declare_by, date(2026, 6, 14))
        self.assertFalse(declaration.late)
        self.assertEqual(case.insurance_status, "declared")
        # Logged as a communication of the case, the PDF and CSV attached to it.
        comm = declaration.communication_id
        self.assertEqual(comm.case_id, case)
        self.assertIn("Threat of loss declared to Assureur Crédit Test", comm.summary)
        attachments = self.env["ir.attachment"].search(
            [("res_model", "=", comm._name), ("res_id", "=", comm.id)]
        )
        self.assertEqual(attachments, declaration.pdf_attachment_id | declaration.csv_attachment_id)
        self.assertTrue(declaration.pdf_attachment_id.raw)
        content = base64.b64decode(declaration.csv_attachment_id.datas).decode("utf-8-sig")
        rows = [line.split(";") for line in content.strip().splitlines()]
        self.assertEqual(len(rows), 3)
        self.assertEqual(rows[0][:3], ["Insurer", "Policy", "Buyer"])
        self.assertEqual(
            rows[1][2:7],
            ["Durand Bâtiment SARL", "", "FR40303265045", "RCS Lyon 303 265 045", self.first.name],
        )
        self.assertEqual(rows[1][9:11], ["6000.00", "6000.00"])
        # What was done so far: the reminders of the ladder.
        self.assertIn("First reminder", rows[1][12])
        # Declared twice: refused.
        with self.assertRaises(UserError):
            case.with_user(self.collector).action_declare_insurer()

    def test_intervention_holds_the_case(self):
        case, declaration = self._declare()
        # Intervention requested: the case is held with the insurer, its reminders stop.
        with freeze_time("2026-08-05"):
            self._run(date(2026, 8, 5))
            self.assertEqual(len(self._activities(case, "Request the insurer's intervention")), 1)
            declaration.with_user(self.collector).action_request_intervention()
        self.assertEqual(declaration.state, "intervention")
        self.assertEqual((case.state, case.hold_reason), ("on_hold", "insurer"))
        self.assertEqual(case.insurance_status, "with_insurer")
        sent = case.communication_ids
        self._run(date(2026, 8, 20))
        self.assertEqual((case.state, case.hold_reason), ("on_hold", "insurer"))
        self.assertEqual(case.communication_ids, sent)

    def test_insurer_payments_and_indemnity(self):
        case, declaration = self._declare()
        declaration.with_user(self.collector).action_request_intervention()
        # The insurer's payments: a collected sum, then the indemnity of its share.
        with self.assertRaises(AccessError):
            self.env["debt.recovery.insurance.payment"].with_user(self.collector).create(
                {"declaration_id": declaration.id, "kind": "indemnity", "amount": 100.0}
            )
        Payment = self.env["debt.recovery.insurance.payment"].with_user(self.manager)
        Payment.create({"declaration_id": declaration.id, "kind": "insurer", "amount": 1000.0})
        self.assertEqual(declaration.amount_insurer_outstanding, 7100.0)
        Payment.create({"declaration_id": declaration.id, "kind": "indemnity", "amount": 7100.0})
        self.assertEqual(declaration.state, "indemnified")
        self.assertEqual(declaration.amount_insurer_due, 8100.0)
        self.assertEqual(declaration.amount_insurer_paid, 8100.0)
        self.assertEqual(declaration.amount_insurer_outstanding, 0.0)
        self.assertEqual(declaration.amount_uninsured, 900.0)
        self.assertEqual(case.insurance_declaration_ids, declaration)
        # Received from the buyer after the indemnity: the insurer's share is owed back.
        receipt = Payment.create(
            {"declaration_id": declaration.id, "kind": "recovery", "amount": 500.0}
        )
        self.assertEqual(receipt.owed_to_insurer, 450.0)
        self.assertEqual(declaration.amount_owed_to_insurer, 450.0)

    def test_withdrawn_declaration_releases_the_case(self):
        case, declaration = self._declare()
        declaration.with_user(self.collector).action_request_intervention()
        self.assertEqual(case.hold_reason, "insurer")
        declaration.with_user(self.collector).action_withdraw()
        self.assertEqual(declaration.state, "withdrawn")
        self.assertNotEqual(case.state, "on_hold")
        with self.assertRaises(UserError):
            declaration.with_user(self.collector).action_request_intervention()

    def test_late_declaration_is_flagged(self):
        self._run(date(2026, 6, 20))
        case = self._case()
        with freeze_time("2026-06-20"):
            action = case.with_user(self.collector).action_declare_insurer()
        declaration = self.env[action["res_model"]].browse(action["res_id"])
        self.assertTrue(declaration.late)
