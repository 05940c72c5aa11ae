"""Step 4 in the ledger: minutes drawn up and signatures made over a run's result folder, per list.

Its own table with its own migrations (version kept in ``schema_parts``), so the core schema's
``user_version`` stays the core ledger's."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

import pandas as pd

from vaxrecon.ledger.record import transaction

PART = "signatures"
MIGRATIONS: list[str] = [
    # 1: one row per list for each minutes written or signature made
    """
    CREATE TABLE signatures (
        id INTEGER PRIMARY KEY,
        list_id INTEGER NOT NULL REFERENCES lists(id),
        run_id INTEGER REFERENCES runs(id),
        kind TEXT NOT NULL,
        out_dir TEXT NOT NULL,
        file TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        signer TEXT NOT NULL DEFAULT '',
        signed_at TEXT,
        cert_not_after TEXT,
        recorded_at TEXT NOT NULL
    );
    CREATE INDEX signatures_list ON signatures(list_id, kind)
    """,
]
MINUTES, SIGNATURE = "minutes", "signature"


def migrate(conn: sqlite3.Connection) -> None:
    """Create or update this module's table (idempotent; one transaction per step)."""
    conn.execute("CREATE TABLE IF NOT EXISTS schema_parts (part TEXT PRIMARY KEY, version INTEGER NOT NULL)")
    row = conn.execute("SELECT version FROM schema_parts WHERE part = ?", (PART,)).fetchone()
    current = int(row[0]) if row else 0
    for version, script in enumerate(MIGRATIONS[current:], start=current + 1):
        with transaction(conn):
            for statement in filter(str.strip, script.split(";")):
                conn.execute(statement)
            conn.execute(
                "INSERT INTO schema_parts (part, version) VALUES (?, ?) ON CONFLICT(part) "
                "DO UPDATE SET version = excluded.version",
                (PART, version),
            )


def run_of(conn: sqlite3.Connection, folder: Path) -> tuple[int | None, list[int]]:
    """(run id, list ids) of a result folder: the run that wrote it, and its lists by SHA-256."""
    folder = Path(folder).resolve()
    run_id = None
    for r in conn.execute("SELECT id, out_dir FROM runs WHERE out_dir != '' ORDER BY id DESC"):
        if Path(r["out_dir"]).expanduser().resolve() == folder:
            run_id = int(r["id"])
            break
    summary = json.loads((folder / "summary.json").read_text("utf-8"))
    ids = []
    for info in summary.get("lists", []):
        row = conn.execute(
            "SELECT id FROM lists WHERE sha256 = ? ORDER BY id DESC LIMIT 1", (info.get("sha256", ""),)
        ).fetchone()
        if row:
            ids.append(int(row["id"]))
    return run_id, ids


def record(
    conn: sqlite3.Connection,
    folder: Path,
    kind: str,
    file: str,
    sha256: str,
    signer: str = "",
    signed_at: str | None = None,
    cert_not_after: str | None = None,
) -> tuple[int | None, list[int]]:
    """Record minutes or a signature against every list of the folder's run; (run id, list ids)."""
    migrate(conn)
    run_id, list_ids = run_of(conn, folder)
    now = dt.datetime.now().isoformat(timespec="seconds")
    with transaction(conn):
        conn.executemany(
            "INSERT INTO signatures (list_id, run_id, kind, out_dir, file, sha256, signer, signed_at, "
            "cert_not_after, recorded_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
            [
                (
                    i,
                    run_id,
                    kind,
                    str(Path(folder).resolve()),
                    file,
                    sha256,
                    signer,
                    signed_at,
                    cert_not_after,
                    now,
                )
                for i in list_ids
            ],
        )
    return run_id, list_ids


def by_list(conn: sqlite3.Connection) -> pd.DataFrame:
    """Per list id: when minutes were last drawn up, and the latest signature (signer, signing time)."""
    migrate(conn)
    cur = conn.execute(
        "SELECT l.list_id, m.minutes_on, s.signer AS signed_by, s.signed_at FROM "
        "(SELECT DISTINCT list_id FROM signatures) l "
        "LEFT JOIN (SELECT list_id, MAX(recorded_at) AS minutes_on FROM signatures WHERE kind = ? "
        "GROUP BY list_id) m ON m.list_id = l.list_id "
        "LEFT JOIN (SELECT list_id, MAX(id) AS id FROM signatures WHERE kind = ? GROUP BY list_id) last "
        "ON last.list_id = l.list_id LEFT JOIN signatures s ON s.id = last.id",
        (MINUTES, SIGNATURE),
    )
    columns = ["list_id", "minutes_on", "signed_by", "signed_at"]
    return pd.DataFrame([tuple(r) for r in cur.fetchall()], columns=columns).set_index("list_id")


def annotate(conn: sqlite3.Connection, lists: list[dict]) -> list[dict]:
    """Add ``minutes_on``, ``signed_by`` and ``signed_at`` to the report records of lists that have
    minutes or a signature (other records are left as they are)."""
    table = by_list(conn)
    for rec in lists:
        if rec.get("id") in table.index:
            row = table.loc[rec["id"]]
            rec.update({k: (row[k] if isinstance(row[k], str) and row[k] else None) for k in table.columns})
    return lists
