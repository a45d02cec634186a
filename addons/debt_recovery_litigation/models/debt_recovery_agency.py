# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
import csv
import io

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..engine import litigation

ASSIGNMENT_STATES = [("assigned", "Assigned"), ("recalled", "Recalled")]


class DebtRecoveryAgencyAssignment(models.Model):
    _name = "debt.recovery.agency.assignment"
    _description = "Case Handed to a Collection Agency"
    _inherit = ["mail.thread"]
    _order = "date_assigned desc, id desc"
    _check_company_auto = True

    case_id = fields.Many2one(
        "debt.recovery.case", required=True, index=True, ondelete="cascade", check_company=True
    )
    company_id = fields.Many2one(related="case_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="case_id.currency_id")
    partner_id = fields.Many2one(related="case_id.partner_id", store=True, string="Debtor")
    agency_id = fields.Many2one("res.partner", string="Agency", required=True, index=True)
    commission_rate = fields.Float(string="Commission (%)", required=True, default=15.0)
    invoice_ids = fields.Many2many(
        "account.move",
        "account_move_debt_recovery_agency_assignment_rel",
        "debt_recovery_agency_assignment_id",
        "account_move_id",
        string="Invoices Assigned",
        help="Empty: every open invoice of the case.",
    )
    date_assigned = fields.Date(required=True, default=fields.Date.context_today)
    date_recalled = fields.Date(readonly=True)
    state = fields.Selection(ASSIGNMENT_STATES, default="assigned", required=True, tracking=True)
    payment_ids = fields.One2many("debt.recovery.agency.payment", "assignment_id", readonly=True)
    amount_assigned = fields.Monetary(readonly=True)
    amount_recovered = fields.Monetary(compute="_compute_totals", store=True)
    amount_commission = fields.Monetary(compute="_compute_totals", store=True)

    _sql_constraints = [
        (
            "commission_rate_range",
            "CHECK(commission_rate >= 0 AND commission_rate <= 100)",
            "A commission rate is between 0 and 100.",
        ),
    ]

    @api.depends("payment_ids.amount", "payment_ids.commission")
    def _compute_totals(self):
        for assignment in self:
            assignment.amount_recovered = sum(assignment.payment_ids.mapped("amount"))
            assignment.amount_commission = sum(assignment.payment_ids.mapped("commission"))

    @api.model_create_multi
    def create(self, vals_list):
        assignments = super().create(vals_list)
        for assignment in assignments:
            assignment._assign()
        return assignments

    def _assign(self):
        self.ensure_one()
        case = self.case_id
        if self.search_count(
            [("case_id", "=", case.id), ("state", "=", "assigned"), ("id", "!=", self.id)]
        ):
            raise UserError(self.env._("This case is already with a collection agency."))
        if not self.invoice_ids:
            self.invoice_ids = case._open_moves()
        if not self.invoice_ids:
            raise UserError(self.env._("Nothing is open on this case."))
        self.amount_assigned = sum(self.invoice_ids.mapped("amount_residual"))
        note = self.env._(
            "Handed to the collection agency %(agency)s (commission %(rate)s %%): %(invoices)s.",
            agency=self.agency_id.display_name,
            rate=self.commission_rate,
            invoices=", ".join(self.invoice_ids.mapped("name")),
        )
        case._transition("on_hold", "agency", note=note)
        case._log_litigation(note, self.date_assigned, partner=self.agency_id)
        self._attach_export()

    def _attach_export(self):
        """The agency's file: a CSV of the invoices and, when the case is far enough up the
        ladder, the court file PDF."""
        self.ensure_one()
        attachments = [
            {
                "name": f"{self.partner_id.display_name} - {self.date_assigned}.csv",
                "raw": self._export_csv(),
                "mimetype": "text/csv",
                "res_model": self._name,
                "res_id": self.id,
            }
        ]
        court_file = self._court_file()
        if court_file:
            attachments.append(
                {
                    "name": court_file.pdf_name,
                    "raw": base64.b64decode(court_file.pdf_file),
                    "mimetype": "application/pdf",
                    "res_model": self._name,
                    "res_id": self.id,
                }
            )
        self.env["ir.attachment"].create(attachments)

    def _court_file(self):
        """The case's court file, built for the agency when the case allows one."""
        CourtFile = self.env["debt.recovery.court.file"]
        try:
            CourtFile._check(self.case_id)
            CourtFile._summary(self.case_id, fields.Date.context_today(self))
        except UserError:
            return CourtFile
        court_file = CourtFile.create({"case_id": self.case_id.id})
        court_file.action_build()
        return court_file

    def _export_csv(self):
        self.ensure_one()
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";")
        partner = self.partner_id
        writer.writerow(
            [
                "debtor",
                "registry",
                "address",
                "email",
                "phone",
                "invoice",
                "invoice_date",
                "due_date",
                "amount_total",
                "amount_residual",
                "currency",
            ]
        )
        address = ", ".join(filter(None, [partner.street, partner.zip, partner.city]))
        for move in self.invoice_ids.sorted("invoice_date_due"):
            writer.writerow(
                [
                    partner.name,
                    partner.company_registry or "",
                    address,
                    partner.email or "",
                    partner.phone or "",
                    move.name,
                    move.invoice_date,
                    move.invoice_date_due,
                    move.amount_total,
                    move.amount_residual,
                    move.currency_id.name,
                ]
            )
        return buffer.getvalue().encode()

    def action_recall(self):
        today = fields.Date.context_today(self)
        for assignment in self:
            if assignment.state != "assigned":
                raise UserError(self.env._("This case is not with the agency any more."))
            assignment._attribute_payments(today)
            assignment.write({"state": "recalled", "date_recalled": today})
            note = self.env._("Recalled from the agency %s.", assignment.agency_id.display_name)
            assignment.case_id._log_litigation(note, today, partner=assignment.agency_id)
            case = assignment.case_id
            if case.state == "on_hold" and case.hold_reason == "agency":
                case.action_release_hold()
        return True

    def _attribute_payments(self, today):
        """Payments reconciled with the assigned invoices while they were assigned become the
        agency's, with its commission: one query for every assignment."""
        if not self:
            return
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                SELECT a.id, inv.move_id, apr.id, apr.max_date, apr.amount
                  FROM debt_recovery_agency_assignment a
                  JOIN account_move_debt_recovery_agency_assignment_rel r
                    ON r.debt_recovery_agency_assignment_id = a.id
                  JOIN account_move_line inv ON inv.move_id = r.account_move_id
                  JOIN account_account acc ON acc.id = inv.account_id
                       AND acc.account_type = 'asset_receivable'
                  JOIN account_partial_reconcile apr ON apr.debit_move_id = inv.id
                  JOIN account_move_line cl ON cl.id = apr.credit_move_id
                  JOIN account_move pay ON pay.id = cl.move_id
                 WHERE a.id IN %s
                   AND pay.move_type != 'out_refund'
                   AND apr.max_date >= a.date_assigned
                   AND apr.max_date <= COALESCE(a.date_recalled, %s)
                   AND NOT EXISTS (
                       SELECT 1 FROM debt_recovery_agency_payment p WHERE p.partial_id = apr.id
                   )
                """,
                tuple(self.ids),
                today,
            )
        )
        by_id = {assignment.id: assignment for assignment in self}
        vals_list = [
            {
                "assignment_id": assignment_id,
                "move_id": move_id,
                "partial_id": partial_id,
                "date": day,
                "amount": amount,
                "commission": litigation.commission(
                    amount,
                    by_id[assignment_id].commission_rate,
                    by_id[assignment_id].currency_id.rounding,
                ),
            }
            for assignment_id, move_id, partial_id, day, amount in self.env.cr.fetchall()
        ]
        self.env["debt.recovery.agency.payment"].create(vals_list)

    @api.model
    def _refresh(self, today):
        self.search([("state", "=", "assigned")])._attribute_payments(today)

    def action_refresh_payments(self):
        # Payments are attributed by reading the invoices' reconciliations as the system.
        self.check_access("write")
        self._attribute_payments(fields.Date.context_today(self))
        return True

    def action_view_invoices(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.move",
            "view_mode": "list,form",
            "domain": [("id", "in", self.invoice_ids.ids)],
            "context": {"create": False},
            "name": self.env._("Invoices assigned"),
        }


class DebtRecoveryAgencyPayment(models.Model):
    _name = "debt.recovery.agency.payment"
    _description = "Payment Recovered by a Collection Agency"
    _order = "date desc, id desc"

    assignment_id = fields.Many2one(
        "debt.recovery.agency.assignment", required=True, index=True, ondelete="cascade"
    )
    agency_id = fields.Many2one(related="assignment_id.agency_id", store=True, index=True)
    case_id = fields.Many2one(related="assignment_id.case_id", store=True)
    partner_id = fields.Many2one(related="assignment_id.partner_id", store=True, string="Debtor")
    company_id = fields.Many2one(related="assignment_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="assignment_id.currency_id")
    move_id = fields.Many2one("account.move", string="Invoice", required=True, ondelete="cascade")
    partial_id = fields.Integer(index=True, help="The reconciliation of the payment.")
    date = fields.Date(required=True)
    amount = fields.Monetary(string="Recovered")
    commission = fields.Monetary()

    _sql_constraints = [
        ("partial_unique", "UNIQUE(partial_id)", "A payment is attributed once."),
    ]
