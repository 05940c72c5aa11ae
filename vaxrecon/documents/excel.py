"""New workbooks with XlsxWriter: every value written as text (never a formula), a title block as
on government forms, a bold frozen header with autofilter, sensible widths."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import xlsxwriter
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

_OPTIONS = {"strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False,
            "constant_memory": True}


def new_workbook(path: Path, streaming: bool = True) -> Workbook:
    """A workbook that never turns text into formulas, numbers or links; ``streaming`` writes rows
    as they come (constant memory) and so needs them in order."""
    return xlsxwriter.Workbook(str(path), {**_OPTIONS, "constant_memory": streaming})


def table_sheet(wb: Workbook, name: str, title_lines: list[str], headers: list[str],
                frame: pd.DataFrame, numeric: tuple[str, ...] = ()) -> Worksheet:
    """One sheet: title lines, then the header row and the rows of ``frame`` as text (the
    ``numeric`` columns as numbers, for charts)."""
    ws = wb.add_worksheet(name[:31])
    width = max(len(headers), 1)
    title = wb.add_format({"bold": True, "align": "center", "font_size": 13})
    plain = wb.add_format({"align": "center"})
    head = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True,
                          "valign": "vcenter", "num_format": "@"})
    text = wb.add_format({"num_format": "@", "border": 1})
    for i, line in enumerate(title_lines):
        fmt = title if i < 2 else plain
        if width > 1:
            ws.merge_range(i, 0, i, width - 1, line, fmt)
        else:
            ws.write_string(i, 0, line, fmt)
    top = len(title_lines) + 1
    for c, h in enumerate(headers):
        ws.write_string(top, c, h, head)
    values = frame.fillna("").astype(str)
    number_cols = {i for i, c in enumerate(frame.columns) if c in numeric}
    for r, row in enumerate(values.itertuples(index=False, name=None), start=top + 1):
        for c, v in enumerate(row):
            if c in number_cols and v != "":
                ws.write_number(r, c, float(v), text)
            else:
                ws.write_string(r, c, v, text)
    ws.freeze_panes(top + 1, 0)
    ws.autofilter(top, 0, top + max(len(values), 1), width - 1)
    longest = values.apply(lambda col: col.str.len().max()).fillna(0) if len(values) else None
    for c, h in enumerate(headers):
        size = max(len(h) * 0.7, float(longest.iloc[c]) if longest is not None else 0.0)
        ws.set_column(c, c, min(max(6.0, size + 2), 45.0))
    return ws
