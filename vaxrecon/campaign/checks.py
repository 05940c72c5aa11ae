"""Dose checks over every person's timeline at once (sorted frames, groupby and shift; no loops)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from vaxrecon.campaign.issues import DoseIssue, join_issues
from vaxrecon.campaign.vaccines import Rules

# The columns check_doses reads.
CHECK_COLUMNS = ["group", "vaccine", "vaccine_written", "date", "date_given", "dose_number", "birth"]


def _within(group: np.ndarray, shift: int) -> np.ndarray:
    """Rows whose neighbour ``shift`` places away (in the sorted frame) is in the same group."""
    same = np.zeros(len(group), dtype=bool)
    if shift > 0 and len(group) > shift:
        same[shift:] = group[shift:] == group[:-shift]
    elif shift < 0 and len(group) > -shift:
        same[:shift] = group[:shift] == group[-shift:]
    return same


def check_doses(doses: pd.DataFrame, rules: Rules, export: dt.date) -> pd.Series:
    """';'-separated :class:`DoseIssue` codes per row (positional index), '' when none.

    ``doses``: ``group`` (person), ``vaccine`` (canonical, '' unknown), ``vaccine_written``,
    ``date`` (datetime64, NaT when missing or unreadable), ``date_given`` (a date was written),
    ``dose_number`` (stated, 0 unknown), ``birth`` (datetime64 or NaT).
    """
    n = len(doses)
    group = doses["group"].to_numpy()
    date = pd.to_datetime(doses["date"]).to_numpy()
    has_date = ~np.isnat(date)
    written = doses["vaccine_written"].fillna("").astype(str).str.strip().to_numpy() != ""
    vaccine = doses["vaccine"].fillna("").astype(str).to_numpy()
    future = has_date & (date > np.datetime64(export))
    early = has_date & (date < np.datetime64(rules.rollout))
    birth = pd.to_datetime(doses["birth"]).to_numpy()
    unborn = has_date & ~np.isnat(birth) & (date < birth)
    masks: dict[DoseIssue, np.ndarray] = {
        DoseIssue.DATE_MISSING: ~doses["date_given"].to_numpy(dtype=bool),
        DoseIssue.DATE_INVALID: doses["date_given"].to_numpy(dtype=bool) & ~has_date,
        DoseIssue.DATE_IN_FUTURE: future,
        DoseIssue.DATE_BEFORE_ROLLOUT: early,
        DoseIssue.DATE_BEFORE_BIRTH: unborn,
        DoseIssue.VACCINE_MISSING: ~written,
        DoseIssue.VACCINE_UNKNOWN: written & (vaccine == ""),
    }
    usable = has_date & ~future & ~early & ~unborn
    what = np.where(vaccine != "", vaccine, doses["vaccine_written"].fillna("").astype(str).str.lower())
    same_dose = pd.DataFrame({"g": group, "d": date, "v": what})[usable].duplicated()
    masks[DoseIssue.DUPLICATE_DOSE] = np.zeros(n, dtype=bool)
    masks[DoseIssue.DUPLICATE_DOSE][np.flatnonzero(usable)[same_dose.to_numpy()]] = True
    masks.update(_timeline_issues(doses, rules, usable & ~masks[DoseIssue.DUPLICATE_DOSE]))
    return pd.Series(join_issues(masks, n), index=doses.index, dtype=object)


def _timeline_issues(doses: pd.DataFrame, rules: Rules, keep: np.ndarray) -> dict[DoseIssue, np.ndarray]:
    """Intervals, dose counts and stated numbers over each person's distinct, dated doses."""
    n = len(doses)
    pos_in = np.flatnonzero(keep)
    t = pd.DataFrame(
        {
            "g": doses["group"].to_numpy()[keep],
            "d": pd.to_datetime(doses["date"]).to_numpy()[keep],
            "v": doses["vaccine"].fillna("").to_numpy()[keep],
            "k": doses["dose_number"].to_numpy()[keep],
            "at": pos_in,
        }
    )
    t = t.sort_values(["g", "d", "at"], kind="stable")
    g = t["g"].to_numpy()
    position = t.groupby("g", sort=False).cumcount().to_numpy() + 1
    known = t[t["v"] != ""]
    series = known.drop_duplicates("g").set_index("g")["v"]
    first = t["g"].map(series).astype(object)
    first = first.where(first.notna(), "")
    primary = first.map(rules.primary).fillna(2).astype(int).to_numpy()
    interval = first.map(rules.min_interval).fillna(0).astype(int).to_numpy()
    need = np.select(
        [position <= primary, position == primary + 1],
        [interval, rules.booster_interval],
        rules.next_booster_interval,
    )
    d = t["d"].to_numpy()
    gap = np.zeros(len(t), dtype="timedelta64[D]")
    gap[1:] = (d[1:] - d[:-1]).astype("timedelta64[D]")
    prev_same = _within(g, 1)
    short = prev_same & (gap < need.astype("timedelta64[D]"))
    too_many = position > primary + rules.max_boosters

    k = t["k"].to_numpy()
    stated = k > 0
    s = t[stated]
    sg, sk = s["g"].to_numpy(), s["k"].to_numpy()
    conflict = np.zeros(len(t), dtype=bool)
    conflict[stated] = s.duplicated(["g", "k"], keep=False).to_numpy()
    order = np.zeros(len(s), dtype=bool)
    back = _within(sg, 1)
    down = np.zeros(len(s), dtype=bool)
    down[1:] = back[1:] & (sk[1:] < sk[:-1])
    order |= down
    order[:-1] |= down[1:]
    out_of_order = np.zeros(len(t), dtype=bool)
    out_of_order[stated] = order

    def place(mask: np.ndarray) -> np.ndarray:
        full = np.zeros(n, dtype=bool)
        full[t["at"].to_numpy()[mask]] = True
        return full

    return {
        DoseIssue.INTERVAL_TOO_SHORT: place(short),
        DoseIssue.TOO_MANY_DOSES: place(too_many),
        DoseIssue.DOSE_NUMBER_CONFLICT: place(conflict),
        DoseIssue.DOSE_ORDER: place(out_of_order),
    }
