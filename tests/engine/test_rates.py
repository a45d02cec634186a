"""Reference rates kept current: the ECB's answers (recorded), changes and reminders."""

from datetime import date as D

import pytest

from odoo.addons.debt_recovery.engine import rates

# An answer of the ECB data API (series FM.B.U2.EUR.4F.KR.MRR_FR.LEV, format=csvdata),
# recorded and shortened to its useful columns.
SERIES = "FM.B.U2.EUR.4F.KR.MRR_FR.LEV,B,U2,EUR,4F,KR,MRR_FR,LEV"
HEADER = ",".join(
    (
        "KEY",
        "FREQ",
        "REF_AREA",
        "CURRENCY",
        "PROVIDER_FM",
        "INSTRUMENT_FM",
        "PROVIDER_FM_ID",
        "DATA_TYPE_FM",
        "TIME_PERIOD",
        "OBS_VALUE",
        "OBS_STATUS",
    )
)
RECORDED = (
    "\n".join(
        [
            HEADER,
            f"{SERIES},2025-03-12,2.65,A",
            f"{SERIES},2025-04-23,2.4,A",
            f"{SERIES},2025-06-11,2.15,A",
            f"{SERIES},2026-02-04,,M",
        ]
    )
    + "\n"
)


def test_parse_a_recorded_answer():
    assert rates.parse_ecb_csv(RECORDED) == [
        (D(2025, 3, 12), 2.65),
        (D(2025, 4, 23), 2.4),
        (D(2025, 6, 11), 2.15),
    ]


def test_an_answer_that_is_not_csv_data_is_refused():
    with pytest.raises(ValueError):
        rates.parse_ecb_csv("<html>Service unavailable</html>")


@pytest.mark.parametrize(
    ("known", "observations", "added"),
    [
        # Everything known: nothing to add.
        ([(D(2025, 6, 11), 2.15)], [(D(2025, 6, 11), 2.15)], []),
        # A repeated value is no change; a new value is.
        (
            [(D(2025, 6, 11), 2.15)],
            [(D(2025, 9, 1), 2.15), (D(2026, 2, 4), 2.0), (D(2026, 3, 1), 2.0)],
            [(D(2026, 2, 4), 2.0)],
        ),
        # The 2014 rows that were missing.
        (
            [(D(2014, 9, 10), 0.05)],
            [(D(2013, 11, 13), 0.25), (D(2014, 6, 11), 0.15), (D(2014, 9, 10), 0.05)],
            [(D(2013, 11, 13), 0.25), (D(2014, 6, 11), 0.15)],
        ),
    ],
)
def test_new_rate_rows_are_changes_only(known, observations, added):
    assert rates.new_rate_rows(known, observations) == added


@pytest.mark.parametrize(
    ("today", "half_year"),
    [
        (D(2026, 6, 1), D(2026, 7, 1)),
        (D(2026, 6, 30), D(2026, 7, 1)),
        (D(2026, 12, 1), D(2027, 1, 1)),
        (D(2026, 7, 1), None),
        (D(2026, 1, 15), None),
    ],
)
def test_legal_rates_are_entered_in_june_and_december(today, half_year):
    assert rates.half_year_reminder(today) == half_year
