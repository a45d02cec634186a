# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class DebtRecoveryEscalationChunk(models.Model):
    """A share of the daily escalation's debtors, waiting for an escalation worker.

    The daily cron lists the debtors to synchronise (one company per chunk); each worker takes
    a chunk (deleted in the transaction that processes it), synchronises its debtors' cases
    and escalates the pending ones. A chunk whose worker dies comes back with the rollback.
    """

    _name = "debt.recovery.escalation.chunk"
    _description = "Debt Recovery Escalation Chunk"
    _order = "id"
    _log_access = False

    date = fields.Date(string="Day", required=True)
    company_id = fields.Many2one("res.company", required=True, ondelete="cascade")
    partner_ids = fields.Json(string="Debtors", required=True, help="Ids of the debtors.")
