# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models

from .debt_recovery_case import CASE_STATES, HOLD_REASONS


class DebtRecoveryCaseTransition(models.Model):
    """One change of a case's status: when, from what, to what, why. Written by the case's
    state machine only (see ``debt.recovery.case._apply_transitions``); nobody edits it."""

    _name = "debt.recovery.case.transition"
    _description = "Change of Status of a Recovery Case"
    _order = "date desc, id desc"

    case_id = fields.Many2one(
        "debt.recovery.case", required=True, index=True, ondelete="cascade", readonly=True
    )
    company_id = fields.Many2one(related="case_id.company_id", store=True, index=True)
    date = fields.Date(required=True, readonly=True)
    state_from = fields.Selection(CASE_STATES, string="From", readonly=True)
    state_to = fields.Selection(CASE_STATES, string="To", required=True, readonly=True)
    hold_reason = fields.Selection(HOLD_REASONS, readonly=True)
    hold_until = fields.Date(readonly=True)
    note = fields.Char(readonly=True)
