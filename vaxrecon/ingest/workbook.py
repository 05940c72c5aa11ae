"""Open spreadsheet files as grids of cell values (calamine for Excel, csv for text)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from python_calamine import CalamineWorkbook

from vaxrecon.errors import InputError

EXCEL_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"}
LIST_SUFFIXES = EXCEL_SUFFIXES | {".csv"}
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass
class Grid:
    """One sheet as rows of cell values; row i is the row Excel shows as i + 1."""

    name: str
    rows: list[list[Any]]
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)


def check_file(path: Path, suffixes: set[str]) -> None:
    """Raise InputError for a missing, empty, or unsupported file."""
    if not path.exists():
        raise InputError(f"The file {path} does not exist.")
    if path.is_dir():
        raise InputError(f"{path} is a folder, not a file.")
    if path.suffix.lower() not in suffixes:
        kinds = ", ".join(sorted(suffixes))
        raise InputError(f"{path.name} is not a file vaxrecon can read ({kinds}).")
    if path.stat().st_size == 0:
        raise InputError(f"The file {path.name} is empty.")


def _open_excel(path: Path) -> CalamineWorkbook:
    head = path.read_bytes()[:8]
    if path.suffix.lower() in {".xlsx", ".xlsm"} and head == _OLE_MAGIC:
        raise InputError(f"{path.name} is password-protected; save it without a password first.")
    try:
        return CalamineWorkbook.from_path(str(path))
    except Exception as e:  # calamine raises several unrelated types for bad files
        raise InputError(
            f"{path.name} could not be opened as a spreadsheet: it is corrupt, truncated, "
            "password-protected or not really a {0} file.".format(path.suffix.lower())
        ) from e


def read_grids(path: Path, sheet: str | None = None) -> list[Grid]:
    """Every visible sheet of a workbook (or the named one), or the single grid of a CSV."""
    check_file(path, LIST_SUFFIXES)
    if path.suffix.lower() == ".csv":
        return [Grid(name=path.stem, rows=_read_csv_rows(path))]
    wb = _open_excel(path)
    visible = [m.name for m in wb.sheets_metadata if str(m.visible).endswith("Visible")
               and "Hidden" not in str(m.visible)]
    if sheet is not None:
        if sheet not in wb.sheet_names:
            raise InputError(f"{path.name} has no sheet named '{sheet}' "
                             f"(it has: {', '.join(wb.sheet_names)}).")
        names = [sheet]
    else:
        names = visible or list(wb.sheet_names)
    grids = []
    for name in names:
        try:
            sh = wb.get_sheet_by_name(name)
            rows = sh.to_python(skip_empty_area=False)
            merged = list(sh.merged_cell_ranges or [])
        except Exception as e:
            raise InputError(f"Sheet '{name}' of {path.name} could not be read: it is corrupt "
                             "or truncated.") from e
        grids.append(Grid(name=name, rows=rows, merged=merged))
    return grids


def decode_text(path: Path, encodings: list[str] | tuple[str, ...] = ("utf-8-sig", "cp1258")) -> str:
    data = path.read_bytes()
    if b"\x00" in data[:4096]:
        raise InputError(f"{path.name} is not a text CSV file.")
    for enc in encodings:
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise InputError(f"{path.name} is not in a text encoding vaxrecon knows.")


def _read_csv_rows(path: Path) -> list[list[object]]:
    text = decode_text(path)
    try:
        dialect = csv.Sniffer().sniff(text[:20000], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return [list(r) for r in csv.reader(io.StringIO(text), dialect)]
