# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
"""A declaration of threatened loss to the credit insurer, its intervention and indemnity."""

import base64
import csv
import io

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools.misc import format_date

from ..engine import insurance

DECLARATION_STATES = [
    ("declared", "Declared"),
    ("intervention", "Intervention requested"),
    ("indemnified", "Indemnified"),
    ("withdrawn", "Withdrawn"),
]
# Where the declaration leaves the case with the insurer.
WITH_INSURER_STATES = ("intervention", "indemnified")


class DebtRecoveryInsuranceDeclaration(models.Model):
    _name = "debt.recovery.insurance.declaration"
    _description = "Declaration to the Credit Insurer"
    _inherit = ["mail.thread"]
    # Nobody writes a declaration (its actions do): whoever reads it notes the insurer's
    # answers in its chatter.
    _mail_post_access = "read"
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(readonly=True, required=True)
    case_id = fields.Many2one(
        "debt.recovery.case",
        required=True,
        readonly=True,
        index=True,
        ondelete="restrict",
        check_company=True,
    )
    partner_id = fields.Many2one(related="case_id.partner_id", string="Buyer", store=True)
    company_id = fields.Many2one(related="case_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    policy_id = fields.Many2one(
        "debt.recovery.insurance.policy",
        required=True,
        readonly=True,
        ondelete="restrict",
        check_company=True,
    )
    insurer_id = fields.Many2one(related="policy_id.insurer_id", store=True)
    date = fields.Date(string="Declared On", required=True, readonly=True)
    declare_by = fields.Date(readonly=True, help="The policy's deadline when declared.")
    intervene_by = fields.Date(string="Request Intervention By", readonly=True)
    late = fields.Boolean(
        compute="_compute_late",
        store=True,
        help="Declared after the policy's deadline: the insurer may refuse its cover.",
    )
    state = fields.Selection(
        DECLARATION_STATES, default="declared", required=True, readonly=True, tracking=True
    )
    intervention_date = fields.Date(string="Intervention Requested On", readonly=True)
    line_ids = fields.One2many(
        "debt.recovery.insurance.declaration.line", "declaration_id", readonly=True
    )
    payment_ids = fields.One2many("debt.recovery.insurance.payment", "declaration_id")
    amount_limit = fields.Monetary(string="Insured Limit", readonly=True)
    amount_declared = fields.Monetary(
        string="Declared", readonly=True, help="Unpaid amount of the declared invoices."
    )
    amount_insured = fields.Monetary(
        string="Insured",
        readonly=True,
        help="Part of the declared amount within the insured limit.",
    )
    covered_percent = fields.Float(string="Covered Share (%)", readonly=True)
    amount_insurer_due = fields.Monetary(
        string="Insurer's Share",
        compute="_compute_amounts",
        store=True,
        help="The covered share of the insured part: what the insurer pays for its share.",
    )
    amount_insurer_paid = fields.Monetary(
        string="Paid by the Insurer", compute="_compute_amounts", store=True
    )
    amount_indemnity = fields.Monetary(string="Indemnity", compute="_compute_amounts", store=True)
    amount_insurer_outstanding = fields.Monetary(
        string="Insurer Still Owes", compute="_compute_amounts", store=True
    )
    amount_uninsured = fields.Monetary(
        string="Left Uninsured",
        compute="_compute_amounts",
        store=True,
        help="The part of the declared amount the company bears itself.",
    )
    amount_owed_to_insurer = fields.Monetary(
        string="Owed Back to the Insurer",
        compute="_compute_amounts",
        store=True,
        help="Of what the buyer paid after the indemnity, the part owed to the insurer.",
    )
    communication_id = fields.Many2one(
        "debt.recovery.communication", readonly=True, check_company=True
    )
    pdf_attachment_id = fields.Many2one("ir.attachment", string="Declaration", readonly=True)
    csv_attachment_id = fields.Many2one("ir.attachment", string="Declaration (CSV)", readonly=True)

    # ------------------------------------------------------------------ computes
    @api.depends("date", "declare_by")
    def _compute_late(self):
        for declaration in self:
            declaration.late = bool(
                declaration.declare_by and declaration.date > declaration.declare_by
            )

    @api.depends(
        "amount_declared",
        "amount_insured",
        "covered_percent",
        "payment_ids.amount",
        "payment_ids.kind",
        "payment_ids.owed_to_insurer",
    )
    def _compute_amounts(self):
        for declaration in self:
            payments = declaration.payment_ids
            paid = sum(payments.filtered(lambda p: p.kind != "recovery").mapped("amount"))
            result = insurance.settlement(
                declaration.amount_declared,
                declaration.amount_insured,
                declaration.covered_percent,
                paid,
                declaration.currency_id.rounding or 0.01,
            )
            declaration.amount_insurer_due = float(result.insurer_due)
            declaration.amount_insurer_paid = float(result.insurer_paid)
            declaration.amount_insurer_outstanding = float(result.insurer_outstanding)
            declaration.amount_uninsured = float(result.uninsured)
            declaration.amount_indemnity = sum(
                payments.filtered(lambda p: p.kind == "indemnity").mapped("amount")
            )
            declaration.amount_owed_to_insurer = sum(payments.mapped("owed_to_insurer"))

    # ------------------------------------------------------------------ public actions
    def action_request_intervention(self):
        """Ask the insurer to collect: the case goes on hold with the insurer (the company's
        own reminders stop)."""
        self._check_case_access()
        today = fields.Date.context_today(self)
        for declaration in self:
            if declaration.state != "declared":
                raise UserError(
                    self.env._(
                        "%(name)s is not waiting for an intervention request.",
                        name=declaration.display_name,
                    )
                )
        # Superuser after the checks above: declarations change through their actions only.
        self.sudo().write({"state": "intervention", "intervention_date": today})
        for declaration in self:
            declaration.case_id._log_insurance(
                self.env._(
                    "Intervention requested from %(insurer)s (%(name)s).",
                    insurer=declaration.insurer_id.display_name,
                    name=declaration.name,
                ),
                today,
            )
        self.case_id._hold_with_insurer()
        return True

    def action_withdraw(self):
        """The buyer paid or the insurer returned the file: the declaration is withdrawn and
        the case, if held for the insurer, resumes."""
        self._check_case_access()
        for declaration in self:
            if declaration.state in ("indemnified", "withdrawn"):
                raise UserError(
                    self.env._(
                        "%(name)s is %(state)s: it cannot be withdrawn.",
                        name=declaration.display_name,
                        state=dict(self._fields["state"]._description_selection(self.env))[
                            declaration.state
                        ],
                    )
                )
        # Superuser after the checks above: declarations change through their actions only.
        self.sudo().write({"state": "withdrawn"})
        self.case_id._release_from_insurer()
        return True

    def _check_case_access(self):
        """Whoever may read these declarations and work on their cases acts on them."""
        self.check_access("read")
        self.case_id.check_access("write")

    # ------------------------------------------------------------------ documents
    def _actions_so_far(self):
        """{declaration id: [(date, what)]} of what was done on each case before its
        declaration (the communications on record), one query."""
        comms = self.env["debt.recovery.communication"].search(
            [
                ("case_id", "in", self.case_id.ids),
                ("state", "=", "done"),
                ("id", "not in", self.communication_id.ids),
            ],
            order="date, id",
        )
        channels = dict(comms._fields["channel"]._description_selection(self.env))
        result = {}
        for declaration in self:
            result[declaration.id] = [
                (
                    comm.date,
                    comm.level_id.name or (comm.summary or "").split("\n")[0] or comm.display_name,
                    channels.get(comm.channel, comm.channel),
                )
                for comm in comms
                if comm.case_id == declaration.case_id and comm.date <= declaration.date
            ]
        return result

    def _csv_content(self):
        """The declaration as CSV: one row per invoice, with the buyer's identifiers and what
        was done so far."""
        self.ensure_one()
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";")
        writer.writerow(
            [
                self.env._("Insurer"),
                self.env._("Policy"),
                self.env._("Buyer"),
                self.env._("Buyer code"),
                self.env._("VAT"),
                self.env._("Company registry"),
                self.env._("Invoice"),
                self.env._("Invoice date"),
                self.env._("Due date"),
                self.env._("Amount"),
                self.env._("Unpaid"),
                self.env._("Currency"),
                self.env._("Actions so far"),
            ]
        )
        partner = self.partner_id.sudo()
        done = "; ".join(
            f"{day} {what} ({channel})" for day, what, channel in self._actions_so_far()[self.id]
        )
        for line in self.line_ids:
            writer.writerow(
                [
                    self.insurer_id.name,
                    self.policy_id.name,
                    partner.name,
                    partner.risk_insurance_code or "",
                    partner.vat or "",
                    partner.company_registry or "",
                    line.name,
                    line.invoice_date or "",
                    line.due_date or "",
                    f"{line.amount_total:.2f}",
                    f"{line.amount_residual:.2f}",
                    self.currency_id.name,
                    done,
                ]
            )
        return buffer.getvalue().encode("utf-8-sig")

    def _attach_documents(self):
        """The PDF (the insurer's form) and the CSV, attached to the communication logging the
        declaration; the PDF is its evidence."""
        report = self.env.ref("debt_recovery_insurance.action_report_insurance_declaration")
        Attachment = self.env["ir.attachment"]
        for declaration in self:
            comm = declaration.communication_id
            pdf, _kind = report._render_qweb_pdf(report.report_name, declaration.ids)
            stem = declaration.name.replace("/", "-")
            pdf_file, csv_file = Attachment.create(
                [
                    {
                        "name": f"{stem}.pdf",
                        "raw": pdf,
                        "res_model": comm._name,
                        "res_id": comm.id,
                        "mimetype": "application/pdf",
                    },
                    {
                        "name": f"{stem}.csv",
                        "datas": base64.b64encode(declaration._csv_content()),
                        "res_model": comm._name,
                        "res_id": comm.id,
                        "mimetype": "text/csv",
                    },
                ]
            )
            declaration.write({"pdf_attachment_id": pdf_file.id, "csv_attachment_id": csv_file.id})
            if "evidence_attachment_id" in comm._fields:
                # Evidence is written by the server's own code path only.
                comm.sudo().evidence_attachment_id = pdf_file

    def _format_date(self, value):
        return format_date(self.env, value) if value else ""


class DebtRecoveryInsuranceDeclarationLine(models.Model):
    _name = "debt.recovery.insurance.declaration.line"
    _description = "Invoice Declared to the Credit Insurer"
    _order = "due_date, id"

    declaration_id = fields.Many2one(
        "debt.recovery.insurance.declaration", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="declaration_id.company_id", store=True)
    currency_id = fields.Many2one(related="declaration_id.currency_id")
    invoice_id = fields.Many2one("account.move", required=True, ondelete="restrict")
    name = fields.Char(string="Invoice Number", required=True)
    invoice_date = fields.Date()
    due_date = fields.Date()
    amount_total = fields.Monetary(string="Amount")
    amount_residual = fields.Monetary(string="Unpaid")
    declare_by = fields.Date()
