# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Aged receivables: one row per open receivable journal item, bucketed by days past due.

Without context the view shows the items open today (``amount_residual != 0``, days past due
relative to ``CURRENT_DATE``). With ``aged_date`` in the context the same view is rebuilt as of
that date: items dated on or before it, whose residual at that date is

    residual(D) = balance - sum(partials where the item is the debit side, max_date <= D)
                          + sum(partials where the item is the credit side, max_date <= D)

(``account_partial_reconcile.amount`` is in company currency, like ``balance``; a partial
counts once both of its items exist, i.e. from its ``max_date``). Both variants are one
set-based query (aggregated partials joined once). The buckets' SQL is built from the KPI
engine's bounds (``kpi_engine.kpi.aging_bounds``), the one definition of the aging buckets.
The invoice's last recovery level is the level of its last claim, whose snapshot line is
marked (see ``account.move._debt_recovery_refresh_last_claims``), joined once on its unique
key ``last_claim_invoice_id``: the join neither repeats rows nor costs anything to the
queries that do not read the level (PostgreSQL removes it).
"""

from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.debt_recovery.models.company_scope import company_condition

from ..kpi_engine import kpi

BUCKET_LABELS = {
    "current": "Not due",
    "1_30": "1-30 days",
    "31_60": "31-60 days",
    "61_90": "61-90 days",
    "90_plus": "90+ days",
}
# The KPI engine's buckets, in order, with their labels.
BUCKET_SELECTION = [(key, BUCKET_LABELS[key]) for key in kpi.BUCKETS]


def _within(days, first_day, last_day):
    """SQL condition: ``days`` (an SQL expression) within these bounds (None: unbounded)."""
    conditions = []
    if first_day is not None:
        conditions.append(SQL("%s >= %s", days, first_day))
    if last_day is not None:
        conditions.append(SQL("%s <= %s", days, last_day))
    return SQL(" AND ").join(conditions) if conditions else SQL("TRUE")


def bucket_sql(days):
    """SQL of the ageing bucket key of ``days`` past due, as ``kpi.aging_bucket`` says."""
    whens = [
        SQL("WHEN %s THEN %s", _within(days, first_day, last_day), key)
        for key, first_day, last_day in kpi.aging_bounds()
    ]
    return SQL("CASE %s END", SQL(" ").join(whens))


def bucket_columns(days, amount):
    """SQL columns ``bucket`` and ``amount_<bucket>`` (``amount`` in its bucket, else 0)."""
    columns = [SQL("%s AS bucket", bucket_sql(days))]
    for key, first_day, last_day in kpi.aging_bounds():
        columns.append(
            SQL(
                "CASE WHEN %s THEN %s ELSE 0 END AS %s",
                _within(days, first_day, last_day),
                amount,
                SQL.identifier(f"amount_{key}"),
            )
        )
    return columns


class DebtRecoveryAgedReceivable(models.Model):
    _name = "debt.recovery.aged.receivable"
    _description = "Aged Receivables"
    _auto = False
    _order = "date_maturity, id"
    _rec_name = "move_id"
    _depends = {
        "account.move.line": [
            "account_id",
            "amount_residual",
            "balance",
            "company_id",
            "date",
            "date_maturity",
            "move_id",
            "parent_state",
            "partner_id",
        ],
        "account.partial.reconcile": ["amount", "credit_move_id", "debit_move_id", "max_date"],
        "res.partner": ["commercial_partner_id"],
        "debt.recovery.case": ["company_id", "level_id", "partner_id", "user_id"],
        "debt.recovery.communication": ["level_id"],
        "debt.recovery.communication.line": ["communication_id", "last_claim_invoice_id"],
    }

    move_id = fields.Many2one("account.move", string="Document", readonly=True)
    move_type = fields.Selection(related="move_id.move_type", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Debtor", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    account_id = fields.Many2one("account.account", readonly=True)
    date = fields.Date(readonly=True)
    date_maturity = fields.Date(string="Due Date", readonly=True)
    case_id = fields.Many2one("debt.recovery.case", readonly=True)
    user_id = fields.Many2one("res.users", string="Collector", readonly=True)
    level_id = fields.Many2one("debt.recovery.level", string="Case Level", readonly=True)
    invoice_level_id = fields.Many2one("debt.recovery.level", string="Invoice Level", readonly=True)
    as_of_date = fields.Date(readonly=True)
    days_past_due = fields.Integer(readonly=True, aggregator="max")
    bucket = fields.Selection(BUCKET_SELECTION, readonly=True)
    amount_residual = fields.Monetary(string="Open Amount", readonly=True)
    amount_current = fields.Monetary(string="Not Due", readonly=True)
    amount_1_30 = fields.Monetary(string="1-30", readonly=True)
    amount_31_60 = fields.Monetary(string="31-60", readonly=True)
    amount_61_90 = fields.Monetary(string="61-90", readonly=True)
    amount_90_plus = fields.Monetary(string="90+", readonly=True)

    @property
    def _table_query(self):
        at_date = self.env.context.get("aged_date")
        return self._aged_query(fields.Date.to_date(at_date) if at_date else None)

    @api.model
    def _aged_query(self, at_date=None, company_ids=None, partner_ids=None, user_ids=None):
        """SQL of the aged rows, today (``at_date`` None) or reconstructed at ``at_date``.

        Only the user's companies (``env.companies``), among ``company_ids`` if given: the
        company rule covers the ORM's reads, the other queries built on this one need the filter.
        """
        items = self._aged_items_query(at_date, company_ids, partner_ids, user_ids)
        return SQL(
            "SELECT r.*, %s FROM (%s) r WHERE r.amount_residual != 0",
            SQL(", ").join(bucket_columns(SQL("r.days_past_due"), SQL("r.amount_residual"))),
            items,
        )

    @api.model
    def _aged_items_query(self, at_date, company_ids, partner_ids, user_ids):
        """SQL of the open receivable items with their days past due and residual at the date."""
        ref_date, residual, partials, conditions = self._aged_residual_sql(at_date)
        conditions += self._aged_conditions(company_ids, partner_ids, user_ids)
        return SQL(
            """
            SELECT l.id, l.move_id, p.commercial_partner_id AS partner_id, l.company_id,
                   co.currency_id, l.account_id, l.date,
                   COALESCE(l.date_maturity, l.date) AS date_maturity,
                   c.id AS case_id, c.user_id, c.level_id,
                   llc.level_id AS invoice_level_id,
                   %(ref_date)s AS as_of_date,
                   (%(ref_date)s - COALESCE(l.date_maturity, l.date)) AS days_past_due,
                   %(residual)s AS amount_residual
              FROM account_move_line l
              JOIN account_account a ON a.id = l.account_id
              JOIN res_company co ON co.id = l.company_id
              LEFT JOIN res_partner p ON p.id = l.partner_id
              LEFT JOIN debt_recovery_case c
                     ON c.partner_id = p.commercial_partner_id AND c.company_id = l.company_id
              %(last_claim)s
              %(partials)s
             WHERE %(where)s
            """,
            ref_date=ref_date,
            last_claim=self.env["account.move"]._debt_recovery_last_claim_join(SQL("l.move_id")),
            residual=residual,
            partials=partials,
            where=SQL(" AND ").join(conditions),
        )

    @api.model
    def _aged_conditions(self, company_ids, partner_ids, user_ids):
        """Posted receivable items of the allowed companies, of these debtors and collectors."""
        conditions = [
            SQL("a.account_type = 'asset_receivable'"),
            SQL("l.parent_state = 'posted'"),
            company_condition(self.env, SQL("l.company_id"), company_ids or None),
        ]
        if partner_ids:
            conditions.append(SQL("p.commercial_partner_id IN %s", tuple(partner_ids)))
        if user_ids:
            conditions.append(SQL("c.user_id IN %s", tuple(user_ids)))
        return conditions

    @api.model
    def _aged_residual_sql(self, at_date):
        """(reference date, residual, joins, conditions) of the items open today or at a date.

        Today the residual is the item's own; at a past date it is rebuilt from the partial
        reconciliations dated up to then (see the module's docstring).
        """
        if at_date is None:
            return (
                SQL("CURRENT_DATE"),
                SQL("l.amount_residual"),
                SQL(""),
                [SQL("l.amount_residual != 0")],
            )
        partials = SQL(
            """
            LEFT JOIN (SELECT debit_move_id AS line_id, SUM(amount) AS amount
                         FROM account_partial_reconcile
                        WHERE max_date <= %(d)s
                     GROUP BY debit_move_id) pd ON pd.line_id = l.id
            LEFT JOIN (SELECT credit_move_id AS line_id, SUM(amount) AS amount
                         FROM account_partial_reconcile
                        WHERE max_date <= %(d)s
                     GROUP BY credit_move_id) pc ON pc.line_id = l.id
            """,
            d=at_date,
        )
        return (
            SQL("%s::date", at_date),
            SQL("(l.balance - COALESCE(pd.amount, 0) + COALESCE(pc.amount, 0))"),
            partials,
            [SQL("l.date <= %s", at_date)],
        )

    @api.model
    def _totals(self, at_date=None, company_ids=None, partner_ids=None, user_ids=None):
        """The receivables at the date as ``kpi.receivables`` defines them, one query.

        Open invoices are the items with a positive residual, by bucket; unapplied credits
        (payments, credit notes not yet matched) the items with a negative residual, apart;
        ``total``, their sum, is the balance of the receivable accounts. Grouped by debtor so
        that ``current_net`` applies each debtor's credits to its own invoices only.
        """
        self.env.flush_all()
        owed = [
            SQL(
                "COALESCE(SUM(%s) FILTER (WHERE amount_residual > 0), 0)",
                SQL.identifier(f"amount_{key}"),
            )
            for key in kpi.BUCKETS
        ]
        self.env.cr.execute(
            SQL(
                """
                SELECT %s,
                       COALESCE(SUM(amount_residual) FILTER (WHERE amount_residual < 0), 0)
                  FROM (%s) q
              GROUP BY partner_id
                """,
                SQL(", ").join(owed),
                self._aged_query(at_date, company_ids, partner_ids, user_ids),
            )
        )
        keys = (*kpi.BUCKETS, "credits")
        return kpi.receivables(dict(zip(keys, row, strict=True)) for row in self.env.cr.fetchall())

    @api.model
    def _rows(self, at_date=None, company_ids=None, partner_ids=None, user_ids=None):
        """Aged rows as dicts (statement, checks), one query."""
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "SELECT q.*, m.name AS move_name, m.move_type, m.ref FROM (%s) q "
                "JOIN account_move m ON m.id = q.move_id ORDER BY q.date_maturity, q.id",
                self._aged_query(at_date, company_ids, partner_ids, user_ids),
            )
        )
        return self.env.cr.dictfetchall()

    def action_open_document(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.move",
            "res_id": self.move_id.id,
            "view_mode": "form",
        }
