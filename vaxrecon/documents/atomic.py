"""Write a whole output folder or nothing: build it beside the target, then rename."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from vaxrecon.errors import InputError


@contextmanager
def staged_dir(target: Path) -> Iterator[Path]:
    """Yield a temporary folder; on success it becomes ``target`` (which must be new or empty)."""
    target = Path(target)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise InputError(key="err.out_not_empty", folder=str(target))
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        yield tmp
        if target.exists():
            target.rmdir()
        os.replace(tmp, target)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


def check_target(path: Path) -> Path:
    """Refuse a file target whose folder does not exist (nothing is created on a typo)."""
    path = Path(path)
    if not path.parent.is_dir():
        raise InputError(key="err.folder_missing", folder=str(path.parent), file=path.name)
    return path


def write_file_atomic(path: Path, data: bytes) -> None:
    """Write one file through a temporary name in the same folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
