# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import format_amount, format_date

from ..engine import provision
from ..engine.provision import InvoiceFacts
from .account_move import MANAGER_GROUP


class DebtRecoveryClosing(models.Model):
    """A closing of the receivables: which are doubtful and why, the provision of each with its
    basis, and the entries posted for them (reclassification, provisions, reversals)."""

    _name = "debt.recovery.closing"
    _description = "Closing of Doubtful Receivables"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    date = fields.Date(
        required=True, default=fields.Date.context_today, help="Date of the closing's entries."
    )
    journal_id = fields.Many2one(
        "account.journal",
        required=True,
        check_company=True,
        domain="[('type', '=', 'general')]",
        default=lambda self: self.env["account.journal"].search(
            [*self.env["account.journal"]._check_company_domain(self.env.company),
             ("type", "=", "general")], limit=1,
        ),
    )  # fmt: skip
    state = fields.Selection(
        [("draft", "Draft"), ("posted", "Posted")], default="draft", required=True, readonly=True
    )
    method = fields.Selection(related="company_id.debt_recovery_provision_method")
    line_ids = fields.One2many("debt.recovery.closing.line", "closing_id", readonly=True)
    loss_rate_ids = fields.One2many("debt.recovery.loss.rate", "closing_id", readonly=True)
    move_ids = fields.Many2many("account.move", string="Entries", readonly=True, copy=False)
    move_count = fields.Integer(compute="_compute_totals")
    doubtful_total = fields.Monetary(
        compute="_compute_totals", help="Doubtful receivables at the closing, incl. VAT."
    )
    provision_total = fields.Monetary(
        compute="_compute_totals", help="Provisions of the closing's lines, excl. VAT."
    )
    ledger_doubtful_balance = fields.Monetary(
        compute="_compute_totals", help="Balance of the doubtful account in the general ledger."
    )
    ledger_provision_balance = fields.Monetary(
        compute="_compute_totals",
        help="Credit balance of the provision account in the general ledger.",
    )
    ledger_agrees = fields.Boolean(
        compute="_compute_totals",
        help="The doubtful and provision accounts of the general ledger agree with the lines.",
    )

    # ------------------------------------------------------------------ computes
    @api.depends("date")
    def _compute_name(self):
        for closing in self:
            closing.name = self.env._(
                "Closing of %s", format_date(self.env, closing.date) if closing.date else "/"
            )

    @api.depends("line_ids", "move_ids", "state")
    def _compute_totals(self):
        ledger = self._ledger_balances_by_closing()
        for closing in self:
            closing.move_count = len(closing.move_ids)
            closing.doubtful_total = sum(closing.line_ids.filtered("doubtful").mapped("residual"))
            closing.provision_total = sum(closing.line_ids.mapped("provision"))
            doubtful, provisioned = ledger.get(closing.id, (0.0, 0.0))
            closing.ledger_doubtful_balance = doubtful
            closing.ledger_provision_balance = provisioned
            currency = closing.currency_id
            closing.ledger_agrees = closing.state == "posted" and (
                currency.compare_amounts(doubtful, closing.doubtful_total) == 0
                and currency.compare_amounts(provisioned, closing.provision_total) == 0
            )

    def _ledger_balances(self):
        """(doubtful account balance, provision account credit balance) at the closing date."""
        self.ensure_one()
        return self._ledger_balances_by_closing().get(self.id, (0.0, 0.0))

    def _ledger_balances_by_closing(self):
        """{closing id: (doubtful account balance, provision account credit balance) at its
        date}, one grouped read for all these closings (a list of closings)."""
        closings = self.filtered("date")
        companies = closings.company_id
        accounts = (
            companies.debt_recovery_doubtful_account_id
            | companies.debt_recovery_provision_account_id
        )
        if not accounts:
            return {}
        # Balances by company, account and day up to the last closing's date, summed below up
        # to each closing's own date.
        rows = self.env["account.move.line"]._read_group(
            [
                ("company_id", "in", companies.ids),
                ("account_id", "in", accounts.ids),
                ("parent_state", "=", "posted"),
                ("date", "<=", max(closings.mapped("date"))),
            ],
            ["company_id", "account_id", "date:day"],
            ["balance:sum"],
        )
        result = {}
        for closing in closings:
            company = closing.company_id
            balances = {"doubtful": 0.0, "provision": 0.0}
            for row_company, account, day, balance in rows:
                if row_company != company or day > closing.date:
                    continue
                if account == company.debt_recovery_doubtful_account_id:
                    balances["doubtful"] += balance
                elif account == company.debt_recovery_provision_account_id:
                    balances["provision"] -= balance
            result[closing.id] = (
                closing.currency_id.round(balances["doubtful"]),
                closing.currency_id.round(balances["provision"]),
            )
        return result

    # ------------------------------------------------------------------ public actions
    def action_compute(self):
        """List the doubtful receivables, their reasons and provisions, as of the date."""
        self._check_draft()
        for closing in self:
            closing._compute_lines()
        return True

    def action_post(self):
        """Post the closing: reclassifications (reversed the next day), provisions and their
        adjustments. What an earlier run of the same date posted is not posted again."""
        self._check_draft()
        for closing in self:
            closing._compute_lines()
            closing._post_entries()
        return True

    # ------------------------------------------------------------------ business
    def _check_draft(self):
        self.check_access("write")
        if not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(self.env._("Only a recovery manager runs a closing."))
        if any(closing.state != "draft" for closing in self):
            raise UserError(self.env._("This closing is already posted."))

    def _candidates(self):
        """Customer invoices the closing looks at: those owing something at its date, and those
        with a provision standing (to reverse what was collected since)."""
        Move = self.env["account.move"]
        base = [
            ("company_id", "=", self.company_id.id),
            ("move_type", "=", "out_invoice"),
            ("state", "=", "posted"),
            ("invoice_date", "<=", self.date),
        ]
        provisioned = self.env["account.move.line"]._read_group(
            [
                ("company_id", "=", self.company_id.id),
                ("account_id", "=", self.company_id.debt_recovery_provision_account_id.id),
                ("debt_recovery_invoice_id", "!=", False),
                ("parent_state", "=", "posted"),
            ],
            ["debt_recovery_invoice_id"],
        )
        provisioned_ids = [invoice.id for (invoice,) in provisioned]
        return Move.search(
            base
            + [
                "|",
                "|",
                ("amount_residual", ">", 0),
                ("line_ids.matched_credit_ids.max_date", ">", self.date),
                ("id", "in", provisioned_ids),
            ]
        )

    def _compute_lines(self):
        """The closing's lines, one per invoice, from the engine's rules."""
        self.ensure_one()
        company = self.company_id
        company._debt_recovery_accounts()
        day = self.date
        invoices = self._candidates()
        residuals = invoices._debt_recovery_residuals(day)
        provisions = invoices._debt_recovery_provisions(day)
        cases = self.env["debt.recovery.case"].search(
            [
                ("company_id", "=", company.id),
                ("partner_id", "in", invoices.commercial_partner_id.ids),
            ]
        )
        case_of = {case.partner_id.id: case for case in cases}
        case_then = self._case_states_at(cases)
        matrix = self.env["debt.recovery.loss.rate"]._learn(company, day)
        rules = self.env["debt.recovery.provision.rule"]._engine_rules(company)
        use_matrix = company.debt_recovery_provision_method == "matrix"
        lines = []
        for invoice in invoices:
            residual, standing = residuals[invoice.id], provisions.get(invoice.id, 0.0)
            case = case_of.get(invoice.commercial_partner_id.id, self.env["debt.recovery.case"])
            days = (day - invoice.invoice_date_due).days
            reasons = self._doubtful_reasons(
                invoice, case, case_then.get(case.id, (None, None)), residual, days
            )
            if not reasons and not standing:
                continue
            choice = provision.choose_rate(reasons, days, rules, matrix, use_matrix)
            lines.append(
                dict(
                    self._line_values(invoice, reasons, choice, residual),
                    case_id=case.id,
                    days_overdue=days,
                    previous=standing,
                )
            )
        self.line_ids = [Command.clear()] + [Command.create(values) for values in lines]
        self.loss_rate_ids = [Command.clear()] + [
            Command.create(values) for values in self.env["debt.recovery.loss.rate"]._values(matrix)
        ]

    def _case_states_at(self, cases):
        """{case id: (state, hold reason)} of ``cases`` as they stood at the closing date,
        from their history (one query); a case without history before the date is absent."""
        rows = self.env["debt.recovery.case.transition"].search_fetch(
            [("case_id", "in", cases.ids), ("date", "<=", self.date)],
            ["case_id", "state_to", "hold_reason"],
            order="case_id, date, id",
        )
        return {row.case_id.id: (row.state_to, row.hold_reason or None) for row in rows}

    def _doubtful_reasons(self, invoice, case, case_then, residual, days):
        """Why ``invoice`` (still owing ``residual`` at the closing date) is doubtful (engine).

        The case counts both as it stood at the closing date (``case_then``: a case in
        litigation then, closed since because it was paid after the date) and as it stands
        now (a litigation or proceedings known when the closing is run are evidence of the
        receivable's state at the date)."""
        if residual <= 0:
            return ()
        found = set()
        for state, hold_reason in {(case.state or None, case.hold_reason or None), case_then}:
            found.update(
                provision.doubtful_reasons(
                    InvoiceFacts(
                        days_overdue=days,
                        case_state=state,
                        case_hold_reason=hold_reason,
                        invoice_hold_reason=invoice.debt_recovery_exclusion_reason or None,
                    ),
                    self.company_id.debt_recovery_doubtful_days,
                )
            )
        return tuple(reason for reason in provision.REASONS if reason in found)

    def _line_values(self, invoice, reasons, choice, residual):
        """The line's amounts: doubtful incl. and excl. VAT, the provision of the share not
        covered at the chosen rate (none when no longer doubtful), and its basis."""
        rounding = self.currency_id.rounding
        untaxed = provision.untaxed_residual(
            residual, invoice.amount_total_signed, invoice.amount_untaxed_signed, rounding
        )
        covered = invoice.commercial_partner_id.debt_recovery_covered_percent or 0.0
        target = (
            provision.provision_amount(untaxed, choice.rate, covered / 100.0, rounding)
            if choice
            else 0
        )
        return {
            "invoice_id": invoice.id,
            "partner_id": invoice.commercial_partner_id.id,
            "doubtful": bool(reasons),
            "reason": choice.reason if choice else (reasons[0] if reasons else False),
            "reasons": ", ".join(self._reason_labels()[r] for r in reasons),
            "method": choice.method if choice else False,
            "rate": float(choice.rate * 100) if choice else 0.0,
            "basis": self._basis(choice, reasons, covered, invoice),
            "residual": residual if reasons else 0.0,
            "untaxed": float(untaxed) if reasons else 0.0,
            "covered_percent": covered,
            "provision": float(target),
        }

    def _reason_labels(self):
        return dict(
            self.env["debt.recovery.provision.rule"]
            ._fields["reason"]
            ._description_selection(self.env)
        )

    def _basis(self, choice, reasons, covered, invoice):
        """How the line's provision was reached, in words an auditor can follow."""
        if not reasons:
            return self.env._("No longer doubtful: its provision is reversed.")
        if not choice:
            return self.env._("No rate in the table for %s.", self._reason_labels()[reasons[0]])
        reason = self._reason_labels()[choice.reason]
        if choice.method == provision.METHOD_MATRIX:
            text = self.env._(
                "%(reason)s: loss rate %(rate)s %% of the bucket from %(start)s days, learnt "
                "from %(count)s invoices of the history",
                reason=reason,
                rate=round(float(choice.rate) * 100, 2),
                start=choice.bucket_start,
                count=choice.count,
            )
        else:
            text = self.env._(
                "%(reason)s: rate %(rate)s %% of the table",
                reason=reason,
                rate=round(float(choice.rate) * 100, 2),
            )
        if covered:
            text += self.env._(", on the %(share)s %% not covered", share=round(100 - covered, 2))
        return text + self.env._(
            " (excl. VAT, %s).",
            format_amount(self.env, invoice.amount_untaxed_signed, invoice.company_currency_id),
        )

    def _post_entries(self):
        """The entries of the computed lines; none twice for the same date."""
        self.ensure_one()
        Move = self.env["account.move"]
        doubtful = self.line_ids.filtered(lambda line: line.doubtful and line.residual > 0)
        done = Move.search(
            [
                ("debt_recovery_entry_kind", "=", "reclassification"),
                ("debt_recovery_invoice_id", "in", doubtful.invoice_id.ids),
                ("date", "=", self.date),
                ("reversed_entry_id", "=", False),
                ("state", "=", "posted"),
            ]
        )
        reclassify = doubtful.filtered(
            lambda line: line.invoice_id not in done.debt_recovery_invoice_id
        )
        moves = Move._debt_recovery_post_reclassifications(
            [
                Move._debt_recovery_reclassification_values(
                    line.invoice_id, line.case_id, line.residual, self.date, self.journal_id
                )
                for line in reclassify
            ],
            self.date,
        )
        currency = self.currency_id
        adjust = self.line_ids.filtered(lambda line: not currency.is_zero(line.adjustment))
        provisions = Move.create(
            [
                Move._debt_recovery_provision_values(
                    line.invoice_id,
                    line.case_id,
                    line.adjustment,
                    self.date,
                    self.journal_id,
                    line._entry_label(),
                )
                for line in adjust
            ]
        )
        provisions.action_post()
        self.write({"move_ids": [Command.link(move.id) for move in moves | provisions]})
        self.state = "posted"
        self.message_post(
            body=self.env._(
                "Closing posted: %(reclassified)s receivables reclassified, %(adjusted)s "
                "provisions adjusted.",
                reclassified=len(reclassify),
                adjusted=len(adjust),
            )
        )

    def action_view_moves(self):
        """The closing's journal entries."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Entries of %s", self.name),
            "res_model": "account.move",
            "view_mode": "list,form",
            "domain": [("id", "in", self.move_ids.ids)],
        }
