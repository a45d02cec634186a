# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.debt_recovery.engine.ladder import FORMAL_STAGES
from odoo.addons.debt_recovery.models.res_partner import CLAIM_DECLARATION_MONTHS

from ..engine import litigation


class DebtRecoveryCase(models.Model):
    _inherit = "debt.recovery.case"

    mediation_ids = fields.One2many("debt.recovery.mediation", "case_id")
    settlement_ids = fields.One2many("debt.recovery.settlement", "case_id")
    agency_assignment_ids = fields.One2many("debt.recovery.agency.assignment", "case_id")
    litigation_step_ids = fields.One2many(
        "debt.recovery.litigation.step", "case_id", string="Court Steps"
    )
    court_file_ids = fields.One2many("debt.recovery.court.file", "case_id", string="Court Files")
    debtor_insolvency_date = fields.Date(related="partner_id.debt_recovery_insolvency_date")
    litigation_costs = fields.Monetary(
        string="Legal Costs",
        help="Costs claimed in court on proof (court fees, commissaire de justice...).",
    )

    # ------------------------------------------------------------------ helpers
    def _open_moves(self):
        """The debtor's open posted customer invoices in the case's company, penalty
        invoices included, oldest due first."""
        self.ensure_one()
        return self.env["account.move"].search(
            self._open_invoices_domain(), order="invoice_date_due, id"
        )

    def _log_litigation(self, summary, day, partner=None, channel="other"):
        """A step of the litigation stage, in the case's communication log (evidence)."""
        self.ensure_one()
        if partner:
            summary = f"{summary} [{partner.display_name}]"
        return self.env["debt.recovery.communication"].create(
            {
                "partner_id": self.partner_id.id,
                "case_id": self.id,
                "company_id": self.company_id.id,
                "channel": channel,
                "direction": "outbound",
                "date": day,
                "summary": summary,
            }
        )

    def _court_file_allowed(self):
        """Whether the case reached the formal notice (or later) or litigation."""
        self.ensure_one()
        return self.state == "litigation" or self.level_id.stage in FORMAL_STAGES

    @api.model
    def _refresh_holds(self, today):
        """The daily job also ends mediations past their term, carries out paid settlements,
        lets unpaid ones lapse and attributes payments to collection agencies."""
        result = super()._refresh_holds(today)
        self.env["debt.recovery.mediation"]._refresh(today)
        self.env["debt.recovery.settlement"]._refresh(today)
        self.env["debt.recovery.agency.assignment"]._refresh(today)
        return result

    # ------------------------------------------------------------------ summary (JSON)
    def get_litigation_summary(self, at_date=None):
        """The request for an order for payment, as a JSON-ready dict (see README)."""
        self.ensure_one()
        at_date = fields.Date.to_date(at_date) or fields.Date.context_today(self)
        return self.env["debt.recovery.court.file"]._summary(self, at_date)

    # ------------------------------------------------------------------ actions
    def _form_action(self, model, name, context=None):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": model,
            "view_mode": "form",
            "target": "new",
            "context": {"default_case_id": self.id, **(context or {})},
        }

    def action_new_mediation(self):
        kind = "consumer" if self.partner_id.debt_recovery_debtor_type == "consumer" else "business"
        return self._form_action(
            "debt.recovery.mediation", self.env._("Mediation"), {"default_kind": kind}
        )

    def action_new_settlement(self):
        return self._form_action("debt.recovery.settlement", self.env._("Settlement"))

    def action_new_agency(self):
        return self._form_action(
            "debt.recovery.agency.assignment", self.env._("Hand to a collection agency")
        )

    def action_new_step(self):
        summary_court = False
        if self._court_file_allowed() and self.partner_id.debt_recovery_debtor_type:
            summary_court = self.env["debt.recovery.court.file"]._court(self)
        return self._form_action(
            "debt.recovery.litigation.step",
            self.env._("Court step"),
            {"default_court": summary_court},
        )

    def action_court_file(self):
        """Build the court file of this case and show it."""
        self.ensure_one()
        court_file = self.env["debt.recovery.court.file"].create({"case_id": self.id})
        court_file.action_build()
        return {
            "type": "ir.actions.act_window",
            "res_model": court_file._name,
            "res_id": court_file.id,
            "view_mode": "form",
            "target": "current",
        }

    def action_view_litigation(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Litigation"),
            "res_model": "debt.recovery.litigation.step",
            "view_mode": "list,form",
            "domain": [("case_id", "=", self.id)],
            "context": {"default_case_id": self.id},
        }

    def action_declare_claim(self):
        """Insolvency: the declaration of claim for the creditors' representative, with the
        amounts as of the opening judgment, and an activity due two months after publication."""
        self.ensure_one()
        partner = self.partner_id
        if not partner.debt_recovery_insolvency_date:
            raise UserError(
                self.env._("%s is not in insolvency proceedings.", partner.display_name)
            )
        start = partner.debt_recovery_insolvency_publication_date or (
            partner.debt_recovery_insolvency_date
        )
        deadline = start + relativedelta(months=CLAIM_DECLARATION_MONTHS)
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        self.activity_schedule(
            activity_type_id=activity_type.id,
            date_deadline=deadline,
            summary=self.env._("Send the declaration of claim"),
            note=self.env._(
                "Declare the claim to %(trustee)s by %(deadline)s.",
                trustee=partner.debt_recovery_insolvency_trustee_id.display_name or "-",
                deadline=deadline,
            ),
            user_id=self._activity_user(activity_type).id,
        )
        retained = self._claim_declaration_moves().filtered(
            lambda m: m.debt_recovery_security == "retention"
        )
        if retained:
            claim_by = litigation.retention_claim_deadline(start)
            self.activity_schedule(
                activity_type_id=activity_type.id,
                date_deadline=claim_by,
                summary=self.env._("Claim the goods under retention of title"),
                note=self.env._(
                    "Claim the goods of %(invoices)s (retention of title) from %(trustee)s by "
                    "%(deadline)s, three months after the publication of the opening judgment "
                    "(article L624-9 of the Code de commerce).",
                    invoices=", ".join(retained.mapped("name")),
                    trustee=partner.debt_recovery_insolvency_trustee_id.display_name or "-",
                    deadline=claim_by,
                ),
                user_id=self._activity_user(activity_type).id,
            )
        self._log_litigation(
            self.env._("Declaration of claim prepared (deadline %s).", deadline),
            fields.Date.context_today(self),
            partner=partner.debt_recovery_insolvency_trustee_id or None,
        )
        return self.env.ref(
            "debt_recovery_litigation.action_report_claim_declaration"
        ).report_action(self, config=False)

    def _claim_declaration_values(self):
        """Amounts of the declaration of claim, as of the opening judgment: the invoices
        issued before it, their interest until it (it stops then) and the indemnities."""
        self.ensure_one()
        opening = self.partner_id.debt_recovery_insolvency_date
        moves = self._claim_declaration_moves()
        penalties = moves._debt_recovery_penalties(opening)
        invoices = [
            litigation.Invoice(
                m.id,
                m.name,
                m.invoice_date_due,
                m.amount_residual,
                0.0 if m.debt_recovery_is_penalty else penalties[m.id]["interest"],
                0.0 if m.debt_recovery_is_penalty else penalties[m.id]["indemnity"],
                (),
                None,
                m.invoice_date,
            )
            for m in moves
        ]
        claim = litigation.claim(invoices, 0.0, self.currency_id.rounding, 0.0)
        start = self.partner_id.debt_recovery_insolvency_publication_date or opening
        ranks = {m.id: litigation.claim_rank(m.debt_recovery_security) for m in moves}
        totals = {"chirographaire": 0.0, "secured": 0.0}
        for line in claim.lines:
            totals[ranks[line.id]] += line.principal + line.interest + line.indemnity
        return {
            "claim": claim,
            "opening": opening,
            "deadline": start + relativedelta(months=CLAIM_DECLARATION_MONTHS),
            "moves": {m.id: m for m in moves},
            "ranks": ranks,
            "securities": dict(
                self.env["account.move"]
                ._fields["debt_recovery_security"]
                ._description_selection(self.env)
            ),
            "total_unsecured": self.currency_id.round(totals["chirographaire"]),
            "total_secured": self.currency_id.round(totals["secured"]),
        }

    def _claim_declaration_moves(self):
        """The open documents of the declaration of claim: goods or services delivered before
        the opening judgment, even when invoiced after it (``engine.litigation.declared``)."""
        self.ensure_one()
        opening = self.partner_id.debt_recovery_insolvency_date
        return self._open_moves().filtered(
            lambda m: litigation.declared(opening, m.invoice_date, m.delivery_date)
        )
