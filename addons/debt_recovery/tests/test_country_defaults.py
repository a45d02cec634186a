# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""A company's ladder follows its country; French law is quoted only where it governs."""

from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import DebtRecoveryCommon

FRENCH_LAW_MARKERS = ("Code de commerce", "Code civil", "Code de la", "L441-10")


@tagged("post_install", "-at_install")
class TestCountryDefaults(DebtRecoveryCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.french = cls.env.ref("debt_recovery.policy_default")
        cls.reminders = cls.env.ref("debt_recovery.policy_reminders_only")

    def _company(self, name, country=None):
        values = {"name": name}
        if country:
            values["country_id"] = self.env.ref(country).id
        return self.env["res.company"].create(values)

    def test_default_ladder_by_country(self):
        cases = [
            ("Lyon SAS", "base.fr", self.french, True),
            ("Boston Inc", "base.us", self.reminders, False),
            ("Berlin GmbH", "base.de", self.reminders, False),
            ("Nowhere Ltd", None, self.reminders, False),
        ]
        for name, country, template, cites in cases:
            with self.subTest(name=name):
                company = self._company(name, country)
                policy = company.debt_recovery_policy_id
                self.assertEqual(policy.company_id, company)
                self.assertEqual(policy.name, template.name)
                self.assertEqual(
                    sorted(policy.level_ids.mapped("stage")),
                    sorted(template.level_ids.mapped("stage")),
                )
                self.assertEqual(policy.cites_french_law, cites)
                self.assertFalse(policy.french_law_warning)
                self.assertFalse(policy.country_ladder_id)

    def test_country_change_offers_the_matching_ladder(self):
        company = self._company("Lyon SAS", "base.fr")
        french_policy = company.debt_recovery_policy_id
        company.country_id = self.env.ref("base.us")
        self.assertTrue(french_policy.french_law_warning)
        self.assertEqual(french_policy.country_ladder_id, self.reminders)
        self.assertEqual(french_policy.country_ladder_name, self.reminders.name)
        # A collector sees the banner but cannot switch the company's ladder.
        with self.assertRaises(AccessError):
            french_policy.with_user(self.collector).action_use_country_ladder()
        action = french_policy.action_use_country_ladder()
        new_policy = company.debt_recovery_policy_id
        self.assertEqual(action["res_id"], new_policy.id)
        self.assertNotEqual(new_policy, french_policy)
        self.assertEqual(new_policy.company_id, company)
        self.assertFalse(new_policy.cites_french_law)
        self.assertFalse(new_policy.country_ladder_id)
        self.assertTrue(french_policy.exists(), "the former policy is kept")
        # Back to France: the reminders-only ladder is offered the French one.
        company.country_id = self.env.ref("base.fr")
        self.assertEqual(new_policy.country_ladder_id, self.french)
        self.assertFalse(new_policy.french_law_warning)

    def test_confirmed_french_law_needs_no_other_ladder(self):
        company = self._company("Geneva SA", "base.ch")
        policy = company._debt_recovery_adopt_template(self.french)
        self.assertTrue(policy.french_law_warning)
        self.assertTrue(policy.country_ladder_id)
        company.debt_recovery_french_law = True
        self.assertFalse(policy.french_law_warning)
        self.assertFalse(policy.country_ladder_id)

    def test_no_french_law_quoted_outside_france_unless_confirmed(self):
        company = self._company("Boston Inc", "base.us")
        policy = company._debt_recovery_adopt_template(self.french)
        day = date(2026, 3, 2)
        for debtor_type in ("professional", "consumer", "public"):
            for formal_notice in (False, True):
                with self.subTest(debtor_type=debtor_type, formal_notice=formal_notice):
                    terms = policy._penalty_terms(debtor_type, day, formal_notice=formal_notice)
                    text = " ".join(str(value) for value in terms.values())
                    for marker in FRENCH_LAW_MARKERS:
                        self.assertNotIn(marker, text)
        company.debt_recovery_french_law = True
        terms = policy._penalty_terms("professional", day, formal_notice=True)
        self.assertIn("L441-10", terms["interest"])
        self.assertIn("D441-5", terms["indemnity"])

    def test_french_company_quotes_french_law(self):
        terms = self.policy._penalty_terms("consumer", date(2026, 3, 2), formal_notice=True)
        self.assertIn("Code civil", terms["interest"])
