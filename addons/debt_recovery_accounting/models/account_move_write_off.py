# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command, models
from odoo.exceptions import UserError
from odoo.tools import format_amount

from ..engine import provision
from .account_move import RECTIFIED_REPORT, VAT_RECOVERY_REASONS, WRITE_OFF_REASONS


class AccountMove(models.Model):
    _inherit = "account.move"

    # ------------------------------------------------------------------ write-off
    def _debt_recovery_write_off(self, reason, day, proof, proof_name, note=None):
        """Write these open customer invoices off as irrecoverable at ``day``.

        Each gets a credit note on the loss account reconciled with it, which reverses the VAT
        charged on invoicing when ``reason`` allows it (VAT on receipts keeps its tax, so that
        its waiting account clears: it was never paid, nothing is recovered); its provision is
        released; the rectified invoice (or statement) for the debtor is printed and logged on
        the case with the proof; a case left with nothing owed closes.
        """
        self._debt_recovery_check_manager()
        self._debt_recovery_writable_off()
        if reason not in dict(WRITE_OFF_REASONS):
            raise UserError(self.env._("Choose the reason of the write-off."))
        if not proof:
            raise UserError(self.env._("Attach the proof of the write-off."))
        provisions = self._debt_recovery_provisions()
        cases = self._debt_recovery_cases()
        credit_notes = self.env["account.move"]
        for invoice in self:
            case = cases.get(invoice.commercial_partner_id.id, self.env["debt.recovery.case"])
            credit_note = invoice._debt_recovery_write_off_credit_note(reason, day, case)
            credit_notes |= credit_note
            invoice._debt_recovery_mark_written_off(credit_note, reason, day)
            invoice._debt_recovery_release_provision(case, provisions.get(invoice.id, 0.0), day)
        attachment = self.env["ir.attachment"].create(
            {
                "name": proof_name or self.env._("Proof of the write-off"),
                "datas": proof,
                "res_model": "account.move",
                "res_id": credit_notes[:1].id,
            }
        )
        self._debt_recovery_log_write_off(cases, reason, day, attachment, note)
        return credit_notes

    def _debt_recovery_mark_written_off(self, credit_note, reason, day):
        """This invoice's write-off: reason, date, credit note, what was unpaid excl. VAT and
        the VAT recovered (the rectified invoice states both)."""
        self.ensure_one()
        vat = sum(
            line.balance
            for line in credit_note.line_ids
            if line.tax_line_id and line.tax_line_id.tax_exigibility == "on_invoice"
        )
        untaxed = provision.untaxed_residual(
            -credit_note.amount_total_signed,
            self.amount_total_signed,
            self.amount_untaxed_signed,
            self.company_currency_id.rounding,
        )
        self.write(
            {
                "debt_recovery_written_off": True,
                "debt_recovery_write_off_reason": reason,
                "debt_recovery_write_off_date": day,
                "debt_recovery_write_off_move_id": credit_note.id,
                "debt_recovery_write_off_untaxed": float(untaxed),
                "debt_recovery_write_off_vat": vat,
            }
        )

    def _debt_recovery_release_provision(self, case, standing, day):
        """Reverse the provision ``standing`` on this invoice written off (debit 491, credit
        7817)."""
        self.ensure_one()
        if self.currency_id.is_zero(standing):
            return self.browse()
        release = self.create(
            self._debt_recovery_provision_values(
                self,
                case,
                -standing,
                day,
                self._debt_recovery_general_journal(),
                self.env._("Provision released: %s written off", self.name),
            )
        )
        release.action_post()
        return release

    def _debt_recovery_reason_label(self, reason):
        field = self._fields["debt_recovery_write_off_reason"]
        return dict(field._description_selection(self.env))[reason]

    def _debt_recovery_cases(self):
        """{commercial partner id: case} of these invoices."""
        cases = self.env["debt.recovery.case"].search(
            [
                ("partner_id", "in", self.commercial_partner_id.ids),
                ("company_id", "in", self.company_id.ids),
            ]
        )
        return {case.partner_id.id: case for case in cases}

    def _debt_recovery_general_journal(self):
        self.ensure_one()
        journal = self.env["account.journal"].search(
            [*self.env["account.journal"]._check_company_domain(self.company_id),
             ("type", "=", "general")], limit=1,
        )  # fmt: skip
        if not journal:
            raise UserError(self.env._("The company has no miscellaneous journal."))
        return journal

    def _debt_recovery_write_off_credit_note(self, reason, day, case):
        """The posted credit note writing off what this invoice still owes, reconciled."""
        self.ensure_one()
        accounts = self.company_id._debt_recovery_accounts()
        year_start = self.company_id.compute_fiscalyear_dates(day)["date_from"]
        loss = accounts[
            "debt_recovery_loss_earlier_account_id"
            if self.invoice_date < year_start
            else "debt_recovery_loss_account_id"
        ]
        residual = self.amount_residual
        marks = {"debt_recovery_case_id": case.id, "debt_recovery_invoice_id": self.id}
        lines = self._debt_recovery_write_off_lines(
            reason, residual / self.amount_total, loss, marks
        )
        credit_note = self.create(
            {
                "move_type": "out_refund",
                "partner_id": self.partner_id.id,
                "company_id": self.company_id.id,
                "journal_id": self.journal_id.id,
                "currency_id": self.currency_id.id,
                "invoice_date": day,
                "date": day,
                "reversed_entry_id": self.id,
                "ref": self.env._(
                    "Write-off of %(invoice)s: %(reason)s",
                    invoice=self.name,
                    reason=self._debt_recovery_reason_label(reason),
                ),
                "debt_recovery_entry_kind": "write_off",
                **marks,
                "invoice_line_ids": lines,
            }
        )
        credit_note._debt_recovery_round_to(residual, loss, marks)
        credit_note.line_ids.filtered(lambda line: not line.debt_recovery_invoice_id).write(marks)
        credit_note.action_post()
        (credit_note.line_ids + self.line_ids).filtered(
            lambda line: line.account_type == "asset_receivable" and not line.reconciled
        ).reconcile()
        return credit_note

    def _debt_recovery_write_off_lines(self, reason, ratio, loss, marks):
        """Credit note lines writing off ``ratio`` of this invoice's lines on ``loss``: the
        VAT charged on invoicing is reversed only when ``reason`` allows it; VAT on receipts
        keeps its tax (never paid, its waiting account clears).

        The price of each line is its share excl. VAT, plus the VAT of the taxes the credit
        note drops (it stays paid: part of the loss) and of the taxes it keeps that are
        included in the price (the credit note takes them out again): with a price incl. VAT,
        the loss is the unpaid part excl. VAT and the VAT line that part's VAT."""
        recover_vat = reason in VAT_RECOVERY_REASONS
        currency = self.currency_id
        lines = []
        for line in self.invoice_line_ids.filtered(lambda line: line.display_type == "product"):
            kept = line.tax_ids.filtered(
                lambda tax: recover_vat or tax.tax_exigibility == "on_payment"
            )
            price = line.price_subtotal
            on_top = (line.tax_ids - kept) | kept.filtered("price_include")
            if on_top:
                price = on_top.compute_all(
                    line.price_subtotal, currency=currency, handle_price_include=False
                )["total_included"]
            lines.append(
                Command.create(
                    dict(
                        marks,
                        name=self.env._("Irrecoverable: %s", line.name or self.name),
                        account_id=loss.id,
                        quantity=1,
                        price_unit=currency.round(price * ratio),
                        tax_ids=[Command.set(kept.ids)],
                    )
                )
            )
        return lines

    def _debt_recovery_round_to(self, total, account, marks):
        """The cents lost in proportioning this draft's lines, on ``account`` without tax, so
        that its total is ``total``."""
        gap = self.currency_id.round(total - self.amount_total)
        if not self.currency_id.is_zero(gap):
            self.invoice_line_ids = [
                Command.create(
                    dict(
                        marks,
                        name=self.env._("Rounding"),
                        account_id=account.id,
                        quantity=1,
                        price_unit=gap,
                        tax_ids=[Command.clear()],
                    )
                )
            ]

    def _debt_recovery_log_write_off(self, cases, reason, day, attachment, note):
        """The rectified invoice printed and logged on each case; a case owed nothing closes."""
        reason_label = self._debt_recovery_reason_label(reason)
        to_close = self.env["debt.recovery.case"]
        for partner_id, case in cases.items():
            invoices = self.filtered(lambda m, p=partner_id: m.commercial_partner_id.id == p)
            if invoices._debt_recovery_log_on_case(case, reason_label, day, attachment, note):
                to_close |= case
        for case in to_close:
            case._transition("closed", note=self.env._("Written off as irrecoverable."))
        for invoice in self:
            invoice.message_post(
                body=self.env._("Written off as irrecoverable (%s).", reason_label),
                attachment_ids=attachment.ids,
            )

    def _debt_recovery_log_on_case(self, case, reason_label, day, attachment, note):
        """These invoices' write-off on ``case``: a written contact with the rectified invoice
        and the proof. True when the case is owed nothing more (it closes)."""
        pdf, _kind = self.env["ir.actions.report"]._render_qweb_pdf(RECTIFIED_REPORT, self.ids)
        document = self.env["ir.attachment"].create(
            {
                "name": self.env._("Rectified invoice %s.pdf", ", ".join(self.mapped("name"))),
                "raw": pdf,
                "res_model": case._name,
                "res_id": case.id,
            }
        )
        currency = case.company_id.currency_id
        summary = self.env._(
            "Written off as irrecoverable (%(reason)s): %(invoices)s. Rectified invoice to "
            "send the debtor: unpaid %(untaxed)s excl. VAT, VAT not deducted %(vat)s.",
            reason=reason_label,
            invoices=", ".join(self.mapped("name")),
            untaxed=format_amount(
                self.env, sum(self.mapped("debt_recovery_write_off_untaxed")), currency
            ),
            vat=format_amount(self.env, sum(self.mapped("debt_recovery_write_off_vat")), currency),
        )
        if note:
            summary += "\n" + note
        self.env["debt.recovery.communication"].create(
            {
                "partner_id": case.partner_id.id,
                "case_id": case.id,
                "company_id": case.company_id.id,
                "channel": "letter",
                "direction": "outbound",
                "date": day,
                "summary": summary,
                "invoice_ids": [Command.set(self.ids)],
            }
        )
        case.message_post(body=summary, attachment_ids=(document | attachment).ids)
        owing = self.search_count(
            [
                ("commercial_partner_id", "=", case.partner_id.id),
                ("company_id", "=", case.company_id.id),
                ("move_type", "=", "out_invoice"),
                ("state", "=", "posted"),
                ("amount_residual", ">", 0),
            ]
        )
        return not owing and case.state != "closed"

    # ------------------------------------------------------------------ recovered loss
    def _debt_recovery_recover(self, amount, day, journal):
        """A receipt of ``amount`` (incl. VAT) on this invoice written off: a recovered loss,
        with the VAT recovered at the write-off due again, paid in ``journal``."""
        self.ensure_one()
        self._debt_recovery_check_manager()
        if not self.debt_recovery_written_off:
            raise UserError(self.env._("Invoice %s was not written off.", self.name))
        if amount <= 0:
            raise UserError(self.env._("The amount received must be positive."))
        account = self.company_id._debt_recovery_accounts()["debt_recovery_recovered_account_id"]
        # The VAT recovered at the write-off is due again.
        taxes = self.debt_recovery_write_off_move_id.invoice_line_ids.tax_ids.filtered(
            lambda tax: tax.tax_exigibility == "on_invoice"
        )
        # The price excl. VAT whose total is the amount received.
        unit = taxes.compute_all(1.0, currency=self.currency_id)["total_included"] if taxes else 1
        price = float(provision.untaxed_residual(amount, unit, 1.0, self.currency_id.rounding))
        marks = {"debt_recovery_invoice_id": self.id}
        case = self._debt_recovery_cases().get(self.commercial_partner_id.id)
        if case:
            marks["debt_recovery_case_id"] = case.id
        recovered = self.create(
            {
                "move_type": "out_invoice",
                "partner_id": self.partner_id.id,
                "company_id": self.company_id.id,
                "journal_id": self.journal_id.id,
                "invoice_date": day,
                "date": day,
                "ref": self.env._("Recovered on %s, written off", self.name),
                "debt_recovery_entry_kind": "recovered",
                **marks,
                "invoice_line_ids": [
                    Command.create(
                        dict(
                            marks,
                            name=self.env._("Receipt on %s, written off", self.name),
                            account_id=account.id,
                            quantity=1,
                            price_unit=price,
                            tax_ids=[Command.set(taxes.ids)],
                        )
                    )
                ],
            }
        )
        recovered._debt_recovery_round_to(amount, account, marks)
        recovered.action_post()
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=recovered.ids
        ).create({"payment_date": day, "journal_id": journal.id})._create_payments()
        self.message_post(
            body=self.env._(
                "Receipt of %(amount)s on this invoice written off: recovered loss %(move)s.",
                amount=format_amount(self.env, amount, self.currency_id),
                move=recovered.name,
            )
        )
        return recovered
