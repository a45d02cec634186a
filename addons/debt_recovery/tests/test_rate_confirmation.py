# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Reference rates are used only as far as they are confirmed; the ECB's is confirmed from its
data API (recorded answers here, never the network), the legal ones asked of a manager."""

from datetime import date
from unittest.mock import patch

from freezegun import freeze_time

from odoo.tests import tagged

from ..models.debt_recovery_rate_type import ReferenceRateError
from .common import DebtRecoveryCommon

SERIES = "FM.B.U2.EUR.4F.KR.MRR_FR.LEV,B,U2,EUR,4F,KR,MRR_FR,LEV"
HEADER = ",".join(
    (
        "KEY",
        "FREQ",
        "REF_AREA",
        "CURRENCY",
        "PROVIDER_FM",
        "INSTRUMENT_FM",
        "PROVIDER_FM_ID",
        "DATA_TYPE_FM",
        "TIME_PERIOD",
        "OBS_VALUE",
    )
)
RECORDED = (
    "\n".join(
        [
            HEADER,
            f"{SERIES},2025-06-11,2.15",
            f"{SERIES},2026-09-16,1.90",
        ]
    )
    + "\n"
)


@tagged("post_install", "-at_install")
class TestRateConfirmation(DebtRecoveryCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        cls.RateType = cls.env["debt.recovery.rate.type"]
        cls.types = {t.code: t for t in cls.RateType.search([])}
        cls.types["ecb"].confirmed_through = date(2026, 1, 1)
        cls.types["legal"].confirmed_through = date(2026, 6, 30)

    def test_shipped_rates(self):
        Rate = self.env["debt.recovery.rate"]
        ecb = dict(Rate._rates_for(self.company, "ecb"))
        self.assertEqual((ecb[date(2013, 11, 13)], ecb[date(2014, 6, 11)]), (0.25, 0.15))
        self.assertEqual(dict(Rate._rates_for(self.company, "legal"))[date(2014, 1, 1)], 0.04)
        self.assertEqual(set(self.types), {"ecb", "legal", "legal_individual"})

    def test_penalties_beyond_the_confirmed_half_year_stop(self):
        invoice = self._invoice(self.debtor, 1000.0, "2026-05-31")
        # Through 30 June 2026: the ECB rate of 1 January 2026 (2.15) + 10 points.
        self.assertEqual(
            invoice.compute_late_interest(date(2026, 6, 30)), round(1000 * 0.1215 * 30 / 365, 2)
        )
        with self.assertRaises(ReferenceRateError) as caught:
            invoice.compute_late_interest(date(2026, 7, 1))
        self.assertEqual(
            str(caught.exception),
            "The ECB main refinancing rate of the half-year from 07/01/2026 to 12/31/2026 is "
            "not confirmed (it is confirmed through 01/01/2026): enter it if it changed and "
            "confirm it under Debt Recovery > Configuration > Reference Rates.",
        )
        self.types["ecb"].confirmed_through = date(2026, 7, 1)
        self.assertTrue(invoice.compute_late_interest(date(2026, 7, 31)))

    def test_daily_job_sends_no_amount_and_asks_a_manager_once(self):
        invoice = self._invoice(self.debtor, 1000.0, "2026-06-20")
        for day in (date(2026, 7, 5), date(2026, 7, 6)):
            with freeze_time(day):
                self._run(day)
        case = self._case()
        self.assertFalse(case.communication_ids.filtered("level_id"))
        self.assertIn("not confirmed", case.last_error)
        activities = self.types["ecb"].activity_ids
        self.assertEqual(len(activities), 1)
        self.assertEqual(activities.summary, "Confirm the rate of the half-year from 07/01/2026")
        self.assertTrue(activities.user_id.has_group("debt_recovery.group_debt_recovery_manager"))
        # Confirmed: the next run sends the reminder with its amounts.
        self.types["ecb"].confirmed_through = date(2026, 7, 7)
        with freeze_time("2026-07-07"):
            self._run(date(2026, 7, 7))
        reminder = case.communication_ids.filtered("level_id")
        self.assertEqual(len(reminder), 1)
        self.assertEqual(reminder.line_ids.invoice_id, invoice)
        self.assertTrue(reminder.interest_amount)

    def test_ecb_rate_read_from_a_recorded_answer(self):
        self.env["ir.config_parameter"].sudo().set_param("debt_recovery.ecb_fetch", "True")
        with patch.object(type(self.RateType), "_ecb_answer", return_value=RECORDED) as answer:
            self.RateType._cron_keep_current(date(2026, 10, 2))
        self.assertEqual(answer.call_args.args[0], date(2025, 6, 11))
        ecb = dict(self.env["debt.recovery.rate"]._rates_for(self.company, "ecb"))
        self.assertEqual(ecb[date(2026, 9, 16)], 1.9)
        self.assertEqual(self.types["ecb"].confirmed_through, date(2026, 10, 2))
        # H2 2026 is now known (the rate in force on 1 July 2026 is still 2.15).
        invoice = self._invoice(self.debtor, 1000.0, "2026-06-30")
        self.assertEqual(
            invoice.compute_late_interest(date(2026, 7, 31)), round(1000 * 0.1215 * 31 / 365, 2)
        )
        # A broken answer changes nothing; off by the setting, nothing is read.
        with patch.object(type(self.RateType), "_ecb_answer", return_value="<html/>"):
            self.RateType._cron_keep_current(date(2026, 10, 3))
        self.assertEqual(self.types["ecb"].confirmed_through, date(2026, 10, 2))
        self.env["ir.config_parameter"].sudo().set_param("debt_recovery.ecb_fetch", False)
        with patch.object(type(self.RateType), "_ecb_answer") as answer:
            self.RateType._cron_keep_current(date(2026, 10, 4))
        answer.assert_not_called()

    def test_legal_rates_asked_in_june_and_december(self):
        self.env["ir.config_parameter"].sudo().set_param("debt_recovery.ecb_fetch", False)
        self.RateType._cron_keep_current(date(2026, 5, 31))
        self.assertFalse(self.types["legal"].activity_ids)
        for day in (date(2026, 12, 1), date(2026, 12, 2)):
            self.RateType._cron_keep_current(day)
        self.assertEqual(
            self.types["legal"].activity_ids.summary,
            "Enter the legal interest rate of the half-year from 01/01/2027",
        )
        self.assertEqual(len(self.types["legal_individual"].activity_ids), 1)
        # Already confirmed for that half-year: nothing asked.
        self.types["legal"].activity_ids.unlink()
        self.types["legal"].confirmed_through = date(2027, 1, 1)
        self.RateType._cron_keep_current(date(2026, 12, 3))
        self.assertFalse(self.types["legal"].activity_ids)
