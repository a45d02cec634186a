#!/usr/bin/env python3
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Benchmark of OCA's credit control run against the daily escalation, on the same data.

N debtors and M invoices overdue 1 to 90 days are inserted with set-based SQL (``build`` of
``bench_parallel_escalation.py``: the data of the escalation benchmark), each invoice with its
journal items (a receivable line and an income line, cloned from a posted template invoice), as
OCA's ``account_credit_control`` works on receivable journal items. Then, from the same data:

- OCA: a credit control policy with the levels of the benchmark ladder (same delays, computed
  from the due date, letter channel, no email) on the receivable account, the company's default
  policy; a credit control run for the day is created and its lines generated
  (``generate_credit_lines``, the run's button);
- ours: the daily escalation (``_cron_escalate_at``), after rolling back to the data.

Prints ``BENCH oca ...`` and ``BENCH ours ...`` lines (seconds, queries, what was created).
Everything is ROLLED BACK at the end.

OCA's module is not part of this repository (AGPL-3, kept outside it). Export it from
OCA/credit-control into a folder of its own and install it in a copy of the benchmark
database::

    git clone https://github.com/OCA/credit-control /tmp/credit-control
    mkdir -p /opt/oca-credit-control
    git -C /tmp/credit-control archive origin/18.0 account_credit_control \
        | tar -x -C /opt/oca-credit-control
    createdb -T debt_recovery_bench debt_recovery_oca_bench
    odoo-bin -c .odoo.conf -d debt_recovery_oca_bench --without-demo=all --stop-after-init \
        --addons-path=<addons path of .odoo.conf>,/opt/oca-credit-control -i account_credit_control

Where the 18.0 branch has no ``account_credit_control`` yet, take the 17.0 version (pull
request 369, ``git fetch origin pull/369/head``) and adapt its views to 18.0: ``<tree>`` to
``<list>`` and ``tree`` to ``list`` in the view modes, ``group_operator`` to ``aggregator``, no XML
declaration in ``static/description/index.html``; its credit control run is unchanged.

Usage (``BENCH_SIZES`` as ``N:M,N:M``, default ``1000:5000``; ``--only ours`` or ``--only oca``
runs one side)::

    BENCH_SIZES=1000:5000,10000:50000 .venv/bin/python \
        tests/benchmarks/bench_oca_credit_control.py -c .odoo.conf -d debt_recovery_oca_bench \
        --oca-path /opt/oca-credit-control

Figures (2 cores shared with other work, so indicative; OCA's 17.0.1.0.0, commit 0f81402,
adapted as above), first run of the day on fresh data, same data on both sides:

- 1000 debtors / 5000 invoices: OCA 5.8 to 7.3 s, 5080 queries, 4889 credit lines (all at the
  first level) and as many messages logged on them; ours 0.57 s, 88 queries, 1000 cases
  escalated.
- 10,000 debtors / 50,000 invoices: OCA 71.3 to 78.0 s, 50,456 queries, 48,889 credit lines and
  messages; ours 5.9 s, 346 queries, 10,000 cases.
- Larger databases: ``bench_parallel_escalation.py`` (ours in parallel workers).

OCA's run makes one credit line per overdue journal item (not per debtor), with one query per
item (its earlier draft lines at the level) and a creation message logged on each line; its
letters are then printed from the lines in a separate step.
"""

import os
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))

from bench_parallel_escalation import TODAY, bench_parser, build, parse_bench_args

OCA_MODULE = "account_credit_control"


def load_registry(config, database, oca_path):
    """The registry of ``database``, with OCA's folder added to the addons path."""
    import odoo

    odoo.tools.config.parse_config(["-c", config, "--log-level=warn"])
    paths = [p for p in odoo.tools.config["addons_path"].split(",") if p]
    if oca_path not in paths:
        odoo.tools.config["addons_path"] = ",".join([*paths, oca_path])
    return odoo, odoo.modules.registry.Registry(database)


def template_invoice(env):
    """The posted invoice ``build`` cloned the bench invoices from."""
    return env["account.move"].search(
        [
            ("partner_id", "=", env.company.partner_id.id),
            ("move_type", "=", "out_invoice"),
            ("state", "=", "posted"),
            ("invoice_line_ids.name", "=", "Bench"),
        ],
        order="id desc",
        limit=1,
    )


def add_journal_items(env, template):
    """Each bench invoice gets the template's journal items, scaled to its amount: a receivable
    line due on the invoice's due date and an income line."""
    from odoo.tools import SQL

    env.cr.execute(
        SQL(
            """
            INSERT INTO account_move_line (move_id, journal_id, company_id, company_currency_id,
                   currency_id, account_id, partner_id, name, display_type, date, invoice_date,
                   parent_state, move_name, sequence, debit, credit, balance, amount_currency,
                   amount_residual, amount_residual_currency, price_unit, price_subtotal,
                   price_total, quantity, reconciled, date_maturity, tax_tag_invert,
                   create_date, write_date)
            SELECT m.id, m.journal_id, m.company_id, l.company_currency_id, l.currency_id,
                   l.account_id, m.partner_id, l.name, l.display_type, m.date, m.invoice_date,
                   'posted', m.name, l.sequence, l.debit * k, l.credit * k, l.balance * k,
                   l.amount_currency * k, l.amount_residual * k, l.amount_residual_currency * k,
                   l.price_unit * k, l.price_subtotal * k, l.price_total * k, l.quantity,
                   l.reconciled, CASE WHEN l.date_maturity IS NOT NULL THEN m.invoice_date_due END,
                   l.tax_tag_invert, now(), now()
              FROM account_move m
              JOIN account_move_line l ON l.move_id = %(template)s
              JOIN LATERAL (SELECT m.amount_total / %(total)s AS k) f ON TRUE
             WHERE m.name LIKE %(pattern)s
            """,
            template=template.id,
            total=template.amount_total,
            pattern="PAR/%",
        )
    )
    env.cr.execute("ANALYZE account_move_line")


def oca_policy(env, template):
    """OCA's policy with the levels of our ladder, the company's default policy."""
    from odoo import Command

    receivable = template.line_ids.account_id.filtered(
        lambda a: a.account_type == "asset_receivable"
    )
    mail_template = env.ref(f"{OCA_MODULE}.email_template_credit_control_base")
    ladder = env.company.debt_recovery_policy_id.level_ids.sorted("delay_days")
    policy = env["credit.control.policy"].create(
        {
            "name": "Benchmark ladder",
            "company_id": env.company.id,
            "account_ids": [Command.set(receivable.ids)],
            "level_ids": [
                Command.create(
                    {
                        "name": level.name,
                        "level": rank,
                        "computation_mode": "net_days",
                        "delay_days": level.delay_days,
                        "channel": "letter",
                        "email_template_id": mail_template.id,
                        "custom_text": level.name,
                        "custom_mail_text": f"<p>{level.name}</p>",
                    }
                )
                for rank, level in enumerate(ladder, start=1)
            ],
        }
    )
    env.company.credit_policy_id = policy
    return policy


def measure(env, function):
    env.flush_all()
    env.invalidate_all()
    queries = env.cr.sql_log_count
    start = time.perf_counter()
    result = function()
    env.flush_all()
    return time.perf_counter() - start, env.cr.sql_log_count - queries, result


def run_oca(env, policy, label):
    from odoo import Command

    def credit_control_run():
        run = env["credit.control.run"].create(
            {"date": TODAY, "company_id": env.company.id, "policy_ids": [Command.set(policy.ids)]}
        )
        run.generate_credit_lines()
        return run

    messages = env["mail.message"].search_count([("model", "=", "credit.control.line")])
    seconds, queries, run = measure(env, credit_control_run)
    messages = env["mail.message"].search_count([("model", "=", "credit.control.line")]) - messages
    per_level = ", ".join(
        f"{level.name} {len(run.line_ids.filtered(lambda ln, lv=level: ln.policy_level_id == lv))}"
        for level in policy.level_ids
    )
    print(
        f"BENCH oca {label}: {seconds:.2f} s, {queries} queries, "
        f"{len(run.line_ids)} credit lines ({per_level}), {messages} messages on them",
        flush=True,
    )
    return seconds


def run_ours(env, label):
    Case = env["debt.recovery.case"]
    seconds, queries, _ = measure(env, lambda: Case._cron_escalate_at(TODAY))
    cases = Case.search_count([("partner_id.name", "like", "Parallel ")])
    comms = env["debt.recovery.communication"].search_count([("date", "=", TODAY)])
    print(
        f"BENCH ours {label}: {seconds:.2f} s, {queries} queries, {cases} cases, "
        f"{comms} communications",
        flush=True,
    )
    return seconds


def bench_size(env, n_partners, m_invoices, only):
    cr = env.cr
    start = time.perf_counter()
    build(env, n_partners, m_invoices)
    template = template_invoice(env)
    add_journal_items(env, template)
    policy = oca_policy(env, template)
    env.flush_all()
    label = f"N={n_partners} M={m_invoices}"
    print(f"BENCH data {label}: {time.perf_counter() - start:.1f} s", flush=True)
    try:
        if only in ("both", "oca"):
            cr.execute("SAVEPOINT bench_same_data")
            run_oca(env, policy, label)
            cr.execute("ROLLBACK TO SAVEPOINT bench_same_data")
            env.transaction.clear()
        if only in ("both", "ours"):
            run_ours(env, label)
    finally:
        cr.rollback()
        env.transaction.clear()


def main():
    parser = bench_parser(__doc__)
    parser.add_argument(
        "--oca-path",
        default=os.environ.get("OCA_CREDIT_CONTROL_PATH", "/opt/oca-credit-control"),
        help="folder holding OCA's account_credit_control",
    )
    parser.add_argument("--only", choices=("both", "oca", "ours"), default="both")
    args = parse_bench_args(parser)
    oca_path = os.path.abspath(args.oca_path)
    if not os.path.isdir(os.path.join(oca_path, OCA_MODULE)):
        raise SystemExit(f"{OCA_MODULE} not found in {oca_path} (see --oca-path).")
    odoo, registry = load_registry(args.config, args.database, oca_path)
    sizes = os.environ.get("BENCH_SIZES", "1000:5000")
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        installed = env["ir.module.module"].search_count(
            [("name", "=", OCA_MODULE), ("state", "=", "installed")]
        )
        if not installed or "credit.control.run" not in env:
            raise SystemExit(
                f"{OCA_MODULE} is not installed in {args.database}: install it first "
                "(odoo-bin ... --addons-path=<addons path>,<oca path> -i account_credit_control)."
            )
        for spec in sizes.split(","):
            n, m = (int(x) for x in spec.split(":"))
            bench_size(env, n, m, args.only)
        cr.rollback()


if __name__ == "__main__":
    main()
