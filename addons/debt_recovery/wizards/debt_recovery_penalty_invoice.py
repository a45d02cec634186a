# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.tools.misc import format_date


class DebtRecoveryPenaltyInvoiceWizard(models.TransientModel):
    _name = "debt.recovery.penalty.invoice.wizard"
    _description = "Invoice the Penalties of Invoices Paid Late"

    case_id = fields.Many2one("debt.recovery.case", required=True, readonly=True)
    currency_id = fields.Many2one(related="case_id.currency_id")
    date = fields.Date(default=fields.Date.context_today, required=True, readonly=True)
    line_ids = fields.One2many("debt.recovery.penalty.invoice.line", "wizard_id")
    minimum = fields.Float(related="case_id.policy_id.penalty_invoice_minimum")

    @api.model
    def _lines_for(self, case, at_date):
        """Line values of the case's invoices paid late with penalties not invoiced yet."""
        moves = case._paid_late_invoices(at_date)
        owed = moves._debt_recovery_uninvoiced_penalties(at_date)
        return [
            {
                "move_id": move.id,
                "interest": owed[move.id][0],
                "indemnity": owed[move.id][1],
                "interest_from": owed[move.id][2],
                "selected": True,
            }
            for move in moves
            if owed[move.id][0] > 0 or owed[move.id][1] > 0
        ]

    def action_create_invoice(self):
        """One draft customer invoice of the chosen penalties, logged on the case."""
        self.ensure_one()
        self.case_id.check_access("write")
        lines = self.line_ids.filtered("selected").filtered(
            lambda line: line.interest + line.indemnity >= self.minimum
        )
        if not lines:
            raise UserError(
                self.env._(
                    "Nothing to invoice: choose invoices whose penalties reach the policy's "
                    "minimum (%s).",
                    self.minimum,
                )
            )
        move = self.env["account.move"].create(self._invoice_values(lines))
        self.case_id._log_penalty_invoice(move, lines.move_id, self.date)
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.move",
            "res_id": move.id,
            "view_mode": "form",
        }

    def _invoice_values(self, lines):
        company = self.case_id.company_id
        interest_product, indemnity_product = company._debt_recovery_penalty_products()
        # The lines speak the debtor's language.
        lang = self.case_id.partner_id.lang or self.env.lang
        env = self.with_context(lang=lang).env
        invoice_lines = []
        for line in lines:
            origin = line.move_id
            if line.interest > 0:
                invoice_lines.append(
                    self._line(
                        interest_product,
                        line.interest,
                        origin,
                        "interest",
                        env._(
                            "Late-payment interest on %(invoice)s from %(start)s to %(end)s",
                            invoice=origin.name,
                            start=format_date(env, line.interest_from, lang_code=lang),
                            end=format_date(env, self.date, lang_code=lang),
                        ),
                    )
                )
            if line.indemnity > 0:
                invoice_lines.append(
                    self._line(
                        indemnity_product,
                        line.indemnity,
                        origin,
                        "indemnity",
                        env._("Fixed indemnity for recovery costs on %s", origin.name),
                    )
                )
        return {
            "move_type": "out_invoice",
            "partner_id": self.case_id.partner_id.id,
            "company_id": company.id,
            "currency_id": company.currency_id.id,
            "invoice_date": self.date,
            "debt_recovery_is_penalty": True,
            "invoice_line_ids": invoice_lines,
        }

    def _line(self, product, amount, origin, kind, label):
        return Command.create(
            {
                "product_id": product.id,
                "name": label,
                "quantity": 1,
                "price_unit": amount,
                # No VAT on late-payment penalties.
                "tax_ids": [Command.clear()],
                "debt_recovery_penalty_origin_id": origin.id,
                "debt_recovery_penalty_kind": kind,
                "debt_recovery_penalty_until": self.date,
            }
        )


class DebtRecoveryPenaltyInvoiceLine(models.TransientModel):
    _name = "debt.recovery.penalty.invoice.line"
    _description = "Penalties of One Invoice Paid Late"

    wizard_id = fields.Many2one(
        "debt.recovery.penalty.invoice.wizard", required=True, ondelete="cascade"
    )
    currency_id = fields.Many2one(related="wizard_id.currency_id")
    selected = fields.Boolean(string="Invoice", default=True)
    move_id = fields.Many2one("account.move", string="Invoice Paid Late", readonly=True)
    due_date = fields.Date(related="move_id.invoice_date_due")
    interest_from = fields.Date(readonly=True)
    interest = fields.Monetary(readonly=True)
    indemnity = fields.Monetary(readonly=True)
