"""vaxrecon against Splink 5 (DuckDB) on the same synthetic data: precision, recall, time, memory.

    pip install -e '.[bench]'
    vaxrecon synth --out /tmp/prov --population 600000 --lists 40 --rows 1500 --no-commune-codes
    python benchmarks/vs_splink.py /tmp/prov

Both tools get the same rows: the lists as vaxrecon reads them (every data row, provenance kept),
flattened, with the normalisation an analyst would do before Splink (names lower-cased without
marks and split into family/middle/given, dates parsed, IDs cleaned, the list's commune code, the
village) — vaxrecon's own normalisers, applied to both sides, so Splink is not handicapped by
preparation. Splink is trained as its documentation recommends (random-sampling u, EM on two
blocking rules, the prior from exact IDs) and a row links to its best candidate at
``match_probability >= 0.9``. Each tool runs in its own process, so time and peak memory are
its own (reading and preparing included).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd

from vaxrecon.evaluation import evaluate

TODAY = dt.date(2021, 11, 6)
THRESHOLD = 0.9
KEY = ["source", "sheet", "row"]


def _peak_mb() -> int:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def run_vaxrecon(data: Path) -> tuple[pd.DataFrame, dict]:
    from vaxrecon.config import load_config
    from vaxrecon.pipeline import verify

    t = time.perf_counter()
    result = verify(sorted((data / "lists").iterdir()), data / "population.csv", load_config(), TODAY)
    return result.results, {"seconds": round(time.perf_counter() - t, 1)}


def _prepared(frame: pd.DataFrame) -> pd.DataFrame:
    """The columns an analyst would give Splink, from normalised records."""
    day = frame["dob_precision"] == "day"
    iso = (
        frame["dob_y"].astype(str).str.zfill(4)
        + "-"
        + frame["dob_m"].astype(str).str.zfill(2)
        + "-"
        + frame["dob_d"].astype(str).str.zfill(2)
    )
    out = pd.DataFrame(
        {
            "name": frame["name_fold"],
            "family": frame["family"],
            "middle": frame["middle"],
            "given": frame["given"],
            "dob": iso.where(day),
            "birth_year": frame["dob_y"].where(frame["dob_y"] > 0),
            "gender": frame["gender"],
            "id12": frame["id_value"].where(frame["id_kind"] == "cccd"),
            "cmnd": frame["cmnd"],
            "commune": frame["commune_code"],
            "village": frame["village_key"],
        }
    )
    return out.replace("", None)


def run_splink(data: Path) -> tuple[pd.DataFrame, dict]:
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    from vaxrecon.config import load_config
    from vaxrecon.ingest.lists import read_list
    from vaxrecon.ingest.population import read_population
    from vaxrecon.normalize.records import normalize_records

    t = time.perf_counter()
    cfg = load_config()
    frames = []
    for path in sorted((data / "lists").iterdir()):
        lr = read_list(path, cfg)
        rec = lr.records
        rec["commune_code"] = lr.metadata.get("commune_code", "")
        frames.append(rec)
    rows = normalize_records(pd.concat(frames, ignore_index=True), cfg, TODAY)
    people = read_population(data / "population.csv", cfg, TODAY)
    left = _prepared(rows).assign(unique_id=range(len(rows)))
    right = _prepared(people).assign(unique_id=range(len(people)), person_id=people["person_id"].to_numpy())
    settings = SettingsCreator(
        link_type="link_only",
        comparisons=[
            cl.ExactMatch("id12"),
            cl.ExactMatch("cmnd"),
            cl.NameComparison("name").configure(term_frequency_adjustments=True),
            cl.ForenameSurnameComparison("given", "family"),
            cl.DateOfBirthComparison("dob", input_is_string=True),
            cl.ExactMatch("birth_year"),
            cl.ExactMatch("gender"),
            cl.ExactMatch("commune").configure(term_frequency_adjustments=True),
            cl.ExactMatch("village"),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("id12"),
            block_on("cmnd"),
            block_on("name", "birth_year"),
            block_on("given", "dob"),
            block_on("family", "dob"),
            block_on("commune", "given", "birth_year"),
            block_on("commune", "family", "birth_year"),
            block_on("name", "commune"),
        ],
        retain_intermediate_calculation_columns=False,
    )
    db = DuckDBAPI()
    linker = Linker(
        [db.register(left, table_name="lists"), db.register(right, table_name="extract")], settings
    )
    linker.training.estimate_probability_two_random_records_match([block_on("id12")], recall=0.8)
    linker.training.estimate_u_using_random_sampling(max_pairs=5e6, seed=1)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("name", "birth_year"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("dob"))
    pred = linker.inference.predict(threshold_match_probability=THRESHOLD).as_pandas_dataframe()
    side = "unique_id_l" if (pred["source_dataset_l"] == "lists").all() else "unique_id_r"
    other = "unique_id_r" if side == "unique_id_l" else "unique_id_l"
    best = pred.sort_values("match_probability", ascending=False).drop_duplicates(side)
    pid = pd.Series("", index=range(len(rows)), dtype=object)
    pid[best[side].to_numpy()] = right["person_id"].to_numpy()[best[other].to_numpy()]
    results = rows[KEY].assign(
        person_id=pid.to_numpy(),
        duplicate_of="",
        status=(pid != "").map({True: "verified", False: "not_found"}).to_numpy(),
    )
    return results, {"seconds": round(time.perf_counter() - t, 1)}


def _one(tool: str, data: Path) -> None:
    results, info = (run_vaxrecon if tool == "vaxrecon" else run_splink)(data)
    truth = pd.read_csv(data / "truth.csv", dtype=str, keep_default_na=False)
    ev = evaluate(results, truth)
    keep = ["rows", "rows_lost", "links", "wrong_links", "link_precision", "link_recall"]
    if tool == "vaxrecon":
        keep += ["non_citizen_precision", "non_citizen_recall"]
        info["review_share"] = round(float((results["status"] == "review").mean()), 4)
    print(json.dumps({"tool": tool, **{k: ev[k] for k in keep}, **info, "peak_rss_mb": _peak_mb()}))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("data", type=Path, help="a folder written by `vaxrecon synth`")
    ap.add_argument("--tool", choices=["vaxrecon", "splink"], help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.tool:
        _one(args.tool, args.data)
        return
    reports = []
    for tool in ("vaxrecon", "splink"):
        done = subprocess.run(
            [sys.executable, __file__, str(args.data), "--tool", tool],
            check=True,
            capture_output=True,
            text=True,
        )
        reports.append(json.loads(done.stdout.strip().splitlines()[-1]))
    table = pd.DataFrame(reports).set_index("tool").T
    print(table.to_string())


if __name__ == "__main__":
    main()
