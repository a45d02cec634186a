# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from odoo import Command, fields
from odoo.exceptions import AccessError
from odoo.tests.common import new_test_user

from odoo.addons.account.tests.common import AccountTestInvoicingCommon

# Operations of an access matrix, by the letter that stands for them.
ACCESS_OPERATIONS = {"r": "read", "w": "write", "c": "create", "u": "unlink"}
# A ladder shaped like the French default one, without emails (fast and deterministic).
TEST_LADDER = [
    # (name, delay, stage, extra values)
    ("Before due", -5, "preventive", {}),
    ("First reminder", 3, "amicable", {}),
    ("Firm reminder", 10, "amicable", {"send_letter": True}),
    ("Call", 20, "amicable", {"create_activity": True}),
    (
        "Formal notice",
        30,
        "formal_notice",
        {"send_letter": True, "registered_letter": True, "manual_validation": True},
    ),
    ("Pre-litigation", 45, "pre_litigation", {"create_activity": True}),
    ("Litigation", 60, "litigation", {"create_activity": True}),
]


class DebtRecoveryCommon(AccountTestInvoicingCommon):
    """Accounting company, a test ladder, a professional and a consumer debtor, users."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        # The debtors below write in English, whatever the database's first language.
        cls.env["res.lang"]._activate_lang("en_US")
        # The tests' reference rates are taken as known for good; confirmation has tests of
        # its own (test_rate_confirmation).
        cls.env["debt.recovery.rate.type"].search([]).confirmed_through = False
        cls.company = cls.company_data["company"]
        # The test ladder is the French one: a company in France, whose letters quote French law.
        cls.company.country_id = cls.env.ref("base.fr")
        # Every mandatory mention of a formal notice, so that the ladder runs to its end.
        cls.company.write(
            {
                "street": "1 rue de la Paix",
                "zip": "75002",
                "city": "Paris",
                "company_registry": "RCS Paris 123 456 789",
                "debt_recovery_legal_form": "SAS au capital de 10 000 EUR",
            }
        )
        cls.env["res.partner.bank"].sudo().create(
            {"acc_number": "FR7630006000011234567890189", "partner_id": cls.company.partner_id.id}
        )
        cls.currency = cls.company.currency_id
        cls.policy = cls._create_policy(cls.company)
        cls.company.debt_recovery_policy_id = cls.policy
        # Documents to consumers name the company's consumer mediator (a mandatory mention).
        cls.company.debt_recovery_consumer_mediator_id = cls.env["res.partner"].create(
            {"name": "Médiateur de la consommation (test)", "city": "Paris"}
        )
        cls.levels = cls.policy.level_ids.sorted(lambda lv: (lv.sequence, lv.delay_days))
        cls.level_by_name = {level.name: level for level in cls.levels}
        cls.debtor = cls.env["res.partner"].create(
            {
                "name": "Durand Bâtiment SARL",
                "is_company": True,
                "debt_recovery_debtor_type": "professional",
                "email": "compta@durand.test",
                "lang": "en_US",
            }
        )
        cls.consumer = cls.env["res.partner"].create(
            {
                "name": "Jeanne Martin",
                "is_company": False,
                "email": "jeanne@martin.test",
                "lang": "en_US",
            }
        )
        cls.collector = cls._user("dr_collector", "Claire Collector", "user")
        cls.manager = cls._user("dr_manager", "Marc Manager", "manager")

    @classmethod
    def _user(cls, login, name, role):
        """A user of the test company: role 'user' or 'manager' of Debt Recovery, or 'billing'
        (invoicing only, outside Debt Recovery)."""
        groups = {
            "user": "debt_recovery.group_debt_recovery_user",
            "manager": "debt_recovery.group_debt_recovery_manager",
            "billing": "account.group_account_invoice",
        }[role]
        return new_test_user(
            cls.env,
            login=login,
            name=name,
            groups=groups,
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )

    def assertAccessMatrix(self, matrix, records, users, roles):
        """Check a table of allowed operations: ``matrix`` maps a key of ``records`` to one
        string of letters (r, w, c, u; "-" for none) per role of ``roles``; one subTest per
        cell, through ``check_access`` (access rights and record rules, no side effect)."""
        for key, row in matrix.items():
            record = records[key]
            for role, allowed in zip(roles, row, strict=True):
                for letter, operation in ACCESS_OPERATIONS.items():
                    with self.subTest(model=record._name, key=key, role=role, op=operation):
                        checked = record.with_user(users[role])
                        if letter in allowed:
                            checked.check_access(operation)
                        else:
                            with self.assertRaises(AccessError):
                                checked.check_access(operation)

    @classmethod
    def _grant_budget_access(cls, users):
        """Individuals' budgets are read by the "Capacity assessments" group only."""
        group = cls.env.ref("debt_recovery.group_debt_recovery_assessment")
        users.groups_id = [Command.link(group.id)]

    @classmethod
    def _create_policy(cls, company, ladder=None, **values):
        ladder = TEST_LADDER if ladder is None else ladder
        # A signatory, as every formal notice needs one (a mandatory mention).
        values.setdefault("signatory_id", cls.env.user.id)
        return cls.env["debt.recovery.policy"].create(
            {
                "name": "Test ladder",
                "company_id": company.id,
                "level_ids": [
                    Command.create(
                        {
                            "sequence": index,
                            "name": name,
                            "delay_days": delay,
                            "stage": stage,
                            "response_days": 8,
                            **extra,
                        }
                    )
                    for index, (name, delay, stage, extra) in enumerate(ladder)
                ],
                **values,
            }
        )

    @classmethod
    def _invoice(cls, partner, amount, due, invoice_date=None, company=None, post=True):
        """A posted customer invoice of ``amount`` (no tax) due on ``due``."""
        company = company or cls.company
        due = fields.Date.to_date(due)
        move = (
            cls.env["account.move"]
            .with_company(company)
            .create(
                {
                    "move_type": "out_invoice",
                    "partner_id": partner.id,
                    "company_id": company.id,
                    "invoice_date": invoice_date or due,
                    "invoice_date_due": due,
                    "invoice_line_ids": [
                        Command.create(
                            {"name": "Services", "price_unit": amount, "tax_ids": [Command.clear()]}
                        )
                    ],
                }
            )
        )
        if post:
            move.action_post()
        return move

    @classmethod
    def _pay(cls, invoices, amount=None, pay_date=None):
        """Register a payment on ``invoices`` (full residual by default)."""
        values = {"payment_date": pay_date or date.today()}
        if amount is not None:
            values["amount"] = amount
        wizard = (
            cls.env["account.payment.register"]
            .with_context(active_model="account.move", active_ids=invoices.ids)
            .create(values)
        )
        return wizard._create_payments()

    def _run(self, day):
        """Run the daily job as of ``day``."""
        self.env["debt.recovery.case"].with_context(tracking_disable=True)._cron_escalate_at(
            fields.Date.to_date(day)
        )

    def _case(self, partner=None, company=None):
        return self.env["debt.recovery.case"].search(
            [
                ("partner_id", "=", (partner or self.debtor).id),
                ("company_id", "=", (company or self.company).id),
            ]
        )
