# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models


class DebtRecoveryLetter(models.AbstractModel):
    _inherit = "debt.recovery.letter"

    # EXTENDS debt_recovery_reports
    @api.model
    def _finish(self, letters):
        """Each letter lists apart the debtor's invoices assigned to a factor under a notified
        contract: they are not claimed, and are paid to the factor (one query per language)."""
        letters = super()._finish(letters)
        Assignment = self.env["debt.recovery.factor.assignment"]
        for lang in {letter["lang"] for letter in letters}:
            batch = [letter for letter in letters if letter["lang"] == lang]
            partners = self.env["res.partner"].concat(*(let["partner"] for let in batch))
            companies = self.env["res.company"].concat(*(let["company"] for let in batch))
            groups = Assignment._notified_by_debtor(partners, companies, lang=lang)
            for letter in batch:
                key = (letter["partner"].commercial_partner_id.id, letter["company"].id)
                letter["factored"] = groups.get(key, [])
        return letters
