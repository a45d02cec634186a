"""Benchmark of the risk engine on synthetic histories with a known ground truth.

Run as a plain script with the project's Python (no Odoo, no database)::

    .venv/bin/python tests/benchmarks/bench_risk.py

2,000 debtors, about 100,000 invoices over 3 years. Each debtor has a latent lateness (log-odds)
that drifts month by month; payment terms are 30, 45 or 60 days; a few invoices are disputed
(and then often late); larger invoices than usual are a little riskier; some debtors start late.
The model is fitted at a cut-off two years in, from what is known then; it is evaluated on the
invoices issued after the cut-off whose outcome is known at the end of the data, each scored as
of its invoice date. The baseline is the debtor's past late share (the company's rate for a new
debtor), with the same masking.
"""

import math
import random
import sys
import time
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "engine"))
import conftest  # noqa: F401 - makes odoo.addons.debt_recovery importable

from odoo.addons.debt_recovery.engine import risk

START = date(2023, 1, 1)
DAYS = 3 * 365
CUT_OFF = START + timedelta(days=2 * 365)
END = START + timedelta(days=DAYS + 120)
LATE_DAYS = 0


def simulate(debtors=2000, invoices=100_000, seed=7):
    """Synthetic invoices, each with its true late probability kept for reference."""
    rng = random.Random(seed)
    records = []
    per_debtor = invoices // debtors
    for debtor in range(debtors):
        level = rng.gauss(-1.0, 1.3)
        drift = rng.gauss(0.0, 0.12)
        usual = math.exp(rng.gauss(7.0, 1.0))
        terms = rng.choice((30, 45, 60))
        start = rng.randrange(0, DAYS // 2) if rng.random() < 0.3 else 0
        days = sorted(rng.randrange(start, DAYS) for _ in range(per_debtor))
        for day in days:
            months = (day - start) / 30.0
            latent = level + drift * months + rng.gauss(0.0, 0.3)
            amount = usual * math.exp(rng.gauss(0.0, 0.6))
            disputed = rng.random() < 0.03
            logit = latent + 0.3 * math.log(amount / usual) + (1.5 if disputed else 0.0)
            late = rng.random() < 1.0 / (1.0 + math.exp(-logit))
            invoice_date = START + timedelta(days=day)
            due = invoice_date + timedelta(days=terms)
            if late:
                delay = 1 + int(rng.expovariate(1.0 / (10 + 10 * max(latent, 0))))
            else:
                delay = -rng.randrange(0, 15)
            paid = due + timedelta(days=delay)
            records.append(
                risk.InvoiceRecord(
                    debtor, invoice_date, due, round(amount, 2),
                    paid if paid <= END else None, disputed,
                )
            )  # fmt: skip
    return records


def auc(scores, labels):
    """Area under the ROC curve (rank formula, ties averaged)."""
    scores = np.asarray(scores)
    labels = np.asarray(labels, dtype=bool)
    order = np.argsort(scores, kind="mergesort")
    ranks = np.empty(len(scores))
    sorted_scores = scores[order]
    position = 0
    while position < len(scores):
        end = position
        while end + 1 < len(scores) and sorted_scores[end + 1] == sorted_scores[position]:
            end += 1
        ranks[order[position : end + 1]] = (position + end) / 2.0 + 1.0
        position = end + 1
    positives = labels.sum()
    negatives = len(labels) - positives
    return (ranks[labels].sum() - positives * (positives + 1) / 2.0) / (positives * negatives)


def brier(scores, labels):
    return float(np.mean((np.asarray(scores) - np.asarray(labels, dtype=float)) ** 2))


def reliability(name, scores, labels):
    scores = np.asarray(scores)
    labels = np.asarray(labels, dtype=float)
    print(f"  reliability of {name}: bin, mean predicted, observed rate, count")
    for index in range(10):
        low, high = index / 10.0, (index + 1) / 10.0
        inside = (scores >= low) & ((scores < high) if index < 9 else (scores <= high))
        if inside.any():
            print(
                f"    {low:.1f}-{high:.1f}  {scores[inside].mean():.3f}  "
                f"{labels[inside].mean():.3f}  {int(inside.sum())}"
            )
        else:
            print(f"    {low:.1f}-{high:.1f}  -      -      0")


def baseline(history, invoice, company_rate):
    """The debtor's past late share known at the invoice date; the company's rate if none."""
    outcomes = [
        outcome
        for record in history
        if record.invoice_date < invoice.invoice_date
        and (outcome := risk.label(record, invoice.invoice_date, LATE_DAYS)) is not None
    ]
    return sum(outcomes) / len(outcomes) if outcomes else company_rate


def evaluate(model, records):
    by_debtor = defaultdict(list)
    for record in records:
        by_debtor[record.debtor].append(record)
    model_scores, base_scores, labels = [], [], []
    for record in records:
        if record.invoice_date <= CUT_OFF:
            continue
        outcome = risk.label(record, END, LATE_DAYS)
        if outcome is None:
            continue
        history = by_debtor[record.debtor]
        invoice = risk.InvoiceRecord(
            record.debtor, record.invoice_date, record.due_date, record.amount,
            None, record.disputed,
        )  # fmt: skip
        prediction = model.predict(invoice, history, record.invoice_date)
        model_scores.append(prediction.probability)
        base_scores.append(baseline(history, record, model.base_rate))
        labels.append(outcome)
    return model_scores, base_scores, labels


def main():
    records = simulate()
    print(f"{len(records)} invoices, {len({r.debtor for r in records})} debtors, cut-off {CUT_OFF}")
    started = time.perf_counter()
    model = risk.fit(records, CUT_OFF, LATE_DAYS)
    fit_time = time.perf_counter() - started
    print(f"fit on {model.examples} outcomes known at the cut-off: {fit_time:.2f} s")
    print("coefficients (standardised):")
    for name, coef in zip(model.names, model.coef, strict=True):
        print(f"  {name:16} {coef:+.3f}")
    started = time.perf_counter()
    model_scores, base_scores, labels = evaluate(model, records)
    print(f"scored {len(labels)} invoices issued after the cut-off in "
          f"{time.perf_counter() - started:.1f} s; late rate {np.mean(labels):.3f}")  # fmt: skip
    for name, scores in (("model", model_scores), ("baseline", base_scores)):
        print(f"{name:9} AUC {auc(scores, labels):.4f}  Brier {brier(scores, labels):.4f}")
    reliability("model", model_scores, labels)
    reliability("baseline", base_scores, labels)
    full = simulate(invoices=100_000)
    started = time.perf_counter()
    risk.fit(full, START + timedelta(days=DAYS))
    print(f"fit time on all {len(full)} invoices: {time.perf_counter() - started:.2f} s")


if __name__ == "__main__":
    main()
