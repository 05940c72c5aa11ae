"""End-to-end accuracy, speed and memory at commune or province size, with an exact-ID baseline.

    python benchmarks/scale.py commune     # 1,500 rows vs 20k people (one list)
    python benchmarks/scale.py province    # 40 lists x 1,500 rows vs 600k people

Synthetic data is generated (in a subprocess) into --dir on first use and reused afterwards.
Peak memory is this process's (reading, matching, writing), not the generator's.
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

from vaxrecon.config import load_config
from vaxrecon.documents.write import write_outputs
from vaxrecon.evaluation import evaluate
from vaxrecon.pipeline import verify

SIZES = {
    "commune": {"population": 20_000, "lists": 1, "rows": 1_500},
    "province": {"population": 600_000, "lists": 40, "rows": 1_500},
}
TODAY = dt.date(2021, 11, 6)


def baseline(results: pd.DataFrame, population: Path, truth: pd.DataFrame) -> dict:
    """Link a row only when its 12-digit ID exists in the extract, as is."""
    ids = set(pd.read_csv(population, dtype=str, usecols=["SO_DINH_DANH"])["SO_DINH_DANH"])
    linked = (results["id_kind"] == "cccd") & results["id_value"].isin(ids)
    base = results.assign(
        person_id=results["id_value"].where(linked, ""), status=results["status"].where(~linked, "verified")
    )
    ev = evaluate(base, truth)
    return {k: ev[k] for k in ("link_precision", "link_recall", "links", "wrong_links")}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("size", choices=sorted(SIZES))
    ap.add_argument("--dir", default="/tmp/vaxrecon-scale")
    ap.add_argument("--seed", type=int, default=11)
    args = ap.parse_args()
    data = Path(args.dir) / args.size
    if not (data / "truth.csv").exists():
        spec = SIZES[args.size]
        t = time.perf_counter()
        command = [
            sys.executable,
            "-m",
            "vaxrecon",
            "synth",
            "--out",
            str(data),
            "--seed",
            str(args.seed),
            *[f"--{k}={v}" for k, v in spec.items()],
            "--json",
        ]
        subprocess.run(command, check=True, capture_output=True)
        print(f"generated {data} in {time.perf_counter() - t:.1f} s")
    cfg = load_config()
    lists = sorted((data / "lists").iterdir())
    t = time.perf_counter()
    result = verify(lists, data / "population.csv", cfg, TODAY)
    t_verify = time.perf_counter() - t
    out = Path(args.dir) / f"out-{args.size}-{int(time.time())}"
    t = time.perf_counter()
    write_outputs(result, out, "vi")
    t_write = time.perf_counter() - t
    truth = pd.read_csv(data / "truth.csv", dtype=str, keep_default_na=False)
    ev = evaluate(result.results, truth)
    ev.pop("confusion")
    report = {
        "size": args.size,
        "rows": len(result.results),
        "population": result.population["rows"],
        "verify_s": round(t_verify, 2),
        "stages_s": {k: round(v, 2) for k, v in result.timings.items()},
        "write_outputs_s": round(t_write, 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "accuracy": ev,
        "exact_id_baseline": baseline(result.results, data / "population.csv", truth),
        "outputs": str(out),
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
