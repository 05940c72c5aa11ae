"""Match list rows in worker processes: contiguous chunks of rows, each through the same pure
:func:`~vaxrecon.matchers.decide.match_block` against the whole extract.

Workers are forked after the extract is in memory, so they share it copy-on-write; only row chunks
and their outcomes cross process boundaries. A row's outcome depends on that row and the extract
alone, so concatenating the chunks' outcomes in order gives exactly the in-process result.
"""

from __future__ import annotations

import multiprocessing as mp
import os
from concurrent.futures import ProcessPoolExecutor

import numpy as np
import pandas as pd

from vaxrecon.matchers.decide import match_block
from vaxrecon.matchers.index import ExtractIndex
from vaxrecon.matchers.scoring import Model

# Set in the parent just before the pool forks; read by the workers.
_SHARED: dict = {}


def worker_count(jobs: int) -> int:
    """``jobs`` workers, or every core for 0."""
    return jobs if jobs > 0 else (os.cpu_count() or 1)


def _match_chunk(bounds: tuple[int, int]) -> pd.DataFrame:
    start, stop = bounds
    rows, extract, model, cfg, index = (_SHARED[k] for k in ("rows", "extract", "model", "cfg", "index"))
    return match_block(rows.iloc[start:stop], extract, model, cfg, index).outcomes


def match_rows(
    rows: pd.DataFrame, extract: pd.DataFrame, model: Model, cfg: dict, index: ExtractIndex | None = None
) -> pd.DataFrame:
    """Outcomes for every row (positional), with ``match.jobs`` workers when the rows are many
    enough (``match.min_rows_per_job`` per worker) and fork is available; else in-process.
    ``index``: the extract's, if built (else built here, once, before the workers fork)."""
    rows = rows.reset_index(drop=True)
    mcfg = cfg["match"]
    index = index or ExtractIndex.of(extract, mcfg["max_block_size"])
    workers = min(worker_count(mcfg["jobs"]), len(rows) // max(mcfg["min_rows_per_job"], 1))
    if workers < 2 or "fork" not in mp.get_all_start_methods():
        return match_block(rows, extract, model, cfg, index).outcomes
    edges = np.linspace(0, len(rows), workers * 2 + 1).astype(int)  # two chunks a worker evens the load
    _SHARED.update(rows=rows, extract=extract, model=model, cfg=cfg, index=index)
    try:
        with ProcessPoolExecutor(workers, mp_context=mp.get_context("fork")) as pool:
            parts = list(pool.map(_match_chunk, zip(edges[:-1], edges[1:], strict=True)))
    finally:
        _SHARED.clear()
    return pd.concat(parts, ignore_index=True)
