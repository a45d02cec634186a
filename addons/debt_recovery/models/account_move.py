# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..engine import interest

EXCLUSION_REASONS = [
    ("dispute", "Dispute"),
    ("promise", "Promise to pay"),
    ("plan", "Instalment plan"),
    ("other", "Other"),
]


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

    # The level an invoice was last claimed at is read from the communications' invoice
    # snapshots, which are the evidence of it. Storing it on the invoice would rewrite
    # account_move rows (and their many indexes) by the thousand in the daily job.
    @api.model
    def _debt_recovery_claims_sql(self):
        """SQL of (invoice_id, level_id, date, communication_id): every claim of an invoice."""
        return SQL(
            """
            SELECT dl.invoice_id, c.level_id, c.date, c.id AS communication_id
              FROM debt_recovery_communication_line dl
              JOIN debt_recovery_communication c ON c.id = dl.communication_id
             WHERE c.level_id IS NOT NULL
               AND c.direction = 'outbound'
               AND c.state IN ('to_send', 'done')
               AND NOT COALESCE(dl.excluded, FALSE)
            """
        )

    @api.model
    def _debt_recovery_flush_claims(self):
        """Write the pending communications and snapshot lines before reading claims in SQL."""
        self.env["debt.recovery.communication"].flush_model()
        self.env["debt.recovery.communication.line"].flush_model()

    @api.model
    def _debt_recovery_last_level_sql(self, move_id):
        """SQL expression: last level of the invoice whose id is the SQL ``move_id``."""
        return SQL(
            "(SELECT cl.level_id FROM (%s) cl WHERE cl.invoice_id = %s "
            "ORDER BY cl.date DESC, cl.communication_id DESC LIMIT 1)",
            self._debt_recovery_claims_sql(),
            move_id,
        )

    @api.model
    def _debt_recovery_last_levels_sql(self):
        """SQL of (invoice_id, level_id): the last level of every claimed invoice."""
        return SQL(
            "SELECT DISTINCT ON (cl.invoice_id) cl.invoice_id, cl.level_id FROM (%s) cl "
            "ORDER BY cl.invoice_id, cl.date DESC, cl.communication_id DESC",
            self._debt_recovery_claims_sql(),
        )

    def _debt_recovery_last_levels(self):
        """{invoice_id: level_id} of these invoices, one query."""
        ids = tuple(id_ for id_ in self.ids if id_)
        if not ids:
            return {}
        self._debt_recovery_flush_claims()
        self.env.cr.execute(
            SQL(
                "SELECT m.id, %s FROM account_move m WHERE m.id IN %s",
                self._debt_recovery_last_level_sql(SQL("m.id")),
                ids,
            )
        )
        return {move_id: level_id for move_id, level_id in self.env.cr.fetchall() if level_id}

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

    def _debt_recovery_rows(self):
        """These invoices as the plain rows the penalty and snapshot code works on."""
        return [
            {
                "id": move.id,
                "company_id": move.company_id.id,
                "partner_id": move.commercial_partner_id.id,
                "due": move.invoice_date_due,
                "residual": move.amount_residual_signed if move.state == "posted" else 0.0,
                "excluded": move.debt_recovery_excluded,
                "invoice_date": move.invoice_date,
                "amount_total": move.amount_total_signed,
                "exclusion_reason": move.debt_recovery_exclusion_reason,
                "is_company": move.commercial_partner_id.is_company,
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
        company_id): policy}) gives each debtor's, or they are read at once. Reference rates
        are read once per company. Without ``with_periods``, the half-year detail is left out
        (the daily job records totals only). Interest is rounded once, on the exact sum.
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
        terms = {}  # policy id -> (mode, margin, fixed rate, indemnity of a professional)
        rates = {}  # company id -> reference rates
        roundings = {}
        nothing = {"interest": 0.0, "indemnity": 0.0, "periods": []}
        result = {}
        for row in rows:
            company_id = row["company_id"]
            move_policy = (
                policy if policy is not None else policies.get((row["partner_id"], company_id))
            )
            residual = abs(row["residual"] or 0.0)
            due = row["due"]
            if not move_policy or not due or residual <= 0 or at_date <= due:
                result[row["id"]] = dict(nothing)
                continue
            if move_policy.id not in terms:
                # Terms of the policy found above (same reason).
                sudo_policy = move_policy.sudo()
                terms[move_policy.id] = (
                    sudo_policy.interest_mode,
                    sudo_policy.interest_margin,
                    sudo_policy.interest_fixed_rate,
                    interest.fixed_indemnity(1, sudo_policy.indemnity_amount, True),
                )
            mode, margin, fixed_rate, indemnity = terms[move_policy.id]
            if company_id not in rates:
                company = self.env["res.company"].browse(company_id)
                rates[company_id] = interest.RateTable(
                    self.env["debt.recovery.rate"]._rates_for(company)
                )
                roundings[company_id] = company.currency_id.rounding
            args = (residual, due, at_date, mode, margin, fixed_rate, rates[company_id])
            result[row["id"]] = {
                "interest": interest.late_interest(*args, rounding=roundings[company_id]),
                # the fixed indemnity is owed by professionals only, never by consumers
                "indemnity": indemnity if row["is_company"] else 0.0,
                "periods": interest.late_interest_periods(*args) if with_periods else [],
            }
        return result

    def compute_late_interest(self, at_date=None):
        """Late-payment penalty of this invoice as of ``at_date`` (company currency).

        Simple interest on the residual, from the day after the due date through ``at_date``,
        split at 1 January and 1 July, each half-year at its own rate; rounded once.
        """
        self.ensure_one()
        at_date = fields.Date.to_date(at_date) or fields.Date.context_today(self)
        return self._debt_recovery_penalties(at_date)[self.id]["interest"]

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
        self.write({"debt_recovery_excluded": False, "debt_recovery_exclusion_reason": False})
        return True
