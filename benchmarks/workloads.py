"""Each workload of the performance issue through the real CLI, in a subprocess, beside the bare
cost of reading the same files in the same run.

    python benchmarks/workloads.py [commune] [commune-warm] [province] [province-warm] [--dir DIR]

Prints, per workload: wall time (interpreter start-up included), CPU time (user + system of the
run and its workers), the load average just before, peak RSS of the largest process
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
import platform
import shutil
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path

import pyarrow.csv as pacsv
from python_calamine import load_workbook

SIZES = {
    "commune": {"population": 20_000, "lists": 1, "rows": 1_500},
    "province": {"population": 600_000, "lists": 40, "rows": 1_500},
}
WORKLOADS = {
    "commune": ("commune", "cold"),
    "commune-warm": ("commune", "warm"),
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


def run_cli(args: list[str], env: dict[str, str]) -> tuple[float, float, int, subprocess.CompletedProcess]:
    """Wall seconds, CPU seconds (user + system, the run and its workers), peak RSS (MB) of the
    largest process, and the completed process."""
    probe = (
        "import resource, subprocess, sys; r = subprocess.run(sys.argv[1:]); "
        "u = resource.getrusage(resource.RUSAGE_CHILDREN); "
        "print(u.ru_maxrss, u.ru_utime + u.ru_stime, file=sys.stderr); "
        "sys.exit(r.returncode)"
    )
    t = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", probe, *args], env=env, capture_output=True, text=True)
    wall = time.perf_counter() - t
    peak_kb, cpu = done.stderr.strip().splitlines()[-1].split()
    return wall, float(cpu), int(peak_kb) // 1024, done


def workload(name: str, root: Path) -> dict:
    size, cache = WORKLOADS[name]
    data = root / size
    synth(data, size)
    env = {**os.environ, "XDG_CACHE_HOME": str(root / f"cache-{size}")}
    if cache == "cold":
        shutil.rmtree(root / f"cache-{size}", ignore_errors=True)
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
    load = os.getloadavg()
    wall, cpu, peak, done = run_cli(args, env)
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
        "cpu_s": round(cpu, 2),
        "peak_rss_mb": peak,
        "load_average": [round(x, 2) for x in load],
        "bare_read_s": round(bare, 2),
        "ratio_to_bare_read": round(wall / bare, 1),
        "stages_s": stages,
        "write_and_startup_s": round(wall - sum(stages.values()), 2),
        "rows_per_s": {k: round(per[k] / v) for k, v in stages.items() if k in per and v > 0},
        "command": " ".join(["XDG_CACHE_HOME=" + env["XDG_CACHE_HOME"], *args]),
    }


PACKAGES = ("vaxrecon", "pandas", "numpy", "pyarrow", "rapidfuzz", "xlsxwriter", "python-calamine")


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "-"


def _cpu_model() -> str:
    try:
        lines = Path("/proc/cpuinfo").read_text().splitlines()
    except OSError:
        return platform.processor()
    return next((ln.split(":", 1)[1].strip() for ln in lines if ln.startswith("model name")), "")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("workloads", nargs="*", default=list(WORKLOADS), choices=list(WORKLOADS))
    ap.add_argument("--dir", default="/tmp/vaxrecon-work")
    args = ap.parse_args()
    root = Path(args.dir)
    root.mkdir(parents=True, exist_ok=True)
    machine = {
        "cpus": os.cpu_count(),
        "cpu_model": _cpu_model(),
        "python": sys.version.split()[0],
        "ram_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30),
        "packages": {name: _version(name) for name in PACKAGES},
    }
    print(json.dumps({"machine": machine}))
    for name in args.workloads:
        print(json.dumps(workload(name, root)), flush=True)


if __name__ == "__main__":
    main()
