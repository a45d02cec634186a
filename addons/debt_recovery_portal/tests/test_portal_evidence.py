# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""What the debtor's page proves cannot be forged, and what it serves cannot leak: files served
only from the record the route names, Odoo's generic token doors closed on cases, evidence
written by the page's own actions only, debtor actions taken by the debtor only, bad input
refused with a message and nothing written."""

import json
from datetime import timedelta
from unittest.mock import patch

import psycopg2

from odoo import SUPERUSER_ID, Command, api, fields
from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tests.common import new_test_user

from odoo.addons.debt_recovery.tests.common import DebtRecoveryCommon

from ..controllers.portal import RecoveryPortal
from ..engine import portal_rules
from .common import RecoveryPortalCommon

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"


@tagged("post_install", "-at_install")
class TestPortalEvidence(RecoveryPortalCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.secret = cls.env["ir.attachment"].create(
            {
                "name": "salaries.pdf",
                "raw": b"%PDF-1.4 private payroll",
                "mimetype": "application/pdf",
            }
        )

    def _portal_comms(self):
        return self.env["debt.recovery.communication"].search(
            [("case_id", "=", self.case.id), ("channel", "=", "portal")]
        )

    def _rpc(self, route, params):
        response = self.url_open(
            route,
            data=json.dumps({"jsonrpc": "2.0", "method": "call", "params": params}),
            headers={"Content-Type": "application/json"},
        )
        return response

    # ------------------------------------------------------------------ files (finding 1)
    def test_served_files_belong_to_the_record_the_route_names(self):
        plan = self.env["debt.recovery.plan"].create(
            {
                "partner_id": self.debtor.id,
                "company_id": self.company.id,
                "invoice_ids": [Command.set(self.invoice.ids)],
                "instalment_count": 2,
            }
        )
        # Through the ORM, nobody points the evidence at a file.
        with self.assertRaisesRegex(UserError, "evidence"):
            plan.with_user(self.collector).write({"portal_agreement_id": self.secret.id})
        with self.assertRaisesRegex(UserError, "evidence"):
            plan.with_user(self.manager).write({"portal_agreement_id": self.secret.id})
        Comm = self.env["debt.recovery.communication"].with_user(self.collector)
        with self.assertRaisesRegex(UserError, "evidence"):
            Comm.create(
                {
                    "partner_id": self.debtor.id,
                    "case_id": self.case.id,
                    "channel": "letter",
                    "direction": "outbound",
                    "state": "done",
                    "evidence_attachment_id": self.secret.id,
                }
            )
        # Even pointed by the system at a file of another record, the routes serve nothing.
        plan.sudo().portal_agreement_id = self.secret
        comm = self.env["debt.recovery.communication"].create(
            {
                "partner_id": self.debtor.id,
                "case_id": self.case.id,
                "channel": "letter",
                "direction": "outbound",
                "state": "done",
            }
        )
        comm.sudo().evidence_attachment_id = self.secret
        for suffix in (f"/agreement/{plan.id}", f"/letter/{comm.id}"):
            with self.subTest(route=suffix):
                response = self.url_open(self._page_url(suffix=suffix))
                self.assertEqual(response.status_code, 404)
                self.assertNotIn(b"private payroll", response.content)

    # ------------------------------------------------------------------ one door (finding 2)
    def test_generic_token_doors_never_open_a_case(self):
        self.case.activity_schedule(
            "mail.mail_activity_data_todo",
            summary="Internal: debtor about to file for insolvency",
            user_id=self.collector.id,
        )
        for label, date_made in (("valid", fields.Datetime.now()), ("expired", None)):
            if date_made is None:
                self.case.portal_token_date = fields.Datetime.now() - timedelta(days=800)
            token = self.case.access_token
            base = {"thread_model": self.case._name, "thread_id": self.case.id, "token": token}
            with self.subTest(link=label, route="/mail/thread/data"):
                response = self._rpc(
                    "/mail/thread/data",
                    dict(base, request_list=["activities", "attachments", "followers"]),
                )
                self.assertNotIn("about to file for insolvency", response.text)
                self.assertNotIn("mail.activity", response.json().get("result", {}))
            with self.subTest(link=label, route="/mail/message/post"):
                before = len(self.case.message_ids)
                response = self._rpc(
                    "/mail/message/post",
                    dict(base, post_data={"body": "Forged message", "message_type": "comment"}),
                )
                self.assertIn("error", response.json())
                self.assertEqual(len(self.case.message_ids), before)
            with self.subTest(link=label, route="/mail/chatter_fetch"):
                self.assertIn("error", self._rpc("/mail/chatter_fetch", base).json())
            with self.subTest(link=label, route="_get_thread_with_access"):
                Case = self.env["debt.recovery.case"].with_user(self.env.ref("base.public_user"))
                for mode in ("read", "write"):
                    self.assertFalse(Case._get_thread_with_access(self.case.id, mode, token=token))
                    self.assertFalse(
                        Case._get_thread_with_access(
                            self.case.id,
                            mode,
                            hash=self.case._sign_token(self.debtor.id),
                            pid=self.debtor.id,
                        )
                    )
        # Employees keep their access rights through these routes.
        Case = self.env["debt.recovery.case"].with_user(self.collector)
        self.assertEqual(Case._get_thread_with_access(self.case.id, "write"), self.case)

    # ------------------------------------------------------------------ forgery (finding 6)
    def test_portal_evidence_is_written_by_the_page_only(self):
        Comm = self.env["debt.recovery.communication"]
        forged = {
            "portal_ip": "203.0.113.9",
            "portal_user_agent": "Mozilla",
            "portal_datetime": fields.Datetime.now(),
            "portal_payload": '{"consent": "1"}',
        }
        for user in (self.collector, self.manager):
            for name, value in forged.items():
                with self.subTest(user=user.login, field=name):
                    with self.assertRaisesRegex(UserError, "evidence"):
                        Comm.with_user(user).create(
                            {
                                "partner_id": self.debtor.id,
                                "case_id": self.case.id,
                                "channel": "portal",
                                "direction": "inbound",
                                name: value,
                            }
                        )
        plan = self.env["debt.recovery.plan"].create(
            {
                "partner_id": self.debtor.id,
                "company_id": self.company.id,
                "invoice_ids": [Command.set(self.invoice.ids)],
                "instalment_count": 2,
            }
        )
        for name, value in {
            "portal_signed_by": "Jean Durand",
            "portal_signed_on": fields.Datetime.now(),
            "portal_signed_ip": "203.0.113.9",
            "portal_requested": True,
        }.items():
            with self.subTest(field=name), self.assertRaisesRegex(UserError, "evidence"):
                plan.with_user(self.collector).write({name: value})
        # What the page wrote is kept once: not even the system rewrites it.
        self.assertEqual(self._post("/promise", self._promise()).status_code, 303)
        logged = self._portal_comms()
        self.assertEqual(logged.portal_ip, "127.0.0.1")
        with self.assertRaisesRegex(UserError, "already kept as evidence"):
            logged.sudo().portal_ip = "203.0.113.9"

    def test_employees_do_not_act_as_the_debtor(self):
        """A logged-in employee (who may read the case) sees the page, but the debtor's
        actions are refused to him, with or without the link; nothing is written."""
        self.authenticate(self.collector.login, self.collector.login)
        self.assertEqual(self.url_open(f"/my/recovery/{self.case.id}").status_code, 200)
        for token in ("", self.case.access_token):
            with self.subTest(token=bool(token)):
                response = self._post("/promise", self._promise(), token=token)
                self.assertEqual(response.status_code, 403)
                self.assertIn("o_recovery_denied", response.text)
        self.assertFalse(self.case.promise_ids)
        self.assertFalse(self._portal_comms())
        # A portal user of another debtor does not act on this case either.
        other_contact = self.env["res.partner"].create(
            {"name": "Léa Autre", "parent_id": self.other.id}
        )
        other_user = new_test_user(
            self.env, login="other_portal", groups="base.group_portal", partner_id=other_contact.id
        )
        self.authenticate(other_user.login, other_user.login)
        response = self._post("/promise", self._promise())
        self.assertEqual(response.status_code, 403)
        self.assertFalse(self.case.promise_ids)

    # ------------------------------------------------------------------ finding 8
    def test_missing_case_and_wrong_token_answer_alike(self):
        answers = [
            self.url_open(f"/my/recovery/{self.case.id}?access_token=forged"),
            self.url_open("/my/recovery/999999?access_token=forged"),
            self.url_open(f"/my/recovery/999999?access_token={self.case.access_token}"),
        ]
        self.assertEqual({r.status_code for r in answers}, {403})
        for response in answers:
            self.assertIn("This link is not valid.", response.text)
            self.assertNotIn("does not exist", response.text)
        json_answers = [
            self._rpc(f"/my/recovery/{case_id}/plan/schedule", {"count": 3, "access_token": "x"})
            .json()
            .get("result")
            for case_id in (self.case.id, 999999)
        ]
        self.assertEqual(json_answers[0], json_answers[1])

    def test_dispute_files_are_not_read_before_the_link_is_checked(self):
        data = {"invoice_id": self.invoice.id, "reason_id": self._reason().id, "message": "x"}
        with patch.object(RecoveryPortal, "_recovery_files", autospec=True) as read_files:
            response = self._post(
                "/dispute", data, token="forged", files={"attachments": ("a.pdf", PDF)}
            )
        self.assertEqual(response.status_code, 403)
        read_files.assert_not_called()

    def test_bad_input_gets_a_message_and_writes_nothing(self):
        self.debtor.debt_recovery_debtor_type = "consumer"
        category = self.env["debt.recovery.assessment.category"].search(
            [("assessment_kind", "in", ("individual", "both")), ("kind", "=", "income")], limit=1
        )
        reason = self._reason()
        cases = [
            ("/assessment", {f"category_{category.id}": "nan", "consent": "1"}),
            ("/assessment", {f"category_{category.id}": "inf", "consent": "1"}),
            ("/assessment", {f"category_{category.id}": "-5", "consent": "1"}),
            ("/assessment", {f"category_{category.id}": "1e308", "consent": "1"}),
            ("/assessment", {f"category_{category.id}": "99999999999999999", "consent": "1"}),
            ("/promise", self._promise(amount="nan")),
            ("/promise", self._promise(amount="<b>500</b>")),
            ("/promise", {"date": "2026-02-30", "amount": "500"}),
            ("/promise", {"date": "next week", "amount": "500"}),
            ("/plan", {"count": "3.5"}),
            ("/plan", {"count": "-1"}),
            ("/plan", {"count": "1" * 30}),
        ]
        for suffix, data in cases:
            with self.subTest(route=suffix, data=data):
                response = self._post(suffix, data)
                self.assertEqual(response.status_code, 400)
                self.assertIn('class="alert alert-danger', response.text)
        files = [
            ("script.pdf", b"#!/bin/sh\nrm -rf /\n"),  # a script named as a PDF
            ("page.html", b"<html><script>alert(1)</script></html>"),
            ("big.pdf", PDF + b"0" * 2048),  # over the limit, lowered here to 2 kB
        ]
        for name, raw in files:
            with self.subTest(file=name), patch.object(portal_rules, "MAX_FILE_BYTES", 2048):
                response = self._post(
                    "/dispute",
                    {"invoice_id": self.invoice.id, "reason_id": reason.id, "message": "x"},
                    files={"attachments": (name, raw)},
                )
                self.assertEqual(response.status_code, 400)
                self.assertIn("Attach at most 5 files", response.text)
        self.assertFalse(self._portal_comms())
        self.assertFalse(self.case.assessment_ids)
        self.assertFalse(self.case.promise_ids)
        self.assertFalse(self.case.plan_ids)
        self.assertFalse(self.invoice.debt_recovery_excluded)
        # HTML typed in a message is kept and shown as text, never interpreted.
        response = self._post(
            "/dispute",
            {
                "invoice_id": self.invoice.id,
                "reason_id": reason.id,
                "message": "<img src=x onerror=alert(1)>",
            },
            files={"attachments": ("note.pdf", PDF)},
        )
        self.assertEqual(response.status_code, 303)
        page = self.url_open(self._page_url()).text
        self.assertNotIn("<img src=x onerror=alert(1)>", page)
        self.assertIn("&lt;img src=x onerror=alert(1)&gt;", page)

    def test_amounts_are_read_in_the_pages_language(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.debtor.lang = "fr_FR"
        self.policy.write({"portal_promise_max_days": 20, "portal_promise_min_share": 10.0})
        response = self._post("/promise", self._promise(amount="1 200,50"))
        self.assertEqual(response.status_code, 303)
        self.assertEqual(self.case.promise_ids.amount, 1200.5)

    # ------------------------------------------------------------------ helpers
    def _promise(self, amount="500"):
        return {
            "date": fields.Date.to_string(self.today + timedelta(days=5)),
            "amount": amount,
        }

    def _reason(self):
        return self.env["debt.recovery.late.reason"]._portal_dispute_reasons(self.company)[:1]


@tagged("post_install", "-at_install")
class TestPortalRateUnderLock(DebtRecoveryCommon):
    """Two requests of one link at once, on two connections as two server workers take them:
    the case is committed first (and deleted at the end), since other connections only see
    committed rows."""

    def test_rate_limit_counts_under_the_case_lock(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            partner = env["res.partner"].create(
                {
                    "name": "Parallel debtor",
                    "is_company": True,
                    "debt_recovery_debtor_type": "professional",
                }
            )
            case_id = env["debt.recovery.case"].create({"partner_id": partner.id}).id
            partner_id = partner.id
        self.addCleanup(self._delete, case_id, partner_id)
        with self.registry.cursor() as cr_a, self.registry.cursor() as cr_b:
            case_a = api.Environment(cr_a, SUPERUSER_ID, {})["debt.recovery.case"].browse(case_id)
            case_a._portal_check_rate()  # the first request counts, then logs its action
            # The second one cannot count before the first one has committed or rolled back.
            cr_b.execute("SET LOCAL lock_timeout = '200ms'")
            case_b = api.Environment(cr_b, SUPERUSER_ID, {})["debt.recovery.case"].browse(case_id)
            with self.assertRaises(psycopg2.errors.LockNotAvailable):
                case_b._portal_check_rate()
            cr_b.rollback()
            cr_a.rollback()

    def _delete(self, case_id, partner_id):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["debt.recovery.case"].browse(case_id).unlink()
            env["res.partner"].browse(partner_id).unlink()
