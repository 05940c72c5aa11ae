"""`report` and `overdue`: JSON-able follow-up reports read from the ledger.

Schemas (documented in the README): ``vaxrecon.report.commune/1``, ``vaxrecon.report.province/1``,
``vaxrecon.overdue/1``.
"""

from __future__ import annotations

import datetime as dt
import math
import sqlite3

import numpy as np
import pandas as pd

from vaxrecon.ledger.campaign import campaign_progress
from vaxrecon.ledger.queries import STATUSES, lists_table, open_rows, resolve_commune
from vaxrecon.ledger.signatures import annotate

LIST_FIELDS = ["id", "file_name", "commune", "commune_code", "list_date", "deadline", "received_on",
               "returned_on", "timeliness", "failure", "supersedes", "superseded_by", *STATUSES, "rows"]
OPEN_FIELDS = ["list_id", "file_name", "commune", "sheet", "row", "name", "village", "phone", "status",
               "reasons", "first_reported", "age_days", "overdue"]
TIMELINESS = ["on_time", "late", "overdue", "pending", "unknown"]
HOW_TO_SUPPLY = ("verify the list again with --commune NAME_OR_CODE and --list-date YYYY-MM-DD, or name "
                 "the file with the commune code and date, e.g. DS_22894_20211105.xlsx")


_INTS = {"id", "row", "age_days", "list_id", "supersedes", "superseded_by", "rows", *STATUSES}


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
    return [{k: _plain(k, v) for k, v in rec.items()}
            for rec in frame.reindex(columns=fields).to_dict("records")]


def _current(lists: pd.DataFrame) -> pd.DataFrame:
    """Lists not replaced by a corrected version (so rows are not counted twice)."""
    return lists[lists["superseded_by"].isna()]


def _totals(lists: pd.DataFrame, open_: pd.DataFrame) -> dict:
    current = _current(lists)
    totals = {s: int(current[s].sum()) for s in STATUSES}
    totals.update({t: int((lists["timeliness"] == t).sum()) for t in TIMELINESS})
    totals.update(lists=len(lists), rows=int(current["rows"].sum()), open_requests=len(open_),
                  open_overdue=int(open_["overdue"].sum()) if len(open_) else 0)
    return totals


def commune_report(conn: sqlite3.Connection, commune: str, as_of: dt.date, cfg: dict,
                   date_from: dt.date | None = None, date_to: dt.date | None = None) -> dict:
    """A commune's lists (dates, deadline, timeliness, counts) and its open requests with age."""
    code, name = resolve_commune(conn, commune)
    lists = lists_table(conn, as_of, code, date_from, date_to)
    open_ = open_rows(conn, as_of, cfg["deadline"]["days"], code)
    open_ = open_[open_["list_id"].isin(lists["id"])]
    report = {"schema": "vaxrecon.report.commune/1", "as_of": as_of.isoformat(), "commune": name,
              "commune_code": code, "deadline_days": cfg["deadline"]["days"],
              "lists": annotate(conn, _records(lists, LIST_FIELDS)),  # step 4: minutes and signatures
              "open_requests": _records(open_, OPEN_FIELDS), "totals": _totals(lists, open_)}
    return _with_campaign(report, conn, name)


def province_report(conn: sqlite3.Connection, as_of: dt.date, cfg: dict,
                    date_from: dt.date | None = None, date_to: dt.date | None = None) -> dict:
    """One line per commune; lists whose commune or date is unknown are listed with how to fix."""
    lists = lists_table(conn, as_of, None, date_from, date_to)
    open_ = open_rows(conn, as_of, cfg["deadline"]["days"])
    open_ = open_[open_["list_id"].isin(lists["id"])]
    communes = []
    for (code, name), group in lists.groupby(["commune_code", "commune"], sort=True, dropna=False):
        mine = open_[open_["list_id"].isin(group["id"])]
        communes.append({"commune": name or "unknown", "commune_code": code or "",
                         **_totals(group, mine)})
    no_commune = lists["commune_code"].fillna("") == ""
    no_date = lists["list_date"].isna() | (lists["list_date"].fillna("") == "")
    unknown = lists[no_commune | no_date]
    return _with_campaign({"schema": "vaxrecon.report.province/1", "as_of": as_of.isoformat(),
            "deadline_days": cfg["deadline"]["days"], "communes": communes,
            "totals": _totals(lists, open_),
            "unknown_metadata": [{"id": int(i), "file_name": name,
                                  "missing": [k for k, gone in (("commune", c), ("list_date", d)) if gone],
                                  "how_to_supply": HOW_TO_SUPPLY}
                                 for i, name, c, d in zip(unknown["id"], unknown["file_name"],
                                                          no_commune[unknown.index], no_date[unknown.index],
                                                          strict=True)]}, conn)


def _with_campaign(report: dict, conn: sqlite3.Connection, commune: str | None = None) -> dict:
    """Add the data-cleaning campaign's progress per commune (`clean` runs), when there is any."""
    progress = [p for p in campaign_progress(conn) if commune is None or p["place"] == commune]
    return {**report, "campaign": progress} if progress else report


def overdue_report(conn: sqlite3.Connection, as_of: dt.date, cfg: dict) -> dict:
    """Lists not returned within the deadline and rows still open past it, by commune, oldest first."""
    lists = _current(lists_table(conn, as_of))
    late_lists = lists[lists["timeliness"] == "overdue"].sort_values(["deadline", "commune"])
    open_ = open_rows(conn, as_of, cfg["deadline"]["days"])
    late_rows = open_[open_["overdue"]]
    by_commune = []
    names = pd.concat([late_lists["commune"], late_rows["commune"]]).fillna("").unique()
    for name in names:
        ll, lr = late_lists[late_lists["commune"] == name], late_rows[late_rows["commune"] == name]
        oldest = max([int(lr["age_days"].max()) if len(lr) else 0] + [
            (as_of - dt.date.fromisoformat(d)).days for d in ll["deadline"]])
        by_commune.append({"commune": name or "unknown", "lists_overdue": len(ll), "rows_overdue": len(lr),
                           "oldest_days": oldest})
    by_commune.sort(key=lambda c: -int(c["oldest_days"]))
    return {"schema": "vaxrecon.overdue/1", "as_of": as_of.isoformat(),
            "deadline_days": cfg["deadline"]["days"], "communes": by_commune,
            "lists": _records(late_lists, LIST_FIELDS), "rows": _records(late_rows, OPEN_FIELDS),
            "count": len(late_lists) + len(late_rows)}
