# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import LitigationCommon


@tagged("post_install", "-at_install")
class TestMediation(LitigationCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with freeze_time("2024-03-01"):
            cls.inv = cls._invoice(cls.debtor, 1000.0, "2024-01-15")
            cls.c_inv = cls._invoice(cls.consumer, 400.0, "2024-01-15")
            cls.case = cls._case_at(cls.debtor, date(2024, 3, 1), cls.formal)
            cls.c_case = cls._case_at(cls.consumer, date(2024, 3, 1), cls.formal)
        cls.consumer_mediator = cls.env["res.partner"].create({"name": "CM2C"})
        cls.company.debt_recovery_consumer_mediator_id = cls.consumer_mediator
        cls.Mediation = cls.env["debt.recovery.mediation"].with_user(cls.collector)

    def _start(self, case=None, **values):
        return self.Mediation.create(
            {"case_id": (case or self.case).id, "date_start": date(2024, 3, 1), **values}
        )

    @freeze_time("2024-03-31")
    def test_mediation_holds_and_suspends_limitation(self):
        before = self.inv.debt_recovery_limitation_date
        self.assertEqual(before, date(2029, 1, 15))
        mediation = self._start(reference="MED-1")
        self.assertEqual(
            mediation.mediator_id,
            self.env.ref("debt_recovery_litigation.res_partner_business_mediator"),
        )
        self.assertEqual(mediation.date_end, date(2024, 5, 29))  # 90 days, 2024 is leap
        self.assertEqual((self.case.state, self.case.hold_reason), ("on_hold", "mediation"))
        self.assertEqual(self.case.hold_until, date(2024, 5, 29))
        self.inv.invalidate_recordset()
        # Suspended from 1 to 31 March so far: 31 days later.
        self.assertEqual(self.inv.debt_recovery_limitation_date, date(2029, 2, 15))
        mediation.action_renew()
        self.assertEqual(mediation.date_end, date(2024, 8, 27))
        self.assertEqual(self.case.hold_until, date(2024, 8, 27))
        with self.assertRaisesRegex(UserError, "renewed once"):
            mediation.action_renew()
        log = self.case.communication_ids.filtered(lambda c: not c.level_id).mapped("summary")
        self.assertTrue(any("MED-1" in summary for summary in log))
        self.assertTrue(any("renewed" in summary for summary in log))

    @freeze_time("2024-03-31")
    def test_failure_and_withdrawal_resume_the_ladder(self):
        mediation = self._start()
        mediation.action_failure()
        self.assertEqual(mediation.state, "failure")
        self.assertEqual(self.case.state, "open")
        self.assertFalse(self.case.hold_reason)
        self.inv.invalidate_recordset()
        # The suspension ends with the mediation: 1 to 31 March.
        self.assertEqual(self.inv.debt_recovery_limitation_date, date(2029, 2, 15))
        withdrawn = self._start()
        withdrawn.action_withdraw()
        self.assertEqual((withdrawn.state, self.case.state), ("withdrawn", "open"))
        summaries = self.case.communication_ids.mapped("summary")
        self.assertTrue(any(s and "failed" in s for s in summaries))
        self.assertTrue(any(s and "withdrawn" in s for s in summaries))

    @freeze_time("2024-03-31")
    def test_agreement_opens_a_plan_or_a_settlement(self):
        mediation = self._start(terms="Three monthly instalments")
        action = mediation.action_agreement_plan()
        self.assertEqual(action["res_model"], "debt.recovery.plan")
        self.assertEqual(action["context"]["default_case_id"], self.case.id)
        self.assertEqual(mediation.state, "agreement")
        second = self._start()
        action = second.action_agreement_settlement()
        self.assertEqual(action["res_model"], "debt.recovery.settlement")

    def test_term_over_ends_in_failure(self):
        with freeze_time("2024-03-31"):
            mediation = self._start()
        with freeze_time("2024-06-01"):
            self.env["debt.recovery.mediation"]._refresh(date(2024, 6, 1))
        self.assertEqual(mediation.state, "failure")
        self.assertNotEqual(self.case.hold_reason, "mediation")

    @freeze_time("2024-03-31")
    def test_consumer_mediation_and_refusals(self):
        with self.assertRaisesRegex(UserError, "is a consumer"):
            self._start(self.c_case, kind="business")
        with self.assertRaisesRegex(UserError, "cannot use it to collect"):
            self._start(self.case, kind="consumer")
        mediation = self._start(self.c_case, kind="consumer")
        self.assertEqual(mediation.mediator_id, self.consumer_mediator)
        self.assertEqual(self.c_case.hold_reason, "mediation")
        with self.assertRaisesRegex(UserError, "already running"):
            self._start(self.c_case, kind="consumer")
