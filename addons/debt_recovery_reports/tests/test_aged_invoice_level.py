# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from odoo import Command
from odoo.tests import tagged

from .common import ReportsCommon

AGED = "debt.recovery.aged.receivable"

# The rule, written out independently of the marks kept on the snapshot lines: the level of
# the latest outbound communication to send or sent listing the invoice (not held), by date
# then id.
LAST_CLAIM_RULE = """
    SELECT DISTINCT ON (dl.invoice_id) dl.invoice_id, c.level_id
      FROM debt_recovery_communication_line dl
      JOIN debt_recovery_communication c ON c.id = dl.communication_id
     WHERE dl.invoice_id IN %s AND c.level_id IS NOT NULL AND c.direction = 'outbound'
       AND c.state IN ('to_send', 'done') AND NOT COALESCE(dl.excluded, FALSE)
  ORDER BY dl.invoice_id, c.date DESC, c.id DESC
"""


@tagged("post_install", "-at_install")
class TestAgedInvoiceLevel(ReportsCommon):
    """The aged view's invoice level is the last claim's, through every change of the claims."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.first, cls.firm, cls.call = cls.levels[1:4]
        cls.inv_a = cls._invoice(cls.debtor, 500.0, "2024-01-31")
        cls.inv_b = cls._invoice(cls.debtor, 300.0, "2024-02-10")
        cls.moves = cls.inv_a | cls.inv_b

    def _bulk(self, moves, level, day, **values):
        """A communication written as the daily job writes it (bulk insert of the snapshot)."""
        Comm = self.env["debt.recovery.communication"]
        lines, totals = Comm._line_values(moves, day, self.policy)
        vals = {
            "partner_id": self.debtor.id,
            "company_id": self.company.id,
            "level_id": level.id,
            "channel": "email",
            "direction": "outbound",
            "date": day,
            "state": "done",
            "line_ids": lines,
            **totals,
            **values,
        }
        return Comm.sudo()._create_with_snapshots([vals])

    def assertLevels(self, expected):
        """The view, the invoices' field and the rule agree on ``{invoice: level}``."""
        self.env[AGED].invalidate_model()  # a view: nothing tells the cache it changed
        rows = self.env[AGED].search([("move_id", "in", self.moves.ids)])
        self.assertEqual(len(rows), len(self.moves), "one row per invoice, no duplicate")
        got = {row.move_id: row.invoice_level_id for row in rows}
        self.assertEqual(got, expected)
        self.moves.invalidate_recordset(["debt_recovery_level_id"])
        self.assertEqual({move: move.debt_recovery_level_id for move in self.moves}, expected)
        self.env.cr.execute(LAST_CLAIM_RULE, [tuple(self.moves.ids)])
        rule = dict(self.env.cr.fetchall())
        Level = self.env["debt.recovery.level"]
        self.assertEqual({move: Level.browse(rule.get(move.id)) for move in self.moves}, expected)
        self.env.cr.execute(
            "SELECT invoice_id, count(*) FROM debt_recovery_communication_line "
            "WHERE invoice_id IN %s AND last_claim_invoice_id IS NOT NULL GROUP BY 1",
            [tuple(self.moves.ids)],
        )
        self.assertTrue(all(count == 1 for _id, count in self.env.cr.fetchall()))

    def test_level_after_create_cancel_and_delete(self):
        Level = self.env["debt.recovery.level"]
        self.assertLevels({self.inv_a: Level, self.inv_b: Level})
        first = self._communication(self.debtor, self.moves, self.first, date(2024, 3, 1))
        self.assertLevels({self.inv_a: self.first, self.inv_b: self.first})
        # The daily job's bulk path: a later claim of invoice A only.
        firm = self._bulk(self.inv_a, self.firm, date(2024, 3, 15))
        self.assertLevels({self.inv_a: self.firm, self.inv_b: self.first})
        # Recorded later but dated earlier, by hand or in bulk: the date decides, not the
        # creation.
        self._communication(self.debtor, self.inv_a, self.call, date(2024, 2, 20))
        self._bulk(self.inv_a, self.call, date(2024, 2, 25))
        self.assertLevels({self.inv_a: self.firm, self.inv_b: self.first})
        # Not claims: an inbound call, a reminder to validate, and a claim where B is held.
        self._communication(
            self.debtor, self.moves, self.call, date(2024, 4, 1), direction="inbound"
        )
        draft = self._bulk(self.moves, self.call, date(2024, 4, 2), state="to_validate")
        held = self._bulk(self.inv_b, self.call, date(2024, 4, 3))
        self.assertLevels({self.inv_a: self.firm, self.inv_b: self.call})
        held.line_ids.excluded = True
        self.assertLevels({self.inv_a: self.firm, self.inv_b: self.first})
        # Validated, the draft is a claim of both.
        draft.write({"state": "to_send"})
        self.assertLevels({self.inv_a: self.call, self.inv_b: self.call})
        # Deleted before it was sent, it claims nothing any more.
        draft.unlink()
        self.assertLevels({self.inv_a: self.firm, self.inv_b: self.first})
        # Cancelled by a manager: A falls back to its latest claim still standing.
        firm.with_user(self.manager).action_cancel()
        self.assertLevels({self.inv_a: self.first, self.inv_b: self.first})
        # A snapshot line taken off a communication: B is no longer claimed by it.
        first.sudo().line_ids = [
            Command.delete(line.id) for line in first.line_ids if line.invoice_id == self.inv_b
        ]
        self.assertLevels({self.inv_a: self.first, self.inv_b: Level})
        # Searches on the invoices read the same marks.
        found = self.env["account.move"].search(
            [("id", "in", self.moves.ids), ("debt_recovery_level_id", "=", self.first.id)]
        )
        self.assertEqual(found, self.inv_a)

    def test_refresh_is_idempotent_and_rebuilds_lost_marks(self):
        """The upgrade's fill: marks erased by hand come back, and a second run changes nothing."""
        self._communication(self.debtor, self.moves, self.first, date(2024, 3, 1))
        self._bulk(self.inv_a, self.firm, date(2024, 3, 15))
        self.env.cr.execute(
            "UPDATE debt_recovery_communication_line SET last_claim_invoice_id = NULL "
            "WHERE invoice_id IN %s",
            [tuple(self.moves.ids)],
        )
        Move = self.env["account.move"]
        Move._debt_recovery_refresh_last_claims()
        self.assertLevels({self.inv_a: self.firm, self.inv_b: self.first})
        Move._debt_recovery_refresh_last_claims()
        Move._debt_recovery_refresh_last_claims(self.moves.ids)
        self.assertLevels({self.inv_a: self.firm, self.inv_b: self.first})
