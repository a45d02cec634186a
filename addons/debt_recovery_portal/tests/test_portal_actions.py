# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The debtor's actions through the page's routes: the records they leave, the evidence, the
holds; the payment's refresh of the case, plan and promise; links in emails and letters."""

import json
from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .common import RecoveryPortalCommon


@tagged("post_install", "-at_install")
class TestPortalActions(RecoveryPortalCommon):
    def _portal_comms(self):
        return self.env["debt.recovery.communication"].search(
            [("case_id", "=", self.case.id), ("channel", "=", "portal")]
        )

    def test_french_page_writes_and_reads_french_amounts(self):
        """On a French page the promised amount is pre-filled "1 500,00" (French grouping and
        decimal comma), and a date and an amount typed the French way are read as such."""
        self.env["res.lang"]._activate_lang("fr_FR")
        self.debtor.lang = "fr_FR"
        self.policy.write({"portal_promise_max_days": 20, "portal_promise_min_share": 10.0})
        page = self.url_open(self._page_url()).text
        maximum = self.case._portal_promise_bounds(self.today).maximum
        euros, cents = f"{maximum:.2f}".split(".")
        separator = self.env["res.lang"]._get_data(code="fr_FR").thousands_sep
        grouped = f"{int(euros):,}".replace(",", separator)
        self.assertIn(f'value="{grouped},{cents}"', page)
        self.assertIn('data-widget="datetime-picker"', page)
        # The page's scripts, the date picker's among them, are in French too.
        self.assertIn('"bundle_params": {"lang": "fr_FR"', page)
        soon = self.today + timedelta(days=10)
        response = self._post("/promise", {"date": "abc", "amount": "800,00"})
        self.assertEqual(response.status_code, 400)
        typed = soon.strftime("%d/%m/%Y")
        response = self._post("/promise", {"date_typed": typed, "amount": "8OO"})
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self.case.promise_ids)
        # Typed without JavaScript, the French way (the picker sends an ISO date).
        response = self._post("/promise", {"date_typed": typed, "amount": "1\u202f000,50"})
        self.assertEqual(response.status_code, 303)
        self.assertRecordValues(self.case.promise_ids, [{"amount": 1000.5, "date": soon}])

    def test_promise_within_bounds_holds_the_ladder(self):
        self.policy.write({"portal_promise_max_days": 20, "portal_promise_min_share": 50.0})
        late = fields.Date.to_string(self.today + timedelta(days=30))
        response = self._post("/promise", {"date": late, "amount": "1500"})
        self.assertEqual(response.status_code, 400)
        self.assertIn("Choose a date between", response.text)
        soon = fields.Date.to_string(self.today + timedelta(days=10))
        response = self._post("/promise", {"date": soon, "amount": "100"})
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self.case.promise_ids)
        response = self._post("/promise", {"date": soon, "amount": "800"})
        self.assertEqual(response.status_code, 303)
        promise = self.case.promise_ids
        self.assertRecordValues(
            promise, [{"amount": 800.0, "date": self.today + timedelta(days=10), "state": "open"}]
        )
        self.assertEqual(promise.invoice_ids, self.invoice | self.invoice_2)
        reasons = promise.invoice_ids.mapped("debt_recovery_exclusion_reason")
        self.assertEqual(reasons, ["promise", "promise"])
        self.assertEqual(self.case.state, "on_hold")
        comm = promise.communication_id
        self.assertRecordValues(
            comm,
            [{"channel": "portal", "direction": "inbound", "outcome": "promise", "state": "done"}],
        )
        self.assertEqual(comm.portal_ip, "127.0.0.1")
        self.assertTrue(comm.portal_user_agent)
        self.assertEqual(json.loads(comm.portal_payload)["amount"], "800")

    def test_dispute_with_attachment(self):
        reason = self.env["debt.recovery.late.reason"]._portal_dispute_reasons(self.company)[:1]
        response = self._post(
            "/dispute",
            {"invoice_id": self.invoice.id, "reason_id": reason.id, "message": "Never delivered."},
            files={"attachments": ("proof.txt", b"delivery note", "text/plain")},
        )
        self.assertEqual(response.status_code, 303)
        self.assertRecordValues(
            self.invoice,
            [{"debt_recovery_excluded": True, "debt_recovery_exclusion_reason": "dispute"}],
        )
        comm = self._portal_comms()
        self.assertRecordValues(comm, [{"outcome": "dispute", "late_reason_id": reason.id}])
        files = self.env["ir.attachment"].search(
            [("res_model", "=", comm._name), ("res_id", "=", comm.id)]
        )
        self.assertEqual(files.mapped("raw"), [b"delivery note"])
        self.assertTrue(self.case.activity_ids)
        # The collector answers on the case: the debtor reads it on the page.
        self.case.with_user(self.collector).message_post(
            body="We are checking with the carrier.",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        page = self.url_open(self._page_url()).text
        self.assertIn("We are checking with the carrier.", page)
        self.assertIn("Never delivered.", page)

    def test_plan_request_under_thresholds_is_accepted_then_signed(self):
        self.policy.write({"portal_plan_auto_instalments": 3, "portal_plan_auto_amount": 2000.0})
        schedule = self._json("/plan/schedule", {"count": 3})
        self.assertEqual(len(schedule["lines"]), 3)
        self.assertIn("error", self._json("/plan/schedule", {"count": 60}))
        response = self._post("/plan", {"count": "3"})
        self.assertEqual(response.status_code, 303)
        plan = self.case.plan_ids
        self.assertRecordValues(
            plan, [{"state": "active", "portal_requested": True, "instalment_count": 3}]
        )
        self.assertAlmostEqual(sum(plan.line_ids.mapped("amount")), 1500.0)
        self.assertEqual(self.case.state, "on_hold")
        response = self._post(f"/plan/{plan.id}/sign", {"name": "Jean Durand", "accept": "1"})
        self.assertEqual(response.status_code, 303)
        self.assertEqual(plan.portal_signed_by, "Jean Durand")
        self.assertEqual(plan.portal_signed_ip, "127.0.0.1")
        self.assertTrue(plan.portal_signed_on)
        self.assertIn(b"Signed online by", plan.portal_agreement_id.raw)
        self.assertIn(b"Jean Durand", plan.portal_agreement_id.raw)
        agreement = self.url_open(self._page_url(suffix=f"/agreement/{plan.id}"))
        self.assertEqual(agreement.status_code, 200)
        self.assertEqual(len(self._portal_comms()), 2)

    def test_plan_request_over_thresholds_waits_for_a_collector(self):
        self.policy.write({"portal_plan_auto_instalments": 2, "portal_plan_auto_amount": 2000.0})
        self.assertEqual(self._post("/plan", {"count": "5"}).status_code, 303)
        plan = self.case.plan_ids
        self.assertEqual(plan.state, "draft")
        self.assertTrue(plan.activity_ids)
        self.assertEqual(self._post("/plan", {"count": "9"}).status_code, 400)

    def test_consumer_budget_arrives_as_draft_assessment(self):
        self.debtor.debt_recovery_debtor_type = "consumer"
        category = self.env["debt.recovery.assessment.category"].search(
            [("assessment_kind", "in", ("individual", "both")), ("kind", "=", "income")], limit=1
        )
        data = {f"category_{category.id}": "1800"}
        self.assertEqual(self._post("/assessment", data).status_code, 400)
        self.assertEqual(self._post("/assessment", dict(data, consent="1")).status_code, 303)
        assessment = self.case.assessment_ids
        self.assertEqual(assessment.state, "draft")
        line = assessment.sudo().line_ids.filtered(lambda rec: rec.category_id == category)
        self.assertEqual(line.amount, 1800.0)
        self.assertIn("consent", json.loads(self._portal_comms().portal_payload))

    def test_payment_refreshes_case_plan_and_promise_at_once(self):
        promise = self.env["debt.recovery.promise"].create(
            {
                "partner_id": self.debtor.id,
                "case_id": self.case.id,
                "amount": 1000.0,
                "date": self.today + timedelta(days=5),
                "invoice_ids": [fields.Command.set(self.invoice.ids)],
            }
        )
        invoices, amount = self.case._portal_payment_target("invoice", self.invoice.id)
        self.assertEqual(amount, 1000.0)
        tx = (
            self.env["payment.transaction"]
            .sudo()
            .create(
                {
                    "provider_id": self.provider.id,
                    "payment_method_id": self.provider.payment_method_ids[:1].id,
                    "amount": amount,
                    "currency_id": self.currency.id,
                    "partner_id": self.debtor.id,
                    "invoice_ids": [fields.Command.set(invoices.ids)],
                    "reference": "RECOVERY-TEST-1",
                    "operation": "online_direct",
                }
            )
        )
        tx._set_done()
        tx._post_process()
        self.assertIn(self.invoice.payment_state, ("paid", "in_payment"))
        self.assertEqual(promise.state, "kept")
        self.assertEqual(self.case.amount_overdue, 500.0)

    def test_links_in_emails_and_letters(self):
        url = self.case._debt_recovery_portal_url()
        comm = self.env["debt.recovery.communication"].create(
            {
                "partner_id": self.debtor.id,
                "case_id": self.case.id,
                "company_id": self.company.id,
                "channel": "email",
                "direction": "outbound",
                "state": "to_send",
            }
        )
        template = self.env.ref("debt_recovery.mail_template_amicable")
        body = template._render_field("body_html", comm.ids)[comm.id]
        self.assertIn(url, body)
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("debt_recovery_reports.action_report_case_letter", self.case.ids)[0]
            .decode()
        )
        self.assertIn(url.replace("&", "&amp;"), html)
        self.assertIn("o_recovery_link", html)
        self.assertIn("data:image/png;base64", html)
        self.assertNotIn('name="pay_online"', html, "the page's link replaces one link per invoice")

    def test_tokens_made_in_one_statement(self):
        """The links of a batch of reminders: the cases' tokens are made at once, each its own."""
        debtors = self.env["res.partner"].create(
            [{"name": f"Token Debtor {n}", "email": f"t{n}@example.com"} for n in range(6)]
        )
        cases = self.env["debt.recovery.case"].create(
            [{"partner_id": debtor.id, "company_id": self.company.id} for debtor in debtors]
        )
        cases.flush_recordset()
        self.assertFalse(any(cases.mapped("access_token")))
        before = self.env.cr.sql_log_count
        cases._portal_ensure_token()
        self.assertLessEqual(self.env.cr.sql_log_count - before, 2)
        tokens = cases.mapped("access_token")
        self.assertEqual(len(set(tokens)), 6)
        self.assertTrue(all(cases.mapped("portal_token_date")))
        self.assertEqual(cases[0]._portal_ensure_token(), tokens[0])

    def test_page_in_the_debtors_language(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(["debt_recovery_portal"], ["fr_FR"])
        self.debtor.lang = "fr_FR"
        page = self.url_open(self._page_url()).text
        self.assertIn("Ce que vous pouvez faire", page)
        self.assertIn("Promesse de paiement", page)
        self.debtor.lang = "en_US"
        page = self.url_open(self._page_url()).text
        self.assertIn("What you can do", page)

    def test_page_data_is_read_set_based(self):
        """The page reads the same number of queries for 2 invoices as for 12."""

        def count_queries():
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            values = self.case._portal_page_values(self.today)
            return self.env.cr.sql_log_count - before, len(values["invoice_rows"])

        few, rows = count_queries()
        self.assertEqual(rows, 2)
        self.assertGreater(few, 0)
        for days in range(10):
            self._invoice(self.debtor, 100.0 + days, self.today - timedelta(days=days + 1))
        many, rows = count_queries()
        self.assertEqual(rows, 12)
        self.assertLessEqual(many, few)

    def _json(self, suffix, params):
        response = self.url_open(
            f"/my/recovery/{self.case.id}{suffix}",
            data=json.dumps(
                {
                    "jsonrpc": "2.0",
                    "method": "call",
                    "params": dict(params, access_token=self.case.access_token),
                }
            ),
            headers={"Content-Type": "application/json"},
        )
        return response.json()["result"]
