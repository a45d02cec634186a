# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import io

import xlsxwriter

from odoo import models
from odoo.exceptions import AccessError
from odoo.tools import format_date

from .account_move import MANAGER_GROUP


class DebtRecoveryClosing(models.Model):
    _inherit = "debt.recovery.closing"

    # ------------------------------------------------------------------ public actions
    def action_export_xlsx(self):
        """The closing as a spreadsheet for the auditor: its receivables invoice by invoice,
        by debtor with the doubtful and provision accounts of the general ledger beside
        them, and the loss-rate matrix."""
        self.ensure_one()
        if not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(self.env._("Only a recovery manager exports a closing."))
        attachment = self.env["ir.attachment"].create(
            {
                "name": self.env._("%s.xlsx", self.name),
                "raw": self._xlsx(),
                "res_model": self._name,
                "res_id": self.id,
                "mimetype": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "download",
        }

    # ------------------------------------------------------------------ spreadsheet
    def _ledger_by_debtor(self):
        """{partner id: (doubtful account balance, provision account credit balance)} at the
        closing date, one grouped read."""
        company = self.company_id
        doubtful = company.debt_recovery_doubtful_account_id
        provision = company.debt_recovery_provision_account_id
        result = {}
        for partner, account, balance in self.env["account.move.line"]._read_group(
            [
                ("company_id", "=", company.id),
                ("account_id", "in", (doubtful | provision).ids),
                ("parent_state", "=", "posted"),
                ("date", "<=", self.date),
            ],
            ["partner_id", "account_id"],
            ["balance:sum"],
        ):
            doubtful_balance, provision_balance = result.get(partner.id, (0.0, 0.0))
            if account == doubtful:
                doubtful_balance += balance
            else:
                provision_balance -= balance
            result[partner.id] = (doubtful_balance, provision_balance)
        return result

    def _xlsx(self):
        """The workbook's bytes: three sheets (receivables, by debtor, loss rates)."""
        self.ensure_one()
        output = io.BytesIO()
        workbook = xlsxwriter.Workbook(output, {"in_memory": True})
        styles = {
            "title": workbook.add_format({"bold": True, "font_size": 13}),
            "header": workbook.add_format({"bold": True, "bottom": 1, "text_wrap": True}),
            "money": workbook.add_format({"num_format": "#,##0.00"}),
            "total": workbook.add_format({"bold": True, "num_format": "#,##0.00", "top": 1}),
            "bold": workbook.add_format({"bold": True}),
        }
        self._xlsx_lines(workbook.add_worksheet(self.env._("Receivables")), styles)
        self._xlsx_debtors(workbook.add_worksheet(self.env._("By debtor")), styles)
        self._xlsx_loss_rates(workbook.add_worksheet(self.env._("Loss rates")), styles)
        workbook.close()
        return output.getvalue()

    def _xlsx_title(self, sheet, styles, title):
        """The sheet's title and the closing it comes from; the row of its table's header."""
        sheet.write(0, 0, title, styles["title"])
        sheet.write(
            1,
            0,
            self.env._(
                "%(company)s, closing of %(date)s (%(currency)s)",
                company=self.company_id.name,
                date=format_date(self.env, self.date),
                currency=self.currency_id.name,
            ),
        )
        return 3

    def _xlsx_table(self, sheet, styles, row, columns, rows):
        """``columns`` [(header, width, money?)] and ``rows`` written from ``row``; the row
        after the table."""
        for col, (header, width, _money) in enumerate(columns):
            sheet.write(row, col, header, styles["header"])
            sheet.set_column(col, col, width)
        for values in rows:
            row += 1
            for col, value in enumerate(values):
                money = columns[col][2]
                sheet.write(row, col, value, styles["money"] if money else None)
        return row + 1

    def _xlsx_lines(self, sheet, styles):
        row = self._xlsx_title(sheet, styles, self.env._("Doubtful receivables and provisions"))
        columns = [
            (self.env._("Debtor"), 30, False),
            (self.env._("Invoice"), 18, False),
            (self.env._("Days Overdue"), 8, False),
            (self.env._("Reasons Doubtful"), 24, False),
            (self.env._("Method"), 16, False),
            (self.env._("Rate (%)"), 8, False),
            (self.env._("Doubtful (incl. VAT)"), 14, True),
            (self.env._("Doubtful (excl. VAT)"), 14, True),
            (self.env._("Covered (%)"), 8, False),
            (self.env._("Provision Before"), 14, True),
            (self.env._("Provision"), 14, True),
            (self.env._("Adjustment"), 14, True),
            (self.env._("Basis"), 60, False),
        ]
        methods = dict(self.line_ids._fields["method"]._description_selection(self.env))
        rows = [
            (
                line.partner_id.name,
                line.invoice_id.name,
                line.days_overdue,
                line.reasons or "",
                methods.get(line.method, ""),
                line.rate,
                line.residual,
                line.untaxed,
                line.covered_percent,
                line.previous,
                line.provision,
                line.adjustment,
                line.basis or "",
            )
            for line in self.line_ids.sorted(lambda line: (line.partner_id.name or "", line.id))
        ]
        end = self._xlsx_table(sheet, styles, row, columns, rows)
        sheet.write(end, 0, self.env._("Total"), styles["bold"])
        for col in (6, 7, 9, 10, 11):
            sheet.write(end, col, sum(values[col] for values in rows), styles["total"])

    def _xlsx_debtors(self, sheet, styles):
        """By debtor: the closing's doubtful and provision amounts beside the balances of the
        doubtful and provision accounts of the general ledger, and their difference."""
        row = self._xlsx_title(
            sheet, styles, self.env._("Doubtful receivables and provisions by debtor")
        )
        company = self.company_id
        doubtful_code = company.debt_recovery_doubtful_account_id.code or ""
        provision_code = company.debt_recovery_provision_account_id.code or ""
        columns = [
            (self.env._("Debtor"), 30, False),
            (self.env._("Doubtful (incl. VAT)"), 14, True),
            (self.env._("Ledger %s", doubtful_code), 14, True),
            (self.env._("Difference"), 12, True),
            (self.env._("Provision"), 14, True),
            (self.env._("Ledger %s", provision_code), 14, True),
            (self.env._("Difference"), 12, True),
        ]
        ledger = self._ledger_by_debtor()
        totals = {}
        for line in self.line_ids:
            doubtful, provided = totals.get(line.partner_id, (0.0, 0.0))
            totals[line.partner_id] = (
                doubtful + (line.residual if line.doubtful else 0.0),
                provided + line.provision,
            )
        round_ = self.currency_id.round
        rows = []
        for partner in sorted(totals, key=lambda partner: partner.name or ""):
            doubtful, provided = totals[partner]
            ledger_doubtful, ledger_provision = ledger.get(partner.id, (0.0, 0.0))
            rows.append(
                (
                    partner.name,
                    doubtful,
                    ledger_doubtful,
                    round_(ledger_doubtful - doubtful),
                    provided,
                    ledger_provision,
                    round_(ledger_provision - provided),
                )
            )
        end = self._xlsx_table(sheet, styles, row, columns, rows)
        sheet.write(end, 0, self.env._("Total of the debtors"), styles["bold"])
        for col in range(1, 7):
            sheet.write(end, col, round_(sum(values[col] for values in rows)), styles["total"])
        # The accounts' whole balances (entries without a debtor included).
        ledger_doubtful, ledger_provision = self._ledger_balances()
        sheet.write(end + 1, 0, self.env._("General ledger"), styles["bold"])
        sheet.write(end + 1, 2, ledger_doubtful, styles["total"])
        sheet.write(end + 1, 5, ledger_provision, styles["total"])

    def _xlsx_loss_rates(self, sheet, styles):
        row = self._xlsx_title(sheet, styles, self.env._("Loss-rate matrix"))
        columns = [
            (self.env._("Age Bucket"), 22, False),
            (self.env._("From Days"), 10, False),
            (self.env._("Still owed at that age"), 16, True),
            (self.env._("Never collected"), 16, True),
            (self.env._("Invoices"), 10, False),
            (self.env._("Loss Rate (%)"), 12, False),
        ]
        rows = [
            (
                rate.name,
                rate.start_days,
                rate.exposure,
                rate.loss,
                rate.invoice_count,
                rate.rate if rate.has_rate else "",
            )
            for rate in self.loss_rate_ids.sorted("start_days")
        ]
        self._xlsx_table(sheet, styles, row, columns, rows)
