"""`explain`: why one list row was decided as it was — each candidate's levels and weights."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from vaxrecon.errors import InputError
from vaxrecon.ingest.lists import read_list
from vaxrecon.ingest.population import read_population
from vaxrecon.matchers.comparisons import LEVELS, matching_frame
from vaxrecon.matchers.decide import match_block, score_pairs
from vaxrecon.matchers.scoring import build_model
from vaxrecon.normalize.records import normalize_records


def parse_row_ref(text: str) -> tuple[str | None, int]:
    """'SHEET:ROW' or 'ROW' -> (sheet or None, Excel row number)."""
    sheet, sep, row = text.rpartition(":")
    if not row.strip().isdigit():
        raise InputError(f"--row takes SHEET:ROW or ROW (the row number Excel shows), not '{text}'.")
    return (sheet if sep else None), int(row)


def explain_row(list_path: Path, population: Path, ref: str, cfg: dict, today: dt.date,
                max_candidates: int = 5) -> dict:
    """The row as read and normalised, its outcome, and a weight waterfall per candidate."""
    sheet, row = parse_row_ref(ref)
    lr = read_list(list_path, cfg)
    rec = lr.records
    hit = rec[(rec["row"] == row) & ((rec["sheet"] == sheet) if sheet else True)]
    if hit.empty:
        raise InputError(f"No data row {ref} in {list_path.name} (sheets: "
                         f"{', '.join(s.sheet for s in lr.sheets)}).")
    hit = hit.iloc[[0]].copy()
    if "commune_code" not in hit.columns or not str(hit["commune_code"].iloc[0] or ""):
        hit["commune_code"] = lr.metadata.get("commune_code", "")
    norm = normalize_records(hit.reset_index(drop=True), cfg, today)
    extract = read_population(population, cfg, today)
    extract_mf = matching_frame(extract)
    model = build_model(extract_mf, cfg)
    outcome = match_block(norm, extract_mf, model, cfg).outcomes.iloc[0]
    scored = score_pairs(matching_frame(norm), extract_mf, model, cfg)
    scored = scored.sort_values("probability", ascending=False).head(max_candidates)
    names = extract.iloc[scored["ri"].to_numpy()]
    candidates = []
    for (_, cand), (_, person) in zip(scored.iterrows(), names.iterrows(), strict=True):
        steps = [{"field": "prior", "level": "", "weight": round(model.prior_log2, 3)}]
        for field in LEVELS:
            steps.append({"field": field, "level": LEVELS[field][int(cand["lv_" + field])],
                          "weight": round(float(cand["w_" + field]), 3)})
        candidates.append({"person_id": cand["person_id"], "name": person["name"],
                           "dob": person["dob"], "gender": person["gender"],
                           "commune": person.get("commune", ""), "rule": cand["rule"],
                           "steps": steps, "total_weight": round(float(cand["weight"]), 3),
                           "probability": round(float(cand["probability"]), 6)})
    listed = norm.iloc[0]
    return {"file": str(list_path), "sheet": listed["sheet"], "row": int(listed["row"]),
            "listed": {k: str(listed[k]) for k in ("name", "dob", "gender", "id_kind", "id_value",
                                                   "nationality", "norm_reasons")},
            "status": outcome["status"], "person_id": outcome["person_id"],
            "match_probability": float(outcome["match_probability"]),
            "reasons": outcome["match_reasons"], "candidates": candidates}
