# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The French demo company, loaded only where the French accounting localisation is installed
(the test command installs it in its test database).

The company is built once, here, and its whole story is checked on it: each add-on's part where
that add-on is installed (building it takes about a minute, so the add-ons do not build it again
in tests of their own)."""

import base64
import re

from odoo import fields
from odoo.tests import TransactionCase, tagged

from odoo.addons.debt_recovery.models.debt_recovery_demo import FRENCH_COMPANY, FRENCH_STORY


@tagged("post_install", "-at_install")
class TestDemoFrenchCompany(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if cls.env["ir.module.module"]._get("l10n_fr_account").state != "installed":
            cls.skipTest(cls, "l10n_fr_account is not installed")
        # The French company may already be there (a demo database): it is the one left out.
        others = [("company_id.name", "!=", FRENCH_COMPANY["name"])]
        cls.other_cases = cls._cases(others)
        cls.other_comms = cls.env["debt.recovery.communication"].search_count(others)
        cls.company = cls.env["debt.recovery.demo"]._demo_load_french_company()

    @classmethod
    def _cases(cls, domain):
        cases = cls.env["debt.recovery.case"].search_read(
            domain, ["state", "level_id", "write_date"]
        )
        return {case["id"]: case for case in cases}

    def test_company(self):
        company = self.company
        self.assertEqual(company.country_id.code, "FR")
        self.assertEqual(company.currency_id.name, "EUR")
        self.assertEqual(company.chart_template, "fr")
        self.assertTrue(company.debt_recovery_policy_id.level_ids)
        self.assertEqual(company.debt_recovery_policy_id.company_id, company)
        # Loaded once: a second call returns the same company and creates nothing.
        cases = self.env["debt.recovery.case"].search_count([])
        self.assertEqual(self.env["debt.recovery.demo"]._demo_load_french_company(), company)
        self.assertEqual(self.env["debt.recovery.case"].search_count([]), cases)

    def test_story(self):
        cases = self.env["debt.recovery.case"].search([("company_id", "=", self.company.id)])
        self.assertEqual(
            set(cases.partner_id.mapped("debt_recovery_debtor_type")),
            {"professional", "consumer", "public"},
        )
        self.assertTrue(all(p.lang in (False, "fr_FR") for p in cases.partner_id))
        by_name = {case.partner_id.name: case for case in cases}
        stages = set(cases.level_id.mapped("stage"))
        self.assertTrue({"amicable", "formal_notice", "litigation"} <= stages, stages)
        self.assertEqual(by_name["Pâtisserie Morel"].hold_reason, "dispute")
        self.assertEqual(by_name["Cabinet d'architectes Blanc"].hold_reason, "promise")
        self.assertEqual(by_name["Librairie Vidal"].state, "closed")
        # An instalment plan agreed, its first instalment paid; a reminder email bounced.
        plan = by_name["Boucherie Lambert"].plan_ids
        self.assertEqual(plan.state, "active")
        self.assertEqual(plan.line_ids.mapped("state").count("paid"), 1)
        # Agreed when its first instalment fell due, not when the demo was loaded.
        self.assertEqual(plan.date_activated, plan.date_start)
        self.assertLess(plan.date_activated, fields.Date.context_today(plan))
        self.assertEqual(by_name["Transports Roussel SARL"].delivery_issue, "bounced")
        # The debtor whose invoice is not due yet got the courteous reminder, and no case.
        preventive = self.env["debt.recovery.communication"].search(
            [("company_id", "=", self.company.id), ("level_id.stage", "=", "preventive")]
        )
        self.assertIn("Boulangerie Fabre SARL", preventive.partner_id.mapped("name"))
        # Every debtor of the story but that one has a case (the add-ons may add debtors).
        story = {row[0] for row in FRENCH_STORY}
        self.assertEqual(len(cases.filtered(lambda c: c.partner_id.name in story)), len(story) - 1)

    def test_story_written_in_french(self):
        """What the story writes is in French, the company's and its debtors' language: the
        dispute's note, and with the litigation add-on the settlement's reason."""
        invoices = self.env["account.move"].search(
            [("partner_id.name", "=", "Pâtisserie Morel"), ("company_id", "=", self.company.id)]
        )
        bodies = " ".join(invoices.message_ids.mapped(lambda m: str(m.body)))
        self.assertIn("Livraison incomplète", bodies)
        if "debt.recovery.settlement" in self.env:
            settlement = self.env["debt.recovery.settlement"].search(
                [("company_id", "=", self.company.id)]
            )
            self.assertEqual(
                settlement.mapped("reason"), ["Geste commercial après une livraison tardive"]
            )

    def test_setup_checklist(self):
        """The French company is set up as the checklist asks (with the portal, its debtors pay
        online with the demo provider), but for what a demo cannot know: a mail server, and
        the rates of the current half-year before they are published."""
        items = self.company._debt_recovery_setup_checklist()
        missing = {item["key"] for item in items if not item["ok"]}
        self.assertLessEqual(missing, {"mail_server", "rates"}, items)

    def test_receivables_make_sense(self):
        """What the dashboard shows: the part not due is within the total, days late are
        positive, the only credits are payments matched to their invoices."""
        lines = self.env["account.move.line"].search(
            [
                ("company_id", "=", self.company.id),
                ("account_type", "=", "asset_receivable"),
                ("parent_state", "=", "posted"),
                ("amount_residual", "!=", 0),
            ]
        )
        today = fields.Date.context_today(self.company)
        self.assertTrue(lines)
        self.assertTrue(all(line.amount_residual > 0 for line in lines), "no unapplied credit")
        total = sum(lines.mapped("amount_residual"))
        not_due = sum(
            lines.filtered(lambda line: line.date_maturity >= today).mapped("amount_residual")
        )
        self.assertGreater(not_due, 0)
        self.assertLess(not_due, total)

    def test_grades_spread(self):
        """The customers who pay on time are graded A or B, those who always pay late (the
        public bodies, the joinery in litigation) E, and the worklist uses at least 4 grades."""
        cases = self.env["debt.recovery.case"].search([("company_id", "=", self.company.id)])
        grade = {case.partner_id.name: case.risk_grade for case in cases}
        self.assertTrue(all(grade.values()), "every case is scored")
        for name in ("Librairie Vidal", "Cabinet d'architectes Blanc"):
            self.assertIn(grade[name], ("A", "B"), name)
        for name in ("Menuiserie Perrin & Fils", "Commune de Tarare"):
            self.assertEqual(grade[name], "E", name)
        self.assertGreaterEqual(len(set(grade.values())), 4, grade)

    def test_kpi_history_makes_sense(self):
        """With the reports add-on, the company has a year of KPI history: nothing negative,
        the part not due within the total (the story has no unapplied credit), promises kept
        and broken every month."""
        if "debt.recovery.kpi.snapshot" not in self.env:
            self.skipTest("the reports add-on is not installed")
        rows = self.env["debt.recovery.kpi.snapshot"].search(
            [("company_id", "=", self.company.id), ("user_id", "=", False)]
        )
        self.assertEqual(len(rows), 12)
        for row in rows:
            self.assertGreaterEqual(row.ar_ending_overdue, 0, row.month)
            self.assertLessEqual(row.ar_ending_overdue, row.ar_ending_open, row.month)
            self.assertAlmostEqual(row.ar_ending, row.ar_ending_open, 2, row.month)
            self.assertGreaterEqual(row.dso_standard, row.best_possible_dso, row.month)
            self.assertTrue(0 <= row.promise_kept_count <= 100, row.month)
        # Its customers' promises over the year: fewer kept a year ago than lately.
        kept = rows.sorted("month").mapped("promise_kept_count")
        self.assertGreater(kept[0], 0)
        self.assertGreater(kept[-1], kept[0])

    def test_french_first(self):
        """The demo opens in the French company, whose formal notices carry every mandatory
        mention."""
        self.assertEqual(self.env.ref("base.user_admin").company_id, self.company)
        debtors = (
            self.env["debt.recovery.case"].search([("company_id", "=", self.company.id)]).partner_id
        )
        self.assertTrue(debtors)
        for debtor in debtors:
            self.assertFalse(self.company._debt_recovery_missing_mentions("formal_notice", debtor))
        self.assertFalse(self.company.debt_recovery_policy_id.french_law_warning)
        notices = self.env["debt.recovery.communication"].search(
            [("company_id", "=", self.company.id), ("level_id.stage", "=", "formal_notice")]
        )
        self.assertTrue(notices)

    def test_french_law_stories(self):
        """Mediation, collection agency, settlement and court file: in the French company."""
        if "debt.recovery.court.file" not in self.env:
            self.skipTest("the litigation add-on is not installed")
        in_company = [("case_id.company_id", "=", self.company.id)]
        court_file = self.env["debt.recovery.court.file"].search(in_company)
        self.assertEqual(court_file.case_id.partner_id.name, "Menuiserie Perrin & Fils")
        self.assertEqual(court_file.case_id.currency_id.name, "EUR")
        for model in (
            "debt.recovery.mediation",
            "debt.recovery.settlement",
            "debt.recovery.agency.assignment",
        ):
            self.assertEqual(self.env[model].search_count(in_company), 1, model)

    def test_other_companies_untouched(self):
        self.assertEqual(
            self._cases([("company_id", "!=", self.company.id)]),
            self.other_cases,
        )
        self.assertEqual(
            self.env["debt.recovery.communication"].search_count(
                [("company_id", "!=", self.company.id)]
            ),
            self.other_comms,
        )

    def test_insured_buyer_with_a_declaration_due(self):
        """With the credit insurance add-on, the veterinary clinic is insured for less than it
        owes, and its declaration is due."""
        if "debt.recovery.insurance.policy" not in self.env:
            self.skipTest("the credit insurance add-on is not installed")
        case = self.env["debt.recovery.case"].search(
            [
                ("company_id", "=", self.company.id),
                ("partner_id.name", "=", "Clinique vétérinaire des Alpes"),
            ]
        )
        self.assertEqual(case.insurance_status, "declaration_due")
        self.assertTrue(case.insurance_policy_id)
        self.assertEqual(case.insurance_limit, 4000.0)
        self.assertEqual(case.insurance_exposure, 4490.0)
        self.assertEqual(case.insurance_uninsured, 490.0)
        self.assertTrue(
            case.activity_ids.filtered(
                lambda a: "Declare to the insurer" in (a.summary or "")
                or "assureur" in (a.summary or "")
            )
        )

    def test_closing_and_write_off(self):
        """With the accounting add-on, a closing with doubtful receivables, provisions by table
        and by matrix, and the liquidated printer written off with its VAT recovered."""
        if "debt.recovery.closing" not in self.env:
            self.skipTest("the accounting add-on is not installed")
        env = self.env(context=dict(self.env.context, allowed_company_ids=self.company.ids))
        closing = env["debt.recovery.closing"].search([("company_id", "=", self.company.id)])
        self.assertEqual(len(closing), 1)
        self.assertEqual(closing.state, "posted")
        self.assertTrue(closing.ledger_agrees)
        reasons = set(closing.line_ids.mapped("reason"))
        self.assertTrue({"litigation", "insolvency", "overdue"} <= reasons, reasons)
        self.assertIn("matrix", closing.line_ids.mapped("method"))
        # Written in French, the company's language: the closing's name and each line's basis.
        self.assertEqual(closing.name, f"Clôture du {closing.date.strftime('%d/%m/%Y')}")
        self.assertIn("de la table", " ".join(closing.line_ids.mapped("basis")))
        self.assertTrue(any(rate.invoice_count for rate in closing.loss_rate_ids))
        written_off = env["account.move"].search(
            [("company_id", "=", self.company.id), ("debt_recovery_written_off", "=", True)]
        )
        self.assertEqual(written_off.partner_id.mapped("name"), ["Imprimerie Chevalier SAS"])
        self.assertEqual(sum(written_off.mapped("debt_recovery_write_off_vat")), 600.0)
        case = env["debt.recovery.case"].search(
            [("company_id", "=", self.company.id), ("partner_id", "=", written_off.partner_id.id)]
        )
        self.assertEqual(case.state, "closed")
        # Loaded once: nothing posted twice.
        env["debt.recovery.demo"]._demo_load_french_company()
        self.assertEqual(
            env["debt.recovery.closing"].search_count([("company_id", "=", self.company.id)]), 1
        )

    def test_plans_paid_by_direct_debit(self):
        """With the direct debit add-on, a consumer's plan whose first debit came back for
        insufficient funds (AM04) and is presented again, and a professional's plan under a B2B
        mandate whose debit was refused (MS02): its return fee is re-invoiced in a draft
        invoice, in French."""
        if "account.banking.mandate" not in self.env:
            self.skipTest("the direct debit add-on is not installed")
        env = self.env(context=dict(self.env.context, allowed_company_ids=self.company.ids))
        Plan, Move = env["debt.recovery.plan"], env["account.move"]
        plans = {
            plan.partner_id.name: plan
            for plan in Plan.search(
                [("company_id", "=", self.company.id), ("mandate_id", "!=", False)]
            )
        }
        self.assertEqual(set(plans), {"Thomas Girard", "Fromagerie Rochat SARL"})
        consumer, pro = plans["Thomas Girard"], plans["Fromagerie Rochat SARL"]
        self.assertEqual((consumer.mandate_id.scheme, pro.mandate_id.scheme), ("CORE", "B2B"))
        retried = consumer.line_ids.sorted("sequence")[0]
        self.assertEqual(retried.direct_debit_return_reason_id.code, "AM04")
        self.assertEqual(
            (retried.direct_debit_state, retried.direct_debit_retries), ("notified", 1)
        )
        refused = pro.line_ids.sorted("sequence")[0]
        self.assertEqual(pro.line_ids.mapped("amount"), [800.0] * 3)
        self.assertEqual(refused.direct_debit_return_reason_id.code, "MS02")
        self.assertEqual(refused.direct_debit_state, "returned")
        self.assertTrue(pro.direct_debit, "still collected: the next instalments are debited")
        # One order for both debits, generated and uploaded: 800.00 of the professional's.
        order = refused.direct_debit_payment_line_ids.order_id
        self.assertEqual(order, retried.direct_debit_payment_line_ids.order_id)
        self.assertEqual(order.state, "uploaded")
        self.assertEqual(
            sum(refused.direct_debit_payment_line_ids.mapped("amount_currency")), 800.0
        )
        # The bank file names the company's account by its IBAN, not as another identifier.
        sent = env["ir.attachment"].search(
            [("res_model", "=", order._name), ("res_id", "=", order.id)], limit=1
        )
        pain = re.sub(rb">\s+<", b"><", base64.b64decode(sent.datas))
        self.assertIn(b"<CdtrAcct><Id><IBAN>FR7630004008280001234567841</IBAN>", pain)
        fee = Move.search([("debt_recovery_return_fee_line_id", "=", refused.id)])
        self.assertRecordValues(
            fee,
            [
                {
                    "state": "draft",
                    "move_type": "out_invoice",
                    "partner_id": pro.partner_id.id,
                    "amount_total": 20.0,
                    "invoice_origin": pro.name,
                }
            ],
        )
        self.assertIn("MS02", fee.invoice_line_ids.name)
        self.assertIn("rejeté", fee.invoice_line_ids.name)
        self.assertFalse(
            Move.search([("debt_recovery_return_fee_line_id", "in", consumer.line_ids.ids)])
        )
