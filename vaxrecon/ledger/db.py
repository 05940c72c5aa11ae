"""SQLite storage with versioned migrations, WAL, and one transaction per recorded run."""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from vaxrecon.errors import InputError
from vaxrecon.ledger.recovery import reconcile

MIGRATIONS: list[str] = [
    # 1: lists, runs, row outcomes
    """
    CREATE TABLE lists (
        id INTEGER PRIMARY KEY,
        file_name TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        commune TEXT NOT NULL DEFAULT '',
        commune_code TEXT NOT NULL DEFAULT '',
        unit TEXT NOT NULL DEFAULT '',
        list_date TEXT,
        deadline TEXT,
        received_on TEXT NOT NULL,
        returned_on TEXT,
        failure TEXT NOT NULL DEFAULT '',
        supersedes INTEGER REFERENCES lists(id),
        superseded_by INTEGER REFERENCES lists(id)
    );
    CREATE INDEX lists_sha ON lists(sha256);
    CREATE INDEX lists_commune ON lists(commune_code, list_date);
    CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        started_at TEXT NOT NULL,
        run_date TEXT NOT NULL,
        tool_version TEXT NOT NULL,
        config_hash TEXT NOT NULL,
        counts TEXT NOT NULL,
        out_dir TEXT NOT NULL DEFAULT ''
    );
    CREATE TABLE outcomes (
        id INTEGER PRIMARY KEY,
        run_id INTEGER NOT NULL REFERENCES runs(id),
        list_id INTEGER NOT NULL REFERENCES lists(id),
        sheet TEXT NOT NULL,
        row INTEGER NOT NULL,
        person_key TEXT NOT NULL,
        person_id TEXT NOT NULL DEFAULT '',
        name TEXT NOT NULL DEFAULT '',
        village TEXT NOT NULL DEFAULT '',
        phone TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL,
        reasons TEXT NOT NULL DEFAULT '',
        first_reported TEXT NOT NULL,
        closed_on TEXT
    );
    CREATE INDEX outcomes_list ON outcomes(list_id);
    CREATE INDEX outcomes_open ON outcomes(closed_on, status);
    """,
    # 2: where a list came from (folder, district, commune or facility), which runs were re-runs,
    # and the police's recorded decisions on single rows
    """
    ALTER TABLE lists ADD COLUMN path TEXT NOT NULL DEFAULT '';
    ALTER TABLE lists ADD COLUMN district TEXT NOT NULL DEFAULT '';
    ALTER TABLE lists ADD COLUMN district_code TEXT NOT NULL DEFAULT '';
    ALTER TABLE lists ADD COLUMN unit_kind TEXT NOT NULL DEFAULT 'commune';
    CREATE TABLE list_runs (
        run_id INTEGER NOT NULL REFERENCES runs(id),
        list_id INTEGER NOT NULL REFERENCES lists(id),
        run_on TEXT NOT NULL,
        kind TEXT NOT NULL,
        PRIMARY KEY (run_id, list_id)
    );
    CREATE INDEX list_runs_list ON list_runs(list_id);
    INSERT INTO list_runs (run_id, list_id, run_on, kind)
        SELECT o.run_id, o.list_id, r.run_date,
               CASE WHEN o.run_id = (SELECT MIN(run_id) FROM outcomes f WHERE f.list_id = o.list_id)
                    THEN 'first' ELSE 'rerun' END
        FROM (SELECT DISTINCT run_id, list_id FROM outcomes) o JOIN runs r ON r.id = o.run_id;
    CREATE TABLE decisions (
        id INTEGER PRIMARY KEY,
        list_id INTEGER NOT NULL REFERENCES lists(id),
        sheet TEXT NOT NULL,
        row INTEGER NOT NULL,
        person_key TEXT NOT NULL,
        status_before TEXT NOT NULL,
        status TEXT NOT NULL,
        person_id TEXT NOT NULL DEFAULT '',
        note TEXT NOT NULL DEFAULT '',
        decided_by TEXT NOT NULL,
        decided_at TEXT NOT NULL,
        decided_on TEXT NOT NULL,
        source TEXT NOT NULL
    );
    CREATE INDEX decisions_list ON decisions(list_id, sheet, row);
    ALTER TABLE outcomes ADD COLUMN closed_how TEXT NOT NULL DEFAULT '';
    ALTER TABLE outcomes ADD COLUMN decision_id INTEGER REFERENCES decisions(id);
    CREATE INDEX outcomes_decision ON outcomes(decision_id)
    """,
    # 3: a run is recorded as pending before its output folder is renamed into place and completed
    # after; what it changed is kept until then, so that a run killed in between can be voided
    """
    ALTER TABLE runs ADD COLUMN state TEXT NOT NULL DEFAULT 'complete';
    ALTER TABLE runs ADD COLUMN owner TEXT NOT NULL DEFAULT '';
    ALTER TABLE runs ADD COLUMN undo TEXT NOT NULL DEFAULT '';
    ALTER TABLE outcomes ADD COLUMN closed_by_run INTEGER REFERENCES runs(id);
    CREATE INDEX runs_pending ON runs(state) WHERE state = 'pending'
    """,
]


def connect(path: str | Path) -> sqlite3.Connection:
    """Open (creating and migrating on first use) the ledger at ``path``, and settle the runs that
    killed processes left pending."""
    path = Path(path).expanduser()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists():  # personal data: readable by its owner only (SQLite's WAL files follow)
            os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
        conn = sqlite3.connect(path, timeout=30, isolation_level=None)
    except (OSError, sqlite3.Error) as e:
        raise InputError(key="err.ledger_open", path=str(path), why=str(e)) from e
    conn.row_factory = sqlite3.Row
    _write_ahead(conn)
    conn.execute("PRAGMA foreign_keys=ON")
    migrate(conn)
    reconcile(conn)
    return conn


def _write_ahead(conn: sqlite3.Connection, seconds: float = 30.0) -> None:
    """Switch a ledger to write-ahead logging. SQLite answers "database is locked" at once, without
    waiting, when another process is switching the same new file at that moment: try again a
    while, as the connection's timeout would."""
    end = time.monotonic() + seconds
    while True:
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as e:
            if "locked" not in str(e) or time.monotonic() > end:
                raise
            time.sleep(0.02)


@contextmanager
def existing(path: str | Path) -> Iterator[sqlite3.Connection]:
    """The ledger at ``path`` for reading reports; an error if no run has created it yet."""
    path = Path(path).expanduser()
    if not path.exists():
        raise InputError(key="err.ledger_missing", path=str(path))
    conn = connect(path)
    try:
        yield conn
    finally:
        conn.close()


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection) -> None:
    """Apply the migrations the database has not seen, each in its own transaction. The version
    is read again under the write lock: another process may have just created the same ledger."""
    current = schema_version(conn)
    if current > len(MIGRATIONS):
        raise InputError(key="err.ledger_newer", schema=current)
    for version, script in enumerate(MIGRATIONS[current:], start=current + 1):
        conn.execute("BEGIN IMMEDIATE")
        if schema_version(conn) >= version:
            conn.execute("COMMIT")
            continue
        try:
            for statement in filter(str.strip, script.split(";")):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version={version}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
