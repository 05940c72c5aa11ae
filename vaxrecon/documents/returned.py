"""The list returned in its own shape: the input workbook with result columns appended.

An .xlsx/.xlsm is patched at the XML level — its sheets, title rows, formatting and formulas stay
byte-for-byte as they were, and only the result cells are added (as inline text, never formulas).
Only the parts the workbook uses are copied (what its relationships reach, without macros), each
read within the configured size limits. An .xls or .csv is rebuilt as .xlsx from its values and
merged cells.
"""

from __future__ import annotations

import datetime as dt
import math
import posixpath
import re
import zipfile
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING
from xml.etree import ElementTree as ET
from xml.sax.saxutils import escape

import numpy as np
import pandas as pd

from vaxrecon.documents import excel
from vaxrecon.documents.excel import column_index_from_string, get_column_letter, new_workbook
from vaxrecon.errors import InputError
from vaxrecon.ingest.cells import CellBook
from vaxrecon.ingest.lists import ListRead
from vaxrecon.ingest.workbook import Grid, read_grids, read_limits
from vaxrecon.text import t

if TYPE_CHECKING:
    from xlsxwriter.format import Format
    from xlsxwriter.worksheet import Worksheet

APPENDED = ["status", "reasons", "person_id", "proposed", "duplicate_of"]
_NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
}
_ROW = re.compile(rb'<row\b([^>]*?)\br="(\d+)"([^>]*?)(/?)>')
_CELL_COL = re.compile(rb'<c\b[^>]*?\br="([A-Z]+)\d+"')
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _sheet_parts(read: Callable[[str], bytes]) -> dict[str, str]:
    """Sheet name -> the zip part holding its XML."""
    book = ET.fromstring(read("xl/workbook.xml"))
    rels = ET.fromstring(read("xl/_rels/workbook.xml.rels"))
    target = {r.get("Id"): r.get("Target") for r in rels.findall("rel:Relationship", _NS)}
    parts: dict[str, str] = {}
    for sh in book.iter(f"{{{_NS['m']}}}sheet"):
        path = target.get(sh.get(f"{{{_NS['r']}}}id") or "") or ""
        parts[sh.get("name") or ""] = path.lstrip("/") if path.startswith("/") else f"xl/{path}"
    return parts


def _cell(col: str, row: int, text: str) -> bytes:
    clean = escape(_XML_BAD.sub("", text))
    return f'<c r="{col}{row}" t="inlineStr"><is><t xml:space="preserve">{clean}</t></is></c>'.encode()


def patch_sheet_xml(xml: bytes, values: dict[int, list[str]]) -> bytes:
    """Append text cells after the last used column: ``values`` maps Excel row -> texts."""
    cols = [column_index_from_string(c.decode()) for c in set(_CELL_COL.findall(xml))]
    first = (max(cols) if cols else 0) + 1
    letters = [get_column_letter(first + i) for i in range(max((len(v) for v in values.values()), default=0))]
    pieces, pos = [], 0
    for m in _ROW.finditer(xml):
        row = int(m.group(2))
        if row not in values:
            continue
        cells = b"".join(_cell(letters[i], row, v) for i, v in enumerate(values[row]) if v)
        attrs = re.sub(rb'\sspans="[^"]*"', b"", m.group(1) + m.group(3))
        opening = b"<row" + attrs.rstrip() + b' r="' + m.group(2) + b'">'
        if m.group(4):  # an empty self-closing row
            pieces += [xml[pos : m.start()], opening, cells, b"</row>"]
            pos = m.end()
        else:
            end = xml.index(b"</row>", m.end())
            pieces += [xml[pos : m.start()], opening, xml[m.end() : end], cells, b"</row>"]
            pos = end + len(b"</row>")
    pieces.append(xml[pos:])
    out = b"".join(pieces)
    if letters:
        out = re.sub(
            rb'(<dimension ref="[A-Z]+\d+:)[A-Z]+(\d+)"',
            lambda d: d.group(1) + letters[-1].encode() + d.group(2) + b'"',
            out,
            count=1,
        )
    return out


def _sheet_values(
    lr: ListRead, rows: pd.DataFrame, proposed: pd.Series, lang: str
) -> dict[str, dict[int, list[str]]]:
    out: dict[str, dict[int, list[str]]] = {}
    table = (
        pd.DataFrame(
            {
                "status": rows["status_label"],
                "reasons": rows["station_reasons"],
                "person_id": rows["person_id"],
                "proposed": proposed.loc[rows.index],
                "duplicate_of": rows["duplicate_text"],
            }
        )
        .astype(str)
        .to_numpy(dtype=object)
    )
    sheets, numbers = rows["sheet"].to_numpy(dtype=object), rows["row"].astype(int).to_numpy()
    for sheet in lr.sheets:
        if sheet.header is None:
            continue
        mine = sheets == sheet.sheet
        values = dict(zip(numbers[mine].tolist(), table[mine].tolist(), strict=True))
        values[sheet.header.row + sheet.header.height] = [t(f"col.{k}", lang) for k in APPENDED]
        out[sheet.sheet] = values
    return out


_MACROS = "http://schemas.microsoft.com/office/2006/relationships/vbaProject"
_CONTENT_TYPES = "[Content_Types].xml"
_MACRO_BOOK = b"application/vnd.ms-excel.sheet.macroEnabled.main+xml"
_PLAIN_BOOK = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
_RELATIONSHIP = re.compile(rb"<Relationship\b[^>]*?/>", re.S)
_OVERRIDE = re.compile(rb'<Override\b[^>]*?PartName="/?([^"]+)"[^>]*?/>', re.S)


def _rels_of(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{name}.rels")


def _needed_parts(z: zipfile.ZipFile, read: Callable[[str], bytes]) -> set[str]:
    """The parts a workbook uses: what the package's relationships reach from its root, except
    macros (the copy is an .xlsx), with the relationship parts themselves and the content types.
    A part nothing refers to (whatever it holds) is not copied."""
    names = {i.filename for i in z.infolist() if not i.is_dir()}
    needed, todo = {_CONTENT_TYPES}, [""]
    while todo:
        source = todo.pop()
        rels = "_rels/.rels" if not source else _rels_of(source)
        if rels not in names:
            continue
        needed.add(rels)
        for rel in ET.fromstring(read(rels)).findall("rel:Relationship", _NS):
            target = rel.get("Target") or ""
            if rel.get("TargetMode") == "External" or rel.get("Type") == _MACROS:
                continue
            base = "" if target.startswith("/") else posixpath.dirname(source)
            part = posixpath.normpath(posixpath.join(base, target.lstrip("/")))
            if part in names and part not in needed:
                needed.add(part)
                todo.append(part)
    return needed & names


def _bounded_reader(z: zipfile.ZipFile, path: Path, limits: dict) -> Callable[[str], bytes]:
    """Read parts of ``z`` within the configured limits (the package was checked when it was read,
    but the file may have changed since)."""
    max_part, left = limits["max_part_mb"] * 1024 * 1024, [limits["max_total_mb"] * 1024 * 1024]

    def read(name: str) -> bytes:
        with z.open(name) as fh:
            data = fh.read(min(max_part, left[0]) + 1)
        left[0] -= len(data)
        if len(data) > max_part or left[0] < 0:
            raise InputError(key="err.returned_too_large", file=path.name)
        return data

    return read


def _without_macros(name: str, data: bytes, kept: set[str]) -> bytes:
    """Content types and relationships of the copy: no entry for a part left out, and a macro
    workbook's type made a plain workbook's."""
    if name == _CONTENT_TYPES:
        data = _OVERRIDE.sub(lambda m: m.group(0) if m.group(1).decode() in kept else b"", data)
        return data.replace(_MACRO_BOOK, _PLAIN_BOOK)
    if name.endswith(".rels"):
        return _RELATIONSHIP.sub(lambda m: b"" if _MACROS.encode() in m.group(0) else m.group(0), data)
    return data


def _patch_xlsx(src: Path, dest: Path, values: dict[str, dict[int, list[str]]], limits: dict) -> None:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zout:
        read = _bounded_reader(zin, src, limits)
        kept = _needed_parts(zin, read)
        parts = {_sheet_parts(read).get(name): v for name, v in values.items()}
        for info in zin.infolist():
            if info.filename not in kept:
                continue
            data = _without_macros(info.filename, read(info.filename), kept)
            if info.filename in parts:
                data = patch_sheet_xml(data, parts[info.filename])
            zout.writestr(info, data)


def _write_value(ws: Worksheet, r: int, c: int, v: object, date_format: Format) -> None:
    if isinstance(v, dt.datetime | dt.date):
        ws.write_datetime(r, c, v, date_format)
    elif isinstance(v, bool):
        ws.write_boolean(r, c, v)
    elif isinstance(v, int | float):
        if not math.isnan(v) and not math.isinf(v):
            ws.write_number(r, c, v)
    elif v is not None and v != "":
        ws.write_string(r, c, str(v))


def _cell_xml(values: list[object], date_style: int, ws: Worksheet) -> list[str]:
    """What follows ``<c r="A1"`` for each value as :func:`_write_value` writes it in a streaming
    worksheet ('' for a cell left empty)."""
    out = []
    for v in values:
        if isinstance(v, dt.datetime | dt.date):
            out.append(f' s="{date_style}"><v>{ws._convert_date_time(v):.16G}</v></c>')
        elif isinstance(v, bool):
            out.append(f' t="b"><v>{int(v)}</v></c>')
        elif isinstance(v, int | float):
            finite = not math.isnan(v) and not math.isinf(v)
            out.append(f"><v>{v:.16G}</v></c>" if finite else "")
        elif v is not None and v != "":
            out.append(excel.inline_strings([str(v)], [""])[0])
        else:
            out.append("")
    return out


def _write_grid(ws: Worksheet, grid: Grid, extra: dict[int, list[str]], date_format: Format) -> None:
    """The grid's values and the ``extra`` texts beside its rows (Excel row -> texts), written row
    by row as whole rows of XML: each distinct value's cell XML is made once."""
    book = CellBook([grid.rows])
    cells = book.cells(0, 0)
    width = cells.width
    wide = max((len(v) for v in extra.values()), default=0)
    if any(len(v) > excel.MAX_FAST_LEN for v in book.values.tolist() if isinstance(v, str)) or any(
        len(t) > excel.MAX_FAST_LEN for v in extra.values() for t in v
    ):
        for r, row in enumerate(grid.rows):  # strings XlsxWriter may cut: its own writer
            for c, v in enumerate(row):
                _write_value(ws, r, c, v, date_format)
            for i, text in enumerate(extra.get(r + 1, [])):
                ws.write_string(r, width + i, text)
        return
    payload = np.array(_cell_xml(book.values.tolist(), date_format._get_xf_index(), ws), dtype=object)
    n = len(cells)
    columns = [payload[cells.codes[:, c]] for c in range(width)]
    beside = np.full((n, wide), "", dtype=object)  # result texts, an empty one written as such
    for r, texts in extra.items():
        if 0 < r <= n:
            beside[r - 1, : len(texts)] = excel.inline_strings(texts, [""] * len(texts))
    columns += list(beside.T)
    filled = [np.flatnonzero(col != "") for col in columns]
    used = [c for c, at in enumerate(filled) if len(at)]
    if not used:
        return
    rows = np.unique(np.concatenate([filled[c] for c in used]))
    ws._check_dimensions(int(rows[0]), used[0])
    ws._check_dimensions(int(rows[-1]), used[-1])
    ws._write_single_row(int(rows[-1]))  # XlsxWriter's own step: flush what came before
    parts = []
    for c in used:
        letter = get_column_letter(c + 1)
        col = columns[c][rows]
        parts.append(
            [
                f'<c r="{letter}{r + 1}"{x}' if x else ""
                for r, x in zip(rows.tolist(), col.tolist(), strict=True)
            ]
        )
    ws.fh.write(
        "".join(
            f'<row r="{r + 1}">' + "".join(row) + "</row>"
            for r, *row in zip(rows.tolist(), *parts, strict=True)
        )
    )


@lru_cache(maxsize=1)
def _packaged_read() -> dict:
    """The packaged ``read`` settings, with which a rebuilt copy re-reads its list (parsed once)."""
    return read_limits(None)


def _rebuild(src: Path, dest: Path, values: dict[str, dict[int, list[str]]], read_cfg: dict) -> None:
    grids = read_grids(src, None, read_cfg)
    wb = new_workbook(dest, rows=sum(len(g.rows) for g in grids))
    date_format = wb.add_format({"num_format": "dd/mm/yyyy"})
    for grid in grids:
        ws = wb.add_worksheet(grid.name[:31])
        for (r0, c0), (r1, c1) in grid.merged:  # recorded first: a streaming sheet writes rows once
            if (r0, c0) != (r1, c1):
                ws.merge_range(r0, c0, r1, c1, "")
        _write_grid(ws, grid, values.get(grid.name, {}), date_format)
    wb.close()


def write_returned(
    lr: ListRead, rows: pd.DataFrame, proposed: pd.Series, out: Path, lang: str, limits: dict | None = None
) -> Path:
    """Save ``<name>_ket_qua.xlsx`` (or ``_results``) from this list's annotated ``rows``: every
    sheet keeps its rows; each record row gets its status, the reasons the station may read, the
    personal ID, what to supply or correct and, for a second registration, the row it repeats.
    ``limits``: the configuration's ``read.limits`` (the packaged ones by default)."""
    values = _sheet_values(lr, rows, proposed, lang)
    dest = out / f"{lr.path.stem}{t('file.returned_suffix', lang)}.xlsx"
    if lr.path.suffix.lower() in {".xlsx", ".xlsm"}:
        _patch_xlsx(lr.path, dest, values, read_limits(None)["limits"] if limits is None else limits)
    else:
        _rebuild(lr.path, dest, values, _packaged_read())
    return dest
