"""One timeline per person: dose rows grouped by the linked personal ID, or, when unlinked, by
normalised name + birth date (+ phone), even when typed differently at each visit."""

from __future__ import annotations

import numpy as np
import pandas as pd


def _lookup(keys: pd.Series, table: pd.Series, default: object) -> pd.Series:
    """``table[key]`` per key, ``default`` where the key is not in it."""
    found = keys.map(table).astype(object)
    return found.where(found.notna(), default)


def _first_id(keys: pd.Series, ids: pd.Series) -> tuple[pd.Series, pd.Series]:
    """For each key of the linked rows: its only linked ID ('' when it has several), and whether
    it has several."""
    pairs = pd.DataFrame({"k": keys, "id": ids}).drop_duplicates()
    pairs = pairs[pairs["k"] != ""]
    count = pairs.groupby("k")["id"].size()
    only = pairs.drop_duplicates("k").set_index("k")["id"].where(count == 1, "")
    return only, count > 1


def assign_groups(frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """(group number per row, numbered in input order; rows linked to another person than the rest
    of their name + birth date + phone).

    ``frame`` needs ``person_id`` (linked ID or ''), ``name_fold``, ``dob``, ``phone``,
    ``id_value``. An unlinked row joins a linked person when its name + typed ID belongs to a
    linked person, or its name + birth date to exactly one linked person or typed ID + birth date;
    else it groups by typed ID + birth date, else by name + birth date, split by phone when the
    same name and birth date come with different phones.
    """
    pid = frame["person_id"].fillna("").astype(str)
    name = frame["name_fold"].fillna("").astype(str)
    dob = frame["dob"].fillna("").astype(str)
    phone = frame["phone"].fillna("").astype(str)
    linked = pid != ""
    usable = (name != "") & (dob != "")
    ident = (name + "|" + dob).where(usable, "")

    typed = frame["id_value"].fillna("").astype(str)
    anchored = linked | ((typed != "") & (dob != ""))
    anchor = ("P" + pid).where(linked, "T" + typed + "|" + dob).where(anchored, "")
    only, _ = _first_id(ident[anchored], anchor[anchored])
    by_ident = _lookup(ident, only, "").where(~linked & usable, "")
    named_id = (name + "|" + typed).where((name != "") & (typed != ""), "")
    linked_named = set((name + "|" + pid)[linked])
    by_id = ("P" + typed).where(named_id.isin(linked_named) & ~linked, "")
    person = ("P" + pid).where(linked, by_id.where(by_id != "", by_ident.where(by_ident != "", anchor)))
    phones = phone.where(phone != "").groupby(ident).transform("nunique")
    split = (phones > 1).to_numpy()
    loose = ident + np.where(split, "|" + phone, "")
    key = np.where(person != "", person, np.where(ident != "", "U" + loose,
                                                        "R" + pd.Series(np.arange(len(frame))).astype(str)))
    group = pd.factorize(pd.Series(key), sort=False)[0] + 1

    near = (ident + "|" + phone).where(usable & (phone != ""), "")
    _, several = _first_id(near[linked], pid[linked])
    shared = _lookup(near, several, False).astype(bool) & linked
    sub = pd.DataFrame({"k": near[shared], "id": pid[shared]})
    n_id = sub.groupby(["k", "id"])["id"].transform("size")
    n_max = n_id.groupby(sub["k"]).transform("max")
    tops = sub[n_id == n_max].drop_duplicates()
    tied = tops["k"].value_counts()
    odd = (n_id < n_max) | sub["k"].isin(tied.index[tied > 1])
    minority = pd.Series(False, index=frame.index)
    minority[odd.index[odd.to_numpy()]] = True
    return group, minority.to_numpy()
