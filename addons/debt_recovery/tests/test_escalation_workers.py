# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

import psycopg2.errors
from freezegun import freeze_time

from odoo import SUPERUSER_ID, api
from odoo.tests import tagged

from .common import DebtRecoveryCommon

DAY = date(2026, 3, 4)


class Killed(Exception):
    """A worker dying in the middle of a batch."""


@tagged("post_install", "-at_install")
class TestEscalationWorkers(DebtRecoveryCommon):
    """The daily escalation split over parallel worker crons."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.daily = cls.env.ref("debt_recovery.ir_cron_debt_recovery_escalate")
        cls.partners = cls.env["res.partner"].create(
            [
                {
                    "name": f"Worker debtor {i}",
                    "is_company": True,
                    "debt_recovery_debtor_type": "professional",
                }
                for i in range(5)
            ]
        )
        for partner in cls.partners:
            cls._invoice(partner, 100.0, "2026-03-01")

    def _cron_env(self, cron):
        progress = self.env["ir.cron.progress"].create({"cron_id": cron.id})
        Case = self.env["debt.recovery.case"].with_context(
            ir_cron_progress_id=progress.id, cron_id=cron.id
        )
        return Case, progress

    def _plan_day(self):
        """The daily cron, as the runner calls it: lists the debtors, triggers the workers."""
        Case, progress = self._cron_env(self.daily)
        Case._cron_escalate_at(DAY)
        return progress

    def _prepare_day(self):
        """Every debtor synchronised in one go (as without workers): the cases are there."""
        self.env["debt.recovery.case"].sudo()._prepare_day(DAY)

    def _run_worker(self, calls):
        """(done, remaining) of ``calls`` successive calls of the first worker cron, as the
        runner makes them (batches of 2 cases)."""
        worker = self.env.ref("debt_recovery.ir_cron_debt_recovery_escalate_worker_1")
        done = []
        with freeze_time(DAY):
            for _call in range(calls):
                Case, progress = self._cron_env(worker)
                Case._cron_escalate_worker(batch_size=2)
                done.append((progress.done, progress.remaining))
        return done

    def _our_chunks(self, *groups):
        """The listed debtors replaced by ``groups`` of this test's debtors (the daily job's
        records: the system writes them)."""
        Chunk = self.env["debt.recovery.escalation.chunk"].sudo()
        Chunk.search([]).unlink()
        return Chunk.create(
            [
                {"date": DAY, "company_id": self.env.company.id, "partner_ids": group.ids}
                for group in groups
            ]
        )

    def _cases(self):
        return self.env["debt.recovery.case"].search([("partner_id", "in", self.partners.ids)])

    def test_daily_cron_lists_the_debtors_and_triggers_the_workers(self):
        Trigger = self.env["ir.cron.trigger"]
        before = Trigger.search([])
        progress = self._plan_day()
        chunks = self.env["debt.recovery.escalation.chunk"].search([])
        listed = [partner for chunk in chunks for partner in chunk.partner_ids]
        self.assertLessEqual(set(self.partners.ids), set(listed))
        self.assertEqual(len(listed), len(set(listed)), "each debtor in one chunk")
        self.assertFalse(self._cases(), "the synchronisation is left to the workers")
        self.assertEqual((progress.done, progress.remaining), (len(listed), 0))
        workers = self.env["debt.recovery.case"]._escalation_worker_crons()
        self.assertEqual(len(workers), 2, "two workers by default")
        self.assertEqual(set(workers.mapped("code")), {"model._cron_escalate_worker()"})
        self.assertEqual((Trigger.search([]) - before).cron_id, workers)
        self._plan_day()
        self.assertEqual(
            len(self.env["debt.recovery.escalation.chunk"].search([])),
            len(chunks),
            "the next day's list replaces what is left",
        )

    def test_worker_takes_the_chunks_then_the_pending_cases(self):
        """Each chunk: its debtors' cases synchronised and escalated in one call, the
        invoices read once; then the pending cases, batch by batch."""
        self._our_chunks(self.partners[:3], self.partners[3:])
        self.assertEqual(self._run_worker(3), [(3, 1), (2, 0), (0, 0)])
        cases = self._cases()
        self.assertEqual(len(cases), 5, "the workers created the cases")
        self.assertEqual(set(cases.mapped("level_id.name")), {"First reminder"})
        self.assertEqual(len(cases.communication_ids), 5)
        self.assertEqual(set(cases.mapped("escalated_on")), {DAY})
        self.assertFalse(self.env["debt.recovery.escalation.chunk"].search([]))

    def test_chunk_rolled_back_comes_back(self):
        """A worker killed mid-chunk loses nothing (the chunk is listed again) and doubles
        nothing (the next worker does it once)."""
        chunk = self._our_chunks(self.partners)
        Case = self.env["debt.recovery.case"]
        with self.assertRaises(Killed), self.env.cr.savepoint():
            cases = Case._escalate_next_batch(DAY)
            self.assertEqual(len(cases.communication_ids), 5)
            self.assertFalse(chunk.exists())
            raise Killed
        self.env.invalidate_all()
        self.assertTrue(chunk.exists())
        self.assertFalse(self._cases())
        self.assertEqual(len(Case._escalate_next_batch(DAY)), 5)
        self.assertFalse(Case._escalate_next_batch(DAY), "nothing is taken twice the same day")
        self.assertEqual(len(self._cases().communication_ids), 5, "one letter per case")

    def test_more_workers_are_created_on_demand(self):
        settings = self.env["res.config.settings"].create({"debt_recovery_escalation_workers": 3})
        settings.execute()
        Trigger = self.env["ir.cron.trigger"]
        before = Trigger.search([])
        self._plan_day()
        triggered = (Trigger.search([]) - before).cron_id
        self.assertEqual(len(triggered), 3)
        first_two = self.env.ref("debt_recovery.ir_cron_debt_recovery_escalate_worker_1") | (
            self.env.ref("debt_recovery.ir_cron_debt_recovery_escalate_worker_2")
        )
        self.assertEqual((triggered - first_two).name, "Debt Recovery: escalation worker 3")
        self.assertEqual(len(self.env["debt.recovery.case"]._escalation_worker_crons()), 3)

    def test_worker_escalates_batch_by_batch_with_progress(self):
        self._prepare_day()
        self.assertEqual(self._run_worker(4), [(2, 3), (2, 1), (1, 0), (0, 0)])
        cases = self._cases()
        self.assertEqual(set(cases.mapped("level_id.name")), {"First reminder"})
        self.assertEqual(len(cases.communication_ids), 5)
        self.assertEqual(set(cases.mapped("escalated_on")), {DAY})

    def test_batch_rolled_back_leaves_its_cases_pending(self):
        """A worker killed mid-batch loses nothing (its cases stay pending) and doubles
        nothing (the next run escalates each case once)."""
        self._prepare_day()
        Case = self.env["debt.recovery.case"]
        with self.assertRaises(Killed), self.env.cr.savepoint():
            batch = Case._escalate_next_batch(DAY, batch_size=3)
            self.assertEqual(len(batch), 3)
            self.assertEqual(len(batch.communication_ids), 3)
            raise Killed
        self.env.invalidate_all()
        cases = self._cases()
        self.assertEqual(Case._count_pending(DAY), 5)
        self.assertFalse(cases.communication_ids)
        self.assertFalse(any(cases.mapped("escalated_on")))
        batches = []
        while batch := Case._escalate_next_batch(DAY, batch_size=3):
            batches.append(batch)
        self.assertEqual([len(b) for b in batches], [3, 2])
        self.assertEqual(len(cases.communication_ids), 5)
        self.assertEqual(len(cases.communication_ids.case_id), 5, "one letter per case")
        self.assertFalse(Case._escalate_next_batch(DAY), "nothing is taken twice the same day")

    def test_reopened_case_is_pending_again(self):
        self._prepare_day()
        Case = self.env["debt.recovery.case"]
        while Case._escalate_next_batch(DAY):
            pass
        case = self._cases()[:1]
        self.assertEqual(case.escalated_on, DAY)
        self._pay(case.partner_id.invoice_ids, pay_date=DAY)
        case._sync_state()
        self.assertEqual(case.state, "closed")
        self._invoice(case.partner_id, 80.0, "2026-02-20")
        case._sync_state()
        self.assertEqual(case.state, "open")
        self.assertFalse(case.escalated_on, "a reopened case starts over")

    def test_day_prepared_by_chunks_of_debtors(self):
        """The preparation streams the debtors by chunks: the same cases as in one go, and a
        debtor paid up since (no open invoice left) has its case closed all the same."""
        Case = self.env["debt.recovery.case"].sudo()
        paid = self.partners[0]
        Case._sync_cases(DAY, partner_ids=paid.ids)
        self._pay(paid.invoice_ids, pay_date=DAY)
        chunks = list(Case._sync_chunks(2))
        ours = [
            (company, [p for p in partners if p in self.partners.ids])
            for company, partners in chunks
        ]
        self.assertTrue(all(len(partners) <= 2 for _company, partners in chunks))
        self.assertIn(paid.id, [p for _company, partners in ours for p in partners])
        synced = Case._prepare_day(DAY, chunk_size=2)
        self.assertGreaterEqual(synced, 5)
        cases = self._cases()
        self.assertEqual(len(cases), 5)
        self.assertEqual(cases.filtered(lambda c: c.partner_id == paid).state, "closed")
        self.assertEqual(
            set((cases - cases.filtered(lambda c: c.partner_id == paid)).mapped("state")), {"open"}
        )
        self.assertEqual(Case._count_pending(DAY), Case.search_count(Case._pending_domain(DAY)))
        self.assertTrue(Case._escalate_next_batch(DAY, batch_size=10))

    def test_claims_and_counts_take_what_the_pending_domain_says(self):
        """The claim reads the index of the first pending day; it takes exactly the cases of
        ``_pending_domain``, whatever the mix of run dates, in the order claimed."""
        self._prepare_day()
        cases = self._cases()
        before, after = date(2026, 3, 3), date(2026, 3, 5)
        dates = [
            {"escalated_on": False, "last_run_date": False, "next_action_date": False},
            {"escalated_on": before, "last_run_date": before, "next_action_date": DAY},
            {"escalated_on": DAY, "last_run_date": before, "next_action_date": before},
            {"escalated_on": before, "last_run_date": DAY, "next_action_date": False},
            {"escalated_on": False, "last_run_date": False, "next_action_date": after},
        ]
        for case, values in zip(cases, dates, strict=True):
            case.write(values)
        Case = self.env["debt.recovery.case"]
        pending = Case.search(Case._pending_domain(DAY) + [("id", "in", cases.ids)])
        self.assertEqual(pending, cases[:2], "never taken today, and taken yesterday, due today")
        narrowed = [("id", "in", cases.ids)]
        self.assertEqual(Case._next_batch(DAY, 10, narrowed), pending)
        self.assertFalse(Case._next_batch(DAY, 10, narrowed), "claimed cases are not pending")
        self.assertEqual(
            Case._count_pending(DAY), Case.search_count(Case._pending_domain(DAY)), "counted alike"
        )


@tagged("post_install", "-at_install")
class TestConcurrentClaims(DebtRecoveryCommon):
    """Claims on separate connections, as two servers' cron workers make them: the cases are
    committed first (and deleted at the end), since other connections only see committed
    rows."""

    def _commit_cases(self, count):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            partners = env["res.partner"].create(
                [
                    {
                        "name": f"Concurrent debtor {i}",
                        "is_company": True,
                        "debt_recovery_debtor_type": "professional",
                    }
                    for i in range(count)
                ]
            )
            cases = env["debt.recovery.case"].create(
                [{"partner_id": p.id, "company_id": env.company.id} for p in partners]
            )
            ids, partner_ids = cases.ids, partners.ids
        self.committed_ids = set(ids)
        self.addCleanup(self._delete_committed, ids, partner_ids)
        return ids

    def _delete_committed(self, case_ids, partner_ids):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["debt.recovery.case"].browse(case_ids).unlink()
            env["res.partner"].browse(partner_ids).unlink()

    def _claim(self, cr, size):
        """The claim of a worker, among the cases of this test only."""
        Case = api.Environment(cr, SUPERUSER_ID, {})["debt.recovery.case"]
        return set(Case._next_batch(DAY, size, [("id", "in", sorted(self.committed_ids))]).ids)

    def test_two_workers_claim_disjoint_batches(self):
        ids = set(self._commit_cases(6))
        with self.registry.cursor() as cr_a, self.registry.cursor() as cr_b:
            batch_a = self._claim(cr_a, 4)
            batch_b = self._claim(cr_b, 10)
            self.assertEqual(len(batch_a), 4)
            self.assertEqual(batch_b, ids - batch_a, "the other worker skips the locked cases")
            cr_b.commit()
            # Worker A dies: its claim is rolled back with its work.
            cr_a.rollback()
            self.assertEqual(self._claim(cr_a, 10), batch_a, "its cases are taken again")
            cr_a.commit()
            self.assertFalse(self._claim(cr_b, 10), "a committed claim is final")

    def test_claim_of_a_case_committed_meanwhile_fails_safely(self):
        """Under REPEATABLE READ, a case another worker committed after this transaction
        began is refused (serialization failure), never escalated twice."""
        ids = set(self._commit_cases(2))
        with self.registry.cursor() as cr_a, self.registry.cursor() as cr_b:
            cr_b.execute("SELECT 1")  # worker B's snapshot starts here
            self.assertEqual(self._claim(cr_a, 10), ids)
            cr_a.commit()
            with self.assertRaises(psycopg2.errors.SerializationFailure):
                self._claim(cr_b, 10)
            cr_b.rollback()
            self.assertFalse(self._claim(cr_b, 10))

    def test_worker_cron_retries_after_a_conflict(self):
        """The worker cron meets a case another worker committed meanwhile: it takes nothing,
        keeps its transaction usable and asks the runner for a new run."""
        self._commit_cases(2)
        worker = self.env.ref("debt_recovery.ir_cron_debt_recovery_escalate_worker_1")
        with self.registry.cursor() as cr_a, self.registry.cursor() as cr_b:
            cr_b.execute("SELECT 1")  # worker B's snapshot starts here
            self.assertTrue(self._claim(cr_a, 10))
            cr_a.commit()
            env_b = api.Environment(cr_b, SUPERUSER_ID, {"cron_id": worker.id})
            triggers = env_b["ir.cron.trigger"].search_count([("cron_id", "=", worker.id)])
            with freeze_time(DAY):
                env_b["debt.recovery.case"]._cron_escalate_worker()
            self.assertEqual(
                env_b["ir.cron.trigger"].search_count([("cron_id", "=", worker.id)]),
                triggers + 1,
            )
            cr_b.rollback()

    def test_chunks_in_other_hands_leave_nothing_to_claim(self):
        """While another worker holds the last chunk, a worker neither takes it nor claims
        cases (those debtors' cases are the other worker's): it stops."""
        ids = self._commit_cases(2)
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            partner_ids = env["debt.recovery.case"].browse(ids).partner_id.ids
            chunk = env["debt.recovery.escalation.chunk"].create(
                {"date": DAY, "company_id": env.company.id, "partner_ids": partner_ids}
            )
            chunk_id = chunk.id
        self.addCleanup(self._delete_chunk, chunk_id)
        with self.registry.cursor() as cr_a, self.registry.cursor() as cr_b:
            Case_a = api.Environment(cr_a, SUPERUSER_ID, {})["debt.recovery.case"]
            Case_b = api.Environment(cr_b, SUPERUSER_ID, {})["debt.recovery.case"]
            self.assertEqual(Case_a._next_chunk()[1], partner_ids)
            self.assertIsNone(Case_b._next_chunk(), "the chunk in worker A's hands is skipped")
            self.assertFalse(Case_b._escalate_next_batch(DAY))
            self.assertEqual(
                Case_b.search_count([("id", "in", ids), ("escalated_on", "=", DAY)]), 0
            )
            cr_a.rollback()
            self.assertEqual(Case_b._next_chunk()[1], partner_ids, "back after a rollback")
            cr_b.rollback()

    def _delete_chunk(self, chunk_id):
        with self.registry.cursor() as cr:
            api.Environment(cr, SUPERUSER_ID, {})["debt.recovery.escalation.chunk"].browse(
                chunk_id
            ).exists().unlink()
