"""Candidate pairs: the union of equi-joins on blocking keys, never all pairs.

Keys are integers (ID digits as numbers, names as 62-bit hashes of their normalised text), the same
for a row whichever side, partition or machine codes it, so joins are cheap and an extract can be
keyed a partition at a time. A key value shared by more extract rows than ``max_block_size`` is
dropped, which keeps the pair count near-linear.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from vaxrecon.matchers.comparisons import id_number, text_code

# Each rule: the columns that must all agree (and be non-empty) for a pair to be a candidate.
RULES: dict[str, list[str]] = {
    "id": ["id12"],
    "cmnd": ["cmnd9"],
    # One substitution leaves one of these three 8-digit views of a 12-digit ID intact.
    "id_view1_given": ["id_v1", "given_c"],
    "id_view2_given": ["id_v2", "given_c"],
    "id_view3_given": ["id_v3", "given_c"],
    "name_year": ["name_c", "dob_y"],
    "nospace_year": ["nospace_c", "dob_y"],
    "sorted_year": ["sorted_c", "dob_y"],
    "given_dob": ["given_c", "dob_y", "dob_m", "dob_d"],
    "family_dob": ["family_c", "dob_y", "dob_m", "dob_d"],
    "family_given_year": ["family_c", "given_c", "dob_y"],
    "name_monthday": ["name_c", "dob_m", "dob_d"],
    "family_year_commune": ["family_c", "dob_y", "commune_c"],
    "given_year_commune": ["given_c", "dob_y", "commune_c"],
    "name_commune": ["name_c", "commune_c"],
}


def _digits_key(number: np.ndarray, *spans: tuple[int, int], width: int = 12) -> np.ndarray:
    """The digits of 12-digit ``number`` at the given spans as one integer (+1; 0 where -1)."""
    key = np.zeros(len(number), dtype=np.int64)
    for start, stop in spans:
        part = (number // 10 ** (width - stop)) % 10 ** (stop - start)
        key = key * 10 ** (stop - start) + part
    return np.where(number >= 0, key + 1, 0)


_TEXT_KEYS = {
    "name_c": "name_fold",
    "given_c": "given",
    "family_c": "family",
    "sorted_c": "name_sorted",
    "commune_c": "commune_code",
    "nospace_c": "name_nospace",
}


def block_keys(frame: pd.DataFrame, listed: bool) -> pd.DataFrame:
    """Integer key columns of one side (0 = no value): ``listed`` rows key the 12-digit ID they
    give, extract rows their personal ID. ``frame`` is a
    :func:`~vaxrecon.matchers.comparisons.matching_frame` (or holds its ID and text columns)."""
    ids = frame["id_num" if listed else "pid_num"].to_numpy()
    keys = pd.DataFrame(
        {
            "id12": _digits_key(ids, (0, 12)),
            "id_v1": _digits_key(ids, (0, 8)),
            "id_v2": _digits_key(ids, (4, 12)),
            "id_v3": _digits_key(ids, (0, 4), (8, 12)),
            "cmnd9": _digits_key(id_number(frame["cmnd"], 9), (0, 9), width=9),
            "dob_y": frame["dob_y"].to_numpy(),
            "dob_m": frame["dob_m"].to_numpy(),
            "dob_d": frame["dob_d"].to_numpy(),
        }
    )
    for col, src in _TEXT_KEYS.items():
        keys[col] = text_code(frame[src])
    return keys


def rule_rows(keys: pd.DataFrame, rule: str, name: str) -> pd.DataFrame:
    """The rows that have every key of ``rule`` (their positions in column ``name``) and those keys."""
    cols = RULES[rule]
    return keys.loc[(keys[cols] > 0).all(axis=1), cols].reset_index(names=name)


def rule_pairs(l_idx: pd.DataFrame, r_idx: pd.DataFrame, rule: str, max_block_size: int) -> pd.DataFrame:
    """One rule's equi-join (:func:`rule_rows` of both sides), keys shared by more than
    ``max_block_size`` extract rows dropped. ``r_idx`` may hold only the extract rows of keys the
    list uses: each of those keys' rows must all be there."""
    cols = RULES[rule]
    r_idx = r_idx.merge(l_idx[cols].drop_duplicates(), on=cols)  # keys the list uses
    size = r_idx.groupby(cols, sort=False)["ri"].transform("size")
    merged = l_idx.merge(r_idx[size <= max_block_size], on=cols)[["li", "ri"]]
    merged["rule"] = rule
    return merged


def union_pairs(found: list[pd.DataFrame]) -> pd.DataFrame:
    """Distinct (li, ri) pairs of every rule's join (in rule order), with the first rule that hit."""
    found = [f for f in found if len(f)]
    if not found:
        return distinct_pairs(np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.int8))
    rule = [np.full(len(f), list(RULES).index(f["rule"].iat[0]), np.int8) for f in found]
    return distinct_pairs(
        np.concatenate([f["li"].to_numpy(np.int64) for f in found]),
        np.concatenate([f["ri"].to_numpy(np.int64) for f in found]),
        np.concatenate(rule),
    )


def distinct_pairs(li: np.ndarray, ri: np.ndarray, rule: np.ndarray) -> pd.DataFrame:
    """The distinct (li, ri) pairs, each with the first of its ``rule`` s (positions in
    :data:`RULES`), as a categorical of the rules' names."""
    seen = pd.Series(li * (int(ri.max(initial=0)) + 1) + ri).duplicated().to_numpy()  # one integer per pair
    keep = ~seen
    return pd.DataFrame(
        {
            "li": li[keep],
            "ri": ri[keep],
            "rule": pd.Categorical.from_codes(rule[keep], categories=list(RULES)),
        }
    )
