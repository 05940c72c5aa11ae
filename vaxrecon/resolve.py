"""`resolve`: record the police's decision on one row, or every decision filled into a workbook
(the police-only review workbook or the returned copy, with a decision column added)."""

from __future__ import annotations

import datetime as dt
import getpass
import re
import sqlite3
from pathlib import Path

from vaxrecon.errors import InputError
from vaxrecon.ingest.workbook import read_grids
from vaxrecon.ledger.decisions import Decision, check, current_outcome, record_decisions
from vaxrecon.ledger.queries import frame
from vaxrecon.normalize.ids import cell_str
from vaxrecon.normalize.text import header_key
from vaxrecon.reasons import Status


def parse_where(text: str) -> tuple[str, str, int]:
    """'12:DS:15' -> ('12', 'DS', 15): the list (ledger number or file name), sheet and Excel row."""
    head, _, rest = str(text).partition(":")
    sheet, _, row = rest.rpartition(":")
    if not head or not sheet or not row.strip().isdigit():
        raise InputError(key="err.where", value=text)
    return head.strip(), sheet, int(row)


def find_list(conn: sqlite3.Connection, text: str) -> int:
    """A ledger list by its number, or by its file name when one current list has that name."""
    if text.isdigit():
        return int(text)
    hits = frame(
        conn, "SELECT id FROM lists WHERE superseded_by IS NULL AND (file_name = ? OR path = ?)", (text, text)
    )
    if len(hits) != 1:
        raise InputError(key="err.list_name_none" if hits.empty else "err.list_name_many", name=text)
    return int(hits.iloc[0]["id"])


def _status_words(cfg: dict) -> dict[str, str]:
    """Folded decision text -> status: the configured words, the status codes and their labels."""
    words = {header_key(w): status for status, ws in cfg["resolve"]["words"].items() for w in ws}
    for s in Status:
        for w in (s.value, s.label("vi"), s.label("en")):
            words.setdefault(header_key(w), s.value)
    return words


def _columns(row: list[object], cfg: dict) -> dict[str, int]:
    """Which column of a header row holds each decision field (empty when there is no decision)."""
    keys = [header_key(cell_str(v)) if cell_str(v) else "" for v in row]
    found: dict[str, int] = {}
    for field in ("decision", "person_id", "note", "where"):
        wanted = {header_key(a) for a in cfg["resolve"][f"{field}_headers"]}
        hits = [i for i, k in enumerate(keys) if k in wanted]
        if hits:
            found[field] = hits[-1]  # added columns sit to the right of the list's own
    return found if "decision" in found else {}


def read_decisions(
    path: Path, list_id: int | None, cfg: dict, conn: sqlite3.Connection
) -> tuple[list[Decision], list[dict]]:
    """Decisions filled into a workbook, and the filled rows that could not be read (with why).
    A row is located by its 'place in the list' column (file / sheet / row) or, in a returned
    copy, by its own sheet and row."""
    words, scan = _status_words(cfg), cfg["read"]["header_scan_rows"]
    decisions, problems = [], []
    for grid in read_grids(Path(path)):
        header = next(((i, cols) for i, r in enumerate(grid.rows[:scan]) if (cols := _columns(r, cfg))), None)
        if header is None:
            continue
        top, cols = header
        for i, r in enumerate(grid.rows[top + 1 :], start=top + 2):

            def cell(field: str, r: list[object] = r, cols: dict[str, int] = cols) -> str:
                return cell_str(r[cols[field]]) if field in cols and cols[field] < len(r) else ""

            said = cell("decision")
            if not said:
                continue
            where = f"{grid.name}:{i}"
            try:
                status = words.get(header_key(said))
                if status is None:
                    raise InputError(
                        key="err.decision_word", value=said, known=", ".join(cfg["resolve"]["words"])
                    )
                if "where" in cols:
                    name, sheet, row = _place(cell("where"))
                    if list_id is None and not name:
                        raise InputError(key="err.workbook_no_list")
                    target = list_id if list_id is not None else find_list(conn, name)
                else:
                    if list_id is None:
                        raise InputError(key="err.returned_needs_list")
                    target, sheet, row = list_id, grid.name, i
                person = "".join(ch for ch in cell("person_id") if ch.isdigit())
                decisions.append(Decision(target, sheet, row, status, person, cell("note")))
            except InputError as e:
                problems.append({"where": where, "problem": e.text(cfg["lang"]).rstrip(".")})
    return decisions, problems


_PLACE = re.compile(
    r"^(?:(?:tệp|file)\s+(?P<file>.+?),\s*)?sheet\s+(?P<sheet>.+?),\s*(?:dòng|row)\s+"
    r"(?P<row>\d+)$",
    re.IGNORECASE,
)


def _place(text: str) -> tuple[str, str, int]:
    """(file or '', sheet, row) of a 'place in the list' cell: 'Sheet DS, dòng 12', 'Tệp ds.xlsx,
    sheet DS, dòng 12' or 'ds.xlsx / DS / 12'."""
    if m := _PLACE.match(str(text).strip()):
        return (m["file"] or "").strip(), m["sheet"].strip(), int(m["row"])
    parts = [p.strip() for p in str(text).split("/")]
    if len(parts) < 3 or not parts[-1].isdigit():
        raise InputError(key="err.place", value=text)
    return " / ".join(parts[:-2]), parts[-2], int(parts[-1])


def _usable(conn: sqlite3.Connection, d: Decision, problems: list[dict], lang: str) -> bool:
    try:
        check(d)
        current_outcome(conn, d)
    except InputError as e:
        problems.append({"where": f"{d.sheet}:{d.row}", "problem": e.text(lang).rstrip(".")})
        return False
    return True


def _login() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name (some containers, cron without a user entry)
        return "unknown"


def resolve_rows(
    conn: sqlite3.Connection,
    cfg: dict,
    today: dt.date,
    *,
    where: str | None = None,
    status: str | None = None,
    person_id: str = "",
    note: str = "",
    by: str | None = None,
    workbook: Path | None = None,
    list_ref: str | None = None,
) -> dict:
    """Record one decision (``where`` = LIST:SHEET:ROW) or all those filled into ``workbook``;
    each with who (``by``, default the login name) and when. Returns what was recorded."""
    who = by or _login()
    if (where is None) == (workbook is None):
        raise InputError(key="err.resolve_what")
    if workbook is not None:
        list_id = find_list(conn, list_ref) if list_ref else None
        decisions, problems = read_decisions(workbook, list_id, cfg, conn)
        if not decisions and not problems:
            raise InputError(
                key="err.no_decision_column",
                file=Path(workbook).name,
                header=cfg["resolve"]["decision_headers"][0],
            )
        decisions = [d for d in decisions if _usable(conn, d, problems, cfg["lang"])]
        source = f"import:{Path(workbook).name}"
    else:
        if not status:
            raise InputError(key="err.status_missing")
        ref, sheet, row = parse_where(where or "")
        decisions = [Decision(find_list(conn, ref), sheet, row, status, person_id.strip(), note)]
        problems, source = [], "resolve"
    ids = record_decisions(conn, decisions, who, today, source)
    return {
        "recorded": [
            {"id": i, "list_id": d.list_id, "sheet": d.sheet, "row": d.row, "status": d.status}
            for i, d in zip(ids, decisions, strict=True)
        ],
        "problems": problems,
        "decided_by": who,
        "decided_on": today.isoformat(),
    }
