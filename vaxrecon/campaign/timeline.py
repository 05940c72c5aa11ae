"""One timeline per person: dose rows grouped by the linked personal ID, or, when unlinked, by
typed ID or normalised name + birth date (+ phone), even when typed differently at each visit."""

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


def _agrees(found: pd.Series, values: pd.Series, anchors: pd.Series, among: pd.Series) -> pd.Series:
    """Whether each row's value (an ID or phone) does not contradict the anchor it would join: it
    is blank, the anchor has none, or the anchor's rows have it too."""
    given = among & (values != "") & (anchors != "")
    known = set(anchors[given] + "|" + values[given])
    has = set(anchors[given])
    return (values == "") | ~found.isin(has) | (found + "|" + values).isin(known)


def _attach(
    person: pd.Series,
    keys: pd.Series,
    anchors: pd.Series,
    among: pd.Series,
    checks: tuple[pd.Series, ...] = (),
) -> pd.Series:
    """Rows without a person yet take the one anchor their key has among the ``among`` rows, unless
    one of ``checks`` (typed IDs, phones) contradicts it."""
    only, _ = _first_id(keys[among], anchors[among])
    found = _lookup(keys, only, "")
    ok = (person == "") & (keys != "") & (found != "")
    for values in checks:
        ok &= _agrees(found, values, anchors, among)
    return person.where(~ok, found)


def assign_groups(frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """(group number per row, numbered in input order; rows linked to another person than the rest
    of their name + birth date + phone).

    ``frame`` needs ``person_id`` (linked ID or ''), ``name_fold``, ``dob`` (dd/mm/yyyy or a year),
    ``phone``, ``id_value``. Linked rows group by their ID. An unlinked row joins a linked person
    when its name + typed ID, its typed ID + full birth date, its name + full birth date, or its name
    + birth year + phone belongs to that person alone and its typed ID and phone do not contradict
    theirs; else the same by typed ID + birth year (one person's unlinked rows, their ID typed the
    same); else rows group by name + full birth date (split by phone when one name and date come
    with several), or name + birth year + phone. A row with none of these stays alone: a year of
    birth and a name are too weak to join anyone.
    """
    pid = frame["person_id"].fillna("").astype(str)
    name = frame["name_fold"].fillna("").astype(str)
    dob = frame["dob"].fillna("").astype(str)
    phone = frame["phone"].fillna("").astype(str)
    typed = frame["id_value"].fillna("").astype(str)
    linked = pid != ""
    full = dob.str.fullmatch(r"\d{2}/\d{2}/\d{4}")
    year = dob.str.slice(-4).where(dob != "", "")
    ident = (name + "|" + dob).where((name != "") & full, "")
    by_phone = (name + "|" + year + "|" + phone).where((name != "") & (year != "") & (phone != ""), "")
    id_dob = (typed + "|" + dob).where((typed != "") & full, "")

    anchor = ("P" + pid).where(linked, "")
    person = anchor.copy()
    named_id = (name + "|" + pid).where(linked, name + "|" + typed)
    named_id = named_id.where((name != "") & (linked | (typed != "")), "")
    person = _attach(person, named_id, anchor, linked)
    person = _attach(person, (pid + "|" + dob).where(linked & full, id_dob), anchor, linked)
    own_id = pid.where(linked, typed)
    person = _attach(person, ident, anchor, linked, (own_id, phone))
    person = _attach(person, by_phone, anchor, linked, (own_id,))
    t_anchor = ("T" + typed + "|" + year).where((person == "") & (typed != "") & (year != ""), "")
    person = person.where(person != "", t_anchor)
    loose = t_anchor != ""
    person = _attach(person, ident, t_anchor, loose, (typed, phone))
    person = _attach(person, by_phone, t_anchor, loose, (typed,))

    phones = phone.where(phone != "").groupby(ident).transform("nunique")
    split = (phones > 1).to_numpy()
    by_ident = "U" + ident + np.where(split, "|" + phone, "")
    key = np.where(
        person != "",
        person,
        np.where(
            ident != "",
            by_ident,
            np.where(by_phone != "", "V" + by_phone, "R" + pd.Series(np.arange(len(frame))).astype(str)),
        ),
    )
    group = pd.factorize(pd.Series(key), sort=False)[0] + 1

    usable = ident != ""
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
