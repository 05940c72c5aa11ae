"""One timeline per person: dose rows grouped by the linked personal ID, or, when unlinked, by
typed ID or normalised name + birth date (+ phone), even when typed differently at each visit.

Every key is an integer code (-1 for none), so grouping is array work over all rows at once."""

from __future__ import annotations

import numpy as np
import pandas as pd

_NONE = -1


def _codes(values: pd.Series) -> np.ndarray:
    """An integer code per distinct non-blank value, -1 for blank."""
    codes, uniques = pd.factorize(values, sort=False)
    codes = codes.astype(np.int64)
    blank = np.flatnonzero(np.asarray(uniques, dtype=object) == "")
    if len(blank):
        codes[codes == blank[0]] = _NONE
    return codes


def _pair(a: np.ndarray, b: np.ndarray, keep: np.ndarray | bool = True) -> np.ndarray:
    """A code per distinct (a, b) where both are codes and ``keep``, else -1."""
    ok = (a >= 0) & (b >= 0) & keep
    out = np.full(len(a), _NONE, dtype=np.int64)
    if ok.any():
        out[ok] = pd.factorize(a[ok] * (int(b[ok].max()) + 1) + b[ok], sort=False)[0]
    return out


def _take(table: np.ndarray, keys: np.ndarray, default: object) -> np.ndarray:
    """``table[key]`` per key, ``default`` where the key is -1 or beyond the table."""
    out = np.full(len(keys), default, dtype=table.dtype)
    has = (keys >= 0) & (keys < len(table))
    out[has] = table[keys[has]]
    return out


def _first_id(keys: np.ndarray, ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per key code, over the rows with both a key and an ID: its only ID (-1 when it has none or
    several), and whether it has several."""
    size = int(keys.max(initial=_NONE)) + 1
    ok = (keys >= 0) & (ids >= 0)
    width = int(ids.max(initial=0)) + 1
    pairs = pd.unique(keys[ok] * width + ids[ok])
    count = np.bincount(pairs // width, minlength=size)
    only = np.full(size, _NONE, dtype=np.int64)
    only[pairs // width] = pairs % width
    only[count != 1] = _NONE
    return only, count > 1


def _agrees(found: np.ndarray, values: np.ndarray, anchors: np.ndarray, among: np.ndarray) -> np.ndarray:
    """Whether each row's value (an ID or phone) does not contradict the anchor it would join: it
    is blank, the anchor has none, or the anchor's rows have it too."""
    given = among & (values >= 0) & (anchors >= 0)
    width = int(values.max(initial=0)) + 1
    has = np.zeros(int(max(anchors.max(initial=0), found.max(initial=0))) + 1, dtype=bool)
    has[anchors[given]] = True
    joined = (found >= 0) & (values >= 0)
    known = np.zeros(len(found), dtype=bool)
    known[joined] = pd.Index(found[joined] * width + values[joined]).isin(
        anchors[given] * width + values[given]
    )
    return (values < 0) | ~_take(has, found, False) | known


def _attach(
    person: np.ndarray,
    keys: np.ndarray,
    anchors: np.ndarray,
    among: np.ndarray,
    checks: tuple[np.ndarray, ...] = (),
) -> np.ndarray:
    """Rows without a person yet take the one anchor their key has among the ``among`` rows, unless
    one of ``checks`` (typed IDs, phones) contradicts it."""
    only, _ = _first_id(np.where(among, keys, _NONE), anchors)
    found = _take(only, keys, _NONE)
    ok = (person < 0) & (found >= 0)
    for values in checks:
        ok &= _agrees(found, values, anchors, among)
    return np.where(ok, found, person)


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
    n = len(frame)
    text = {
        c: frame[c].fillna("").astype(str) for c in ("person_id", "name_fold", "dob", "phone", "id_value")
    }
    ids = _codes(pd.concat([text["person_id"], text["id_value"]], ignore_index=True))
    pid, typed = ids[:n], ids[n:]  # one code space: a typed ID equal to a linked one is the same
    name, dob, phone = _codes(text["name_fold"]), _codes(text["dob"]), _codes(text["phone"])
    year = _codes(text["dob"].str.slice(-4))
    linked = pid >= 0
    full = text["dob"].str.fullmatch(r"\d{2}/\d{2}/\d{4}").to_numpy(dtype=bool)
    ident = _pair(name, dob, full)
    by_phone = _pair(_pair(name, year), phone)
    own_id = np.where(linked, pid, typed)

    anchor = pid.copy()  # a linked person's anchor is their ID's code
    person = _attach(anchor.copy(), _pair(name, own_id), anchor, linked)
    person = _attach(person, _pair(own_id, dob, full), anchor, linked)
    person = _attach(person, ident, anchor, linked, (own_id, phone))
    person = _attach(person, by_phone, anchor, linked, (own_id,))
    t_code = _pair(typed, year, person < 0)
    t_anchor = np.where(t_code >= 0, t_code + len(ids), _NONE)  # after every ID's code
    person = np.where(person >= 0, person, t_anchor)
    loose = t_anchor >= 0
    person = _attach(person, ident, t_anchor, loose, (typed, phone))
    person = _attach(person, by_phone, t_anchor, loose, (typed,))

    _, split = _first_id(ident, phone)  # one name and date with several phones
    by_ident = _pair(ident, np.where(_take(split, ident, False), phone + 1, 0))
    kind = np.select([person >= 0, by_ident >= 0, by_phone >= 0], [0, 1, 2], 3)
    code = np.select([kind == 0, kind == 1, kind == 2], [person, by_ident, by_phone], np.arange(n))
    group = pd.factorize(kind * (np.int64(1) << 40) + code, sort=False)[0] + 1

    near = _pair(ident, phone)
    _, several = _first_id(np.where(linked, near, _NONE), pid)
    shared = _take(several, near, False) & linked
    sub = pd.DataFrame({"k": near[shared], "id": pid[shared]})
    n_id = sub.groupby(["k", "id"])["id"].transform("size")
    n_max = n_id.groupby(sub["k"]).transform("max")
    tied = sub[n_id == n_max].drop_duplicates()["k"].value_counts()
    odd = (n_id < n_max) | sub["k"].isin(tied.index[tied > 1])
    minority = np.zeros(n, dtype=bool)
    minority[np.flatnonzero(shared)[odd.to_numpy()]] = True
    return group.astype(np.int64), minority
