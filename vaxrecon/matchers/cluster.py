"""Duplicate registrations: rows of one run that are the same person."""

from __future__ import annotations

import numpy as np
import pandas as pd


def flag_duplicates(rows: pd.DataFrame, outcomes: pd.DataFrame) -> pd.Series:
    """The first row of the same person (linked), or the same name, birth date and document
    (unlinked), for every later row of the run; empty for first occurrences."""
    ref = rows["source"] + "|" + rows["sheet"] + "|" + rows["row"].astype(str)
    pid = outcomes["person_id"]
    ident = rows["name_fold"] + "|" + rows["dob"] + "|" + rows["id_value"]
    usable = (rows["name_fold"] != "") & ((rows["dob"] != "") | (rows["id_value"] != ""))
    key = pd.Series(np.where(pid != "", "P" + pid, np.where(usable, "U" + ident, "")), index=rows.index)
    first = ref.groupby(key).transform("first")
    dup = (key != "") & key.duplicated(keep="first")
    return first.where(dup, "")
