"""Write verify runs into the ledger: each list keeps its own rows; only a list that says so
(``--supersedes``) or is recognisably the same list replaces an earlier one."""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pandas as pd

from vaxrecon import __version__
from vaxrecon.admin_units import find_communes
from vaxrecon.deadline import deadline_for
from vaxrecon.documents.atomic import process_token
from vaxrecon.errors import InputError
from vaxrecon.normalize.text import fold, fold_series
from vaxrecon.reasons import Status
from vaxrecon.result import VerifyResult

OPEN_STATUSES = (Status.NEEDS_CORRECTION, Status.REVIEW, Status.NOT_FOUND, Status.INCOMPLETE)
OPEN_VALUES = tuple(s.value for s in OPEN_STATUSES)
# Words in a file name that mark another version of the same list, not another list.
_VERSION = re.compile(
    r"\b(?:v|ver|version|lan|ban|l)\s?\d{1,2}\b|\bcopy\b|\bban sao\b"
    r"|\b(?:da )?(?:chinh )?sua(?: doi| lai)?\b|\bdieu chinh\b|\bbo sung\b|\bcap nhat\b"
    r"|\bhoan chinh\b|\bfinal\b|\bmoi\b|\bnew\b|\bcorrected\b|\bfixed\b|\bupdated?\b"
    r"|\b(?:19|20)\d{6}\b|\b\d{1,2} \d{1,2} (?:19|20)\d{2}\b|\b\d{6}_?\d{0,6}\b"
)
_COMMUNE_UNITS = re.compile(r"^(?:ubnd|uy ban nhan dan|tram y te|cong an|ban chi dao)\b")


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
    return pd.Series(
        np.where(results["person_id"] != "", "P:" + results["person_id"], named), index=results.index
    )


def lineage(file_name: str) -> str:
    """A file name without its version marks, dates and copy numbers: 'DS_22894_20211105 (1).xlsx',
    'ds 22894 sua lan 2.xls' and 'DS_22894.xlsx' share the lineage 'ds 22894'."""
    stem = re.sub(r"[^a-z0-9]+", " ", re.sub(r"\(\d{1,2}\)", " ", fold(Path(file_name).stem).lower()))
    return re.sub(r"\s+", " ", _VERSION.sub(" ", stem)).strip()


def unit_kind(unit: str) -> str:
    """'facility' for a list drawn up by a hospital, company, school or agency, else 'commune'."""
    key = fold(unit or "").lower().strip()
    return "commune" if not key or _COMMUNE_UNITS.match(key) else "facility"


def _district(code: str) -> tuple[str, str]:
    hits = find_communes(code) if code else pd.DataFrame()
    return (hits.iloc[0]["district"], hits.iloc[0]["district_code"]) if len(hits) else ("", "")


def _insert(conn: sqlite3.Connection, sql: str, params: tuple) -> int:
    rowid = conn.execute(sql, params).lastrowid
    if rowid is None:
        raise RuntimeError("the ledger did not return the new row's id")
    return rowid


def _upsert_list(
    conn: sqlite3.Connection,
    info: dict,
    today: dt.date,
    failure: str = "",
    returned: bool = True,
    undo: dict[str, dict | None] | None = None,
) -> tuple[int, str]:
    """The list's ledger id (the same file, by SHA-256, is the same list) and whether this is its
    first return or a re-run. The first return date stands. ``undo`` keeps the row as it was (None
    for a new list)."""
    found = conn.execute(
        "SELECT id, returned_on FROM lists WHERE sha256 = ? ORDER BY id DESC LIMIT 1", (info["sha256"],)
    ).fetchone()
    if undo is not None and found:
        remember(conn, undo, int(found["id"]))
    district, district_code = _district(info.get("commune_code", ""))
    values = (
        info.get("name", ""),
        info.get("file", "") or info.get("name", ""),
        info.get("commune", ""),
        info.get("commune_code", ""),
        district,
        district_code,
        info.get("unit", ""),
        unit_kind(info.get("unit", "")),
        info.get("list_date") or None,
        info.get("deadline") or None,
        today.isoformat() if returned else None,
        failure,
    )
    if found:
        conn.execute(
            "UPDATE lists SET file_name=?, path=?, commune=COALESCE(NULLIF(?, ''), commune), "
            "commune_code=COALESCE(NULLIF(?, ''), commune_code), "
            "district=COALESCE(NULLIF(?, ''), district), "
            "district_code=COALESCE(NULLIF(?, ''), district_code), "
            "unit=COALESCE(NULLIF(?, ''), unit), unit_kind=?, "
            "list_date=COALESCE(?, list_date), deadline=COALESCE(?, deadline), "
            "returned_on=COALESCE(returned_on, ?), failure=? WHERE id=?",
            (*values, found["id"]),
        )
        return int(found["id"]), "rerun" if found["returned_on"] else "first"
    list_id = _insert(
        conn,
        "INSERT INTO lists (file_name, path, commune, commune_code, district, "
        "district_code, unit, unit_kind, list_date, deadline, returned_on, failure, "
        "sha256, received_on) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (*values, info["sha256"], today.isoformat()),
    )
    if undo is not None:
        undo.setdefault(str(list_id), None)
    return list_id, "first"


def record_received(conn: sqlite3.Connection, info: dict, today: dt.date, failure: str) -> int:
    """A list that arrived but could not be verified (it can still become overdue)."""
    with transaction(conn):
        return _upsert_list(conn, info, today, failure=failure, returned=False)[0]


def _people(conn: sqlite3.Connection, list_id: int) -> pd.DataFrame:
    """The person keys and folded names of a list's latest run."""
    rows = conn.execute(
        "SELECT person_key, name FROM outcomes WHERE list_id = ? AND run_id = "
        "(SELECT MAX(run_id) FROM outcomes WHERE list_id = ?)",
        (list_id, list_id),
    )
    frame = pd.DataFrame([tuple(r) for r in rows], columns=["person_key", "name"])
    frame["name"] = fold_series(frame["name"])
    return frame


def same_people_share(old: pd.DataFrame, keys: pd.Series, names: pd.Series) -> float:
    """Share of an earlier list's people found again (same person key or same folded name)."""
    if old.empty:
        return 0.0
    again = old["person_key"].isin(set(keys)) | old["name"].isin(set(fold_series(names)) - {""})
    return float(again.mean())


def _previous_version(
    conn: sqlite3.Connection,
    list_id: int,
    info: dict,
    rows: pd.DataFrame,
    keys: pd.Series,
    run_id: int,
    min_share: float,
) -> int | None:
    """The list this one replaces: same commune and unit, same file-name lineage, mostly the same
    people (or, for a list that could not be read, the same lineage alone: this is the fixed file),
    not replaced already, not from this same run. None when there is no such list."""
    if not info.get("commune_code"):
        return None
    candidates = conn.execute(
        "SELECT l.id, l.file_name, l.failure, l.returned_on FROM lists l WHERE l.commune_code = ? "
        "AND (l.unit = ? OR l.unit = '') AND l.id != ? AND l.superseded_by IS NULL "
        "AND l.id NOT IN (SELECT list_id FROM list_runs WHERE run_id = ?) ORDER BY l.id DESC",
        (info["commune_code"], info.get("unit", ""), list_id, run_id),
    ).fetchall()
    mine = lineage(info.get("name", ""))
    for c in candidates:
        if lineage(c["file_name"]) != mine:
            continue
        if (c["failure"] and not c["returned_on"]) or same_people_share(
            _people(conn, c["id"]), keys, rows["name"]
        ) >= min_share:
            return int(c["id"])
    return None


def _own_deadline(
    conn: sqlite3.Connection, list_id: int, previous: int, info: dict, today: dt.date, cfg: dict
) -> None:
    """A corrected version is timed from its own date: the later list date it states, else the day
    it was received (a copy that still carries the original's date)."""
    old = conn.execute("SELECT list_date FROM lists WHERE id = ?", (previous,)).fetchone()["list_date"]
    own = info.get("list_date") or ""
    if own and (not old or own > old):
        return
    received = conn.execute("SELECT received_on FROM lists WHERE id = ?", (list_id,)).fetchone()[0]
    start = dt.date.fromisoformat(received or today.isoformat())
    conn.execute(
        "UPDATE lists SET deadline = ? WHERE id = ?", (deadline_for(start, cfg).isoformat(), list_id)
    )


def _link_versions(
    conn: sqlite3.Connection,
    list_id: int,
    kind: str,
    info: dict,
    rows: pd.DataFrame,
    keys: pd.Series,
    run_id: int,
    supersedes: int | None,
    today: dt.date,
    cfg: dict,
    undo: dict[str, dict | None],
) -> int | None:
    """Mark the list this one replaces (named, or recognised on a list's first run) and time the new
    version from its own date; returns the replaced list's id."""
    if supersedes is not None:
        if not conn.execute("SELECT 1 FROM lists WHERE id = ?", (supersedes,)).fetchone():
            raise InputError(key="err.supersedes_unknown", id=supersedes)
        previous: int | None = supersedes
    elif kind == "first":
        previous = _previous_version(
            conn, list_id, info, rows, keys, run_id, cfg["ledger"]["same_list_min_share"]
        )
    else:
        return None
    if previous is None or previous == list_id:
        return None
    remember(conn, undo, previous)
    conn.execute("UPDATE lists SET superseded_by = ? WHERE id = ?", (list_id, previous))
    conn.execute("UPDATE lists SET supersedes = ? WHERE id = ?", (previous, list_id))
    _own_deadline(conn, list_id, previous, info, today, cfg)
    return previous


def _carry(
    conn: sqlite3.Connection, run_id: int, versions: list[int], today: dt.date, how: dict[int, str]
) -> tuple[dict[str, str], dict[str, sqlite3.Row]]:
    """Close the open rows of earlier runs of these lists; return when each person was first
    reported and the latest police decision on each person (both carry over to the new rows)."""
    first: dict[str, str] = {}
    decided: dict[str, sqlite3.Row] = {}
    for version in versions:
        for r in conn.execute(
            "SELECT person_key, first_reported FROM outcomes WHERE list_id = ? "
            "AND closed_on IS NULL ORDER BY id",
            (version,),
        ):
            first.setdefault(r["person_key"], r["first_reported"])
        for d in conn.execute("SELECT * FROM decisions WHERE list_id = ? ORDER BY id", (version,)):
            decided[d["person_key"]] = d
        conn.execute(
            "UPDATE outcomes SET closed_on = ?, closed_how = ?, closed_by_run = ? "
            "WHERE list_id = ? AND closed_on IS NULL",
            (today.isoformat(), how[version], run_id, version),
        )
    return first, decided


def _insert_outcomes(
    conn: sqlite3.Connection,
    run_id: int,
    list_id: int,
    rows: pd.DataFrame,
    keys: pd.Series,
    first: dict[str, str],
    decided: dict[str, sqlite3.Row],
    today: dt.date,
) -> None:
    """This run's outcome per row; a decision already taken on the same person stays applied."""
    status, person_id = rows["status"].copy(), rows["person_id"].copy()
    decision = keys.map({k: d["id"] for k, d in decided.items()})
    decision = decision.where(status.isin(OPEN_VALUES))  # the list itself now settles the row
    has = decision.notna()
    status[has] = keys[has].map({k: d["status"] for k, d in decided.items()})
    pid = keys[has].map({k: d["person_id"] for k, d in decided.items()})
    person_id[has] = pid.where(pid != "", person_id[has])
    closed = [None if o else today.isoformat() for o in status.isin(OPEN_VALUES).tolist()]
    closed_how = np.where(has & ~status.isin(OPEN_VALUES), "decision", "")
    reported = keys.map(first).astype(object).fillna(today.isoformat())
    conn.executemany(
        "INSERT INTO outcomes (run_id, list_id, sheet, row, person_key, person_id, name, village, "
        "phone, status, reasons, first_reported, closed_on, closed_how, decision_id) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        zip(
            [run_id] * len(rows),
            [list_id] * len(rows),
            rows["sheet"].tolist(),
            rows["row"].astype(int).tolist(),
            keys.tolist(),
            person_id.tolist(),
            rows["name"].tolist(),
            rows["village"].tolist(),
            rows["phone"].tolist(),
            status.tolist(),
            rows["reasons"].tolist(),
            reported.tolist(),
            closed,
            closed_how.tolist(),
            [None if pd.isna(d) else int(d) for d in decision],
            strict=True,
        ),
    )


def remember(conn: sqlite3.Connection, undo: dict[str, dict | None], list_id: int) -> None:
    """Keep a list's ledger row as it was before this run first changed it (to void the run)."""
    if str(list_id) not in undo:
        row = conn.execute("SELECT * FROM lists WHERE id = ?", (list_id,)).fetchone()
        undo[str(list_id)] = dict(row) if row is not None else None


def record_run(
    conn: sqlite3.Connection,
    result: VerifyResult,
    today: dt.date,
    out_dir: str = "",
    supersedes: int | None = None,
    *,
    cfg: dict,
    pending: bool = False,
) -> int:
    """Record a run, its lists and every row's outcome in one transaction; returns the run id.
    ``pending``: its output folder is not in place yet (:mod:`vaxrecon.ledger.recovery` completes
    or voids it)."""
    if supersedes is not None and len(result.lists) != 1:
        raise InputError(key="err.supersedes_one_list")
    per_list = result.rows_by_list()
    now = dt.datetime.now().isoformat(timespec="seconds")
    undo: dict[str, dict | None] = {}
    with transaction(conn):
        run_id = _insert(
            conn,
            "INSERT INTO runs (started_at, run_date, tool_version, config_hash, counts, "
            "out_dir, state, owner) VALUES (?,?,?,?,?,?,?,?)",
            (
                now,
                today.isoformat(),
                __version__,
                result.config_hash,
                json.dumps(result.counts()),
                out_dir,
                "pending" if pending else "complete",
                process_token() if pending else "",
            ),
        )
        for info, rows in zip(result.lists, per_list, strict=True):
            keys = person_keys(rows)
            list_id, kind = _upsert_list(conn, info, today, undo=undo)
            added = conn.execute(
                "INSERT OR IGNORE INTO list_runs (run_id, list_id, run_on, kind) VALUES (?,?,?,?)",
                (run_id, list_id, today.isoformat(), kind),
            ).rowcount
            if not added:  # the same file given twice in one run is one list, recorded once
                continue
            previous = _link_versions(
                conn, list_id, kind, info, rows, keys, run_id, supersedes, today, cfg, undo
            )
            how = {list_id: "rerun"} | ({previous: "superseded"} if previous is not None else {})
            first, decided = _carry(conn, run_id, list(how), today, how)
            _insert_outcomes(conn, run_id, list_id, rows, keys, first, decided, today)
        if pending:
            conn.execute(
                "UPDATE runs SET undo = ? WHERE id = ?",
                (json.dumps({"lists": undo, "lang": cfg.get("lang", "vi")}), run_id),
            )
    return run_id
