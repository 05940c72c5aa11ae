"""`batch`: the cron job — verify every new list in an inbox, file it, report what is overdue."""

from __future__ import annotations

import datetime as dt
import fcntl
import fnmatch
import json
import logging
import os
import re
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from vaxrecon.config import Config
from vaxrecon.documents.atomic import remove_stale_staging, unique_dir, write_file_atomic
from vaxrecon.errors import InputError, NoHeaderError, VaxreconError
from vaxrecon.followup import overdue_report
from vaxrecon.ingest.lists import read_list_metadata
from vaxrecon.ingest.metadata import supplied_metadata
from vaxrecon.ingest.workbook import LIST_SUFFIXES
from vaxrecon.ledger.db import connect
from vaxrecon.ledger.record import record_received
from vaxrecon.pipeline import load_extract
from vaxrecon.result import list_fields, sha256
from vaxrecon.text import t
from vaxrecon.workflow import run_job

if TYPE_CHECKING:
    import sqlite3

    from vaxrecon.pipeline import Extract

log = logging.getLogger(__name__)
LOCK_NAME = ".vaxrecon-batch.lock"
ATTEMPTS_NAME = ".vaxrecon-attempts.json"  # files being processed; survives a killed run


@dataclass
class BatchResult:
    """What one batch run did with each file of the inbox."""

    locked: bool = False
    processed: list[dict] = field(default_factory=list)
    duplicates: list[dict] = field(default_factory=list)
    waiting: list[dict] = field(default_factory=list)
    failed: list[dict] = field(default_factory=list)
    ignored: list[dict] = field(default_factory=list)  # folders, broken links, devices in the inbox
    recovered: list[dict] = field(default_factory=list)  # left half-done by a killed run
    overdue: dict = field(default_factory=dict)
    overdue_file: str = ""

    @property
    def exit_code(self) -> int:
        """5 locked out, 4 a file failed, 3 something overdue, else 0."""
        if self.locked:
            return 5
        if self.failed:
            return 4
        return 3 if self.overdue.get("count") else 0

    def as_dict(self) -> dict:
        return {
            "locked": self.locked,
            "processed": self.processed,
            "duplicates": self.duplicates,
            "waiting": self.waiting,
            "failed": self.failed,
            "ignored": self.ignored,
            "recovered": self.recovered,
            "overdue_count": self.overdue.get("count", 0),
            "overdue_file": self.overdue_file,
        }


@contextmanager
def inbox_lock(inbox: Path) -> Iterator[bool]:
    """An exclusive lock on the inbox (yields False when another live run holds it). The kernel
    releases it when its process dies, so a stale lock file from a killed run is simply reused."""
    path = inbox / LOCK_NAME
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        try:
            yield True
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _is_temporary(name: str, patterns: list[str]) -> bool:
    return any(fnmatch.fnmatch(name, p) for p in patterns)


def _move(path: Path, folder: Path) -> Path:
    folder.mkdir(exist_ok=True)
    dest = folder / path.name
    if dest.exists():
        dest = folder / f"{path.stem}.{time.strftime('%Y%m%d%H%M%S')}{path.suffix}"
    os.replace(path, dest)
    return dest


_WHY = {
    "link": "batch.ignored_link",
    "folder": "batch.ignored_folder",
    "special": "batch.ignored_special",
    "kind": "batch.ignored_kind",
    "temporary": "batch.reason_temporary",
    "copying": "batch.reason_copying",
}


def _note(items: list[dict], path: Path, code: str, lang: str) -> None:
    """A file left in the inbox, with why: ``code`` for programs, ``reason`` in the user's language."""
    items.append({"file": path.name, "code": code, "reason": t(_WHY[code], lang)})


def _candidates(inbox: Path, cfg: Config, now: float, result: BatchResult) -> list[Path]:
    settle, lang = cfg["batch"]["settle_seconds"], cfg["lang"]
    ready = []
    for path in sorted(inbox.iterdir()):
        if path.name in {LOCK_NAME, ATTEMPTS_NAME, "processed", "failed"} and not path.is_symlink():
            continue
        try:
            if path.is_symlink():
                path.resolve(strict=True)
            mode = path.stat()
        except (OSError, RuntimeError):
            _note(result.ignored, path, "link", lang)
            continue
        if path.is_dir():
            _note(result.ignored, path, "folder", lang)
        elif not path.is_file():
            _note(result.ignored, path, "special", lang)
        elif path.suffix.lower() not in LIST_SUFFIXES:
            if not _is_temporary(path.name, cfg["batch"]["temporary_patterns"]):
                _note(result.ignored, path, "kind", lang)
        elif _is_temporary(path.name, cfg["batch"]["temporary_patterns"]):
            _note(result.waiting, path, "temporary", lang)
        elif now - mode.st_mtime < settle:
            _note(result.waiting, path, "copying", lang)
        else:
            ready.append(path)
    for item in result.ignored:
        log.warning("ignored %s in the inbox: %s", item["file"], item["code"])
    return ready


def _reason(error: BaseException, lang: str) -> str:
    """A plain sentence for a failure, never the content of a cell."""
    if isinstance(error, VaxreconError):
        return error.text(lang)
    if isinstance(error, MemoryError):
        return t("batch.fail_memory", lang)
    if isinstance(error, OSError):
        return t("batch.fail_os", lang, why=error.strerror or type(error).__name__)
    return t("batch.fail_internal", lang, kind=type(error).__name__)


def _fail(
    conn: sqlite3.Connection,
    path: Path,
    sha: str,
    error: BaseException,
    cfg: Config,
    today: dt.date,
    inbox: Path,
    result: BatchResult,
    read_meta: bool = True,
) -> None:
    """File a list that could not be verified: recorded as received, moved to failed/ with its reason
    (its commune and date are read from it unless reading it is what kills the program)."""
    reason = _reason(error, cfg["lang"])
    bug = None if isinstance(error, VaxreconError) else error  # logged as its type and place only
    log.warning("failed %s: %s", path.name, _reason(error, "en"), exc_info=bug)
    meta: dict = {}
    try:
        meta = read_list_metadata(path, cfg) if read_meta else {}
    except Exception:  # noqa: BLE001 - the list is recorded with whatever could be read
        pass
    meta = {**meta, **supplied_metadata(meta, path.stem)}
    record_received(conn, list_fields(path.name, sha, meta, cfg), today, reason)
    dest = _move(path, inbox / "failed")
    write_file_atomic(
        dest.with_name(dest.name + ".reason.txt"),
        failure_note(path.name, error, reason, inbox.name, cfg["lang"]).encode("utf-8"),
    )
    result.failed.append({"file": path.name, "reason": reason})


class Attempts:
    """Which inbox files a run started on and where their outputs go, saved before the work starts,
    so that the next run can finish what a killed run left and quarantine a file that kills runs."""

    def __init__(self, inbox: Path) -> None:
        self.path = inbox / ATTEMPTS_NAME
        try:
            self.entries: dict[str, dict] = json.loads(self.path.read_text("utf-8"))
        except (OSError, ValueError):
            self.entries = {}

    def _save(self) -> None:
        write_file_atomic(self.path, json.dumps(self.entries, indent=1).encode("utf-8"))

    @staticmethod
    def same_file(path: Path, entry: dict) -> bool:
        """Whether ``path`` is still the file (same size and modification time) ``entry`` was about."""
        try:
            st = path.stat()
        except OSError:
            return False
        return entry.get("stamp") == [st.st_size, st.st_mtime_ns]

    def start(self, path: Path, out_dir: Path) -> int:
        """Record an attempt on ``path``; returns how many earlier attempts did not finish."""
        st = path.stat()
        before = self.entries.get(path.name, {})
        count = before.get("count", 0) if self.same_file(path, before) else 0
        self.entries[path.name] = {
            "stamp": [st.st_size, st.st_mtime_ns],
            "count": count + 1,
            "out_dir": str(out_dir),
        }
        self._save()
        return count

    def finish(self, name: str) -> None:
        if self.entries.pop(name, None) is not None:
            self._save()


def _reconcile(conn: sqlite3.Connection, inbox: Path, attempts: Attempts, result: BatchResult) -> None:
    """Finish what killed runs left: a run the ledger recorded gets its file filed; outputs the
    ledger does not know are removed (the list is verified again)."""
    for name, entry in list(attempts.entries.items()):
        out_dir = Path(entry["out_dir"])
        path = inbox / name
        run = conn.execute(
            "SELECT id FROM runs WHERE out_dir = ? AND state = 'complete'", (str(out_dir),)
        ).fetchone()
        if run is not None:
            if attempts.same_file(path, entry):
                _move(path, inbox / "processed")
            result.recovered.append({"file": name, "out_dir": str(out_dir), "run_id": int(run["id"])})
            attempts.finish(name)
        else:
            if out_dir.exists():
                shutil.rmtree(out_dir, ignore_errors=True)
            if not path.exists():
                attempts.finish(name)
        log.warning(
            "a run stopped while processing %s; %s",
            name,
            "its recorded run was filed" if run is not None else "it is processed again",
        )


def _quarantine(
    conn: sqlite3.Connection, path: Path, cfg: Config, today: dt.date, inbox: Path, result: BatchResult
) -> None:
    """Set aside, unread, a file whose processing stopped the program too often (a native abort,
    out of memory), so that it does not block every later run."""
    error = InputError(key="batch.quarantined", file=path.name, n=cfg["batch"]["max_attempts"])
    _fail(conn, path, sha256(path), error, cfg, today, inbox, result, read_meta=False)


def _process(
    conn: sqlite3.Connection,
    path: Path,
    extract: Extract | None,
    cfg: Config,
    today: dt.date,
    inbox: Path,
    target: Path,
    ledger: Path,
    result: BatchResult,
) -> None:
    sha = f"unreadable:{path.name}"
    try:
        sha = sha256(path)
        seen = conn.execute(
            "SELECT id FROM lists WHERE sha256 = ? AND returned_on IS NOT NULL", (sha,)
        ).fetchone()
        if seen:
            _move(path, inbox / "processed")
            result.duplicates.append({"file": path.name, "list_id": int(seen["id"])})
            log.info("already processed %s (list %d)", path.name, seen["id"])
            return
        job = run_job([path], extract, cfg, today, out_dir=target, ledger=ledger)
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as error:  # noqa: BLE001 - every failure is filed (a Rust panic is a BaseException)
        _fail(conn, path, sha, error, cfg, today, inbox, result)
        return
    _move(path, inbox / "processed")
    result.processed.append(
        {"file": path.name, "out_dir": str(target), "run_id": job.run_id, "counts": job.result.counts()}
    )
    log.info("processed %s", path.name, extra={"fields": {"counts": job.result.counts()}})


def failure_note(file_name: str, error: BaseException, reason: str, inbox: str, lang: str = "vi") -> str:
    """failed/NAME.reason.txt, for whoever looks after the inbox: what went wrong and what to do
    (the batch has no --map, so the fix is made in the file)."""
    detail = re.sub(r";?\s*(?:use|dùng) --map[^)]*", "", reason).strip()
    if isinstance(error, NoHeaderError):
        fix = "batch.fix_header"
    elif isinstance(error, VaxreconError):
        fix = "batch.fix_file"
    elif isinstance(error, MemoryError | OSError):
        fix = "batch.fix_resources"
    else:
        fix = "batch.fix_bug"
    return t("batch.note", lang, file=file_name, reason=detail, fix=t(fix, lang), inbox=inbox) + "\n"


def run_batch(
    inbox: Path,
    population: str | Path | None,
    out_dir: Path,
    cfg: Config,
    today: dt.date,
    ledger: Path,
    now: float | None = None,
) -> BatchResult:
    """Process every settled, new list in ``inbox``; one failing file never stops the others."""
    inbox, out_dir = Path(inbox), Path(out_dir).absolute()
    if not inbox.is_dir():
        raise InputError(key="err.inbox_not_folder", inbox=str(inbox))
    result = BatchResult()
    with inbox_lock(inbox) as acquired:
        if not acquired:
            result.locked = True
            log.info("another batch run holds the lock on %s; nothing done", inbox)
            return result
        conn = connect(ledger)
        try:
            attempts = Attempts(inbox)
            _reconcile(conn, inbox, attempts, result)
            if out_dir.is_dir():
                remove_stale_staging(out_dir)
            ready = _candidates(inbox, cfg, time.time() if now is None else now, result)
            extract = load_extract(population, cfg, today) if ready else None
            for path in ready:
                target = unique_dir(out_dir / f"{path.stem}_{dt.datetime.now():%Y%m%d_%H%M%S}")
                try:
                    if attempts.start(path, target) >= cfg["batch"]["max_attempts"]:
                        _quarantine(conn, path, cfg, today, inbox, result)
                    else:
                        _process(conn, path, extract, cfg, today, inbox, target, ledger, result)
                except Exception as error:  # noqa: BLE001 - filing it failed (gone, cannot be moved)
                    result.failed.append({"file": path.name, "reason": _reason(error, cfg["lang"])})
                    log.warning("could not file %s: %s", path.name, _reason(error, "en"))
                attempts.finish(path.name)
            result.overdue = overdue_report(conn, today, cfg)
        finally:
            conn.close()
    out_dir.mkdir(parents=True, exist_ok=True)
    report = out_dir / f"overdue_{today.isoformat()}.json"
    write_file_atomic(report, json.dumps(result.overdue, ensure_ascii=False, indent=2).encode("utf-8"))
    result.overdue_file = str(report)
    log.info("overdue items: %d", result.overdue.get("count", 0))
    return result
