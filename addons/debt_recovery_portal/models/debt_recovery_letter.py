# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models


class DebtRecoveryLetter(models.AbstractModel):
    _inherit = "debt.recovery.letter"

    @api.model
    def _finish(self, letters):
        """Every letter prints the link of the debtor's recovery page (URL and QR code)."""
        letters = super()._finish(letters)
        partners = self.env["res.partner"].concat(*(let["partner"] for let in letters))
        companies = self.env["res.company"].concat(*(let["company"] for let in letters))
        # The cases of the debtors being written to: their links are made by the system.
        cases = (
            self.env["debt.recovery.case"]
            .sudo()
            .search(
                [
                    ("partner_id", "in", partners.commercial_partner_id.ids),
                    ("company_id", "in", companies.ids),
                ]
            )
        )
        by_key = {(case.partner_id.id, case.company_id.id): case for case in cases}
        for letter in letters:
            key = (letter["partner"].commercial_partner_id.id, letter["company"].id)
            case = by_key.get(key)
            letter["recovery_url"] = case._debt_recovery_portal_url() if case else False
        return letters
