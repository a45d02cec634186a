"""Tests of debt_recovery.engine.risk (pure Python, no Odoo)."""

import json
import math
import random
import sys
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from odoo.addons.debt_recovery.engine import risk
from odoo.addons.debt_recovery.engine.risk import InvoiceRecord

AS_OF = date(2024, 6, 30)


def D(y, m, d):
    """Shorthand for date(y, m, d)."""
    return date(y, m, d)


def history(seed=3, debtors=40, invoices=15, late_rate=None):
    """Invoices of 2023-2024; each debtor late with its own rate (or ``late_rate`` for all)."""
    rng = random.Random(seed)
    records = []
    for debtor in range(debtors):
        rate = rng.random() if late_rate is None else late_rate
        for _ in range(invoices):
            issued = D(2023, 1, 1) + timedelta(days=rng.randrange(700))
            due = issued + timedelta(days=rng.choice((30, 45, 60)))
            delay = rng.randrange(1, 60) if rng.random() < rate else -rng.randrange(0, 10)
            records.append(
                InvoiceRecord(
                    debtor, issued, due, float(rng.randrange(100, 5000)),
                    due + timedelta(days=delay), rng.random() < 0.05,
                )
            )  # fmt: skip
    return records


RECORDS = history()
MODEL = risk.fit(RECORDS, AS_OF)
NEW = InvoiceRecord("new", AS_OF, AS_OF + timedelta(days=30), 1000.0)


def own(debtor, records=RECORDS):
    return [record for record in records if record.debtor == debtor]


def invoice_of(debtor, amount=1000.0, terms=30, disputed=False):
    return InvoiceRecord(debtor, AS_OF, AS_OF + timedelta(days=terms), amount, None, disputed)


# --- labels ------------------------------------------------------------------------------

DUE = D(2024, 5, 31)


@pytest.mark.parametrize(
    "paid, late_days, expected",
    [
        (D(2024, 5, 20), 0, False),  # paid before the due date
        (DUE, 0, False),  # paid on the due date
        (D(2024, 6, 1), 0, True),  # paid one day late
        (D(2024, 6, 10), 10, False),  # within the grace days
        (D(2024, 6, 11), 10, True),  # one day beyond them
        (None, 0, True),  # open and overdue
        (None, 30, None),  # open, due + 30 days is the reference date: not known yet
        (None, 29, True),  # open, due + 29 days is before the reference date
        (D(2024, 7, 5), 0, True),  # paid after the reference date: open then, overdue
        (D(2024, 7, 5), 45, None),  # paid after the reference date, not overdue enough
    ],
)
def test_label(paid, late_days, expected):
    record = InvoiceRecord(1, D(2024, 5, 1), DUE, 100.0, paid)
    assert risk.label(record, AS_OF, late_days) is expected


def test_label_open_not_yet_due_or_not_issued_is_unknown():
    assert risk.label(InvoiceRecord(1, D(2024, 6, 1), D(2024, 7, 1), 1.0), AS_OF) is None
    assert (
        risk.label(InvoiceRecord(1, D(2024, 7, 1), D(2024, 5, 1), 1.0, D(2024, 5, 1)), AS_OF)
        is None
    )


def test_fit_learns_from_known_outcomes_only():
    records = [
        InvoiceRecord(1, D(2024, 1, 1), D(2024, 1, 31), 100.0, D(2024, 1, 20)),  # on time
        InvoiceRecord(1, D(2024, 2, 1), D(2024, 3, 2), 100.0, D(2024, 3, 20)),  # late
        InvoiceRecord(1, D(2024, 4, 1), D(2024, 5, 1), 100.0),  # open, overdue: late
        InvoiceRecord(1, D(2024, 6, 15), D(2024, 7, 15), 100.0),  # open, not due: ignored
        InvoiceRecord(1, D(2024, 7, 15), D(2024, 8, 15), 100.0, D(2024, 7, 16)),  # after
    ]
    model = risk.fit(records, AS_OF)
    assert model.examples == 3
    assert model.base_rate == pytest.approx(2 / 3)


def test_fit_without_any_outcome_is_flat_at_the_prior():
    model = risk.fit([InvoiceRecord(1, D(2024, 6, 15), D(2024, 7, 15), 100.0)], AS_OF)
    assert model.examples == 0
    prediction = model.predict(invoice_of(1), [], AS_OF)
    assert prediction.probability == pytest.approx(0.5)


# --- grades ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "probability, expected",
    [(0.0, "A"), (0.0999, "A"), (0.10, "B"), (0.2499, "B"), (0.25, "C"), (0.4499, "C"),
     (0.45, "D"), (0.6999, "D"), (0.70, "E"), (1.0, "E")],
)  # fmt: skip
def test_grade_by_default_cut_points(probability, expected):
    assert risk.grade(probability) == expected


def test_grade_with_other_cut_points():
    cuts = (0.05, 0.10, 0.20, 0.30)
    assert [risk.grade(p, cuts) for p in (0.01, 0.07, 0.15, 0.25, 0.5)] == list("ABCDE")


def test_prediction_grade_uses_the_given_cut_points():
    prediction = MODEL.predict(invoice_of(5), own(5), AS_OF, cuts=(0.0, 0.0, 0.0, 0.0))
    assert prediction.grade == "E"
    assert MODEL.predict(invoice_of(5), own(5), AS_OF).grade == risk.grade(prediction.probability)


# --- explanation -------------------------------------------------------------------------


@pytest.mark.parametrize("debtor", [0, 1, 7, 19, 33, "new"])
def test_contributions_and_intercept_sum_to_the_logit(debtor):
    prediction = MODEL.predict(invoice_of(debtor, disputed=debtor == 7), own(debtor), AS_OF)
    total = prediction.intercept + sum(reason.contribution for reason in prediction.contributions)
    p = prediction.probability
    assert total == pytest.approx(math.log(p / (1 - p)), abs=1e-9)
    assert [reason.name for reason in prediction.contributions] == [*risk.FEATURES, risk.RULE]
    assert 0 < len(prediction.reasons) <= 3
    reasons = list(prediction.reasons)
    if prediction.choice != "model":  # the rule weighs: it is said first, in plain words
        assert reasons.pop(0).name == risk.RULE
    model_terms = prediction.contributions[:-1]
    weights = [abs(reason.contribution) for reason in reasons]
    assert weights == sorted(weights, reverse=True)
    if weights:
        assert weights[0] == max(abs(reason.contribution) for reason in model_terms)
    assert all(
        isinstance(reason.sentence, str) and reason.sentence for reason in prediction.reasons
    )


def test_sentences_come_from_translated_templates():
    prediction = MODEL.predict(invoice_of(0), own(0), AS_OF, translate=lambda text: "> " + text)
    sentences = {reason.name: reason.sentence for reason in prediction.contributions}
    assert sentences["payment_terms"] == "> Payment terms of 30 days."
    assert sentences["disputed"] == "> " + risk.TEMPLATES["disputed_not"]


@pytest.mark.parametrize("debtor", [0, 3, 7])
def test_phrases_say_the_sentences_again_in_another_language(debtor):
    """A reason's phrase is plain JSON (stored), and gives back its sentence in English or in
    any language its templates are translated to."""
    prediction = MODEL.predict(invoice_of(debtor, disputed=debtor == 7), own(debtor), AS_OF)
    for reason in prediction.contributions:
        stored = json.loads(json.dumps(reason.phrase))
        assert risk.sentence(stored) == reason.sentence
        assert risk.sentence(stored, lambda text: "> " + text) == "> " + reason.sentence


def test_monotone_coefficients_are_not_negative():
    for name, coef in zip(MODEL.names, MODEL.coef, strict=True):
        if name in risk.MONOTONE:
            assert coef >= 0.0, name


# --- determinism, prior ------------------------------------------------------------------


def test_same_input_same_output():
    again = risk.fit(list(RECORDS), AS_OF)
    assert again == MODEL
    assert again.predict(invoice_of(4), own(4), AS_OF) == MODEL.predict(
        invoice_of(4), own(4), AS_OF
    )


def test_a_new_debtor_gets_the_company_rate():
    records = history(seed=11, debtors=60, late_rate=0.3)
    model = risk.fit(records, AS_OF)
    prediction = model.predict(NEW, [], AS_OF)
    assert model.base_rate == pytest.approx(0.3, abs=0.05)
    # The rule's value is the company's share; the probability is that share read through the
    # calibration of the score used (here the rule, on a backtest whose late rate was lower).
    assert prediction.rule == pytest.approx(model.base_rate, abs=0.06)
    slope, offset = model.late.calibration
    assert model.choice == "rule"
    assert prediction.probability == pytest.approx(
        1
        / (
            1
            + math.exp(
                -(slope * math.log(model.late.rule_prior / (1 - model.late.rule_prior)) + offset)
            )
        )
    )


def test_the_invoice_own_payment_is_never_used():
    record = own(2)[-1]
    invoice = replace(record, paid_date=None)
    as_of = record.invoice_date
    others = [r for r in own(2) if r != record]
    for paid in (record.due_date - timedelta(days=5), record.due_date + timedelta(days=90)):
        with_itself = others + [replace(record, paid_date=paid)]
        assert MODEL.predict(invoice, with_itself, as_of) == MODEL.predict(invoice, others, as_of)


# --- masking -----------------------------------------------------------------------------

later_dates = st.integers(1, 400).map(lambda days: AS_OF + timedelta(days=days))
later_records = st.builds(
    InvoiceRecord,
    debtor=st.sampled_from([0, 1, "new"]),
    invoice_date=later_dates,
    due_date=st.integers(-100, 400).map(lambda days: AS_OF + timedelta(days=days)),
    amount=st.floats(1, 1e6),
    paid_date=st.one_of(st.none(), later_dates),
    disputed=st.booleans(),
)


def _postponed(records, days):
    """Payments made after AS_OF moved to other days after AS_OF (or left unpaid)."""
    moved = []
    for record, shift in zip(records, days, strict=False):
        if record.paid_date is not None and record.paid_date > AS_OF:
            record = replace(record, paid_date=None if shift is None else AS_OF + shift)
        moved.append(record)
    return moved + records[len(moved) :]


@given(
    extra=st.lists(later_records, max_size=8),
    shifts=st.lists(st.one_of(st.none(), st.integers(1, 300).map(timedelta)), max_size=20),
    debtor=st.sampled_from([0, 1, "new"]),
)
def test_predictions_ignore_what_happens_after_as_of(extra, shifts, debtor):
    base = own(debtor) + [InvoiceRecord(debtor, D(2024, 6, 1), D(2024, 6, 20), 50.0, D(2024, 8, 1))]
    changed = _postponed(base, shifts) + [replace(record, debtor=debtor) for record in extra]
    invoice = invoice_of(debtor)
    assert MODEL.predict(invoice, changed, AS_OF) == MODEL.predict(invoice, base, AS_OF)


SMALL = history(seed=5, debtors=6, invoices=10)
SMALL_MODEL = risk.fit(SMALL, AS_OF)


@settings(max_examples=25, deadline=None)
@given(extra=st.lists(later_records, max_size=6), shifts=st.lists(st.none(), max_size=60))
def test_fit_ignores_what_happens_after_as_of(extra, shifts):
    assert risk.fit(_postponed(SMALL, shifts) + extra, AS_OF) == SMALL_MODEL


# --- monotonicity ------------------------------------------------------------------------


@given(
    debtor=st.integers(0, 39),
    pick=st.integers(0, 1000),
    delay=st.integers(1, 200),
    unpaid=st.booleans(),
)
def test_more_lateness_in_history_never_lowers_the_risk(debtor, pick, delay, unpaid):
    records = own(debtor)
    index = pick % len(records)
    record = records[index]
    if record.paid_date is None:
        later = record
    elif unpaid:
        later = replace(record, paid_date=None)
    else:
        later = replace(record, paid_date=record.paid_date + timedelta(days=delay))
    worse = records[:index] + [later] + records[index + 1 :]
    before = MODEL.predict(invoice_of(debtor), records, AS_OF).probability
    after = MODEL.predict(invoice_of(debtor), worse, AS_OF).probability
    assert after >= before - 1e-12


@pytest.mark.parametrize("debtor", [0, 3, 8])
def test_broken_promises_before_as_of_never_lower_the_risk(debtor):
    plain = MODEL.predict(invoice_of(debtor), own(debtor), AS_OF)
    future = MODEL.predict(
        invoice_of(debtor), own(debtor), AS_OF, broken_promises=[AS_OF + timedelta(days=1)]
    )
    broken = MODEL.predict(
        invoice_of(debtor), own(debtor), AS_OF, broken_promises=[D(2024, 3, 1), D(2024, 5, 1)]
    )
    assert future == plain
    assert broken.probability >= plain.probability


# --- backtest, choice, calibration ---------------------------------------------------------


def constant_world(seed, debtors=150, invoices=3600, days=720):
    """Each debtor pays late at its own constant rate; nothing else matters."""
    rng = random.Random(seed)
    start = D(2023, 1, 1)
    end = start + timedelta(days=days)
    records = []
    for debtor in range(debtors):
        rate = rng.betavariate(1.2, 3.0)
        for _ in range(max(2, int(rng.expovariate(debtors / invoices)))):
            issued = start + timedelta(days=rng.randrange(days - 30))
            due = issued + timedelta(days=rng.choice((30, 45, 60)))
            delay = rng.randrange(1, 40) if rng.random() < rate else -rng.randrange(0, 10)
            paid = due + timedelta(days=delay)
            records.append(
                InvoiceRecord(debtor, issued, due, 1000.0, paid if paid <= end else None)
            )
    return records, end


def test_backtest_figures_are_kept_with_the_fit():
    backtest = MODEL.backtest
    assert backtest is not None and 1 <= backtest.months <= 3
    assert backtest.start < backtest.end < AS_OF
    for figures in (backtest.model, backtest.rule, backtest.choice):
        assert figures.count == backtest.rule.count > 0
        assert 0.0 <= figures.auc <= 1.0 and 0.0 <= figures.brier <= 1.0
        assert figures.log_loss > 0.0
        assert sum(count for _, _, count in figures.reliability) == figures.count
        assert len(figures.reliability) == 10
    assert MODEL.choice == {0.0: "rule", 1.0: "model"}.get(backtest.weight, "blend")
    assert backtest.weight in risk.BLEND_WEIGHTS
    # The model weighs only when the interval of its gain over the plain rule excludes zero.
    assert backtest.weight == 0 or backtest.gain[1] > 0
    assert backtest.half_life in MODEL.settings.rule_half_lives
    assert backtest.model_half_life in MODEL.settings.model_half_lives
    assert backtest.calibrated == (MODEL.late.calibration != (1.0, 0.0))


def test_short_history_keeps_the_rule_and_says_so():
    records = history(seed=2, debtors=4, invoices=6)
    model = risk.fit(records, AS_OF)
    assert model.backtest is None and model.choice == "rule"
    prediction = model.predict(invoice_of(1), own(1, records), AS_OF)
    assert prediction.choice == "rule"
    assert prediction.reasons[0].name == risk.RULE
    assert prediction.reasons[0].phrase[0] == "rule_kept"
    assert "Simple rule kept" in prediction.reasons[0].sentence
    assert prediction.probability == pytest.approx(prediction.rule)  # no calibration yet


def test_fewer_backtest_months_when_the_history_is_short():
    records = [r for r in history(seed=4, debtors=60) if r.invoice_date >= D(2023, 10, 1)]
    short = risk.fit(records, AS_OF, settings=risk.Settings(backtest_months=6, min_training=120))
    assert short.backtest is not None
    assert short.backtest.months < 6


def test_figures_of_a_small_table():
    figures = risk.figures([0.1, 0.4, 0.35, 0.8], [False, False, True, True])
    assert figures.auc == pytest.approx(0.75)
    assert figures.brier == pytest.approx((0.01 + 0.16 + 0.4225 + 0.04) / 4)
    expected = -(math.log(0.9) + math.log(0.6) + math.log(0.35) + math.log(0.8)) / 4
    assert figures.log_loss == pytest.approx(expected)
    assert figures.count == 4 and len(figures.reliability) == 4
    assert risk.figures([0.2, 0.3], [True, True]).auc is None


def test_summary_says_the_ranking_in_plain_words():
    text = risk.summary(MODEL.backtest)
    assert text.startswith(f"On the last {MODEL.backtest.months} months, the score ranked")
    assert f"{round(100 * MODEL.backtest.rule.auc)}." in text


@pytest.mark.parametrize("seed", [21, 22, 23])
def test_on_the_debtor_constant_world_never_worse_than_the_rule_beyond_noise(seed):
    """Predictions of the next months' invoices by the chosen score, against the rule on the
    same invoices: the mean log-loss difference stays within two standard errors."""
    records, end = constant_world(seed)
    as_of = end - timedelta(days=240)
    model = risk.fit(records, as_of)
    by_debtor = {}
    for record in records:
        by_debtor.setdefault(record.debtor, []).append(record)
    chosen, rule, labels = [], [], []
    for record in records:
        outcome = risk.label(record, end)
        if record.invoice_date <= as_of or outcome is None:
            continue
        prediction = model.predict(
            replace(record, paid_date=None), by_debtor[record.debtor], record.invoice_date
        )
        chosen.append(prediction.probability)
        rule.append(prediction.rule)
        labels.append(outcome)
    y = [float(label) for label in labels]

    def losses(scores):
        return [
            -(t * math.log(min(max(p, 1e-6), 1 - 1e-6)) + (1 - t) * math.log(1 - p))
            for p, t in zip(scores, y, strict=True)
        ]

    differences = [a - b for a, b in zip(losses(chosen), losses(rule), strict=True)]
    mean = sum(differences) / len(differences)
    spread = math.sqrt(sum((d - mean) ** 2 for d in differences) / (len(differences) - 1))
    assert len(differences) > 500
    assert mean <= 2.0 * spread / math.sqrt(len(differences))


def _within_two_standard_errors(table):
    for mean, observed, count in table:
        assert abs(observed - mean) <= 2.0 * math.sqrt(mean * (1 - mean) / count), table


def _hosmer_lemeshow_holds(table):
    """The table as a whole is consistent with a calibrated score: the sum of the deciles'
    squared distances in standard errors stays below the 1 % point of a chi-square with 10
    degrees of freedom (23.21). Each decile within two standard errors, the stricter check,
    fails for about 40 % of perfectly calibrated scores with ten deciles."""
    statistic = sum(
        (observed - mean) ** 2 / (mean * (1 - mean) / count) for mean, observed, count in table
    )
    assert len(table) == 10 and statistic < 23.21, table


def test_calibration_deciles_within_two_standard_errors():
    """On a debtor-constant world (the rule kept, calibrated), every decile of the chosen score's
    reliability table lies within two standard errors of the observed rate."""
    records, end = constant_world(5, debtors=300, invoices=10_000, days=900)
    model = risk.fit(records, end, settings=risk.Settings(backtest_months=9))
    table = model.backtest.choice.reliability
    assert sum(count for _, _, count in table) > 2000
    _within_two_standard_errors(table)


@pytest.mark.parametrize("kind", ["amount_terms", "change"])
def test_calibration_on_the_benchmark_worlds(kind):
    """The benchmark's worlds where the plain rule is not right, with a year of backtest: the
    model, calibrated, where lateness follows the invoice; where debtors change, recent
    outcomes weigh more; either way the reliability table passes the Hosmer-Lemeshow check."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    import bench_risk

    records, end = bench_risk.world(kind)
    model = risk.fit(records, end, settings=risk.Settings(backtest_months=12))
    if kind == "amount_terms":
        assert model.choice != "rule" and model.backtest.calibrated
    else:  # what changes is followed: recent outcomes weigh more in the rule or the model
        assert model.late.rule_half_life > 0 or model.late.model_half_life > 0
    assert model.backtest.choice.count > 3000
    _hosmer_lemeshow_holds(model.backtest.choice.reliability)


def test_the_benchmark_checks_the_worlds_true_probabilities_the_same_way():
    """The benchmark's worlds give each invoice's true probability of being paid late (one per
    debtor in the constant world, a different one after the switch in the changing world), and
    the reliability check reads any probabilities: on the truth's own draws it is near zero."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    import bench_risk

    truth = {}
    records, _end = bench_risk.world("constant", debtors=40, invoices=1500, seed=2, truth=truth)
    assert set(truth) == set(records)
    by_debtor = {}
    for record in records:
        by_debtor.setdefault(record.debtor, set()).add(truth[record])
    assert all(len(rates) == 1 for rates in by_debtor.values())
    changed = {}
    records, _end = bench_risk.world("change", debtors=40, invoices=1500, seed=2, truth=changed)
    rates = {}
    for record in records:
        rates.setdefault(record.debtor, set()).add(changed[record])
    assert max(len(each) for each in rates.values()) == 2
    probabilities = np.array([truth[record] for record in truth])
    rng = np.random.default_rng(0)
    labels = rng.random(len(probabilities)) < probabilities
    table = bench_risk.deciles(probabilities, labels, [record.debtor for record in truth])
    assert len(table) == 10 and sum(row[2] for row in table) == len(probabilities)
    assert bench_risk.hosmer_lemeshow(table)[1] > 0.001


def change_world(seed=31, debtors=120, days=900, switch=540):
    """Every debtor pays late at 10 % or 60 % of its invoices and swaps to the other rate on
    day ``switch``; an invoice every 10 days or so."""
    rng = random.Random(seed)
    start = D(2023, 1, 1)
    end = start + timedelta(days=days)
    records = []
    for debtor in range(debtors):
        before = 0.1 if debtor % 2 else 0.6
        for day in range(rng.randrange(10), days - 30, 10):
            rate = before if day < switch else 0.7 - before
            issued = start + timedelta(days=day)
            due = issued + timedelta(days=30)
            delay = rng.randrange(1, 30) if rng.random() < rate else -rng.randrange(0, 10)
            paid = due + timedelta(days=delay)
            records.append(
                InvoiceRecord(debtor, issued, due, 1000.0, paid if paid <= end else None)
            )
    return records, start + timedelta(days=days)


def test_a_change_of_behaviour_is_followed():
    """Ten months after every debtor swapped its late rate (10 % <-> 60 %), the risk follows
    the new rates where the plain rule (every outcome alike) still sits between the two."""
    records, end = change_world()
    as_of = end - timedelta(days=60)
    model = risk.fit(records, as_of)
    by_debtor = {}
    for record in records:
        by_debtor.setdefault(record.debtor, []).append(record)
    turned_bad = model.predict(invoice_of(1), by_debtor[1], as_of)
    turned_good = model.predict(invoice_of(0), by_debtor[0], as_of)
    assert turned_bad.probability > 0.45 > turned_bad.rule
    assert turned_good.probability < 0.25 < turned_good.rule


def test_a_recency_weighted_rule_kept_is_the_score_and_says_so():
    """A fit whose rule kept weighs recent outcomes more: the probability is that rule's share
    (no calibration), above the plain rule's for a debtor that turned bad, and its reason says
    that recent invoices weigh more; the contributions still add up to the logit."""
    records, end = change_world()
    as_of = end - timedelta(days=60)
    fitted = risk.fit(records, as_of)
    position = fitted.settings.rule_half_lives.index(180.0)
    late = replace(
        fitted.late, weight=0.0, calibration=(1.0, 0.0), rule_half_life=180.0,
        rule_prior_weight=10.0, rule_prior=fitted.prior.rules[position],
    )  # fmt: skip
    model = replace(fitted, late=late)
    history_ = [record for record in records if record.debtor == 1]
    prediction = model.predict(invoice_of(1), history_, as_of)
    timeline = risk._Timeline(history_, as_of, model.settings, 0, prior=model.prior)
    raw = timeline.run([risk._query_of(invoice_of(1), as_of.toordinal())])[0]
    weighted, known, company = raw["rule_sums"][position]
    assert prediction.probability == pytest.approx((weighted + 10 * company) / (known + 10))
    assert prediction.probability > prediction.rule
    assert prediction.reasons[0].phrase[0] == "rule_kept_recent"
    assert "recent ones weighing more" in prediction.reasons[0].sentence
    total = prediction.intercept + sum(reason.contribution for reason in prediction.contributions)
    assert total == pytest.approx(prediction.logit)


def _backtest_arrays(seed=5, debtors=300, invoices=3000):
    """Outcomes of a backtest drawn from known probabilities, with debtor numbers."""
    rng = np.random.default_rng(seed)
    debtor = rng.integers(0, debtors, invoices)
    truth = rng.beta(1.2, 3.0, debtors)[debtor]
    outcome = (rng.random(invoices) < truth).astype(float)
    return truth, outcome, debtor


def _logits(p):
    return np.log(p) - np.log1p(-p)


def test_the_backtest_chooses_the_recency_weighted_rule_when_it_is_clearly_better():
    """Two variants of the rule: the plain one, which lags (here: noise around the truth), and
    a recency-weighted one that follows the truth; the model is useless. The variant that
    follows is used, alone (the model's weight is 0)."""
    truth, outcome, debtor = _backtest_arrays()
    rng = np.random.default_rng(1)
    lagging = 1 / (1 + np.exp(-(_logits(truth) + rng.normal(0, 1.2, len(truth)))))
    candidates = np.column_stack([lagging, truth])
    chosen = risk._choose(
        rng.normal(0, 1, len(truth)), lagging, candidates, outcome, debtor, risk.Settings()
    )
    assert chosen["weight"] == 0.0 and chosen["variant"] == 1
    assert chosen["gain"][1] > 0  # better than the plain rule beyond noise


def test_the_rule_kept_is_calibrated_on_the_backtest():
    """The plain rule, twice too sure of itself (its log-odds doubled), and nothing better: it
    is kept, through a calibration that halves its log-odds again; a well calibrated rule
    keeps a calibration near no change."""
    truth, outcome, debtor = _backtest_arrays()
    rng = np.random.default_rng(2)
    noise = rng.normal(0, 1, len(truth))
    sure = 1 / (1 + np.exp(-2 * _logits(truth)))
    chosen = risk._choose(noise, sure, sure[:, None], outcome, debtor, risk.Settings())
    assert chosen["weight"] == 0.0 and chosen["calibrated"]
    assert chosen["calibration"][0] == pytest.approx(0.5, abs=0.1)
    plain = risk._choose(noise, truth, truth[:, None], outcome, debtor, risk.Settings())
    assert plain["weight"] == 0.0 and plain["calibrated"]
    assert plain["calibration"] == pytest.approx((1.0, 0.0), abs=0.1)


@settings(max_examples=30, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 5), st.integers(0, 600), st.integers(-10, 40)), min_size=1,
             max_size=40),
)  # fmt: skip
def test_rule_variants_lie_between_the_company_share_and_the_debtor_share(rows):
    """Every variant of the rule (half-life, prior weight) is the debtor's recency-weighted
    share shrunk toward the company's: between the two; the plain variant is the rule."""
    start = D(2023, 1, 1)
    records = [
        InvoiceRecord(debtor, start + timedelta(days=day), start + timedelta(days=day + 30),
                      100.0, start + timedelta(days=day + 30 + delay))
        for debtor, day, delay in rows
    ]  # fmt: skip
    as_of = start + timedelta(days=700)
    settings_ = risk.Settings()
    timeline = risk._Timeline(records, as_of, settings_, 0)
    queries = [risk._query_of(replace(r, paid_date=None), as_of.toordinal()) for r in records]
    raws = timeline.run(queries)
    variants = risk._variants(settings_, timeline.prior(as_of.toordinal()))
    shares = risk._variant_shares(raws, variants, settings_)
    for raw, row in zip(raws, shares, strict=True):
        assert row[0] == pytest.approx(raw["rule"])
        for (life, _weight, _share), value in zip(variants, row, strict=True):
            late, known, company = raw["rule_sums"][settings_.rule_half_lives.index(life)]
            own = late / known if known else company
            assert min(own, company) - 1e-12 <= value <= max(own, company) + 1e-12


# --- serious delinquency -----------------------------------------------------------------


def serious_world():
    """Debtor 0 pays everything 120 days late, debtor 1 on time, over two years."""
    records = []
    for month in range(24):
        issued = D(2022, 6, 1) + timedelta(days=30 * month)
        due = issued + timedelta(days=30)
        records.append(InvoiceRecord(0, issued, due, 500.0, due + timedelta(days=120)))
        records.append(InvoiceRecord(1, issued, due, 500.0, due - timedelta(days=2)))
    return [r if r.paid_date <= AS_OF else replace(r, paid_date=None) for r in records]


SERIOUS = serious_world()
SERIOUS_MODEL = risk.fit(SERIOUS, AS_OF)


def test_serious_target_learns_from_the_ages():
    assert SERIOUS_MODEL.serious.examples > SERIOUS_MODEL.examples
    assert SERIOUS_MODEL.serious.names == risk.SERIOUS_FEATURES
    slow = InvoiceRecord(0, D(2024, 5, 1), D(2024, 5, 31), 500.0)
    fast = InvoiceRecord(1, D(2024, 5, 1), D(2024, 5, 31), 500.0)
    p_slow, p_fast = SERIOUS_MODEL.predict_serious([slow, fast], SERIOUS + [slow, fast], AS_OF)
    assert 0.0 <= p_fast < p_slow <= 1.0


def test_serious_risk_is_one_past_the_limit_and_grows_with_age():
    history_ = [r for r in SERIOUS if r.debtor == 0]
    ages = (-20, 0, 30, 60, 89)
    invoices = [
        InvoiceRecord(0, AS_OF - timedelta(days=30 + age), AS_OF - timedelta(days=age), 500.0)
        for age in ages
    ]
    probabilities = SERIOUS_MODEL.predict_serious(invoices, history_ + invoices, AS_OF)
    assert probabilities == sorted(probabilities)
    late = InvoiceRecord(0, AS_OF - timedelta(days=130), AS_OF - timedelta(days=100), 500.0)
    assert SERIOUS_MODEL.predict_serious([late], history_ + [late], AS_OF) == [1.0]
    assert SERIOUS_MODEL.predict_serious([], history_, AS_OF) == []


def test_serious_rule_reads_the_invoices_that_got_as_late():
    """Kept when nothing judges the model (a short history), the serious rule still depends on
    the age: among the debtor's invoices that were unpaid at the same age, the share that went
    past the limit."""
    records = []
    for index, delay in enumerate((-10, -10, -10, -10, 45, 45, 45, 45, 120, 120)):
        issued = D(2024, 1, 1) + timedelta(days=15 * index)
        due = issued + timedelta(days=30)
        records.append(InvoiceRecord(0, issued, due, 100.0, due + timedelta(days=delay)))
    as_of = D(2024, 12, 31)
    model = risk.fit(records, as_of, settings=risk.Settings(min_training=10_000))
    assert model.serious.choice == "rule"
    invoices = [
        InvoiceRecord(0, as_of - timedelta(days=30 + age), as_of - timedelta(days=age), 9.0)
        for age in (-10, 10, 40, 70)
    ]
    early, due, past_30, past_60 = model.predict_serious(invoices, records + invoices, as_of)
    # 2 of the 10 invoices went past 90 days; 2 of the 6 unpaid at the due date and at 30
    # days past it; 2 of the 2 unpaid at 60 days (each shrunk toward the company's share).
    assert early < due == past_30 < 0.5 < past_60
