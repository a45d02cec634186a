# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models
from odoo.exceptions import UserError, ValidationError


class DebtRecoveryCase(models.Model):
    _inherit = "debt.recovery.case"

    def _portal_settlements(self):
        """The settlements the debtor's page shows: the pending one, to read and sign, and
        those already signed."""
        self.ensure_one()
        return self.settlement_ids.filtered(lambda s: s.state == "pending" or s.signed_on).sorted(
            lambda s: (s.date, s.id), reverse=True
        )

    def _portal_page_values(self, today):
        values = super()._portal_page_values(today)
        values["settlements"] = self._portal_settlements()
        return values

    def _portal_sign_settlement(self, settlement, name, evidence):
        """The debtor signs a pending settlement agreement of this case: its name, the time,
        the IP address and the agreement as signed are kept; the signing is logged as an
        inbound communication with the page's evidence."""
        self.ensure_one()
        name = (name or "").strip()
        if not name:
            raise ValidationError(self.env._("Type your full name to sign."))
        if settlement.case_id != self or settlement.state != "pending" or settlement.signed_on:
            raise UserError(self.env._("This settlement cannot be signed any more."))
        comm = self._portal_log(
            evidence,
            self.env._("Settlement agreement signed online by %s.", name),
            outcome="other",
            invoices=settlement.line_ids.move_id,
        )
        settlement._sign(name, proof=evidence)
        return comm
