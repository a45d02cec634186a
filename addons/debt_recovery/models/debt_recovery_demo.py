# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import Command, api, fields, models

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
        company = self.env.ref("base.main_company")
        if not company.chart_template:
            return
        invoices = self._demo_invoices(company, today)
        self._demo_replay(invoices, today, replay_days)

    @api.model
    def _demo_invoices(self, company, today):
        """{debtor name: posted invoices} of the story's debtors, created as of ``today``.

        Debtors and their invoices are plain records (no external id): uninstalling the add-on
        leaves the accounting history alone.
        """
        languages = {code for code, _name in self.env["res.lang"].get_installed()}
        invoices = {}
        for name, debtor_type, email, city, lang, lines, _event in DEMO_STORY:
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
