# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, format_date

from .company_scope import company_condition


class DebtRecoveryPromise(models.Model):
    _name = "debt.recovery.promise"
    _description = "Promise to Pay"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"
    _check_company_auto = True

    partner_id = fields.Many2one("res.partner", string="Debtor", required=True, index=True)
    case_id = fields.Many2one("debt.recovery.case", index=True, check_company=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    amount = fields.Monetary(required=True, tracking=True)
    date = fields.Date(string="Promised Date", required=True, tracking=True)
    date_made = fields.Date(
        string="Made On", required=True, default=fields.Date.context_today, readonly=True
    )
    state = fields.Selection(
        [("open", "Open"), ("kept", "Kept"), ("broken", "Broken"), ("cancelled", "Cancelled")],
        default="open",
        required=True,
        tracking=True,
        index=True,
    )
    communication_id = fields.Many2one(
        "debt.recovery.communication", string="Made During", check_company=True
    )
    invoice_ids = fields.Many2many(
        "account.move",
        string="Held Invoices",
        check_company=True,
        help="Invoices held from recovery while the promise runs.",
    )
    amount_paid = fields.Monetary(
        readonly=True, help="Payments received from the debtor since the promise was made."
    )
    user_id = fields.Many2one(
        "res.users",
        string="Recorded By",
        default=lambda self: self.env["debt.recovery.case"]._default_responsible(),
    )
    late_reason_id = fields.Many2one(
        "debt.recovery.late.reason",
        string="Reason for Late Payment",
        help="Why the debtor pays late, as the debtor says it.",
    )
    note = fields.Text()

    _sql_constraints = [
        ("amount_positive", "CHECK(amount > 0)", "A promise to pay needs a positive amount."),
    ]

    @api.depends("partner_id", "date")
    def _compute_display_name(self):
        for promise in self:
            promise.display_name = self.env._(
                "Promise of %(debtor)s for %(date)s",
                debtor=promise.partner_id.display_name or "?",
                date=format_date(self.env, promise.date),
            )

    @api.constrains("date", "date_made")
    def _check_date(self):
        for promise in self:
            if promise.date < promise.date_made:
                raise ValidationError(self.env._("The promised date cannot be in the past."))

    @api.model_create_multi
    def create(self, vals_list):
        self.env["debt.recovery.case"]._fill_responsible(vals_list)
        promises = super().create(vals_list)
        promises._hold_invoices()
        return promises

    def _hold_invoices(self):
        self.invoice_ids._debt_recovery_hold("promise")
        self.case_id._sync_state()

    def _release_invoices(self):
        self.invoice_ids._debt_recovery_release(["promise"])

    def action_cancel(self):
        for promise in self:
            if promise.state != "open":
                raise UserError(self.env._("Only an open promise can be cancelled."))
        self.write({"state": "cancelled"})
        self._release_invoices()
        self.case_id._sync_state()
        return True

    @api.model
    def _payments_since(self, promises):
        """{promise_id: customer payments on the debtor's receivable since the promise}."""
        if not promises:
            return {}
        self.env["account.move.line"].flush_model()
        self.env.cr.execute(
            SQL(
                """
                SELECT pr.id, COALESCE(SUM(l.credit), 0)
                  FROM debt_recovery_promise pr
                  JOIN res_partner p ON p.commercial_partner_id = pr.partner_id
                  JOIN account_move_line l ON l.partner_id = p.id
                                          AND l.company_id = pr.company_id
                                          AND l.date >= pr.date_made
                                          AND l.parent_state = 'posted'
                                          AND l.credit > 0
                  JOIN account_account a ON a.id = l.account_id
                                        AND a.account_type = 'asset_receivable'
                  JOIN account_move m ON m.id = l.move_id AND m.move_type = 'entry'
                 WHERE pr.id IN %s
                   AND %s
              GROUP BY pr.id
                """,
                tuple(promises.ids),
                company_condition(self.env, SQL("pr.company_id")),
            )
        )
        return dict(self.env.cr.fetchall())

    @api.model
    def _refresh(self, today):
        """Decide open promises: kept once paid, broken after the date plus the grace."""
        self._refresh_promises(self.search([("state", "=", "open")]), today)

    @api.model
    def _refresh_promises(self, promises, today):
        """Decide these open promises (see :meth:`_refresh`): the daily job's rule, also run
        at once for the debtors who just paid."""
        promises = promises.filtered(lambda p: p.state == "open")
        if not promises:
            return
        paid = self._payments_since(promises)
        kept, broken = self.browse(), self.browse()
        for promise in promises:
            amount_paid = paid.get(promise.id, 0.0)
            if amount_paid != promise.amount_paid:
                promise.amount_paid = amount_paid
            grace = promise.case_id.policy_id.grace_days
            if promise.currency_id.compare_amounts(amount_paid, promise.amount) >= 0:
                kept |= promise
            elif today > promise.date + timedelta(days=grace):
                broken |= promise
        if kept:
            kept.write({"state": "kept"})
        if broken:
            broken.write({"state": "broken"})
        (kept | broken)._release_invoices()
        for promise in broken.filtered("case_id"):
            promise.case_id.message_post(
                body=self.env._(
                    "Promise to pay %(amount)s by %(date)s broken: recovery resumes.",
                    amount=promise.amount,
                    date=promise.date,
                )
            )
