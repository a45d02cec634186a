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

    def _debt_recovery_penalties(self, at_date, policy=None):
        """{move_id: {"interest", "indemnity", "periods"}} as of ``at_date``, company currency.

        Set-based: the policies of all the debtors are read at once (``policy`` forces one
        policy for every move), the reference rates once per company.
        """
        moves = self.sudo()
        if policy is None:
            policy_map = (
                self.env["debt.recovery.case"]
                .sudo()
                ._policy_map(moves.commercial_partner_id.ids, moves.company_id)
            )
        rates_by_company = {}
        Rate = self.env["debt.recovery.rate"]
        result = {}
        for move in moves:
            company = move.company_id
            move_policy = (
                policy.sudo()
                if policy is not None
                else policy_map.get((move.commercial_partner_id.id, company.id))
            )
            residual = abs(move.amount_residual_signed) if move.state == "posted" else 0.0
            due = move.invoice_date_due
            if not move_policy or not due or residual <= 0 or at_date <= due:
                result[move.id] = {"interest": 0.0, "indemnity": 0.0, "periods": []}
                continue
            if company.id not in rates_by_company:
                rates_by_company[company.id] = Rate._rates_for(company)
            kwargs = {
                "mode": move_policy.interest_mode,
                "margin": move_policy.interest_margin,
                "fixed_rate": move_policy.interest_fixed_rate,
                "rates": rates_by_company[company.id],
            }
            periods = interest.late_interest_periods(residual, due, at_date, **kwargs)
            result[move.id] = {
                "interest": interest.round_to(
                    sum(period.amount for period in periods), company.currency_id.rounding
                ),
                "indemnity": interest.fixed_indemnity(
                    1,
                    move_policy.indemnity_amount,
                    bool(move.commercial_partner_id.is_company),
                ),
                "periods": periods,
            }
        return result

    def _debt_recovery_mark_level(self, level):
        """Record ``level`` as the last recovery level of these invoices.

        A plain marker that no computation depends on: one UPDATE, without going through
        account.move.write (which re-synchronises every invoice's lines).
        """
        if not self:
            return
        self.env.cr.execute(
            SQL(
                "UPDATE account_move SET debt_recovery_level_id = %s WHERE id IN %s",
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
