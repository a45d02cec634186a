# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
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
        copy=False,
        readonly=True,
        help="Last recovery level this invoice was included in.",
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
            for move in self.sudo()
        ]

    def _debt_recovery_penalties(self, at_date, policy=None):
        """{move_id: {"interest", "indemnity", "periods"}} as of ``at_date``, company currency.

        ``policy`` forces one policy for every move; otherwise each debtor's applies.
        """
        return self._debt_recovery_penalties_of_rows(self._debt_recovery_rows(), at_date, policy)

    @api.model
    def _debt_recovery_penalties_of_rows(self, rows, at_date, policy=None):
        """Penalties of invoice ``rows`` (see :meth:`_debt_recovery_rows`), set-based.

        The policies of all the debtors are read at once, the reference rates once per company.
        """
        if policy is None:
            policy_map = (
                self.env["debt.recovery.case"]
                .sudo()
                ._policy_map(
                    list({row["partner_id"] for row in rows}),
                    self.env["res.company"].browse({row["company_id"] for row in rows}),
                )
            )
        terms = {}  # policy id -> (mode, margin, fixed rate, indemnity)
        rates = {}  # company id -> reference rates
        roundings = {}
        result = {}
        for row in rows:
            company_id = row["company_id"]
            move_policy = (
                policy if policy is not None else policy_map.get((row["partner_id"], company_id))
            )
            residual = abs(row["residual"] or 0.0)
            due = row["due"]
            if not move_policy or not due or residual <= 0 or at_date <= due:
                result[row["id"]] = {"interest": 0.0, "indemnity": 0.0, "periods": []}
                continue
            if move_policy.id not in terms:
                sudo_policy = move_policy.sudo()
                terms[move_policy.id] = (
                    sudo_policy.interest_mode,
                    sudo_policy.interest_margin,
                    sudo_policy.interest_fixed_rate,
                    sudo_policy.indemnity_amount,
                )
            mode, margin, fixed_rate, indemnity = terms[move_policy.id]
            if company_id not in rates:
                company = self.env["res.company"].browse(company_id)
                rates[company_id] = self.env["debt.recovery.rate"]._rates_for(company)
                roundings[company_id] = company.currency_id.rounding
            periods = interest.late_interest_periods(
                residual, due, at_date, mode, margin, fixed_rate, rates[company_id]
            )
            result[row["id"]] = {
                "interest": interest.round_to(
                    sum(period.amount for period in periods), roundings[company_id]
                ),
                "indemnity": interest.fixed_indemnity(1, indemnity, bool(row["is_company"])),
                "periods": periods,
            }
        return result

    def _debt_recovery_mark_level(self, level):
        """Record ``level`` as the last recovery level of these invoices, held ones excepted.

        A plain marker that no computation depends on: one UPDATE, without going through
        account.move.write (which re-synchronises every invoice's lines).
        """
        if not self:
            return
        self.flush_recordset(["debt_recovery_excluded"])
        self.env.cr.execute(
            SQL(
                """
                UPDATE account_move SET debt_recovery_level_id = %s
                 WHERE id IN %s AND NOT COALESCE(debt_recovery_excluded, FALSE)
                """,
                level.id or None,
                tuple(self.ids),
            )
        )
        self.invalidate_recordset(["debt_recovery_level_id"])

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
