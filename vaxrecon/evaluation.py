"""Accuracy of a results table against synthetic ground truth (the yardstick for matching)."""

from __future__ import annotations

import pandas as pd

LINK_STATUSES = {"verified", "needs_correction"}


def _ratio(num: int, den: int) -> float:
    return round(num / den, 6) if den else 1.0


def evaluate(results: pd.DataFrame, truth: pd.DataFrame) -> dict:
    """Link precision/recall, non-citizen precision/recall, duplicates, rows lost or invented."""
    key = ["source", "sheet", "row"]
    res = results.assign(row=results["row"].astype(str), person_id=results["person_id"].fillna(""))
    tru = truth.rename(columns={"file": "source"}).assign(
        row=truth["row"].astype(str), person_id=truth["person_id"].fillna("")
    )
    both = res.merge(tru, on=key, how="outer", suffixes=("", "_true"), indicator=True)
    lost = int((both["_merge"] == "right_only").sum())
    invented = int((both["_merge"] == "left_only").sum())
    both = both[both["_merge"] == "both"]
    linked = both["person_id"] != ""
    correct = linked & (both["person_id"] == both["person_id_true"])
    findable = both["person_id_true"] != ""
    nc_pred = both["status"] == "non_citizen"
    nc_true = both["true_class"] == "non_citizen"
    dup_pred = both["duplicate_of"].fillna("") != ""
    dup_true = both["true_class"] == "duplicate"
    confusion = pd.crosstab(both["true_class"], both["status"])
    return {
        "rows": len(both),
        "rows_lost": lost,
        "rows_invented": invented,
        "links": int(linked.sum()),
        "wrong_links": int((linked & ~correct).sum()),
        "link_precision": _ratio(int(correct.sum()), int(linked.sum())),
        "link_recall": _ratio(int((correct & findable).sum()), int(findable.sum())),
        "non_citizen_precision": _ratio(int((nc_pred & nc_true).sum()), int(nc_pred.sum())),
        "non_citizen_recall": _ratio(int((nc_pred & nc_true).sum()), int(nc_true.sum())),
        "duplicate_precision": _ratio(int((dup_pred & dup_true).sum()), int(dup_pred.sum())),
        "duplicate_recall": _ratio(int((dup_pred & dup_true).sum()), int(dup_true.sum())),
        "review_share": _ratio(int((both["status"] == "review").sum()), len(both)),
        "confusion": {k: {s: int(v) for s, v in row.items()} for k, row in confusion.iterrows()},
    }


def calibration(
    results: pd.DataFrame, truth: pd.DataFrame, thresholds: tuple[float, ...] = (0.5, 0.9, 0.95, 0.99, 0.999)
) -> list[dict]:
    """For each threshold t, the rows whose best candidate has probability >= t: how many, how
    many were linked, and how often that best candidate is the true person (calibrated when that
    share is at least t; "linked_right" is the same share among the rows linked)."""
    key = ["source", "sheet", "row"]
    res = results.assign(row=results["row"].astype(str))
    tru = truth.rename(columns={"file": "source"}).assign(row=truth["row"].astype(str))
    both = res.merge(tru, on=key, suffixes=("", "_true"))
    best = both["candidates"].fillna("").str.extract(r"^(\d{12})")[0].fillna("")
    best = both["person_id"].where(both["person_id"] != "", best)
    right = (best == both["person_id_true"]) & (best != "")
    linked = both["person_id"] != ""
    p = both["match_probability"].astype(float)
    out = []
    for t in thresholds:
        at = p >= t
        out.append(
            {
                "threshold": t,
                "rows": int(at.sum()),
                "linked": int((at & linked).sum()),
                "right": _ratio(int((at & right).sum()), int(at.sum())),
                "linked_right": _ratio(int((at & linked & right).sum()), int((at & linked).sum())),
            }
        )
    return out
