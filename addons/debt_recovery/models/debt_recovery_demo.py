# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging
from datetime import timedelta

from odoo import Command, api, fields, models

_logger = logging.getLogger(__name__)

# (debtor, debtor type, email, city, language, [(amount, days past due)], what happens next)
DEMO_STORY = [
    (
        "Atelier Moreau SARL",
        "professional",
        "compta@atelier-moreau.example",
        "Lyon",
        "fr_FR",
        [(1850.0, -3)],
        None,
    ),
    (
        "Garage Petit & Fils",
        "professional",
        "contact@garage-petit.example",
        "Nantes",
        "fr_FR",
        [(640.0, 5)],
        None,
    ),
    (
        "Imprimerie Roux SAS",
        "professional",
        "factures@imprimerie-roux.example",
        "Lille",
        "fr_FR",
        [(2300.0, 14), (480.0, 8)],
        None,
    ),
    (
        "Transports Fournier",
        "professional",
        "compta@transports-fournier.example",
        "Rouen",
        "fr_FR",
        [(5120.0, 25)],
        None,
    ),
    (
        "Pharmacie Girard",
        "professional",
        "pharmacie.girard@example.com",
        "Bordeaux",
        "fr_FR",
        [(3400.0, 31)],
        None,
    ),
    (
        "Hôtel Bonnet SARL",
        "professional",
        "direction@hotel-bonnet.example",
        "Nice",
        "fr_FR",
        [(7800.0, 50)],
        None,
    ),
    (
        "Menuiserie Lambert",
        "professional",
        "menuiserie.lambert@example.com",
        "Dijon",
        "fr_FR",
        [(12500.0, 72)],
        None,
    ),
    (
        "Café du Commerce",
        "professional",
        "cafe.commerce@example.com",
        "Toulouse",
        "fr_FR",
        [(960.0, 12)],
        "dispute",
    ),
    (
        "Cabinet Mercier",
        "professional",
        "cabinet@mercier-avocats.example",
        "Paris",
        "fr_FR",
        [(1500.0, 9)],
        "promise",
    ),
    (
        "Jeanne Martin",
        "consumer",
        "jeanne.martin@example.com",
        "Rennes",
        "fr_FR",
        [(320.0, 6)],
        None,
    ),
    (
        "Librairie Dupont",
        "professional",
        "librairie.dupont@example.com",
        "Strasbourg",
        "en_US",
        [(780.0, 20)],
        "paid",
    ),
    (
        "Centre hospitalier de Valence",
        "public",
        "fournisseurs@ch-valence.example",
        "Valence",
        "fr_FR",
        [(4200.0, 40)],
        None,
    ),
    (
        "Lucas Bernard",
        "consumer",
        "lucas.bernard@example.com",
        "Angers",
        "fr_FR",
        [(450.0, 36)],
        None,
    ),
]


class DebtRecoveryDemo(models.AbstractModel):
    _name = "debt.recovery.demo"
    _description = "Debt Recovery Demo Story"

    @api.model
    def _load_story(self, replay_days=80):
        """Invoices for the demo debtors, then the daily job replayed over the last days.

        Each debtor ends at a different stage: preventive reminder, reminders, call, formal
        notice waiting for validation, pre-litigation, litigation, dispute, promise, paid.
        """
        today = fields.Date.context_today(self)
        # The demo replays the last months as of today: its rates are taken as still holding.
        self.env["debt.recovery.rate.type"].search(
            [("confirmed_through", "<", today)]
        ).confirmed_through = today
        company = self.env.ref("base.main_company")
        if not company.chart_template:
            return
        self._demo_consumer_mediator(company)
        self._demo_apply_credit_notes(company)
        invoices = self._demo_invoices(company, today)
        self._demo_replay(invoices, today, replay_days)
        # The weekly risk score, so that the worklist shows grades and amounts at risk.
        self.env["debt.recovery.case"].sudo()._refresh_risk(today, company.ids)

    @api.model
    def _demo_apply_credit_notes(self, company):
        """Apply the credit notes found in ``company`` (Odoo's accounting demo data) to the
        invoices of their customer, as the accountant would: a credit note dated before every
        open invoice of its customer is first dated on the customer's first open invoice (it
        cannot cancel an invoice not issued yet).

        Without this, credits of several times the monthly sales wait unapplied next to the
        invoices they cancel, and the receivables KPIs describe them rather than the story."""
        Move = self.env["account.move"]
        refunds = Move.search(
            [
                ("company_id", "=", company.id),
                ("move_type", "=", "out_refund"),
                ("state", "=", "posted"),
                ("payment_state", "=", "not_paid"),
            ]
        )
        for partner in refunds.commercial_partner_id:
            credits = refunds.filtered(lambda m, p=partner: m.commercial_partner_id == p)
            invoices = Move.search(
                [
                    ("company_id", "=", company.id),
                    ("move_type", "=", "out_invoice"),
                    ("state", "=", "posted"),
                    ("payment_state", "=", "not_paid"),
                    ("commercial_partner_id", "=", partner.id),
                ],
                order="invoice_date, id",
            )
            if not invoices:
                continue
            early = credits.filtered(lambda m, i=invoices[0]: m.invoice_date < i.invoice_date)
            if early and not early.journal_id.restrict_mode_hash_table:
                early.button_draft()
                early.write({"invoice_date": invoices[0].invoice_date})
                early.action_post()
            (credits | invoices).line_ids.filtered(
                lambda line: line.account_type == "asset_receivable" and not line.reconciled
            ).reconcile()

    @api.model
    def _demo_invoices(self, company, today, story=None):
        """{debtor name: posted invoices} of the story's debtors (``DEMO_STORY`` by default),
        created as of ``today``.

        Debtors and their invoices are plain records (no external id): uninstalling the add-on
        leaves the accounting history alone.
        """
        invoices = {}
        for name, debtor_type, email, city, lang, lines, _event in story or DEMO_STORY:
            partner = self._demo_partner(name, debtor_type, email, city, lang)
            moves = self.env["account.move"].create(
                [
                    self._demo_invoice_values(
                        partner, company, amount, today - timedelta(days=days)
                    )
                    for amount, days in lines
                ]
            )
            moves.action_post()
            invoices[name] = moves
        return invoices

    @api.model
    def _demo_partner(self, name, debtor_type, email, city, lang):
        """The story's debtor ``name``, created in France the first time."""
        partner = self.env["res.partner"].search([("name", "=", name)], limit=1)
        if partner:
            return partner
        languages = {code for code, _name in self.env["res.lang"].get_installed()}
        partner = self.env["res.partner"].create(
            {
                "name": name,
                "is_company": debtor_type != "consumer",
                "debt_recovery_debtor_type": debtor_type,
                "email": email,
                "city": city,
                "country_id": self.env.ref("base.fr").id,
                "lang": lang if lang in languages else False,
            }
        )
        if name == "Transports Fournier":
            partner.write(
                {
                    "debt_recovery_contact_channel": "phone",
                    "debt_recovery_contact_hours": "8:00-12:00",
                }
            )
        return partner

    @api.model
    def _demo_invoice_values(self, partner, company, amount, due):
        """Values of one demo invoice of ``amount``, issued 30 days before ``due``."""
        return {
            "move_type": "out_invoice",
            "partner_id": partner.id,
            "company_id": company.id,
            "invoice_date": due - timedelta(days=30),
            "invoice_date_due": due,
            "invoice_line_ids": [
                Command.create(
                    {
                        "name": self.env._("Services and supplies"),
                        "quantity": 1,
                        "price_unit": amount,
                        "tax_ids": [Command.clear()],
                    }
                )
            ],
        }

    @api.model
    def _demo_replay(self, invoices, today, replay_days):
        """The daily job run for each of the last ``replay_days`` days, then today."""
        Case = self.env["debt.recovery.case"]
        Comm = self.env["debt.recovery.communication"]
        for offset in range(replay_days, -1, -1):
            day = today - timedelta(days=offset)
            Case._cron_escalate_at(day)
            # Managers validate formal notices two days after they are proposed, except the
            # freshest one, left for the demo.
            stale = Comm.search(
                [("state", "=", "to_validate"), ("date", "<=", day - timedelta(days=2))]
            )
            for comm in stale:
                comm.with_context(demo_validation_date=day)._demo_validate(day)
            for name, *_values, event in DEMO_STORY:
                if event and offset == 3:
                    self._demo_event(event, invoices[name], day)
        Case._cron_escalate_at(today)

    @api.model
    def _demo_event(self, event, moves, day):
        partner = moves.commercial_partner_id
        case = self.env["debt.recovery.case"].search(
            [("partner_id", "=", partner.id), ("company_id", "=", moves.company_id.id)]
        )
        if event == "paid":
            self.env["account.payment.register"].with_context(
                active_model="account.move", active_ids=moves.ids
            ).create({"payment_date": day})._create_payments()
            return
        if not case:
            return
        if event == "plan":
            self._demo_plan_agreed(case, moves, day)
            return
        if event == "bounce":
            self._demo_bounce(case)
            return
        wizard = self.env["debt.recovery.log.contact.wizard"].create(
            {
                "case_id": case.id,
                "channel": "phone",
                "direction": "inbound" if event == "dispute" else "outbound",
                "date": day,
                "outcome": event,
                "summary": self.env._("The customer says the delivery was incomplete.")
                if event == "dispute"
                else self.env._("The customer promises to pay the whole amount next week."),
                "promise_amount": sum(moves.mapped("amount_residual")),
                "promise_date": day + timedelta(days=10),
                "dispute_invoice_ids": [Command.set(moves.ids)],
                "dispute_note": self.env._("Delivery incomplete"),
            }
        )
        wizard.action_log()

    def _demo_plan_agreed(self, case, moves, day):
        """The debtor agreed to pay in four monthly instalments; the first, due that day, is
        paid at once."""
        plan = self.env["debt.recovery.plan"].create(
            {
                "partner_id": case.partner_id.id,
                "company_id": case.company_id.id,
                "case_id": case.id,
                "invoice_ids": [Command.set(moves.ids)],
                "instalment_count": 4,
                "date_start": day,
                "first_due_date": day,
            }
        )
        plan.action_generate_schedule()
        plan.action_activate()
        # Agreed that day, not on the day the demo is loaded.
        plan.date_activated = day
        first = plan.line_ids.sorted("due_date")[:1]
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=moves.ids
        ).create({"payment_date": day, "amount": first.amount})._create_payments()

    def _demo_bounce(self, case):
        """The debtor's last reminder email came back: its address is wrong."""
        email = self.env["debt.recovery.communication"].search(
            [("case_id", "=", case.id), ("channel", "=", "email"), ("state", "=", "done")],
            order="date desc, id desc",
            limit=1,
        )
        email._set_delivery_states(
            {email.id: ("bounced", self.env._("550 5.1.1 Unknown recipient address"))}
        )


# The French demo company (loaded by _demo_load_french_company when the French accounting
# localisation is installed): a maintenance firm near Lyon invoicing in euros, in French.
FRENCH_COMPANY = {
    "name": "Durand Maintenance SAS",
    "street": "18 rue de la République",
    "zip": "69002",
    "city": "Lyon",
    "phone": "+33 4 72 00 18 18",
    "email": "comptabilite@durand-maintenance.example",
    "website": "https://durand-maintenance.example",
    "company_registry": "812 345 678 R.C.S. Lyon",
    "debt_recovery_legal_form": "SAS au capital de 50 000 €",
    "debt_recovery_terms_of_sale": "nos conditions générales de vente, article 8",
}
FRENCH_COMPANY_IBAN = "FR76 3000 4008 2800 0123 4567 841"
# Same shape as DEMO_STORY: every debtor kind, every stage of the ladder, all in French.
FRENCH_STORY = [
    ("Boulangerie Fabre SARL", "professional", "contact@boulangerie-fabre.example",
     "Lyon", "fr_FR", [(1250.0, -4), (980.0, -18)], None),
    ("Garage Lemoine", "professional", "atelier@garage-lemoine.example",
     "Villeurbanne", "fr_FR", [(860.0, 4), (1420.0, -12)], None),
    ("Imprimerie Chevalier SAS", "professional", "compta@imprimerie-chevalier.example",
     "Grenoble", "fr_FR", [(3150.0, 12), (540.0, 6)], None),
    ("Syndicat intercommunal des eaux du Beaujolais", "public", "finances@sieb.example",
     "Villefranche-sur-Saône", "fr_FR", [(3900.0, 15)], None),
    ("Transports Roussel SARL", "professional", "compta@transports-roussel.example",
     "Saint-Étienne", "fr_FR", [(6480.0, 22), (5200.0, -9)], "bounce"),
    ("Clinique vétérinaire des Alpes", "professional", "gestion@clinique-alpes.example",
     "Annecy", "fr_FR", [(2890.0, 33), (1600.0, -20)], None),
    ("Commune de Tarare", "public", "mairie@tarare.example",
     "Tarare", "fr_FR", [(5600.0, 41)], None),
    ("Restaurant Le Bouchon des Canuts", "professional", "contact@bouchon-canuts.example",
     "Lyon", "fr_FR", [(4720.0, 48)], None),
    ("Menuiserie Perrin & Fils", "professional", "menuiserie.perrin@example.com",
     "Bourg-en-Bresse", "fr_FR", [(11800.0, 66)], None),
    ("Claire Dubois", "consumer", "claire.dubois@example.com",
     "Lyon", "fr_FR", [(280.0, 8)], None),
    ("Thomas Girard", "consumer", "thomas.girard@example.com",
     "Vénissieux", "fr_FR", [(640.0, 35)], None),
    ("Pâtisserie Morel", "professional", "patisserie.morel@example.com",
     "Vienne", "fr_FR", [(920.0, 11)], "dispute"),
    ("Cabinet d'architectes Blanc", "professional", "agence@architectes-blanc.example",
     "Lyon", "fr_FR", [(2750.0, 9)], "promise"),
    ("Librairie Vidal", "professional", "librairie.vidal@example.com",
     "Mâcon", "fr_FR", [(780.0, 20)], "paid"),
    ("Boucherie Lambert", "professional", "boucherie.lambert@example.com",
     "Oullins", "fr_FR", [(4800.0, 40)], "plan"),
]  # fmt: skip
# Days before today when an event of the story happens (else three days before).
FRENCH_EVENT_DAYS = {"plan": 25, "bounce": 4}
# Invoices of the last months already settled, so that the KPIs have a history: (debtor,
# amount, days since the due date, days paid after the due date; negative: before it).
FRENCH_SETTLED = [
    ("Boulangerie Fabre SARL", 1180.0, 95, -2),
    ("Boulangerie Fabre SARL", 1320.0, 35, 0),
    ("Garage Lemoine", 740.0, 80, 0),
    ("Imprimerie Chevalier SAS", 2980.0, 110, 18),
    ("Imprimerie Chevalier SAS", 2410.0, 50, 12),
    ("Syndicat intercommunal des eaux du Beaujolais", 4200.0, 100, 28),
    ("Transports Roussel SARL", 5830.0, 90, 0),
    ("Clinique vétérinaire des Alpes", 1950.0, 75, -5),
    ("Commune de Tarare", 3300.0, 115, 35),
    ("Restaurant Le Bouchon des Canuts", 2100.0, 105, 3),
    ("Cabinet d'architectes Blanc", 3600.0, 70, 0),
    ("Librairie Vidal", 690.0, 60, 0),
    ("Claire Dubois", 190.0, 65, 4),
    ("Boulangerie Fabre SARL", 1460.0, 20, -1),
    ("Garage Lemoine", 2380.0, 28, 0),
    ("Transports Roussel SARL", 6120.0, 45, 0),
    ("Transports Roussel SARL", 5940.0, 15, -3),
    ("Clinique vétérinaire des Alpes", 2240.0, 40, 0),
    ("Cabinet d'architectes Blanc", 4150.0, 25, 0),
    ("Restaurant Le Bouchon des Canuts", 1880.0, 55, 7),
    ("Syndicat intercommunal des eaux du Beaujolais", 3750.0, 45, 21),
    ("Librairie Vidal", 540.0, 30, 0),
    ("Commune de Tarare", 2900.0, 12, 0),
    # Earlier in the year: most customers paid on time.
    ("Boulangerie Fabre SARL", 1090.0, 330, 0),
    ("Boulangerie Fabre SARL", 1240.0, 210, -3),
    ("Garage Lemoine", 910.0, 300, 0),
    ("Garage Lemoine", 1270.0, 180, 0),
    ("Imprimerie Chevalier SAS", 2650.0, 260, 5),
    ("Transports Roussel SARL", 5480.0, 280, 0),
    ("Transports Roussel SARL", 6010.0, 150, 0),
    ("Clinique vétérinaire des Alpes", 1720.0, 240, -4),
    ("Clinique vétérinaire des Alpes", 2080.0, 140, 0),
    ("Cabinet d'architectes Blanc", 3980.0, 230, 0),
    ("Librairie Vidal", 620.0, 200, 0),
    ("Claire Dubois", 230.0, 170, 0),
    ("Thomas Girard", 410.0, 190, 3),
    ("Pâtisserie Morel", 760.0, 220, 0),
    ("Syndicat intercommunal des eaux du Beaujolais", 3600.0, 270, 14),
    ("Commune de Tarare", 4100.0, 250, 25),
    ("Menuiserie Perrin & Fils", 8900.0, 200, 31),
]

# The maintenance contracts invoiced every month from a year ago to three months ago, about the
# size of the customer's recent invoices, and how each customer usually pays them (days after the
# due date, negative: before it): most of them on time or early, the printer and the restaurant
# a few days late, the public bodies and the joinery always late.
FRENCH_CONTRACTS = [
    ("Boulangerie Fabre SARL", -4),
    ("Garage Lemoine", -3),
    ("Imprimerie Chevalier SAS", 1),
    ("Syndicat intercommunal des eaux du Beaujolais", 19),
    ("Transports Roussel SARL", -2),
    ("Clinique vétérinaire des Alpes", -5),
    ("Commune de Tarare", 24),
    ("Restaurant Le Bouchon des Canuts", 2),
    ("Menuiserie Perrin & Fils", 29),
    ("Pâtisserie Morel", -3),
    ("Cabinet d'architectes Blanc", -4),
    ("Librairie Vidal", -5),
]
FRENCH_CONTRACT_MONTHS = range(3, 13)
# Days more for an invoice forgotten now and then, paid after a reminder.
FRENCH_FORGOTTEN_DAYS = 45


def french_contract_invoices():
    """(debtor, amount, days since the due date, days paid after it) of FRENCH_CONTRACTS (same
    shape as FRENCH_SETTLED): one a month, 60% to 120% of the customer's usual invoice (its
    invoices in FRENCH_STORY), paid within 3 days of its habit, except one in twelve forgotten."""
    usual = {
        name: sum(a for a, _days in lines) / len(lines) for name, *_v, lines, _e in FRENCH_STORY
    }
    invoices = []
    for rank, (name, habit) in enumerate(FRENCH_CONTRACTS):
        for months in FRENCH_CONTRACT_MONTHS:
            forgotten = FRENCH_FORGOTTEN_DAYS if (rank * 5 + months * 3) % 12 == 0 else 0
            amount = round(usual[name] * (0.6 + 0.1 * ((months * 3 + rank * 5) % 7)), -1)
            delay = habit + (rank * 5 + months * 3) % 7 - 3 + forgotten
            invoices.append((name, amount, 30 * months - 2 * rank, delay))
    return invoices


class DebtRecoveryDemoFrench(models.AbstractModel):
    _inherit = "debt.recovery.demo"

    @api.model
    def _demo_load_french_company(self, replay_days=80):
        """A French company in euros with its chart of accounts, French debtors of every kind
        (professionals, consumers, public bodies) and the daily job replayed for its cases only.

        Runs only when the French accounting localisation (l10n_fr_account) is installed; once:
        the company found by name is returned as it is. Returns the company (or nothing).
        """
        if self.env["ir.module.module"]._get("l10n_fr_account").state != "installed":
            _logger.info("French demo company skipped: l10n_fr_account is not installed")
            return self.env["res.company"]
        company = self.env["res.company"].search([("name", "=", FRENCH_COMPANY["name"])])
        if company:
            return company
        demo = self._demo_in_french()
        company = demo._demo_french_company()
        demo = demo.with_company(company).with_context(
            allowed_company_ids=[company.id], tracking_disable=True
        )
        today = fields.Date.context_today(self)
        # The demo replays the last months as of today: its rates are taken as still holding.
        self.env["debt.recovery.rate.type"].search(
            [("confirmed_through", "<", today)]
        ).confirmed_through = today
        demo._demo_settled(company, today)
        invoices = demo._demo_invoices(company, today, FRENCH_STORY)
        demo._demo_replay_company(company, invoices, today, replay_days)
        # The weekly risk score, so that the worklist shows grades and amounts at risk.
        self.env["debt.recovery.case"].sudo()._refresh_risk(today, company.ids)
        # The demo opens in the French company, the one whose story follows French law.
        admin = self.env.ref("base.user_admin", raise_if_not_found=False)
        if admin:
            admin.company_id = company
        return company

    @api.model
    def _demo_in_french(self):
        """This model in French when French is installed: what the French company's story
        writes (notes, reasons, messages) is in French."""
        languages = {code for code, _name in self.env["res.lang"].get_installed()}
        return self.with_context(lang="fr_FR") if "fr_FR" in languages else self

    @api.model
    def _demo_french_company(self):
        """The company, its users, its French ladder (given at creation) and chart."""
        euro = self.env.ref("base.EUR")
        euro.active = True
        Company = self.env["res.company"]
        values = dict(FRENCH_COMPANY, country_id=self.env.ref("base.fr").id, currency_id=euro.id)
        if "iap_enrich_auto_done" in Company._fields:
            # A made-up company: nothing to ask the partner autocomplete service about.
            values["iap_enrich_auto_done"] = True
        # The chart is loaded below: no localisation module installed by the company's country.
        company = Company.with_context(chart_template_load=True).create(values)
        company.partner_id.lang = self.env.context.get("lang") or False
        users = self.env["res.users"]
        for xmlid in ("base.user_admin", "base.user_demo"):
            users |= self.env.ref(xmlid, raise_if_not_found=False) or users
        users.write({"company_ids": [Command.link(company.id)]})
        self.env["account.chart.template"].try_loading("fr", company, install_demo=False)
        self._demo_consumer_mediator(company)
        # Every mandatory mention of a formal notice: the bank account, the signatory.
        self.env["res.partner.bank"].create(
            {"acc_number": FRENCH_COMPANY_IBAN, "partner_id": company.partner_id.id}
        )
        admin = self.env.ref("base.user_admin", raise_if_not_found=False)
        company.debt_recovery_policy_id.write(
            {"signatory_id": admin.id if admin else False, "user_id": users[-1:].id}
        )
        return company

    @api.model
    def _demo_consumer_mediator(self, company):
        """The consumer mediator the demo company has joined: documents to consumers name it
        (a mandatory mention)."""
        if not company.debt_recovery_consumer_mediator_id:
            company.debt_recovery_consumer_mediator_id = self.env["res.partner"].create(
                {
                    "name": "CM2C",
                    "street": "14 rue Saint-Jean",
                    "zip": "75017",
                    "city": "Paris",
                    "country_id": self.env.ref("base.fr").id,
                    "website": "https://www.cm2c.net",
                }
            )

    @api.model
    def _demo_settled(self, company, today):
        """The settled invoices of FRENCH_SETTLED and of the monthly contracts, each paid on
        its day in full."""
        partners = {
            name: self._demo_partner(name, *values)
            for name, *values, _lines, _event in FRENCH_STORY
        }
        settled = FRENCH_SETTLED + french_contract_invoices()
        moves = self.env["account.move"].create(
            [
                self._demo_invoice_values(
                    partners[name], company, amount, today - timedelta(days=days)
                )
                for name, amount, days, _paid_after in settled
            ]
        )
        moves.action_post()
        for move, (_name, _amount, days, paid_after) in zip(moves, settled, strict=True):
            self.env["account.payment.register"].with_context(
                active_model="account.move", active_ids=move.ids
            ).create({"payment_date": today - timedelta(days=days - paid_after)})._create_payments()

    @api.model
    def _demo_replay_company(self, company, invoices, today, replay_days):
        """The daily job of ``company`` alone, for each of the last ``replay_days`` days then
        today: the other companies' cases already ran these days and are left as they are."""
        Comm = self.env["debt.recovery.communication"].sudo()
        for offset in range(replay_days, -1, -1):
            day = today - timedelta(days=offset)
            self._demo_company_day(company, day)
            stale = Comm.search(
                [
                    ("company_id", "=", company.id),
                    ("state", "=", "to_validate"),
                    ("date", "<=", day - timedelta(days=2)),
                ]
            )
            for comm in stale:
                comm.with_context(demo_validation_date=day)._demo_validate(day)
            for name, *_values, event in FRENCH_STORY:
                if event and offset == FRENCH_EVENT_DAYS.get(event, 3):
                    self._demo_event(event, invoices[name], day)
        self._demo_company_day(company, today)

    @api.model
    def _demo_company_day(self, company, day):
        """One run of the daily job (see ``_cron_escalate_at``) on ``company`` only."""
        Case = self.env["debt.recovery.case"].sudo()
        Plan = self.env["debt.recovery.plan"].sudo()
        # Promises are only ever decided by what was paid and their date: no other company's
        # promise changes on an earlier day.
        self.env["debt.recovery.promise"].sudo()._refresh(day)
        Plan._refresh_plans(
            Plan.search([("state", "=", "active"), ("company_id", "=", company.id)]), day
        )
        context = Case._sync_cases(day, company.ids)
        context = Case._apply_legal_holds(day, context)
        Case._send_preventive_reminders(day, company.id)
        pending = Case.search(Case._pending_domain(day) + [("company_id", "=", company.id)])
        if pending:
            Case._escalate_batch(pending, day, context=context)
