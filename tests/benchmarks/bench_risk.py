"""Benchmark of the risk engine: the score against the simple rule, on generated worlds and on
a CSV of invoices.

Run as a plain script with the project's Python (no Odoo, no database)::

    .venv/bin/python tests/benchmarks/bench_risk.py            # the generated worlds
    .venv/bin/python tests/benchmarks/bench_risk.py data.csv   # a CSV of invoices as well
    .venv/bin/python tests/benchmarks/bench_risk.py --seed 2   # the worlds drawn with seed 2
    .venv/bin/python tests/benchmarks/bench_risk.py --timing   # fit time at 100,000 invoices
    .venv/bin/python tests/benchmarks/bench_risk.py --seeds 1-10   # each world ten times over

Worlds (two years and a half of invoices, about 10,000 invoices of 300 debtors):

- ``constant``: each debtor pays late at its own constant rate, nothing else matters;
- ``amount_terms``: lateness driven by the invoice's amount (against the debtor's usual one)
  and the payment terms, the same for every debtor;
- ``change``: each debtor's rate changes once, at a random date (behaviour change).

Protocol (month by month): the invoices of the last 12 months are predicted month by month,
each from what was known on its invoice date, by a fit made on the first day of its month (the
fit runs its own backtest and chooses model, rule or blend). Reported: AUC, Brier score and log
loss of the model alone, of the rule alone and of the score used (the choice), what the fits
chose, and the choice's reliability by decile with the two-standard-error check; on the
generated worlds, the same check of the world's true probabilities on the same invoices (what a
perfect score would get: ten deciles checked at 5 % each, it fails now and then too).

With ``--seeds``, each world is drawn once per seed and only a line per draw is printed, then a
summary per world: the mean AUC and Brier score of the model, the rule and the score used, and
how many draws pass each reliability check, the score used's against the true probabilities'
(how often a perfect score passes the same check on the same invoices).

CSV columns (a header line, dates as YYYY-MM-DD, paid date empty while open, disputed 0/1)::

    debtor,invoice_date,due_date,amount,paid_date,disputed
"""

import csv
import math
import os
import random
import sys
import time
from collections import Counter, defaultdict
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "engine"))
import conftest  # noqa: F401 - makes odoo.addons.debt_recovery importable

from odoo.addons.debt_recovery.engine import risk

START = date(2023, 1, 1)
DAYS = 900
LATE_DAYS = 0
MONTHS = 12


def _record(rng, debtor, day, terms, amount, late, end, disputed=False, scale=15):
    invoice_date = START + timedelta(days=day)
    due = invoice_date + timedelta(days=terms)
    delay = 1 + int(rng.expovariate(1.0 / scale)) if late else -rng.randrange(0, 15)
    paid = due + timedelta(days=delay)
    return risk.InvoiceRecord(
        debtor, invoice_date, due, round(amount, 2), paid if paid <= end else None, disputed
    )


def world(kind, debtors=300, invoices=10_000, seed=1, truth=None):
    """Invoices of one generated world (see the module's docstring); the data ends on ``end``.
    ``truth``: a dict that receives each invoice's true probability of being paid late."""
    rng = random.Random(seed)
    end = START + timedelta(days=DAYS)
    records = []
    for debtor in range(debtors):
        rate = rng.betavariate(1.2, 3.0)
        later = rng.betavariate(1.2, 3.0)
        switch = rng.randrange(DAYS // 4, DAYS)
        usual = math.exp(rng.gauss(7.0, 1.0))
        count = max(2, int(rng.expovariate(debtors / invoices)))
        for _ in range(count):
            day = rng.randrange(0, DAYS - 30)
            amount = usual * math.exp(rng.gauss(0.0, 0.7))
            terms = rng.choice((30, 45, 60))
            if kind == "constant":
                probability = rate
            elif kind == "amount_terms":
                logit = -1.2 + 1.0 * math.log(amount / usual) + 0.06 * (terms - 45)
                probability = 1.0 / (1.0 + math.exp(-logit))
            else:
                probability = rate if day < switch else later
            late = rng.random() < probability
            records.append(_record(rng, debtor, day, terms, amount, late, end))
            if truth is not None:
                truth[records[-1]] = probability
    records.sort(key=lambda record: record.invoice_date)
    return records, end


def designed(debtors=2000, invoices=100_000, seed=7):
    """A world with the effects the model was designed for (drifting debtors, disputes,
    amounts): 100,000 invoices over 3 years, for the fit time."""
    rng = random.Random(seed)
    days = 3 * 365
    end = START + timedelta(days=days + 120)
    records = []
    for debtor in range(debtors):
        level, drift = rng.gauss(-1.0, 1.3), rng.gauss(0.0, 0.12)
        usual, terms = math.exp(rng.gauss(7.0, 1.0)), rng.choice((30, 45, 60))
        for day in sorted(rng.randrange(0, days) for _ in range(invoices // debtors)):
            latent = level + drift * day / 30.0 + rng.gauss(0.0, 0.3)
            amount = usual * math.exp(rng.gauss(0.0, 0.6))
            disputed = rng.random() < 0.03
            logit = latent + 0.3 * math.log(amount / usual) + (1.5 if disputed else 0.0)
            late = rng.random() < 1.0 / (1.0 + math.exp(-logit))
            scale = 10 + 10 * max(latent, 0)
            records.append(_record(rng, debtor, day, terms, amount, late, end, disputed, scale))
    return records, end


def read_csv(path):
    """Invoices of a CSV file (see the module's docstring); the data ends on its last date."""

    def day(text):
        return date.fromisoformat(text.strip()) if text and text.strip() else None

    records = []
    with open(path, newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            row = {key.strip().lower().replace(" ", "_"): value for key, value in row.items()}
            records.append(
                risk.InvoiceRecord(
                    row["debtor"],
                    day(row["invoice_date"]),
                    day(row["due_date"]),
                    float(row["amount"]),
                    day(row.get("paid_date")),
                    (row.get("disputed") or "0").strip().lower() in ("1", "true", "yes", "y"),
                )
            )
    records.sort(key=lambda record: record.invoice_date)
    end = max(max(r.invoice_date, r.paid_date or r.invoice_date) for r in records)
    return records, end


def month_starts(end, months):
    """The first days of the last ``months`` months whose invoices have a known outcome."""
    last = end - timedelta(days=90)
    first = date(last.year, last.month, 1)
    starts = [first]
    for _ in range(months - 1):
        previous = starts[0] - timedelta(days=1)
        starts.insert(0, date(previous.year, previous.month, 1))
    return starts, date(last.year, last.month, 1) + timedelta(days=32)


def month_by_month(records, end, months=MONTHS):
    """Predictions of the invoices of the last months by fits made on each month's first day:
    (choice, model, rule) probabilities, labels, the choices made, the fit times, the last fit,
    and the debtors and invoices predicted."""
    starts, stop = month_starts(end, months)
    stop = date(stop.year, stop.month, 1)
    by_debtor = defaultdict(list)
    for record in records:
        by_debtor[record.debtor].append(record)
    out = {"choice": [], "model": [], "rule": []}
    labels, chosen, times, debtors, predicted = [], Counter(), [], [], []
    for index, start in enumerate(starts):
        finish = starts[index + 1] if index + 1 < len(starts) else stop
        began = time.perf_counter()
        fitted = risk.fit(records, start, LATE_DAYS)
        times.append(time.perf_counter() - began)
        chosen[describe(fitted)] += 1
        alone = replace(fitted, late=replace(fitted.late, weight=1.0, calibration=(1.0, 0.0)))
        for record in records:
            if not start <= record.invoice_date < finish:
                continue
            outcome = risk.label(record, end, LATE_DAYS)
            if outcome is None:
                continue
            invoice = replace(record, paid_date=None)
            history = by_debtor[record.debtor]
            prediction = fitted.predict(invoice, history, record.invoice_date)
            out["choice"].append(prediction.probability)
            out["rule"].append(prediction.rule)
            out["model"].append(alone.predict(invoice, history, record.invoice_date).probability)
            labels.append(outcome)
            debtors.append(record.debtor)
            predicted.append(record)
    return out, np.array(labels), chosen, times, fitted, debtors, predicted


def describe(fitted):
    """What a fit chose for the risk of paying late, in a few words."""
    late = fitted.late
    what = {"rule": "rule", "model": "model", "blend": f"blend {late.weight:g}"}[late.choice]
    if late.weight < 1.0:
        life = f"half-life {late.rule_half_life:g} d" if late.rule_half_life else "no decay"
        what += f" ({life}, prior {late.rule_prior_weight:g})"
    if late.weight > 0.0:
        life = late.model_half_life
        what += f" (examples' half-life {life:g} d)" if life else " (examples alike)"
    return what + (", calibrated" if late.calibration != (1.0, 0.0) else "")


def deciles(probabilities, labels, debtors):
    """Per decile of the probabilities (as ``risk.figures`` cuts them): mean probability,
    observed rate, count, and the observed rate's distance to the mean probability in standard
    errors, three ways: ``z`` with the binomial error of a calibrated score,
    sqrt(p (1 - p) / n), p the decile's mean probability (the check); ``z_exact`` with the sum
    of each invoice's own variance p_i (1 - p_i) (never larger than the first); ``z_debtor``
    with the residuals summed per debtor (invoices of one debtor are not independent)."""
    probabilities = np.asarray(probabilities, dtype=float)
    target = np.asarray(labels, dtype=float)
    groups = np.unique(np.asarray(debtors), return_inverse=True)[1]
    order = np.argsort(probabilities, kind="mergesort")
    rows = []
    for part in np.array_split(order, min(10, len(order))):
        p, y, count = probabilities[part], target[part], len(part)
        mean, observed = float(p.mean()), float(y.mean())
        binomial = math.sqrt(max(mean * (1 - mean), 1e-9) / count)
        exact = math.sqrt(max(float((p * (1 - p)).sum()), 1e-9)) / count
        clusters = np.bincount(groups[part], weights=y - p)
        robust = math.sqrt(max(float((clusters**2).sum()), 1e-9)) / count
        gap = observed - mean
        rows.append((mean, observed, count, gap / binomial, gap / exact, gap / robust))
    return rows


def within_two_errors(rows):
    """True when every decile's observed rate is within two (binomial) standard errors of its
    mean probability."""
    return all(abs(row[3]) <= 2.0 for row in rows)


def hosmer_lemeshow(rows):
    """The Hosmer-Lemeshow statistic of the deciles and its p-value (chi-square, as many
    degrees of freedom as deciles: the predictions are out of sample)."""
    statistic = sum(row[3] ** 2 for row in rows)
    return statistic, _chi2_survival(statistic, len(rows))


def _chi2_survival(value, degrees):
    """P(chi-square with ``degrees`` (even) degrees of freedom > ``value``)."""
    half, term, total = value / 2.0, 1.0, 1.0
    for k in range(1, degrees // 2):
        term *= half / k
        total += term
    return math.exp(-half) * total


def report(name, records, end, truth=None):
    print(f"\n== {name}: {len(records)} invoices, {len({r.debtor for r in records})} debtors")
    scores, labels, chosen, times, last, debtors, predicted = month_by_month(records, end)
    print(f"  {len(labels)} invoices predicted month by month, late rate {labels.mean():.3f}")
    rows = {}
    for key in ("model", "rule", "choice"):
        figures = risk.figures(scores[key], labels)
        rows[key] = figures
        print(f"  {key:7} AUC {figures.auc:.3f}  Brier {figures.brier:.4f}  "
              f"log loss {figures.log_loss:.4f}")  # fmt: skip
    print(f"  fits chose: {dict(chosen)}; last fit: {last.choice} (weight {last.late.weight})")
    if last.backtest:
        gain = last.backtest.gain
        print(f"  last fit's log-loss gain over the rule {gain[0]:+.4f} [{gain[1]:+.4f}, "
              f"{gain[2]:+.4f}]; {risk.summary(last.backtest)}")  # fmt: skip
    serious = last.serious.backtest
    if serious:
        print(f"  still unpaid 90 days after the due date, last fit's backtest ({serious.months} "
              f"months): model AUC {serious.model.auc:.3f} Brier {serious.model.brier:.4f}, "
              f"rule AUC {serious.rule.auc:.3f} Brier {serious.rule.brier:.4f}; "
              f"{last.serious.choice} used")  # fmt: skip
    table = deciles(scores["choice"], labels, debtors)
    statistic, p_value = hosmer_lemeshow(table)
    print(f"  reliability of the score used: every decile within 2 SE: {within_two_errors(table)}; "
          f"Hosmer-Lemeshow {statistic:.1f} (10 df), p = {p_value:.2f}")  # fmt: skip
    print("    mean   observed  count      z  z_exact  z_debtor")
    for mean, observed, count, z, z_exact, z_debtor in table:
        print(f"    {mean:.3f}  {observed:.3f}  {count:6d}  {z:+5.2f}  {z_exact:+5.2f}    "
              f"{z_debtor:+5.2f}")  # fmt: skip
    if truth is not None:
        table = deciles([truth[record] for record in predicted], labels, debtors)
        worst = max(abs(row[3]) for row in table)
        print(f"  the same check on the world's true probabilities: every decile within 2 SE: "
              f"{within_two_errors(table)} (largest |z| {worst:.2f}; "
              f"Hosmer-Lemeshow p = {hosmer_lemeshow(table)[1]:.2f})")  # fmt: skip
    print(f"  fit time: {max(times):.2f} s at most")
    return rows, chosen, last


def _draw(job):
    """The figures of one world drawn with one seed (``--seeds``): a dict."""
    kind, seed = job
    truth = {}
    records, end = world(kind, seed=seed, truth=truth)
    scores, labels, chosen, _times, _last, debtors, predicted = month_by_month(records, end)
    table = deciles(scores["choice"], labels, debtors)
    true_table = deciles([truth[record] for record in predicted], labels, debtors)
    return {
        "kind": kind,
        "seed": seed,
        "figures": {key: risk.figures(scores[key], labels) for key in scores},
        "chosen": chosen,
        "within": within_two_errors(table),
        "within_debtor": all(abs(row[5]) <= 2.0 for row in table),
        "true_within_debtor": all(abs(row[5]) <= 2.0 for row in true_table),
        "worst": max(abs(row[3]) for row in table),
        "p": hosmer_lemeshow(table)[1],
        "true_within": within_two_errors(true_table),
        "true_worst": max(abs(row[3]) for row in true_table),
        "true_p": hosmer_lemeshow(true_table)[1],
    }


def seeds_report(seeds):
    """Each world drawn once per seed, on every core: a line per draw, a summary per world."""
    from multiprocessing import Pool

    jobs = [(kind, seed) for kind in ("constant", "amount_terms", "change") for seed in seeds]
    with Pool(os.cpu_count() or 1) as pool:
        draws = pool.map(_draw, jobs, chunksize=1)
    for kind in ("constant", "amount_terms", "change"):
        mine = [draw for draw in draws if draw["kind"] == kind]
        print(f"\n== {kind}, seeds {seeds[0]} to {seeds[-1]}")
        for draw in mine:
            figures = draw["figures"]
            print(f"  seed {draw['seed']:2d}: "
                  + "  ".join(f"{key} {figures[key].auc:.3f}/{figures[key].brier:.4f}"
                              for key in ("model", "rule", "choice"))
                  + f"  | deciles within 2 SE: {draw['within']!s:5} (largest |z| "
                  f"{draw['worst']:.2f}, p {draw['p']:.3f}); truth {draw['true_within']!s:5} "
                  f"({draw['true_worst']:.2f}, p {draw['true_p']:.3f})")  # fmt: skip
        count = len(mine)
        for key in ("model", "rule", "choice"):
            auc = sum(draw["figures"][key].auc for draw in mine) / count
            brier = sum(draw["figures"][key].brier for draw in mine) / count
            loss = sum(draw["figures"][key].log_loss for draw in mine) / count
            print(f"  mean {key:7} AUC {auc:.3f}  Brier {brier:.4f}  log loss {loss:.4f}")
        print(
            f"  every decile within 2 SE: the score used {sum(d['within'] for d in mine)} of "
            f"{count}, the true probabilities {sum(d['true_within'] for d in mine)} of {count}"
        )
        print(f"  every decile within 2 SE with the residuals summed per debtor: the score used "
              f"{sum(d['within_debtor'] for d in mine)} of {count}, the true probabilities "
              f"{sum(d['true_within_debtor'] for d in mine)} of {count}")  # fmt: skip
        print(f"  Hosmer-Lemeshow p >= 0.01: the score used {sum(d['p'] >= 0.01 for d in mine)} "
              f"of {count}, the true probabilities {sum(d['true_p'] >= 0.01 for d in mine)} of "
              f"{count}")  # fmt: skip


def timing():
    records, end = designed()
    began, cpu = time.perf_counter(), time.process_time()
    fitted = risk.fit(records, end)
    spent, cpu = time.perf_counter() - began, time.process_time() - cpu
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"\nfit of {len(records)} invoices with backtest and both targets: {spent:.1f} s "
          f"({cpu:.1f} s of processor time; load average {load} on {os.cpu_count()} cores); "
          f"late: {describe(fitted)}, serious: {fitted.serious.choice}")  # fmt: skip
    return spent


def main(arguments):
    if "--timing" in arguments:
        timing()
        return
    if "--seeds" in arguments:
        first, _, last = arguments[arguments.index("--seeds") + 1].partition("-")
        seeds_report(list(range(int(first), int(last or first) + 1)))
        return
    seed = 1
    if "--seed" in arguments:
        position = arguments.index("--seed")
        seed = int(arguments[position + 1])
        arguments = arguments[:position] + arguments[position + 2 :]
    for kind in ("constant", "amount_terms", "change"):
        truth = {}
        report(f"{kind} (seed {seed})", *world(kind, seed=seed, truth=truth), truth)
    for path in arguments:
        report(path, *read_csv(path))


if __name__ == "__main__":
    main(sys.argv[1:])
