"""The list stages of a run, in this process: reading the lists, normalising their rows, writing
every list's documents (station workbooks, returned copy, police workbook), beside the bare
calamine read of the same files.

    python benchmarks/lists.py [--lists DIR] [--population FILE] [--work DIR] [--repeat N]

Writing needs result rows: the first run matches the lists once (`vaxrecon.verify`, the extract
cached under WORK/cache) and keeps the results in WORK/results.pkl; later runs reuse them with the
lists read afresh (delete the file after changing the matcher). Prints, per stage, CPU seconds
(user + system, this process and its children: .xls files are read in a forked child), wall
seconds and the peak RSS so far, plus the load average.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import pickle
import resource
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

TODAY = dt.date(2021, 11, 6)


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _peak_mb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


def timed(label: str, call: Callable[[], Any], figures: dict) -> Any:
    c, w = _cpu(), time.perf_counter()
    value = call()
    figures[label] = {
        "cpu_s": round(_cpu() - c, 2),
        "wall_s": round(time.perf_counter() - w, 2),
        "peak_rss_mb": _peak_mb(),
    }
    return value


def bare_read(paths: list[Path]) -> float:
    """Seconds to parse every sheet of every list with calamine, doing nothing else."""
    from python_calamine import load_workbook

    t = time.perf_counter()
    for path in paths:
        book = load_workbook(str(path))
        for name in book.sheet_names:
            book.get_sheet_by_name(name).to_python()
    return time.perf_counter() - t


def _results(paths: list[Path], population: Path, work: Path) -> dict:
    """The run's results frame and list summaries (matched once, then kept in WORK/results.pkl)."""
    keep = work / "results.pkl"
    if keep.exists():
        return pickle.loads(keep.read_bytes())
    os.environ.setdefault("XDG_CACHE_HOME", str(work / "cache"))
    from vaxrecon.pipeline import verify

    result = verify(paths, population, today=TODAY)
    kept = {
        "results": result.results,
        "lists": result.lists,
        "population": result.population,
        "province": result.population.get("province", ""),
    }
    keep.write_bytes(pickle.dumps(kept, protocol=pickle.HIGHEST_PROTOCOL))
    return kept


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--lists", type=Path, default=Path("/work/data/prov/lists"))
    ap.add_argument("--population", type=Path, default=Path("/work/data/prov/population.csv"))
    ap.add_argument("--work", type=Path, default=Path("/tmp/lists-bench/stage"))
    ap.add_argument("--repeat", type=int, default=1, help="times to run the three stages")
    args = ap.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    paths = sorted(p for p in args.lists.iterdir() if p.is_file())
    kept = _results(paths, args.population, args.work)

    figures: dict = {"load_average": [round(x, 2) for x in os.getloadavg()]}
    figures["import"] = {}
    c, w = _cpu(), time.perf_counter()
    from vaxrecon.config import load_config
    from vaxrecon.documents.write import write_outputs
    from vaxrecon.normalize.records import normalize_records
    from vaxrecon.pipeline import _read_lists
    from vaxrecon.progress import as_progress
    from vaxrecon.result import VerifyResult

    figures["import"] = {"cpu_s": round(_cpu() - c, 2), "wall_s": round(time.perf_counter() - w, 2)}
    cfg = load_config()
    for i in range(args.repeat):
        reads, raw = timed(
            "read_lists",
            lambda: _read_lists(paths, cfg, kept["province"], None, None, None, None, as_progress(None)),
            figures,
        )
        timed("normalise", lambda raw=raw: normalize_records(raw, cfg, TODAY), figures)
        result = VerifyResult(
            results=kept["results"],
            lists=kept["lists"],
            population=kept["population"],
            today=TODAY,
            reads=reads,
        )
        out = args.work / "out"
        shutil.rmtree(out, ignore_errors=True)
        timed(
            "write", lambda result=result, out=out: write_outputs(result, out, cfg["lang"], cfg=cfg), figures
        )
        figures["rows"] = len(raw)
        figures["bare_calamine_read_s"] = round(bare_read(paths), 2)
        figures["run"] = i + 1
        print(json.dumps(figures), flush=True)


if __name__ == "__main__":
    sys.exit(main())
