# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import api, fields, models


class DebtRecoveryDemo(models.AbstractModel):
    _inherit = "debt.recovery.demo"

    @api.model
    def _load_litigation_story(self):
        """One case at each step of the litigation stage, on the base demo's debtors: a
        mediation, a collection agency, a settlement and a court file filed in court."""
        Case = self.env["debt.recovery.case"]
        today = fields.Date.context_today(self)

        def case_of(name):
            return Case.search([("partner_id.name", "=", name)], limit=1)

        agency = self.env.ref("debt_recovery_litigation.res_partner_agency_demo")
        mediation_case = case_of("Hôtel Bonnet SARL")
        if mediation_case and mediation_case.state != "closed":
            self.env["debt.recovery.mediation"].create(
                {
                    "case_id": mediation_case.id,
                    "reference": "MED-2026-0042",
                    "date_start": today - timedelta(days=5),
                }
            )
        agency_case = case_of("Centre hospitalier de Valence")
        if agency_case and agency_case.state != "closed":
            self.env["debt.recovery.agency.assignment"].create(
                {"case_id": agency_case.id, "agency_id": agency.id, "commission_rate": 12.0}
            )
        settlement_case = case_of("Transports Fournier")
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
        self._load_litigation_court_case(case_of("Menuiserie Lambert"), today)

    @api.model
    def _load_litigation_court_case(self, case, today):
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
        case.partner_id.write(
            {
                "debt_recovery_legal_form": "SARL",
                "debt_recovery_representative": "Paul Lambert, gérant",
                "company_registry": "RCS Dijon 512 345 678",
                "street": "8 rue des Artisans",
                "zip": "21000",
                # A joinery: a craftsman, commercial; its status checked before going to court.
                "debt_recovery_professional_kind": "commercial",
                "debt_recovery_status_confirmed": True,
            }
        )
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
                "court_name": "Tribunal de commerce de Dijon",
                "reference": "IP 2026/01234",
            }
        )
