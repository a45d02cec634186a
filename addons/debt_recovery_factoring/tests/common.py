# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command

from odoo.addons.debt_recovery.tests.common import DebtRecoveryCommon

COMPANY_IBAN = "FR7630006000011234567890189"
FACTOR_IBAN = "FR7630004008230001234567819"
MENTION_EN = "To discharge your debt, pay this invoice only to Factor Test SA (subrogation)."
MENTION_FR = (
    "Pour être libératoire, votre règlement doit être effectué directement à l'ordre de "
    "Factor Test SA, qui le reçoit par subrogation."
)


class FactoringCommon(DebtRecoveryCommon):
    """A notified factoring contract of the test company, its factor's account (467) and
    bank account; the professional debtor is not assigned at posting unless a test says so."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.factor_partner = cls.env["res.partner"].create(
            {"name": "Factor Test SA", "is_company": True, "city": "Lyon"}
        )
        cls.factor_bank = (
            cls.env["res.partner.bank"]
            .sudo()
            .create({"acc_number": FACTOR_IBAN, "partner_id": cls.factor_partner.id})
        )
        cls.factor_account = cls.env["account.account"].create(
            {
                "code": "467100",
                "name": "Factor Test SA",
                "account_type": "asset_current",
                "reconcile": True,
                "company_ids": [Command.set(cls.company.ids)],
            }
        )
        cls.contract = cls.env["debt.recovery.factor"].create(
            {
                "name": "AFF-TEST-1",
                "company_id": cls.company.id,
                "partner_id": cls.factor_partner.id,
                "bank_account_id": cls.factor_bank.id,
                "mode": "notified",
                "mention": MENTION_EN,
                "account_id": cls.factor_account.id,
                "journal_id": cls.company_data["default_journal_misc"].id,
            }
        )

    def _assign(self, invoices, day, contract=None, user=None):
        return invoices.with_user(user or self.manager)._debt_recovery_factor_assign(
            (contract or self.contract).with_user(user or self.manager), day
        )

    def _receivable(self, move):
        return move.line_ids.filtered(
            lambda line: line.account_id.account_type == "asset_receivable"
        )
