"""Settle runs left pending: a run is recorded (pending) before its output folder is renamed into
place and completed after, so a process killed on either side of the rename leaves a run that the
next opening of the ledger completes (its folder is there) or voids (it is not: its rows are
removed, the rows it closed are open again and its lists are as they were, so the list can be
verified again without counting anything twice). A `clean` run (the campaign's tables) is settled
the same way: completed, or voided with its counts removed."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from vaxrecon.documents.atomic import token_alive
from vaxrecon.ledger.record import transaction
from vaxrecon.text import t

_LIST_COLUMNS = (
    "file_name",
    "path",
    "commune",
    "commune_code",
    "district",
    "district_code",
    "unit",
    "unit_kind",
    "list_date",
    "deadline",
    "returned_on",
    "failure",
    "supersedes",
    "superseded_by",
)


def folder_in_place(out_dir: str) -> bool:
    """Whether a run's output folder was renamed into place (it is written new or into an empty
    folder, so a folder with content is the renamed one)."""
    path = Path(out_dir).expanduser()
    try:
        return path.is_dir() and any(path.iterdir())
    except OSError:
        return False


def _void(conn: sqlite3.Connection, run: sqlite3.Row) -> None:
    """Undo what a pending run recorded, except on lists a later run has recorded since."""
    undo = json.loads(run["undo"] or "{}")
    later = {r[0] for r in conn.execute("SELECT list_id FROM list_runs WHERE run_id > ?", (run["id"],))}
    conn.execute("DELETE FROM outcomes WHERE run_id = ?", (run["id"],))
    conn.execute(
        "UPDATE outcomes SET closed_on = NULL, closed_how = '', closed_by_run = NULL "
        f"WHERE closed_by_run = ? AND list_id NOT IN ({','.join('?' * len(later))})",
        (run["id"], *later),
    )
    conn.execute("DELETE FROM list_runs WHERE run_id = ?", (run["id"],))
    failure = t("ledger.run_interrupted", undo.get("lang", "vi"))
    for list_id, before in undo.get("lists", {}).items():
        if int(list_id) in later:
            continue
        if before is None:  # new with this run: received, not returned
            conn.execute(
                "UPDATE lists SET returned_on = NULL, failure = ?, supersedes = NULL WHERE id = ?",
                (failure, int(list_id)),
            )
        else:
            conn.execute(
                f"UPDATE lists SET {', '.join(f'{c} = ?' for c in _LIST_COLUMNS)} WHERE id = ?",
                (*(before[c] for c in _LIST_COLUMNS), int(list_id)),
            )
    conn.execute("UPDATE runs SET state = 'void', undo = '' WHERE id = ?", (run["id"],))


def settle(conn: sqlite3.Connection, run_id: int) -> str:
    """Complete a pending run whose folder is in place, void it otherwise; returns its state."""
    with transaction(conn):
        run = conn.execute("SELECT * FROM runs WHERE id = ?", (run_id,)).fetchone()
        if run is None or run["state"] != "pending":
            return run["state"] if run is not None else "void"
        if folder_in_place(run["out_dir"]):
            conn.execute("UPDATE runs SET state = 'complete', undo = '' WHERE id = ?", (run_id,))
            return "complete"
        _void(conn, run)
        return "void"


def settle_clean(conn: sqlite3.Connection, run_id: int) -> str:
    """Complete a pending `clean` run whose folder is in place, void it otherwise (its counts
    removed); returns its state."""
    with transaction(conn):
        run = conn.execute("SELECT state, out_dir FROM campaign_runs WHERE id = ?", (run_id,)).fetchone()
        if run is None or run["state"] != "pending":
            return run["state"] if run is not None else "void"
        state = "complete" if folder_in_place(run["out_dir"]) else "void"
        if state == "void":
            conn.execute("DELETE FROM campaign_counts WHERE run_id = ?", (run_id,))
        conn.execute("UPDATE campaign_runs SET state = ?, owner = '' WHERE id = ?", (state, run_id))
        return state


def _stale(conn: sqlite3.Connection, table: str) -> list[int]:
    """The pending runs in ``table`` whose process is gone (none where the table, or its
    ``state`` column, does not exist yet)."""
    if "state" not in {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}:
        return []
    pending = conn.execute(f"SELECT id, owner FROM {table} WHERE state = 'pending'")
    return [int(r["id"]) for r in pending if not token_alive(r["owner"])]


def reconcile(conn: sqlite3.Connection) -> dict[str, dict[int, str]]:
    """Settle the pending runs (verify's and clean's) whose process is gone; returns each one's
    new state, by table."""
    return {
        "runs": {run_id: settle(conn, run_id) for run_id in _stale(conn, "runs")},
        "campaign_runs": {run_id: settle_clean(conn, run_id) for run_id in _stale(conn, "campaign_runs")},
    }
