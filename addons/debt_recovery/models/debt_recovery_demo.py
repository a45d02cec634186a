# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import Command, api, fields, models

# (partner xml id, [(amount, days past due)], what happens next)
DEMO_STORY = [
    ("partner_demo_moreau", [(1850.0, -3)], None),
    ("partner_demo_petit", [(640.0, 5)], None),
    ("partner_demo_roux", [(2300.0, 14), (480.0, 8)], None),
    ("partner_demo_fournier", [(5120.0, 25)], None),
    ("partner_demo_girard", [(3400.0, 31)], None),
    ("partner_demo_bonnet", [(7800.0, 50)], None),
    ("partner_demo_lambert", [(12500.0, 72)], None),
    ("partner_demo_cafe", [(960.0, 12)], "dispute"),
    ("partner_demo_mercier", [(1500.0, 9)], "promise"),
    ("partner_demo_martin", [(320.0, 6)], None),
    ("partner_demo_dupont", [(780.0, 20)], "paid"),
]


class DebtRecoveryDemo(models.AbstractModel):
    _name = "debt.recovery.demo"
    _description = "Debt Recovery Demo Story"

    @api.model
    def _load_story(self, replay_days=80):
        """Invoices for the demo debtors, then the daily job replayed over the last days.

        Each debtor ends at a different stage: preventive reminder, reminders, call, formal
        notice waiting for validation, pre-litigation, litigation, dispute, promise, paid.
        """
        today = fields.Date.context_today(self)
        company = self.env.ref("base.main_company")
        if not company.chart_template:
            return
        invoices = {}
        for xmlid, lines, _event in DEMO_STORY:
            partner = self.env.ref(f"debt_recovery.{xmlid}")
            moves = self.env["account.move"]
            for amount, days_late in lines:
                due = today - timedelta(days=days_late)
                moves |= self.env["account.move"].create(
                    {
                        "move_type": "out_invoice",
                        "partner_id": partner.id,
                        "company_id": company.id,
                        "invoice_date": due - timedelta(days=30),
                        "invoice_date_due": due,
                        "invoice_line_ids": [
                            Command.create(
                                {
                                    "name": self.env._("Services and supplies"),
                                    "quantity": 1,
                                    "price_unit": amount,
                                    "tax_ids": [Command.clear()],
                                }
                            )
                        ],
                    }
                )
            moves.action_post()
            invoices[xmlid] = moves
        Case = self.env["debt.recovery.case"]
        Comm = self.env["debt.recovery.communication"]
        for offset in range(replay_days, -1, -1):
            day = today - timedelta(days=offset)
            Case._cron_escalate_at(day)
            # Managers validate formal notices two days after they are proposed, except the
            # freshest one, left for the demo.
            stale = Comm.search(
                [("state", "=", "to_validate"), ("date", "<=", day - timedelta(days=2))]
            )
            for comm in stale:
                comm.with_context(demo_validation_date=day)._demo_validate(day)
            for xmlid, _lines, event in DEMO_STORY:
                if event and offset == 3:
                    self._demo_event(event, invoices[xmlid], day)
        Case._cron_escalate_at(today)

    @api.model
    def _demo_event(self, event, moves, day):
        partner = moves.commercial_partner_id
        case = self.env["debt.recovery.case"].search(
            [("partner_id", "=", partner.id), ("company_id", "=", moves.company_id.id)]
        )
        if event == "paid":
            self.env["account.payment.register"].with_context(
                active_model="account.move", active_ids=moves.ids
            ).create({"payment_date": day})._create_payments()
            return
        if not case:
            return
        wizard = self.env["debt.recovery.log.contact.wizard"].create(
            {
                "case_id": case.id,
                "channel": "phone",
                "direction": "inbound" if event == "dispute" else "outbound",
                "date": day,
                "outcome": event,
                "summary": self.env._("The customer says the delivery was incomplete.")
                if event == "dispute"
                else self.env._("The customer promises to pay the whole amount next week."),
                "promise_amount": sum(moves.mapped("amount_residual")),
                "promise_date": day + timedelta(days=10),
                "dispute_invoice_ids": [Command.set(moves.ids)],
                "dispute_note": self.env._("Delivery incomplete"),
            }
        )
        wizard.action_log()
