# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Data of reminder letters and formal notices, prepared in bulk for the QWeb templates.

Wording: the letter kind and tone come from the level's stage:

* ``preventive``: courteous reminder before the due date;
* ``amicable``: first amicable level of the policy (lowest sequence) -> ``amicable`` tone;
  any later amicable level (second reminder, letter...) -> ``firm`` tone;
* ``formal_notice``, ``pre_litigation``, ``litigation`` -> the formal notice (mise en demeure).

Every query is made for the whole batch of letters: moves, penalties (once per letter date),
unapplied credits (one SQL query), bank accounts and payment providers (once per company).
"""

from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models

from odoo.addons.debt_recovery.engine.ladder import FORMAL_STAGES


class DebtRecoveryLetter(models.AbstractModel):
    _name = "debt.recovery.letter"
    _description = "Debt Recovery Letter Data"

    # ------------------------------------------------------------------ shared look-ups
    @api.model
    def _letter_kind(self, level):
        """('reminder' | 'formal_notice', tone) of a letter at ``level``."""
        stage = level.stage or "amicable"
        if stage in FORMAL_STAGES:
            return "formal_notice", stage
        if stage == "preventive":
            return "reminder", "preventive"
        amicable = level.policy_id.level_ids.filtered(lambda lv: lv.stage == "amicable")
        first = amicable.sorted(lambda lv: (lv.sequence, lv.delay_days, lv.id))[:1]
        return "reminder", "amicable" if not first or first == level else "firm"

    @api.model
    def _credit_lines(self, partner_ids, company_ids):
        """{(commercial partner, company): [credit dicts]}: open credit notes and payments."""
        result = defaultdict(list)
        if not partner_ids:
            return result
        self.env.flush_all()
        lines = self.env["account.move.line"]
        for credit in lines._debt_recovery_credit_lines(company_ids, partner_ids):
            result[(credit["partner_id"], credit["company_id"])].append(
                {
                    "name": credit["name"],
                    "kind": "credit_note" if credit["move_type"] == "out_refund" else "payment",
                    "date": credit["date"],
                    "amount": credit["amount"],
                }
            )
        return result

    @api.model
    def _company_payment_info(self, companies):
        """{company_id: {'bank': res.partner.bank, 'portal': bool}} in a few queries."""
        info = {}
        providers = set()
        # ``companies`` are those of letters whose records the caller read. Superuser to count
        # their enabled payment providers and find their bank journals: configuration that
        # recovery users cannot read, of which only a bank account and a yes/no are printed.
        if "payment.provider" in self.env:
            groups = (
                self.env["payment.provider"]
                .sudo()
                ._read_group(
                    [("state", "in", ("enabled", "test")), ("company_id", "in", companies.ids)],
                    ["company_id"],
                    ["__count"],
                )
            )
            providers = {company.id for company, _count in groups}
        # Same reason: the companies' bank journals, for the account printed on the letter.
        journals = (
            self.env["account.journal"]
            .sudo()
            .search(
                [
                    ("type", "=", "bank"),
                    ("company_id", "in", companies.ids),
                    ("bank_account_id", "!=", False),
                ]
            )
        )
        for company in companies:
            bank = company.partner_id.bank_ids[:1]
            if not bank:
                bank = journals.filtered(lambda j, c=company: j.company_id == c)[:1].bank_account_id
            info[company.id] = {"bank": bank, "portal": company.id in providers}
        return info

    @api.model
    def _invoice_line(self, move, residual, days_late, interest, indemnity, periods, url):
        return {
            "move": move,
            "number": move.name,
            "invoice_date": move.invoice_date,
            "due_date": move.invoice_date_due,
            "amount_total": move.amount_total_signed,
            "residual": residual,
            "days_late": days_late,
            "interest": interest,
            "indemnity": indemnity,
            "periods": periods,
            "payment_reference": move.payment_reference or move.name,
            "url": url,
            "reason": move.debt_recovery_exclusion_reason,
        }

    @api.model
    def _portal_urls(self, moves, payment_info):
        """{move_id: url} to pay online, only for companies with a payment provider."""
        moves = moves.filtered(lambda m: payment_info[m.company_id.id]["portal"])
        if not moves:
            return {}
        base_url = moves[:1].get_base_url()
        return {move.id: base_url + move.get_portal_url() for move in moves}

    # ------------------------------------------------------------------ letter assembly
    @api.model
    def _assemble(self, record, partner, company, level, date, lines, excluded, user, fee):
        kind, tone = self._letter_kind(level)
        return {
            "record": record,
            "partner": partner,
            "company": company,
            "currency": company.currency_id,
            "lang": partner.lang or self.env.lang,
            "level": level,
            "kind": kind,
            "tone": tone,
            "registered": level.registered_letter
            or getattr(record, "channel", False) == "registered_letter",
            "debtor_type": partner.debt_recovery_debtor_type or "professional",
            "policy": level.policy_id or company.debt_recovery_policy_id,
            "date": date,
            "deadline": date + timedelta(days=level.response_days if level else 8),
            "lines": lines,
            "excluded_lines": excluded,
            "user": user,
            "fee": fee,
            "signatory": getattr(record, "signatory_id", False)
            or (level.policy_id or company.debt_recovery_policy_id).signatory_id,
        }

    @api.model
    def _finish(self, letters):
        """Credits, totals and payment information of assembled letters (bulk)."""
        partners = self.env["res.partner"].concat(*(let["partner"] for let in letters))
        companies = self.env["res.company"].concat(*(let["company"] for let in letters))
        credits = self._credit_lines(partners.ids, companies.ids)
        payment_info = self._company_payment_info(companies)
        self._add_penalty_terms(letters)
        for letter in letters:
            company = letter["company"]
            currency = letter["currency"]
            letter["credits"] = credits.get((letter["partner"].id, company.id), [])
            total_invoices = sum(line["residual"] for line in letter["lines"])
            total_credits = sum(credit["amount"] for credit in letter["credits"])
            interest = sum(line["interest"] for line in letter["lines"])
            indemnity = sum(line["indemnity"] for line in letter["lines"])
            letter["interest_periods"] = [
                (line, period) for line in letter["lines"] for period in line["periods"]
            ]
            letter.update(
                total_invoices=currency.round(total_invoices),
                total_credits=currency.round(total_credits),
                total_due=currency.round(max(0.0, total_invoices - total_credits)),
                interest=currency.round(interest),
                indemnity=currency.round(indemnity),
                total_excluded=currency.round(
                    sum(line["residual"] for line in letter["excluded_lines"])
                ),
            )
            letter["total_claimed"] = currency.round(
                letter["total_due"] + letter["interest"] + letter["indemnity"] + letter["fee"]
            )
            letter["bank"] = payment_info[company.id]["bank"]
            letter["portal"] = payment_info[company.id]["portal"]
            letter["portal_url"] = False
        moves = self.env["account.move"].concat(
            *(line["move"] for let in letters for line in let["lines"])
        )
        urls = self._portal_urls(moves, payment_info)
        for letter in letters:
            for line in letter["lines"]:
                line["url"] = urls.get(line["move"].id)
            letter["portal_url"] = any(line["url"] for line in letter["lines"])
        return letters

    @api.model
    def _add_penalty_terms(self, letters):
        """The sentences on interest, indemnity, costs and mediation of each letter, in its
        language (``debt.recovery.policy._penalty_terms``), rates read once per company and
        each distinct wording built once."""
        rates, built = {}, {}
        for letter in letters:
            policy = letter["policy"]
            if not policy:
                letter["terms"] = self.env["debt.recovery.policy"]._no_penalty_terms()
                continue
            invoices, first_receipt = self._terms_dates(letter, policy)
            court = letter["partner"]._debt_recovery_court()
            key = (
                policy.id,
                letter["debtor_type"],
                court,
                first_receipt,
                letter["date"],
                letter["lang"],
                letter["kind"],
                invoices,
            )
            if key not in built:
                if policy.company_id.id not in rates:
                    rates[policy.company_id.id] = policy._penalty_rates()
                built[key] = policy.with_context(lang=letter["lang"])._penalty_terms(
                    letter["debtor_type"],
                    letter["date"],
                    formal_notice=letter["kind"] == "formal_notice",
                    rates=rates[policy.company_id.id],
                    invoices=invoices,
                    court=court,
                    first_receipt=first_receipt,
                )
            letter["terms"] = built[key]

    @api.model
    def _terms_dates(self, letter, policy):
        """(invoices, first receipt) of a letter's penalty sentences: for a public body, each
        claimed invoice with the end of its legal payment period after receipt (its sentence
        states each one's rate); for a consumer's formal notice, the day the first notice on
        these invoices was received (a later notice names it)."""
        moves = self.env["account.move"].concat(*(ln["move"] for ln in letter["lines"]))
        invoices, first_receipt = (), None
        if letter["debtor_type"] == "public":
            legal = moves._debt_recovery_public_due_dates(policy.postal_delay_days)
            invoices = tuple(
                (line["number"], legal.get(line["move"].id, line["due_date"]))
                for line in letter["lines"]
            )
        if letter["debtor_type"] == "consumer" and letter["kind"] == "formal_notice":
            first_receipt = moves._debt_recovery_first_notice_receipt(
                letter["date"], policy.postal_delay_days
            )
        return invoices, first_receipt

    @api.model
    def _expected_receipt(self, letter, sent_day=None, receipt_day=None):
        """When the debtor should receive a letter: the recorded first presentation, else the
        day it was sent (the letter date when not sent yet) plus the policy's postal delay."""
        if receipt_day:
            return receipt_day
        delay = letter["policy"].postal_delay_days if letter["policy"] else 0
        return (sent_day or letter["date"]) + timedelta(days=delay)

    @api.model
    def _periods_by_date(self, moves_by_date):
        """{(move_id, date): penalties} with one penalty computation per distinct date."""
        result = {}
        for at_date, moves in moves_by_date.items():
            for move_id, values in moves._debt_recovery_penalties(at_date).items():
                result[(move_id, at_date)] = values
        return result

    @api.model
    def _from_communications(self, comms):
        """Letters of communications, from their invoice snapshot (the amounts on record)."""
        comms = comms.with_prefetch(comms.ids)
        lines = comms.line_ids
        moves_by_date = defaultdict(lambda: self.env["account.move"])
        for comm in comms:
            moves_by_date[comm.date] |= comm.line_ids.invoice_id
        penalties = self._periods_by_date(moves_by_date)
        letters = []
        lines.invoice_id.mapped("name")  # prefetch the moves of the whole batch
        for comm in comms:
            claimed, held = [], []
            for snap in comm.line_ids.sorted(lambda s: (s.due_date or fields.Date.today(), s.id)):
                values = penalties.get((snap.invoice_id.id, comm.date), {})
                line = self._invoice_line(
                    snap.invoice_id,
                    snap.amount_residual,
                    snap.days_late,
                    snap.interest_amount,
                    snap.indemnity_amount,
                    [] if snap.excluded else values.get("periods", []),
                    False,
                )
                line["reason"] = snap.exclusion_reason
                (held if snap.excluded else claimed).append(line)
            level = comm.level_id
            letter = self._assemble(
                comm,
                comm.partner_id.commercial_partner_id,
                comm.company_id,
                level,
                comm.date,
                claimed,
                held,
                comm.case_id.user_id or comm.user_id,
                comm.fee_amount,
            )
            if letter["kind"] == "formal_notice" and comm.channel != "email":
                # The debtor has the level's delay from the day the letter reaches them.
                receipt = self._expected_receipt(
                    letter,
                    comm.sent_date and comm.sent_date.date(),
                    comm.receipt_date,
                )
                letter["deadline"] = receipt + timedelta(days=level.response_days)
            elif comm.response_date:
                letter["deadline"] = comm.response_date
            if letter["kind"] == "formal_notice" and comm.state != "done":
                comm.company_id._debt_recovery_check_mentions("formal_notice", comm.partner_id)
            letter["reference"] = f"{comm.id:06d}"
            letters.append(letter)
        return self._finish(letters)

    @api.model
    def _from_cases(self, cases, at_date=None):
        """Letters of cases as of ``at_date`` (today): their overdue invoices, live."""
        at_date = at_date or fields.Date.context_today(self)
        moves = self.env["account.move"].search(
            cases._overdue_invoice_domain(cases.partner_id.ids, cases.company_id.ids, at_date, 0),
            order="invoice_date_due, id",
        )
        penalties = moves._debt_recovery_penalties(at_date)
        by_key = defaultdict(list)
        for move in moves:
            by_key[(move.commercial_partner_id.id, move.company_id.id)].append(move)
        letters = []
        for case in cases:
            claimed, held = [], []
            for move in by_key[(case.partner_id.id, case.company_id.id)]:
                values = penalties[move.id]
                excluded = move.debt_recovery_excluded
                line = self._invoice_line(
                    move,
                    move.amount_residual_signed,
                    (at_date - move.invoice_date_due).days,
                    0.0 if excluded else values["interest"],
                    0.0 if excluded else values["indemnity"],
                    [] if excluded else values["periods"],
                    False,
                )
                (held if excluded else claimed).append(line)
            level = case.level_id
            if not level:
                level = case.policy_id.level_ids.filtered(lambda lv: lv.stage == "amicable")[:1]
            letter = self._assemble(
                case,
                case.partner_id.commercial_partner_id,
                case.company_id,
                level,
                at_date,
                claimed,
                held,
                case.user_id,
                0.0,
            )
            if letter["kind"] == "formal_notice":
                case.company_id._debt_recovery_check_mentions("formal_notice", case.partner_id)
                letter["deadline"] = self._expected_receipt(letter) + timedelta(
                    days=level.response_days
                )
            letter["reference"] = f"C{case.id:05d}"
            letters.append(letter)
        return self._finish(letters)
