# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Formal notices and emails say what the debtor's regime and the policy say (in French)."""

from datetime import date, timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.tests import tagged

from .common import LETTER, ReportsCommon, text


@tagged("post_install", "-at_install")
class TestLetterRegimes(ReportsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.formal = cls.level_by_name["Formal notice"]
        cls.firm = cls.level_by_name["Firm reminder"]
        cls.signatory = cls._user("dr_signatory", "Sophie Signataire", "manager")
        cls.signatory.partner_id.function = "Responsable du recouvrement"
        cls.policy.signatory_id = cls.manager
        cls.manager.partner_id.function = "Directeur financier"
        cls.company.debt_recovery_terms_of_sale = "nos conditions générales de vente, article 8"
        cls.company.debt_recovery_consumer_mediator_id = cls.env["res.partner"].create(
            {
                "name": "CM2C",
                "street": "14 rue Saint-Jean",
                "zip": "75017",
                "city": "Paris",
                "website": "https://www.cm2c.net",
            }
        )
        cls.public = cls.env["res.partner"].create(
            {
                "name": "Commune de Villeneuve",
                "is_company": True,
                "debt_recovery_debtor_type": "public",
                "lang": "fr_FR",
            }
        )
        cls.debtor.lang = "fr_FR"
        cls.consumer.lang = "fr_FR"

    def _notice(self, partner, **values):
        inv = self._invoice(partner, 1000.0, "2024-01-15")
        return self._communication(partner, inv, self.formal, **values)

    def test_professional_formal_notice(self):
        out = self._render(LETTER, self._notice(self.debtor))
        self.assertIn(
            "Des pénalités de retard sont exigibles à compter du lendemain de la date "
            "d'échéance, sans qu'un rappel soit nécessaire, au taux de la Banque centrale "
            "européenne majoré de 10 points (14,50 % au 01/03/2024) (article L441-10 du Code de "
            "commerce).",
            out,
        )
        self.assertIn(
            "Une indemnité forfaitaire pour frais de recouvrement de 40,00 est en outre due pour "
            "chaque facture payée en retard (articles L441-10 et D441-5 du Code de commerce).",
            out,
        )
        self.assertIn(
            "Indemnité forfaitaire pour frais de recouvrement de 40,00 par facture (articles "
            "L441-10 et D441-5 du Code de commerce) 40,00",
            out,
        )
        self.assertIn(
            "Les pénalités de retard continuent de courir jusqu'au complet paiement.", out
        )
        self.assertIn(
            "Notre créance est fondée sur les factures ci-dessous, émises en application de nos "
            "conditions générales de vente, article 8.",
            out,
        )
        self.assertIn("Les frais de la procédure judiciaire pourront être mis à votre charge.", out)
        self.assertIn(
            "En cas de contestation de cette créance, chacune des parties peut saisir "
            "gratuitement le Médiateur des entreprises "
            "(www.economie.gouv.fr/mediateur-des-entreprises).",
            out,
        )
        self.assertNotIn("CM2C", out)
        # Expected receipt: letter date + 3 days of postal delay, then the level's 8 days.
        self.assertIn("Date limite de paiement : 12/03/2024", out)
        self.assertIn("Marc Manager Directeur financier", out)

    def test_consumer_formal_notice(self):
        out = self._render(LETTER, self._notice(self.consumer))
        self.assertIn(
            "Des intérêts au taux de l'intérêt légal (5,07 % au 01/03/2024) courent à compter de "
            "la réception de la présente mise en demeure (articles 1231-6 et 1344-1 du Code "
            "civil).",
            out,
        )
        self.assertIn(
            "Les intérêts au taux légal continuent de courir jusqu'au complet paiement.", out
        )
        self.assertIn(
            "Les frais de recouvrement amiable restent à notre charge (article L111-8 du Code des "
            "procédures civiles d'exécution).",
            out,
        )
        self.assertIn(
            "En cas de litige, vous pouvez recourir gratuitement à notre médiateur de la "
            "consommation : CM2C, 14 rue Saint-Jean, 75017 Paris, https://www.cm2c.net (articles "
            "L612-1 et L616-1 du Code de la consommation).",
            out,
        )
        for absent in ("ndemnité", "D441-5", "L441-10", "à votre charge", "Médiateur des"):
            self.assertNotIn(absent, out)
        # No interest ran before the notice: none is claimed, no period is listed.
        self.assertNotIn("Taux annuel (%)", out)
        self.assertIn("Marc Manager Directeur financier", out)

    def test_public_formal_notice(self):
        out = self._render(LETTER, self._notice(self.public))
        self.assertIn(
            "Une indemnité forfaitaire pour frais de recouvrement de 40,00 est en outre due pour "
            "chaque facture payée en retard (article D2192-35 du Code de la commande publique).",
            out,
        )
        self.assertIn("Médiateur des entreprises", out)
        self.assertNotIn("L441-10", out)

    def test_what_follows_non_payment_depends_on_the_regime(self):
        """No order for payment against a public body: the administrative court; the others:
        an order for payment from the court the court file is prepared for."""
        expected = {
            self.public: "À défaut de paiement dans ce délai, nous saisirons sans autre avis la "
            "juridiction administrative d'une demande de provision en référé (référé-provision, "
            "article R541-1 du Code de justice administrative).",
            self.debtor: "À défaut de paiement dans ce délai, nous saisirons sans autre avis le "
            "président du tribunal de commerce d'une requête en injonction de payer (articles "
            "1405 et suivants du Code de procédure civile).",
            self.consumer: "À défaut de paiement dans ce délai, nous saisirons sans autre avis "
            "le tribunal judiciaire d'une requête en injonction de payer (articles 1405 et "
            "suivants du Code de procédure civile).",
        }
        for partner, sentence in expected.items():
            with self.subTest(partner=partner.name):
                notice = self._notice(partner)
                self.assertIn(sentence, self._render(LETTER, notice))
                self.assertIn(sentence, self._email(partner, self.formal))
        for out in (
            self._render(LETTER, self._notice(self.public)),
            self._email(self.public, self.formal),
        ):
            self.assertNotIn("injonction", out)

    def _plan_broken(self, invoice, signed, ended):
        plan = self.env["debt.recovery.plan"].create(
            {
                "partner_id": invoice.commercial_partner_id.id,
                "invoice_ids": [Command.set(invoice.ids)],
                "instalment_count": 6,
                "date_start": signed,
                "first_due_date": signed + timedelta(days=27),
            }
        )
        plan.action_generate_schedule()
        with freeze_time(signed):
            plan.action_activate()
        with freeze_time(ended):
            plan._close("broken", ended)
        return plan

    def test_consumer_formal_notice_after_a_broken_plan(self):
        """First notice received on 5 February 2024; a plan signed on 1 March and broken on
        15 May; the second notice (3 June) names the first one's receipt, and interest runs
        6 - 29 February and 16 May - 3 June, none while the plan was in force."""
        invoice = self._invoice(self.consumer, 1000.0, "2024-01-15")
        self._communication(
            self.consumer,
            invoice,
            self.formal,
            at_date=date(2024, 2, 1),
            state="done",
            receipt_date=date(2024, 2, 5),
        )
        self._plan_broken(invoice, date(2024, 3, 1), date(2024, 5, 15))
        second = self._communication(self.consumer, invoice, self.formal, at_date=date(2024, 6, 3))
        out = self._render(LETTER, second)
        self.assertIn(
            "Des intérêts au taux de l'intérêt légal (5,07 % au 03/06/2024) courent depuis la "
            "réception de notre première mise en demeure, le 05/02/2024 (articles 1231-6 et "
            "1344-1 du Code civil).",
            out,
        )
        self.assertNotIn("réception de la présente mise en demeure", out)
        self.assertIn("06/02/2024 29/02/2024 24 5,07 3,33", out)
        self.assertIn("16/05/2024 03/06/2024 19 5,07 2,64", out)
        # 1000 x 5.07 % x 43 / 365 = 5.97.
        self.assertIn("Intérêts de retard au 03/06/2024 5,97", out)
        email = text(
            self.env.ref("debt_recovery.mail_template_formal_notice")._render_field(
                "body_html", second.ids, compute_lang=True
            )[second.id]
        )
        self.assertIn(
            "courent depuis la réception de notre première mise en demeure, le 05/02/2024", email
        )
        # The first notice itself says "from the receipt of this formal notice".
        first = self._render(LETTER, self._notice(self.consumer))
        self.assertIn("courent à compter de la réception de la présente mise en demeure", first)

    def test_formal_notice_email_shows_the_letters_amount_lines(self):
        """The email lists what the letter lists, down to the "Total réclamé", fee included."""
        comm = self._communication(
            self.debtor, self._invoice(self.debtor, 500.0, "2024-01-15"), self.formal
        )
        comm.fee_amount = 25.0
        interest = round(500 * 0.145 * 46 / 365, 2)
        total = 500 + interest + 40 + 25
        email = text(
            self.env.ref("debt_recovery.mail_template_formal_notice")._render_field(
                "body_html", comm.ids, compute_lang=True
            )[comm.id]
        )
        lines = (
            f"Principal 500,00 Intérêts de retard au 01/03/2024 {interest:.2f} Indemnité "
            "forfaitaire pour frais de recouvrement de 40,00 par facture (articles L441-10 et "
            "D441-5 du Code de commerce) 40,00 Frais de recouvrement engagés et justifiés, "
            "au-delà des indemnités forfaitaires 25,00 Total réclamé "
            f"{total:.2f}"
        ).replace(".", ",")
        self.assertIn(lines, email)
        self.assertIn(lines, self._render(LETTER, comm))

    def test_public_rate_follows_the_legal_payment_period(self):
        """A hospital (50 days) received on 5 June 2023 an invoice due on 25 June by its own
        terms: its period ends on 25 July, its delay begins on 26 July 2023 (H2 2023, ECB 4.00
        + 8), not in June."""
        self.public.debt_recovery_public_kind = "health"
        invoice = self._invoice(self.public, 1000.0, "2023-06-25")
        invoice.debt_recovery_received_date = date(2023, 6, 5)
        out = self._render(LETTER, self._communication(self.public, invoice, self.formal))
        self.assertIn(f"Taux appliqués : 12,00 % à {invoice.name}.", out)
        self.assertIn("26/07/2023 31/12/2023 159 12,00", out)

    def test_public_formal_notice_prints_each_invoice_rate(self):
        """Invoices whose delays began in different half-years: each one's own rate (the ECB
        rate on the first day of that half-year + 8 points), never the letter's half-year."""
        # Delay began 16 Jun 2023 (ECB on 1 Jan 2023: 2.50) and 16 Nov 2023 (1 Jul 2023: 4.00).
        old = self._invoice(self.public, 1000.0, "2023-06-15")
        recent = self._invoice(self.public, 1000.0, "2023-11-15")
        # Received 30 days before their due dates: the legal period ends on them.
        old.debt_recovery_received_date = date(2023, 5, 16)
        recent.debt_recovery_received_date = date(2023, 10, 16)
        out = self._render(LETTER, self._communication(self.public, old | recent, self.formal))
        self.assertIn(
            "Des intérêts moratoires courent à compter du lendemain de l'expiration du délai de "
            "paiement, compté à partir de la réception de chaque facture, au taux de la Banque "
            "centrale européenne en vigueur au premier jour du semestre au cours duquel le retard "
            "a commencé, majoré de 8 points, un seul taux s'appliquant à toute la durée du retard "
            "de chaque facture (articles R2192-10 et R2192-31 du Code de la commande "
            f"publique). Taux appliqués : 10,50 % à {old.name}; 12,00 % à {recent.name}.",
            out,
        )
        # The rate of the letter's half-year (ECB 4.50 on 1 Jan 2024 + 8 = 12.50) is nowhere.
        self.assertNotIn("12,50", out)
        # The periods carry the same rates, split by half-year: 1000 x 10.5 % x 15 d...
        self.assertIn("16/06/2023 30/06/2023 15 10,50 4,32", out)
        self.assertIn("01/01/2024 01/03/2024 61 10,50 17,55", out)
        self.assertIn("16/11/2023 31/12/2023 46 12,00 15,12", out)
        self.assertIn("01/01/2024 01/03/2024 61 12,00 20,05", out)
        # 1000 x (10.5 % x 260 + 12 % x 107) / 365 = 74.79 + 35.18.
        self.assertIn("Intérêts de retard au 01/03/2024 109,97", out)

    def test_policy_settings_drive_the_wording(self):
        """No rate, margin or amount is written in a template: change the policy, the letter
        follows; mode none says nothing about interest."""
        self.policy.write({"interest_margin": 9.0, "indemnity_amount": 0.0})
        out = self._render(LETTER, self._notice(self.debtor))
        self.assertIn("majoré de 9 points (13,50 % au 01/03/2024)", out)
        self.assertNotIn("ndemnité forfaitaire", out)
        self.policy.write({"interest_mode": "fixed", "interest_fixed_rate": 12.0})
        out = self._render(LETTER, self._notice(self.debtor))
        # 3 x 5.07 % (legal rate of H1 2024) = 15.21 % > 12 %: the floor applies.
        self.assertIn("au taux de 15,21 % l'an fixé par nos conditions générales de vente", out)
        self.policy.interest_mode = "none"
        out = self._render(LETTER, self._notice(self.debtor))
        self.assertNotIn("pénalités de retard sont exigibles", out)
        self.assertNotIn("continuent de courir", out)

    def test_signatory_overridden_on_the_letter(self):
        out = self._render(LETTER, self._notice(self.debtor, signatory_id=self.signatory.id))
        self.assertIn("Sophie Signataire Responsable du recouvrement", out)
        self.assertNotIn("Marc Manager", out)

    def test_deadline_from_the_proof_of_receipt(self):
        comm = self._notice(self.debtor, receipt_date="2024-03-06")
        out = self._render(LETTER, comm)
        self.assertIn("Date limite de paiement : 14/03/2024", out)

    def _email(self, partner, level):
        comm = self._communication(partner, self._invoice(partner, 500.0, "2024-01-15"), level)
        template = self.env.ref(
            "debt_recovery.mail_template_formal_notice"
            if level == self.formal
            else "debt_recovery.mail_template_firm"
        )
        return text(template._render_field("body_html", comm.ids, compute_lang=True)[comm.id])

    def test_firm_reminder_email_consumer(self):
        out = self._email(self.consumer, self.firm)
        self.assertIn("Malgré notre précédente relance", out)
        self.assertIn(
            "Des intérêts au taux de l'intérêt légal (5,07 % au 01/03/2024) courront à compter de "
            "la réception d'une mise en demeure (articles 1231-6 et 1344-1 du Code civil).",
            out,
        )
        for absent in ("ndemnité", "à votre charge", "pénalités de retard"):
            self.assertNotIn(absent, out)

    def test_firm_reminder_email_professional(self):
        out = self._email(self.debtor, self.firm)
        self.assertIn("majoré de 10 points (14,50 % au 01/03/2024)", out)
        self.assertIn(
            "Une indemnité forfaitaire pour frais de recouvrement de 40,00 est en outre due pour "
            "chaque facture payée en retard",
            out,
        )

    def test_formal_notice_email_consumer(self):
        out = self._email(self.consumer, self.formal)
        self.assertIn("courent à compter de la réception de la présente mise en demeure", out)
        self.assertIn("Les frais de recouvrement amiable restent à notre charge", out)
        self.assertIn("CM2C", out)
        for absent in ("ndemnité", "à votre charge"):
            self.assertNotIn(absent, out)
