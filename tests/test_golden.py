"""Golden files: results.csv and summary.json for the shipped sample data.

Regenerate after an intended change with: UPDATE_GOLDEN=1 pytest tests/test_golden.py
"""

import json
import os
from pathlib import Path

import pandas as pd
import pytest
from conftest import TODAY

from vaxrecon.documents.write import write_outputs
from vaxrecon.pipeline import verify

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sample_data"
GOLDEN = Path(__file__).parent / "golden"
VOLATILE = ("timings_s", "version", "config_hash")


def stable_summary(summary: dict) -> dict:
    out = {k: v for k, v in summary.items() if k not in VOLATILE}
    out["lists"] = [{**item, "file": Path(item["file"]).name} for item in out["lists"]]
    out["population"] = {**out["population"], "file": Path(out["population"]["file"]).name}
    return out


@pytest.fixture(scope="module")
def sample_run(tmp_path_factory, cfg):
    result = verify(sorted((SAMPLE / "lists").iterdir()), SAMPLE / "population.csv", cfg, TODAY)
    out = tmp_path_factory.mktemp("golden") / "out"
    write_outputs(result, out, "vi")
    return out


def test_results_csv_matches_golden(sample_run):
    got = (sample_run / "results.csv").read_text("utf-8")
    golden = GOLDEN / "sample_results.csv"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(got, "utf-8")
    expected = golden.read_text("utf-8")
    if got != expected:
        a = pd.read_csv(golden, dtype=str, keep_default_na=False)
        b = pd.read_csv(sample_run / "results.csv", dtype=str, keep_default_na=False)
        diff = a.compare(b) if a.shape == b.shape else f"shape {a.shape} != {b.shape}"
        pytest.fail(f"results.csv differs from the golden file:\n{diff}")


def test_summary_json_matches_golden(sample_run):
    got = stable_summary(json.loads((sample_run / "summary.json").read_text("utf-8")))
    golden = GOLDEN / "sample_summary.json"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(json.dumps(got, ensure_ascii=False, indent=2) + "\n", "utf-8")
    assert got == json.loads(golden.read_text("utf-8"))
