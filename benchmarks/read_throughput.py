"""Read throughput: a 100k-row registration list (.xlsx) and a 1M-row population CSV.

python benchmarks/read_throughput.py [--rows 100000] [--population 1000000] [--dir /tmp/vaxrecon-bench]
"""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import time
from pathlib import Path

import numpy as np

from vaxrecon.config import load_config
from vaxrecon.ingest.lists import read_list
from vaxrecon.ingest.population import read_population
from vaxrecon.normalize.records import normalize_records
from vaxrecon.synth.layouts import write_xlsx
from vaxrecon.synth.lists import compose
from vaxrecon.synth.people import make_people, population_extract

TODAY = dt.date(2021, 11, 6)


def build(folder: Path, rows: int, population: int) -> tuple[Path, Path]:
    cfg = load_config()
    syn = cfg["synth"]
    folder.mkdir(parents=True, exist_ok=True)
    lst, pop = folder / f"list_{rows}.xlsx", folder / f"population_{population}.csv"
    rng = np.random.default_rng(1)
    if not pop.exists():
        population_extract(make_people(rng, population, "Ninh Thuận", syn, TODAY)).to_csv(pop, index=False)
    if not lst.exists():
        people = make_people(rng, rows, "Ninh Thuận", syn, TODAY)
        people["passport"], people["nationality"] = "", ""
        cells, _ = compose(rng, people, syn, "form", TODAY, people["person_id"])
        meta = {"commune": "Xã Phước Hải", "list_date": TODAY, "signer_1": "A", "signer_2": "B"}
        write_xlsx(lst, "form", cells, meta)
    return lst, pop


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--population", type=int, default=1_000_000)
    ap.add_argument("--dir", default="/tmp/vaxrecon-bench")
    args = ap.parse_args()
    lst, pop = build(Path(args.dir), args.rows, args.population)
    cfg = load_config()
    t = time.perf_counter()
    records = read_list(lst, cfg).records
    t_read = time.perf_counter() - t
    t = time.perf_counter()
    normalize_records(records, cfg, TODAY)
    t_norm = time.perf_counter() - t
    print(
        f"list {lst.name}: {len(records)} rows read in {t_read:.2f} s "
        f"({len(records) / t_read:,.0f} rows/s); normalised in {t_norm:.2f} s "
        f"({len(records) / (t_read + t_norm):,.0f} rows/s read+normalise)"
    )
    t = time.perf_counter()
    extract = read_population(pop, cfg, TODAY)
    t_pop = time.perf_counter() - t
    print(f"population {pop.name}: {len(extract)} rows loaded and normalised in {t_pop:.2f} s")
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB")


if __name__ == "__main__":
    main()
