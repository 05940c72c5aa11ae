"""New workbooks with XlsxWriter: every value written as text (never a formula), a title block as
on government forms, a bold header repeated on every printed page, A4 landscape fitted to the page
width, wrapped text, page numbers and the row count in the footer."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import xlsxwriter
from xlsxwriter.utility import xl_cell_to_rowcol, xl_col_to_name
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

if TYPE_CHECKING:
    from xlsxwriter.format import Format

_OPTIONS = {
    "strings_to_formulas": False,
    "strings_to_numbers": False,
    "strings_to_urls": False,
    "constant_memory": True,
}
A4 = 9
# Printed widths in characters, by column key; anything else gets DEFAULT_WIDTH.
WIDTHS = {
    "seq": 5,
    "village": 14,
    "listed_name": 22,
    "registered_name": 22,
    "name": 22,
    "listed_dob": 11,
    "registered_dob": 11,
    "dob": 11,
    "listed_gender": 9,
    "registered_gender": 9,
    "gender": 9,
    "listed_id": 15,
    "person_id": 14,
    "id_document": 15,
    "phone": 12,
    "dose": 6,
    "status": 15,
    "request": 46,
    "note": 38,
    "where": 21,
    "nationality": 12,
    "reasons": 30,
    "probability": 8,
    "candidates": 40,
    "police_check": 20,
    "duplicate_of": 18,
}
DEFAULT_WIDTH = 14
LINE_HEIGHT = 15.0
CHARS_PER_WIDTH = 1.0  # characters of ordinary text per unit of column width, wrapped at word breaks


def column_index_from_string(letters: str) -> int:
    """The 1-based number of a column's letters ("A" → 1, "AA" → 27)."""
    return xl_cell_to_rowcol(f"{letters}1")[1] + 1


def get_column_letter(index: int) -> str:
    """The letters of the 1-based column ``index``."""
    return xl_col_to_name(index - 1)


IN_MEMORY_ROWS = 20_000  # a streaming document this small is assembled in memory


class _RowsInMemory(Worksheet):
    """A streaming worksheet (rows written once, in order, as in constant_memory mode) whose rows
    are kept in memory instead of a temporary file: creating and deleting a temporary file per
    sheet and part cost more than writing a small document."""

    def _initialize(self, init_data: dict) -> None:
        super()._initialize(init_data)
        self.constant_memory = True
        self.row_data_fh = self.fh = io.StringIO()

    def _opt_close(self) -> None:
        pass

    def _opt_reopen(self) -> None:
        self.fh = self.row_data_fh

    def _write_optimized_sheet_data(self) -> None:
        if self.dim_rowmin is None:
            self._xml_empty_tag("sheetData")
            return
        self._xml_start_tag("sheetData")
        self.fh.write(self.row_data_fh.getvalue())
        self._xml_end_tag("sheetData")


class _InMemory(Workbook):
    """A workbook assembled in memory whose sheets stream their rows (:class:`_RowsInMemory`)."""

    def add_worksheet(self, name: str | None = None, worksheet_class: type | None = None) -> Worksheet:
        return super().add_worksheet(name, worksheet_class or _RowsInMemory)


def new_workbook(path: Path, streaming: bool = True, rows: int | None = None) -> Workbook:
    """A workbook that never turns text into formulas, numbers or links; ``streaming`` writes rows
    as they come (constant memory) and so needs them in order. A streaming workbook of at most
    ``rows`` rows (when given and small) is assembled in memory, with no temporary files."""
    if streaming and rows is not None and rows <= IN_MEMORY_ROWS:
        return _InMemory(str(path), {**_OPTIONS, "constant_memory": False, "in_memory": True})
    return xlsxwriter.Workbook(str(path), {**_OPTIONS, "constant_memory": streaming})


def print_setup(ws: Worksheet, header_row: int, footer: str = "&CTrang &P/&N") -> None:
    """A4 landscape, fitted to one page wide, the header row repeated, page numbers in the footer
    (``footer`` uses Excel's codes: &L/&C/&R sections, &P page, &N pages)."""
    ws.set_paper(A4)
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(header_row)
    ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.6)
    ws.center_horizontally()
    ws.set_footer(footer)


@dataclass
class Confirmation:
    """The police's confirmation block under a returned document."""

    place_date: str
    title: str
    officer_title: str
    sign_hint: str
    officer: str


@dataclass
class Letterhead:
    """What stands above and below the table of a document."""

    issuer: str
    country: str
    motto: str
    title: str
    lines: list[str] = field(default_factory=list)
    warning: str = ""
    total: str = ""
    footer: str = "&CTrang &P/&N"
    confirmation: Confirmation | None = None


class _Formats:
    def __init__(self, wb: Workbook):
        self.bold = wb.add_format({"bold": True, "align": "center", "valign": "vcenter", "text_wrap": True})
        self.title = wb.add_format({"bold": True, "align": "center", "font_size": 13})
        self.plain = wb.add_format({"align": "center", "italic": True})
        self.warning = wb.add_format({"bold": True, "align": "center", "font_color": "#C00000"})
        self.head = wb.add_format(
            {
                "bold": True,
                "bg_color": "#DDEBF7",
                "border": 1,
                "text_wrap": True,
                "align": "center",
                "valign": "vcenter",
                "num_format": "@",
            }
        )
        self.text = wb.add_format({"num_format": "@", "border": 1, "text_wrap": True, "valign": "top"})
        self.number = wb.add_format({"border": 1, "align": "center", "valign": "top"})
        self.total = wb.add_format({"bold": True})
        self.sign = wb.add_format({"align": "center", "italic": True})


def _span(ws: Worksheet, row: int, first: int, last: int, text: str, fmt: Format) -> None:
    if last > first:
        ws.merge_range(row, first, row, last, text, fmt)
    else:
        ws.write_string(row, first, text, fmt)


def document_sheet(
    wb: Workbook,
    name: str,
    head: Letterhead,
    columns: list[str],
    headers: list[str],
    frame: pd.DataFrame,
    numeric: tuple[str, ...] = ("seq",),
) -> Worksheet:
    """One printable sheet: letterhead, the table (``numeric`` columns as numbers, the rest as
    wrapped text), the total, and the confirmation block."""
    ws = wb.add_worksheet(name[:31])
    f = _Formats(wb)
    last = max(len(columns) - 1, 0)
    split = max(min(last // 2, 3), 0)
    for c, key in enumerate(columns):
        ws.set_column(c, c, WIDTHS.get(key, DEFAULT_WIDTH))
    _span(ws, 0, 0, split, head.issuer, f.bold)
    _span(ws, 0, split + 1, last, head.country, f.bold)
    _span(ws, 1, split + 1, last, head.motto, f.bold)
    row = 3
    _span(ws, row, 0, last, head.title, f.title)
    for line in head.lines:
        row += 1
        _span(ws, row, 0, last, line, f.plain)
    if head.warning:
        row += 1
        _span(ws, row, 0, last, head.warning, f.warning)
    top = row + 2
    ws.set_row(top, 48)
    for c, h in enumerate(headers):
        ws.write_string(top, c, h, f.head)
    number_cols = {i for i, c in enumerate(columns) if c in numeric}
    values = frame[columns].fillna("").astype(str)
    heights = _row_heights(values, [WIDTHS.get(c, DEFAULT_WIDTH) for c in columns])
    r = write_rows(ws, top + 1, values, number_cols, f, heights)
    ws.freeze_panes(top + 1, 0)
    ws.autofilter(top, 0, max(r, top + 1), last)
    row = r + 1
    if head.total:
        ws.write_string(row, 0, head.total, f.total)
    if head.confirmation is not None:
        _confirmation(ws, row + 2, split + 1 if last > 2 else 0, last, head.confirmation, f)
    print_setup(ws, top, head.footer)
    return ws


# What XlsxWriter escapes in an inline string: its own _xHHHH_ escape, control characters and
# non-characters (as _xHHHH_), then XML markup.
_CONTROL = re.compile(r"_x[0-9a-fA-F]{4}_|[\x00-\x08\x0b-\x1f\ufffe\uffff]")
_ESCAPED = re.compile("(_x[0-9a-fA-F]{4}_)")
_CONTROL_CHAR = re.compile(r"([\x00-\x08\x0b-\x1f])")
_MARKUP = re.compile("[&<>]")
MAX_FAST_LEN = 16383  # longer strings may be truncated by XlsxWriter: written cell by cell
_CHUNK = 5000  # rows whose XML is built at once


def _control_escaped(text: str) -> str:
    text = _ESCAPED.sub(r"_x005F\1", text)
    text = _CONTROL_CHAR.sub(lambda m: f"_x{ord(m.group(1)):04X}_", text)
    return text.replace("\ufffe", "_xFFFE_").replace("\uffff", "_xFFFF_")


def inline_strings(texts: list[str], prefix: list[str]) -> list[str]:
    """``<c …>`` inline-string elements for one column, as XlsxWriter writes them (``prefix``
    holds each cell's ``<c r=".." s=".."`` start)."""
    joined = "".join(texts)  # a false hit across two values only costs the exact path
    if _CONTROL.search(joined):
        texts = [_control_escaped(v) for v in texts]
    preserve = [v[:1].isspace() or v[-1:].isspace() for v in texts]
    if _MARKUP.search(joined):
        texts = [v.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") for v in texts]
    return [
        f'{p} t="inlineStr"><is><t xml:space="preserve">{v}</t></is></c>'
        if keep
        else f'{p} t="inlineStr"><is><t>{v}</t></is></c>'
        for p, v, keep in zip(prefix, texts, preserve, strict=True)
    ]


def write_rows(
    ws: Worksheet,
    first: int,
    values: pd.DataFrame,
    number_cols: set[int],
    f: _Formats,
    heights: list[float] | None = None,
) -> int:
    """Write ``values`` (text) from row ``first`` down: the ``number_cols`` as numbers, the rest as
    wrapped text, each row ``heights`` tall when given. Returns the last row written (``first - 1``
    when there are none).

    A streaming worksheet gets its rows' XML built column by column and written in blocks — the
    very XML XlsxWriter writes cell by cell (its per-cell calls were most of a large run's writing
    time); other worksheets are written cell by cell."""
    n = len(values)
    columns = [values.iloc[:, c].tolist() for c in range(values.shape[1])]
    fast = ws.constant_memory and n and not any(len(v) > MAX_FAST_LEN for col in columns for v in col)
    if not fast:
        for i in range(n):
            r = first + i
            if heights is not None:
                ws.set_row(r, heights[i])
            for c, col in enumerate(columns):
                v = col[i]
                if c in number_cols and v != "":
                    ws.write_number(r, c, float(v), f.number)
                else:
                    ws.write_string(r, c, v, f.text)
        return first + n - 1
    if ws._check_dimensions(first, 0) or ws._check_dimensions(first + n - 1, len(columns) - 1):
        raise ValueError("rows out of the worksheet's bounds or order")
    ws._write_single_row(first + n - 1)  # flush the row before (XlsxWriter's own step)
    is_number = [[c in number_cols and v != "" for v in col] for c, col in enumerate(columns)]
    index = _xf_indices(is_number, f)
    for lo in range(0, n, _CHUNK):
        hi = min(lo + _CHUNK, n)
        ws.fh.write(
            _xml_rows(
                ws,
                [str(first + 1 + i) for i in range(lo, hi)],
                [col[lo:hi] for col in columns],
                [num[lo:hi] for num in is_number],
                index,
                None if heights is None else heights[lo:hi],
            )
        )
    return first + n - 1


def _xml_rows(
    ws: Worksheet,
    rows: list[str],
    columns: list[list[str]],
    is_number: list[list[bool]],
    index: dict[str, int],
    heights: list[float] | None,
) -> str:
    """The ``<row>`` elements of a block of rows (Excel's row numbers ``rows``)."""
    cells = []
    for c, col in enumerate(columns):
        letter = xl_col_to_name(c)
        text = [f'<c r="{letter}{r}" s="{index.get("text")}"' for r in rows]
        if not any(is_number[c]):
            cells.append(inline_strings(col, text))
            continue
        out = [
            f'<c r="{letter}{r}" s="{index["number"]}"><v>{float(v):.16G}</v></c>' if num else ""
            for r, v, num in zip(rows, col, is_number[c], strict=True)
        ]
        blank = [i for i, num in enumerate(is_number[c]) if not num]
        for i, cell in zip(
            blank, inline_strings([col[i] for i in blank], [text[i] for i in blank]), strict=True
        ):
            out[i] = cell
        cells.append(out)
    starts = [
        f'<row r="{r}"{_row_height(ws, None if heights is None else heights[i])}>' for i, r in enumerate(rows)
    ]
    return "".join(start + "".join(row) + "</row>" for start, *row in zip(starts, *cells, strict=True))


def _xf_indices(is_number: list[list[bool]], f: _Formats) -> dict[str, int]:
    """The style indices of the text and number formats, assigned in the order XlsxWriter assigns
    them (the first cell, row by row, to use each), so that the styles part is the same."""
    index: dict[str, int] = {}
    used = {"number": any(map(any, is_number)), "text": not all(map(all, is_number))}
    for row in zip(*is_number, strict=True):
        for num in row:
            kind = "number" if num else "text"
            if kind not in index:
                index[kind] = (f.number if num else f.text)._get_xf_index()
        if len(index) == sum(used.values()):
            break
    return index


def _row_height(ws: Worksheet, height: float | None) -> str:
    """The height attributes XlsxWriter's ``set_row`` gives a row (none for the default)."""
    if height is None:
        return ""
    pixels = int(height * 4.0 / 3.0 + 0.5)
    if pixels == ws.original_row_height and pixels == ws.default_row_height:
        return ""
    return f' ht="{pixels * 0.75:.16g}" customHeight="1"'


def _row_heights(values: pd.DataFrame, widths: list[float]) -> list[float]:
    """Row heights (points) that show every wrapped line: Excel and LibreOffice do not grow rows
    written without a height when the file is opened."""
    if values.empty:
        return []
    n = len(values)
    lines = np.ones(n)
    for c, w in enumerate(widths):
        chars = np.fromiter(map(len, values.iloc[:, c].tolist()), dtype=np.float64, count=n)
        lines = np.maximum(lines, np.ceil(chars / (w * CHARS_PER_WIDTH)))
    return (lines * LINE_HEIGHT + 3).tolist()


def _confirmation(ws: Worksheet, row: int, first: int, last: int, conf: Confirmation, f: _Formats) -> None:
    lines = [
        (conf.place_date, f.sign),
        (conf.title, f.bold),
        (conf.officer_title, f.bold),
        (conf.sign_hint, f.sign),
        ("", None),
        ("", None),
        ("", None),
        (conf.officer, f.bold),
    ]
    for i, (text, fmt) in enumerate(lines):
        if text:
            _span(ws, row + i, first, last, text, fmt)


def table_sheet(
    wb: Workbook,
    name: str,
    title_lines: list[str],
    headers: list[str],
    frame: pd.DataFrame,
    numeric: tuple[str, ...] = (),
) -> Worksheet:
    """One sheet: title lines, then the header row and the rows of ``frame`` as text (the
    ``numeric`` columns as numbers, for charts); printed A4 landscape like the documents."""
    ws = wb.add_worksheet(name[:31])
    width = max(len(headers), 1)
    f = _Formats(wb)
    for i, line in enumerate(title_lines):
        _span(ws, i, 0, width - 1, line, f.title if i < 2 else f.plain)
    top = len(title_lines) + 1
    for c, h in enumerate(headers):
        ws.write_string(top, c, h, f.head)
    values = frame.fillna("").astype(str)
    number_cols = {i for i, c in enumerate(frame.columns) if c in numeric}
    write_rows(ws, top + 1, values, number_cols, f)
    ws.freeze_panes(top + 1, 0)
    ws.autofilter(top, 0, top + max(len(values), 1), width - 1)
    longest = [max(map(len, values.iloc[:, c].tolist()), default=0) for c in range(values.shape[1])]
    for c, h in enumerate(headers):
        size = max(len(h) * 0.7, float(longest[c]) if c < len(longest) else 0.0)
        ws.set_column(c, c, min(max(6.0, size + 2), 45.0))
    print_setup(ws, top)
    return ws
