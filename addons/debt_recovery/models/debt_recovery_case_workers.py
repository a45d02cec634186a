# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The daily escalation, in parallel in several cron workers.

Odoo runs one cron record in one worker at a time (the runner locks the cron's row), so the work
is split over several records:

* the daily cron (``ir_cron_debt_recovery_escalate``) resolves the promises and plans that
  reached a decision, lists the debtors to synchronise by chunks of one company's debtors
  (``debt.recovery.escalation.chunk``, one query) and triggers the escalation worker crons;
* each worker cron takes a chunk (``DELETE ... FOR UPDATE SKIP LOCKED``): it synchronises the
  chunk's cases with their open invoices (legal holds, preventive reminders included),
  escalates the pending ones with the invoice rows of that one synchronisation, and reports its
  progress: the runner commits and calls again while work remains. When no chunk is left, the
  workers claim the cases still pending (``SELECT ... FOR NO KEY UPDATE SKIP LOCKED``, marked
  ``escalated_on`` in the same statement), batch by batch. Workers on every server of the
  database take disjoint chunks and batches; none holds a lock for the whole run, and the
  synchronisation itself is shared among them.

A worker killed mid-chunk (or mid-batch) rolls its transaction back, chunk or claim included:
the debtors stay listed and their cases pending, for the next worker; what a committed
transaction did is never done again the same day.
"""

import logging

import psycopg2.errors

from odoo import api, fields, models
from odoo.tools import SQL

from .debt_recovery_case import DEFAULT_BATCH_SIZE

_logger = logging.getLogger(__name__)

# Setting: number of worker crons the daily cron triggers (one per cron thread to use).
WORKERS_PARAM = "debt_recovery.escalation_workers"
DEFAULT_WORKERS = 2
WORKER_CODE = "model._cron_escalate_worker()"
FIRST_WORKER = "debt_recovery.ir_cron_debt_recovery_escalate_worker_1"
# Tables a first run fills from nothing, and the changes that make their statistics stale.
GROWING_TABLES = (
    "debt_recovery_case",
    "debt_recovery_case_transition",
    "debt_recovery_communication",
    "debt_recovery_communication_line",
)
STATISTICS_MIN_ROWS = 1000
# Advisory lock key of the statistics' refresh ("DRSTAT" in ASCII).
STATISTICS_LOCK_KEY = 0x445253544154


class DebtRecoveryCase(models.Model):
    _inherit = "debt.recovery.case"

    @api.model
    def _escalation_worker_count(self):
        """The number of escalation workers set (at least one)."""
        value = self.env["ir.config_parameter"].sudo().get_param(WORKERS_PARAM)
        try:
            return max(1, int(value or DEFAULT_WORKERS))
        except ValueError:
            _logger.warning("%s is not a number (%r): %s workers", WORKERS_PARAM, value, 1)
            return 1

    @api.model
    def _escalation_worker_crons(self, count=None):
        """The first ``count`` worker crons (the setting by default), the missing ones created
        as copies of the first."""
        count = count or self._escalation_worker_count()
        # The daily job's own scheduling records: configuration users do not write.
        Cron = self.env["ir.cron"].sudo().with_context(active_test=False)
        crons = Cron.search(
            [("code", "=", WORKER_CODE), ("model_id.model", "=", self._name)], order="id"
        )
        template = self.env.ref(FIRST_WORKER, raise_if_not_found=False) or crons[:1]
        while template and len(crons) < count:
            name = self.env._("Debt Recovery: escalation worker %s", len(crons) + 1)
            crons |= template.copy({"name": name, "active": template.active})
        return crons[:count]

    @api.model
    def _trigger_escalation_workers(self):
        """Ask the worker crons to run now; returns how many were triggered."""
        crons = self._escalation_worker_crons()
        for cron in crons:
            cron._trigger()
        return len(crons)

    @api.model
    def _escalate_next_batch(self, today, batch_size=DEFAULT_BATCH_SIZE):
        """Take the next chunk of debtors and escalate it, or when none is left, claim the next
        batch of pending cases and escalate it. Returns the cases taken (empty when nothing is
        left for this worker). The caller commits.

        Raises :class:`psycopg2.errors.SerializationFailure` when another worker committed
        a chunk or cases this transaction still sees as waiting: retry in a new transaction.
        """
        self = self.sudo()
        with self.env.cr.savepoint():
            chunk = self._next_chunk()
        if chunk:
            return self._escalate_chunk(today, *chunk)
        if self._chunks_left():
            # Other workers are on the last chunks: the cases of those debtors are theirs.
            return self.browse()
        with self.env.cr.savepoint():
            batch = self._next_batch(today, batch_size)
        if batch:
            self._escalate_batch(batch, today)
        return batch

    @api.model
    def _next_chunk(self):
        """(company id, debtor ids) of the next chunk listed by the daily cron, or None.

        The chunk is deleted in this transaction, skipping those other workers hold: committed
        with the work done on it, or back in the list with a rollback.
        """
        self.env.cr.execute(
            SQL(
                """
                DELETE FROM %(table)s WHERE id = (
                    SELECT id FROM %(table)s ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED
                )
             RETURNING company_id, partner_ids
                """,
                table=SQL.identifier(self.env["debt.recovery.escalation.chunk"]._table),
            ),
            # A serialization failure is an expected outcome, handled by the workers.
            log_exceptions=False,
        )
        return self.env.cr.fetchone()

    @api.model
    def _refresh_statistics(self):
        """Analyze the tables the escalation fills when they changed more than their size since
        PostgreSQL last looked at them (a first run on a large database fills them from nothing).

        The planner picks index lookups for a chunk's cases and invoices from those figures;
        with the figures of an empty table it scans whole tables instead, for every chunk.
        Autovacuum would analyze them within a minute or so; the workers do it at once, in a
        transaction of their own (committed at once, so that no lock is held), one worker at a
        time.
        """
        self.env.cr.execute(
            SQL(
                """
                SELECT relname FROM pg_stat_user_tables
                 WHERE relname IN %s AND n_mod_since_analyze > GREATEST(%s, n_live_tup)
                """,
                GROWING_TABLES,
                STATISTICS_MIN_ROWS,
            )
        )
        stale = [row[0] for row in self.env.cr.fetchall()]
        if not stale:
            return
        with self.env.registry.cursor() as cr:
            cr.execute(SQL("SELECT pg_try_advisory_xact_lock(%s)", STATISTICS_LOCK_KEY))
            if cr.fetchone()[0]:
                for table in stale:
                    cr.execute(SQL("ANALYZE %s", SQL.identifier(table)))

    @api.model
    def _chunks_left(self):
        """The number of chunks not taken yet or in a worker's hands."""
        return self.env["debt.recovery.escalation.chunk"].search_count([])

    @api.model
    def _escalate_chunk(self, today, company_id, partner_ids):
        """Synchronise a chunk's debtors, then escalate their pending cases with the invoice
        rows of that synchronisation (read once); returns the chunk's cases.

        No claim is needed: the debtors are this worker's as long as it holds the chunk, and
        the escalation marks each case taken (``escalated_on``, ``last_run_date``) with the
        rest of its values, in the same transaction as the chunk's deletion."""
        self._refresh_statistics()
        rows = self._sync_cases(today, [company_id], partner_ids)
        rows = self._apply_legal_holds(today, rows)
        self._send_preventive_reminders(today, company_id, partner_ids)
        cases = self.search([("company_id", "=", company_id), ("partner_id", "in", partner_ids)])
        pending = self._pending_among(today, cases)
        if pending:
            self._escalate_batch(pending, today, context=rows)
        return cases

    @api.model
    def _cron_escalate_worker(self, batch_size=DEFAULT_BATCH_SIZE):
        """Worker cron: one batch per call, progress reported (the runner commits and calls
        again while cases remain)."""
        # Reached by the worker crons: the escalation works on every company.
        self = self.sudo()
        today = fields.Date.context_today(self)
        Cron = self.env["ir.cron"]
        try:
            batch = self._escalate_next_batch(today, batch_size)
        except psycopg2.errors.SerializationFailure:
            _logger.info("Debt recovery: cases taken by another worker meanwhile, run again")
            cron = Cron.browse(self.env.context.get("cron_id")).exists()
            if cron:
                cron._trigger()
            return
        remaining = self._count_pending(today) + self._chunks_left() if batch else 0
        Cron._notify_progress(done=len(batch), remaining=remaining)
