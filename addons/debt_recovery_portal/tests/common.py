# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import re
from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase

from odoo.addons.debt_recovery.tests.common import DebtRecoveryCommon

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


class RecoveryPortalCommon(DebtRecoveryCommon, HttpCase):
    """Two professional debtors with overdue invoices and their cases, the demo payment
    provider enabled for the test company."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.today()
        cls.debtor.write({"lang": "en_US", "debt_recovery_debtor_type": "professional"})
        cls.other = cls.env["res.partner"].create(
            {
                "name": "Autre Débiteur SAS",
                "is_company": True,
                "debt_recovery_debtor_type": "professional",
                "lang": "en_US",
            }
        )
        cls.invoice = cls._invoice(cls.debtor, 1000.0, cls.today - timedelta(days=15))
        cls.invoice_2 = cls._invoice(cls.debtor, 500.0, cls.today - timedelta(days=5))
        cls.other_invoice = cls._invoice(cls.other, 700.0, cls.today - timedelta(days=20))
        Case = cls.env["debt.recovery.case"]
        Case.with_context(tracking_disable=True)._cron_escalate_at(cls.today)
        cls.case = Case.search([("partner_id", "=", cls.debtor.id)])
        cls.other_case = Case.search([("partner_id", "=", cls.other.id)])
        cls.case._portal_ensure_token()
        cls.other_case._portal_ensure_token()
        cls.provider = cls._demo_provider(cls.company)

    @classmethod
    def _demo_provider(cls, company):
        Provider = cls.env["payment.provider"].sudo()
        provider = Provider.search([("code", "=", "demo"), ("company_id", "=", company.id)])
        if not provider:
            provider = Provider.search([("code", "=", "demo")], limit=1).copy(
                {"company_id": company.id}
            )
        provider.write({"state": "test", "is_published": True})
        # Payments go to an outstanding receipts account: Odoo reconciles them at once.
        line = provider.journal_id.inbound_payment_method_line_ids.filtered(
            lambda pml: pml.payment_provider_id == provider
        )
        line.payment_account_id = cls.inbound_payment_method_line.payment_account_id
        return provider

    def _page_url(self, case=None, token=None, suffix=""):
        case = case or self.case
        token = case.access_token if token is None else token
        query = f"?access_token={token}" if token else ""
        return f"/my/recovery/{case.id}{suffix}{query}"

    def _csrf(self, case=None):
        response = self.url_open(self._page_url(case))
        self.assertEqual(response.status_code, 200)
        return CSRF.search(response.text).group(1)

    def _post(self, suffix, data, case=None, token=None, files=None):
        case = case or self.case
        token = case.access_token if token is None else token
        payload = dict(data, csrf_token=self._csrf(case), access_token=token)
        return self.url_open(
            f"/my/recovery/{case.id}{suffix}", data=payload, files=files, allow_redirects=False
        )
