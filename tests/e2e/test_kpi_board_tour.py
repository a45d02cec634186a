"""Browser tour of the KPI board: graphs on one screen, a filter, the drill-down (Chromium)."""

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import HttpCase, tagged

from odoo.addons.debt_recovery.tests.common import DebtRecoveryCommon

BOARD = "/odoo/action-debt_recovery_reports.debt_recovery_kpi_board_action"
TOUR_TIMEOUT = 120


@tagged("post_install", "-at_install")
class TestKpiBoardTour(DebtRecoveryCommon, HttpCase):
    def test_manager_drills_down_from_the_board(self):
        """KPI Board > Claire's late-payment rate > last month > its snapshot > promises."""
        self.manager.write({"lang": "en_US", "tz": "UTC"})
        partner = self.env["res.partner"].create(
            {
                "name": "Tour Board SAS",
                "is_company": True,
                "debt_recovery_debtor_type": "professional",
            }
        )
        case = self.env["debt.recovery.case"].create(
            {"partner_id": partner.id, "company_id": self.company.id, "user_id": self.collector.id}
        )
        last = fields.Date.today().replace(day=1) - relativedelta(months=1)
        self.env["debt.recovery.promise"].create(
            {
                "partner_id": partner.id,
                "case_id": case.id,
                "company_id": self.company.id,
                "amount": 300.0,
                "date": last + relativedelta(days=9),
                "date_made": last,
            }
        )
        # A year of history, as the monthly job stores it (only it writes snapshots).
        self.env["debt.recovery.kpi.snapshot"].sudo().create(
            [
                {
                    "company_id": self.company.id,
                    "user_id": user_id,
                    "month": last - relativedelta(months=n),
                    "ar_ending": 10000.0,
                    "ar_ending_overdue": 1000.0 + 200.0 * n,
                    "dso_standard": 40.0 + n,
                    "cei": 80.0 - n,
                    "late_payment_count": 20.0 + n,
                    "promise_kept_count": 70.0 - n,
                }
                for n in range(12)
                for user_id in (False, self.collector.id)
            ]
        )
        self.start_tour(
            BOARD, "debt_recovery_kpi_board", login=self.manager.login, timeout=TOUR_TIMEOUT
        )
