"""Write a whole output folder or nothing: build it beside the target, then rename."""

from __future__ import annotations

import glob
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from vaxrecon.errors import InputError


@contextmanager
def staged_dir(target: Path, before_rename: Callable[[], object] | None = None) -> Iterator[Path]:
    """Yield a temporary folder; on success it becomes ``target`` (which must be new or empty).
    ``before_rename`` runs once the folder is complete, just before the rename (the ledger records
    the run there as pending, so that a run killed on either side of the rename can be settled)."""
    target = Path(target)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise InputError(key="err.out_not_empty", folder=str(target))
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_staging(target.parent)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.{_STAGING}{os.getpid()}.", dir=target.parent))
    try:
        yield tmp
        if before_rename is not None:
            before_rename()
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


_STAGING = "vaxrecon-"
_STAGING_NAME = re.compile(r"\..+\.vaxrecon-(\d+)\.[a-z0-9_]{8}")


def process_alive(pid: int) -> bool:
    """Whether process ``pid`` still runs (on this machine)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale_staging(folder: Path) -> list[Path]:
    """Remove the staging folders (``.<name>.vaxrecon-<pid>.<random>``) that killed runs left in
    ``folder``: they hold partial personal data. A folder whose process still runs is left alone."""
    removed = []
    for tmp in Path(folder).glob(f".*.{_STAGING}*.*"):
        m = _STAGING_NAME.fullmatch(tmp.name)
        if m and tmp.is_dir() and not tmp.is_symlink() and not process_alive(int(m.group(1))):
            shutil.rmtree(tmp, ignore_errors=True)
            removed.append(tmp)
    return removed


def unique_dir(base: Path) -> Path:
    """``base``, or ``base_2``, ``base_3``… : the first name no finished or staging folder has
    (so that runs started in the same second, even in parallel, write to different folders)."""
    target, n = Path(base), 1
    while target.exists() or any(target.parent.glob(f".{glob.escape(target.name)}.*")):
        n += 1
        target = Path(base).with_name(f"{Path(base).name}_{n}")
    return target


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
