"""Where a Parquet extract is: a local file or folder, or a URL of any fsspec filesystem
(``s3://``, ``gs://``, ``abfs://``, ``hdfs://``, ``file://``…) — what every machine of a cluster
can read alike. URLs need ``fsspec`` (installed with ``vaxrecon[dask]``) and the filesystem's own
package (``s3fs``, ``gcsfs``…) on every machine.

A folder's files are taken in the order of their paths below it, compared folder by folder, the
same for a local folder and a URL; its digest hashes each file's path below it (with ``/``) and
content, and a single file's digest is the SHA-256 of its content, as for an extract read whole.
"""

from __future__ import annotations

import hashlib
import logging
import re
from pathlib import Path, PurePosixPath
from typing import Any

import pyarrow.parquet as pq

from vaxrecon.errors import InputError

log = logging.getLogger(__name__)
Location = str | Path
_CREDENTIALS = re.compile(r"^(?P<scheme>[A-Za-z][\w+.-]*://)[^/@]*@")


def is_url(location: Location) -> bool:
    """Whether ``location`` is a URL (``scheme://…``) rather than a local path."""
    return isinstance(location, str) and "://" in location


def as_location(value: Location) -> Location:
    """A user's extract argument: a URL as written, else a local path (``~`` expanded)."""
    return value if is_url(value) else Path(value).expanduser()


def shown(location: Location) -> str:
    """The location as messages and summaries show it: a URL without its ``user:password@``."""
    return _CREDENTIALS.sub(r"\g<scheme>", str(location))


def base_name(location: Location) -> str:
    """The last part of a path or URL (what messages show)."""
    return str(location).rstrip("/").rsplit("/", 1)[-1] if is_url(location) else Path(location).name


def _unreadable(url: str, e: Exception) -> InputError:
    log.info("extract at %s unreadable: %s: %s", shown(url), type(e).__name__, e)
    if isinstance(e, ImportError):
        return InputError(key="err.url_needs_package", url=shown(url), scheme=url.split("://", 1)[0])
    return InputError(key="err.url_unreadable", url=shown(url))


def _filesystem(url: str) -> tuple[Any, str]:
    try:
        from fsspec.core import url_to_fs
    except ImportError as e:
        raise InputError(key="err.url_needs_fsspec", url=shown(url)) from e
    try:
        return url_to_fs(url)
    except Exception as e:  # an unknown scheme, its package missing, a bad address
        raise _unreadable(url, e) from e


def parquet_files(location: Location) -> list[str]:
    """The Parquet files of a file or folder dataset (in path order, see above), as paths or URLs."""
    return [source for source, _ in _listing(location)]


def _listing(location: Location) -> list[tuple[str, str]]:
    """(path or URL, path below the dataset's folder with ``/``, or "" for a single file) of each
    Parquet file, in the order of those paths compared folder by folder."""
    if is_url(location):
        fs, root = _filesystem(str(location))
        try:
            if fs.isdir(root):
                base = root.rstrip("/") + "/"
                files = [p for p in fs.find(root) if p.endswith(".parquet")]
                found = [(fs.unstrip_protocol(p), p[len(base) :]) for p in files]
            else:
                found = [(str(location), "")] if fs.isfile(root) else []
        except Exception as e:
            raise _unreadable(str(location), e) from e
    else:
        path = Path(location)
        if path.is_dir():
            found = [(str(p), p.relative_to(path).as_posix()) for p in path.rglob("*.parquet") if p.is_file()]
        else:
            found = [(str(path), "")] if path.exists() else []
    if not found:
        raise InputError(key="err.file_missing", path=shown(location))
    return sorted(found, key=lambda f: PurePosixPath(f[1]).parts)


def open_parquet(source: str) -> pq.ParquetFile:
    """One Parquet file of the extract, local or at a URL."""
    handle = _open(source) if is_url(source) else source  # local: pyarrow's own reads
    try:
        return pq.ParquetFile(handle)
    except Exception as e:
        raise InputError(key="err.pop_parquet", file=base_name(source)) from e


def digest(location: Location) -> str:
    """SHA-256 of a dataset (see above): the same for a folder wherever it is."""
    h = hashlib.sha256()
    for source, below in _listing(location):
        h.update(below.encode())
        with _open(source) as fh:
            while chunk := _read(fh, source):
                h.update(chunk)
    return h.hexdigest()


def _open(source: str) -> Any:
    """A file of the extract opened for reading; a URL's failure is one sentence."""
    if not is_url(source):
        return open(source, "rb")
    fs, path = _filesystem(source)
    try:
        return fs.open(path, "rb")
    except Exception as e:
        raise _unreadable(source, e) from e


def _read(fh: Any, source: str) -> bytes:
    try:
        return bytes(fh.read(1 << 20))
    except Exception as e:
        if not is_url(source):
            raise
        raise _unreadable(source, e) from e
