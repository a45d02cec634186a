# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The aged receivables name the factor of the invoices the company still collects for one.

Notified assignments leave the receivables by their entry; the open items that stay are the
company's own and those assigned under confidential contracts, which the company collects for
the factor: these carry the factor, at the date the balance is read (assigned on or before it,
not wholly bought back by then), so that the list, pivot and graph group and filter them apart.
"""

from odoo import api, fields, models
from odoo.tools import SQL


class DebtRecoveryAgedReceivable(models.Model):
    _inherit = "debt.recovery.aged.receivable"
    _depends = {
        "debt.recovery.factor.assignment": [
            "buyback_date",
            "date",
            "factor_id",
            "invoice_id",
            "mode",
        ],
    }

    factor_id = fields.Many2one(
        "debt.recovery.factor",
        string="Collected for Factor",
        readonly=True,
        help="The factoring contract this invoice is assigned to under confidential "
        "factoring: the company still collects it, for the factor.",
    )

    # EXTENDS debt_recovery_reports
    @api.model
    def _aged_items_query(self, at_date, company_ids, partner_ids, user_ids):
        items = super()._aged_items_query(at_date, company_ids, partner_ids, user_ids)
        return SQL(
            """
            SELECT i.*, fa.factor_id
              FROM (%s) i
         LEFT JOIN debt_recovery_factor_assignment fa
                ON fa.invoice_id = i.move_id
               AND fa.mode = 'confidential'
               AND fa.date <= i.as_of_date
               AND (fa.buyback_date IS NULL OR fa.buyback_date > i.as_of_date)
            """,
            items,
        )
