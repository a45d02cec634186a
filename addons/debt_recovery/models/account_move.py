# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from bisect import bisect_right
from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, create_index

from ..engine import claims, limitation
from ..engine import penalties as penalty_engine
from . import bulk

# Why an invoice is held from recovery: the one list, used by invoices, their snapshots on
# communications and the hold wizard.
EXCLUSION_REASONS = [
    ("dispute", "Dispute"),
    ("promise", "Promise to pay"),
    ("plan", "Instalment plan"),
    ("insolvency", "Insolvency proceedings"),
    ("time_barred", "Time-barred"),
    ("other", "Other"),
]
# Holds the law sets: nobody releases them by hand.
LOCKED_EXCLUSION_REASONS = ("insolvency", "time_barred")


class AccountMove(models.Model):
    _inherit = "account.move"

    debt_recovery_excluded = fields.Boolean(
        string="Held from Recovery",
        copy=False,
        tracking=True,
        help="Held invoices are not claimed by reminders (dispute, promise, plan...).",
    )
    debt_recovery_exclusion_reason = fields.Selection(
        EXCLUSION_REASONS, string="Hold Reason", copy=False, tracking=True
    )
    debt_recovery_level_id = fields.Many2one(
        "debt.recovery.level",
        string="Recovery Level",
        compute="_compute_debt_recovery_level_id",
        search="_search_debt_recovery_level_id",
        help="Last recovery level this invoice was claimed in: the level of the latest "
        "communication (sent or to send) listing it as due.",
    )
    debt_recovery_is_penalty = fields.Boolean(
        string="Penalty Invoice",
        copy=False,
        readonly=True,
        help="Invoice of late-payment penalties: it bears no penalties and no indemnity itself.",
    )
    debt_recovery_limitation_date = fields.Date(
        string="Time-Barred On",
        compute="_compute_debt_recovery_limitation_date",
        help="Last day the claim can be enforced: 5 years from the due date for a professional, "
        "2 years from the delivery (else the invoice) for a consumer, 31 December of the "
        "fourth year after the service (delivery, else invoice) for a public body; restarted "
        "by a payment, a signed plan or a written promise (and, for a public body, by any "
        "written claim).",
    )
    debt_recovery_received_date = fields.Date(
        string="Received by the Debtor On",
        copy=False,
        help="Public bodies: the day the payment request reached the debtor; its legal "
        "payment period runs from it. Empty: the invoice date plus the policy's postal delay.",
    )
    debt_recovery_limitation_warned = fields.Boolean(copy=False, readonly=True)
    debt_recovery_interest = fields.Monetary(
        string="Late-Payment Interest",
        compute="_compute_debt_recovery_interest",
        currency_field="company_currency_id",
        help="Penalties as of today, in company currency.",
    )
    debt_recovery_indemnity = fields.Monetary(
        string="Fixed Recovery Indemnity",
        compute="_compute_debt_recovery_interest",
        currency_field="company_currency_id",
    )

    def init(self):
        res = super().init()
        # The daily job reads the open customer invoices of a batch of debtors: without this
        # index each batch scans every invoice of the database.
        create_index(
            self.env.cr,
            "account_move_debt_recovery_open_debtor_index",
            self._table,
            ["commercial_partner_id"],
            where="move_type = 'out_invoice' AND state = 'posted' AND amount_residual > 0",
        )
        return res

    # The level an invoice was last claimed at is read from the communications' invoice
    # snapshots, which are the evidence of it. Storing it on the invoice would rewrite
    # account_move rows (and their many indexes) by the thousand in the daily job: the
    # snapshot line of the invoice's last claim is marked instead (``last_claim_invoice_id``,
    # see engine.claims), so that reports read the level with a join on a unique key instead
    # of sorting every claim of every invoice.
    @api.model
    def _debt_recovery_claims_sql(self):
        """SQL of (invoice_id, level_id, date, communication_id, line_id): every claim of an
        invoice (``engine.claims.is_claim``)."""
        return SQL(
            """
            SELECT dl.invoice_id, c.level_id, c.date, c.id AS communication_id, dl.id AS line_id
              FROM debt_recovery_communication_line dl
              JOIN debt_recovery_communication c ON c.id = dl.communication_id
             WHERE c.level_id IS NOT NULL
               AND c.direction = 'outbound'
               AND c.state IN %s
               AND NOT COALESCE(dl.excluded, FALSE)
            """,
            claims.CLAIM_STATES,
        )

    @api.model
    def _debt_recovery_flush_claims(self):
        """Write the pending communications and snapshot lines before reading claims in SQL."""
        self.env["debt.recovery.communication"].flush_model()
        self.env["debt.recovery.communication.line"].flush_model()

    @api.model
    def _debt_recovery_refresh_last_claims(self, invoice_ids=None):
        """Mark the snapshot line of the last claim of these invoices (all if None).

        The last claim is the latest claim by communication date, then communication id, then
        line id (``engine.claims``); its line gets the invoice in ``last_claim_invoice_id``,
        the invoice's other lines none. Two set-based statements writing only the lines whose
        mark changes: the unique index allows one marked line per invoice at any moment, so
        the marks that go are removed first.
        """
        if invoice_ids is not None:
            invoice_ids = sorted({invoice_id for invoice_id in invoice_ids if invoice_id})
            if not invoice_ids:
                return
        self._debt_recovery_flush_claims()

        def scope(column):
            if invoice_ids is None:
                return SQL("%s IS NOT NULL", column)
            return SQL("%s = ANY(%s)", column, bulk.id_array(invoice_ids))

        last = SQL(
            """
            SELECT DISTINCT ON (cl.invoice_id) cl.line_id FROM (%s) cl
             WHERE %s
          ORDER BY cl.invoice_id, cl.date DESC, cl.communication_id DESC, cl.line_id DESC
            """,
            self._debt_recovery_claims_sql(),
            scope(SQL("cl.invoice_id")),
        )
        cr = self.env.cr
        cr.execute(
            SQL(
                """
                UPDATE debt_recovery_communication_line dl SET last_claim_invoice_id = NULL
                 WHERE %s AND NOT EXISTS (SELECT FROM (%s) w WHERE w.line_id = dl.id)
                """,
                scope(SQL("dl.last_claim_invoice_id")),
                last,
            )
        )
        cr.execute(
            SQL(
                """
                UPDATE debt_recovery_communication_line dl SET last_claim_invoice_id = dl.invoice_id
                  FROM (%s) w
                 WHERE dl.id = w.line_id AND dl.last_claim_invoice_id IS NULL
                """,
                last,
            )
        )
        self.env["debt.recovery.communication.line"].invalidate_model(["last_claim_invoice_id"])
        self.invalidate_model(["debt_recovery_level_id"])

    @api.model
    def _debt_recovery_last_claim_join(self, move_id, alias="ll"):
        """SQL of LEFT JOINs giving ``<alias>c.level_id``, the last level of the invoice whose id
        is the SQL ``move_id`` (removed by PostgreSQL when no column of theirs is read)."""
        line, comm = SQL.identifier(alias), SQL.identifier(f"{alias}c")
        return SQL(
            "LEFT JOIN debt_recovery_communication_line %s ON %s.last_claim_invoice_id = %s "
            "LEFT JOIN debt_recovery_communication %s ON %s.id = %s.communication_id",
            line,
            line,
            move_id,
            comm,
            comm,
            line,
        )

    @api.model
    def _debt_recovery_last_level_sql(self, move_id):
        """SQL expression: last level of the invoice whose id is the SQL ``move_id``."""
        return SQL(
            "(SELECT c.level_id FROM debt_recovery_communication_line ll "
            "JOIN debt_recovery_communication c ON c.id = ll.communication_id "
            "WHERE ll.last_claim_invoice_id = %s)",
            move_id,
        )

    @api.model
    def _debt_recovery_last_levels_sql(self):
        """SQL of (invoice_id, level_id): the last level of every claimed invoice."""
        return SQL(
            "SELECT ll.last_claim_invoice_id AS invoice_id, c.level_id "
            "FROM debt_recovery_communication_line ll "
            "JOIN debt_recovery_communication c ON c.id = ll.communication_id "
            "WHERE ll.last_claim_invoice_id IS NOT NULL"
        )

    def _debt_recovery_last_levels(self):
        """{invoice_id: level_id} of these invoices, one query."""
        ids = tuple(id_ for id_ in self.ids if id_)
        if not ids:
            return {}
        self._debt_recovery_flush_claims()
        self.env.cr.execute(
            SQL(
                "SELECT ll.invoice_id, ll.level_id FROM (%s) ll WHERE ll.invoice_id IN %s",
                self._debt_recovery_last_levels_sql(),
                ids,
            )
        )
        return dict(self.env.cr.fetchall())

    def _compute_debt_recovery_level_id(self):
        levels = self._debt_recovery_last_levels()
        for move in self:
            move.debt_recovery_level_id = levels.get(move._origin.id, False)

    def _search_debt_recovery_level_id(self, operator, value):
        if operator not in ("=", "!=", "in", "not in", "ilike", "not ilike", "like", "not like"):
            raise UserError(self.env._("Unsupported search on the recovery level: %s", operator))
        self._debt_recovery_flush_claims()
        opposites = {"!=": "=", "not in": "in", "not ilike": "ilike", "not like": "like"}
        negative = operator in opposites
        if isinstance(value, str):
            positive = opposites.get(operator, operator)
            level_ids = self.env["debt.recovery.level"]._search([("name", positive, value)])
            values, want_none = level_ids, False
        else:
            values = value if isinstance(value, list | tuple) else [value]
            want_none = any(v is False or v is None for v in values)
            values = [v for v in values if v]
        last = self._debt_recovery_last_levels_sql()
        wanted = values.subselect() if not isinstance(values, list) else tuple(values) or (None,)
        domain = [
            (
                "id",
                "in",
                SQL("(SELECT ll.invoice_id FROM (%s) ll WHERE ll.level_id IN %s)", last, wanted),
            )
        ]
        if want_none:  # "no level": never claimed
            claimed = SQL("(SELECT ll.invoice_id FROM (%s) ll)", last)
            domain = ["|", *domain, ("id", "not in", claimed)]
        return ["!", *domain] if negative else domain

    @api.depends("amount_residual", "invoice_date_due", "state")
    def _compute_debt_recovery_interest(self):
        today = fields.Date.context_today(self)
        invoices = self.filtered(lambda m: m.move_type == "out_invoice" and m.state == "posted")
        penalties = invoices._debt_recovery_penalties(today)
        for move in self:
            values = penalties.get(move.id, {})
            move.debt_recovery_interest = values.get("interest", 0.0)
            move.debt_recovery_indemnity = values.get("indemnity", 0.0)

    @api.depends(
        "invoice_date_due",
        "invoice_date",
        "delivery_date",
        "amount_residual",
        "commercial_partner_id",
    )
    def _compute_debt_recovery_limitation_date(self):
        invoices = self.filtered(lambda m: m.move_type == "out_invoice" and m.state == "posted")
        dates = self._debt_recovery_limitation_dates(invoices._debt_recovery_rows())
        for move in self:
            move.debt_recovery_limitation_date = dates.get(move._origin.id, False)

    @api.model
    def _debt_recovery_limitation_dates(self, rows, until=None):
        """{invoice_id: limitation date} of invoice ``rows``, set-based.

        With ``until``, only the invoices whose limitation could fall by that day are looked
        at (acknowledgements only push it later): the daily job reads nothing for the others.
        """
        rows = [row for row in rows if row["due"]]
        if until:
            rows = [
                row
                for row in rows
                if not limitation.starts_too_late(_earliest_start(row), until)
                and _base_limitation(row) <= until
            ]
        if not rows:
            return {}
        ids = [row["id"] for row in rows]
        acknowledgements = self._debt_recovery_acknowledgements(ids)
        claims = self._debt_recovery_written_claims(
            [row["id"] for row in rows if row.get("debtor_type") == "public"]
        )
        mediations = self._debt_recovery_mediations(rows)
        return {
            row["id"]: limitation.limitation_date(
                row.get("debtor_type") or "consumer",
                row["due"],
                row["invoice_date"],
                acknowledgements=acknowledgements.get(row["id"], ()),
                written_claims=claims.get(row["id"], ()),
                suspensions=mediations.get((row["partner_id"], row["company_id"]), ()),
                delivery_date=row.get("delivery_date"),
            )
            for row in rows
        }

    @api.model
    def _debt_recovery_mediations(self, rows, today=None):
        """{(partner_id, company_id): [(start, end)]} of the mediations of the debtors'
        cases (a mediation suspends the limitation period while it lasts)."""
        # The cases of invoices the caller already read: their history only.
        cases = (
            self.env["debt.recovery.case"]
            .sudo()
            .search(
                [
                    ("partner_id", "in", list({row["partner_id"] for row in rows})),
                    ("company_id", "in", list({row["company_id"] for row in rows})),
                    ("transition_ids.hold_reason", "=", "mediation"),
                ]
            )
        )
        if not cases:
            return {}
        end = today or fields.Date.context_today(self)
        periods = cases._hold_periods("mediation")
        return {
            (case.partner_id.id, case.company_id.id): [
                (start, stop or end) for start, stop in periods.get(case.id, [])
            ]
            for case in cases
        }

    @api.model
    def _debt_recovery_acknowledgements(self, move_ids):
        """{invoice_id: [dates]} the debtor acknowledged the debt: payments, signed plans,
        promises made in writing (a phone promise is not one)."""
        result = defaultdict(list)
        for move_id, settlements in self._debt_recovery_settlements(move_ids).items():
            result[move_id].extend(s.date for s in settlements if not s.credit)
        # Plans and promises of invoices already read: their dates only, whoever reads.
        plans = (
            self.env["debt.recovery.plan"]
            .sudo()
            .search_fetch(
                [("invoice_ids", "in", move_ids), ("date_activated", "!=", False)],
                ["invoice_ids", "date_activated"],
            )
        )
        # Same reason: the dates of written promises on these invoices.
        promises = (
            self.env["debt.recovery.promise"]
            .sudo()
            .search_fetch(
                [
                    ("invoice_ids", "in", move_ids),
                    ("communication_id.channel", "not in", ("phone", False)),
                ],
                ["invoice_ids", "date_made"],
            )
        )
        wanted = set(move_ids)
        for plan in plans:
            for move_id in set(plan.invoice_ids.ids) & wanted:
                result[move_id].append(plan.date_activated)
        for promise in promises:
            for move_id in set(promise.invoice_ids.ids) & wanted:
                result[move_id].append(promise.date_made)
        return result

    @api.model
    def _debt_recovery_written_claims(self, move_ids):
        """{invoice_id: [dates]} of the sent written claims (reminders, formal notices)."""
        if not move_ids:
            return {}
        self._debt_recovery_flush_claims()
        self.env.cr.execute(
            SQL(
                """
                SELECT dl.invoice_id, COALESCE(c.sent_date::date, c.date)
                  FROM debt_recovery_communication_line dl
                  JOIN debt_recovery_communication c ON c.id = dl.communication_id
                 WHERE dl.invoice_id = ANY(%s) AND c.direction = 'outbound' AND c.state = 'done'
                   AND c.channel != 'phone' AND NOT COALESCE(dl.excluded, FALSE)
                """,
                bulk.id_array(move_ids),
            )
        )
        result = defaultdict(list)
        for move_id, day in self.env.cr.fetchall():
            result[move_id].append(day)
        return result

    def _debt_recovery_invoiced_penalties(self):
        """{invoice_id: (interest invoiced until, indemnity invoiced)} from the penalty
        invoices not cancelled, one query."""
        # Which periods of these invoices (already read by the caller) were invoiced: the
        # penalty invoices may be in a journal the recovery user does not see.
        lines = (
            self.env["account.move.line"]
            .sudo()
            .search_fetch(
                [
                    ("debt_recovery_penalty_origin_id", "in", self.ids),
                    ("parent_state", "!=", "cancel"),
                ],
                [
                    "debt_recovery_penalty_origin_id",
                    "debt_recovery_penalty_kind",
                    "debt_recovery_penalty_until",
                ],
            )
        )
        result = {}
        for line in lines:
            until, indemnity = result.get(line.debt_recovery_penalty_origin_id.id, (None, False))
            if line.debt_recovery_penalty_kind == "indemnity":
                indemnity = True
            elif not until or line.debt_recovery_penalty_until > until:
                until = line.debt_recovery_penalty_until
            result[line.debt_recovery_penalty_origin_id.id] = (until, indemnity)
        return result

    def _debt_recovery_uninvoiced_penalties(self, at_date):
        """{invoice_id: (interest, indemnity, interest from)} owed as of ``at_date`` and not
        invoiced yet: the interest accrued since the last penalty invoice, the indemnity once.
        ``interest from`` is the first day of interest not invoiced yet: the start of the first
        interest period after the last penalty invoice (for a consumer, the day after the
        formal notice's receipt), None when no interest runs."""
        rows = self._debt_recovery_rows()
        now = self._debt_recovery_penalties_of_rows(rows, at_date)
        invoiced = self._debt_recovery_invoiced_penalties()
        before = {}
        for until in {until for until, _indemnity in invoiced.values() if until}:
            moves = self.filtered(lambda m, u=until: invoiced.get(m.id, (None,))[0] == u)
            before.update(moves._debt_recovery_penalties(until))
        result = {}
        for move in self:
            until, indemnity_done = invoiced.get(move.id, (None, False))
            interest_done = before[move.id]["interest"] if until else 0.0
            result[move.id] = (
                move.company_currency_id.round(now[move.id]["interest"] - interest_done),
                0.0 if indemnity_done else now[move.id]["indemnity"],
                _interest_from(now[move.id]["periods"], until),
            )
        return result

    def _debt_recovery_rows(self):
        """These invoices as the plain rows the penalty and snapshot code works on."""
        # Rows feed penalty and snapshot arithmetic on invoices the caller already holds;
        # the commercial partner's regime may sit on a partner the user cannot read.
        return [
            {
                "id": move.id,
                "company_id": move.company_id.id,
                "partner_id": move.commercial_partner_id.id,
                "due": move.invoice_date_due,
                "residual": move.amount_residual_signed if move.state == "posted" else 0.0,
                "excluded": move.debt_recovery_excluded,
                "invoice_date": move.invoice_date,
                "delivery_date": move.delivery_date,
                "amount_total": move.amount_total_signed,
                "exclusion_reason": move.debt_recovery_exclusion_reason,
                "debtor_type": move.commercial_partner_id.debt_recovery_debtor_type,
                "insolvency_date": move.commercial_partner_id.debt_recovery_insolvency_date,
                "is_penalty": move.debt_recovery_is_penalty,
                "public_kind": move.commercial_partner_id.debt_recovery_public_kind,
                "public_days": move.commercial_partner_id.debt_recovery_public_contract_days,
                "received_date": move.debt_recovery_received_date,
            }
            # Invoices already read by the caller (or the daily job's): superuser reads their
            # figures whatever company is active.
            for move in self.sudo()
        ]

    def _debt_recovery_penalties(self, at_date, policy=None):
        """{move_id: {"interest", "indemnity", "periods"}} as of ``at_date``, company currency.

        ``policy`` forces one policy for every move; otherwise each debtor's applies.
        """
        return self._debt_recovery_penalties_of_rows(self._debt_recovery_rows(), at_date, policy)

    @api.model
    def _debt_recovery_penalties_of_rows(
        self, rows, at_date, policy=None, policies=None, with_periods=True
    ):
        """Penalties of invoice ``rows`` (see :meth:`_debt_recovery_rows`), set-based.

        ``policy`` forces one policy for every row; else ``policies`` ({(partner_id,
        company_id): policy}) gives each debtor's, or they are read at once. The debtor's
        regime (professional, consumer, public body) decides the rule (see
        :mod:`..engine.penalties`); payments and credit notes are read in one query, consumers'
        formal notices in another, reference rates once per company. Without
        ``with_periods``, the half-year detail is left out (the daily job records totals).
        """
        if policy is None and policies is None:
            # The policies of the debtors of rows built from invoices the caller read; a policy
            # may belong to one of the user's companies that is not active.
            policies = (
                self.env["debt.recovery.case"]
                .sudo()
                ._policy_map(
                    list({row["partner_id"] for row in rows}),
                    self.env["res.company"].browse({row["company_id"] for row in rows}),
                )
            )
        context = _PenaltyContext(self, at_date, with_periods)
        # Two parallel lists, not a list of pairs, and results without a list in them: tens
        # of thousands of such objects per call would outlive Python's young collections and
        # set off full ones over the whole process.
        late, late_policies = [], []
        for row in rows:
            row_policy = (
                policy
                if policy is not None
                else policies.get((row["partner_id"], row["company_id"]))
            )
            # A public body's period may end before the invoice's own due date: the engine
            # dates its interest from the legal period.
            late_enough = at_date > row["due"] or row.get("debtor_type") == "public"
            if row_policy and row["due"] and late_enough and not row.get("is_penalty"):
                late.append(row)
                late_policies.append(row_policy)
        context.load(late)
        result = {
            row["id"]: context.compute(row, row_policy)
            for row, row_policy in zip(late, late_policies, strict=True)
        }
        for row in rows:
            if row["id"] not in result:
                result[row["id"]] = dict(_NO_PENALTY)
        return result

    @api.model
    def _debt_recovery_settlements(self, move_ids):
        """{invoice_id: [Settlement]}: what was paid or credited on these invoices, one query.

        A payment counts on the later date of the two reconciled entries; a credit note
        reconciled with the invoice is removed from the start.
        """
        if not move_ids:
            return {}
        self.env["account.partial.reconcile"].flush_model()
        self.env["account.move.line"].flush_model(["move_id", "account_id", "date"])
        self.env.cr.execute(
            SQL(
                """
                SELECT inv.move_id, apr.max_date, apr.amount, pay.move_type = 'out_refund'
                  FROM account_move_line inv
                  JOIN account_account acc ON acc.id = inv.account_id
                  JOIN account_partial_reconcile apr ON apr.debit_move_id = inv.id
                  JOIN account_move_line cl ON cl.id = apr.credit_move_id
                  JOIN account_move pay ON pay.id = cl.move_id
                 WHERE inv.move_id = ANY(%s) AND acc.account_type = 'asset_receivable'
                """,
                bulk.id_array(move_ids),
            )
        )
        result = defaultdict(list)
        for move_id, paid_date, amount, credit in self.env.cr.fetchall():
            result[move_id].append(
                penalty_engine.Settlement(date=paid_date, amount=amount, credit=bool(credit))
            )
        return result

    @api.model
    def _debt_recovery_plan_windows(self, move_ids):
        """{invoice_id: ((first day, last day), ...)}: when an instalment plan covering the
        invoice was in force, from its signature to its last instalment or, sooner, to its
        end (a consumer's plan carries no interest). One query for the plans, one for their
        last instalments."""
        if not move_ids:
            return {}
        # Plans of invoices the caller already read: their dates only, whoever reads.
        plans = (
            self.env["debt.recovery.plan"]
            .sudo()
            .search_fetch(
                [("invoice_ids", "in", move_ids), ("date_activated", "!=", False)],
                ["invoice_ids", "date_activated", "date_closed"],
            )
        )
        if not plans:
            return {}
        last_due = dict(
            self.env["debt.recovery.plan.line"]
            .sudo()
            ._read_group([("plan_id", "in", plans.ids)], ["plan_id"], ["due_date:max"])
        )
        wanted = set(move_ids)
        result = defaultdict(list)
        for plan in plans:
            end = last_due.get(plan) or plan.date_closed
            if plan.date_closed and end:
                end = min(end, plan.date_closed)
            if not end or end < plan.date_activated:
                continue
            for move_id in set(plan.invoice_ids.ids) & wanted:
                result[move_id].append((plan.date_activated, end))
        return {move_id: tuple(sorted(windows)) for move_id, windows in result.items()}

    def _debt_recovery_public_due_dates(self, postal_delay=0):
        """{invoice_id: the end of its legal (or contractual) payment period} of these
        public bodies' invoices."""
        return {
            row["id"]: _public_due(row, postal_delay)
            for row in self._debt_recovery_rows()
            if row.get("debtor_type") == "public" and row["due"]
        }

    def _debt_recovery_first_notice_receipt(self, before, postal_delay=0):
        """The day the first formal notice claiming one of these invoices, sent before
        ``before``, was received: its recorded first presentation, else its sending date plus
        ``postal_delay`` days; None without one (a later notice names that day)."""
        notices = self._debt_recovery_notices(self.ids)
        days = [
            receipt or sent + timedelta(days=postal_delay)
            for sent, receipt in notices.values()
            if sent < before
        ]
        return min(days) if days else None

    @api.model
    def _debt_recovery_notices(self, move_ids):
        """{invoice_id: (sent date, receipt date)} of the first formal notice claiming each
        invoice and sent (consumers' interest runs from it), one query."""
        if not move_ids:
            return {}
        self._debt_recovery_flush_claims()
        self.env.cr.execute(
            SQL(
                """
                SELECT DISTINCT ON (dl.invoice_id) dl.invoice_id,
                       COALESCE(c.sent_date::date, c.date), c.receipt_date
                  FROM debt_recovery_communication_line dl
                  JOIN debt_recovery_communication c ON c.id = dl.communication_id
                 WHERE dl.invoice_id = ANY(%s)
                   AND c.stage = 'formal_notice'
                   AND c.direction = 'outbound'
                   AND c.state = 'done'
                   AND NOT COALESCE(dl.excluded, FALSE)
              ORDER BY dl.invoice_id, COALESCE(c.sent_date::date, c.date), c.id
                """,
                bulk.id_array(move_ids),
            )
        )
        return {row[0]: (row[1], row[2]) for row in self.env.cr.fetchall()}

    def compute_late_interest(self, at_date=None):
        """Late-payment interest of this invoice as of ``at_date`` (company currency).

        Interest on what is still open and on what was paid late, under the debtor's regime
        (see :meth:`compute_late_penalties`); rounded once.
        """
        return self.compute_late_penalties(at_date)["interest"]

    def compute_late_penalties(self, at_date=None):
        """{"interest": float, "indemnity": float} owed on this invoice as of ``at_date``.

        Whatever its residual: an invoice paid late keeps its penalties. Company currency.
        """
        self.ensure_one()
        # Callable through the external API; the figures are read as superuser and by SQL.
        self.check_access("read")
        at_date = fields.Date.to_date(at_date) or fields.Date.context_today(self)
        values = self._debt_recovery_penalties(at_date)[self.id]
        return {"interest": values["interest"], "indemnity": values["indemnity"]}

    def action_debt_recovery_hold(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Hold from recovery"),
            "res_model": "debt.recovery.hold.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_invoice_ids": self.ids, "default_mode": "invoice"},
        }

    def action_debt_recovery_release(self):
        self.check_access("write")
        locked = self.filtered(
            lambda m: m.debt_recovery_exclusion_reason in LOCKED_EXCLUSION_REASONS
        )
        if locked:
            raise UserError(
                self.env._(
                    "%(invoices)s cannot be released by hand: the hold follows insolvency "
                    "proceedings or a time-barred claim.",
                    invoices=", ".join(locked.mapped("display_name")),
                )
            )
        self._debt_recovery_release([reason for reason, _label in EXCLUSION_REASONS])
        return True

    # ------------------------------------------------------------------ holds: the one API
    def _debt_recovery_hold(self, reason, note=None, replace=()):
        """Hold these invoices from recovery for ``reason`` (a key of EXCLUSION_REASONS).

        Invoices already held keep their reason unless it is in ``replace`` (a plan takes over
        a promise's hold, insolvency takes over everything but a time-barred claim). Returns
        the invoices whose hold changed.
        """
        if reason not in dict(EXCLUSION_REASONS):
            raise UserError(self.env._("Unknown hold reason: %s", reason))
        moves = self.filtered(
            lambda m: not m.debt_recovery_excluded
            or (
                m.debt_recovery_exclusion_reason in replace
                and m.debt_recovery_exclusion_reason != reason
            )
        )
        if moves:
            moves.write({"debt_recovery_excluded": True, "debt_recovery_exclusion_reason": reason})
            if note:
                for move in moves:
                    move.message_post(body=self.env._("Held from recovery: %s", note))
        return moves

    def _debt_recovery_release(self, reasons):
        """Release the holds of these invoices whose reason is one of ``reasons``."""
        moves = self.filtered(
            lambda m: m.debt_recovery_excluded and m.debt_recovery_exclusion_reason in reasons
        )
        if moves:
            moves.write({"debt_recovery_excluded": False, "debt_recovery_exclusion_reason": False})
        return moves


def _rate_on(rates, day):
    """The currency rate in force on ``day`` in sorted (date, rate) pairs: the latest one on
    or before it, else the first one known, else 1 (as Odoo converts)."""
    index = bisect_right([date_from for date_from, _rate in rates], day)
    if index:
        return rates[index - 1][1] or 1.0
    return rates[0][1] if rates else 1.0


def _public_due(row, postal_delay):
    """A public body's due date for interest: the end of its legal (or shorter contractual)
    payment period from the receipt of the invoice (recorded, else sent plus the postal
    delay)."""
    received = row.get("received_date") or (
        (row["invoice_date"] or row["due"]) + timedelta(days=postal_delay or 0)
    )
    return penalty_engine.public_due_date(
        row.get("public_kind"), row.get("public_days") or 0, received
    )


def _interest_from(periods, until=None):
    """The first day of interest in ``periods`` after ``until`` (the last day already
    invoiced), None if there is none."""
    for period in periods:
        if until is None or period.date_to > until:
            if until is None:
                return period.date_from
            return max(period.date_from, until + timedelta(days=1))
    return None


def _base_limitation(row):
    """The limitation date of an invoice row before any acknowledgement (the earliest)."""
    return limitation.limitation_date(
        row.get("debtor_type") or "consumer",
        row["due"],
        row["invoice_date"],
        delivery_date=row.get("delivery_date"),
    )


def _earliest_start(row):
    """The earliest day a limitation period of an invoice row can start from."""
    return min(filter(None, (row["invoice_date"], row.get("delivery_date"), row["due"])))


_NO_PENALTY = {"interest": 0.0, "indemnity": 0.0, "periods": ()}


class _PenaltyContext:
    """What the penalties of a set of invoice rows need, read once: the policies' terms,
    reference rates per company, payments and credit notes, consumers' formal notices, the
    indemnity converted to each company's currency."""

    def __init__(self, moves, at_date, with_periods):
        self.moves = moves
        self.env = moves.env
        self.at_date = at_date
        self.with_periods = with_periods
        self.companies = {}  # company id -> (Rates, rounding, currency)
        self.policies = {}  # policy id -> plain values
        self.indemnities = {}  # company id -> (euro rates, company currency rates)
        self.euro = None
        self.indemnity_cache = {}  # (company id, due date, amount in EUR) -> indemnity
        self.terms = {}  # (policy id, regime, company id, due date) -> engine terms
        self.factors = {}  # the engine's sums of rate x days, per period and terms
        self.settlements = {}
        self.notices = {}
        self.plan_windows = {}
        self.confirmed = None  # rate type -> confirmed through

    def load(self, late):
        """Read the payments of the invoices partly settled and consumers' notices (``late``:
        the invoice rows)."""
        settled = [
            row["id"]
            for row in late
            if abs(row["residual"] or 0.0) < abs(row["amount_total"] or 0.0)
        ]
        consumers = [row["id"] for row in late if row.get("debtor_type") == "consumer"]
        self.settlements = self.moves._debt_recovery_settlements(settled)
        self.notices = self.moves._debt_recovery_notices(consumers)
        self.plan_windows = self.moves._debt_recovery_plan_windows(consumers)

    def _company(self, company_id):
        if company_id not in self.companies:
            company = self.env["res.company"].browse(company_id)
            Rate = self.env["debt.recovery.rate"]
            if self.confirmed is None:
                self.confirmed = self.env["debt.recovery.rate.type"]._confirmed_through()
            rates = penalty_engine.Rates(
                ecb=Rate._rate_table(company, "ecb", self.confirmed),
                legal=Rate._rate_table(company, "legal", self.confirmed),
            )
            self.companies[company_id] = (rates, company.currency_id.rounding, company)
        return self.companies[company_id]

    def _policy(self, policy):
        if policy.id not in self.policies:
            # The debtor's policy applies whoever asks for the penalties.
            values = policy.sudo()
            self.policies[policy.id] = {
                "mode": values.interest_mode,
                "margin": values.interest_margin,
                "fixed_rate": values.interest_fixed_rate,
                "public_margin": values.public_margin,
                "indemnity": values.indemnity_amount,
                "consumer_rate": values.consumer_interest_rate,
                "consumer_rate_from_due": values.consumer_rate_from_due,
                "postal_delay": values.postal_delay_days,
            }
        return self.policies[policy.id]

    def _indemnity(self, company, due, amount_eur):
        """The indemnity (set in EUR) in the company's currency, at the rate of the day it
        became owed (the day after the due date); computed once per company, day and amount
        (the daily job asks it for thousands of invoices due on the same days)."""
        if not amount_eur:
            return 0.0
        key = (company.id, due, amount_eur)
        if key not in self.indemnity_cache:
            self.indemnity_cache[key] = self._indemnity_of(company, due, amount_eur)
        return self.indemnity_cache[key]

    def _indemnity_of(self, company, due, amount_eur):
        if self.euro is None:
            self.euro = self.env.ref("base.EUR")
        euro = self.euro
        if company.currency_id == euro:
            return amount_eur
        if company.id not in self.indemnities:
            self.indemnities[company.id] = self._currency_rates(company, euro)
        euro_rates, company_rates = self.indemnities[company.id]
        day = due + timedelta(days=1)
        rate = _rate_on(company_rates, day) / _rate_on(euro_rates, day)
        return company.currency_id.round(amount_eur * rate)

    def _currency_rates(self, company, euro):
        """Sorted (date, rate) pairs of the euro and of the company's currency, one query."""
        # Currency rates are public figures of the company asked for.
        rows = (
            self.env["res.currency.rate"]
            .sudo()
            .search_read(
                [
                    ("currency_id", "in", [euro.id, company.currency_id.id]),
                    ("company_id", "in", [False, company.root_id.id]),
                ],
                ["name", "rate", "currency_id"],
                order="name, company_id",
            )
        )
        tables = {euro.id: [], company.currency_id.id: []}
        for row in rows:
            tables[row["currency_id"][0]].append((row["name"], row["rate"]))
        return tables[euro.id], tables[company.currency_id.id]

    def _terms(self, policy, regime, company, due):
        """The engine's terms of ``policy`` for a debtor of ``regime``, for an invoice of
        ``company`` due on ``due`` (the indemnity is converted at that date): built once per
        policy, regime, company and due date."""
        key = (policy.id, regime, company.id, due)
        if key not in self.terms:
            values = self._policy(policy)
            self.terms[key] = penalty_engine.Terms(
                regime=regime,
                mode=values["mode"],
                margin=values["margin"],
                fixed_rate=values["fixed_rate"],
                public_margin=values["public_margin"],
                indemnity=self._indemnity(company, due, values["indemnity"]),
                consumer_rate=values["consumer_rate"],
                consumer_rate_from_due=values["consumer_rate_from_due"],
            )
        return self.terms[key]

    def compute(self, row, policy):
        """{"interest", "indemnity", "periods"} of one invoice row under ``policy``."""
        rates, rounding, company = self._company(row["company_id"])
        notice = self.notices.get(row["id"])
        notice_date = None
        if notice:
            sent, receipt = notice
            notice_date = receipt or sent + timedelta(days=self._policy(policy)["postal_delay"])
        regime = row.get("debtor_type") or "consumer"
        due = row["due"]
        if regime == "public":
            due = _public_due(row, self._policy(policy)["postal_delay"])
        terms = self._terms(policy, regime, company, due)
        claim = penalty_engine.Claim(
            amount=abs(row["amount_total"] or 0.0),
            due_date=due,
            settlements=tuple(self.settlements.get(row["id"], ())),
            notice_date=notice_date,
            insolvency_date=row.get("insolvency_date") or None,
            interest_free=self.plan_windows.get(row["id"], ()),
        )
        try:
            result = penalty_engine.compute(
                claim,
                terms,
                rates,
                self.at_date,
                rounding=rounding,
                with_periods=self.with_periods,
                factors=self.factors,
            )
        except penalty_engine.MissingRateError as error:
            raise self.env["debt.recovery.rate.type"]._rate_error(error) from error
        return {
            "interest": result.interest,
            "indemnity": result.indemnity,
            "periods": result.periods,
        }
