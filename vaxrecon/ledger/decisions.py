"""The police's decisions on single rows: recorded with who and when, applied to the row's outcome."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from dataclasses import dataclass

from vaxrecon.errors import InputError
from vaxrecon.ledger.record import OPEN_VALUES, transaction
from vaxrecon.reasons import Status


@dataclass(frozen=True)
class Decision:
    """One decision on one row of a ledger list."""

    list_id: int
    sheet: str
    row: int
    status: str
    person_id: str = ""
    note: str = ""


def check(decision: Decision) -> None:
    """Raise InputError for a status vaxrecon does not know or an ID that is not 12 digits."""
    if decision.status not in {s.value for s in Status}:
        raise InputError(key="err.status", known=", ".join(s.value for s in Status), value=decision.status)
    if decision.person_id and not re.fullmatch(r"\d{12}", decision.person_id):
        raise InputError(key="err.person_id")


def current_outcome(conn: sqlite3.Connection, d: Decision) -> sqlite3.Row:
    """The outcome a decision applies to (the row in its list's latest run); a row verified by hand
    needs the person's ID, given or already linked."""
    listed = conn.execute("SELECT superseded_by FROM lists WHERE id = ?", (d.list_id,)).fetchone()
    if listed is None:
        raise InputError(key="err.no_list", id=d.list_id)
    if listed["superseded_by"] is not None:
        raise InputError(key="err.list_replaced", id=d.list_id, new=listed["superseded_by"])
    found = conn.execute(
        "SELECT * FROM outcomes WHERE list_id = ? AND sheet = ? AND row = ? "
        "ORDER BY run_id DESC, id DESC LIMIT 1",
        (d.list_id, d.sheet, d.row),
    ).fetchone()
    if found is None:
        raise InputError(key="err.no_ledger_row", id=d.list_id, sheet=d.sheet, row=d.row)
    if d.status == Status.VERIFIED and not (d.person_id or found["person_id"]):
        raise InputError(key="err.verify_needs_id", sheet=d.sheet, row=d.row)
    return found


def record_decisions(
    conn: sqlite3.Connection, decisions: list[Decision], by: str, today: dt.date, source: str
) -> list[int]:
    """Record each decision and apply it to the row's current outcome (closing the row unless the
    decided status still asks for something), all in one transaction; returns the decision ids."""
    for d in decisions:
        check(d)
    now = dt.datetime.now().isoformat(timespec="seconds")
    ids = []
    with transaction(conn):
        for d in decisions:
            outcome = current_outcome(conn, d)
            cur = conn.execute(
                "INSERT INTO decisions (list_id, sheet, row, person_key, status_before, status, person_id, "
                "note, decided_by, decided_at, decided_on, source) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    d.list_id,
                    d.sheet,
                    d.row,
                    outcome["person_key"],
                    outcome["status"],
                    d.status,
                    d.person_id,
                    d.note,
                    by,
                    now,
                    today.isoformat(),
                    source,
                ),
            )
            still_open = d.status in OPEN_VALUES
            conn.execute(
                "UPDATE outcomes SET status = ?, person_id = COALESCE(NULLIF(?, ''), person_id), "
                "closed_on = ?, closed_how = ?, decision_id = ? WHERE id = ?",
                (
                    d.status,
                    d.person_id,
                    None if still_open else today.isoformat(),
                    "" if still_open else "decision",
                    cur.lastrowid,
                    outcome["id"],
                ),
            )
            ids.append(int(cur.lastrowid or 0))
    return ids
