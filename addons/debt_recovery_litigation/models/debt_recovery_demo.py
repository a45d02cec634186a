# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import api, fields, models

from odoo.addons.debt_recovery.models.debt_recovery_demo import FRENCH_COMPANY

# The French demo company's debtors at each step of the litigation stage.
FRENCH_LITIGATION = {
    "mediation": "Restaurant Le Bouchon des Canuts",
    "agency": "Commune de Tarare",
    "settlement": "Transports Roussel SARL",
    "court": "Menuiserie Perrin & Fils",
}
FRENCH_COURT_DEBTOR = {
    "debt_recovery_legal_form": "SARL",
    "debt_recovery_representative": "Julien Perrin, gérant",
    "company_registry": "RCS Bourg-en-Bresse 498 765 432",
    "street": "12 rue des Charpentiers",
    "zip": "01000",
    # A joinery: a craftsman, commercial; its status checked before going to court.
    "debt_recovery_professional_kind": "commercial",
    "debt_recovery_status_confirmed": True,
}


class DebtRecoveryDemo(models.AbstractModel):
    _inherit = "debt.recovery.demo"

    # EXTENDS debt_recovery
    @api.model
    def _demo_load_french_company(self, replay_days=80):
        """The French company's stories that need French law: a mediation, a collection
        agency, a settlement and a court file, loaded with the company (once)."""
        Company = self.env["res.company"]
        existed = Company.search_count([("name", "=", FRENCH_COMPANY["name"])])
        company = super()._demo_load_french_company(replay_days=replay_days)
        if company and not existed:
            mediator = self.env.ref(
                "debt_recovery_litigation.res_partner_consumer_mediator_demo",
                raise_if_not_found=False,
            )
            if mediator:
                company.debt_recovery_consumer_mediator_id = mediator
            self._demo_in_french().with_company(company).with_context(
                allowed_company_ids=[company.id]
            )._load_litigation_story(company, FRENCH_LITIGATION, FRENCH_COURT_DEBTOR)
        return company

    @api.model
    def _demo_agency(self):
        agency = self.env.ref("debt_recovery_litigation.res_partner_agency_demo", False)
        return agency or self.env["res.partner"].create(
            {"name": "Recouvrement Rhône-Alpes SAS", "is_company": True, "city": "Lyon"}
        )

    @api.model
    def _load_litigation_story(self, company, debtors, court_debtor):
        """One case at each step of the litigation stage in ``company``, on the debtors named
        by ``debtors`` (step: debtor's name): a mediation, a collection agency, a settlement
        and a court file filed in court (the debtor completed with ``court_debtor``)."""
        Case = self.env["debt.recovery.case"]
        today = fields.Date.context_today(self)

        def case_of(step):
            return Case.search(
                [("partner_id.name", "=", debtors[step]), ("company_id", "=", company.id)],
                limit=1,
            )

        agency = self._demo_agency()
        mediation_case = case_of("mediation")
        if mediation_case and mediation_case.state != "closed":
            self.env["debt.recovery.mediation"].create(
                {
                    "case_id": mediation_case.id,
                    "reference": "MED-2026-0042",
                    "date_start": today - timedelta(days=5),
                }
            )
        agency_case = case_of("agency")
        if agency_case and agency_case.state != "closed":
            self.env["debt.recovery.agency.assignment"].create(
                {"case_id": agency_case.id, "agency_id": agency.id, "commission_rate": 12.0}
            )
        settlement_case = case_of("settlement")
        if settlement_case and settlement_case.state != "closed":
            owed = sum(settlement_case._open_moves().mapped("amount_residual"))
            self.env["debt.recovery.settlement"].create(
                {
                    "case_id": settlement_case.id,
                    "amount": round(owed * 0.8, 2),
                    "deadline": today + timedelta(days=20),
                    "reason": self.env._("Commercial gesture after a late delivery"),
                }
            )
        self._load_litigation_court_case(case_of("court"), today, court_debtor)

    @api.model
    def _load_litigation_court_case(self, case, today, court_debtor):
        if not case or not case._court_file_allowed():
            return
        notices = self.env["debt.recovery.communication"].search(
            [("case_id", "=", case.id), ("stage", "=", "formal_notice"), ("state", "=", "to_send")]
        )
        # Demo: the registered letter was posted and received; its PDF is made when printed.
        for notice in notices.sudo():
            notice.write(
                {
                    "state": "done",
                    "sent_date": fields.Datetime.to_datetime(notice.date),
                    "receipt_date": notice.date + timedelta(days=2),
                }
            )
        if not self.env["debt.recovery.court.file"]._formal_notices(case):
            return
        case.write({"litigation_costs": 33.47})
        case.partner_id.write(court_debtor)
        court_file = self.env["debt.recovery.court.file"].create({"case_id": case.id})
        # The summary only: the PDF and the ZIP are built from the case (Rebuild), with the
        # server up to give wkhtmltopdf the report styles.
        court_file._store_summary()
        self.env["debt.recovery.litigation.step"].create(
            {
                "case_id": case.id,
                "kind": "filing",
                "date": today,
                "court": court_file.court,
                "court_name": "Tribunal de commerce de Bourg-en-Bresse",
                "reference": "IP 2026/00418",
            }
        )
