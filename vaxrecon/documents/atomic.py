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
    owner = process_token().replace(":", "-")
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.{_STAGING}{owner}.", dir=target.parent))
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
_STAGING_NAME = re.compile(r"\..+\.vaxrecon-(\d+)(?:-(\d*))?\.[a-z0-9_]{8}")


def _alive(pid: int) -> bool:
    """Whether process ``pid`` still runs (on this machine)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _started(pid: int) -> str:
    """When process ``pid`` started (clock ticks since boot, from /proc), or '' where unknown."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return ""
    return stat.rsplit(")", 1)[-1].split()[19]


def process_token() -> str:
    """This process, told apart from a later one given the same id ("pid:start")."""
    return f"{os.getpid()}:{_started(os.getpid())}"


def token_alive(token: str) -> bool:
    """Whether the process a :func:`process_token` names still runs: a process that reuses its id
    (every container's first process is 1) is another process."""
    pid, _, started = token.partition(":")
    if not pid.isdigit() or int(pid) <= 0 or not _alive(int(pid)):
        return False
    return not started or _started(int(pid)) in ("", started)


def remove_stale_staging(folder: Path) -> list[Path]:
    """Remove the staging folders (``.<name>.vaxrecon-<pid>-<start>.<random>``) that killed runs
    left in ``folder``: they hold partial personal data. A folder whose process still runs is left
    alone."""
    removed = []
    for tmp in Path(folder).glob(f".*.{_STAGING}*.*"):
        m = _STAGING_NAME.fullmatch(tmp.name)
        if m and tmp.is_dir() and not tmp.is_symlink() and not token_alive(f"{m[1]}:{m[2] or ''}"):
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
