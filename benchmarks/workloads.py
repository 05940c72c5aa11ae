"""Each workload of the performance issue through the real CLI, in a subprocess, beside the bare
cost of reading the same files in the same run.

    python benchmarks/workloads.py [commune] [province] [province-warm] [--dir /tmp/vaxrecon-work]

Prints, per workload: wall time (interpreter start-up included), peak RSS of the largest process
(matching workers are forked and share the extract copy-on-write, so their pages are not summed),
the stage timings from summary.json with rows/s, the bare read (calamine over every sheet of every
list, pyarrow over the extract CSV) and the ratio of the two. Data comes from `vaxrecon synth`,
generated once into --dir. A cold run uses an empty cache folder; the warm run reuses the one the
cold run filled.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.csv as pacsv
from python_calamine import load_workbook

SIZES = {
    "commune": {"population": 20_000, "lists": 1, "rows": 1_500},
    "province": {"population": 600_000, "lists": 40, "rows": 1_500},
}
WORKLOADS = {
    "commune": ("commune", "cold"),
    "province": ("province", "cold"),
    "province-warm": ("province", "warm"),
}
TODAY = "2021-11-06"


def synth(data: Path, size: str) -> None:
    if (data / "truth.csv").exists():
        return
    spec = SIZES[size]
    command = [
        sys.executable,
        "-m",
        "vaxrecon",
        "synth",
        "--out",
        str(data),
        "--seed",
        "11",
        *[f"--{k}={v}" for k, v in spec.items()],
        "--json",
    ]
    subprocess.run(command, check=True, capture_output=True)


def bare_read(data: Path) -> float:
    """Seconds to parse every sheet of every list and the extract, doing nothing else."""
    t = time.perf_counter()
    for path in sorted((data / "lists").iterdir()):
        book = load_workbook(str(path))
        for name in book.sheet_names:
            book.get_sheet_by_name(name).to_python()
    pacsv.read_csv(data / "population.csv")
    return time.perf_counter() - t


def run_cli(args: list[str], env: dict[str, str]) -> tuple[float, int, subprocess.CompletedProcess]:
    """Wall seconds, peak RSS (MB) of the largest process, and the completed process."""
    probe = (
        "import resource, subprocess, sys; r = subprocess.run(sys.argv[1:]); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); "
        "sys.exit(r.returncode)"
    )
    t = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", probe, *args], env=env, capture_output=True, text=True)
    wall = time.perf_counter() - t
    peak_kb = int(done.stderr.strip().splitlines()[-1])
    return wall, peak_kb // 1024, done


def workload(name: str, root: Path) -> dict:
    size, cache = WORKLOADS[name]
    data = root / size
    synth(data, size)
    env = {**os.environ, "XDG_CACHE_HOME": str(root / f"cache-{size}")}
    if cache == "cold":
        for entry in (root / f"cache-{size}" / "vaxrecon").glob("extract-*"):
            entry.unlink()
    out = root / f"out-{name}-{int(time.time())}"
    args = [
        "vaxrecon",
        "verify",
        *map(str, sorted((data / "lists").iterdir())),
        "-p",
        str(data / "population.csv"),
        "-o",
        str(out),
        "--no-ledger",
        "--json",
        "--today",
        TODAY,
    ]
    wall, peak, done = run_cli(args, env)
    if done.returncode != 0:
        raise SystemExit(f"{name}: vaxrecon exited {done.returncode}: {done.stderr[-500:]}")
    summary = json.loads((out / "summary.json").read_text("utf-8"))
    bare = bare_read(data)
    rows, people = summary["rows"], summary["population"]["rows"]
    stages = summary["timings_s"]
    per = {"read_population": people, "read_lists": rows, "normalise": rows, "match": rows}
    return {
        "workload": name,
        "rows": rows,
        "people": people,
        "wall_s": round(wall, 2),
        "peak_rss_mb": peak,
        "bare_read_s": round(bare, 2),
        "ratio_to_bare_read": round(wall / bare, 1),
        "stages_s": stages,
        "write_and_startup_s": round(wall - sum(stages.values()), 2),
        "rows_per_s": {k: round(per[k] / v) for k, v in stages.items() if k in per and v > 0},
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("workloads", nargs="*", default=list(WORKLOADS), choices=list(WORKLOADS))
    ap.add_argument("--dir", default="/tmp/vaxrecon-work")
    args = ap.parse_args()
    root = Path(args.dir)
    root.mkdir(parents=True, exist_ok=True)
    machine = {
        "cpus": os.cpu_count(),
        "python": sys.version.split()[0],
        "ram_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30),
    }
    print(json.dumps({"machine": machine}))
    for name in args.workloads:
        print(json.dumps(workload(name, root)), flush=True)


if __name__ == "__main__":
    main()
