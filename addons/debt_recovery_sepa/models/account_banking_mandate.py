# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
from odoo import api, models


class AccountBankingMandate(models.Model):
    _inherit = "account.banking.mandate"

    @api.model
    def _debt_recovery_create_valid(self, debtor, company, iban, signed, **values):
        """The SEPA mandate ``debtor`` signed on ``signed`` for ``company``, valid from its
        signature, on the debtor's account of ``iban`` (found, or created with
        ``values["holder"]`` and the bank of ``values["bic"]``). Other ``values``: ``scheme``
        (CORE), ``type`` (recurrent), ``scan``, ``reference`` (else OCA's sequence). The
        paper mandate recorded by a collector, the one given on the recovery page and the
        demo's all come from here; the caller decides the rights it runs with."""
        sanitized = "".join((iban or "").split()).upper()
        Bank = self.env["res.partner.bank"]
        bank_account = Bank.search(
            [("sanitized_acc_number", "=", sanitized), ("partner_id", "=", debtor.id)], limit=1
        ) or Bank.create(
            {
                "acc_number": sanitized,
                "acc_holder_name": values.get("holder") or debtor.name,
                "partner_id": debtor.id,
                "bank_id": self._debt_recovery_bank(values.get("bic")).id,
            }
        )
        vals = {
            "format": "sepa",
            "type": values.get("type") or "recurrent",
            "scheme": values.get("scheme") or "CORE",
            "partner_bank_id": bank_account.id,
            "company_id": company.id,
            "signature_date": signed,
            "scan": values.get("scan") or False,
        }
        if values.get("reference"):
            vals["unique_mandate_reference"] = values["reference"]
        mandate = self.create(vals)
        mandate.validate()
        return mandate

    @api.model
    def _debt_recovery_bank(self, bic):
        """The bank of ``bic`` (created when unknown); none without a BIC."""
        Bank = self.env["res.bank"]
        bic = "".join((bic or "").split()).upper()
        if not bic:
            return Bank
        return Bank.search([("bic", "=", bic)], limit=1) or Bank.create({"name": bic, "bic": bic})
