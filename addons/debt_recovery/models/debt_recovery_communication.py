# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..engine import case_state, claims, ladder
from ..engine import penalties as penalty_engine
from . import bulk, evidence
from .account_move import EXCLUSION_REASONS
from .debt_recovery_case import taken_today

CHANNELS = [
    ("email", "Email"),
    ("letter", "Letter"),
    ("registered_letter", "Registered letter"),
    ("phone", "Phone call"),
    ("sms", "SMS"),
    ("meeting", "Meeting"),
    ("portal", "Customer portal"),
    ("other", "Other"),
]
OUTCOMES = [
    ("none", "None"),
    ("no_answer", "No answer"),
    ("promise", "Promise to pay"),
    ("dispute", "Dispute"),
    ("paid", "Says paid"),
    ("refused", "Refuses to pay"),
    ("wrong_contact", "Wrong contact"),
    ("callback", "Call back later"),
    ("other", "Other"),
]
COMM_STATES = [
    ("to_validate", "To Validate"),
    ("to_send", "To Send"),
    ("done", "Done"),
    ("cancelled", "Cancelled"),
]
LETTER_CHANNELS = ("letter", "registered_letter")
# The communication's fields that decide whether its snapshot lines are claims, and which claim
# of an invoice is the last (see ``account.move._debt_recovery_claims_sql``).
CLAIM_FIELDS = {"state", "level_id", "direction", "date"}
# The snapshot line's fields that do.
LINE_CLAIM_FIELDS = {"communication_id", "invoice_id", "excluded"}
# Once done, these fields are evidence: nobody edits them.
EVIDENCE_FIELDS = {
    "partner_id",
    "case_id",
    "level_id",
    "channel",
    "direction",
    "date",
    "invoice_ids",
    "line_ids",
    "summary",
    "amount_due",
    "interest_amount",
    "indemnity_amount",
    "fee_amount",
    "user_id",
}
# Written by the system's own actions only, at create as at write (see ``evidence``): when the
# letter was validated, by whom, when it was sent; the date of its proof of receipt, once.
SYSTEM_FIELDS = frozenset({"validated_by_id", "validated_date", "sent_date", "receipt_date"})
ONCE_FIELDS = frozenset({"receipt_date"})


class DebtRecoveryCommunication(models.Model):
    _name = "debt.recovery.communication"
    _description = "Debt Recovery Communication"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"
    _check_company_auto = True
    _mail_post_access = "read"

    name = fields.Char(compute="_compute_name", store=True)
    partner_id = fields.Many2one(
        "res.partner", string="Debtor", required=True, index=True, ondelete="restrict"
    )
    case_id = fields.Many2one(
        "debt.recovery.case", index=True, check_company=True, ondelete="restrict"
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    level_id = fields.Many2one("debt.recovery.level", check_company=True, ondelete="restrict")
    stage = fields.Selection(related="level_id.stage", store=True)
    channel = fields.Selection(CHANNELS, required=True, default="phone")
    direction = fields.Selection(
        [("outbound", "Outbound"), ("inbound", "Inbound")], required=True, default="outbound"
    )
    date = fields.Date(required=True, default=fields.Date.context_today, index=True)
    # The invoices are those of the snapshot lines (one line per invoice claimed or discussed):
    # chosen by hand, they get their lines as of the communication's date.
    invoice_ids = fields.Many2many(
        "account.move",
        string="Invoices",
        compute="_compute_invoice_ids",
        inverse="_inverse_invoice_ids",
        search="_search_invoice_ids",
        domain="[('move_type', '=', 'out_invoice'), ('state', '=', 'posted'),"
        " ('commercial_partner_id', '=', partner_id)]",
    )
    line_ids = fields.One2many(
        "debt.recovery.communication.line", "communication_id", string="Invoice Snapshot"
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env["debt.recovery.case"]._default_responsible(),
    )
    late_reason_id = fields.Many2one(
        "debt.recovery.late.reason",
        string="Reason for Late Payment",
        help="Why the debtor pays late, as the debtor says it.",
    )
    summary = fields.Text()
    outcome = fields.Selection(OUTCOMES, default="none", required=True)
    state = fields.Selection(COMM_STATES, default="done", required=True, index=True, tracking=True)
    amount_due = fields.Monetary(help="Residual of the claimed invoices when recorded.")
    interest_amount = fields.Monetary(string="Late-Payment Interest")
    indemnity_amount = fields.Monetary(string="Fixed Indemnity")
    fee_amount = fields.Monetary(string="Fee")
    amount_total = fields.Monetary(compute="_compute_amount_total", store=True)
    response_date = fields.Date(
        string="Response Deadline", help="Deadline given to the debtor in this communication."
    )
    mail_id = fields.Many2one("mail.mail", string="Email", readonly=True, copy=False)
    validated_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    validated_date = fields.Datetime(readonly=True, copy=False)
    sent_date = fields.Datetime(readonly=True, copy=False)
    receipt_date = fields.Date(
        string="Date of Receipt",
        copy=False,
        help="First presentation of the registered letter on its proof of receipt (a letter "
        "left uncollected counts too). A consumer owes interest from the next day; without it, "
        "from the sent date plus the policy's postal delay.",
    )
    cancel_reason = fields.Char(readonly=True, copy=False)
    signatory_id = fields.Many2one(
        "res.users",
        string="Signatory",
        domain="[('share', '=', False)]",
        help="Who signs this letter; empty: the signatory of the policy.",
    )

    @api.depends("partner_id", "level_id", "channel", "date")
    def _compute_name(self):
        channels = dict(self._fields["channel"]._description_selection(self.env))
        for comm in self:
            label = comm.level_id.name or channels.get(comm.channel, "")
            comm.name = f"{label} - {comm.partner_id.name or ''}"

    @api.depends("line_ids.invoice_id")
    def _compute_invoice_ids(self):
        for comm in self:
            comm.invoice_ids = comm.line_ids.invoice_id

    def _inverse_invoice_ids(self):
        self.check_access("write")
        for comm in self:
            wanted, current = comm.invoice_ids, comm.line_ids.invoice_id
            if wanted == current:
                continue
            lines, _totals = self._line_values(wanted - current, comm.date, None)
            # Evidence is guarded where invoice_ids is written (see write()); here the lines
            # follow, also while a sent communication is being created. Superuser: the snapshot
            # is rebuilt with its communication (checked above), and users may not delete
            # snapshot lines themselves.
            comm.sudo().line_ids = [
                fields.Command.delete(line.id)
                for line in comm.line_ids
                if line.invoice_id not in wanted
            ] + [fields.Command.create(line) for line in lines]

    def _search_invoice_ids(self, operator, value):
        return [("line_ids.invoice_id", operator, value)]

    @api.depends("amount_due", "interest_amount", "indemnity_amount", "fee_amount")
    def _compute_amount_total(self):
        for comm in self:
            comm.amount_total = (
                comm.amount_due + comm.interest_amount + comm.indemnity_amount + comm.fee_amount
            )

    @api.model_create_multi
    def create(self, vals_list):
        evidence.check_system_fields(
            self, {name for vals in vals_list for name in vals}, SYSTEM_FIELDS
        )
        self.env["debt.recovery.case"]._fill_responsible(vals_list)
        # The snapshot lines given with them mark the invoices' last claims (see the lines).
        return super().create(vals_list)

    # ------------------------------------------------------------------ evidence protection
    def write(self, vals):
        evidence.check_system_fields(self, vals, SYSTEM_FIELDS, ONCE_FIELDS)
        protected = EVIDENCE_FIELDS & set(vals)
        if protected and not self.env.su:
            for comm in self:
                if comm.state in ("done", "cancelled") and comm.direction == "outbound":
                    raise UserError(
                        self.env._(
                            "Communication %(name)s was sent: it is evidence and cannot be "
                            "changed.",
                            name=comm.display_name,
                        )
                    )
        result = super().write(vals)
        if CLAIM_FIELDS & set(vals):
            self._refresh_invoice_levels()
        if "receipt_date" in vals:
            self._update_response_dates()
        return result

    def _listed_invoice_ids(self):
        """Ids of the invoices these communications list (their snapshot lines), one query."""
        if not self.ids:
            return []
        self.env["debt.recovery.communication.line"].flush_model(["communication_id", "invoice_id"])
        self.env.cr.execute(
            SQL(
                "SELECT DISTINCT invoice_id FROM debt_recovery_communication_line "
                "WHERE communication_id = ANY(%s)",
                self.ids,
            )
        )
        return [row[0] for row in self.env.cr.fetchall()]

    def _refresh_invoice_levels(self):
        """The invoices these communications list: their last claims marked again."""
        self.env["account.move"]._debt_recovery_refresh_last_claims(self._listed_invoice_ids())

    def unlink(self):
        # Their snapshot lines go with them (cascade), and with them maybe a last claim.
        invoice_ids = self._listed_invoice_ids()
        result = super().unlink()
        self.env["account.move"]._debt_recovery_refresh_last_claims(invoice_ids)
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_sent(self):
        for comm in self:
            if comm.state in ("done", "cancelled"):
                raise UserError(
                    self.env._(
                        "Communication %(name)s is on record: it cannot be deleted, only a "
                        "manager can cancel it.",
                        name=comm.display_name,
                    )
                )

    # ------------------------------------------------------------------ creation by the engine
    def _debt_recovery_policy(self):
        """The policy this communication applies: its level's, its case's or the company's."""
        self.ensure_one()
        return (
            self.level_id.policy_id
            or self.case_id.policy_id
            or self.company_id.debt_recovery_policy_id
        )

    def _debt_recovery_penalty_terms(self):
        """Sentences about interest, the indemnity and costs for this communication's debtor,
        in the environment's language (see ``debt.recovery.policy._penalty_terms``)."""
        self.ensure_one()
        policy = self._debt_recovery_policy()
        if not policy:
            return policy._no_penalty_terms()
        claimed = self.line_ids.filtered(lambda line: not line.excluded)
        debtor_type = self.partner_id.commercial_partner_id.debt_recovery_debtor_type
        legal = {}
        if debtor_type == "public":
            legal = claimed.invoice_id._debt_recovery_public_due_dates(policy.postal_delay_days)
        first_receipt = None
        if debtor_type == "consumer" and self.stage in ladder.FORMAL_STAGES:
            first_receipt = claimed.invoice_id._debt_recovery_first_notice_receipt(
                self.date, policy.postal_delay_days
            )
        return policy._penalty_terms(
            self.partner_id.commercial_partner_id.debt_recovery_debtor_type,
            self.date,
            formal_notice=self.stage in ladder.FORMAL_STAGES,
            invoices=[
                (line.invoice_id.name, legal.get(line.invoice_id.id, line.due_date))
                for line in claimed
            ],
            court=self.partner_id._debt_recovery_court(),
            first_receipt=first_receipt,
        )

    @api.model
    def _line_values(self, moves, at_date, policy):
        """Snapshot of ``moves`` at ``at_date``: lines and totals (interest per policy)."""
        rows = moves._debt_recovery_rows()
        penalties = moves._debt_recovery_penalties_of_rows(rows, at_date, policy)
        return self._line_values_of_rows(rows, at_date, penalties)

    @api.model
    def _line_values_of_rows(self, rows, at_date, penalties):
        """Snapshot lines and totals of invoice ``rows`` (plain dicts) at ``at_date``."""
        lines = []
        due = interest = indemnity = 0.0
        for row in sorted(rows, key=lambda r: (r["due"], r["id"])):
            excluded = bool(row["excluded"])
            values = penalties[row["id"]]
            lines.append(
                {
                    "invoice_id": row["id"],
                    "invoice_date": row["invoice_date"],
                    "due_date": row["due"],
                    "amount_total": row["amount_total"],
                    "amount_residual": row["residual"],
                    "days_late": max(0, (at_date - row["due"]).days),
                    "interest_amount": 0.0 if excluded else values["interest"],
                    "indemnity_amount": 0.0 if excluded else values["indemnity"],
                    "excluded": excluded,
                    "exclusion_reason": row["exclusion_reason"] or False,
                }
            )
            if not excluded:
                due += row["residual"]
                interest += values["interest"]
                indemnity += values["indemnity"]
        return lines, {
            "amount_due": due,
            "interest_amount": interest,
            "indemnity_amount": indemnity,
        }

    @api.model
    def _initial_state(self, level, validation=True):
        """State of a new engine communication for ``level`` (as its actions will leave it)."""
        if validation and level.manual_validation:
            return {"state": "to_validate"}
        return self._state_after_actions(level)

    @api.model
    def _state_after_actions(self, level):
        """Letters wait to be printed and posted; the other channels are done at once."""
        if level._channel() in LETTER_CHANNELS:
            return {"state": "to_send"}
        return {"state": "done", "sent_date": fields.Datetime.now()}

    @api.model
    def _create_for_levels(self, decisions, today, context):
        """One outbound communication per (case, level) decision, with its invoice snapshot."""
        cases = self.env["debt.recovery.case"].browse([case.id for case, _level in decisions])
        cases.partner_id.fetch(["name", "debt_recovery_debtor_type"])
        return self._create_with_snapshots(self._values_for_levels(decisions, today, context))

    def _preview_render(self, kind="email"):
        """{"title", "html", "document"} of this communication as the debtor would read it:
        its email (the reports add-on renders its letter, ``kind`` "letter", as a whole HTML
        ``document``)."""
        self.ensure_one()
        template = self.level_id.mail_template_id
        if kind != "email" or not template:
            return {"title": self.display_name, "html": "", "document": False}
        lang = template._render_lang(self.ids)[self.id]
        template = template.with_context(lang=lang)
        return {
            "title": template._render_field("subject", self.ids)[self.id],
            "html": template._render_field("body_html", self.ids)[self.id],
            "document": False,
        }

    @api.model
    def _values_for_levels(self, decisions, today, context):
        """The values of the communications of the (case, level) ``decisions``, invoice
        snapshot and amounts claimed included; nothing written. A case is a record or any
        object with the fields read here (the preview of a run)."""
        # Everything comes from the sync's invoice rows: no invoice record is read here, and
        # of the debtors only what the communications say (not their hundred other columns).
        # Each case's fields read once (thousands of cases per call).
        facts = [
            (case, level, case.partner_id, case.company_id.id, case.policy_id)
            for case, level in decisions
        ]
        keys = [(partner.id, company_id) for _c, _l, partner, company_id, _p in facts]
        all_rows = [row for key in keys for row in context.get(key, [])]
        policies = {key: policy for key, (_c, _l, _p, _co, policy) in zip(keys, facts, strict=True)}
        penalties = self.env["account.move"]._debt_recovery_penalties_of_rows(
            all_rows, today, policies=policies, with_periods=False
        )
        vals_list = []
        # What depends on the level only (and its policy, the debtor's type): once each.
        per_level = {}
        documented = (
            self.env["debt.recovery.case"]
            .browse([case.id for case, _level in decisions])
            ._documented_costs()
        )
        for key, (case, level, partner, company_id, policy) in zip(keys, facts, strict=True):
            lines, totals = self._line_values_of_rows(context.get(key, []), today, penalties)
            # Beyond the fixed indemnities, the costs incurred and documented.
            costs = penalty_engine.claimable_costs(
                partner.debt_recovery_debtor_type or "consumer",
                documented.get(case.id, ()),
                totals.get("indemnity_amount", 0.0),
            )
            debtor_type = partner.debt_recovery_debtor_type
            level_key = (level, policy, debtor_type)
            if level_key not in per_level:
                per_level[level_key] = {
                    "level_id": level.id,
                    "channel": level._channel(),
                    "fee_amount": level._fee_for(debtor_type),
                    "response_date": level._response_date(today, policy),
                    **self._initial_state(level),
                }
            vals_list.append(
                {
                    "partner_id": key[0],
                    "case_id": case.id,
                    "company_id": company_id,
                    "direction": "outbound",
                    "date": today,
                    "user_id": case.user_id.id or False,
                    "line_ids": lines,
                    **per_level[level_key],
                    **totals,
                    "fee_amount": costs,
                }
            )
        return vals_list

    @api.model
    def _create_with_snapshots(self, vals_list):
        """Create communications whose ``line_ids`` are given as plain dicts, in bulk.

        The daily job writes thousands of them: headers, invoice snapshot lines and invoice
        links are inserted with one statement each (see :mod:`.bulk`).
        """
        snapshots = [vals.pop("line_ids") for vals in vals_list]
        levels = self.env["debt.recovery.level"].browse(
            {vals["level_id"] for vals in vals_list if vals.get("level_id")}
        )
        partners = self.env["res.partner"].browse({vals["partner_id"] for vals in vals_list})
        level_names = {level.id: level.name for level in levels}
        channels = dict(self._fields["channel"]._description_selection(self.env))
        stages = {level.id: level.stage for level in levels}
        names = {partner.id: partner.name for partner in partners}
        for vals in vals_list:
            vals.setdefault("outcome", "none")
            # As _compute_name: the level's name, else the channel's.
            label = level_names.get(vals.get("level_id")) or channels.get(vals.get("channel"), "")
            vals["name"] = f"{label} - {names[vals['partner_id']]}"
            vals["stage"] = stages.get(vals.get("level_id")) or False
            vals["amount_total"] = sum(
                vals.get(name) or 0.0
                for name in ("amount_due", "interest_amount", "indemnity_amount", "fee_amount")
            )
        self.env.flush_all()
        comms = bulk.insert(self.with_context(tracking_disable=True), vals_list)
        lines = [
            dict(line, communication_id=comm.id)
            for comm, comm_lines in zip(comms, snapshots, strict=True)
            for line in comm_lines
        ]
        comms._mark_last_claims(vals_list, lines)
        bulk.insert(self.env["debt.recovery.communication.line"], lines)
        self.env["account.move"].invalidate_model(["debt_recovery_level_id"])
        return comms

    def _mark_last_claims(self, vals_list, lines):
        """Mark the ``lines`` about to be inserted that become their invoices' last claims.

        ``self``: the new communications, ``vals_list`` their values, ``lines`` their snapshot
        lines (dicts with ``communication_id``), in the order of their future ids. The standing
        last claims of the invoices they supersede lose their mark first (one index lookup, one
        update): unlike ``account.move._debt_recovery_refresh_last_claims``, nothing is sorted
        again. The communications' dates are read for the lines found only, so that the lookup
        never scans the communications, whatever the planner knows of them.
        """
        comm_vals = dict(zip(self.ids, vals_list, strict=True))
        candidates = []
        for position, line in enumerate(lines):
            vals = comm_vals[line["communication_id"]]
            if claims.is_claim(
                vals.get("direction"), vals.get("state"), vals.get("level_id"), line.get("excluded")
            ):
                day = fields.Date.to_date(vals["date"])
                candidates.append((line["invoice_id"], day, line["communication_id"], position))
        if not candidates:
            return
        cr = self.env.cr
        cr.execute(
            SQL(
                """
                SELECT ll.id, ll.last_claim_invoice_id,
                       (SELECT c.date FROM debt_recovery_communication c
                         WHERE c.id = ll.communication_id),
                       ll.communication_id
                  FROM debt_recovery_communication_line ll
                 WHERE ll.last_claim_invoice_id = ANY(%s)
                """,
                bulk.id_array(sorted({invoice_id for invoice_id, _day, _comm, _pos in candidates})),
            )
        )
        winners, replaced = claims.new_last_claims(candidates, cr.fetchall())
        if replaced:
            cr.execute(
                SQL(
                    "UPDATE debt_recovery_communication_line SET last_claim_invoice_id = NULL "
                    "WHERE id = ANY(%s)",
                    bulk.id_array(replaced),
                )
            )
            self.env["debt.recovery.communication.line"].invalidate_model(["last_claim_invoice_id"])
        for invoice_id, position in winners.items():
            lines[position]["last_claim_invoice_id"] = invoice_id

    @api.model
    def _create_preventive(self, requests, today):
        """Preventive reminders: one communication per debtor and level, then actions."""
        if not requests:
            return self
        vals_list = []
        for (partner_id, company_id), case, level, moves in requests:
            lines, totals = self._line_values(moves, today, level.policy_id)
            vals_list.append(
                {
                    "partner_id": partner_id,
                    "case_id": case.id if case else False,
                    "company_id": company_id,
                    "level_id": level.id,
                    "channel": level._channel(),
                    "direction": "outbound",
                    "date": today,
                    "line_ids": lines,
                    "response_date": min(moves.mapped("invoice_date_due")),
                    **self._initial_state(level, validation=False),
                    **totals,
                }
            )
        comms = self._create_with_snapshots(vals_list)
        comms._perform_actions(today)
        return comms

    @api.model
    def _create_notices(self, entries, today, channel="email"):
        """Log notices about plans or promises, in bulk: ``entries`` are ``(source, mail,
        summary, amount_due)`` (see :meth:`_notice_vals`). Each communication keeps the
        snapshot of its source's invoices; a constant number of queries for all (the invoices
        and their penalties read once)."""
        invoices = self.env["account.move"].browse(
            {move_id for source, *_rest in entries for move_id in source.invoice_ids.ids}
        )
        rows = invoices._debt_recovery_rows()
        penalties = invoices._debt_recovery_penalties_of_rows(rows, today)
        rows_by_id = {row["id"]: row for row in rows}
        vals_list = []
        for source, mail, summary, amount_due in entries:
            vals = self._notice_vals(source, mail, summary, amount_due, today, channel)
            vals["line_ids"], _totals = self._line_values_of_rows(
                [rows_by_id[move_id] for move_id in source.invoice_ids.ids], today, penalties
            )
            vals_list.append(vals)
        return self._create_with_snapshots(vals_list)

    @api.model
    def _notice_vals(self, source, mail, summary, amount_due, today, channel="email"):
        """The communication of a notice about ``source`` (a plan, a promise: its debtor,
        case, company and collector): an email ``mail`` sent today, or a letter to send (the
        collector prints and posts it, then marks it sent)."""
        vals = {
            "partner_id": source.partner_id.commercial_partner_id.id,
            "case_id": source.case_id.id,
            "company_id": source.company_id.id,
            "channel": channel,
            "direction": "outbound",
            "state": "to_send",
            "date": today,
            "user_id": source.user_id.id,
            "summary": summary,
            "amount_due": amount_due,
        }
        if channel == "email":
            vals.update(state="done", mail_id=mail.id, sent_date=fields.Datetime.now())
        return vals

    # ------------------------------------------------------------------ applying a level
    def _apply_level(self, today):
        """Move the cases to the communications' levels and perform the levels' actions."""
        case_writes = {}
        to_litigation = {}
        levels_by_policy = {}
        for comm in self:
            case = comm.case_id
            if not case:
                continue
            level = comm.level_id
            policy = case.policy_id
            if policy not in levels_by_policy:
                levels_by_policy[policy] = policy._engine_levels()
            levels = levels_by_policy[policy]
            snap = ladder.CaseSnapshot(
                oldest_due_date=case.oldest_due_date or None,
                level_id=level.id,
                level_date=today,
            )
            vals = {
                "level_id": level.id,
                "level_date": today,
                **taken_today(today),
                "next_action_date": ladder.next_level_date(levels, snap),
                "blocked_reason": False,
                "last_error": False,
            }
            if level.stage == "litigation" and case.state == "open":
                to_litigation[case.id] = case_state.Decision("litigation")
            case_writes[case.id] = vals
        Case = self.env["debt.recovery.case"]
        bulk.update(Case, case_writes)
        Case._apply_transitions(to_litigation, today, note=self.env._("Litigation level reached."))
        self._perform_actions(today)

    def _perform_actions(self, today):
        """Email, letter and activity of these communications' levels."""
        ids_by_level = defaultdict(list)
        for comm in self:
            ids_by_level[comm.level_id].append(comm.id)
        Activity = self.env["mail.activity"]
        activity_vals = []
        case_model_id = self.env["ir.model"]._get_id("debt.recovery.case")
        for level, ids in ids_by_level.items():
            comms = self.browse(ids)
            comms._send_level_messages(level)
            if level.create_activity:
                activity_type = level.activity_type_id or self.env.ref(
                    "mail.mail_activity_data_todo"
                )
                for comm in comms.filtered("case_id"):
                    activity_vals.append(
                        {
                            "res_model_id": case_model_id,
                            "res_id": comm.case_id.id,
                            "activity_type_id": activity_type.id,
                            "summary": level.activity_summary or level.name,
                            "note": level.note,
                            "date_deadline": today,
                            "user_id": comm.case_id._activity_user(activity_type).id,
                        }
                    )
            after = self._state_after_actions(level)
            comms.filtered(
                lambda c, after=after: c.state != after["state"]
                or ("sent_date" in after and not c.sent_date)
            ).write(after)
        if activity_vals:
            Activity.with_context(mail_activity_quick_update=True).create(activity_vals)

    # ------------------------------------------------------------------ user actions
    def _check_manager(self):
        if not self.env.user.has_group("debt_recovery.group_debt_recovery_manager"):
            raise UserError(self.env._("Only a Debt Recovery Manager can do this."))

    def action_validate(self):
        """Manager validation of a communication proposed by the engine (formal notice...)."""
        self._check_manager()
        return self._validate(fields.Date.context_today(self))

    def _demo_validate(self, day):
        return self._validate(day)

    def _validate(self, today):
        self.check_access("write")
        for comm in self:
            if comm.state != "to_validate":
                raise UserError(
                    self.env._("%(name)s is not waiting for validation.", name=comm.display_name)
                )
            if comm.stage in ladder.FORMAL_STAGES:
                # The company's set-up, whatever the companies of the manager's session.
                comm.company_id.sudo()._debt_recovery_check_mentions(
                    "formal_notice", comm.partner_id, comm.case_id.policy_id
                )
        # Superuser on the communications checked above: the notice's amounts are recomputed
        # from the invoices and policy of their company, whatever company is active.
        for comm in self.sudo():
            # The notice goes out today: its amounts are those of today.
            moves = comm.invoice_ids.filtered(lambda m: m.amount_residual > 0).sorted(
                "invoice_date_due"
            )
            lines, totals = self._line_values(moves, today, comm.case_id.policy_id)
            comm.write(
                {
                    "validated_by_id": self.env.uid,
                    "validated_date": fields.Datetime.now(),
                    "date": today,
                    "response_date": comm.level_id._response_date(today, comm.case_id.policy_id),
                    "line_ids": [fields.Command.clear()]
                    + [fields.Command.create(line) for line in lines],
                    "state": "done",
                    **totals,
                }
            )
        # The level is applied as the daily job does (case bookkeeping in bulk, emails,
        # activities), on the communications checked above.
        self.sudo()._apply_level(today)
        for comm in self.filtered("case_id"):
            comm.case_id.message_post(
                body=self.env._(
                    "%(level)s validated by %(user)s: the case moves to this level.",
                    level=comm.level_id.name,
                    user=self.env.user.name,
                )
            )
        return True

    def action_cancel(self):
        self._check_manager()
        reason = self.env.context.get("cancel_reason") or self.env._("Cancelled by a manager")
        self.write({"state": "cancelled", "cancel_reason": reason})
        for comm in self:
            comm.message_post(body=self.env._("Cancelled: %s", reason))
        return True

    def action_mark_sent(self):
        """Mark letters as sent (printed and posted)."""
        for comm in self:
            if comm.state != "to_send":
                raise UserError(
                    self.env._("%(name)s is not waiting to be sent.", name=comm.display_name)
                )
        self.check_access("write")
        # Superuser after the checks above: the sent date is evidence, written by this action.
        self.sudo().write({"state": "done", "sent_date": fields.Datetime.now()})
        self._update_response_dates()
        return True

    def action_record_receipt(self):
        """Open the form that records the date on the letter's proof of receipt."""
        self.ensure_one()
        self._check_receipt_recordable()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Record the Proof of Receipt"),
            "res_model": "debt.recovery.receipt.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_communication_id": self.id},
        }

    def _check_receipt_recordable(self):
        self.check_access("write")
        for comm in self:
            if comm.channel != "registered_letter" or comm.state != "done":
                raise UserError(
                    self.env._(
                        "Only a registered letter already sent has a proof of receipt (%(name)s).",
                        name=comm.display_name,
                    )
                )
            if comm.receipt_date:
                raise UserError(
                    self.env._(
                        "The receipt of %(name)s was recorded on %(date)s: it is evidence and "
                        "cannot be changed.",
                        name=comm.display_name,
                        date=comm.receipt_date,
                    )
                )

    def _record_receipt(self, receipt_date, today=None):
        """Record the date on the proof of receipt of these sent registered letters, once: the
        one writer of ``receipt_date`` (the deadlines and a consumer's interest run from it)."""
        self._check_receipt_recordable()
        today = today or fields.Date.context_today(self)
        for comm in self:
            sent = comm.sent_date.date() if comm.sent_date else comm.date
            if not receipt_date or receipt_date < sent or receipt_date > today:
                raise UserError(
                    self.env._(
                        "The date of receipt of %(name)s must lie between its sending "
                        "(%(sent)s) and today.",
                        name=comm.display_name,
                        sent=sent,
                    )
                )
        # Superuser after the checks above: the date of receipt is evidence, written here only.
        self.sudo().write({"receipt_date": receipt_date})
        for comm in self:
            comm.message_post(
                body=self.env._("Proof of receipt recorded: received on %s.", receipt_date)
            )
        return True

    def _update_response_dates(self):
        """Letters: the deadline runs from their (expected) receipt, known once sent."""
        for comm in self.filtered(lambda c: c.level_id and c.channel in LETTER_CHANNELS):
            deadline = comm.level_id._response_date(
                comm.date,
                comm.case_id.policy_id,
                sent=comm.sent_date and comm.sent_date.date(),
                receipt=comm.receipt_date,
                channel=comm.channel,
            )
            if deadline != comm.response_date:
                comm.response_date = deadline


class DebtRecoveryCommunicationLine(models.Model):
    _name = "debt.recovery.communication.line"
    _description = "Invoice in a Debt Recovery Communication"
    _rec_name = "invoice_id"
    _order = "due_date, id"
    # Snapshot rows are written once, with their communication, which carries the audit
    # columns: none here (thousands of rows a day, two foreign keys less to check each).
    _log_access = False

    communication_id = fields.Many2one(
        "debt.recovery.communication", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="communication_id.company_id")
    currency_id = fields.Many2one(related="communication_id.currency_id")
    invoice_id = fields.Many2one("account.move", required=True, ondelete="restrict", index=True)
    invoice_date = fields.Date()
    due_date = fields.Date()
    # Plain floats (shown with the monetary widget): snapshots are written in bulk by the daily
    # job, and Monetary columns would look up the currency of every line on insert.
    amount_total = fields.Float(string="Original Amount")
    amount_residual = fields.Float(string="Residual")
    days_late = fields.Integer()
    interest_amount = fields.Float(string="Interest")
    indemnity_amount = fields.Float(string="Indemnity")
    excluded = fields.Boolean(string="Held")
    exclusion_reason = fields.Selection(EXCLUSION_REASONS)
    # Set on the invoice's last claim only (see engine.claims), kept by account.move's
    # _debt_recovery_refresh_last_claims whenever communications or their lines change, and by
    # the daily job's bulk insert: the invoice's recovery level is the level of the
    # communication of the line whose last_claim_invoice_id is the invoice (aged receivables,
    # KPIs join on it). Unique over the whole table, a partial index would not let PostgreSQL
    # drop the join from the queries that do not read the level. A plain integer: the check
    # below ties it to invoice_id, no foreign key to verify on each of the daily job's writes.
    last_claim_invoice_id = fields.Integer(
        string="Last Claim of Invoice",
        readonly=True,
        copy=False,
        help="Id of the invoice when this line is its last claim, else empty.",
    )

    _sql_constraints = [
        (
            "last_claim_own_invoice",
            "CHECK(last_claim_invoice_id IS NULL OR last_claim_invoice_id = invoice_id)",
            "A snapshot line can only be the last claim of its own invoice.",
        ),
    ]

    def init(self):
        # One last claim per invoice; its communication included for index-only lookups.
        self.env.cr.execute(
            """
            CREATE UNIQUE INDEX IF NOT EXISTS debt_recovery_communication_line_last_claim_unique
                ON debt_recovery_communication_line (last_claim_invoice_id)
                   INCLUDE (communication_id)
            """
        )

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        self.env["account.move"]._debt_recovery_refresh_last_claims(lines.invoice_id.ids)
        return lines

    def write(self, vals):
        if not LINE_CLAIM_FIELDS & set(vals):
            return super().write(vals)
        invoice_ids = set(self.invoice_id.ids)
        result = super().write(vals)
        self.env["account.move"]._debt_recovery_refresh_last_claims(
            invoice_ids | set(self.invoice_id.ids)
        )
        return result

    def unlink(self):
        invoice_ids = self.invoice_id.ids
        result = super().unlink()
        self.env["account.move"]._debt_recovery_refresh_last_claims(invoice_ids)
        return result
