"""`clean` through the real command line, scored against the synthetic truth: wall and CPU time,
peak memory, per-stage seconds, identity precision/recall, each anomaly kind's events found,
flagged rows truly anomalous, rows lost or invented.

    python benchmarks/clean.py small     # 20k people in the extract, ~8k dose rows
    python benchmarks/clean.py medium    # 200k extract, ~220k dose rows (for profiling)
    python benchmarks/clean.py full      # issue 14: 620k extract, >= 1M dose rows for >= 400k people
    python benchmarks/clean.py 1m        # issue 16: 1M extract, 1.1M dose rows for 600k people

Synthetic data is generated once (`vaxrecon synth` in a subprocess) into --dir/<size> and reused.
The timed part is `vaxrecon clean DOSES -p POP --out OUT --no-ledger --json` in a subprocess:
interpreter start, extract (normalised copy cached under --dir/<size>/cache after the first run:
--cold empties it), reading, matching, timelines, checks, every output written. CPU time is
user + sys of the command and its worker processes; peak memory is the sampled peak of the
process tree's proportional set size (shared copy-on-write pages counted once) and the largest
single process's peak RSS.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pandas as pd

from vaxrecon.campaign.scoring import score_clean

# Dose-record settings for the large sizes: more people with doses, more doses each, than the
# defaults give (the 1M extract then yields >= 1M dose rows).
_MANY = "synth:\n  doses:\n    share: {share}\n    per_person: [{per}]\n"
SIZES = {
    "small": (20_000, ""),
    "medium": (200_000, _MANY.format(share=0.6, per="0.20, 0.45, 0.25, 0.10")),
    "full": (620_000, _MANY.format(share=0.95, per="0.15, 0.45, 0.28, 0.12")),
    "1m": (1_000_000, _MANY.format(share=0.6, per="0.20, 0.45, 0.25, 0.10")),
}
EXPORT, TODAY = "2022-06-30", "2022-07-01"


def generate(data: Path, size: str, seed: int) -> None:
    """`vaxrecon synth` into ``data`` (extract, dose records and their truth; no lists)."""
    population, settings = SIZES[size]
    data.mkdir(parents=True, exist_ok=True)
    (data / "synth.yaml").write_text(settings, "utf-8")
    command = [
        *(sys.executable, "-m", "vaxrecon", "synth", "--out", str(data), "--seed", str(seed)),
        *("--lists", "0", f"--population={population}", "--config", str(data / "synth.yaml"), "--json"),
    ]
    t, cpu = time.perf_counter(), _children_cpu()
    subprocess.run(command, check=True, capture_output=True)
    print(
        f"generated {data} in {time.perf_counter() - t:.1f} s wall, {_children_cpu() - cpu:.1f} s CPU",
        file=sys.stderr,
    )


def _children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def _tree(pid: int) -> list[int]:
    """``pid`` and its descendants (Linux /proc)."""
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            kids = Path(f"/proc/{p}/task/{p}/children").read_text().split()
        except OSError:
            continue
        todo.extend(int(k) for k in kids)
    return out


def _pss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _cache_entries(cache: Path) -> dict[str, int]:
    """Each extract cache entry under ``cache``: its name -> when its entry.json was written."""
    entries = {}
    for entry in cache.glob("*/entry.json") if cache.is_dir() else []:
        entries[entry.parent.name] = entry.stat().st_mtime_ns
    return entries


def cache_use(before: dict[str, int], after: dict[str, int]) -> str:
    """What the run did with the extract cache: read an entry it found ("warm"), or wrote one
    ("cold": none for this extract, configuration and tool version, e.g. after a change of the
    cache's format), or neither ("none": no cache)."""
    written = sorted(k for k, stamp in after.items() if before.get(k) != stamp)
    if written:
        return f"cold (entry {written[0]} written)"
    return "warm" if after else "none"


def run(command: list[str]) -> dict:
    """Run ``command``; wall, CPU (user + sys, workers included) and the tree's peak PSS."""
    peak = [0]
    cpu0 = _children_cpu()
    t = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    def sample() -> None:
        while proc.poll() is None:
            peak[0] = max(peak[0], sum(_pss_kb(p) for p in _tree(proc.pid)))
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, stderr = proc.communicate()
    wall = time.perf_counter() - t
    sampler.join()
    if proc.returncode:
        sys.exit(f"clean failed ({proc.returncode}):\n{stderr.decode()[-3000:]}")
    return {
        "wall_s": round(wall, 1),
        "cpu_s": round(_children_cpu() - cpu0, 1),
        "peak_pss_mb": round(peak[0] / 1024),
        "peak_rss_one_process_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024),
        "summary": json.loads(stdout),
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("size", choices=list(SIZES))
    ap.add_argument("--dir", default="/tmp/vaxrecon-clean")
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--jobs", type=int, default=0, help="clean --jobs (0 = every core)")
    ap.add_argument("--cold", action="store_true", help="empty the extract cache first")
    ap.add_argument("--keep", action="store_true", help="keep the output folder")
    args = ap.parse_args()
    data = Path(args.dir) / args.size
    if not (data / "doses_truth.csv").exists():
        generate(data, args.size, args.seed)
    cache = data / "cache"
    if args.cold:
        shutil.rmtree(cache, ignore_errors=True)
    (data / "bench.yaml").write_text(f"cache:\n  dir: {json.dumps(str(cache))}\n", "utf-8")
    out = Path(args.dir) / f"out-{args.size}-{os.getpid()}"
    command = [
        *(
            sys.executable,
            "-m",
            "vaxrecon",
            "clean",
            str(data / "doses.csv"),
            "-p",
            str(data / "population.csv"),
        ),
        *("--out", str(out), "--no-ledger", "--json", "--config", str(data / "bench.yaml")),
        *("--export-date", EXPORT, "--today", TODAY, "--jobs", str(args.jobs)),
    ]
    load = os.getloadavg()
    entries = _cache_entries(cache)
    measured = run(command)
    extract_cache = cache_use(entries, _cache_entries(cache))
    summary = measured.pop("summary")
    truth = pd.read_csv(data / "doses_truth.csv", dtype=str, keep_default_na=False)
    results = pd.read_csv(out / "results.csv", dtype=str, keep_default_na=False)
    outputs = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    report = {
        "size": args.size,
        "dose_rows": len(truth),
        "people": int(truth["person_key"].nunique()),
        "extract": summary["population"].get("rows"),
        "extract_cache": extract_cache,
        **measured,
        "stages_s": summary["timings_s"],
        # start-up, configuration and writing every output: the wall time outside the stages
        "outside_stages_s": round(measured["wall_s"] - sum(summary["timings_s"].values()), 1),
        "load_average_before_after": [round(x, 2) for x in (*load, *os.getloadavg())],
        **score_clean(results, truth),
        "output_mb": round(outputs / 2**20, 1),
        "command": " ".join(command),
    }
    if not args.keep:
        shutil.rmtree(out)
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
