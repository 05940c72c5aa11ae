"""A 10-million-person Parquet extract against 100k list rows (or ~1M dose rows), through the real
CLI in a subprocess, in-process (partitioned) or on a local Dask cluster: wall and CPU time, peak
memory of every process (the vaxrecon process and each Dask worker), accuracy against the truth.

    python benchmarks/extract_10m.py data                     # make the data once (below)
    python benchmarks/extract_10m.py verify [--engine dask --workers 2] [--people 10] [--jobs 2]
    python benchmarks/extract_10m.py clean  [--engine dask --workers 2] [--people 10] [--copies 3]
    python benchmarks/extract_10m.py stages --people 1   # CPU time and volume of each step, in-process

Data (into --dir, default /tmp/vaxrecon-scale): `vaxrecon synth` makes 1M people of one province,
20 lists of 5,000 rows (100k) and their dose records; `vaxrecon synth` at 10M would take long, so
the 10M extract is derived, vectorised: copy 0 is the synthetic province as is; copies 1..9 are
other provinces' people — each copy's ID numbers get another province's 3-digit CCCD code (so no ID
repeats), its old CMND numbers are shifted, its full names are shuffled among its people (so no
copy person is anyone of the lists, yet every name and birth date stays realistic and namesakes
abound), and its commune codes are moved out of the province's range. It is written as a folder
dataset, one folder per province code (``TINH=058/part.parquet``), 250k-row row groups.
``--people N`` uses the first N copies (N million people). ``clean --copies K`` repeats the dose
file K times (each copy a new file: the same people's records sent twice, as happens).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pandas as pd
import psutil

from vaxrecon.admin_units import cccd_province_codes
from vaxrecon.evaluation import evaluate

TODAY = "2021-11-06"


def make_data(root: Path, seed: int) -> None:
    base = root / "base1m"
    if not (base / "truth.csv").exists():
        command = [sys.executable, "-m", "vaxrecon", "synth", "--out", str(base), "--seed", str(seed)]
        subprocess.run([*command, "--population=1000000", "--lists=20", "--rows=5000"], check=True)
    folder = root / "extract10m"
    if (folder / "done").exists():
        return
    pop = pd.read_csv(base / "population.csv", dtype=str, keep_default_na=False)
    home = pop["SO_DINH_DANH"].str[:3].mode().iloc[0]
    codes = sorted(cccd_province_codes())
    rng = np.random.default_rng(seed)
    names = []
    for k in range(10):
        copy = pop.copy()
        code = codes[(codes.index(home) + 5 * k) % len(codes)]
        if k:  # every ID's province code moved 5k places along the list of codes: no ID repeats
            moved = {c: codes[(codes.index(c) + 5 * k) % len(codes)] for c in codes}
            prefix = copy["SO_DINH_DANH"].str[:3]
            copy["SO_DINH_DANH"] = prefix.map(moved).fillna(prefix) + copy["SO_DINH_DANH"].str[3:]
            cmnd = pd.to_numeric(copy["SO_CMND"].where(copy["SO_CMND"] != ""), errors="coerce")
            shifted = (cmnd + k * 7_919_113) % 1_000_000_000
            copy["SO_CMND"] = shifted.map(lambda v: f"{int(v):09d}", na_action="ignore").fillna("")
            copy["HO_VA_TEN"] = copy["HO_VA_TEN"].to_numpy()[rng.permutation(len(copy))]
            px = pd.to_numeric(copy["MA_PX"], errors="coerce")
            copy["MA_PX"] = (px + k * 1000).map(lambda v: str(int(v)), na_action="ignore").fillna("")
        out = folder / f"TINH={code}"
        out.mkdir(parents=True, exist_ok=True)
        copy.to_parquet(out / "part.parquet", index=False, row_group_size=250_000)
        names.append(out.name)
        print(f"copy {k}: {len(copy):,} people, province code {code}", flush=True)
    (folder / "done").write_text("\n".join(names) + "\n")  # copy order: the lists' province first


def _limited(root: Path, people: int) -> Path:
    """A folder of links to the first ``people`` copies (the whole dataset for 10)."""
    full = root / "extract10m"
    if people >= 10:
        return full
    part = root / f"extract{people}m"
    part.mkdir(exist_ok=True)
    for name in (full / "done").read_text().split()[:people]:
        (part / name).mkdir(exist_ok=True)
        if not (part / name / "part.parquet").exists():
            (part / name / "part.parquet").symlink_to(full / name / "part.parquet")
    return part


class Sampler(threading.Thread):
    """Peak RSS of a process and of each of its descendants, and the peak of their summed PSS
    (forked workers share pages, which summed RSS counts twice), sampled every 0.5 s; every 5 s a
    line of ``timeline`` (seconds, summed PSS and each process's RSS in MB) says which step it was."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.root, self.peaks, self.total, self.pss, self.stop = psutil.Process(pid), {}, 0, 0, False
        self.timeline: list[str] = []

    def run(self) -> None:
        start, tick = time.monotonic(), 0
        while not self.stop:
            try:
                procs = [self.root, *self.root.children(recursive=True)]
                now = pss = 0
                each = []
                for p in procs:
                    try:
                        mem = p.memory_full_info()
                        name = " ".join(p.cmdline()[1:3])[-60:]
                    except psutil.Error:
                        continue
                    now, pss = now + mem.rss, pss + mem.pss
                    key = (p.pid, name)
                    self.peaks[key] = max(self.peaks.get(key, 0), mem.rss)
                    each.append(f"{p.pid}:{mem.rss >> 20}")
                self.total, self.pss = max(self.total, now), max(self.pss, pss)
                if tick % 10 == 0:
                    self.timeline.append(f"{time.monotonic() - start:.0f}s pss={pss >> 20} {' '.join(each)}")
                tick += 1
            except psutil.Error:
                pass
            time.sleep(0.5)


def run(args: argparse.Namespace) -> None:
    root = Path(args.dir)
    extract = _limited(root, args.people)
    base = root / "base1m"
    out = root / f"out-{args.command}-{args.engine}-{args.people}m-{int(time.time())}"
    if args.command == "verify":
        inputs = [str(p) for p in sorted((base / "lists").iterdir())]
    else:
        inputs = []
        for k in range(args.copies):
            link = root / f"doses_copy{k}.csv"
            if not link.exists():
                link.symlink_to(base / "doses.csv")
            inputs.append(str(link))
    command = [sys.executable, "-m", "vaxrecon", args.command, *inputs, "-p", str(extract), "-o", str(out)]
    command += [
        "--no-ledger",
        "-q",
        "--json",
        "--today",
        TODAY,
        "--engine",
        args.engine,
        "--jobs",
        str(args.jobs),
    ]
    if args.engine == "dask":
        command += ["--workers", str(args.workers)]
    if args.config:
        command += ["--config", args.config]
    load = Path("/proc/loadavg").read_text().split()[:3]
    t = time.perf_counter()
    before = psutil.Process().cpu_times()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    sampler = Sampler(child.pid)
    sampler.start()
    stdout, _ = child.communicate()
    wall = time.perf_counter() - t
    sampler.stop = True
    after = psutil.Process().cpu_times()
    out.mkdir(parents=True, exist_ok=True)
    (out / "memory_timeline.txt").write_text("\n".join(sampler.timeline) + "\n")
    if child.returncode != 0:
        raise SystemExit(f"vaxrecon exited {child.returncode} (memory timeline: {out}/memory_timeline.txt)")
    summary = json.loads(stdout)
    results = pd.read_csv(out / "results.csv", dtype=str, keep_default_na=False)
    truth_file = base / ("truth.csv" if args.command == "verify" else "doses_truth.csv")
    report = {
        "command": " ".join(command[1:]),
        "rows": len(results),
        "people_in_extract": summary.get("population", {}).get("rows"),
        "wall_s": round(wall, 1),
        "cpu_user_sys_s": round(
            (after.children_user + after.children_system) - (before.children_user + before.children_system), 1
        ),
        "load_average_before": load,
        "load_average_after": Path("/proc/loadavg").read_text().split()[:3],
        "peak_rss_mb_by_process": {
            f"{pid} {name}": round(v / 2**20) for (pid, name), v in sorted(sampler.peaks.items())
        },
        "peak_rss_mb_all_processes": round(sampler.total / 2**20),
        "peak_pss_mb_all_processes": round(sampler.pss / 2**20),
        "memory_timeline": str(out / "memory_timeline.txt"),
        "timings_s": summary.get("timings_s") or summary.get("timings"),
        "statuses": results["status"].value_counts().to_dict(),
    }
    if args.command == "verify":
        ev = evaluate(results, pd.read_csv(truth_file, dtype=str, keep_default_na=False))
        ev.pop("confusion", None)
        report["accuracy"] = ev
    print(json.dumps(report, indent=2, ensure_ascii=False, default=str))


class Timed:
    """A serial mapper that notes each step's CPU seconds, items and output sizes."""

    def __init__(self) -> None:
        self.steps: dict[str, dict] = {}

    def __call__(self, fn, items):  # noqa: ANN001 - a Mapper
        out = []
        for item in items:
            t = time.process_time()
            out.append(fn(item))
            step = self.steps.setdefault(type(fn).__name__.strip("_"), {"cpu_s": 0.0, "tasks": 0})
            step["cpu_s"] += time.process_time() - t
            step["tasks"] += 1
            if type(fn).__name__ == "_Decide":
                step["pairs"] = step.get("pairs", 0) + len(item[2])
                step["rows"] = step.get("rows", 0) + len(item[0])
            if type(fn).__name__ == "_Join":
                for rule, frame in out[-1][0].items():
                    step.setdefault("rows_per_rule", {}).setdefault(rule, 0)
                    step["rows_per_rule"][rule] += len(frame)
        return out


def stages(args: argparse.Namespace) -> None:
    """Each step's CPU time and volume, in this process, on ``--people`` million people."""
    import datetime as dt

    from vaxrecon.config import load_config
    from vaxrecon.engines.partitioned import PartitionedExtract
    from vaxrecon.pipeline import Extract, verify

    root = Path(args.dir)
    cfg = load_config(overrides={"match.jobs": 1})
    today = dt.date.fromisoformat(TODAY)
    timed = Timed()
    t = time.process_time()
    parts = PartitionedExtract.prepare(_limited(root, args.people), cfg, today, timed)
    prepare_cpu = time.process_time() - t
    info = {"file": "", "sha256": "", "rows": parts.rows, "repeated_ids": parts.repeated}
    extract = Extract(pd.DataFrame(), pd.DataFrame(), parts.model, info, parts.province, 0, partitions=parts)
    lists = sorted((root / "base1m" / "lists").iterdir())
    t = time.process_time()
    result = verify(lists, extract, cfg, today)
    verify_cpu = time.process_time() - t
    report = {
        "people": parts.rows,
        "list_rows": len(result.results),
        "prepare_cpu_s": round(prepare_cpu, 1),
        "verify_cpu_s": round(verify_cpu, 1),
        "verify_timings_s": {k: round(v, 1) for k, v in result.timings.items()},
        "steps": timed.steps,
    }
    print(json.dumps(report, indent=2, default=str))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("command", choices=["data", "verify", "clean", "stages"])
    ap.add_argument("--dir", default="/tmp/vaxrecon-scale")
    ap.add_argument("--engine", default="local", choices=["local", "dask"])
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--jobs", type=int, default=0, help="local engine: worker processes (0: every core)")
    ap.add_argument("--people", type=int, default=10, help="millions of people (copies of the province)")
    ap.add_argument("--copies", type=int, default=1, help="clean: times the dose file is given")
    ap.add_argument("--config", default="", help="a vaxrecon config file (e.g. campaign.match_chunk)")
    ap.add_argument("--seed", type=int, default=11)
    args = ap.parse_args()
    if args.command == "data":
        make_data(Path(args.dir), args.seed)
    elif args.command == "stages":
        stages(args)
    else:
        run(args)


if __name__ == "__main__":
    main()
