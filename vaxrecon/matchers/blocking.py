"""Candidate pairs: the union of equi-joins on blocking keys, never all pairs.

Keys are integer-coded (names factorised over both sides) so joins are cheap. A key value shared
by more extract rows than ``max_block_size`` is dropped, which keeps the pair count near-linear.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

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


def _codes(left: pd.Series, right: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Factorise two text columns together; empty text gets code 0."""
    both = pd.concat([left, right], ignore_index=True).fillna("")
    codes, uniques = pd.factorize(both)
    codes = codes + 1
    empty = np.flatnonzero(uniques == "")
    if len(empty):
        codes[codes == empty[0] + 1] = 0
    return codes[: len(left)], codes[len(left) :]


def _digits_key(s: pd.Series, ok: np.ndarray, *spans: tuple[int, int]) -> np.ndarray:
    """The digits of ``s`` at the given spans as one integer (+1; 0 where not ``ok``)."""
    text = s.str.slice(*spans[0])
    for start, stop in spans[1:]:
        text = text + s.str.slice(start, stop)
    part = pd.to_numeric(text.where(ok, ""), errors="coerce")
    return part.fillna(-1).astype(np.int64).to_numpy() + 1


def key_frames(left: pd.DataFrame, right: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Integer key columns for both sides (0 = no value)."""
    l_cccd = left["id_value"].where(left["id_kind"] == "cccd", "")
    sides = []
    for frame, ids, cmnd in ((left, l_cccd, left["cmnd"]), (right, right["person_id"], right["cmnd"])):
        ok = (ids.str.len() == 12).to_numpy()
        sides.append(
            pd.DataFrame(
                {
                    "id12": _digits_key(ids, ok, (0, 12)),
                    "id_v1": _digits_key(ids, ok, (0, 8)),
                    "id_v2": _digits_key(ids, ok, (4, 12)),
                    "id_v3": _digits_key(ids, ok, (0, 4), (8, 12)),
                    "cmnd9": _digits_key(cmnd, (cmnd.str.len() == 9).to_numpy(), (0, 9)),
                    "dob_y": frame["dob_y"].to_numpy(),
                    "dob_m": frame["dob_m"].to_numpy(),
                    "dob_d": frame["dob_d"].to_numpy(),
                }
            )
        )
    for col, src in (
        ("name_c", "name_fold"),
        ("given_c", "given"),
        ("family_c", "family"),
        ("sorted_c", "name_sorted"),
        ("commune_c", "commune_code"),
    ):
        a, b = _codes(left[src], right[src])
        sides[0][col], sides[1][col] = a, b
    a, b = _codes(left["name_nospace"], right["name_nospace"])
    sides[0]["nospace_c"], sides[1]["nospace_c"] = a, b
    return sides[0], sides[1]


def candidate_pairs(left: pd.DataFrame, right: pd.DataFrame, max_block_size: int) -> pd.DataFrame:
    """Distinct (li, ri) positional pairs from every blocking rule, with the first rule that hit."""
    lk, rk = key_frames(left, right)
    found = []
    for rule, cols in RULES.items():
        l_idx = lk.loc[(lk[cols] > 0).all(axis=1), cols].reset_index(names="li")
        r_idx = rk.loc[(rk[cols] > 0).all(axis=1), cols].reset_index(names="ri")
        if l_idx.empty or r_idx.empty:
            continue
        r_idx = r_idx.merge(l_idx[cols].drop_duplicates(), on=cols)  # keys the list uses
        size = r_idx.groupby(cols, sort=False)["ri"].transform("size")
        merged = l_idx.merge(r_idx[size <= max_block_size], on=cols)[["li", "ri"]]
        merged["rule"] = rule
        found.append(merged)
    if not found:
        return pd.DataFrame(
            {"li": pd.Series(dtype=np.int64), "ri": pd.Series(dtype=np.int64), "rule": pd.Series(dtype=str)}
        )
    pairs = pd.concat(found, ignore_index=True)
    return pairs.drop_duplicates(["li", "ri"], keep="first").reset_index(drop=True)
