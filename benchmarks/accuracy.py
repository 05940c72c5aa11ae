"""Accuracy of a verify run against synthetic truth: precision and recall, the share of rows left
to review, calibration (rows at p >= t right at least t of the time), and the entry errors of the
true matches that were missed.

    python benchmarks/accuracy.py OUT/results.csv DATA/truth.csv
"""

from __future__ import annotations

import json
import sys

import pandas as pd

from vaxrecon.evaluation import calibration, evaluate


def missed_by_error(results: pd.DataFrame, truth: pd.DataFrame) -> pd.Series:
    """How often each entry error occurs among true matches that did not link to their person."""
    both = results.merge(
        truth.rename(columns={"file": "source"}), on=["source", "sheet", "row"], suffixes=("", "_true")
    )
    missed = both[(both["person_id_true"] != "") & (both["person_id"] != both["person_id_true"])]
    return missed["errors"].str.split(";").explode().replace("", "(none)").value_counts()


def main(results: str, truth: str) -> dict:
    res = pd.read_csv(results, dtype=str, keep_default_na=False)
    tru = pd.read_csv(truth, dtype=str, keep_default_na=False)
    return {
        "accuracy": evaluate(res, tru),
        "calibration": calibration(res, tru),
        "missed_by_error": missed_by_error(res, tru).to_dict(),
    }


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    report = main(sys.argv[1], sys.argv[2])
    confusion = report["accuracy"].pop("confusion")
    print(json.dumps(report, indent=2))
    print(pd.DataFrame(confusion).T.fillna(0).astype(int).to_string())
