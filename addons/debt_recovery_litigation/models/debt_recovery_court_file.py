# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The court file (dossier contentieux) of a case and its request summary.

The summary (:meth:`DebtRecoveryCourtFile._summary`) is read in a bounded number of queries
whatever the number of invoices and communications; the amount logic (which invoices, sums,
court, numbering of the exhibits) is :mod:`..engine.litigation`'s.
"""

import base64
import io
import json
import re
import zipfile

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import pdf, split_every

from ..engine import litigation
from . import court_file_pdf

INVOICE_REPORT = "account.account_invoices"
INVOICE_BATCH = 50
PART_REPORTS = {
    "cover": "debt_recovery_litigation.action_report_court_file_cover",
    "statement": "debt_recovery_litigation.action_report_court_file_statement",
    "log": "debt_recovery_litigation.action_report_court_file_log",
    "plans": "debt_recovery_litigation.action_report_court_file_plans",
}
PROCEDURES = [
    ("injonction", "Order for payment (injonction de payer)"),
    ("small_claims", "Simplified recovery of small claims"),
    ("provision", "Provision claim (référé-provision)"),
]


class DebtRecoveryCourtFile(models.Model):
    _name = "debt.recovery.court.file"
    _description = "Court File of a Recovery Case"
    _order = "create_date desc, id desc"
    _check_company_auto = True

    case_id = fields.Many2one(
        "debt.recovery.case", required=True, index=True, ondelete="cascade", check_company=True
    )
    company_id = fields.Many2one(related="case_id.company_id", store=True, index=True)
    partner_id = fields.Many2one(related="case_id.partner_id", store=True, string="Debtor")
    currency_id = fields.Many2one(related="case_id.currency_id")
    date = fields.Date(required=True, default=fields.Date.context_today, readonly=True)
    court = fields.Selection(
        [
            ("commerce", "Tribunal de commerce"),
            ("judiciaire", "Tribunal judiciaire"),
            ("administratif", "Administrative court"),
        ],
        readonly=True,
    )
    procedure = fields.Selection(PROCEDURES, readonly=True)
    amount_total = fields.Monetary(readonly=True)
    summary_json = fields.Text(string="Request Summary (JSON)", readonly=True)
    exhibit_count = fields.Integer(readonly=True)
    page_count = fields.Integer(readonly=True)
    pdf_file = fields.Binary(string="Court File (PDF)", attachment=True, readonly=True)
    pdf_name = fields.Char(readonly=True)
    zip_file = fields.Binary(string="Court File (ZIP)", attachment=True, readonly=True)
    zip_name = fields.Char(readonly=True)

    @api.depends("partner_id", "date")
    def _compute_display_name(self):
        for court_file in self:
            court_file.display_name = self.env._(
                "Court file %(debtor)s %(date)s",
                debtor=court_file.partner_id.display_name or "",
                date=court_file.date or "",
            )

    def _summary_data(self):
        self.ensure_one()
        return json.loads(self.summary_json or "{}")

    # ------------------------------------------------------------------ checks
    @api.model
    def _court(self, case):
        return case.partner_id._debt_recovery_court()

    @api.model
    def _sent_day(self, comm):
        """The day a communication was sent (its record's date when no sending is recorded)."""
        return comm.sent_date.date() if comm.sent_date else comm.date

    @api.model
    def _formal_notices(self, case):
        return self.env["debt.recovery.communication"].search(
            [
                ("case_id", "=", case.id),
                ("stage", "=", "formal_notice"),
                ("direction", "=", "outbound"),
                ("state", "=", "done"),
            ],
            order="date, id",
        )

    @api.model
    def _check(self, case):
        """Raise a UserError naming why no court file can be made for ``case``."""
        if case.partner_id.debt_recovery_insolvency_date:
            raise UserError(
                self.env._(
                    "%s is in insolvency proceedings: declare the claim to the creditors' "
                    "representative instead of going to court.",
                    case.partner_id.display_name,
                )
            )
        if not case._court_file_allowed():
            raise UserError(
                self.env._(
                    "Case %s has not reached the formal notice: no court file yet.",
                    case.display_name,
                )
            )
        debtor = case.partner_id.commercial_partner_id
        if not debtor.debt_recovery_status_confirmed or (
            debtor.debt_recovery_debtor_type == "professional"
            and not debtor.debt_recovery_professional_kind
        ):
            raise UserError(
                self.env._(
                    "The status of %s is not confirmed: check its debtor type and, for a "
                    'professional, its activity (commercial or not), then tick "Debtor '
                    "Status Confirmed\" on the debtor's form (Debt Recovery tab). The court "
                    "depends on it.",
                    debtor.display_name,
                )
            )
        notices = self._formal_notices(case)
        if not notices:
            raise UserError(
                self.env._(
                    "No formal notice was sent to %s: send one before going to court.",
                    case.partner_id.display_name,
                )
            )
        return notices

    # ------------------------------------------------------------------ the claim
    @api.model
    def _claim(self, case, at_date):
        """(engine claim, {move_id: move}) of the case's open invoices as of ``at_date``."""
        moves = case._open_moves().filtered(lambda m: not m.debt_recovery_is_penalty)
        rows = moves._debt_recovery_rows()
        penalties = moves._debt_recovery_penalties_of_rows(rows, at_date)
        limits = moves._debt_recovery_limitation_dates(rows)
        invoices = []
        for move in moves:
            reason = move.debt_recovery_exclusion_reason if move.debt_recovery_excluded else None
            if reason != "dispute" and limits.get(move.id) and limits[move.id] < at_date:
                reason = "time_barred"
            values = penalties[move.id]
            invoices.append(
                litigation.Invoice(
                    move.id,
                    move.name,
                    move.invoice_date_due,
                    move.amount_residual,
                    values["interest"],
                    values["indemnity"],
                    tuple(values["periods"]),
                    reason,
                    move.invoice_date,
                )
            )
        company = case.company_id
        claim = litigation.claim(
            invoices,
            case.litigation_costs,
            case.currency_id.rounding,
            company.debt_recovery_small_claims_limit,
        )
        return claim, {move.id: move for move in moves}

    @api.model
    def _documents(self, case, claim, notices):
        """(engine exhibits, {(kind, key): ir.attachment}) of the case's file."""
        Exhibit = litigation.Exhibit
        docs = [Exhibit("invoice", line.id, line.name, line.due_date) for line in claim.lines]
        sent = self.env["debt.recovery.communication"].search(
            [
                ("case_id", "=", case.id),
                ("direction", "=", "outbound"),
                ("state", "=", "done"),
                ("evidence_attachment_id", "!=", False),
            ]
        )
        sources = {}
        for comm in sent | notices:
            kind = "formal_notice" if comm in notices else "letter"
            if comm.evidence_attachment_id:
                sources[(kind, comm.id)] = comm.evidence_attachment_id
            docs.append(Exhibit(kind, comm.id, comm.name, self._sent_day(comm)))
        receipts = self.env["ir.attachment"].search(
            [
                ("res_model", "=", "debt.recovery.communication"),
                ("res_id", "in", notices.ids),
                ("id", "not in", notices.evidence_attachment_id.ids),
            ],
            order="id",
        )
        for attachment in receipts:
            docs.append(
                Exhibit(
                    "receipt",
                    attachment.id,
                    self.env._("Proof of receipt: %s", attachment.name),
                    parent=attachment.res_id,
                )
            )
            sources[("receipt", attachment.id)] = attachment
        docs.append(Exhibit("statement", "statement", self.env._("Statement of account")))
        docs.append(Exhibit("log", "log", self.env._("Log of communications")))
        plans, promises = self._broken(case)
        if plans or promises:
            docs.append(Exhibit("plans", "plans", self.env._("Plans and promises broken")))
        return docs, sources

    @api.model
    def _broken(self, case):
        plans = self.env["debt.recovery.plan"].search(
            [("case_id", "=", case.id), ("state", "=", "broken")]
        )
        promises = self.env["debt.recovery.promise"].search(
            [("case_id", "=", case.id), ("state", "=", "broken")]
        )
        return plans, promises

    # ------------------------------------------------------------------ the summary
    @api.model
    def _creditor(self, company, signatory):
        """The creditor's party: the company, its legal form as formal notices print it."""
        party = self._party(company.partner_id, company.company_registry or "", signatory)
        party["legal_form"] = party["legal_form"] or company.debt_recovery_legal_form or ""
        return party

    @api.model
    def _party(self, partner, registry=None, representative=None):
        address = ", ".join(
            filter(
                None,
                [
                    partner.street,
                    partner.street2,
                    partner.zip,
                    partner.city,
                    partner.country_id.name,
                ],
            )
        )
        return {
            "name": partner.name or "",
            "legal_form": partner.debt_recovery_legal_form or "",
            "address": address,
            "registry": registry if registry is not None else (partner.company_registry or ""),
            "vat": partner.vat or "",
            "representative": representative
            if representative is not None
            else (partner.debt_recovery_representative or ""),
        }

    @api.model
    def _procedure(self, court, claim):
        if court == "administratif":
            return "provision"
        return "small_claims" if claim.small_claim else "injonction"

    @api.model
    def _basis(self, case, court):
        regime = case.partner_id.debt_recovery_debtor_type or "consumer"
        texts = {
            "professional": self.env._(
                "Unpaid invoices for goods and services delivered; late-payment penalties and "
                "the fixed recovery indemnity of the Code de commerce (art. L441-10, D441-5)."
            ),
            "consumer": self.env._(
                "Unpaid invoices for goods and services delivered; interest at the legal rate "
                "from the formal notice (Code civil art. 1231-6, 1344-1)."
            ),
            "public": self.env._(
                "Unpaid invoices of a public contract; moratorium interest and the fixed "
                "recovery indemnity (Code de la commande publique R2192-31, D2192-35)."
            ),
        }
        return texts[regime]

    @api.model
    def _summary(self, case, at_date):
        """The request summary of ``case`` as of ``at_date`` (a JSON-ready dict)."""
        notices = self._check(case)
        claim, _moves = self._claim(case, at_date)
        if not claim.lines:
            raise UserError(
                self.env._(
                    "Nothing is left to claim from %s: every open invoice is disputed, "
                    "time-barred or paid.",
                    case.partner_id.display_name,
                )
            )
        court = self._court(case)
        docs, _sources = self._documents(case, claim, notices)
        company = case.company_id
        signatory = case.policy_id.signatory_id.name or ""
        return {
            "date": at_date.isoformat(),
            "court": court,
            "procedure": self._procedure(court, claim),
            "cerfa": {"commerce": "12946", "judiciaire": "12948"}.get(court, ""),
            "currency": case.currency_id.name,
            "creditor": self._creditor(company, signatory),
            "debtor": self._party(case.partner_id),
            "principal": claim.principal,
            "interest": claim.interest,
            "indemnity": claim.indemnity,
            "costs": claim.costs,
            "total": claim.total,
            # The first formal notice: the day it was sent and the day it was received.
            "formal_notice_date": self._sent_day(notices[:1]).isoformat(),
            "formal_notice_receipt_date": (
                notices[:1].receipt_date.isoformat() if notices[:1].receipt_date else ""
            ),
            "basis": self._basis(case, court),
            "lines": [self._line(line) for line in claim.lines],
            "left_out": [
                {"invoice": name, "invoice_id": id_, "reason": reason}
                for id_, name, reason in claim.left_out
            ],
            "exhibits": [
                {"number": e["number"], "name": e["name"], "kind": e["kind"], "key": e["key"]}
                for e in litigation.number_exhibits(docs)
            ],
        }

    @api.model
    def _line(self, line):
        return {
            "invoice": line.name,
            "invoice_id": line.id,
            "invoice_date": line.invoice_date and line.invoice_date.isoformat(),
            "due_date": line.due_date.isoformat(),
            "principal": line.principal,
            "interest": line.interest,
            "indemnity": line.indemnity,
            "periods": [
                {
                    "date_from": period.date_from.isoformat(),
                    "date_to": period.date_to.isoformat(),
                    "days": period.days,
                    "rate": period.rate,
                    "base": period.base,
                    "amount": round(period.amount, 2),
                }
                for period in line.periods
            ],
        }

    # ------------------------------------------------------------------ the file
    def action_build(self):
        """Compute the summary, render and merge the exhibits: one PDF and one ZIP."""
        for court_file in self:
            court_file._build()
        return True

    def _build(self):
        self.ensure_one()
        summary = self._store_summary()
        parts = self._render_parts(summary)
        self._assemble(summary, parts)

    def _store_summary(self):
        """Compute the request summary as of the file's date and keep it; returns it."""
        self.ensure_one()
        self.case_id.check_access("read")
        summary = self._summary(self.case_id, self.date)
        self.write(
            {
                "summary_json": json.dumps(summary, indent=1, ensure_ascii=False),
                "court": summary["court"],
                "procedure": summary["procedure"],
                "amount_total": summary["total"],
                "exhibit_count": len(summary["exhibits"]),
            }
        )
        return summary

    def _render_parts(self, summary):
        """{(kind, key): PDF bytes} of every exhibit and of the cover ("cover", None)."""
        self.ensure_one()
        case = self.case_id
        claim_lines = [line["invoice_id"] for line in summary["lines"]]
        # The invoices of the case the user reads; their PDFs are made as Odoo makes them.
        Report = self.env["ir.actions.report"].with_context(force_report_rendering=True)
        parts = self._invoice_pdfs(claim_lines)
        notices = self._formal_notices(case)
        _docs, sources = self._documents(case, _Lines(summary), notices)
        for key, attachment in sources.items():
            stream = pdf.to_pdf_stream(attachment)
            parts[key] = stream.getvalue() if stream else attachment.raw
        for kind in ("cover", "statement", "log", "plans"):
            if kind == "cover" or any(e["kind"] == kind for e in summary["exhibits"]):
                content, _fmt = Report._render_qweb_pdf(PART_REPORTS[kind], self.ids)
                parts[(kind, None if kind == "cover" else kind)] = content
        return parts

    def _invoice_pdfs(self, move_ids):
        """{("invoice", id): PDF} of the invoices: the PDF Odoo kept when the invoice was
        sent, else rendered now, by batches (one wkhtmltopdf run for hundreds of invoices
        exhausts it)."""
        moves = self.env["account.move"].browse(move_ids)
        parts = {
            ("invoice", move.id): move.invoice_pdf_report_id.raw
            for move in moves
            if move.invoice_pdf_report_id
        }
        missing = [move_id for move_id in move_ids if ("invoice", move_id) not in parts]
        Report = self.env["ir.actions.report"].with_context(force_report_rendering=True)
        for batch in split_every(INVOICE_BATCH, missing, list):
            streams = Report._render_qweb_pdf_prepare_streams(INVOICE_REPORT, {}, batch)
            parts.update(
                {("invoice", move_id): streams[move_id]["stream"].getvalue() for move_id in batch}
            )
        return parts

    def _assemble(self, summary, parts):
        """Stamp each exhibit with its number, merge them after the cover, zip them."""
        self.ensure_one()
        slug = re.sub(r"[^\w.-]+", "_", self.partner_id.name or "debtor")
        merged = [(parts[("cover", None)], None)]
        archive = io.BytesIO()
        with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
            zipped.writestr("00_index.pdf", parts[("cover", None)])
            zipped.writestr("summary.json", json.dumps(summary, indent=1, ensure_ascii=False))
            for exhibit in summary["exhibits"]:
                content = parts.get((exhibit["kind"], exhibit["key"]))
                if content is None:
                    continue
                name = re.sub(r"[^\w.-]+", "_", exhibit["name"])[:60]
                if content[:4] == b"%PDF":
                    merged.append((content, self.env._("Exhibit %s", exhibit["number"])))
                    extension = "pdf"
                else:
                    extension = "html" if content[:1] == b"<" else "bin"
                zipped.writestr(f"{exhibit['number']:02d}_{name}.{extension}", content)
        merged_pdf, pages = court_file_pdf.merge_stamped(merged)
        self.write(
            {
                "pdf_file": base64.b64encode(merged_pdf),
                "pdf_name": f"court_file_{slug}_{self.date}.pdf",
                "zip_file": base64.b64encode(archive.getvalue()),
                "zip_name": f"court_file_{slug}_{self.date}.zip",
                "page_count": pages,
            }
        )


class _Lines:
    """The claimed lines of a summary, shaped as the engine's claim for :meth:`_documents`."""

    def __init__(self, summary):
        self.lines = [
            litigation.Line(
                line["invoice_id"],
                line["invoice"],
                None,
                fields.Date.to_date(line["due_date"]),
                0,
                0,
                0,
                (),
            )
            for line in summary["lines"]
        ]
