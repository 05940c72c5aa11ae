"""A cache of normalised population extracts: Parquet files under the user cache folder.

An entry is keyed by the extract's SHA-256, the configuration sections that shape normalisation,
the run date (birth dates after it are invalid), the tool version and a fingerprint of the reading
and normalising code, so it is never stale; it is safe to delete. Entries hold personal data: the
folder is the owner's only (0700, files 0600), and only the newest ``cache.keep`` entries are kept.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import tempfile
from functools import lru_cache
from pathlib import Path

import pandas as pd

from vaxrecon import __version__

log = logging.getLogger(__name__)
_SECTIONS = ("read", "columns", "normalize")
_CODE = ("normalize", "ingest")


@lru_cache(maxsize=1)
def _code_fingerprint() -> str:
    root = Path(__file__).parent
    h = hashlib.sha256()
    for folder in _CODE:
        for path in sorted((root / folder).glob("*.py")):
            h.update(path.name.encode() + path.read_bytes())
    return h.hexdigest()


def cache_dir(cfg: dict) -> Path:
    """The configured folder, else $XDG_CACHE_HOME/vaxrecon, else ~/.cache/vaxrecon."""
    if cfg["cache"]["dir"]:
        return Path(cfg["cache"]["dir"]).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "vaxrecon"


def cache_key(extract_sha256: str, cfg: dict, today: dt.date) -> str:
    settings = json.dumps({k: cfg[k] for k in _SECTIONS}, sort_keys=True, ensure_ascii=False)
    blob = "|".join((extract_sha256, settings, today.isoformat(), __version__, _code_fingerprint()))
    return hashlib.sha256(blob.encode()).hexdigest()[:24]


def load_cached(key: str, cfg: dict) -> pd.DataFrame | None:
    """The cached frame for ``key``, or None (disabled, absent or unreadable)."""
    if not cfg["cache"]["enabled"]:
        return None
    path = cache_dir(cfg) / f"extract-{key}.parquet"
    if not path.is_file():
        return None
    try:
        frame = pd.read_parquet(path)
    except Exception:  # noqa: BLE001 - a damaged entry is only a miss
        log.warning("ignoring an unreadable cache entry %s", path.name)
        return None
    os.utime(path)
    return frame


def store(key: str, frame: pd.DataFrame, cfg: dict) -> None:
    """Write the entry atomically, then drop the oldest beyond ``cache.keep``; failures only log."""
    if not cfg["cache"]["enabled"]:
        return
    folder = cache_dir(cfg)
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".extract-", suffix=".parquet", dir=folder)
        os.close(fd)
        try:
            frame.to_parquet(tmp, index=False)
            os.replace(tmp, folder / f"extract-{key}.parquet")
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
        entries = sorted(folder.glob("extract-*.parquet"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in entries[cfg["cache"]["keep"] :]:
            old.unlink(missing_ok=True)
    except OSError as e:
        log.warning("could not write the extract cache in %s: %s", folder, e.strerror)
