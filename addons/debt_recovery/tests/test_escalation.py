# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from odoo.tests import tagged

from .common import DebtRecoveryCommon


@tagged("post_install", "-at_install")
class TestEscalation(DebtRecoveryCommon):
    def test_first_level_after_delay(self):
        self._invoice(self.debtor, 1000.0, "2026-03-01")
        self._run(date(2026, 3, 3))
        case = self._case()
        self.assertEqual(case.state, "open")
        self.assertFalse(case.level_id)
        self.assertEqual(case.next_action_date, date(2026, 3, 4))
        self._run(date(2026, 3, 4))
        self.assertEqual(case.level_id, self.level_by_name["First reminder"])
        self.assertEqual(len(case.communication_ids), 1)
        self.assertEqual(case.communication_ids.amount_due, 1000.0)
