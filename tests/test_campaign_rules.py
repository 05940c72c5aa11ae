"""Table-driven: every dose rule, every grouping case, vaccine names and the rules file."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from vaxrecon.campaign.checks import check_doses
from vaxrecon.campaign.timeline import assign_groups
from vaxrecon.campaign.vaccines import load_rules
from vaxrecon.errors import ConfigError

RULES = load_rules()
EXPORT = dt.date(2022, 6, 30)
BORN = "1980-01-01"


def _doses(rows: list[tuple]) -> pd.DataFrame:
    """(person, vaccine as written, date or '' or 'bad', stated number, birth date)."""
    frame = pd.DataFrame(rows, columns=["group", "vaccine_written", "date", "dose_number", "birth"])
    text = frame["date"].astype(str)
    frame["date_given"] = text != ""
    frame["date"] = pd.to_datetime(text.where(~text.isin(["", "bad"]), None))
    frame["birth"] = pd.to_datetime(frame["birth"])
    frame["vaccine"] = RULES.canonical(frame["vaccine_written"])
    return frame


CASES = {
    "two AstraZeneca doses 8 weeks apart": (
        [(1, "AstraZeneca", "2021-06-01", 1, BORN), (1, "AZD1222", "2021-07-27", 2, BORN)],
        ["", ""],
    ),
    "the same dose entered twice (another alias)": (
        [(1, "Pfizer", "2021-08-01", 1, BORN), (1, "Comirnaty", "2021-08-01", 1, BORN)],
        ["", "duplicate_dose"],
    ),
    "the same date for two people is no duplicate": (
        [(1, "Pfizer", "2021-08-01", 1, BORN), (2, "Pfizer", "2021-08-01", 1, BORN)],
        ["", ""],
    ),
    "two records claim dose 2": (
        [
            (1, "Moderna", "2021-07-01", 1, BORN),
            (1, "Moderna", "2021-08-01", 2, BORN),
            (1, "Pfizer", "2021-12-01", 2, BORN),
        ],
        ["", "dose_number_conflict", "dose_number_conflict"],
    ),
    "dose numbers out of date order (the later dose says 1)": (
        [(1, "Vero Cell", "2021-07-22", 1, BORN), (1, "Sinopharm", "2021-07-01", 2, BORN)],
        ["dose_order", "dose_order"],
    ),
    "an unknown dose number is not an order problem": (
        [(1, "Vero Cell", "2021-07-01", 0, BORN), (1, "Vero Cell", "2021-07-22", 1, BORN)],
        ["", ""],
    ),
    "primary interval below the minimum": (
        [(1, "Pfizer", "2021-08-01", 1, BORN), (1, "Pfizer", "2021-08-11", 2, BORN)],
        ["", "interval_too_short"],
    ),
    "primary interval exactly the minimum": (
        [(1, "Pfizer", "2021-08-01", 1, BORN), (1, "Pfizer", "2021-08-22", 2, BORN)],
        ["", ""],
    ),
    "mixed series (AZ then Pfizer) uses the first vaccine's interval": (
        [(1, "AstraZeneca", "2021-06-01", 1, BORN), (1, "Pfizer", "2021-06-29", 2, BORN)],
        ["", ""],
    ),
    "first booster sooner than 3 months": (
        [
            (1, "Pfizer", "2021-06-01", 1, BORN),
            (1, "Pfizer", "2021-06-22", 2, BORN),
            (1, "Moderna", "2021-08-01", 3, BORN),
        ],
        ["", "", "interval_too_short"],
    ),
    "second booster sooner than 4 months": (
        [
            (1, "Pfizer", "2021-04-01", 1, BORN),
            (1, "Pfizer", "2021-04-22", 2, BORN),
            (1, "Pfizer", "2021-08-01", 3, BORN),
            (1, "Pfizer", "2021-11-01", 4, BORN),
        ],
        ["", "", "", "interval_too_short"],
    ),
    "Abdala: three primary doses 14 days apart": (
        [
            (1, "Abdala", "2021-10-01", 1, BORN),
            (1, "Abdala", "2021-10-15", 2, BORN),
            (1, "Abdala", "2021-10-29", 3, BORN),
        ],
        ["", "", ""],
    ),
    "more doses than the series and boosters allow (Janssen + 3)": (
        [
            (1, "Janssen", "2021-07-15", 1, BORN),
            (1, "Pfizer", "2021-10-20", 2, BORN),
            (1, "Pfizer", "2022-02-20", 3, BORN),
            (1, "Moderna", "2022-06-25", 4, BORN),
        ],
        ["", "", "", "too_many_doses"],
    ),
    "date after the export": ([(1, "Pfizer", "2022-08-01", 1, BORN)], ["date_in_future"]),
    "date before the rollout in Viet Nam": ([(1, "Pfizer", "2021-03-07", 1, BORN)], ["date_before_rollout"]),
    "the rollout day itself": ([(1, "AstraZeneca", "2021-03-08", 1, BORN)], [""]),
    "date before birth (and before the rollout)": (
        [(1, "Pfizer", "2021-03-01", 1, "2021-04-01")],
        ["date_before_rollout;date_before_birth"],
    ),
    "date missing": ([(1, "Pfizer", "", 1, BORN)], ["date_missing"]),
    "date unreadable": ([(1, "Pfizer", "bad", 1, BORN)], ["date_invalid"]),
    "unknown vaccine": ([(1, "Covaxin", "2021-09-01", 1, BORN)], ["vaccine_unknown"]),
    "vaccine missing": ([(1, "", "2021-09-01", 1, BORN)], ["vaccine_missing"]),
    "a wrong date takes no part in the timeline": (
        [
            (1, "Janssen", "2021-07-15", 1, BORN),
            (1, "Pfizer", "2021-10-20", 2, BORN),
            (1, "Pfizer", "2022-02-20", 3, BORN),
            (1, "Pfizer", "2023-02-20", 4, BORN),
        ],
        ["", "", "", "date_in_future"],
    ),
    "rows in any input order": (
        [
            (1, "Pfizer", "2021-08-22", 2, BORN),
            (2, "Moderna", "2021-09-01", 1, BORN),
            (1, "Pfizer", "2021-08-01", 1, BORN),
        ],
        ["", "", ""],
    ),
}


@pytest.mark.parametrize("rows,expected", CASES.values(), ids=CASES.keys())
def test_dose_rule(rows, expected):
    assert check_doses(_doses(rows), RULES, EXPORT).tolist() == expected


def _frame(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["person_id", "name_fold", "dob", "phone", "id_value"])


A, B = "058080000001", "058080000002"
GROUPS = {
    "rows linked to one ID": (
        [(A, "le an", "01/01/1980", "", A), (A, "le van an", "01/01/1980", "", "")],
        [1, 1],
        [False, False],
    ),
    "unlinked row with the name and birth date of a linked person": (
        [(A, "le an", "01/01/1980", "", A), ("", "le an", "01/01/1980", "", "")],
        [1, 1],
        [False, False],
    ),
    "unlinked row with the name and typed ID of a linked person (birth date mistyped)": (
        [(A, "le an", "01/01/1980", "", A), ("", "le an", "10/01/1980", "", A)],
        [1, 1],
        [False, False],
    ),
    "unlinked rows with the same typed ID and birth date, names typed differently": (
        [("", "l kim hong", "03/05/2000", "", B), ("", "ly kim hong", "03/05/2000", "", B)],
        [1, 1],
        [False, False],
    ),
    "same name and birth date, different phones: two people": (
        [("", "le an", "01/01/1980", "0901", ""), ("", "le an", "01/01/1980", "0902", "")],
        [1, 2],
        [False, False],
    ),
    "same name and birth date, one phone only: one person": (
        [("", "le an", "01/01/1980", "0901", ""), ("", "le an", "01/01/1980", "", "")],
        [1, 1],
        [False, False],
    ),
    "name and birth date shared by two linked people: the unlinked row joins neither": (
        [
            (A, "le an", "01/01/1980", "", ""),
            (B, "le an", "01/01/1980", "", ""),
            ("", "le an", "01/01/1980", "", ""),
        ],
        [1, 2, 3],
        [False, False, False],
    ),
    "same name, birth date and phone linked to two people: both reported": (
        [(A, "le an", "01/01/1980", "0901", ""), (B, "le an", "01/01/1980", "0901", "")],
        [1, 2],
        [True, True],
    ),
    "the odd one out of three is reported": (
        [
            (A, "le an", "01/01/1980", "0901", ""),
            (A, "le an", "01/01/1980", "0901", ""),
            (B, "le an", "01/01/1980", "0901", ""),
        ],
        [1, 1, 2],
        [False, False, True],
    ),
    "name and birth year alone do not join a linked person": (
        [(A, "le an", "01/01/1980", "0901", A), ("", "le an", "1980", "", "")],
        [1, 2],
        [False, False],
    ),
    "name, birth year and the same phone do": (
        [(A, "le an", "01/01/1980", "0901", A), ("", "le an", "1980", "0901", "")],
        [1, 1],
        [False, False],
    ),
    "two unlinked rows with name and birth year only stay apart": (
        [("", "le an", "1980", "", ""), ("", "le an", "1980", "", "")],
        [1, 2],
        [False, False],
    ),
    "typed ID and birth date of a linked person join it despite a name typo": (
        [(A, "truong thanh vy", "06/05/1998", "", A), ("", "truog vy", "06/05/1998", "", A)],
        [1, 1],
        [False, False],
    ),
    "the same typed ID with a full date and a year only is one person": (
        [("", "wang wei", "03/02/1955", "", "C6845454"), ("", "wang wei", "1955", "", "C6845454")],
        [1, 1],
        [False, False],
    ),
    "a namesake born the same day with another ID and phone is another person": (
        [(A, "nguyen van dat", "25/10/1949", "0901", A), ("", "nguyen van dat", "25/10/1949", "0902", B)],
        [1, 2],
        [False, False],
    ),
    "rows without name or birth date stay alone": (
        [("", "", "01/01/1980", "", ""), ("", "", "01/01/1980", "", "")],
        [1, 2],
        [False, False],
    ),
}


@pytest.mark.parametrize("rows,groups,reported", GROUPS.values(), ids=GROUPS.keys())
def test_grouping(rows, groups, reported):
    group, conflict = assign_groups(_frame(rows))
    assert group.tolist() == groups
    assert conflict.tolist() == reported


@pytest.mark.parametrize(
    "written,canonical",
    [
        ("AstraZeneca", "AstraZeneca"),
        ("AZD1222", "AstraZeneca"),
        ("vaxzevria", "AstraZeneca"),
        ("Pfizer-BioNTech", "Pfizer"),
        ("COMIRNATY", "Pfizer"),
        ("Spikevax", "Moderna"),
        ("Vero Cell", "Vero Cell"),
        ("Sinopharm", "Vero Cell"),
        ("Hayat-Vax", "Hayat-Vax"),
        ("Sputnik V", "Sputnik V"),
        ("Abdala", "Abdala"),
        ("Johnson & Johnson", "Janssen"),
        ("Covaxin", ""),
        ("", ""),
    ],
)
def test_vaccine_names(written, canonical):
    assert RULES.canonical(pd.Series([written])).iloc[0] == canonical


def test_user_rules_override_the_packaged_ones(tmp_path):
    path = tmp_path / "vaccines.yaml"
    path.write_text(
        "vaccines:\n  AstraZeneca: {aliases: [AZ], primary_doses: 2, min_interval_days: 56}\n"
        "boosters: {max: 1}\n",
        "utf-8",
    )
    rules = load_rules(path)
    assert rules.min_interval["AstraZeneca"] == 56 and rules.max_boosters == 1
    assert rules.min_interval["Pfizer"] == 21  # untouched vaccines stay
    doses = _doses([(1, "AZ", "2021-06-01", 1, BORN), (1, "AZ", "2021-07-06", 2, BORN)])
    assert check_doses(doses, rules, EXPORT).tolist() == ["", "interval_too_short"]


@pytest.mark.parametrize(
    "text,message",
    [
        ("vaccines:\n  X: {primary_doses: two, min_interval_days: 1}\n", "must be a whole number"),
        ("vaccines:\n  X: {doses: 2}\n", "Unknown setting 'vaccines.X.doses'"),
        ("boosterz: {}\n", "Unknown setting 'boosterz'"),
        ("vaccines:\n  X: {aliases: []}\n", "needs min_interval_days"),
    ],
)
def test_bad_rules_file_is_named(tmp_path, text, message):
    path = tmp_path / "vaccines.yaml"
    path.write_text(text, "utf-8")
    with pytest.raises(ConfigError, match=message):
        load_rules(path)


def test_no_row_is_lost_by_the_checks():
    rng = np.random.default_rng(1)
    rows = [
        (int(g), "Pfizer", f"2021-{m:02d}-01", int(k), BORN)
        for g, m, k in zip(
            rng.integers(0, 30, 300), rng.integers(4, 13, 300), rng.integers(0, 4, 300), strict=True
        )
    ]
    assert len(check_doses(_doses(rows), RULES, EXPORT)) == 300
