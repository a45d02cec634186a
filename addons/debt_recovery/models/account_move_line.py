# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.tools import SQL

from . import bulk
from .company_scope import company_condition


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    debt_recovery_penalty_origin_id = fields.Many2one(
        "account.move",
        string="Penalties Of",
        index="btree_not_null",
        copy=False,
        readonly=True,
        help="The invoice paid late whose penalties this line invoices.",
    )
    debt_recovery_penalty_kind = fields.Selection(
        [("interest", "Late-payment interest"), ("indemnity", "Fixed recovery indemnity")],
        copy=False,
        readonly=True,
    )
    debt_recovery_penalty_until = fields.Date(string="Interest Until", copy=False, readonly=True)

    # ------------------------------------------------------------------ unapplied credits
    @api.model
    def _debt_recovery_credits_sql(self, company_ids=None, partner_ids=None):
        """SQL of the unapplied credits: open credit notes and payments left on receivables.

        One row per posted receivable item with a negative residual, not reconciled:
        ``line_id, move_id, partner_id`` (the commercial entity), ``company_id, date`` and
        ``amount`` (what is left to apply, positive). Only the allowed companies, among
        ``company_ids`` if given (see ``company_scope``); only these debtors if ``partner_ids``.
        """
        conditions = [
            SQL("a.account_type = 'asset_receivable'"),
            SQL("l.parent_state = 'posted'"),
            SQL("l.amount_residual < 0"),
            SQL("NOT l.reconciled"),
            company_condition(self.env, SQL("l.company_id"), company_ids),
        ]
        if partner_ids:
            conditions.append(SQL("p.commercial_partner_id = ANY(%s)", bulk.id_array(partner_ids)))
        return SQL(
            """
            SELECT l.id AS line_id, l.move_id, p.commercial_partner_id AS partner_id,
                   l.company_id, l.date, -l.amount_residual AS amount
              FROM account_move_line l
              JOIN account_account a ON a.id = l.account_id
              JOIN res_partner p ON p.id = l.partner_id
             WHERE %s
            """,
            SQL(" AND ").join(conditions),
        )

    @api.model
    def _debt_recovery_credit_totals(self, company_ids=None, partner_ids=None):
        """{(commercial partner, company): unapplied credits}, one grouped query."""
        self.flush_model()
        self.env.cr.execute(
            SQL(
                "SELECT partner_id, company_id, SUM(amount) FROM (%s) c "
                "GROUP BY partner_id, company_id",
                self._debt_recovery_credits_sql(company_ids, partner_ids),
            )
        )
        return {
            (partner_id, company_id): total
            for partner_id, company_id, total in self.env.cr.fetchall()
        }

    @api.model
    def _debt_recovery_credit_lines(self, company_ids=None, partner_ids=None):
        """Unapplied credits one by one, oldest first: dicts of the columns of
        :meth:`_debt_recovery_credits_sql` plus the document's ``name`` and ``move_type``."""
        self.flush_model()
        self.env.cr.execute(
            SQL(
                "SELECT c.*, m.name, m.move_type FROM (%s) c "
                "JOIN account_move m ON m.id = c.move_id ORDER BY c.date, c.line_id",
                self._debt_recovery_credits_sql(company_ids, partner_ids),
            )
        )
        return self.env.cr.dictfetchall()
