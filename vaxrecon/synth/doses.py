"""Vaccination dose records as a platform export would give them, for the data-cleaning campaign."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from vaxrecon.synth.entry_errors import ErrorLog, corrupt_dates, corrupt_genders, corrupt_ids, corrupt_names

# vaccine -> (shortest, longest) days between dose 1 and dose 2
INTERVALS = {"AstraZeneca": (56, 84), "Pfizer": (21, 28), "Moderna": (28, 35), "Vero Cell": (21, 28)}


def make_doses(rng: np.random.Generator, people: pd.DataFrame, syn: dict, reference: dt.date
               ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One row per dose (with identity errors, duplicates, disorder, short intervals) and truth."""
    dcfg = syn["doses"]
    counts = rng.choice(len(dcfg["per_person"]), size=len(people), p=dcfg["per_person"])
    who = np.repeat(np.arange(len(people)), counts)
    person = people.iloc[who].reset_index(drop=True)
    number = pd.Series(who).groupby(who).cumcount().to_numpy() + 1
    vaccines = np.array(list(INTERVALS))
    vacc = vaccines[rng.integers(0, len(vaccines), len(people))][who]
    start = pd.Timestamp("2021-03-01") + pd.to_timedelta(rng.integers(0, 200, len(people)), unit="D")
    lo = np.array([INTERVALS[v][0] for v in vacc])
    hi = np.array([INTERVALS[v][1] for v in vacc])
    gap2 = rng.integers(0, 1000, len(who)) % (hi - lo + 1) + lo
    short = (number == 2) & (rng.random(len(who)) < dcfg["interval_too_short"])
    gap2 = np.where(short, rng.integers(7, 14, len(who)), gap2)
    gap3 = rng.integers(90, 180, len(who))
    offset = np.select([number == 1, number == 2], [0, gap2], gap2 + gap3)
    date = start[who] + pd.to_timedelta(offset, unit="D")
    date = np.minimum(date.to_numpy(), np.datetime64(reference))
    swap = (number == 2) & (rng.random(len(who)) < dcfg["out_of_order"])
    shown_number = np.where(swap, 1, number)
    prev = np.flatnonzero(swap) - 1
    shown_number[prev[prev >= 0]] = 2
    log = ErrorLog(len(person))
    rates = syn["errors"]
    doses = pd.DataFrame({
        "MA_MUI_TIEM": [f"MT{i:08d}" for i in range(1, len(person) + 1)],
        "HO_TEN": corrupt_names(rng, person["name"], rates, log),
        "NGAY_SINH": corrupt_dates(rng, person["dob"], rates, log, reference, excel_dates=False),
        "GIOI_TINH": corrupt_genders(rng, person["gender"], rates, log).map({"M": "Nam", "F": "Nữ"}),
        "SO_CMT_CCCD": corrupt_ids(rng, person["person_id"], person["cmnd"], person["person_id"]
                                   .sample(frac=1, random_state=int(rng.integers(2**31))),
                                   rates, log, numeric_cells=False).astype(str).replace("None", ""),
        "TEN_VAC_XIN": vacc, "MUI_SO": shown_number,
        "NGAY_TIEM": pd.to_datetime(date).strftime("%d/%m/%Y"),
        "LO_VAC_XIN": pd.Series(rng.integers(1000, 9999, len(person))).astype(str).radd("L"),
    })
    issue = np.select([short, swap | np.isin(np.arange(len(who)), prev)],
                      ["interval_too_short", "out_of_order"], "")
    truth = pd.DataFrame({"record_id": doses["MA_MUI_TIEM"], "person_id": person["person_id"],
                          "issue": issue, "duplicate_of": ""})
    dup = rng.random(len(doses)) < dcfg["duplicate_entry"]
    copies = doses[dup].copy()
    copies["MA_MUI_TIEM"] = [f"MT{i:08d}" for i in range(len(doses) + 1, len(doses) + 1 + len(copies))]
    dup_truth = truth[dup].assign(record_id=copies["MA_MUI_TIEM"].to_numpy(), issue="duplicate_entry",
                                  duplicate_of=truth.loc[dup, "record_id"].to_numpy())
    return (pd.concat([doses, copies], ignore_index=True),
            pd.concat([truth, dup_truth], ignore_index=True))
