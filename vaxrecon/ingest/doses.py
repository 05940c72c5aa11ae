"""Read dose records: one row per dose (a platform export), or the national import template's
per-dose column groups ("Mũi 1", "Mũi 2", …) unpivoted to one row per dose, provenance kept."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from vaxrecon.ingest.csvfile import decode, parse_columns
from vaxrecon.ingest.fields import complete_fields
from vaxrecon.ingest.header import AliasIndex, find_header
from vaxrecon.ingest.lists import (
    RECORD_KEYS,
    RECORD_NAME,
    ListRead,
    SheetRead,
    apply_overrides,
    read_list,
    rule_columns,
)
from vaxrecon.ingest.metadata import read_metadata
from vaxrecon.ingest.workbook import LIST_SUFFIXES, check_file, csv_sheet_name
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
            any_filled |= _filled(part["dose_" + f])
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
    kept = [p if keep[:, i].all() else p[keep[:, i]] for i, p in enumerate(parts)]
    long = kept[0] if len(kept) == 1 else pd.concat(kept, ignore_index=True)  # no copy of one part
    if len(parts) > 1:  # one part is in row order already
        long = long.sort_values(["_order", "slot"], kind="stable")
    long = long.drop(columns="_order")
    stated = cell_text(long["dose"]) if "dose" in long.columns else pd.Series("", index=long.index)
    by_group = long["slot"].astype(str).where(long["slot"] > 0, "")
    long["dose"] = stated.where(stated != "", by_group)
    return long.reset_index(drop=True)


# Columns `read_list` reads before the dose rows are compacted, whose text `cell_text` derives by
# the cells' type: the fast reader holds them as the careful one does (Python strings).
_AS_CELLS = ("commune_code", "dose", "village", "address", "section")


def _by_cell(column: pd.Series, test: Callable[[pd.Series], pd.Series]) -> np.ndarray:
    """``test`` of each cell's text (:func:`cell_text` of the cell as `read_list` holds it, a
    Python string), computed once per distinct cell."""
    codes, uniques = pd.factorize(column, use_na_sentinel=False)
    text = cell_text(pd.Series(np.asarray(uniques, dtype=object), dtype=object))
    return test(pd.Series(text, dtype="str")).to_numpy(dtype=bool)[codes]


def _filled(column: pd.Series) -> np.ndarray:
    """Whether each cell's text is not empty."""
    return _by_cell(column, lambda text: text != "")


def _fullmatch(column: pd.Series, pattern: str) -> np.ndarray:
    """Whether each cell's text fully matches ``pattern``."""
    return _by_cell(column, lambda text: text.str.fullmatch(pattern))


def _complete(records: pd.DataFrame) -> pd.DataFrame:
    """:func:`complete_fields` of the records, computed once per distinct combination of the
    columns it reads (it reads row by row; dose numbers and villages repeat heavily)."""
    cols = [c for c in _AS_CELLS if c in records.columns and c != "commune_code"]
    if not cols:
        return complete_fields(records)
    codes = np.zeros(len(records), dtype=np.int64)
    for c in cols:
        local, uniques = pd.factorize(records[c], use_na_sentinel=False)
        codes = pd.factorize(codes * (len(uniques) + 1) + local)[0]  # stays below the row count
    combo, first = np.unique(codes, return_index=True)
    done = complete_fields(records[cols].iloc[first].reset_index(drop=True))
    at = np.searchsorted(combo, codes)
    for c in done.columns:
        records[c] = done[c].take(at).reset_index(drop=True)
    return records


def read_csv_fast(
    path: Path, cfg: dict, overrides: dict[str, str] | None = None, province: str = ""
) -> ListRead | None:
    """A CSV file read as :func:`read_list` reads it, vectorised (:func:`parse_columns`), when
    that is provably the same: the file parses the same both ways, and every row below the
    header is a record (no title, blank, heading, total or signature rows, no birth-date column
    per gender). None otherwise: the caller reads it with :func:`read_list`."""
    rc = cfg["read"]
    check_file(path, LIST_SUFFIXES, rc["limits"]["max_file_mb"])
    data = path.read_bytes()
    decoded = decode(data, path.name, rc["csv_encodings"])
    table = parse_columns(data, decoded, rc["limits"]["max_cell_chars"])
    notes = decoded.notes
    del data, decoded  # the file's bytes and text (twice its size) are not needed any more
    if table is None:
        return None
    head = [list(r.values()) for r in table.slice(0, rc["header_scan_rows"] + 2).to_pylist()]
    ccfg = cfg["columns"]
    header = find_header(
        head,
        [],
        AliasIndex(ccfg["aliases"], ccfg["ignore"], overrides),
        scan=rc["header_scan_rows"],
        min_fields=rc["min_header_fields"],
        gender_sub=ccfg["gender_subcolumns"],
        dose_prefixes=ccfg["dose_group_prefixes"],
    )
    if header is None:
        return None
    if overrides:
        apply_overrides(header, overrides)
    mapped = header.mapped
    start = header.row + header.height
    if any(f.startswith("dob@") for f in mapped) or start >= table.num_rows:
        return None
    if not {"dob", "id_number", "qr"} & set(mapped):
        return None
    body = table.slice(start).to_pandas()
    del table

    width = body.shape[1]
    fields, pattern = RECORD_NAME  # every row a record by `read_list`'s rule, or declined
    names = [_fullmatch(body[f"c{c}"], pattern) for c in rule_columns(mapped, fields, width)]
    if not np.logical_or.reduce(names).all():
        return None
    keyed = np.zeros(len(body), dtype=bool)  # each key column tested on the rows still without a key
    for fields, pattern in RECORD_KEYS:
        for c in rule_columns(mapped, fields, width):
            if not keyed.all():
                todo = np.flatnonzero(~keyed)
                keyed[todo] = _fullmatch(body[f"c{c}"].iloc[todo], pattern)
    if not keyed.all():
        return None
    rows = np.arange(start + 1, start + 1 + len(body), dtype=np.int64)
    raw: dict[str, object] = {"source": path.name, "sheet": csv_sheet_name(path), "row": rows}
    for fname, col in mapped.items():
        cells = body[f"c{col}"]
        raw[fname] = cells.astype(object) if fname in _AS_CELLS else cells
    records = pd.DataFrame(raw)
    hint = ""
    if "commune_code" in records.columns and (codes := cell_text(records["commune_code"])).ne("").any():
        hint = codes[codes != ""].mode().iloc[0]
    meta = read_metadata(head[: header.row], [], commune_hint=hint, province=province)
    skipped = pd.DataFrame(
        {"row": pd.Series(dtype=np.int64), "reason": pd.Series(dtype=object), "text": pd.Series(dtype=object)}
    )
    sheet = SheetRead(path.name, csv_sheet_name(path), header, meta, _complete(records), skipped)
    return ListRead(path, [sheet], notes=notes)


def read_doses(
    paths: list[str | Path] | tuple[str | Path, ...],
    cfg: dict,
    sheet: str | None = None,
    overrides: dict[str, str] | None = None,
    province: str = "",
    note: Callable[[str], None] | None = None,
    fast: bool = True,
) -> DosesRead:
    """Read dose files (.csv .xlsx .xls) with list header aliases; one row per dose. ``note`` is
    told each file's name before it is read. A CSV file is read by :func:`read_csv_fast` when it
    can be (unless not ``fast``), else by :func:`read_list`: the same rows either way."""
    reads, frames = [], []
    for path in paths:
        if note is not None:
            note(t("progress.reading", cfg["lang"], name=Path(path).name))
        lr = None
        if fast and Path(path).suffix.lower() == ".csv":
            lr = read_csv_fast(Path(path), cfg, overrides, province)
        if lr is None:
            lr = read_list(path, cfg, sheet, overrides, province=province)
        reads.append(lr)
        for s in lr.sheets:
            if len(s.records):
                frames.append(unpivot(s.records, _grouped(s)))
                # released (the dose rows hold them now): a copy, as an empty view keeps them alive
                s.records = s.records.iloc[:0].copy()
    doses = (
        (frames[0] if len(frames) == 1 else pd.concat(frames, ignore_index=True))
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
