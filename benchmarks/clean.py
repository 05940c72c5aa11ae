"""`clean` against the synthetic truth: identity precision/recall, each anomaly kind's events
found, flagged rows truly anomalous, rows lost, time and peak memory.

    python benchmarks/clean.py small     # 20k people in the extract, ~8k dose rows
    python benchmarks/clean.py full      # 620k people in the extract, >= 1M dose rows for >= 400k people

Synthetic data is generated (in a subprocess) into --dir on first use and reused afterwards. The
timed part is `run_clean` as the command runs it (extract, read, match, timelines, checks, every
output written), without the ledger. Peak memory is this process's.
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

from vaxrecon.campaign.scoring import score_clean
from vaxrecon.config import load_config
from vaxrecon.workflow import run_clean

SIZES = {"small": {"population": 20_000}, "full": {"population": 620_000}}
# The full size needs more people with doses, and more doses each, than the defaults give.
DOSES = "synth:\n  doses:\n    share: 0.95\n    per_person: [0.15, 0.45, 0.28, 0.12]\n"
TODAY = dt.date(2022, 7, 1)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("size", choices=sorted(SIZES))
    ap.add_argument("--dir", default="/tmp/vaxrecon-clean")
    ap.add_argument("--seed", type=int, default=14)
    args = ap.parse_args()
    data = Path(args.dir) / args.size
    if not (data / "doses_truth.csv").exists():
        data.mkdir(parents=True, exist_ok=True)
        (data / "synth.yaml").write_text(DOSES if args.size == "full" else "", "utf-8")
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
            "--lists",
            "0",
            f"--population={SIZES[args.size]['population']}",
            "--config",
            str(data / "synth.yaml"),
            "--json",
        ]
        subprocess.run(command, check=True, capture_output=True)
        print(f"generated {data} in {time.perf_counter() - t:.1f} s", file=sys.stderr)
    cfg = load_config()
    export = dt.date.fromisoformat(cfg["synth"]["doses"]["export_date"])
    out = Path(args.dir) / f"out-{args.size}-{int(time.time())}"
    t = time.perf_counter()
    job = run_clean(
        [data / "doses.csv"], data / "population.csv", cfg, TODAY, out_dir=out, export_date=export
    )
    seconds = time.perf_counter() - t
    truth = pd.read_csv(data / "doses_truth.csv", dtype=str, keep_default_na=False)
    report = {
        "size": args.size,
        "dose_rows": len(truth),
        "people": int(truth["person_key"].nunique()),
        "extract": job.result.population.get("rows"),
        "seconds": round(seconds, 1),
        "stages_s": {k: round(v, 1) for k, v in job.result.timings.items()},
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        **score_clean(job.result.results, truth),
        "outputs": str(out),
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
