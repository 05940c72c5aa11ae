"""Read the ledger for follow-up: per-list timeliness, open requests, commune overview, overdue."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pandas as pd

from vaxrecon.admin_units import bare_name
from vaxrecon.errors import InputError
from vaxrecon.ledger.record import OPEN_STATUSES
from vaxrecon.normalize.text import fold
from vaxrecon.reasons import Status

STATUSES = [s.value for s in Status]


def _frame(conn: sqlite3.Connection, sql: str, params: tuple = ()) -> pd.DataFrame:
    cur = conn.execute(sql, params)
    cols = [d[0] for d in cur.description]
    return pd.DataFrame([tuple(r) for r in cur.fetchall()], columns=cols)


def resolve_commune(conn: sqlite3.Connection, text: str) -> tuple[str, str]:
    """(commune code, commune name) of the ledger's lists matching a name (marks and prefix
    optional) or an official code."""
    known = _frame(conn, "SELECT DISTINCT commune_code, commune FROM lists")
    text = str(text).strip()
    if text.isdigit():
        hit = known[known["commune_code"] == text.zfill(5)]
    else:
        hit = known[(known["commune"].map(fold) == fold(text))
                    | (known["commune"].map(bare_name) == bare_name(text))]
    if hit.empty:
        raise InputError(f"No list of commune '{text}' is in the ledger.")
    if hit["commune_code"].nunique() > 1:
        codes = ", ".join(f"{r.commune} ({r.commune_code})" for r in hit.itertuples())
        raise InputError(f"'{text}' names several communes ({codes}); give the code.")
    return hit.iloc[0]["commune_code"], hit.iloc[0]["commune"]


def lists_table(conn: sqlite3.Connection, as_of: dt.date, commune_code: str | None = None,
                date_from: dt.date | None = None, date_to: dt.date | None = None) -> pd.DataFrame:
    """One row per list version received, with timeliness and counts per status."""
    lists = _frame(conn, "SELECT * FROM lists ORDER BY id")
    if commune_code is not None:
        lists = lists[lists["commune_code"] == commune_code]
    when = lists["list_date"].fillna(lists["received_on"])
    if date_from:
        lists = lists[when >= date_from.isoformat()]
    if date_to:
        lists = lists[when <= date_to.isoformat()]
    counts = _frame(conn, "SELECT o.list_id, o.status, COUNT(*) AS n FROM outcomes o JOIN "
                          "(SELECT list_id, MAX(run_id) AS run_id FROM outcomes GROUP BY list_id) last "
                          "ON o.list_id = last.list_id AND o.run_id = last.run_id "
                          "GROUP BY o.list_id, o.status")
    wide = counts.pivot_table(index="list_id", columns="status", values="n", fill_value=0) \
        if len(counts) else pd.DataFrame()
    lists = lists.join(wide.reindex(columns=STATUSES, fill_value=0), on="id").fillna(
        {s: 0 for s in STATUSES})
    for s in STATUSES:
        lists[s] = lists[s].astype(int)
    lists["rows"] = lists[STATUSES].sum(axis=1)
    lists["timeliness"] = [_timeliness(r, as_of) for r in lists.itertuples()]
    return lists.reset_index(drop=True)


def _timeliness(r, as_of: dt.date) -> str:
    if not isinstance(r.deadline, str) or not r.deadline:
        return "unknown"
    if isinstance(r.returned_on, str) and r.returned_on:
        return "on_time" if r.returned_on <= r.deadline else "late"
    return "overdue" if as_of.isoformat() > r.deadline else "pending"


def open_rows(conn: sqlite3.Connection, as_of: dt.date, days: int,
              commune_code: str | None = None) -> pd.DataFrame:
    """Rows still waiting for a correction or check, with their age since first reported."""
    rows = _frame(conn, "SELECT o.*, l.file_name, l.commune, l.commune_code FROM outcomes o "
                        "JOIN lists l ON l.id = o.list_id WHERE o.closed_on IS NULL AND o.status IN "
                        f"({','.join('?' * len(OPEN_STATUSES))})", tuple(s.value for s in OPEN_STATUSES))
    if commune_code is not None:
        rows = rows[rows["commune_code"] == commune_code]
    first = pd.to_datetime(rows["first_reported"])
    rows["age_days"] = (pd.Timestamp(as_of) - first).dt.days.astype(int) if len(rows) else []
    rows["overdue"] = rows["age_days"] > days
    return rows.sort_values(["age_days", "commune", "name"], ascending=[False, True, True]
                            ).reset_index(drop=True)
