"""The follow-up reports as workbooks: Vietnamese headers, dates dd/mm/yyyy, a total row under each
count table and a native Excel chart of statuses on the overview."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from vaxrecon.documents.atomic import write_file_atomic
from vaxrecon.documents.excel import new_workbook, table_sheet
from vaxrecon.reasons import Status
from vaxrecon.text import t

if TYPE_CHECKING:
    from xlsxwriter.workbook import Workbook
    from xlsxwriter.worksheet import Worksheet

STATUS_COLUMNS = [s.value for s in Status]
TIMELINESS = ["on_time", "late", "overdue", "pending", "unknown"]
COUNTS = [*STATUS_COLUMNS, "rows", "lists", "facility_lists", *TIMELINESS, "open_requests", "open_overdue"]
DATES = {"list_date", "deadline", "received_on", "returned_on", "first_reported", "due", "decided_at"}
NUMBERS = {*COUNTS, "id", "list_id", "row", "age_days", "reruns"}
# Columns of each table, by section.
GROUP = [*STATUS_COLUMNS, "rows", "lists", "facility_lists", *TIMELINESS, "open_requests", "open_overdue"]
LISTS = [
    "id",
    "source",
    "unit",
    "unit_kind",
    "return_to",
    "list_date",
    "deadline",
    "returned_on",
    "timeliness",
    "reruns",
    *STATUS_COLUMNS,
    "rows",
]
OPEN = [
    "list_id",
    "source",
    "sheet",
    "row",
    "name",
    "village",
    "phone",
    "status",
    "first_reported",
    "due",
    "age_days",
    "overdue",
]
DECISIONS = [
    "list_id",
    "source",
    "sheet",
    "row",
    "name",
    "status_before",
    "status",
    "person_id",
    "note",
    "decided_by",
    "decided_at",
    "source_of",
]
FACILITIES = [
    "id",
    "unit",
    "source",
    "commune",
    "district",
    "list_date",
    "deadline",
    "returned_on",
    "timeliness",
    "rows",
]
OVERDUE_ROWS = [
    "list_id",
    "source",
    "commune",
    "unit",
    "sheet",
    "row",
    "name",
    "status",
    "person_id",
    "phone",
    "first_reported",
    "due",
    "age_days",
]
OVERDUE_LISTS = ["id", "source", "commune", "unit", "list_date", "deadline", "received_on", "failure"]
UNKNOWN = ["id", "source", "missing", "how_to_supply"]
_RENAMED = {"file_name": "source", "source": "source_of"}  # report key -> label key
_HEADER = {
    "id": "fu_list_no",
    "list_id": "fu_list_no",
    "district": "fu_district",
    "lists": "fu_lists",
    "facility_lists": "fu_facility_lists",
    "rows": "fu_rows",
    "unit": "fu_unit",
    "unit_kind": "fu_unit_kind",
    "return_to": "fu_return_to",
    "received_on": "fu_received_on",
    "returned_on": "fu_returned_on",
    "timeliness": "fu_timeliness",
    "reruns": "fu_reruns",
    "first_reported": "fu_first_reported",
    "due": "fu_due",
    "age_days": "fu_age_days",
    "decided_by": "fu_decided_by",
    "decided_at": "fu_decided_at",
    "status_before": "fu_status_before",
    "note": "fu_note",
    "source_of": "fu_source",
    "missing": "fu_missing",
    "overdue": "fu_overdue",
    "how_to_supply": "fu_how_to_supply",
    "open_requests": "fu_open_requests",
    "open_overdue": "fu_open_overdue",
    "failure": "col.reasons",
    "commune": "fu_commune",
    "list_date": "fu_list_date",
    "deadline": "fu_deadline",
    **{k: f"fu_{k}" for k in ("on_time", "late", "pending", "unknown")},
}


def _header(column: str, lang: str) -> str:
    if column in STATUS_COLUMNS:
        return Status(column).label(lang)
    return t(_HEADER.get(column, f"col.{column}"), lang)


def _dmy(value: object) -> object:
    """ISO date (or date-time) text as dd/mm/yyyy (hh:mm)."""
    if not isinstance(value, str) or not value:
        return value
    try:
        when = dt.datetime.fromisoformat(value)
    except ValueError:
        return value
    return when.strftime("%d/%m/%Y %H:%M" if "T" in value else "%d/%m/%Y")


def _frame(records: list[dict], columns: list[str], lang: str) -> pd.DataFrame:
    """The records as a table of display values: renamed keys, dates dd/mm/yyyy, words in ``lang``."""
    frame = pd.DataFrame(records).rename(columns=_RENAMED).reindex(columns=columns)
    for col in frame.columns:
        if col in DATES:
            frame[col] = frame[col].map(_dmy)
        elif col in ("status", "status_before"):
            frame[col] = frame[col].map(lambda s: Status(s).label(lang) if s in STATUS_COLUMNS else s)
        elif col == "timeliness":
            frame[col] = frame[col].map(lambda s: t(f"fu_{s}", lang) if s in TIMELINESS else s)
        elif col == "unit_kind":
            frame[col] = frame[col].map(lambda s: t(f"fu_kind_{s}", lang) if s else "")
        elif col == "overdue":
            frame[col] = frame[col].map(lambda b: t("fu_yes", lang) if b is True else "")
        elif col == "missing":
            frame[col] = frame[col].map(
                lambda m: ", ".join(_header(k, lang) for k in m) if isinstance(m, list) else m
            )
    return frame.astype(object).where(frame.notna(), "")


def _with_total(frame: pd.DataFrame, label_col: str, lang: str) -> pd.DataFrame:
    """The frame with a 'Tổng cộng' row summing its count columns."""
    total = {
        c: int(pd.to_numeric(frame[c], errors="coerce").fillna(0).sum()) if c in COUNTS else ""
        for c in frame.columns
    }
    total[label_col] = t("fu_total", lang)
    return pd.concat([frame, pd.DataFrame([total])], ignore_index=True)


def _sheet(wb: Workbook, key: str, title: list[str], frame: pd.DataFrame, lang: str) -> Worksheet:
    return table_sheet(
        wb,
        t(key, lang),
        title,
        [_header(c, lang) for c in frame.columns],
        frame,
        numeric=tuple(NUMBERS & set(frame.columns)),
    )


def _chart(
    wb: Workbook, ws: Worksheet, title: list[str], rows: int, label_col: int, first_status_col: int
) -> None:
    if not rows:
        return
    top = len(title) + 1
    chart = wb.add_chart({"type": "column", "subtype": "stacked"})
    for i in range(first_status_col, first_status_col + len(STATUS_COLUMNS)):
        chart.add_series(
            {
                "name": [ws.name, top, i],
                "categories": [ws.name, top + 1, label_col, top + rows, label_col],
                "values": [ws.name, top + 1, i, top + rows, i],
            }
        )
    chart.set_title({"name": title[1]})
    chart.set_size({"width": 900, "height": 420})
    ws.insert_chart(top + rows + 3, 0, chart)


def _title(report: dict, heading: str, lang: str) -> list[str]:
    overdue = report["schema"].startswith("vaxrecon.overdue")
    return [
        heading,
        t("fu_overdue_title" if overdue else "fu_title", lang),
        f"{t('fu_as_of', lang)} {_dmy(report['as_of'])}",
    ]


def _commune(wb: Workbook, report: dict, lang: str) -> None:
    title = _title(report, report["commune"], lang)
    lists = _with_total(_frame(report["lists"], LISTS, lang), "source", lang)
    ws = _sheet(wb, "fu_sheet_overview", title, lists, lang)
    _chart(wb, ws, title, len(report["lists"]), 1, LISTS.index(STATUS_COLUMNS[0]))
    _sheet(wb, "fu_sheet_open", title, _frame(report["open_requests"], OPEN, lang), lang)
    _sheet(wb, "fu_sheet_decisions", title, _frame(report.get("decisions", []), DECISIONS, lang), lang)


def _province(wb: Workbook, report: dict, lang: str) -> None:
    heading = report.get("district") or t("fu_province", lang)
    title = _title(report, heading, lang)
    by_district = _with_total(_frame(report["districts"], ["district", *GROUP], lang), "district", lang)
    ws = _sheet(wb, "fu_sheet_overview", title, by_district, lang)
    _chart(wb, ws, title, len(report["districts"]), 0, 1)
    communes = _with_total(_frame(report["communes"], ["district", "commune", *GROUP], lang), "commune", lang)
    _sheet(wb, "fu_sheet_communes", title, communes, lang)
    _sheet(wb, "fu_sheet_facilities", title, _frame(report["facilities"], FACILITIES, lang), lang)
    if report["unknown_metadata"]:
        _sheet(wb, "fu_sheet_unknown", title, _frame(report["unknown_metadata"], UNKNOWN, lang), lang)


def _overdue(wb: Workbook, report: dict, lang: str) -> None:
    title = _title(report, t("fu_province", lang), lang)
    _sheet(wb, "fu_sheet_overdue_rows", title, _frame(report["rows"], OVERDUE_ROWS, lang), lang)
    _sheet(wb, "fu_sheet_overdue_lists", title, _frame(report["lists"], OVERDUE_LISTS, lang), lang)


def write_report_xlsx(report: dict, path: Path, lang: str) -> Path:
    """A `report` (commune, district, province) or `overdue` result as a workbook at ``path``."""
    kind = report["schema"].split("/")[0].rsplit(".", 1)[-1]
    build = {"commune": _commune, "province": _province, "district": _province, "overdue": _overdue}[kind]
    tmp = path.with_name(f".{path.name}.building")
    wb = new_workbook(tmp, streaming=False)
    build(wb, report, lang)
    wb.close()
    write_file_atomic(path, tmp.read_bytes())
    tmp.unlink()
    return path
