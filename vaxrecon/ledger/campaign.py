"""The data-cleaning campaign in the ledger: each `clean` run and its counts per commune and site,
so `report` can show the campaign's progress. Its own tables, created when first needed. A run is
recorded pending before its output folder is renamed into place and completed after (settled by
:mod:`vaxrecon.ledger.recovery`); only complete runs count."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3

import pandas as pd

from vaxrecon import __version__
from vaxrecon.campaign.tally import place_counts
from vaxrecon.documents.atomic import process_token

SCHEMA = """
CREATE TABLE IF NOT EXISTS campaign_runs (
    id INTEGER PRIMARY KEY,
    started_at TEXT NOT NULL,
    run_date TEXT NOT NULL,
    export_date TEXT NOT NULL,
    tool_version TEXT NOT NULL,
    config_hash TEXT NOT NULL,
    files TEXT NOT NULL,
    rows INTEGER NOT NULL,
    people INTEGER NOT NULL,
    out_dir TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL DEFAULT 'complete',
    owner TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS campaign_counts (
    run_id INTEGER NOT NULL REFERENCES campaign_runs(id),
    place_kind TEXT NOT NULL,
    place TEXT NOT NULL,
    verdict TEXT NOT NULL,
    category TEXT NOT NULL,
    doses INTEGER NOT NULL,
    people INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS campaign_counts_place ON campaign_counts(place_kind, place, run_id)
"""


# Columns added after the tables were first shipped (a ledger may hold the tables without them).
_ADDED = {"state": "TEXT NOT NULL DEFAULT 'complete'", "owner": "TEXT NOT NULL DEFAULT ''"}


def ensure_tables(conn: sqlite3.Connection) -> None:
    """The campaign's tables, with the columns added since (checked again under the write lock:
    another process may be adding them)."""
    for statement in filter(str.strip, SCHEMA.split(";")):
        conn.execute(statement)
    if _ADDED.keys() <= _columns(conn):
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        for name in _ADDED.keys() - _columns(conn):
            conn.execute(f"ALTER TABLE campaign_runs ADD COLUMN {name} {_ADDED[name]}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _columns(conn: sqlite3.Connection) -> set[str]:
    return {r[1] for r in conn.execute("PRAGMA table_info(campaign_runs)")}


def record_clean(
    conn: sqlite3.Connection, results: pd.DataFrame, summary: dict, out_dir: str, *, pending: bool = False
) -> int:
    """Record one `clean` run (one transaction); returns its number. ``pending``: its output
    folder is not in place yet (:func:`vaxrecon.ledger.recovery.settle_clean` completes or voids
    it)."""
    ensure_tables(conn)
    conn.execute("BEGIN IMMEDIATE")
    try:
        cur = conn.execute(
            "INSERT INTO campaign_runs (started_at, run_date, export_date, tool_version, config_hash, "
            "files, rows, people, out_dir, state, owner) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                dt.datetime.now().isoformat(timespec="seconds"),
                summary["run_date"],
                summary["export_date"],
                __version__,
                summary["config_hash"],
                json.dumps(
                    [{k: f.get(k, "") for k in ("name", "sha256", "rows")} for f in summary["files"]],
                    ensure_ascii=False,
                ),
                summary["rows"],
                summary["people"],
                out_dir,
                "pending" if pending else "complete",
                process_token() if pending else "",
            ),
        )
        run_id = int(cur.lastrowid or 0)
        for by in ("commune", "site"):
            table = place_counts(results, by)
            conn.executemany(
                "INSERT INTO campaign_counts VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    (run_id, by, str(p), v, c, int(d), int(n))
                    for p, v, c, d, n in table.itertuples(index=False)
                ],
            )
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return run_id


def campaign_progress(conn: sqlite3.Connection, place_kind: str = "commune") -> list[dict]:
    """Per commune (or site): its latest complete `clean` run and the people and doses per verdict
    and category in it (none when no `clean` run was recorded)."""
    if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'campaign_counts'").fetchone() is None:
        return []
    ensure_tables(conn)
    rows = conn.execute(
        "SELECT c.place, c.run_id, r.run_date, r.export_date, c.verdict, c.category, c.doses, c.people "
        "FROM campaign_counts c JOIN campaign_runs r ON r.id = c.run_id "
        "WHERE c.place_kind = ? AND c.run_id = (SELECT MAX(k.run_id) FROM campaign_counts k "
        "JOIN campaign_runs d ON d.id = k.run_id AND d.state = 'complete' "
        "WHERE k.place_kind = c.place_kind AND k.place = c.place) ORDER BY c.place",
        (place_kind,),
    ).fetchall()
    out: dict[str, dict] = {}
    for place, run_id, run_date, export_date, verdict, category, doses, people in rows:
        entry = out.setdefault(
            place,
            {
                "place": place,
                "run_id": run_id,
                "run_date": run_date,
                "export_date": export_date,
                "doses": 0,
                "people": {},
                "doses_by_category": {},
            },
        )
        entry["doses"] += doses
        entry["people"][verdict] = entry["people"].get(verdict, 0) + people
        entry["doses_by_category"][category] = entry["doses_by_category"].get(category, 0) + doses
    return list(out.values())
