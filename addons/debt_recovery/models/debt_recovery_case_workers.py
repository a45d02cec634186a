# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The daily escalation, in parallel in several cron workers.

Odoo runs one cron record in one worker at a time (the runner locks the cron's row), so the work
is split over several records:

* the daily cron (``ir_cron_debt_recovery_escalate``) prepares the day once: holds refreshed,
  cases synchronised with the open invoices, legal holds, preventive reminders (set-based, one
  transaction); then it triggers the escalation worker crons;
* each worker cron claims a batch of pending cases (``SELECT ... FOR NO KEY UPDATE SKIP LOCKED``,
  marked ``escalated_on`` in the same statement), escalates it and reports its progress: the
  runner commits and calls again while cases remain. Workers on every server of the database take
  disjoint batches; none holds a lock for the whole run.

A worker killed mid-batch rolls its transaction back, claim included: the cases stay pending and
the next claim takes them; a committed batch is never taken again the same day.
"""

import logging

import psycopg2.errors

from odoo import api, fields, models

from .debt_recovery_case import DEFAULT_BATCH_SIZE

_logger = logging.getLogger(__name__)

# Setting: number of worker crons the daily cron triggers (one per cron thread to use).
WORKERS_PARAM = "debt_recovery.escalation_workers"
DEFAULT_WORKERS = 2
WORKER_CODE = "model._cron_escalate_worker()"
FIRST_WORKER = "debt_recovery.ir_cron_debt_recovery_escalate_worker_1"


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
        """Claim the next batch of pending cases and escalate it; returns the batch (empty
        when nothing is left for this worker). The caller commits.

        Raises :class:`psycopg2.errors.SerializationFailure` when another worker committed
        cases this transaction still sees as pending: retry in a new transaction.
        """
        self = self.sudo()
        with self.env.cr.savepoint():
            batch = self._next_batch(today, batch_size)
        if batch:
            self._escalate_batch(batch, today)
        return batch

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
        remaining = self._count_pending(today) if batch else 0
        Cron._notify_progress(done=len(batch), remaining=remaining)
