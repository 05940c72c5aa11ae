"""``results.parquet`` beside ``results.csv`` for large runs: the same rows and columns, typed
(``row`` an integer, ``match_probability`` a number, the rest text), for the tools a data team
reads large results with (pandas, Dask, DuckDB, Spark) without parsing a CSV of millions of rows."""

from __future__ import annotations

from pathlib import Path

import pandas as pd


def write_results_parquet(results: pd.DataFrame, folder: Path, min_rows: int) -> Path | None:
    """Write ``results`` as ``folder/results.parquet`` when it has at least ``min_rows`` rows
    (``engine.results_parquet_rows``; 0: never). Text columns are written as text, a blank as ""
    (as results.csv reads back with ``keep_default_na=False``)."""
    if min_rows <= 0 or len(results) < min_rows:
        return None
    out = results.copy()
    for col in out.columns:
        if not (pd.api.types.is_numeric_dtype(out[col]) or pd.api.types.is_bool_dtype(out[col])):
            out[col] = out[col].fillna("").astype(str)
    path = folder / "results.parquet"
    out.to_parquet(path, index=False)
    return path
