# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

SECURITIES = [
    ("none", "None (unsecured)"),
    ("retention", "Retention of title"),
    ("pledge", "Pledge (gage, nantissement)"),
    ("mortgage", "Mortgage (hypothèque)"),
    ("lien", "Other lien or privilege"),
    ("guarantee", "Third party's guarantee (caution)"),
]


class AccountMove(models.Model):
    _inherit = "account.move"

    debt_recovery_security = fields.Selection(
        SECURITIES,
        string="Security Held",
        default="none",
        copy=False,
        help="The security held on the debtor's assets for this invoice, stated in a "
        "declaration of claim in insolvency: none or a third party's guarantee leaves the "
        "claim unsecured (chirographaire); goods under retention of title are claimed within "
        "three months of the publication of the opening judgment (C. com. L624-9).",
    )

    @api.model
    def _debt_recovery_mediations(self, rows, today=None):
        """A mediation suspends the limitation period (C. civ. 2238) from its start to its
        end, as recorded on the mediation itself: its dates replace the case's hold periods,
        which a renewal or a hold changed by hand may cut."""
        result = super()._debt_recovery_mediations(rows, today)
        keys = {(row["partner_id"], row["company_id"]) for row in rows}
        # The cases of invoices the caller already read: their mediation dates only.
        cases = (
            self.env["debt.recovery.case"]
            .sudo()
            .search(
                [
                    ("partner_id", "in", list({key[0] for key in keys})),
                    ("company_id", "in", list({key[1] for key in keys})),
                    ("mediation_ids", "!=", False),
                ]
            )
        )
        if not cases:
            return result
        periods = self.env["debt.recovery.mediation"]._periods(
            cases.ids, today or fields.Date.context_today(self)
        )
        for case in cases:
            result[(case.partner_id.id, case.company_id.id)] = periods.get(case.id, [])
        return result
