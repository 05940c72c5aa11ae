"""Accuracy of a verify run against synthetic truth.

    python benchmarks/accuracy.py OUT/results.csv DATA/truth.csv
"""

from __future__ import annotations

import json
import sys

import pandas as pd

from vaxrecon.evaluation import evaluate


def main(results: str, truth: str) -> dict:
    res = pd.read_csv(results, dtype=str, keep_default_na=False)
    tru = pd.read_csv(truth, dtype=str, keep_default_na=False)
    return evaluate(res, tru)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    report = main(sys.argv[1], sys.argv[2])
    confusion = report.pop("confusion")
    print(json.dumps(report, indent=2))
    print(pd.DataFrame(confusion).T.fillna(0).astype(int).to_string())
