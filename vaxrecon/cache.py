"""A cache of prepared population extracts under the user cache folder.

An entry holds what a run builds from an extract before it sees any list: the normalised extract,
its matching frame and its matching model (Parquet files and a JSON description in one folder), and
its lookup arrays (``.npy`` files, mapped into memory when read, so that worker processes share
them). It
is keyed by the extract's SHA-256, the configuration sections that shape reading, normalising and
the model, the run date (birth dates after it are invalid), the tool version and a fingerprint of
the code that builds it, so it is never stale; it is safe to delete. Entries hold personal data: the
folder is the owner's only (0700, files 0600), and only the newest ``cache.keep`` entries are kept.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import logging
import os
import shutil
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from vaxrecon import __version__

log = logging.getLogger(__name__)
_SECTIONS = ("read", "columns", "normalize", "match")
_NOT_SHAPING = {"match": ("jobs", "min_rows_per_job")}  # how matching runs, not what is cached
_CODE = ("normalize", "ingest", "matchers", "admin_units.py", "pipeline.py", "cache.py")
_FORMAT = 4


@dataclass
class Prepared:
    """What an entry holds: the normalised extract, its matching frame and model, facts about it
    (``meta``: JSON-able) and named numeric arrays (read back memory-mapped, read-only)."""

    frame: pd.DataFrame
    matching: pd.DataFrame
    model: Any
    meta: dict
    arrays: dict[str, np.ndarray] = dataclasses.field(default_factory=dict)


@lru_cache(maxsize=1)
def _code_fingerprint() -> str:
    root = Path(__file__).parent
    h = hashlib.sha256()
    for name in _CODE:
        paths = [root / name] if name.endswith(".py") else sorted((root / name).glob("*.py"))
        for path in paths:
            h.update(path.name.encode() + path.read_bytes())
    return h.hexdigest()


def cache_dir(cfg: dict) -> Path:
    """The configured folder, else $XDG_CACHE_HOME/vaxrecon, else ~/.cache/vaxrecon."""
    if cfg["cache"]["dir"]:
        return Path(cfg["cache"]["dir"]).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "vaxrecon"


def cache_key(extract_sha256: str, cfg: dict, today: dt.date) -> str:
    shaping = {
        k: {name: v for name, v in cfg[k].items() if name not in _NOT_SHAPING.get(k, ())} for k in _SECTIONS
    }
    settings = json.dumps(shaping, sort_keys=True, ensure_ascii=False, default=str)
    parts = (extract_sha256, settings, today.isoformat(), __version__, _code_fingerprint(), str(_FORMAT))
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:24]


def _entry(cfg: dict, key: str) -> Path:
    return cache_dir(cfg) / f"extract-{key}"


def load_cached(key: str, cfg: dict, model_type: type) -> Prepared | None:
    """The entry for ``key`` (its model rebuilt as ``model_type``), or None (disabled, absent or
    unreadable)."""
    if not cfg["cache"]["enabled"]:
        return None
    entry = _entry(cfg, key)
    if not (entry / "entry.json").is_file():
        return None
    try:
        desc = json.loads((entry / "entry.json").read_text("utf-8"))
        prepared = Prepared(
            frame=pd.read_parquet(entry / "frame.parquet"),
            matching=_read_objects(entry / "matching.parquet", desc["object_columns"]),
            model=_load_model(entry, desc["model"], model_type),
            meta=desc["meta"],
            arrays={
                name: np.load(entry / f"array-{i}.npy", mmap_mode="r")
                for i, name in enumerate(desc["arrays"])
            },
        )
    except Exception:  # noqa: BLE001 - a damaged entry is only a miss
        log.warning("ignoring an unreadable cache entry %s", entry.name)
        return None
    os.utime(entry)
    return prepared


def store(key: str, prepared: Prepared, cfg: dict) -> None:
    """Write the entry atomically (a folder renamed into place), then drop the oldest beyond
    ``cache.keep``; failures only log."""
    if not cfg["cache"]["enabled"]:
        return
    folder = cache_dir(cfg)
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=".extract-", dir=folder))
        try:
            prepared.frame.to_parquet(tmp / "frame.parquet", index=False)
            prepared.matching.to_parquet(tmp / "matching.parquet", index=False)
            desc = {
                "object_columns": [c for c in prepared.matching if prepared.matching[c].dtype == object],
                "model": _store_model(prepared.model, tmp),
                "meta": prepared.meta,
                "arrays": list(prepared.arrays),
            }
            for i, array in enumerate(prepared.arrays.values()):
                np.save(tmp / f"array-{i}.npy", array)
            (tmp / "entry.json").write_text(json.dumps(desc, ensure_ascii=False), "utf-8")
            for path in tmp.iterdir():
                path.chmod(0o600)
            target = _entry(cfg, key)
            shutil.rmtree(target, ignore_errors=True)
            os.replace(tmp, target)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        entries = sorted(folder.glob("extract-*"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in entries[cfg["cache"]["keep"] :]:
            shutil.rmtree(old, ignore_errors=True) if old.is_dir() else old.unlink(missing_ok=True)
    except (OSError, TypeError, ValueError) as e:
        log.warning("could not write the extract cache in %s: %s", folder, e)


def _read_objects(path: Path, object_columns: list[str]) -> pd.DataFrame:
    """A frame whose text columns are numpy object arrays (as the matchers use them), built from
    dictionary-encoded columns (:func:`_decoded`)."""
    import pyarrow.parquet as pq

    table = pq.read_table(path, read_dictionary=object_columns)
    out = {}
    for name in table.column_names:
        column = table.column(name).combine_chunks()
        out[name] = (
            _decoded(column) if name in object_columns else pd.Series(column.to_numpy(zero_copy_only=False))
        )
    return pd.DataFrame(out, columns=table.column_names)


def _decoded(column: Any) -> pd.Series:
    """An object Series from an Arrow dictionary array: one Python string per distinct value,
    shared by every row that holds it."""
    uniques = column.dictionary.to_numpy(zero_copy_only=False).astype(object)
    codes = column.indices.to_numpy(zero_copy_only=False)
    return pd.Series(uniques[codes] if len(uniques) else np.full(len(codes), ""), dtype=object)


def _store_model(model: Any, folder: Path) -> dict:
    """The model's fields: numbers and arrays as JSON, Series and Index as Parquet files."""
    desc: dict[str, Any] = {}
    for field in dataclasses.fields(model):
        value = getattr(model, field.name)
        if isinstance(value, pd.Series | pd.Index):
            series = value if isinstance(value, pd.Series) else pd.Series(value, name=value.name)
            series.rename("v").to_frame().to_parquet(folder / f"model_{field.name}.parquet")
            desc[field.name] = {
                "kind": type(value).__name__,
                "name": value.name,
                "dtype": str(series.dtype),
                "index_dtype": str(series.index.dtype),
            }
        elif isinstance(value, dict) and all(isinstance(v, np.ndarray) for v in value.values()):
            desc[field.name] = {
                "kind": "arrays",
                "value": {k: v.tolist() for k, v in value.items()},
                "dtype": {k: str(v.dtype) for k, v in value.items()},
            }
        elif isinstance(value, float | int | str | bool):
            desc[field.name] = {"kind": "plain", "value": value}
        else:
            raise TypeError(f"model field {field.name} cannot be cached")
    return desc


def _load_model(folder: Path, desc: dict, model_type: type) -> Any:
    values = {}
    for name, d in desc.items():
        if d["kind"] in ("Series", "Index"):
            series = pd.read_parquet(folder / f"model_{name}.parquet")["v"].rename(d["name"])
            series = series.astype(d["dtype"])  # Parquet reads text back as Arrow-backed strings
            series.index = series.index.astype(d["index_dtype"])
            values[name] = series if d["kind"] == "Series" else pd.Index(series, name=d["name"])
        elif d["kind"] == "arrays":
            values[name] = {k: np.array(v, dtype=d["dtype"][k]) for k, v in d["value"].items()}
        else:
            values[name] = d["value"]
    return model_type(**values)
