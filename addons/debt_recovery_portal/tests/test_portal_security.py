# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""A token opens one case's data only: forged ids, expired and revoked links, another debtor's
link, logins of other debtors, the per-link action budget."""

import json
from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tests.common import new_test_user

from .common import RecoveryPortalCommon


@tagged("post_install", "-at_install")
class TestPortalSecurity(RecoveryPortalCommon):
    def test_signed_link_opens_the_page(self):
        url = self.case.get_portal_url()
        self.assertEqual(url, f"/my/recovery/{self.case.id}?access_token={self.case.access_token}")
        self.assertTrue(self.case.portal_token_date)
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.invoice.name, response.text)
        self.assertIn(self.invoice_2.name, response.text)
        self.assertNotIn(self.other_invoice.name, response.text)
        self.assertEqual(self.case._debt_recovery_portal_url(), self.case.get_base_url() + url)

    def test_no_token_wrong_token_other_token(self):
        for token in ("", "forged-token", self.other_case.access_token):
            with self.subTest(token=token):
                response = self.url_open(f"/my/recovery/{self.case.id}?access_token={token}")
                self.assertEqual(response.status_code, 403)
                self.assertNotIn(self.invoice.name, response.text)
        response = self.url_open(f"/my/recovery/999999?access_token={self.case.access_token}")
        self.assertEqual(response.status_code, 403)

    def test_expired_link(self):
        self.case.portal_token_date = fields.Datetime.now() - timedelta(days=400)
        response = self.url_open(self._page_url())
        self.assertEqual(response.status_code, 403)
        self.assertIn("expired", response.text)
        self.env["ir.config_parameter"].sudo().set_param(
            "debt_recovery_portal.link_validity_months", "24"
        )
        self.assertEqual(self.url_open(self._page_url()).status_code, 200)

    def test_revoked_link_closes_page_and_documents(self):
        old = self.case.access_token
        with self.assertRaises(AccessError):
            self.case.with_user(self.collector).action_portal_revoke()
        self.case.with_user(self.manager).action_portal_revoke()
        self.assertNotEqual(self.case.access_token, old)
        for suffix in ("", f"/invoice/{self.invoice.id}"):
            with self.subTest(suffix=suffix):
                response = self.url_open(f"/my/recovery/{self.case.id}{suffix}?access_token={old}")
                self.assertIn(response.status_code, (403, 404))
        self.assertEqual(self.url_open(self._page_url()).status_code, 200)

    def test_documents_of_another_debtor_are_unreachable(self):
        own = self.url_open(self._page_url(suffix=f"/invoice/{self.invoice.id}"))
        self.assertEqual(own.status_code, 200)
        forged = [
            f"/invoice/{self.other_invoice.id}",
            f"/letter/{self._letter(self.other_case).id}",
            f"/agreement/{self._other_plan().id}",
        ]
        for suffix in forged:
            with self.subTest(suffix=suffix):
                response = self.url_open(self._page_url(suffix=suffix))
                self.assertEqual(response.status_code, 404)
        # The other debtor's token does not open this case's documents either.
        response = self.url_open(
            self._page_url(token=self.other_case.access_token, suffix=f"/invoice/{self.invoice.id}")
        )
        self.assertEqual(response.status_code, 404)

    def test_letters_as_sent_are_served_by_the_case_token(self):
        letter = self._letter(self.case)
        response = self.url_open(self._page_url(suffix=f"/letter/{letter.id}"))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, b"%PDF-1.4 letter")
        page = self.url_open(self._page_url()).text
        self.assertIn(f"/my/recovery/{self.case.id}/letter/{letter.id}", page)

    def test_portal_users_see_their_own_case_only(self):
        contact = self.env["res.partner"].create(
            {"name": "Paul Durand", "parent_id": self.debtor.id, "email": "paul@durand.test"}
        )
        user = new_test_user(
            self.env, login="durand_portal", groups="base.group_portal", partner_id=contact.id
        )
        self.authenticate(user.login, user.login)
        home = self.url_open("/my")
        self.assertEqual(home.status_code, 200)
        self.assertIn('href="/my/recovery"', home.text)
        counters = self.url_open(
            "/my/counters",
            data=json.dumps({"params": {"counters": ["recovery_count"]}}),
            headers={"Content-Type": "application/json"},
        )
        self.assertEqual(counters.json()["result"]["recovery_count"], 1)
        self.assertEqual(self.url_open(f"/my/recovery/{self.case.id}").status_code, 200)
        listing = self.url_open("/my/recovery")
        self.assertIn(f"/my/recovery/{self.case.id}", listing.text)
        self.assertNotIn(f"/my/recovery/{self.other_case.id}", listing.text)
        self.assertEqual(self.url_open(f"/my/recovery/{self.other_case.id}").status_code, 403)

    def test_actions_are_rate_limited_per_link(self):
        self.env["ir.config_parameter"].sudo().set_param(
            "debt_recovery_portal.actions_per_hour", "2"
        )
        promised = fields.Date.to_string(self.today + timedelta(days=10))
        dispute = {"invoice_id": self.invoice.id, "reason_id": self._reason().id, "message": "x"}
        self.assertEqual(
            self._post("/promise", {"date": promised, "amount": "500"}).status_code, 303
        )
        self.assertEqual(self._post("/dispute", dispute).status_code, 303)
        response = self._post("/dispute", dict(dispute, invoice_id=self.invoice_2.id))
        self.assertEqual(response.status_code, 400)
        self.assertIn("Too many requests", response.text)
        self.assertFalse(self.invoice_2.debt_recovery_exclusion_reason == "dispute")
        self.assertEqual(self.case._portal_actions_left(), 0)
        # Another debtor's link has its own budget.
        other = self._post("/promise", {"date": promised, "amount": "700"}, case=self.other_case)
        self.assertEqual(other.status_code, 303)

    def test_forged_targets_are_refused(self):
        response = self._post(
            "/dispute",
            {"invoice_id": self.other_invoice.id, "reason_id": self._reason().id, "message": "x"},
        )
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self.other_invoice.debt_recovery_excluded)
        plan = self._other_plan()
        response = self._post(f"/plan/{plan.id}/sign", {"name": "Forger", "accept": "1"})
        self.assertEqual(response.status_code, 400)
        self.assertFalse(plan.portal_signed_on)
        forged_pay = f"&what=invoice&invoice_id={self.other_invoice.id}"
        response = self.url_open(self._page_url(suffix="/pay") + forged_pay)
        self.assertEqual(response.status_code, 400)

    def test_transaction_amount_is_the_servers(self):
        route = f"/my/recovery/{self.case.id}/transaction/invoice/{self.invoice.id}"
        payload = {
            "provider_id": self.provider.id,
            "payment_method_id": self.provider.payment_method_ids[:1].id,
            "token_id": None,
            "amount": 1.0,
            "flow": "direct",
            "tokenization_requested": False,
            "landing_route": "https://evil.example.com",
            "is_validation": False,
            "access_token": self.case.access_token,
        }
        response = self.url_open(
            route,
            data=json.dumps({"jsonrpc": "2.0", "method": "call", "params": payload}),
            headers={"Content-Type": "application/json"},
        )
        self.assertEqual(response.status_code, 200, response.text)
        self.assertNotIn("error", response.json())
        tx = self.env["payment.transaction"].sudo().search([("invoice_ids", "=", self.invoice.id)])
        self.assertEqual(tx.amount, 1000.0)
        self.assertEqual(tx.partner_id, self.debtor)
        self.assertTrue(tx.landing_route.startswith(f"/my/recovery/{self.case.id}"))
        payload["access_token"] = self.other_case.access_token
        response = self.url_open(
            route,
            data=json.dumps({"jsonrpc": "2.0", "method": "call", "params": payload}),
            headers={"Content-Type": "application/json"},
        )
        self.assertIn("error", response.json())

    # ------------------------------------------------------------------ helpers
    def _letter(self, case):
        comm = self.env["debt.recovery.communication"].create(
            {
                "partner_id": case.partner_id.id,
                "case_id": case.id,
                "company_id": case.company_id.id,
                "channel": "letter",
                "direction": "outbound",
                "state": "done",
            }
        )
        attachment = self.env["ir.attachment"].create(
            {
                "name": "letter.pdf",
                "raw": b"%PDF-1.4 letter",
                "res_model": comm._name,
                "res_id": comm.id,
                "mimetype": "application/pdf",
            }
        )
        comm.sudo().evidence_attachment_id = attachment
        return comm

    def _other_plan(self):
        plan = self.env["debt.recovery.plan"].create(
            {
                "partner_id": self.other.id,
                "company_id": self.company.id,
                "invoice_ids": [Command.set(self.other_invoice.ids)],
                "instalment_count": 2,
            }
        )
        plan.action_generate_schedule()
        plan.action_activate()
        attachment = self.env["ir.attachment"].create(
            {
                "name": "agreement.pdf",
                "raw": b"%PDF-1.4",
                "res_model": plan._name,
                "res_id": plan.id,
            }
        )
        plan.sudo().portal_agreement_id = attachment
        return plan

    def _reason(self):
        return self.env["debt.recovery.late.reason"]._portal_dispute_reasons(self.company)[:1]
