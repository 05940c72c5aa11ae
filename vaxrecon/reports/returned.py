"""The list returned in its own shape: the input workbook with result columns appended."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pandas as pd
from openpyxl.styles import Font

from vaxrecon.ingest.lists import ListRead
from vaxrecon.ingest.workbook import read_grids
from vaxrecon.reports.labels import t

APPENDED = ["status", "reasons", "person_id", "proposed", "duplicate_of"]


def _load(lr: ListRead) -> openpyxl.Workbook:
    """The workbook to annotate: the original (.xlsx/.xlsm) or a rebuilt copy of an .xls/.csv."""
    if lr.path.suffix.lower() in {".xlsx", ".xlsm"}:
        return openpyxl.load_workbook(lr.path, keep_vba=False)
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for grid in read_grids(lr.path):
        ws = wb.create_sheet(grid.name[:31])
        for row in grid.rows:
            ws.append([None if v == "" else v for v in row])
        for (r0, c0), (r1, c1) in grid.merged:
            ws.merge_cells(start_row=r0 + 1, start_column=c0 + 1, end_row=r1 + 1, end_column=c1 + 1)
    return wb


def write_returned(lr: ListRead, results: pd.DataFrame, proposed: pd.Series, out: Path,
                   lang: str) -> Path:
    """Save ``<name>_ket_qua.xlsx`` (or ``_results``): every sheet keeps its rows; each record row
    gets its status, reasons, personal ID, proposed correction and duplicate pointer."""
    wb = _load(lr)
    mine = results[results["source"] == lr.path.name]
    for sheet in lr.sheets:
        if sheet.header is None or sheet.sheet not in wb.sheetnames:
            continue
        ws = wb[sheet.sheet]
        first_col = ws.max_column + 1
        header_row = sheet.header.row + sheet.header.height
        for i, key in enumerate(APPENDED):
            cell = ws.cell(header_row, first_col + i, t(key, lang))
            cell.font = Font(bold=True)
        rows = mine[mine["sheet"] == sheet.sheet]
        values = pd.DataFrame({"status": rows["status_label"], "reasons": rows["reason_labels"],
                               "person_id": rows["person_id"], "proposed": proposed.loc[rows.index],
                               "duplicate_of": rows["duplicate_of"]})
        for excel_row, vals in zip(rows["row"].astype(int), values.itertuples(index=False, name=None),
                                   strict=True):
            for i, v in enumerate(vals):
                cell = ws.cell(excel_row, first_col + i)
                cell.value = str(v)
                cell.data_type = "s"
                cell.number_format = "@"
    suffix = "_ket_qua" if lang == "vi" else "_results"
    path = out / f"{lr.path.stem}{suffix}.xlsx"
    wb.save(path)
    return path
