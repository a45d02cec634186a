# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The setup checklist, and formal notices held back while a mandatory mention is missing."""

from datetime import date

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import DebtRecoveryCommon

SUMMARY = "Formal notice held back: mandatory mentions missing"


@tagged("post_install", "-at_install")
class TestSetupChecklist(DebtRecoveryCommon):
    def _items(self, company=None, today=date(2026, 3, 2)):
        items = (company or self.company)._debt_recovery_setup_checklist(today=today)
        return {item["key"]: item for item in items}

    def _activities(self, case):
        return self.env["mail.activity"].search(
            [("res_model", "=", case._name), ("res_id", "=", case.id), ("summary", "=", SUMMARY)]
        )

    def test_complete_company(self):
        items = self._items()
        for key in (
            "country",
            "mention_name",
            "mention_legal_form",
            "mention_address",
            "mention_registry",
            "mention_signatory",
            "mention_bank",
        ):
            self.assertTrue(items[key]["ok"], key)
            self.assertTrue(items[key]["url"], key)
        self.assertNotIn("french_law", items)
        self.assertFalse(
            self.company._debt_recovery_missing_mentions("formal_notice", self.debtor, self.policy)
        )

    def test_missing_items_with_a_link(self):
        self.company.write(
            {"company_registry": False, "debt_recovery_terms_of_sale": False, "country_id": False}
        )
        self.policy.signatory_id = False
        self.company.partner_id.bank_ids.sudo().unlink()
        items = self._items()
        for key in (
            "country",
            "mention_registry",
            "mention_signatory",
            "mention_bank",
            "terms_of_sale",
        ):
            self.assertFalse(items[key]["ok"], key)
            self.assertTrue(items[key]["url"].startswith("/odoo/"), key)
        self.assertIn(str(self.policy.id), items["mention_signatory"]["url"])
        missing = self.company._debt_recovery_missing_mentions(
            "formal_notice", self.debtor, self.policy
        )
        self.assertEqual([key for key, _label in missing], ["registry", "signatory", "bank"])
        # The settings show the checklist.
        settings = self.env["res.config.settings"].create({})
        self.assertIn('data-key="mention_registry"', settings.debt_recovery_checklist)

    def test_debtors_whose_type_is_to_choose(self):
        self.assertTrue(self._items()["debtor_types"]["ok"])
        club = self.env["res.partner"].create({"name": "Club Nautique", "is_company": True})
        self._invoice(club, 500.0, date(2026, 1, 15))
        self._run(date(2026, 3, 2))
        item = self._items()["debtor_types"]
        self.assertFalse(item["ok"])
        self.assertIn("1 debtors in recovery have no type", item["detail"])
        action = self.env.ref("debt_recovery.res_partner_action_type_missing")
        self.assertIn(action.xml_id, item["url"])
        club.debt_recovery_debtor_type = "professional"
        self.assertTrue(self._items()["debtor_types"]["ok"])

    def test_rates_of_the_current_half_year(self):
        Types = self.env["debt.recovery.rate.type"]
        today = date(2026, 3, 10)
        # Tables used without limit: nothing to confirm.
        self.assertTrue(self._items(today=today)["rates"]["ok"])
        Types.search([("code", "=", "ecb")]).confirmed_through = date(2025, 12, 31)
        item = self._items(today=today)["rates"]
        self.assertFalse(item["ok"])
        self.assertIn("ECB", item["detail"])
        Types.search([("code", "=", "ecb")]).confirmed_through = date(2026, 6, 30)
        self.assertTrue(self._items(today=today)["rates"]["ok"])

    def test_french_law_outside_france_in_the_checklist(self):
        self.company.country_id = self.env.ref("base.us")
        self.assertFalse(self._items()["french_law"]["ok"])
        self.company.debt_recovery_french_law = True
        self.assertNotIn("french_law", self._items())

    def test_daily_job_holds_the_formal_notice_back(self):
        self.company.company_registry = False
        self._invoice(self.debtor, 1000.0, "2026-03-01")
        self.policy.allow_level_skip = True
        self._run(date(2026, 4, 1))
        case = self._case()
        notices = case.communication_ids.filtered(lambda c: c.level_id.stage == "formal_notice")
        self.assertFalse(notices, "no formal notice without its mandatory mentions")
        self.assertIn("Company registry number", case.blocked_reason)
        activity = self._activities(case)
        self.assertEqual(len(activity), 1)
        self.assertIn("Company registry number", activity.note)
        # The next day: still held back, still one activity.
        self._run(date(2026, 4, 2))
        self.assertEqual(len(self._activities(case)), 1)
        # A user asking for it gets the reason, and nothing is written.
        with (
            freeze_time("2026-04-02"),
            self.assertRaisesRegex(UserError, "Company registry number"),
        ):
            case.with_user(self.manager).action_escalate_now()
        # Complete: the notice is prepared.
        self.company.company_registry = "RCS Paris 123 456 789"
        self._run(date(2026, 4, 3))
        self.assertTrue(
            case.communication_ids.filtered(lambda c: c.level_id.stage == "formal_notice")
        )

    def test_validation_refused_while_a_mention_is_missing(self):
        self._invoice(self.debtor, 1000.0, "2026-03-01")
        self.policy.allow_level_skip = True
        self._run(date(2026, 4, 1))
        notice = self._case().communication_ids.filtered(lambda c: c.state == "to_validate")
        self.assertTrue(notice)
        self.company.partner_id.bank_ids.sudo().unlink()
        with self.assertRaisesRegex(UserError, "Bank account"):
            notice.with_user(self.manager).action_validate()
        self.assertEqual(notice.state, "to_validate")
