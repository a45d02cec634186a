# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.debt_recovery_portal.tests.common import RecoveryPortalCommon
from odoo.addons.debt_recovery_reports.tests.common import text


@tagged("post_install", "-at_install")
class TestPortalSettlement(RecoveryPortalCommon):
    """The debtor reads and signs a pending settlement agreement on its page."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.settlement = (
            cls.env["debt.recovery.settlement"]
            .with_user(cls.manager)
            .create(
                {
                    "case_id": cls.case.id,
                    "amount": 1200.0,
                    "deadline": cls.today + timedelta(days=30),
                    "reason": "Commercial gesture",
                }
            )
        )
        cls.other_case._portal_ensure_token()

    def _sign(self, **values):
        return self._post(
            f"/settlement/{self.settlement.id}/sign",
            dict({"name": "Paul Durand", "accept": "1"}, **values),
        )

    def _signing_comms(self):
        return self.case.communication_ids.filtered(
            lambda c: c.channel == "portal" and "Settlement agreement signed" in (c.summary or "")
        )

    def test_page_shows_the_terms_and_the_agreement_to_read(self):
        page = self.url_open(self._page_url()).text
        self.assertIn("o_recovery_settlement_form", page)
        self.assertIn("1,200.00", page)
        self.assertIn(f"/my/recovery/{self.case.id}/settlement/{self.settlement.id}", page)
        response = self.url_open(self._page_url(suffix=f"/settlement/{self.settlement.id}"))
        self.assertEqual(response.status_code, 200)
        self.assertRegex(response.headers["Content-Type"], "^(application/pdf|text/html)")
        # Another debtor's link never opens this agreement; nor a forged one.
        for case, token in ((self.other_case, None), (self.case, "forged")):
            url = f"/my/recovery/{case.id}/settlement/{self.settlement.id}"
            response = self.url_open(f"{url}?access_token={token or case.access_token}")
            self.assertEqual(response.status_code, 404)

    def test_the_debtor_signs_once_and_the_evidence_is_kept(self):
        # Without accepting the terms, or without a name: refused, nothing written.
        for values in ({"accept": ""}, {"name": "  "}):
            with self.subTest(values=values):
                response = self._sign(**values)
                self.assertEqual(response.status_code, 400)
                self.assertFalse(self.settlement.signed_on)
                self.assertFalse(self._signing_comms())
        response = self._sign()
        self.assertEqual(response.status_code, 303)
        self.assertIn("done=settlement_signed", response.headers["Location"])
        settlement = self.settlement
        self.assertEqual(settlement.signed_by, "Paul Durand")
        self.assertTrue(settlement.signed_on)
        self.assertEqual(settlement.signed_ip, "127.0.0.1")
        agreement = settlement.signed_agreement_id
        self.assertEqual((agreement.res_model, agreement.res_id), (settlement._name, settlement.id))
        comm = self._signing_comms()
        self.assertEqual(len(comm), 1)
        self.assertEqual(comm.portal_ip, "127.0.0.1")
        self.assertIn('"accept": "1"', comm.portal_payload)
        self.assertEqual(comm.invoice_ids, settlement.line_ids.move_id)
        # The agreement as signed: the debtor's block filled, the online signature stated.
        html = text(
            self.env["ir.actions.report"]
            ._render_qweb_html(
                "debt_recovery_litigation.action_report_settlement_letter", settlement.ids
            )[0]
            .decode()
        )
        self.assertIn("Signed by Paul Durand on", html)
        self.assertIn("from the IP address 127.0.0.1", html)
        # The page says so and serves the signed document; a second signature is refused.
        page = self.url_open(self._page_url(suffix="") + "&done=settlement_signed").text
        self.assertIn("the settlement agreement is signed", page)
        self.assertNotIn("o_recovery_settlement_form", page)
        response = self.url_open(self._page_url(suffix=f"/settlement/{settlement.id}"))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, agreement.raw)
        response = self._sign(name="Someone Else")
        self.assertEqual(response.status_code, 400)
        self.assertEqual(settlement.signed_by, "Paul Durand")
        with self.assertRaisesRegex(UserError, "cannot be signed any more"):
            settlement._sign("Someone Else")

    def test_nobody_else_signs_for_the_debtor(self):
        # An employee who reads the case, with or without the link: refused.
        self.authenticate(self.collector.login, self.collector.login)
        for token in ("", self.case.access_token):
            with self.subTest(token=bool(token)):
                response = self._post(
                    f"/settlement/{self.settlement.id}/sign",
                    {"name": "Claire Collector", "accept": "1"},
                    token=token,
                )
                self.assertEqual(response.status_code, 403)
        self.logout()
        # Another debtor's link does not sign this case's agreement.
        response = self._post(
            f"/settlement/{self.settlement.id}/sign",
            {"name": "Léa Autre", "accept": "1"},
            case=self.other_case,
        )
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self.settlement.signed_on)
        # Nor does anyone through the ORM: the signature is evidence.
        with self.assertRaisesRegex(UserError, "evidence"):
            self.settlement.with_user(self.manager).write({"signed_ip": "203.0.113.9"})
