"""Score `clean` results against the synthetic truth (`vaxrecon synth`'s doses_truth.csv)."""

from __future__ import annotations

import pandas as pd

from vaxrecon.campaign.issues import DoseIssue


def score_clean(results: pd.DataFrame, truth: pd.DataFrame) -> dict:
    """Identity precision/recall per row, each anomaly kind's events found, flagged rows that are
    truly anomalous, and rows lost or invented (results and truth align row for row)."""
    n = min(len(results), len(truth))
    r, t = results.iloc[:n].reset_index(drop=True), truth.iloc[:n].reset_index(drop=True)
    linked = r["person_id"] != ""
    right = linked & (r["person_id"] == t["person_id"])
    present = t["person_id"] != ""
    flagged = r["dose_issues"] != ""
    anomalous = t["event"] != ""
    kinds = {}
    for kind in sorted(set(t.loc[anomalous, "kind"])):
        code = r["dose_issues"].str.contains(rf"(?:^|;){DoseIssue(kind).value}(?:;|$)", regex=True)
        rows = t["kind"] == kind
        found = code[rows].groupby(t.loc[rows, "event"]).any()
        kinds[kind] = {
            "events": int(len(found)),
            "found": int(found.sum()),
            "found_rate": round(float(found.mean()), 4) if len(found) else 1.0,
        }
    return {
        "rows": len(results),
        "truth_rows": len(truth),
        "rows_lost_or_invented": abs(len(results) - len(truth)),
        "links": int(linked.sum()),
        "wrong_links": int((linked & ~right).sum()),
        "identity_precision": round(float(right.sum() / max(linked.sum(), 1)), 5),
        "identity_recall": round(float(right.sum() / max(present.sum(), 1)), 5),
        "events": kinds,
        "events_found_min": min((k["found_rate"] for k in kinds.values()), default=1.0),
        "flagged_rows": int(flagged.sum()),
        "flagged_truly_anomalous": round(float((flagged & anomalous).sum() / max(flagged.sum(), 1)), 5),
    }
