"""Counts per commune or vaccination site: doses and people per verdict and MoH category."""

from __future__ import annotations

import pandas as pd

from vaxrecon.campaign.issues import Category

# A person whose doses at one place fall in several categories counts once, in the worst.
_WORST = {
    Category.CORRECT.value: 0,
    Category.NOT_VERIFIED.value: 1,
    Category.NO_ID.value: 2,
    Category.WRONG.value: 3,
}


def place_counts(results: pd.DataFrame, by: str) -> pd.DataFrame:
    """Columns ``place, verdict, category, doses, people`` for ``by`` = "commune" or "site"."""
    frame = pd.DataFrame(
        {
            "place": results[by],
            "group": results["group"],
            "verdict": results["verdict"],
            "category": results["category"],
        }
    )
    doses = frame.groupby(["place", "verdict", "category"]).size().rename("doses")
    frame["r"] = frame["category"].map(_WORST)
    worst = frame.groupby(["place", "group", "verdict"])["r"].max().reset_index()
    worst["category"] = worst["r"].map({v: k for k, v in _WORST.items()})
    people = worst.groupby(["place", "verdict", "category"]).size().rename("people")
    return pd.concat([doses, people], axis=1).fillna(0).astype(int).reset_index()
