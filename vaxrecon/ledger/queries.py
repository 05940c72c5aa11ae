"""Read the ledger for follow-up: per-list timeliness, open requests, decisions, communes, districts."""

from __future__ import annotations

import datetime as dt
import sqlite3
from typing import Any

import pandas as pd

from vaxrecon.admin_units import bare_name
from vaxrecon.deadline import deadline_for
from vaxrecon.errors import InputError
from vaxrecon.ledger.record import OPEN_VALUES
from vaxrecon.normalize.text import fold
from vaxrecon.reasons import Status
from vaxrecon.text import Phrase

STATUSES = [s.value for s in Status]


def frame(conn: sqlite3.Connection, sql: str, params: tuple = ()) -> pd.DataFrame:
    cur = conn.execute(sql, params)
    cols = [d[0] for d in cur.description]
    return pd.DataFrame([tuple(r) for r in cur.fetchall()], columns=cols)


def _one(known: pd.DataFrame, text: str, level: str) -> tuple[str, str]:
    """(code, name) of the single unit of ``level`` in ``known`` named by ``text`` or its code."""
    text = str(text).strip()
    if text.isdigit():
        hit = known[known[f"{level}_code"] == text.zfill(5 if level == "commune" else 3)]
    else:
        hit = known[(known[level].map(fold) == fold(text)) | (known[level].map(bare_name) == bare_name(text))]
    what = Phrase(f"unit.{level}")
    if hit.empty:
        raise InputError(key="err.ledger_no_unit", what=what, text=text)
    if hit[f"{level}_code"].nunique() > 1:
        codes = ", ".join(f"{r[level]} ({r[level + '_code']})" for _, r in hit.iterrows())
        raise InputError(key="err.ledger_many_units", text=text, what=what, codes=codes)
    return hit.iloc[0][f"{level}_code"], hit.iloc[0][level]


def resolve_commune(conn: sqlite3.Connection, text: str) -> tuple[str, str]:
    """(commune code, commune name) of the ledger's lists matching a name (marks and prefix
    optional) or an official code."""
    return _one(frame(conn, "SELECT DISTINCT commune_code, commune FROM lists"), text, "commune")


def resolve_district(conn: sqlite3.Connection, text: str) -> tuple[str, str]:
    """(district code, district name) of the ledger's lists, by name or three-digit code."""
    known = frame(conn, "SELECT DISTINCT district_code, district FROM lists WHERE district_code != ''")
    return _one(known, text, "district")


def lists_table(
    conn: sqlite3.Connection,
    as_of: dt.date,
    commune_code: str | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    district_code: str | None = None,
) -> pd.DataFrame:
    """One row per list version received, with timeliness, re-runs and counts per status."""
    lists = frame(
        conn,
        "SELECT l.*, (SELECT COUNT(*) FROM list_runs r WHERE r.list_id = l.id "
        "AND r.kind = 'rerun') AS reruns, (SELECT MAX(run_on) FROM list_runs r "
        "WHERE r.list_id = l.id) AS last_run_on FROM lists l ORDER BY l.id",
    )
    if commune_code is not None:
        lists = lists[lists["commune_code"] == commune_code]
    if district_code is not None:
        lists = lists[lists["district_code"] == district_code]
    when = lists["list_date"].fillna(lists["received_on"])
    if date_from:
        lists = lists[when >= date_from.isoformat()]
    if date_to:
        lists = lists[when <= date_to.isoformat()]
    counts = frame(
        conn,
        "SELECT o.list_id, o.status, COUNT(*) AS n FROM outcomes o JOIN "
        "(SELECT list_id, MAX(run_id) AS run_id FROM outcomes GROUP BY list_id) last "
        "ON o.list_id = last.list_id AND o.run_id = last.run_id "
        "GROUP BY o.list_id, o.status",
    )
    wide = (
        counts.pivot_table(index="list_id", columns="status", values="n", fill_value=0)
        if len(counts)
        else pd.DataFrame()
    )
    lists = lists.join(wide.reindex(columns=STATUSES, fill_value=0), on="id").fillna({s: 0 for s in STATUSES})
    for s in STATUSES:
        lists[s] = lists[s].astype(int)
    lists["rows"] = lists[STATUSES].sum(axis=1)
    lists["timeliness"] = [_timeliness(r, as_of) for r in lists.itertuples()]
    lists["return_to"] = lists["unit"].where(lists["unit_kind"] == "facility", lists["commune"])
    return lists.reset_index(drop=True)


def _timeliness(r: Any, as_of: dt.date) -> str:
    if not isinstance(r.deadline, str) or not r.deadline:
        return "unknown"
    if isinstance(r.returned_on, str) and r.returned_on:
        return "on_time" if r.returned_on <= r.deadline else "late"
    return "overdue" if as_of.isoformat() > r.deadline else "pending"


def open_rows(
    conn: sqlite3.Connection, as_of: dt.date, cfg: dict, commune_code: str | None = None
) -> pd.DataFrame:
    """Rows still waiting for a correction or check: age since first reported, and overdue once
    the deadline counted from that day has passed."""
    rows = frame(
        conn,
        "SELECT o.*, l.file_name, l.path, l.commune, l.commune_code, l.district, "
        "l.district_code, l.unit, l.unit_kind FROM outcomes o "
        "JOIN lists l ON l.id = o.list_id "
        f"WHERE o.closed_on IS NULL AND o.status IN ({','.join('?' * len(OPEN_VALUES))})",
        OPEN_VALUES,
    )
    if commune_code is not None:
        rows = rows[rows["commune_code"] == commune_code]
    first = pd.to_datetime(rows["first_reported"])
    rows["age_days"] = (pd.Timestamp(as_of) - first).dt.days.astype(int) if len(rows) else []
    due = {
        d: deadline_for(dt.date.fromisoformat(d), cfg).isoformat() for d in rows["first_reported"].unique()
    }
    rows["due"] = rows["first_reported"].map(due)
    rows["overdue"] = rows["due"].astype(str) < as_of.isoformat()
    return rows.sort_values(["age_days", "commune", "name"], ascending=[False, True, True]).reset_index(
        drop=True
    )


def decisions_table(conn: sqlite3.Connection, list_ids: pd.Series | None = None) -> pd.DataFrame:
    """The police's recorded decisions, newest first, with the list each belongs to."""
    rows = frame(
        conn,
        "SELECT d.*, l.file_name, l.commune, l.commune_code, o.name FROM decisions d "
        "JOIN lists l ON l.id = d.list_id LEFT JOIN outcomes o ON o.id = "
        "(SELECT MAX(id) FROM outcomes WHERE decision_id = d.id) ORDER BY d.id DESC",
    )
    if list_ids is not None:
        rows = rows[rows["list_id"].isin(list_ids)]
    return rows.reset_index(drop=True)
