# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
from odoo import fields, models


class DebtRecoveryPlan(models.Model):
    _name = "debt.recovery.plan"
    _inherit = ["debt.recovery.plan", "debt.recovery.direct.debit.holder"]

    # EXTENDS debt_recovery
    def action_activate(self):
        for plan in self.filtered("direct_debit"):
            plan._direct_debit_check_ready()
        return super().action_activate()

    # EXTENDS debt_recovery
    def action_cancel(self):
        """A cancelled plan's debits are not collected: stopped, and taken out of the direct
        debit orders still in draft."""
        result = super().action_cancel()
        self._direct_debit_cancelled(fields.Date.context_today(self))
        return result

    def action_record_mandate(self):
        """The wizard recording the debtor's signed paper mandate for this plan."""
        return self._direct_debit_mandate_wizard_action()

    # EXTENDS debt_recovery_sepa (direct debit holder)
    def _direct_debit_open(self):
        self.ensure_one()
        return self.state in ("draft", "active")

    def _direct_debit_items(self):
        return self.line_ids

    def _direct_debit_policy(self):
        return self._recovery_policy()
