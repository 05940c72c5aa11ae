"""`explain`: why one list row was decided as it was — each candidate's levels and weights.

The row is decided by :func:`vaxrecon.pipeline.verify` itself, with the same options (sheet,
column map, commune, list date, EM training), and the waterfall shows the very candidate pairs that
run scored, so `explain` and `verify` cannot disagree.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from vaxrecon.config import Config
from vaxrecon.errors import InputError
from vaxrecon.matchers.comparisons import LEVELS
from vaxrecon.pipeline import load_extract, verify


def parse_row_ref(text: str) -> tuple[str | None, int]:
    """'SHEET:ROW' or 'ROW' -> (sheet or None, Excel row number)."""
    sheet, sep, row = text.rpartition(":")
    if not row.strip().isdigit():
        raise InputError(key="err.row_ref", value=text)
    return (sheet if sep else None), int(row)


def explain_row(
    list_path: Path,
    population: str | Path | None,
    ref: str,
    cfg: Config,
    today: dt.date,
    *,
    sheet: str | None = None,
    overrides: dict[str, str] | None = None,
    commune: str | None = None,
    list_date: dt.date | None = None,
    train: bool = False,
    max_candidates: int = 5,
) -> dict:
    """The row as read and normalised, its outcome, and a weight waterfall per candidate."""
    want_sheet, want_row = parse_row_ref(ref)
    extract = load_extract(population, cfg, today)
    if extract.partitions is not None:  # candidates are read back per run, not kept whole
        raise InputError(key="err.explain_partitioned")
    result = verify(
        [list_path],
        extract,
        cfg,
        today,
        sheet=sheet,
        overrides=overrides,
        train=train,
        list_date=list_date,
        commune=commune,
        keep_scored=True,
    )
    res = result.results
    hit = res[(res["row"] == want_row) & ((res["sheet"] == want_sheet) if want_sheet else True)]
    if hit.empty:
        sheets = ", ".join(dict.fromkeys(res["sheet"])) or "-"
        raise InputError(key="err.no_data_row", ref=ref, file=Path(list_path).name, sheets=sheets)
    pos = hit.index[0]
    listed = res.loc[pos]
    scored = result.scored if result.scored is not None else pd.DataFrame(columns=["li", "probability"])
    mine = scored[scored["li"] == pos].sort_values("probability", ascending=False).head(max_candidates)
    people = extract.frame.iloc[mine["ri"].to_numpy()]
    candidates = []
    for (_, cand), (_, person) in zip(mine.iterrows(), people.iterrows(), strict=True):
        steps = [{"field": "prior", "level": "", "weight": round(extract.model.prior_log2, 3)}]
        for field in LEVELS:
            steps.append(
                {
                    "field": field,
                    "level": LEVELS[field][int(cand["lv_" + field])],
                    "weight": round(float(cand["w_" + field]), 3),
                }
            )
        candidates.append(
            {
                "person_id": cand["person_id"],
                "name": person["name"],
                "dob": person["dob"],
                "gender": person["gender"],
                "commune": person.get("commune", ""),
                "rule": cand["rule"],
                "steps": steps,
                "total_weight": round(float(cand["weight"]), 3),
                "probability": round(float(cand["probability"]), 6),
            }
        )
    return {
        "file": str(list_path),
        "sheet": listed["sheet"],
        "row": int(listed["row"]),
        "listed": {
            k: str(listed[k]) for k in ("name", "dob", "gender", "id_kind", "id_value", "nationality")
        },
        "status": listed["status"],
        "person_id": listed["person_id"],
        "match_probability": float(listed["match_probability"]),
        "reasons": listed["reasons"],
        "candidates": candidates,
    }
