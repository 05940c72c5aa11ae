"""Write verify runs into the ledger; a corrected re-submission closes the rows it settles."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np
import pandas as pd

from vaxrecon import __version__
from vaxrecon.normalize.text import fold_series
from vaxrecon.reasons import Status
from vaxrecon.result import VerifyResult

OPEN_STATUSES = (Status.NEEDS_CORRECTION, Status.REVIEW, Status.NOT_FOUND, Status.INCOMPLETE)


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE … COMMIT, or ROLLBACK on any error (including KeyboardInterrupt)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def person_keys(results: pd.DataFrame) -> pd.Series:
    """Who a row is about, stable across corrected versions: the linked ID, else name + birth date."""
    named = "N:" + fold_series(results["name"].fillna("")) + "|" + results["dob"].fillna("")
    return pd.Series(np.where(results["person_id"] != "", "P:" + results["person_id"], named),
                     index=results.index)


def _upsert_list(conn: sqlite3.Connection, info: dict, today: dt.date, failure: str = "",
                 returned: bool = True) -> int:
    found = conn.execute("SELECT id FROM lists WHERE sha256 = ? ORDER BY id DESC LIMIT 1",
                         (info["sha256"],)).fetchone()
    values = (info.get("name", ""), info.get("commune", ""), info.get("commune_code", ""),
              info.get("unit", ""), info.get("list_date") or None, info.get("deadline") or None,
              today.isoformat() if returned else None, failure)
    if found:
        conn.execute("UPDATE lists SET file_name=?, commune=?, commune_code=?, unit=?, list_date=?, "
                     "deadline=?, returned_on=COALESCE(?, returned_on), failure=? WHERE id=?",
                     (*values, found["id"]))
        return int(found["id"])
    return _insert(conn, "INSERT INTO lists (file_name, commune, commune_code, unit, list_date, deadline, "
                         "returned_on, failure, sha256, received_on) VALUES (?,?,?,?,?,?,?,?,?,?)",
                   (*values, info["sha256"], today.isoformat()))


def _insert(conn: sqlite3.Connection, sql: str, params: tuple) -> int:
    rowid = conn.execute(sql, params).lastrowid
    if rowid is None:
        raise RuntimeError("the ledger did not return the new row's id")
    return rowid


def record_received(conn: sqlite3.Connection, info: dict, today: dt.date, failure: str) -> int:
    """A list that arrived but could not be verified (it can still become overdue)."""
    with transaction(conn):
        return _upsert_list(conn, info, today, failure=failure, returned=False)


def _previous_version(conn: sqlite3.Connection, list_id: int, info: dict, supersedes: int | None
                      ) -> int | None:
    if supersedes is not None:
        if not conn.execute("SELECT 1 FROM lists WHERE id = ?", (supersedes,)).fetchone():
            from vaxrecon.errors import InputError

            raise InputError(f"--supersedes {supersedes}: no list with that number in the ledger.")
        return supersedes
    if not info.get("commune_code") or not info.get("list_date"):
        return None
    row = conn.execute("SELECT id FROM lists WHERE commune_code = ? AND list_date = ? AND id != ? "
                       "AND superseded_by IS NULL ORDER BY id DESC LIMIT 1",
                       (info["commune_code"], info["list_date"], list_id)).fetchone()
    return int(row["id"]) if row else None


def record_run(conn: sqlite3.Connection, result: VerifyResult, today: dt.date, out_dir: str = "",
               supersedes: int | None = None) -> int:
    """Record a run, its lists and every row's outcome in one transaction; returns the run id."""
    res = result.results
    keys = person_keys(res)
    now = dt.datetime.now().isoformat(timespec="seconds")
    with transaction(conn):
        run_id = _insert(conn, "INSERT INTO runs (started_at, run_date, tool_version, config_hash, counts, "
                               "out_dir) VALUES (?,?,?,?,?,?)",
                         (now, today.isoformat(), __version__, result.config_hash,
                          json.dumps(result.counts()), out_dir))
        for info in result.lists:
            list_id = _upsert_list(conn, info, today)
            previous = _previous_version(conn, list_id, info, supersedes)
            if previous is not None and previous != list_id:
                conn.execute("UPDATE lists SET superseded_by = ? WHERE id = ?", (list_id, previous))
                conn.execute("UPDATE lists SET supersedes = ? WHERE id = ?", (previous, list_id))
            # Rows still open in the previous version (or in this same file verified before) keep
            # the date they were first reported; those outcomes are closed, replaced by this run's.
            carried: dict[str, str] = {}
            for version in {list_id, previous} - {None}:
                for r in conn.execute("SELECT person_key, first_reported FROM outcomes WHERE list_id = ? "
                                      "AND closed_on IS NULL", (version,)):
                    carried.setdefault(r["person_key"], r["first_reported"])
                conn.execute("UPDATE outcomes SET closed_on = ? WHERE list_id = ? AND closed_on IS NULL",
                             (today.isoformat(), version))
            mine = res["source"] == info["name"]
            rows = res[mine]
            open_ = rows["status"].isin([s.value for s in OPEN_STATUSES])
            first = keys[mine].map(carried).astype(object).fillna(today.isoformat())
            closed = [None if o else today.isoformat() for o in open_.tolist()]
            conn.executemany(
                "INSERT INTO outcomes (run_id, list_id, sheet, row, person_key, person_id, name, village, "
                "phone, status, reasons, first_reported, closed_on) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                zip([run_id] * len(rows), [list_id] * len(rows), rows["sheet"].tolist(),
                    rows["row"].astype(int).tolist(), keys[mine].tolist(), rows["person_id"].tolist(),
                    rows["name"].tolist(), rows["village"].tolist(), rows["phone"].tolist(),
                    rows["status"].tolist(), rows["reasons"].tolist(), first.tolist(), closed, strict=True))
    return run_id

