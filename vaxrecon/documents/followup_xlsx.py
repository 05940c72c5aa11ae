"""The follow-up report as a workbook: a table per section and a native Excel chart of statuses."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from vaxrecon.documents.atomic import write_file_atomic
from vaxrecon.documents.excel import new_workbook, table_sheet
from vaxrecon.reasons import Status

STATUS_COLUMNS = [s.value for s in Status]


def _frame(records: list[dict], columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame(records, columns=columns).fillna("")


def write_report_xlsx(report: dict, path: Path, lang: str) -> Path:
    """Overview sheet with a stacked column chart (per commune, or per list for one commune),
    and for a commune report the open requests with their age."""
    per_commune = report["schema"].endswith("province/1")
    label = "commune" if per_commune else "file_name"
    rows = report["communes"] if per_commune else report["lists"]
    columns = [label, *STATUS_COLUMNS, "rows", *(["on_time", "late", "overdue", "pending", "unknown",
                                                   "open_requests"] if per_commune else
                                                  ["list_date", "deadline", "returned_on", "timeliness"])]
    frame = _frame(rows, columns)
    title = [report.get("commune", "") or ("TỔNG HỢP TOÀN TỈNH" if lang == "vi" else "PROVINCE OVERVIEW"),
             ("BÁO CÁO XÁC MINH DANH SÁCH TIÊM CHỦNG" if lang == "vi" else "VERIFICATION FOLLOW-UP"),
             f"{'Tính đến ngày' if lang == 'vi' else 'As of'} {report['as_of']}"]
    headers = [label] + [Status(s).label(lang) for s in STATUS_COLUMNS] + columns[len(STATUS_COLUMNS) + 1:]
    tmp = path.with_name(f".{path.name}.building")
    wb = new_workbook(tmp, streaming=False)
    counts = (*STATUS_COLUMNS, "rows", "on_time", "late", "overdue", "pending", "unknown", "open_requests")
    ws = table_sheet(wb, "Tổng hợp" if lang == "vi" else "Overview", title, headers, frame, numeric=counts)
    top = len(title) + 1
    if len(frame):
        chart = wb.add_chart({"type": "column", "subtype": "stacked"})
        for i in range(1, len(STATUS_COLUMNS) + 1):
            chart.add_series({"name": [ws.name, top, i],
                              "categories": [ws.name, top + 1, 0, top + len(frame), 0],
                              "values": [ws.name, top + 1, i, top + len(frame), i]})
        chart.set_title({"name": title[1]})
        chart.set_size({"width": 900, "height": 420})
        ws.insert_chart(top + len(frame) + 3, 0, chart)
    if not per_commune:
        open_cols = ["file_name", "sheet", "row", "name", "village", "phone", "status", "first_reported",
                     "age_days", "overdue"]
        table_sheet(wb, "Yêu cầu còn mở" if lang == "vi" else "Open requests", title, open_cols,
                    _frame(report["open_requests"], open_cols), numeric=("row", "age_days"))
    wb.close()
    write_file_atomic(path, tmp.read_bytes())
    tmp.unlink()
    return path
