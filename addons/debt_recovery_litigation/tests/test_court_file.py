# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
import io
import json
import zipfile
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.debt_recovery_reports.tests.common import text

from .common import LitigationCommon

TODAY = date(2024, 3, 31)


@tagged("post_install", "-at_install")
class TestCourtFile(LitigationCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with freeze_time("2024-03-01"):
            cls.inv1 = cls._invoice(cls.debtor, 1000.0, "2024-01-15")
            cls.inv2 = cls._invoice(cls.debtor, 500.0, "2024-02-29")
            cls.disputed = cls._invoice(cls.debtor, 300.0, "2024-02-10")
            cls.disputed._debt_recovery_hold("dispute", note="Delivery incomplete")
            cls.c_inv = cls._invoice(cls.consumer, 800.0, "2024-01-15")
            cls.case = cls._case_at(cls.debtor, date(2024, 3, 1), cls.formal)
            cls.c_case = cls._case_at(cls.consumer, date(2024, 3, 1), cls.formal)
            cls.p_inv = cls._invoice(cls.public, 1000.0, "2024-01-15")
            # Received on 16 December 2023: the legal 30 days end on the due date.
            cls.p_inv.debt_recovery_received_date = date(2023, 12, 16)
            cls.p_case = cls._case_at(cls.public, date(2024, 3, 1), cls.formal)
            cls._send_notice(cls.public, cls.p_inv, date(2024, 2, 20), pdf=False)
            cls.notice = cls._send_notice(
                cls.debtor, cls.inv1 | cls.inv2, date(2024, 2, 20), receipt=date(2024, 2, 23)
            )
            cls.c_notice = cls._send_notice(
                cls.consumer, cls.c_inv, date(2024, 2, 1), receipt=date(2024, 2, 5), pdf=False
            )

    def test_summary_professional(self):
        """Hand-computed: 14.50 % in H1 2024 (ECB 4.50 + 10 points)."""
        with freeze_time(TODAY):
            summary = self.case.with_user(self.collector).get_litigation_summary()
        json.dumps(summary)  # JSON-ready
        self.assertEqual(summary["court"], "commerce")
        self.assertEqual(summary["cerfa"], "12946")
        self.assertEqual(summary["procedure"], "small_claims")
        self.assertEqual(summary["debtor"]["name"], "Durand Bâtiment SARL")
        self.assertEqual(summary["debtor"]["legal_form"], "SARL")
        self.assertEqual(summary["debtor"]["registry"], "RCS Lyon 123 456 789")
        self.assertEqual(summary["debtor"]["representative"], "Jean Durand")
        self.assertEqual(summary["creditor"]["name"], self.company.name)
        # The creditor's legal form is the one its formal notices print (company setting).
        self.assertEqual(summary["creditor"]["legal_form"], "SAS au capital de 10 000 EUR")
        # 1000 x 14.5 % x 76 / 365 = 30.19; 500 x 14.5 % x 31 / 365 = 6.16
        self.assertEqual(summary["principal"], 1500.0)
        self.assertEqual(summary["interest"], 36.35)
        self.assertEqual(summary["indemnity"], 80.0)
        self.assertEqual(summary["costs"], 0.0)
        self.assertEqual(summary["total"], 1616.35)
        lines = {line["invoice"]: line for line in summary["lines"]}
        self.assertEqual(set(lines), {self.inv1.name, self.inv2.name})
        first = lines[self.inv1.name]
        self.assertEqual((first["principal"], first["interest"]), (1000.0, 30.19))
        self.assertEqual(first["periods"][0]["date_from"], "2024-01-16")
        self.assertEqual(first["periods"][0]["days"], 76)
        self.assertEqual(first["periods"][0]["rate"], 14.5)
        self.assertEqual(
            summary["left_out"],
            [{"invoice": self.disputed.name, "invoice_id": self.disputed.id, "reason": "dispute"}],
        )
        names = [exhibit["name"] for exhibit in summary["exhibits"]]
        self.assertEqual([e["number"] for e in summary["exhibits"]], list(range(1, 7)))
        self.assertEqual(names[:2], [self.inv1.name, self.inv2.name])
        self.assertEqual(names[2], self.notice.name)
        self.assertEqual(names[3], "Proof of receipt: proof_of_receipt.pdf")
        self.assertEqual(names[4:], ["Statement of account", "Log of communications"])

    def test_printed_summary(self):
        with freeze_time(TODAY):
            html = self._render(
                "debt_recovery_litigation.action_report_litigation_summary", self.case
            )
        self.assertIn("Simplified recovery of a small claim (commissaire de justice)", html)
        self.assertIn("Court: Tribunal de commerce - Form: Cerfa 12946", html)
        self.assertIn("Total 1,616.35", html)
        self.assertIn(f"2 {self.inv2.name}", html)  # the exhibit list, numbered

    def test_summary_consumer(self):
        """Legal rate 5.07 % (H1 2024) from the day after the receipt: 55 days."""
        with freeze_time(TODAY):
            summary = self.c_case.get_litigation_summary()
        self.assertEqual(summary["court"], "judiciaire")
        self.assertEqual(summary["cerfa"], "12948")
        # 800 x 5.07 % x 55 / 365 = 6.11
        self.assertEqual(
            (summary["principal"], summary["interest"], summary["indemnity"]), (800.0, 6.11, 0.0)
        )
        self.assertEqual(summary["lines"][0]["periods"][0]["date_from"], "2024-02-06")

    def test_summary_public_body(self):
        """Moratorium interest: ECB 4.50 on 1 January 2024 + 8 points, one rate."""
        with freeze_time(TODAY):
            summary = self.p_case.get_litigation_summary()
        self.assertEqual((summary["court"], summary["procedure"]), ("administratif", "provision"))
        self.assertEqual(summary["cerfa"], "")
        # 1000 x 12.5 % x 76 / 365 = 26.03
        self.assertEqual((summary["interest"], summary["indemnity"]), (26.03, 40.0))

    def test_court_follows_professional_kind_and_costs(self):
        self.debtor.debt_recovery_professional_kind = "non_commercial"
        self.case.litigation_costs = 4000.0
        with freeze_time(TODAY):
            summary = self.case.get_litigation_summary()
        self.assertEqual(summary["court"], "judiciaire")
        # The formal notice announces that same court.
        terms = self.policy._penalty_terms(
            "professional", TODAY, formal_notice=True, court=self.debtor._debt_recovery_court()
        )
        self.assertIn("to the tribunal judiciaire for an order for payment", terms["consequence"])
        self.assertEqual(summary["costs"], 4000.0)
        self.assertEqual(summary["procedure"], "injonction")

    def test_summary_states_when_the_notice_was_sent_and_received(self):
        self.notice.sudo().write({"date": date(2024, 2, 18)})
        with freeze_time(TODAY):
            summary = self.case.get_litigation_summary()
        sent = self.notice.sent_date.date()
        self.assertEqual(summary["formal_notice_date"], sent.isoformat())
        self.assertNotEqual(sent, date(2024, 2, 18))
        self.assertEqual(summary["formal_notice_receipt_date"], "2024-02-23")
        with freeze_time(TODAY):
            html = self._render(
                "debt_recovery_litigation.action_report_litigation_summary", self.case
            )
        self.assertIn(
            f"Formal notice sent on: {sent.strftime('%m/%d/%Y')} - received on: 02/23/2024", html
        )
        # Dates and rates in the reader's language.
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(
            ["debt_recovery_litigation"], ["fr_FR"], overwrite=True
        )
        with freeze_time(TODAY):
            html = self._render_fr("debt_recovery_litigation.action_report_litigation_summary")
        self.assertIn(
            f"Mise en demeure envoyée le : {sent.strftime('%d/%m/%Y')} - reçue le : 23/02/2024",
            html,
        )
        self.assertNotIn("2024-02-23", html)
        self.assertRegex(html, r"\d+ j x \d+,\d\d % sur")

    def test_refuses_a_debtor_whose_status_is_not_confirmed(self):
        """An association is no commercial professional: the status is chosen and confirmed,
        never assumed, before a court is chosen."""
        self.debtor.debt_recovery_status_confirmed = False
        with (
            freeze_time(TODAY),
            self.assertRaisesRegex(
                UserError,
                "The status of Durand Bâtiment SARL is not confirmed: check its debtor type and, "
                "for a professional, its activity",
            ),
        ):
            self.case.get_litigation_summary()
        self.debtor.write(
            {"debt_recovery_status_confirmed": True, "debt_recovery_professional_kind": False}
        )
        with freeze_time(TODAY), self.assertRaisesRegex(UserError, "is not confirmed"):
            self.case.get_litigation_summary()
        self.debtor.debt_recovery_professional_kind = "non_commercial"
        with freeze_time(TODAY):
            self.assertEqual(self.case.get_litigation_summary()["court"], "judiciaire")
        # New companies are not assumed commercial.
        company = self.env["res.partner"].create(
            {
                "name": "Association Les Amis",
                "is_company": True,
                "debt_recovery_debtor_type": "professional",
            }
        )
        self.assertFalse(company.debt_recovery_professional_kind)
        self.assertFalse(company.debt_recovery_status_confirmed)

    def test_refusals(self):
        with freeze_time(TODAY):
            self.c_notice.sudo().write({"state": "cancelled"})
            with self.assertRaisesRegex(UserError, "No formal notice was sent"):
                self.c_case.get_litigation_summary()
            self.inv1._debt_recovery_hold("dispute")
            self.inv2._debt_recovery_hold("dispute")
            with self.assertRaisesRegex(UserError, "Nothing is left to claim"):
                self.case.get_litigation_summary()
            self.case.level_id = self.level_by_name["Call"]
            with self.assertRaisesRegex(UserError, "has not reached the formal notice"):
                self.case.get_litigation_summary()
            self.debtor.debt_recovery_insolvency_date = date(2024, 3, 15)
            with self.assertRaisesRegex(UserError, "insolvency proceedings"):
                self.case.get_litigation_summary()

    def test_build_court_file(self):
        with freeze_time(TODAY):
            court_file = self.env["debt.recovery.court.file"].create({"case_id": self.case.id})
            court_file.action_build()
        archive = zipfile.ZipFile(io.BytesIO(base64.b64decode(court_file.zip_file)))
        names = sorted(archive.namelist())
        self.assertEqual(names[0], "00_index.pdf")
        self.assertEqual(names[-1], "summary.json")
        self.assertEqual(
            [name[:3] for name in names[1:-1]], ["01_", "02_", "03_", "04_", "05_", "06_"]
        )
        self.assertTrue(all(name.endswith(".pdf") for name in names[:-1]))
        summary = json.loads(archive.read("summary.json"))
        self.assertEqual(summary["total"], 1616.35)
        pages = {name: self._pdf_pages(base64.b64encode(archive.read(name))) for name in names[:-1]}
        self.assertEqual(court_file.page_count, sum(pages.values()))
        self.assertEqual(pages[names[4]], 1)  # the proof of receipt
        self.assertGreaterEqual(court_file.page_count, 7)
        self.assertEqual(court_file.exhibit_count, 6)
        self.assertEqual(court_file.court, "commerce")
        self.assertEqual(self._pdf_pages(court_file.pdf_file), court_file.page_count)
        merged = base64.b64decode(court_file.pdf_file)
        for number in range(1, 7):  # each exhibit stamped with its number on its first page
            self.assertIn(f"(Exhibit {number}) Tj".encode(), merged)

    def test_filing_steps(self):
        with freeze_time(TODAY):
            Step = self.env["debt.recovery.litigation.step"]
            Step.create(
                {
                    "case_id": self.case.id,
                    "kind": "filing",
                    "court": "commerce",
                    "court_name": "Tribunal de commerce de Lyon",
                    "reference": "2024/123",
                }
            )
            self.assertEqual(self.case.state, "litigation")
            Step.create({"case_id": self.case.id, "kind": "order", "reference": "IP 45"})
            log = self.case.communication_ids.filtered(
                lambda c: c.channel == "other" and not c.level_id
            )
            self.assertEqual(len(log), 2)
            self.assertIn("Tribunal de commerce de Lyon", log.sorted("id")[0].summary)
            # Payments afterwards close the case as usual.
            self._pay(self.inv1 | self.inv2 | self.disputed, pay_date=TODAY)
            self.case._sync_state()
            self.assertEqual(self.case.state, "closed")

    def test_summary_query_count_is_bounded(self):
        """Summary queries do not grow with invoices and communications."""
        with freeze_time(TODAY):
            self.case.get_litigation_summary()
            self.env.invalidate_all()
            with self.assertQueryCount(40):
                self.case.get_litigation_summary()

    def test_declaration_of_claim(self):
        trustee = self.env["res.partner"].create({"name": "Maître Lefort, mandataire"})
        with freeze_time(TODAY):
            self.debtor.write(
                {
                    "debt_recovery_insolvency_date": date(2024, 3, 15),
                    "debt_recovery_insolvency_type": "receivership",
                    "debt_recovery_insolvency_publication_date": date(2024, 3, 22),
                    "debt_recovery_insolvency_trustee_id": trustee.id,
                }
            )
            action = self.case.action_declare_claim()
            values = self.case._claim_declaration_values()
        self.assertEqual(action["report_name"], "debt_recovery_litigation.report_claim_declaration")
        self.assertEqual(values["deadline"], date(2024, 5, 22))
        # Interest stops at the opening judgment: 1000 x 14.5 % x 60 / 365 = 23.84 and
        # 500 x 14.5 % x 15 / 365 = 2.98; the disputed invoice is declared too (held).
        claim = values["claim"]
        self.assertEqual(claim.principal, 1800.0)
        self.assertEqual({line.name: line.interest for line in claim.lines}[self.inv1.name], 23.84)
        activities = self.case.activity_ids.filtered(
            lambda a: a.summary == "Send the declaration of claim"
        )
        self.assertEqual(activities.date_deadline, date(2024, 5, 22))
        html = self._render("debt_recovery_litigation.action_report_claim_declaration", self.case)
        self.assertIn("Declaration of claim", html)
        self.assertIn(self.inv1.name, html)

    def test_declaration_states_the_security_of_each_invoice(self):
        """Retention of title on one invoice (its own deadline, L624-9), a third party's
        guarantee on another (still unsecured), goods delivered before the opening judgment
        but invoiced after it declared; delivered after it, not."""
        trustee = self.env["res.partner"].create({"name": "Maître Lefort, mandataire"})
        with freeze_time(TODAY):
            before = self._invoice(self.debtor, 300.0, "2024-04-19", invoice_date="2024-03-20")
            before.delivery_date = date(2024, 3, 12)
            after = self._invoice(self.debtor, 200.0, "2024-04-19", invoice_date="2024-03-14")
            after.delivery_date = date(2024, 3, 18)
            self.inv1.debt_recovery_security = "retention"
            self.inv2.debt_recovery_security = "guarantee"
            self.debtor.write(
                {
                    "debt_recovery_insolvency_date": date(2024, 3, 15),
                    "debt_recovery_insolvency_type": "receivership",
                    "debt_recovery_insolvency_publication_date": date(2024, 3, 22),
                    "debt_recovery_insolvency_trustee_id": trustee.id,
                }
            )
            self.case.action_declare_claim()
            values = self.case._claim_declaration_values()
        names = {line.name for line in values["claim"].lines}
        self.assertIn(before.name, names)
        self.assertNotIn(after.name, names)
        self.assertEqual(values["ranks"][self.inv1.id], "secured")
        self.assertEqual(values["ranks"][self.inv2.id], "chirographaire")
        # 1000 + 23.84 interest + 40 indemnity secured; the rest unsecured.
        self.assertEqual(values["total_secured"], 1063.84)
        retention = self.case.activity_ids.filtered(
            lambda a: a.summary == "Claim the goods under retention of title"
        )
        self.assertEqual(retention.date_deadline, date(2024, 6, 22))
        self.assertIn(self.inv1.name, retention.note)
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(
            ["debt_recovery_litigation"], ["fr_FR"], overwrite=True
        )
        html = self._render_fr("debt_recovery_litigation.action_report_claim_declaration")
        self.assertIn("Réserve de propriété", html)
        self.assertIn("Chirographaire, garantie par un tiers", html)
        self.assertIn(
            "Dont créance assortie d'une sûreté (indiquée par facture) : 1 063,84 ; créance "
            "chirographaire :",
            html,
        )

    def _render_fr(self, report):
        case = self.case.with_context(lang="fr_FR")
        html, _fmt = (
            self.env["ir.actions.report"]
            .with_context(lang="fr_FR")
            ._render_qweb_html(report, case.ids)
        )
        return text(html)
