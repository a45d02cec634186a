# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""No formal notice, plan or settlement to a consumer without the company's consumer mediator
(C. conso L612-1, L616-1): a user gets an error saying where to set it, the daily job skips the
document and asks for it once."""

from datetime import date, timedelta

from freezegun import freeze_time

from odoo import Command, fields
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import DebtRecoveryCommon


@tagged("post_install", "-at_install")
class TestMandatoryMentions(DebtRecoveryCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        cls.mediator = cls.company.debt_recovery_consumer_mediator_id
        cls.company.debt_recovery_consumer_mediator_id = False

    def test_the_rule_shared_by_documents_and_the_checklist(self):
        company = self.company
        missing = company._debt_recovery_missing_mentions("formal_notice", self.consumer)
        self.assertEqual([mention for mention, _label in missing], ["consumer_mediator"])
        for document in ("formal_notice", "plan", "settlement"):
            self.assertFalse(company._debt_recovery_missing_mentions(document, self.debtor))
        company.debt_recovery_consumer_mediator_id = self.mediator
        self.assertFalse(company._debt_recovery_missing_mentions("plan", self.consumer))

    def test_a_user_gets_a_clear_error(self):
        invoice = self._invoice(self.consumer, 600.0, fields.Date.today() - timedelta(days=5))
        plan = self.env["debt.recovery.plan"].create(
            {
                "partner_id": self.consumer.id,
                "invoice_ids": [Command.set(invoice.ids)],
                "instalment_count": 3,
            }
        )
        plan.action_generate_schedule()
        with self.assertRaises(UserError) as caught:
            plan.action_activate()
        self.assertEqual(
            str(caught.exception),
            f"An instalment plan to Jeanne Martin cannot be produced for {self.company.name}: "
            "set the consumer mediator (articles L612-1 and L616-1 of the Code de la "
            "consommation): set it under Settings > Debt Recovery > Consumer mediator.",
        )
        self.assertEqual(plan.state, "draft")
        self.company.debt_recovery_consumer_mediator_id = self.mediator
        plan.action_activate()
        self.assertEqual(plan.state, "active")

    def test_the_daily_job_skips_the_notice_and_asks_once(self):
        self._invoice(self.consumer, 1000.0, "2025-05-15", invoice_date="2025-04-15")
        day = date(2025, 5, 16)
        while day <= date(2025, 6, 20):
            with freeze_time(day):
                self._run(day)
            day += timedelta(days=1)
        case = self._case(self.consumer)
        stages = case.communication_ids.mapped("stage")
        self.assertIn("amicable", stages)
        self.assertNotIn("formal_notice", stages)
        activities = case.activity_ids.filtered(lambda a: "mandatory mentions" in a.summary)
        self.assertEqual(len(activities), 1)
        self.assertEqual(activities.summary, "Formal notice held back: mandatory mentions missing")
        self.assertIn("consumer mediator", activities.note)
        # Set: the next run proposes the formal notice, and the manager may validate it.
        self.company.debt_recovery_consumer_mediator_id = self.mediator
        with freeze_time("2025-06-21"):
            self._run(date(2025, 6, 21))
            notice = case.communication_ids.filtered(lambda c: c.stage == "formal_notice")
            self.assertEqual(notice.state, "to_validate")
            self.company.debt_recovery_consumer_mediator_id = False
            with self.assertRaisesRegex(UserError, "A formal notice to Jeanne Martin cannot"):
                notice.with_user(self.manager).action_validate()

    def test_a_companys_type_is_chosen_before_any_notice(self):
        """A company's debtor type is never assumed: created without one, it has none; its
        penalties are reckoned as a consumer's (nothing before a formal notice), no formal
        notice nor plan is produced, and the daily job holds the notice and asks once."""
        self.company.debt_recovery_consumer_mediator_id = self.mediator
        association = self.env["res.partner"].create(
            {"name": "Association Sportive de Vienne", "is_company": True, "lang": "en_US"}
        )
        person = self.env["res.partner"].create({"name": "Marc Petit", "lang": "en_US"})
        self.assertFalse(association.debt_recovery_debtor_type)
        self.assertEqual(person.debt_recovery_debtor_type, "consumer")
        missing = self.company._debt_recovery_missing_mentions("formal_notice", association)
        self.assertEqual([mention for mention, _label in missing], ["debtor_type"])
        invoice = self._invoice(association, 1000.0, "2025-05-15", invoice_date="2025-04-15")
        self.assertEqual(
            invoice._debt_recovery_penalties(date(2025, 6, 15))[invoice.id]["indemnity"], 0
        )
        plan = self.env["debt.recovery.plan"].create(
            {
                "partner_id": association.id,
                "company_id": self.company.id,
                "invoice_ids": [Command.set(invoice.ids)],
                "instalment_count": 2,
            }
        )
        plan.action_generate_schedule()
        with self.assertRaisesRegex(UserError, "the debtor's type .* choose it on the debtor's"):
            plan.action_activate()
        day = date(2025, 5, 16)
        while day <= date(2025, 6, 20):
            with freeze_time(day):
                self._run(day)
            day += timedelta(days=1)
        case = self._case(association)
        self.assertNotIn("formal_notice", case.communication_ids.mapped("stage"))
        activity = case.activity_ids.filtered(lambda a: "mandatory mentions" in a.summary)
        self.assertEqual(len(activity), 1)
        self.assertIn("the debtor's type", activity.note)
        # Chosen: the next run proposes the formal notice.
        association.debt_recovery_debtor_type = "professional"
        with freeze_time("2025-06-21"):
            self._run(date(2025, 6, 21))
        self.assertIn("formal_notice", case.communication_ids.mapped("stage"))
