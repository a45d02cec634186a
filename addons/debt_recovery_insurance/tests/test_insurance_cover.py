# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import InsuranceCommon


@tagged("post_install", "-at_install")
class TestInsuranceCover(InsuranceCommon):
    @freeze_time("2026-06-05")
    def test_exposure_above_the_limit(self):
        self.debtor.insurance_credit_limit = 5000.0
        first = self._invoice(self.debtor, 6000.0, "2026-02-14", invoice_date=date(2026, 1, 15))
        self._invoice(self.debtor, 3000.0, "2026-07-01", invoice_date=date(2026, 6, 1))
        self._run(date(2026, 6, 5))
        case = self._case()
        self.assertEqual(case.insurance_policy_id, self.insurance_policy)
        self.assertEqual(case.insurance_limit, 5000.0)
        # Not yet due invoices count in the exposure.
        self.assertEqual(case.insurance_exposure, 9000.0)
        self.assertEqual(case.insurance_insured, 5000.0)
        self.assertEqual(case.insurance_uninsured, 4000.0)
        self.assertEqual(case.insurance_over_limit, 4000.0)
        self.assertEqual(case.insurance_indemnity, 4500.0)
        # A payment moves the exposure back under the limit.
        self._pay(first, 5000.0, date(2026, 6, 5))
        case.invalidate_recordset()
        self.assertEqual(case.insurance_exposure, 4000.0)
        self.assertEqual(case.insurance_uninsured, 0.0)
        self.assertEqual(case.insurance_over_limit, 0.0)

    @freeze_time("2026-06-05")
    def test_terms_beyond_the_credit_period_and_export(self):
        # 150 days of payment terms: beyond the domestic maximum credit period, not insured.
        self._invoice(self.debtor, 1000.0, "2026-05-30", invoice_date=date(2025, 12, 31))
        case_values = self._case_after_run()
        self.assertEqual(case_values.insurance_insured, 0.0)
        self.assertEqual(case_values.insurance_uninsured, 1000.0)
        self.assertFalse(case_values.insurance_declare_by)
        # Abroad, 180 days are insured: declare by the invoice date + 180 + 30 days.
        self.debtor.country_id = self.env.ref("base.be")
        case_values.invalidate_recordset()
        self.assertEqual(case_values.insurance_insured, 1000.0)
        self._run(date(2026, 6, 6))
        self.assertEqual(case_values.insurance_declare_by, date(2026, 7, 29))

    def _case_after_run(self):
        self._run(date(2026, 6, 5))
        return self._case()

    @freeze_time("2026-06-05")
    def test_deadlines_and_activities_of_the_daily_job(self):
        self._invoice(self.debtor, 6000.0, "2026-02-14", invoice_date=date(2026, 1, 15))
        self._invoice(self.debtor, 3000.0, "2026-03-03", invoice_date=date(2026, 2, 1))
        self._run(date(2026, 6, 3))
        case = self._case()
        # 2026-01-15 + 120 + 30 days; intervention + 120 + 90.
        self.assertEqual(case.insurance_declare_by, date(2026, 6, 14))
        self.assertEqual(case.insurance_intervene_by, date(2026, 8, 13))
        self.assertEqual(case.insurance_status, "insured")
        self.assertFalse(self._activities(case, "Declare to the insurer"))
        # Ten days before the deadline: the collector's activity, once.
        self._run(date(2026, 6, 4))
        self.assertEqual(case.insurance_status, "declaration_due")
        self.assertEqual(len(self._activities(case, "Declare to the insurer")), 1)
        self._run(date(2026, 6, 5))
        self.assertEqual(len(self._activities(case, "Declare to the insurer")), 1)
        due = self.env["debt.recovery.case"].search([("insurance_status", "=", "declaration_due")])
        self.assertEqual(due, case)

    @freeze_time("2026-06-05")
    def test_under_the_threshold_nothing_to_declare(self):
        self._invoice(self.debtor, 200.0, "2026-02-14", invoice_date=date(2026, 1, 15))
        self._run(date(2026, 6, 5))
        case = self._case()
        self.assertEqual(case.insurance_status, "insured")
        self.assertFalse(case.insurance_declare_by)
        with self.assertRaises(UserError):
            case.with_user(self.collector).action_declare_insurer()

    @freeze_time("2026-06-05")
    def test_not_insured_without_a_limit(self):
        self.debtor.insurance_credit_limit = 0.0
        self._invoice(self.debtor, 6000.0, "2026-02-14", invoice_date=date(2026, 1, 15))
        self._run(date(2026, 6, 5))
        case = self._case()
        self.assertFalse(case.insurance_status)
        self.assertFalse(case.insurance_policy_id)
        with self.assertRaises(UserError):
            case.with_user(self.collector).action_declare_insurer()

    def _insured_debtors(self, count):
        partners = self.env["res.partner"].create(
            [
                {
                    "name": f"Insured Buyer {rank}",
                    "is_company": True,
                    "debt_recovery_debtor_type": "professional",
                    "country_id": self.env.ref("base.fr").id,
                    "credit_policy_company_id": self.insurer.id,
                    "insurance_credit_limit": 5000.0,
                }
                for rank in range(count)
            ]
        )
        for partner in partners:
            self._invoice(partner, 1000.0, "2026-02-14", invoice_date=date(2026, 1, 15))
        return partners

    @freeze_time("2026-06-05")
    def test_deadlines_are_set_based(self):
        """The deadlines and activities of many cases take as many queries as a few's."""
        Case = self.env["debt.recovery.case"]
        warm, few, many = (self._insured_debtors(n) for n in (1, 2, 6))
        # The day before the warning: cases, no activity yet.
        self._run(date(2026, 6, 3))
        counts = []
        for partners in (warm, few, many):
            cases = Case.search([("partner_id", "in", partners.ids)])
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            # Odoo's notification of each activity to its user left out: ours only.
            cases.with_context(mail_activity_quick_update=True)._refresh_insurance(date(2026, 6, 5))
            counts.append(self.env.cr.sql_log_count - before)
            self.assertEqual(set(cases.mapped("insurance_status")), {"declaration_due"})
            self.assertEqual(len(cases.activity_ids), len(cases))
        self.assertEqual(counts[1], counts[2])
