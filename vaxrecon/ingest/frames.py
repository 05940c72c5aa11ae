"""Registration rows already in pandas: columns named as list fields or as list headers."""

from __future__ import annotations

import pandas as pd

from vaxrecon.errors import InputError
from vaxrecon.ingest.header import AliasIndex

PROVENANCE = ("source", "sheet", "row")


def record_fields(records: pd.DataFrame, cfg: dict) -> pd.DataFrame:
    """Rename each column to the field it names (a field name or any header alias), keep the
    provenance columns, and number rows from 1 under source "frame" when none is given."""
    aliases = cfg["columns"]["aliases"]
    index = AliasIndex(aliases, cfg["columns"]["ignore"])
    mapping: dict[str, str] = {}
    for col in records.columns:
        name = str(col)
        fname = name if name in aliases or name in PROVENANCE else index.lookup(name)
        if fname and fname not in mapping.values():
            mapping[col] = fname
    if "name" not in mapping.values() or not {"dob", "id_number"} & set(mapping.values()):
        raise InputError(key="err.frame_columns")
    raw = records[list(mapping)].rename(columns=mapping).reset_index(drop=True)
    if "source" not in raw.columns:
        raw["source"] = "frame"
    if "sheet" not in raw.columns:
        raw["sheet"] = ""
    if "row" not in raw.columns:
        raw["row"] = range(1, len(raw) + 1)
    return raw
