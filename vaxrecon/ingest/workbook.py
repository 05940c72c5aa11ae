"""Open spreadsheet files as grids of cell values (calamine for Excel, csv for text)."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from python_calamine import CalamineWorkbook

from vaxrecon.config import packaged_defaults
from vaxrecon.errors import InputError
from vaxrecon.ingest.csvfile import UTF16_BOMS, decode, read_csv_rows
from vaxrecon.ingest.isolate import run_isolated
from vaxrecon.ingest.package import check_package, unreadable

EXCEL_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"}
LIST_SUFFIXES = EXCEL_SUFFIXES | {".csv"}
ZIP_SUFFIXES = {".xlsx", ".xlsm", ".xlsb", ".ods"}
ISOLATED_SUFFIXES = {".xls", ".xlsb", ".ods"}  # read in a child process: see ingest/isolate.py
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
_HTML_START = (b"<!doctype html", b"<html", b"<table", b"<meta", b"<head", b"<body", b"<style")
_SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")


@dataclass
class Grid:
    """One sheet as rows of cell values; row i is the row Excel shows as i + 1."""

    name: str
    rows: list[list[Any]]
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)
    notes: list[tuple[str, dict]] = field(default_factory=list)  # what decoding a CSV noted
    hidden: bool = False  # a hidden sheet (only read when asked for, to warn about a list in it)


def check_file(path: Path, suffixes: set[str], max_mb: float | None = None) -> None:
    """Raise InputError for a missing, unreadable, empty, too large or unsupported file."""
    if not path.exists():
        raise InputError(key="err.file_missing", path=str(path))
    if path.is_dir():
        raise InputError(key="err.file_is_folder", path=str(path))
    if path.suffix.lower() not in suffixes:
        kinds = ", ".join(sorted(suffixes))
        raise InputError(key="err.file_kind", file=path.name, kinds=kinds)
    size = path.stat().st_size
    if size == 0:
        raise InputError(key="err.file_empty", file=path.name)
    if max_mb is not None and size > max_mb * 1024 * 1024:
        raise InputError(key="err.file_too_large", file=path.name, max_mb=max_mb)
    try:
        path.open("rb").close()
    except OSError as e:
        raise unreadable(path, e) from e


def read_limits(read_cfg: dict | None) -> dict:
    """The read section of the configuration, or the packaged one."""
    return read_cfg if read_cfg is not None else packaged_defaults()["read"]


def _open_excel(path: Path, limits: dict) -> CalamineWorkbook:
    with path.open("rb") as fh:
        head = fh.read(8)
    if path.suffix.lower() in {".xlsx", ".xlsm"} and head == _OLE_MAGIC:
        raise InputError(key="err.file_password", file=path.name)
    if path.suffix.lower() in ZIP_SUFFIXES:
        check_package(path, limits)
    try:
        return CalamineWorkbook.from_path(str(path))
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as e:  # calamine raises several unrelated types; a Rust panic is a BaseException
        raise InputError(key="err.file_corrupt", file=path.name, suffix=path.suffix.lower()) from e


def disguised(path: Path) -> str:
    """What a file named as a workbook really holds when it is no workbook, as web systems export
    them: 'html' (a web page), 'xml' (an Excel 2003 XML spreadsheet), 'text' (CSV or tab-separated
    text), or '' (a workbook, or anything else: the workbook reader judges it)."""
    with path.open("rb") as fh:
        head = fh.read(4096)
    if head.startswith((_OLE_MAGIC, _ZIP_MAGIC)):
        return ""
    if head.startswith(UTF16_BOMS):
        return "text"
    if b"\x00" in head:
        return ""
    start = head.removeprefix(codecs.BOM_UTF8).lstrip().lower()
    if start.startswith(b"<?xml") and b"<html" not in start:
        return "xml"
    if start.startswith(_HTML_START) or (start.startswith(b"<") and b"<table" in start):
        return "html"
    return "text"


def csv_sheet_name(path: Path) -> str:
    """A CSV's one sheet is named after the file, in characters a workbook sheet name allows."""
    return _SHEET_NAME_BAD.sub("_", path.stem)[:31].strip("'") or "CSV"


def read_grids(
    path: Path, sheet: str | None = None, read_cfg: dict | None = None, hidden: bool = False
) -> list[Grid]:
    """Every visible sheet of a workbook (or the named one), or the single grid of a CSV; with
    ``hidden``, the hidden sheets too, after them (marked). ``read_cfg`` is the configuration's
    ``read`` section (encodings and limits)."""
    rc = read_limits(read_cfg)
    limits = rc["limits"]
    check_file(path, LIST_SUFFIXES, limits["max_file_mb"])
    suffix = path.suffix.lower()
    kind = disguised(path) if suffix in EXCEL_SUFFIXES else ""
    if kind in ("html", "xml") or (kind == "text" and suffix != ".xls"):  # .xlsx is patched as a zip
        raise InputError(key=f"err.file_{kind}", file=path.name, suffix=suffix)
    if suffix == ".csv" or kind == "text":
        lines, notes = read_csv_rows(
            path, rc["csv_encodings"], limits["max_cell_chars"], limits["max_cell_lines"]
        )
        if kind:
            notes = [("text_as_workbook", {"suffix": suffix}), *notes]
        return [Grid(name=csv_sheet_name(path), rows=[list(r) for r in lines], notes=notes)]
    if path.suffix.lower() in ISOLATED_SUFFIXES:
        return run_isolated(
            lambda: _read_excel(path, sheet, limits, hidden), path.name, limits["reader_memory_mb"]
        )
    return _read_excel(path, sheet, limits, hidden)


def _read_excel(path: Path, sheet: str | None, limits: dict, hidden: bool = False) -> list[Grid]:
    wb = _open_excel(path, limits)
    visible = [
        m.name
        for m in wb.sheets_metadata
        if str(m.visible).endswith("Visible") and "Hidden" not in str(m.visible)
    ]
    if sheet is not None:
        if sheet not in wb.sheet_names:
            raise InputError(
                key="err.no_such_sheet", file=path.name, sheet=sheet, sheets=", ".join(wb.sheet_names)
            )
        shown = [sheet]
    else:
        shown = visible or list(wb.sheet_names)
    names = [*shown, *(n for n in wb.sheet_names if hidden and sheet is None and n not in shown)]
    grids = []
    for name in names:
        try:
            sh = wb.get_sheet_by_name(name)
            rows = sh.to_python(skip_empty_area=False)
            merged = list(sh.merged_cell_ranges or [])
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException as e:  # as above
            raise InputError(key="err.sheet_corrupt", file=path.name, sheet=name) from e
        grids.append(Grid(name=name, rows=rows, merged=merged, hidden=name not in shown))
    return grids


def decode_text(path: Path, encodings: list[str] | tuple[str, ...] = ("utf-8-sig", "cp1258")) -> str:
    """The text of a CSV file in the encoding that reads as Vietnamese."""
    return decode(path.read_bytes(), path.name, encodings).text
