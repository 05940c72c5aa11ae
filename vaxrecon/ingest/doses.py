"""Read dose records: one row per dose (a platform export), or the national import template's
per-dose column groups ("Mũi 1", "Mũi 2", …) unpivoted to one row per dose, provenance kept."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from vaxrecon.ingest.lists import ListRead, SheetRead, read_list
from vaxrecon.normalize.ids import cell_text
from vaxrecon.text import t

DOSE_FIELDS = ("vaccine", "date", "lot", "site")
_PER_DOSE = re.compile(r"dose(\d+)_(vaccine|date|lot|site)")


@dataclass
class DosesRead:
    """Every dose file read (sheets, header mapping and metadata; their records are released once
    unpivoted), and all of their dose rows in file, sheet, row and dose order."""

    reads: list[ListRead]
    doses: pd.DataFrame


def _grouped(sheet: SheetRead) -> bool:
    """Whether the sheet's dose columns sit under per-dose group headers ("Mũi 1 / Ngày tiêm")."""
    cols = sheet.header.columns if sheet.header else []
    return any(c.field and _PER_DOSE.fullmatch(c.field) and " / " in c.header for c in cols)


def unpivot(records: pd.DataFrame, grouped: bool) -> pd.DataFrame:
    """One row per dose: each filled per-dose group of a row becomes a row with ``slot`` = its
    group number (0 when the sheet has no groups); a row without any dose keeps one row, so no
    row is lost. The stated dose number is the ``dose`` column, else the group number."""
    slots = sorted({int(m.group(1)) for c in records.columns if (m := _PER_DOSE.fullmatch(str(c)))})
    identity = [c for c in records.columns if not _PER_DOSE.fullmatch(str(c))]
    blank = pd.Series("", index=records.index, dtype=object)
    parts, filled = [], []
    for k in slots or [1]:
        part = records[identity].copy()
        any_filled = pd.Series(False, index=records.index)
        for f in DOSE_FIELDS:
            col = f"dose{k}_{f}"
            part["dose_" + f] = records[col] if col in records.columns else blank
            any_filled |= cell_text(part["dose_" + f]) != ""
        part["slot"] = k if grouped else 0
        part["_order"] = np.arange(len(records))
        parts.append(part)
        filled.append(any_filled.to_numpy())
    got = np.column_stack(filled)
    empty = ~got.any(axis=1)
    parts[0].loc[empty, "slot"] = 0  # a row without any dose is kept once, as no dose group
    first_slot = np.zeros(got.shape, dtype=bool)
    first_slot[:, 0] = empty
    keep = got | first_slot
    long = pd.concat([p[keep[:, i]] for i, p in enumerate(parts)], ignore_index=True)
    long = long.sort_values(["_order", "slot"], kind="stable").drop(columns="_order")
    stated = cell_text(long["dose"]) if "dose" in long.columns else pd.Series("", index=long.index)
    by_group = long["slot"].astype(str).where(long["slot"] > 0, "")
    long["dose"] = stated.where(stated != "", by_group)
    return long.reset_index(drop=True)


def read_doses(
    paths: list[str | Path] | tuple[str | Path, ...],
    cfg: dict,
    sheet: str | None = None,
    overrides: dict[str, str] | None = None,
    province: str = "",
    note: Callable[[str], None] | None = None,
) -> DosesRead:
    """Read dose files (.csv .xlsx .xls) with list header aliases; one row per dose. ``note`` is
    told each file's name before it is read."""
    reads, frames = [], []
    for path in paths:
        if note is not None:
            note(t("progress.reading", cfg["lang"], name=Path(path).name))
        lr = read_list(path, cfg, sheet, overrides, province=province)
        reads.append(lr)
        for s in lr.sheets:
            if len(s.records):
                frames.append(unpivot(s.records, _grouped(s)))
                # released (the dose rows hold them now): a copy, as an empty view keeps them alive
                s.records = s.records.iloc[:0].copy()
    doses = (
        pd.concat(frames, ignore_index=True)
        if frames
        else pd.DataFrame(
            columns=["source", "sheet", "row", "slot", "dose", *("dose_" + f for f in DOSE_FIELDS)]
        )
    )
    return DosesRead(reads, _compact(doses))


def _compact(doses: pd.DataFrame) -> pd.DataFrame:
    """Text columns held as Arrow strings (a third of the memory of Python strings at a million
    rows); columns with other cells (dates, numbers from workbooks) stay as they are."""
    for col in doses.columns:
        if doses[col].dtype == object and pd.api.types.infer_dtype(doses[col], skipna=True) == "string":
            doses[col] = doses[col].astype("str")
    return doses
