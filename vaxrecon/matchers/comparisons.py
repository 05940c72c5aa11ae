"""Comparison levels per field, ordered best to worst (null level last), computed over aligned
left/right frames of candidate pairs. Each comparison returns level indices into its LEVELS."""

from __future__ import annotations

import numpy as np
import pandas as pd
from rapidfuzz import process
from rapidfuzz.distance import JaroWinkler, Levenshtein

LEVELS: dict[str, list[str]] = {
    "id": ["exact", "old_cmnd", "one_edit", "different", "missing"],
    "name": ["exact", "tone", "folded", "reordered", "middle_dropped", "fuzzy_high", "fuzzy_low",
             "different", "missing"],
    "dob": ["exact", "swapped", "one_digit", "year_only", "year_off", "different", "missing"],
    "gender": ["agree", "disagree", "missing"],
    "commune": ["agree", "disagree", "missing"],
}
# The columns comparisons read; `matching_frame` makes them plain numpy-backed object/int columns.
MATCH_COLUMNS = ["id_kind", "id_value", "person_id", "cmnd", "name_lower", "name_key", "name_fold",
                 "name_nospace", "family", "middle", "given", "name_sorted", "dob_y", "dob_m", "dob_d",
                 "dob_precision", "gender", "commune_code"]
# Levels that carry no evidence either way (weight 0), like Splink's null level.
NULL_LEVELS = {"id": "missing", "name": "missing", "dob": "missing", "gender": "missing",
               "commune": "missing"}


def matching_frame(df: pd.DataFrame) -> pd.DataFrame:
    """The comparison columns as numpy object/int arrays, so taking pairs and testing equality is
    cheap (Arrow-backed strings are slow to gather millions of times). Apply it once per frame."""
    out = {}
    for col in MATCH_COLUMNS:
        if col == "name_lower":
            src = df["name"].str.lower()
        elif col == "name_nospace":
            src = df["name_fold"].str.replace(" ", "", regex=False)
        elif col in df.columns:
            src = df[col]
        else:
            src = pd.Series("", index=df.index)
        if col.startswith("dob_") and col != "dob_precision":
            out[col] = pd.Series(src.to_numpy(dtype=np.int64))
        else:
            out[col] = pd.Series(src.fillna("").astype(str).to_numpy(dtype=object), dtype=object)
    return pd.DataFrame(out)


def _levels(field: str, conditions: list[tuple[str, np.ndarray]], n: int) -> np.ndarray:
    """First matching condition wins, in the order given; unmatched rows get 'different'."""
    names = LEVELS[field]
    default = names.index("different") if "different" in names else names.index("disagree")
    out = np.full(n, default, dtype=np.int8)
    done = np.zeros(n, dtype=bool)
    for level, cond in conditions:
        take = np.asarray(cond, dtype=bool) & ~done
        out[take] = names.index(level)
        done |= take
    return out


def _digits(values: np.ndarray, width: int) -> np.ndarray:
    """Fixed-width digit strings as a (n, width) uint8 matrix."""
    joined = "".join(values.astype(f"U{width}").tolist()).encode("ascii")
    return np.frombuffer(joined, dtype=np.uint8).reshape(-1, width)


def one_edit(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """True where two 12-digit strings differ by one substitution or one adjacent transposition."""
    ok = (pd.Series(a).str.len().to_numpy() == 12) & (pd.Series(b).str.len().to_numpy() == 12)
    out = np.zeros(len(a), dtype=bool)
    if not ok.any():
        return out
    x, y = _digits(a[ok], 12), _digits(b[ok], 12)
    diff = x != y
    count = diff.sum(axis=1)
    swap = (diff[:, :-1] & diff[:, 1:] & (x[:, :-1] == y[:, 1:]) & (x[:, 1:] == y[:, :-1])).any(axis=1)
    out[ok] = (count == 1) | ((count == 2) & swap)
    return out


def compare_id(left: pd.DataFrame, right: pd.DataFrame) -> np.ndarray:
    kind = left["id_kind"].to_numpy()
    value = left["id_value"].to_numpy(dtype=object)
    pid = right["person_id"].to_numpy(dtype=object)
    p_cmnd = right["cmnd"].to_numpy(dtype=object)
    l_cmnd = left["cmnd"].to_numpy(dtype=object)
    cccd = kind == "cccd"
    exact = cccd & (value == pid)
    old = (l_cmnd != "") & (l_cmnd == p_cmnd)
    one = cccd & one_edit(value.astype(str), pid.astype(str))
    no_cmnd_to_compare = (kind == "cmnd") & (p_cmnd == "")
    missing = ~np.isin(kind, ["cccd", "cmnd"]) | no_cmnd_to_compare
    return _levels("id", [("exact", exact), ("one_edit", one), ("old_cmnd", old),
                          ("missing", missing)], len(left))


def name_similarity(left: pd.DataFrame, right: pd.DataFrame) -> dict[str, np.ndarray]:
    """Edit distance and Jaro–Winkler on folded names without spaces (so joined and spaced
    minority names compare alike) and on given names (rapidfuzz, pairwise)."""
    lf, rf = left["name_nospace"].tolist(), right["name_nospace"].tolist()
    lg, rg = left["given"].tolist(), right["given"].tolist()
    return {
        "lev": process.cpdist(lf, rf, scorer=Levenshtein.distance, workers=-1),
        "jw": process.cpdist(lf, rf, scorer=JaroWinkler.normalized_similarity, workers=-1),
        "jw_given": process.cpdist(lg, rg, scorer=JaroWinkler.normalized_similarity, workers=-1),
    }


def compare_name(left: pd.DataFrame, right: pd.DataFrame) -> np.ndarray:
    n = len(left)
    lf, rf = left["name_fold"].to_numpy(), right["name_fold"].to_numpy()
    sim = name_similarity(left, right) if n else {"lev": np.zeros(0), "jw": np.zeros(0),
                                                   "jw_given": np.zeros(0)}
    nospace_l, nospace_r = left["name_nospace"].to_numpy(), right["name_nospace"].to_numpy()
    same_ends = ((left["family"].to_numpy() == right["family"].to_numpy())
                 & (left["given"].to_numpy() == right["given"].to_numpy())
                 & (left["family"].to_numpy() != ""))
    return _levels("name", [
        ("missing", lf == ""),
        ("exact", left["name_lower"].to_numpy() == right["name_lower"].to_numpy()),
        ("tone", left["name_key"].to_numpy() == right["name_key"].to_numpy()),
        ("folded", lf == rf),
        ("reordered", (left["name_sorted"].to_numpy() == right["name_sorted"].to_numpy())
         | (nospace_l == nospace_r)),
        ("middle_dropped", same_ends),
        ("fuzzy_high", (sim["lev"] <= 1) | ((sim["lev"] <= 2) & (sim["jw_given"] >= 0.9))),
        ("fuzzy_low", (sim["jw"] >= 0.88) & (sim["jw_given"] >= 0.8)),
    ], n)


def compare_dob(left: pd.DataFrame, right: pd.DataFrame) -> np.ndarray:
    ly, lm, ld = (left[c].to_numpy() for c in ("dob_y", "dob_m", "dob_d"))
    ry, rm, rd = (right[c].to_numpy() for c in ("dob_y", "dob_m", "dob_d"))
    lp, rp = left["dob_precision"].to_numpy(), right["dob_precision"].to_numpy()
    both_day = (lp == "day") & (rp == "day")
    lnum = ld * 1_000_000 + lm * 10_000 + ly
    rnum = rd * 1_000_000 + rm * 10_000 + ry
    digit_diff = sum(((lnum // 10**k) % 10 != (rnum // 10**k) % 10).astype(int) for k in range(8))
    return _levels("dob", [
        ("missing", (lp == "") | (rp == "")),
        ("exact", both_day & (ly == ry) & (lm == rm) & (ld == rd)),
        ("swapped", both_day & (ly == ry) & (lm == rd) & (ld == rm)),
        ("one_digit", both_day & (digit_diff == 1)),
        ("year_only", ((lp == "year") | (rp == "year")) & (ly == ry)),
        ("year_off", both_day & (lm == rm) & (ld == rd) & (np.abs(ly - ry) == 1)),
    ], len(left))


def compare_gender(left: pd.DataFrame, right: pd.DataFrame) -> np.ndarray:
    lg, rg = left["gender"].to_numpy(), right["gender"].to_numpy()
    return _levels("gender", [("missing", (lg == "") | (rg == "")), ("agree", lg == rg)], len(left))


def compare_commune(left: pd.DataFrame, right: pd.DataFrame) -> np.ndarray:
    lc, rc = left["commune_code"].to_numpy(), right["commune_code"].to_numpy()
    return _levels("commune", [("missing", (lc == "") | (rc == "")), ("agree", lc == rc)], len(left))


COMPARISONS = {"id": compare_id, "name": compare_name, "dob": compare_dob,
               "gender": compare_gender, "commune": compare_commune}


def compare(left: pd.DataFrame, right: pd.DataFrame) -> pd.DataFrame:
    """Level index per field for aligned pairs (row i of ``left`` against row i of ``right``)."""
    return pd.DataFrame({f: fn(left, right) for f, fn in COMPARISONS.items()})
