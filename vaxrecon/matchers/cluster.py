"""Duplicate registrations: rows of one run that are the same person."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd


def list_labels(paths: Sequence[str | Path]) -> list[str]:
    """How ``duplicate_of`` names each list of a run: its file name, or, when another list of the run
    has the same file name, the shortest end of its path that tells them apart ('xa_a/ds.xlsx')."""
    parts = [Path(p).parts or (str(p),) for p in paths]
    labels = []
    for mine in parts:
        same = [o for o in parts if o[-1] == mine[-1] and o != mine]
        k = 1
        while k < len(mine) and any(o[-k:] == mine[-k:] for o in same):
            k += 1
        labels.append("/".join(mine[-k:]))
    return labels


def flag_duplicates(rows: pd.DataFrame, outcomes: pd.DataFrame, lists: pd.Series | None = None) -> pd.Series:
    """The first row of the same person (linked), or the same name, birth date and document
    (unlinked), for every later row of the run, as 'file|sheet|row'; empty for first occurrences.
    ``lists`` names each row's list when file names alone are ambiguous (see :func:`list_labels`)."""
    file = rows["source"] if lists is None else lists.reindex(rows.index).fillna(rows["source"])
    ref = file + "|" + rows["sheet"] + "|" + rows["row"].astype(str)
    pid = outcomes["person_id"]
    ident = rows["name_fold"] + "|" + rows["dob"] + "|" + rows["id_value"]
    usable = (rows["name_fold"] != "") & ((rows["dob"] != "") | (rows["id_value"] != ""))
    key = pd.Series(np.where(pid != "", "P" + pid, np.where(usable, "U" + ident, "")), index=rows.index)
    first = ref.groupby(key).transform("first")
    dup = (key != "") & key.duplicated(keep="first")
    return first.where(dup, "")
