"""Where a Parquet extract is: a local file or folder, or a URL of any fsspec filesystem
(``s3://``, ``gs://``, ``abfs://``, ``hdfs://``, ``file://``…) — what every machine of a cluster
can read alike. URLs need ``fsspec`` (installed with ``vaxrecon[dask]``) and the filesystem's own
package (``s3fs``, ``gcsfs``…) on every machine.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from vaxrecon.errors import InputError

Location = str | Path


def is_url(location: Location) -> bool:
    """Whether ``location`` is a URL (``scheme://…``) rather than a local path."""
    return isinstance(location, str) and "://" in location


def as_location(value: Location) -> Location:
    """A user's extract argument: a URL as written, else a local path (``~`` expanded)."""
    return value if is_url(value) else Path(value).expanduser()


def _filesystem(url: str) -> tuple[Any, str]:
    try:
        from fsspec.core import url_to_fs
    except ImportError as e:
        raise InputError(key="err.url_needs_fsspec", url=url) from e
    try:
        return url_to_fs(url)
    except (ImportError, ValueError) as e:  # an unknown scheme, or its package missing
        raise InputError(key="err.url_unreadable", url=url, why=str(e)) from e


def base_name(location: Location) -> str:
    """The last part of a path or URL (what messages show)."""
    return str(location).rstrip("/").rsplit("/", 1)[-1]


def parquet_files(location: Location) -> list[str]:
    """The Parquet files of a file or folder dataset (sorted by path), as paths or URLs."""
    return [source for source, _ in _listing(location)]


def _listing(location: Location) -> list[tuple[str, str]]:
    """(path or URL, name below the dataset's folder, or the file's name) of each Parquet file."""
    if is_url(location):
        fs, root = _filesystem(str(location))
        try:
            folder = fs.isdir(root)
            found = sorted(p for p in fs.find(root) if p.endswith(".parquet")) if folder else []
            found = found or ([root] if fs.isfile(root) else [])
        except OSError as e:
            raise InputError(key="err.url_unreadable", url=str(location), why=str(e)) from e
        base = root.rstrip("/") + "/"
        files = [(fs.unstrip_protocol(p), p[len(base) :] if folder else base_name(p)) for p in found]
    else:
        path = Path(location)
        if path.is_dir():
            found = [p for p in sorted(path.rglob("*.parquet")) if p.is_file()]
            files = [(str(p), str(p.relative_to(path))) for p in found]
        else:
            files = [(str(path), path.name)] if path.exists() else []
    if not files:
        raise InputError(key="err.file_missing", path=str(location))
    return files


def open_parquet(source: str) -> pq.ParquetFile:
    """One Parquet file of the extract, local or at a URL."""
    try:
        return pq.ParquetFile(_open(source) if is_url(source) else source)  # local: pyarrow's own reads
    except InputError:
        raise
    except Exception as e:
        raise InputError(key="err.pop_parquet", file=base_name(source)) from e


def digest(location: Location) -> str:
    """SHA-256 over a Parquet dataset's files (name below the dataset and content), in path order."""
    h = hashlib.sha256()
    for source, below in _listing(location):
        h.update(below.encode())
        with _open(source) as fh:
            while chunk := fh.read(1 << 20):
                h.update(chunk)
    return h.hexdigest()


def _open(source: str) -> Any:
    if is_url(source):
        fs, path = _filesystem(source)
        return fs.open(path, "rb")
    return open(source, "rb")
