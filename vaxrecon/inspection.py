"""`inspect`: how each sheet of a list was read, as a JSON-able report."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from vaxrecon.ingest.lists import SheetRead, read_list
from vaxrecon.normalize.records import normalize_records

PREVIEW_COLUMNS = ["row", "name", "dob", "gender", "id_kind", "id_value", "nationality", "norm_reasons"]


def _sheet_report(s: SheetRead, cfg: dict, today: dt.date) -> dict:
    report: dict = {
        "sheet": s.sheet,
        "problem": s.problem,
        "records": len(s.records),
        "skipped": len(s.skipped),
    }
    if s.header is None:
        return report
    report["header_row"] = s.header.row + 1
    report["header_rows"] = s.header.height
    report["columns"] = [
        {"column": c.col + 1, "header": c.header, "field": c.field or "", "note": c.note}
        for c in s.header.columns
    ]
    meta = dict(s.metadata)
    meta["list_date"] = meta["list_date"].isoformat() if meta.get("list_date") else ""
    report["metadata"] = meta
    report["skipped_rows"] = s.skipped.assign(row=s.skipped["row"].astype(int)).to_dict("records")
    n = cfg["read"]["preview_rows"]
    if len(s.records):
        norm = normalize_records(s.records.head(n), cfg, today)
        cols = [c for c in PREVIEW_COLUMNS if c in norm.columns]
        report["preview"] = norm[cols].astype({"row": int}).to_dict("records")
    else:
        report["preview"] = []
    return report


def inspect_files(
    paths: list[Path],
    cfg: dict,
    today: dt.date,
    sheet: str | None = None,
    overrides: dict[str, str] | None = None,
) -> list[dict]:
    """One report per file: per sheet, header, column mapping, metadata, rows, preview."""
    return [
        {
            "file": str(p),
            "sheets": [_sheet_report(s, cfg, today) for s in read_list(p, cfg, sheet, overrides).sheets],
        }
        for p in paths
    ]
