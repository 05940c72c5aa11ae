"""`report` and `overdue`: JSON-able follow-up reports read from the ledger.

Schemas (documented in the README): ``vaxrecon.report.commune/1``, ``vaxrecon.report.province/1``,
``vaxrecon.report.district/1``, ``vaxrecon.overdue/1``.
"""

from __future__ import annotations

import datetime as dt
import math
import sqlite3

import numpy as np
import pandas as pd

from vaxrecon.ledger.campaign import campaign_progress
from vaxrecon.ledger.queries import (
    STATUSES,
    decisions_table,
    lists_table,
    open_rows,
    resolve_commune,
    resolve_district,
)
from vaxrecon.ledger.signatures import annotate
from vaxrecon.logs import mask_ids
from vaxrecon.text import t

LIST_FIELDS = [
    "id",
    "file_name",
    "path",
    "commune",
    "commune_code",
    "district",
    "district_code",
    "unit",
    "unit_kind",
    "return_to",
    "list_date",
    "deadline",
    "received_on",
    "returned_on",
    "reruns",
    "last_run_on",
    "timeliness",
    "failure",
    "supersedes",
    "superseded_by",
    *STATUSES,
    "rows",
]
OPEN_FIELDS = [
    "list_id",
    "file_name",
    "commune",
    "unit",
    "sheet",
    "row",
    "name",
    "village",
    "phone",
    "status",
    "reasons",
    "first_reported",
    "due",
    "age_days",
    "overdue",
]
OVERDUE_ROW_FIELDS = [
    "list_id",
    "file_name",
    "commune",
    "district",
    "unit",
    "sheet",
    "row",
    "name",
    "status",
    "person_id",
    "phone",
    "first_reported",
    "due",
    "age_days",
]
DECISION_FIELDS = [
    "id",
    "list_id",
    "file_name",
    "commune",
    "sheet",
    "row",
    "name",
    "status_before",
    "status",
    "person_id",
    "note",
    "decided_by",
    "decided_at",
    "source",
]
FACILITY_FIELDS = [
    "id",
    "unit",
    "file_name",
    "commune",
    "district",
    "list_date",
    "deadline",
    "returned_on",
    "timeliness",
    "rows",
]
TIMELINESS = ["on_time", "late", "overdue", "pending", "unknown"]
_INTS = {"id", "row", "age_days", "list_id", "supersedes", "superseded_by", "rows", "reruns", *STATUSES}


def _plain(key: str, value: object) -> object:
    """JSON-friendly cell: None for missing, int for counts and ids, bool for flags."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if key in _INTS and isinstance(value, int | float | np.integer | np.floating):
        return int(value)
    if isinstance(value, np.bool_):
        return bool(value)
    return value


def _records(frame: pd.DataFrame, fields: list[str]) -> list[dict]:
    return [
        {k: _plain(k, v) for k, v in rec.items()} for rec in frame.reindex(columns=fields).to_dict("records")
    ]


def _masked(frame: pd.DataFrame) -> pd.DataFrame:
    """ID and phone numbers with their middle digits hidden (for reports that travel)."""
    out = frame.copy()
    for col in ("person_id", "phone"):
        if col in out:
            out[col] = out[col].fillna("").astype(str).map(mask_ids)
    return out


def _current(lists: pd.DataFrame) -> pd.DataFrame:
    """Lists not replaced by a corrected version (so rows are not counted twice)."""
    return lists[lists["superseded_by"].isna()]


def _totals(lists: pd.DataFrame, open_: pd.DataFrame) -> dict:
    current = _current(lists)
    totals = {s: int(current[s].sum()) for s in STATUSES}
    totals.update({t: int((lists["timeliness"] == t).sum()) for t in TIMELINESS})
    totals.update(
        lists=len(lists),
        facility_lists=int((lists["unit_kind"] == "facility").sum()),
        rows=int(current["rows"].sum()),
        open_requests=len(open_),
        open_overdue=int(open_["overdue"].sum()) if len(open_) else 0,
    )
    return totals


def _open_of(conn: sqlite3.Connection, lists: pd.DataFrame, as_of: dt.date, cfg: dict) -> pd.DataFrame:
    open_ = open_rows(conn, as_of, cfg)
    return open_[open_["list_id"].isin(lists["id"])]


def commune_report(
    conn: sqlite3.Connection,
    commune: str,
    as_of: dt.date,
    cfg: dict,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> dict:
    """A commune's lists (its own and facilities'), deadlines, timeliness, counts, its open requests
    with age, and the police's decisions with who took them."""
    code, name = resolve_commune(conn, commune)
    lists = lists_table(conn, as_of, code, date_from, date_to)
    open_ = _open_of(conn, lists, as_of, cfg)
    decided = decisions_table(conn, lists["id"])
    report = {
        "schema": "vaxrecon.report.commune/1",
        "as_of": as_of.isoformat(),
        "commune": name,
        "commune_code": code,
        "deadline_days": cfg["deadline"]["days"],
        "lists": annotate(conn, _records(lists, LIST_FIELDS)),  # step 4: minutes and signatures
        "open_requests": _records(_masked(open_), OPEN_FIELDS),
        "decisions": _records(_masked(decided), DECISION_FIELDS),
        "totals": _totals(lists, open_),
    }
    return _with_campaign(report, conn, name)


def _grouped(lists: pd.DataFrame, open_: pd.DataFrame, keys: list[str], names: list[str]) -> list[dict]:
    out = []
    for values, group in lists.groupby(keys, sort=True, dropna=False):
        mine = open_[open_["list_id"].isin(group["id"])]
        label = dict(zip(names, values, strict=True))
        named = {k: v or ("unknown" if k in ("commune", "district") else "") for k, v in label.items()}
        out.append({**named, **_totals(group, mine)})
    return out


def province_report(
    conn: sqlite3.Connection,
    as_of: dt.date,
    cfg: dict,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    district: str | None = None,
) -> dict:
    """One line per district and per commune (for one district with ``district``), facility lists
    by their unit, and the lists whose commune or date is unknown with how to supply them."""
    code, name = resolve_district(conn, district) if district else (None, "")
    lists = lists_table(conn, as_of, None, date_from, date_to, district_code=code)
    open_ = _open_of(conn, lists, as_of, cfg)
    no_commune = lists["commune_code"].fillna("") == ""
    no_date = lists["list_date"].isna() | (lists["list_date"].fillna("") == "")
    unknown = lists[no_commune | no_date]
    report = {
        "schema": "vaxrecon.report.district/1" if district else "vaxrecon.report.province/1",
        "as_of": as_of.isoformat(),
        "deadline_days": cfg["deadline"]["days"],
    }
    if district:
        report.update(district=name, district_code=code)
    report.update(
        districts=_grouped(lists, open_, ["district_code", "district"], ["district_code", "district"]),
        communes=_grouped(
            lists,
            open_,
            ["district_code", "district", "commune_code", "commune"],
            ["district_code", "district", "commune_code", "commune"],
        ),
        facilities=_records(lists[lists["unit_kind"] == "facility"], FACILITY_FIELDS),
        totals=_totals(lists, open_),
        unknown_metadata=[
            {
                "id": int(i),
                "file_name": file_name,
                "missing": [k for k, gone in (("commune", c), ("list_date", d)) if gone],
                "how_to_supply": t("report.how_to_supply", cfg["lang"]),
            }
            for i, file_name, c, d in zip(
                unknown["id"],
                unknown["file_name"],
                no_commune[unknown.index],
                no_date[unknown.index],
                strict=True,
            )
        ],
    )
    return _with_campaign(report, conn)


def _with_campaign(report: dict, conn: sqlite3.Connection, commune: str | None = None) -> dict:
    """Add the data-cleaning campaign's progress per commune (`clean` runs), when there is any."""
    progress = [p for p in campaign_progress(conn) if commune is None or p["place"] == commune]
    return {**report, "campaign": progress} if progress else report


def overdue_report(conn: sqlite3.Connection, as_of: dt.date, cfg: dict) -> dict:
    """Lists not returned within the deadline and rows still open past theirs — who, which list,
    since when (IDs and phones masked) — by commune, oldest first."""
    lists = _current(lists_table(conn, as_of))
    late_lists = lists[lists["timeliness"] == "overdue"].sort_values(["deadline", "commune"])
    open_ = open_rows(conn, as_of, cfg)
    late_rows = open_[open_["overdue"]]
    by_commune = []
    names = pd.concat([late_lists["commune"], late_rows["commune"]]).fillna("").unique()
    for name in names:
        ll, lr = late_lists[late_lists["commune"] == name], late_rows[late_rows["commune"] == name]
        oldest = max(
            [int(lr["age_days"].max()) if len(lr) else 0]
            + [(as_of - dt.date.fromisoformat(d)).days for d in ll["deadline"]]
        )
        by_commune.append(
            {
                "commune": name or "unknown",
                "lists_overdue": len(ll),
                "rows_overdue": len(lr),
                "oldest_days": oldest,
            }
        )
    by_commune.sort(key=lambda c: -int(c["oldest_days"]))
    return {
        "schema": "vaxrecon.overdue/1",
        "as_of": as_of.isoformat(),
        "deadline_days": cfg["deadline"]["days"],
        "communes": by_commune,
        "lists": _records(late_lists, LIST_FIELDS),
        "rows": _records(_masked(late_rows), OVERDUE_ROW_FIELDS),
        "count": len(late_lists) + len(late_rows),
    }
