# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
from collections import defaultdict

from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.tools.misc import format_amount, format_date

from odoo.addons.debt_recovery.models import bulk

from ..engine import insurance

INSURANCE_STATUSES = [
    ("insured", "Insured"),
    ("declaration_due", "Declaration due"),
    ("declared", "Declared"),
    ("with_insurer", "With insurer"),
    ("indemnified", "Indemnified"),
]


class DebtRecoveryCase(models.Model):
    _inherit = "debt.recovery.case"

    insurance_policy_id = fields.Many2one(
        "debt.recovery.insurance.policy",
        string="Credit Insurance Policy",
        compute="_compute_insurance_cover",
        help="The policy of the debtor's credit insurer in the case's company.",
    )
    insurance_limit = fields.Monetary(string="Insured Limit", compute="_compute_insurance_cover")
    insurance_exposure = fields.Monetary(
        string="Exposure",
        compute="_compute_insurance_cover",
        help="Every open invoice of the debtor, due or not.",
    )
    insurance_insured = fields.Monetary(
        string="Insured",
        compute="_compute_insurance_cover",
        help="The invoices the policy insures, up to the limit.",
    )
    insurance_uninsured = fields.Monetary(
        string="Uninsured",
        compute="_compute_insurance_cover",
        help="The exposure beyond the limit or outside the policy.",
    )
    insurance_indemnity = fields.Monetary(
        string="Indemnity on a Loss",
        compute="_compute_insurance_cover",
        help="The insurer's covered share of the insured part.",
    )
    insurance_over_limit = fields.Monetary(
        string="Above the Limit", compute="_compute_insurance_cover"
    )
    insurance_declare_by = fields.Date(
        string="Declare By",
        readonly=True,
        copy=False,
        help="Deadline of the declaration of threatened loss to the insurer, on the last run.",
    )
    insurance_intervene_by = fields.Date(
        string="Request Intervention By",
        readonly=True,
        copy=False,
        help="Deadline of the request for the insurer's intervention, on the last run.",
    )
    insurance_status = fields.Selection(
        INSURANCE_STATUSES, string="Credit Insurance", readonly=True, copy=False, index=True
    )
    insurance_warned_declare = fields.Date(readonly=True, copy=False)
    insurance_warned_intervene = fields.Date(readonly=True, copy=False)
    insurance_declaration_ids = fields.One2many(
        "debt.recovery.insurance.declaration", "case_id", string="Declarations to the Insurer"
    )

    # ------------------------------------------------------------------ computes
    @api.depends("partner_id", "company_id")
    @api.depends_context("company")
    def _compute_insurance_cover(self):
        """The cover of each case's open invoices, with one search of the invoices."""
        insured = self._insured_cases()
        rows = self._insurance_open_rows(insured, overdue_only=False)
        today = fields.Date.context_today(self)
        for case in self:
            context = insured.get(case.id)
            if not context:
                case.update(
                    {
                        "insurance_policy_id": False,
                        "insurance_limit": 0.0,
                        "insurance_exposure": 0.0,
                        "insurance_insured": 0.0,
                        "insurance_uninsured": 0.0,
                        "insurance_indemnity": 0.0,
                        "insurance_over_limit": 0.0,
                    }
                )
                continue
            cover = context.cover(rows.get(case.id, []), case.currency_id.rounding, today)
            case.update(
                {
                    "insurance_policy_id": context.policy.id,
                    "insurance_limit": float(cover.limit),
                    "insurance_exposure": float(cover.exposure),
                    "insurance_insured": float(cover.insured),
                    "insurance_uninsured": float(cover.uninsured),
                    "insurance_indemnity": float(cover.indemnity),
                    "insurance_over_limit": float(cover.over_limit),
                }
            )

    # ------------------------------------------------------------------ public actions
    def action_declare_insurer(self):
        """Declare the threatened loss to the insurer: the declaration with its invoices, its
        PDF and CSV, logged as a communication of the case with the PDF as evidence."""
        self.ensure_one()
        self.check_access("write")
        today = fields.Date.context_today(self)
        context, found, cover = self._insurance_claim(today)
        # Superuser after the check above on this case: the declaration is evidence of what
        # was declared, written by this action only (nobody writes declarations).
        declaration = (
            self.env["debt.recovery.insurance.declaration"]
            .sudo()
            .create(self._insurance_declaration_values(context, found, cover, today))
        )
        declaration.communication_id = self._log_insurance(
            self.env._(
                "Threat of loss declared to %(insurer)s (%(name)s): %(amount)s on %(count)s "
                "invoice(s), of which %(insured)s insured.",
                insurer=context.policy.insurer_id.display_name,
                name=declaration.name,
                amount=self._format_amount(cover.exposure),
                count=len(found),
                insured=self._format_amount(cover.insured),
            ),
            today,
        )
        declaration._attach_documents()
        self._refresh_insurance(today)
        return {
            "type": "ir.actions.act_window",
            "res_model": declaration._name,
            "res_id": declaration.id,
            "view_mode": "form",
        }

    def _insurance_claim(self, today):
        """(insured case, invoice deadlines, cover) of what this case declares today; a
        UserError when it has nothing to declare."""
        context = self._insured_cases().get(self.id)
        if not context:
            raise UserError(
                self.env._(
                    "%(debtor)s has no credit insurance policy in %(company)s: set the "
                    "debtor's insurer and limit, and the insurer's policy.",
                    debtor=self.partner_id.display_name,
                    company=self.company_id.display_name,
                )
            )
        if self.insurance_declaration_ids.filtered(lambda d: d.state != "withdrawn"):
            raise UserError(self.env._("%s is already declared to the insurer.", self.display_name))
        rows = self._insurance_open_rows({self.id: context}, overdue_only=True).get(self.id, [])
        found = context.deadlines(rows, today)
        if not found:
            raise UserError(
                self.env._(
                    "Nothing to declare for %s: no insured invoice is overdue above the "
                    "policy's threshold.",
                    self.display_name,
                )
            )
        declared = {d.invoice_id for d in found}
        cover = context.cover(
            [row for row in rows if row.id in declared], self.currency_id.rounding, today
        )
        return context, found, cover

    def _insurance_declaration_values(self, context, found, cover, today):
        """Values of the declaration of ``found`` (the invoices' deadlines) with ``cover``."""
        moves = self.env["account.move"].browse([d.invoice_id for d in found])
        deadline_of = {d.invoice_id: d for d in found}
        sequence = (
            self.env["ir.sequence"].sudo().next_by_code("debt.recovery.insurance.declaration")
        )
        return {
            "name": sequence or "/",
            "case_id": self.id,
            "policy_id": context.policy.id,
            "date": today,
            "declare_by": min(d.declare_by for d in found),
            "intervene_by": min(d.intervene_by for d in found),
            "amount_limit": float(cover.limit),
            "amount_declared": float(cover.exposure),
            "amount_insured": float(cover.insured),
            "covered_percent": context.covered_percent,
            "line_ids": [
                Command.create(
                    {
                        "invoice_id": move.id,
                        "name": move.name,
                        "invoice_date": move.invoice_date,
                        "due_date": move.invoice_date_due,
                        "amount_total": move.amount_total_signed,
                        "amount_residual": move.amount_residual_signed,
                        "declare_by": deadline_of[move.id].declare_by,
                    }
                )
                for move in moves
            ],
        }

    def action_view_insurance_declarations(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Declarations to the Insurer"),
            "res_model": "debt.recovery.insurance.declaration",
            "view_mode": "list,form",
            "domain": [("case_id", "=", self.id)],
            "context": {"create": False},
        }

    # ------------------------------------------------------------------ daily job
    # EXTENDS debt_recovery
    @api.model
    def _apply_legal_holds(self, today, context):
        """The sync's invoice rows also give the insured debtors' deadlines: each insured
        case's declaration and intervention deadlines, its status, and the collector's
        activity a set number of days before each deadline."""
        context = super()._apply_legal_holds(today, context)
        self._refresh_insurance_deadlines(today, context)
        return context

    @api.model
    def _refresh_insurance_deadlines(self, today, context):
        """Deadlines of the insured cases of the debtors of ``context`` (the sync's rows,
        {(partner_id, company_id): [row]}), set-based; the cases of debtors with nothing
        overdue any more leave their deadlines."""
        keys = list(context)
        partner_ids = list({key[0] for key in keys})
        company_ids = list({key[1] for key in keys})
        if not keys:
            return
        # A company without a credit insurance policy has no deadline to follow: one query.
        policies = self.env["debt.recovery.insurance.policy"].sudo().with_context(active_test=False)
        if not policies.search_count([("company_id", "in", company_ids)], limit=1):
            return
        cases = self.search([("partner_id", "in", partner_ids), ("company_id", "in", company_ids)])
        cases = cases.filtered(lambda c: (c.partner_id.id, c.company_id.id) in context)
        rows = {
            case.id: [
                _row_invoice(row) for row in context[(case.partner_id.id, case.company_id.id)]
            ]
            for case in cases
        }
        stale = self.search(
            [
                ("company_id", "in", company_ids),
                ("state", "=", "closed"),
                ("insurance_declare_by", "!=", False),
            ]
        )
        # Nothing overdue any more: no deadline left, the status follows the declarations.
        (cases | stale)._refresh_insurance(today, rows)

    def _refresh_insurance(self, today, rows=None):
        """Deadlines and status of these cases, and the activities due, in bulk. ``rows``:
        {case_id: [InsuredInvoice]} of the overdue invoices, read here when not given."""
        insured = self._insured_cases()
        if rows is None:
            rows = self._insurance_open_rows(insured, overdue_only=True)
        declarations = self.env["debt.recovery.insurance.declaration"].search(
            [("case_id", "in", self.ids), ("state", "!=", "withdrawn")]
        )
        states = defaultdict(set)
        for declaration in declarations:
            states[declaration.case_id.id].add(declaration.state)
        writes, activities = {}, []
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        for case in self:
            context = insured.get(case.id)
            declare_by = intervene_by = None
            if context:
                declare_by, intervene_by = context.next_deadlines(rows.get(case.id, []), today)
            warn = context.policy.warning_days if context else 0
            status = _status(states[case.id], bool(context), declare_by, warn, today)
            vals = {
                "insurance_declare_by": declare_by,
                "insurance_intervene_by": intervene_by,
                "insurance_status": status,
            }
            if status == "declaration_due" and case.insurance_warned_declare != declare_by:
                activities.append(
                    case._insurance_activity("declare", declare_by, context, activity_type)
                )
                vals["insurance_warned_declare"] = declare_by
            if (
                status == "declared"
                and insurance.warning_due(intervene_by, warn, today)
                and case.insurance_warned_intervene != intervene_by
            ):
                activities.append(
                    case._insurance_activity("intervene", intervene_by, context, activity_type)
                )
                vals["insurance_warned_intervene"] = intervene_by
            current = {name: case[name] or None for name in vals}
            if current != vals:
                writes[case.id] = vals
        bulk.update(self, writes)
        if activities:
            self.env["mail.activity"].sudo().create(activities)

    def _insurance_activity(self, kind, deadline, context, activity_type):
        """Values of the collector's activity before a deadline."""
        self.ensure_one()
        insurer = context.policy.insurer_id.display_name
        day = format_date(self.env, deadline)
        if kind == "declare":
            summary = self.env._("Declare to the insurer by %s", day)
            note = self.env._(
                "Declare the threatened loss on %(debtor)s to %(insurer)s by %(deadline)s: a "
                "late declaration loses the cover.",
                debtor=self.partner_id.display_name,
                insurer=insurer,
                deadline=day,
            )
        else:
            summary = self.env._("Request the insurer's intervention by %s", day)
            note = self.env._(
                "Ask %(insurer)s to collect from %(debtor)s by %(deadline)s.",
                debtor=self.partner_id.display_name,
                insurer=insurer,
                deadline=day,
            )
        return {
            "res_model_id": self.env["ir.model"]._get_id(self._name),
            "res_id": self.id,
            "activity_type_id": activity_type.id,
            "date_deadline": deadline,
            "summary": summary,
            "note": note,
            "user_id": self._activity_user(activity_type).id,
        }

    # ------------------------------------------------------------------ holds
    def _hold_with_insurer(self):
        """The cases the insurer now collects leave the ladder (the company's own reminders
        stop) until the hold is released."""
        cases = self.filtered(lambda c: c.hold_reason != "insurer" and c.state != "closed")
        cases._transition(
            "on_hold", "insurer", note=self.env._("Intervention requested from the insurer.")
        )
        self._refresh_insurance(fields.Date.context_today(self))

    def _release_from_insurer(self):
        held = self.filtered(lambda c: c.state == "on_hold" and c.hold_reason == "insurer")
        if held:
            held.action_release_hold()
        self._refresh_insurance(fields.Date.context_today(self))

    # ------------------------------------------------------------------ helpers
    def _insured_cases(self):
        """{case_id: _InsuredCase} of these cases whose debtor has an insurer with a policy in
        the case's company and a limit granted."""
        # The insurer and limit are accounting fields of the partner (OCA's groups): whoever
        # reads the case reads its cover.
        partners = self.partner_id.sudo()
        pairs = {
            (case.partner_id.sudo().credit_policy_company_id.id, case.company_id.id)
            for case in self
        }
        policies = self.env["debt.recovery.insurance.policy"].sudo()._policy_map(pairs)
        result = {}
        for case in self:
            partner = partners.browse(case.partner_id.id)
            policy = policies.get((partner.credit_policy_company_id.id, case.company_id.id))
            if not policy or partner.insurance_credit_limit <= 0:
                continue
            company_country = case.company_id.country_id
            result[case.id] = _InsuredCase(
                policy=policy.with_env(self.env),
                limit=partner.insurance_credit_limit,
                grant_date=partner.risk_insurance_grant_date or None,
                covered_percent=partner.risk_insurance_coverage_percent or policy.covered_percent,
                export=bool(
                    partner.country_id and company_country and partner.country_id != company_country
                ),
            )
        return result

    def _insurance_open_rows(self, insured, overdue_only):
        """{case_id: [InsuredInvoice]} of the open invoices of the insured cases, one
        search."""
        cases = self.browse(list(insured))
        if not cases:
            return {}
        domain = [
            ("move_type", "=", "out_invoice"),
            ("state", "=", "posted"),
            ("amount_residual", ">", 0),
            ("commercial_partner_id", "in", cases.partner_id.ids),
            ("company_id", "in", cases.company_id.ids),
        ]
        if overdue_only:
            domain.append(("invoice_date_due", "<", fields.Date.context_today(self)))
        moves = (
            self.env["account.move"]
            .sudo()
            .search_fetch(
                domain,
                [
                    "commercial_partner_id",
                    "company_id",
                    "invoice_date",
                    "invoice_date_due",
                    "amount_residual_signed",
                    "debt_recovery_is_penalty",
                ],
            )
        )
        case_by_key = {(c.partner_id.id, c.company_id.id): c.id for c in cases}
        result = defaultdict(list)
        for move in moves:
            case_id = case_by_key.get((move.commercial_partner_id.id, move.company_id.id))
            if case_id:
                result[case_id].append(
                    insurance.InsuredInvoice(
                        id=move.id,
                        invoice_date=move.invoice_date or move.invoice_date_due,
                        due_date=move.invoice_date_due,
                        residual=move.amount_residual_signed,
                        is_penalty=move.debt_recovery_is_penalty,
                    )
                )
        return result

    def _log_insurance(self, summary, day):
        """A step with the insurer, in the case's communication log."""
        self.ensure_one()
        return self.env["debt.recovery.communication"].create(
            {
                "partner_id": self.partner_id.id,
                "case_id": self.id,
                "company_id": self.company_id.id,
                "channel": "other",
                "direction": "outbound",
                "date": day,
                "summary": summary,
            }
        )

    def _format_amount(self, amount):
        return format_amount(self.env, float(amount), self.currency_id)


class _InsuredCase:
    """What the engine needs of an insured case: its policy's terms and its buyer's limit."""

    __slots__ = ("covered_percent", "export", "grant_date", "limit", "policy", "terms")

    def __init__(self, policy, limit, grant_date, covered_percent, export):
        self.policy = policy
        self.terms = policy._engine_terms()
        self.limit = limit
        self.grant_date = grant_date
        self.covered_percent = covered_percent
        self.export = export

    def cover(self, invoices, rounding, today):
        return insurance.cover(
            self.terms,
            self.limit,
            invoices,
            self.export,
            rounding,
            self.grant_date,
            self.covered_percent,
        )

    def deadlines(self, invoices, today):
        return insurance.deadlines(self.terms, invoices, self.export, today, self.grant_date)

    def next_deadlines(self, invoices, today):
        return insurance.next_deadlines(self.terms, invoices, self.export, today, self.grant_date)


def _row_invoice(row):
    """The engine's invoice of a row of the daily job's sync."""
    return insurance.InsuredInvoice(
        id=row["id"],
        invoice_date=row["invoice_date"] or row["due"],
        due_date=row["due"],
        residual=row["residual"],
        is_penalty=bool(row["is_penalty"]),
    )


def _status(declaration_states, insured, declare_by, warning_days, today):
    """The case's credit insurance status from its declarations and its deadline."""
    if "indemnified" in declaration_states:
        return "indemnified"
    if "intervention" in declaration_states:
        return "with_insurer"
    if "declared" in declaration_states:
        return "declared"
    if insured and insurance.warning_due(declare_by, warning_days, today):
        return "declaration_due"
    return "insured" if insured else None
