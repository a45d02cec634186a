# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging
import re
from datetime import date, timedelta

from odoo import Command, fields
from odoo.tests import HttpCase

from odoo.addons.debt_recovery.models.debt_recovery_communication import SYSTEM_FIELDS
from odoo.addons.debt_recovery.tests.common import DebtRecoveryCommon

LETTER = "debt_recovery_reports.action_report_communication_letter"
LETTER_DATE = date(2024, 3, 1)

_logger = logging.getLogger(__name__)


def text(html):
    """Rendered HTML as plain text, spaces normalised (narrow no-break spaces included)."""
    if isinstance(html, bytes):
        html = html.decode()
    html = re.sub(r"<[^>]+>", " ", html)
    html = html.replace("&nbsp;", " ").replace("\xa0", " ").replace("\u202f", " ")
    for junk in ("\ufeff", "$ ", "$", " €", "€"):
        html = html.replace(junk, "")
    html = html.replace("&#39;", "'").replace("&amp;", "&").replace("&quot;", '"')
    return re.sub(r"\s+", " ", html)


class ReportsCommon(DebtRecoveryCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("en_US")
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.env["ir.module.module"]._load_module_terms(
            ["debt_recovery", "debt_recovery_reports"], ["fr_FR"], overwrite=True
        )
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        cls.debtor.lang = "en_US"
        cls.consumer.lang = "en_US"

    @classmethod
    def _refund(cls, partner, amount, day):
        move = cls.env["account.move"].create(
            {
                "move_type": "out_refund",
                "partner_id": partner.id,
                "company_id": cls.company.id,
                "invoice_date": day,
                "invoice_line_ids": [
                    Command.create(
                        {"name": "Refund", "price_unit": amount, "tax_ids": [Command.clear()]}
                    )
                ],
            }
        )
        move.action_post()
        return move

    @classmethod
    def _communication(cls, partner, moves, level, at_date=LETTER_DATE, **values):
        """A communication recorded by the engine's own snapshot code, waiting to be sent."""
        Comm = cls.env["debt.recovery.communication"]
        moves = moves.sorted("invoice_date_due")
        lines, totals = Comm._line_values(moves, at_date, cls.policy)
        vals = {
            "partner_id": partner.id,
            "company_id": cls.company.id,
            "level_id": level.id,
            "channel": level._channel(),
            "direction": "outbound",
            "date": at_date,
            "user_id": cls.collector.id,
            "invoice_ids": [Command.set(moves.ids)],
            "line_ids": [Command.create(line) for line in lines],
            "fee_amount": level.fee_amount,
            "response_date": at_date + timedelta(days=level.response_days),
            "state": "to_send",
            **totals,
        }
        vals.update(values)
        # Facts of the sending (a proof of receipt...) are the system's: written as such.
        system = {name: vals.pop(name) for name in SYSTEM_FIELDS if name in vals}
        comm = Comm.create(vals)
        if system:
            comm.sudo().write(system)
        return comm

    def _render(self, report, records):
        html, _fmt = self.env["ir.actions.report"]._render_qweb_html(report, records.ids)
        return text(html)

    @staticmethod
    def _days(first, last):
        return (fields.Date.to_date(last) - fields.Date.to_date(first)).days


class PdfRenderingCase(ReportsCommon, HttpCase):
    """Letters rendered as real PDF by wkhtmltopdf, which loads their CSS from the HTTP server
    (pytest --odoo-http); skipped where wkhtmltopdf is missing or broken."""

    def setUp(self):
        super().setUp()
        state = self.env["ir.actions.report"].get_wkhtmltopdf_state()
        if state in ("install", "broken"):
            reason = f"wkhtmltopdf unavailable (state {state!r}): PDF rendering not tested"
            _logger.warning(reason)
            self.skipTest(reason)
