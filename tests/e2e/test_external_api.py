"""End-to-end: what an integration sees through Odoo's external API (JSON-RPC, odoorpc)."""

from datetime import date, timedelta

import odoorpc

from odoo.tests import HttpCase, get_db_name, tagged


@tagged("post_install", "-at_install")
class TestExternalApi(HttpCase):
    def setUp(self):
        super().setUp()
        self.api = odoorpc.ODOO("127.0.0.1", port=self.http_port(), timeout=120)
        self.api.login(get_db_name(), "admin", "admin")

    def test_overdue_invoice_becomes_a_case_with_penalties(self):
        api = self.api
        env = api.env
        company_id = env.user.company_id.id
        partner_id = env["res.partner"].create(
            {
                "name": "API Debtor SAS",
                "is_company": True,
                "debt_recovery_debtor_type": "professional",
                "email": "api@debtor.example",
            }
        )
        due = date.today() - timedelta(days=12)
        invoice_id = env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": partner_id,
                "invoice_date": (due - timedelta(days=30)).isoformat(),
                "invoice_date_due": due.isoformat(),
                "invoice_line_ids": [
                    (0, 0, {"name": "Consulting", "price_unit": 2500.0, "tax_ids": [(5, 0, 0)]})
                ],
            }
        )
        env["account.move"].action_post([invoice_id])
        # The accountant's step each June and December: the reference rates are confirmed
        # through the current half-year (the ECB's is also read from its data API, off here).
        today = date.today()
        half_year_end = date(today.year, 6, 30) if today.month <= 6 else date(today.year, 12, 31)
        rate_types = env["debt.recovery.rate.type"].search([])
        env["debt.recovery.rate.type"].write(
            rate_types, {"confirmed_through": half_year_end.isoformat()}
        )
        # Integrators start the daily job through its scheduled actions: the daily one prepares
        # the day and triggers the escalation workers, which the cron runner then runs; here
        # the first worker is run at once (one batch holds this case).
        for xmlid in ("ir_cron_debt_recovery_escalate", "ir_cron_debt_recovery_escalate_worker_1"):
            cron_id = env["ir.model.data"].search_read(
                [("module", "=", "debt_recovery"), ("name", "=", xmlid)], ["res_id"]
            )[0]["res_id"]
            env["ir.cron"].method_direct_trigger([cron_id])
        cases = env["debt.recovery.case"].search_read(
            [("partner_id", "=", partner_id), ("company_id", "=", company_id)],
            [
                "state",
                "level_id",
                "amount_overdue",
                "days_overdue",
                "communication_ids",
                "blocked_reason",
                "last_error",
                "policy_id",
                "next_action_date",
            ],
        )
        self.assertEqual(len(cases), 1)
        case = cases[0]
        self.assertEqual(case["state"], "open")
        self.assertEqual(case["amount_overdue"], 2500.0)
        self.assertEqual(case["days_overdue"], 12)
        self.assertTrue(case["level_id"], case)
        self.assertEqual(len(case["communication_ids"]), 1)
        # The invoice shows the level it was claimed at, and can be searched by it.
        invoice = env["account.move"].read([invoice_id], ["debt_recovery_level_id"])[0]
        self.assertEqual(invoice["debt_recovery_level_id"][0], case["level_id"][0])
        claimed = env["account.move"].search(
            [("debt_recovery_level_id", "=", case["level_id"][0]), ("id", "=", invoice_id)]
        )
        self.assertEqual(claimed, [invoice_id])
        # The public penalty methods, as of a date. The database's company is not in France:
        # its default policy sends reminders only, without statutory interest or indemnity.
        at = (due + timedelta(days=10)).isoformat()
        policy = env["debt.recovery.policy"].read([case["policy_id"][0]], ["interest_mode"])[0]
        self.assertEqual(policy["interest_mode"], "none")
        self.assertEqual(
            env["account.move"].compute_late_penalties([invoice_id], at),
            {"interest": 0.0, "indemnity": 0.0},
        )
        # With the French ladder for this debtor: ECB + 10 points and the indemnity.
        french = env["ir.model.data"].search_read(
            [("module", "=", "debt_recovery"), ("name", "=", "policy_default")], ["res_id"]
        )[0]["res_id"]
        env["res.partner"].write([partner_id], {"debt_recovery_policy_id": french})
        interest = env["account.move"].compute_late_interest([invoice_id], at)
        self.assertGreater(interest, 0.0)
        self.assertLess(interest, 2500.0 * 0.2 * 10 / 365)
        penalties = env["account.move"].compute_late_penalties([invoice_id], at)
        self.assertEqual(penalties, {"interest": interest, "indemnity": 40.0})
        # Running it again the same day changes nothing.
        env["ir.cron"].method_direct_trigger([cron_id])
        again = env["debt.recovery.case"].read([case["id"]], ["communication_ids"])[0]
        self.assertEqual(again["communication_ids"], case["communication_ids"])
