"""`batch`: the cron job — verify every new list in an inbox, file it, report what is overdue."""

from __future__ import annotations

import datetime as dt
import fcntl
import fnmatch
import json
import logging
import os
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from vaxrecon.config import Config
from vaxrecon.documents.atomic import write_file_atomic
from vaxrecon.errors import InputError, NoHeaderError, VaxreconError
from vaxrecon.followup import overdue_report
from vaxrecon.ingest.lists import read_list_metadata
from vaxrecon.ingest.metadata import supplied_metadata
from vaxrecon.ingest.workbook import LIST_SUFFIXES
from vaxrecon.ledger.db import connect
from vaxrecon.ledger.record import record_received
from vaxrecon.pipeline import load_extract
from vaxrecon.result import list_fields, sha256
from vaxrecon.workflow import run_job

log = logging.getLogger(__name__)
LOCK_NAME = ".vaxrecon-batch.lock"


@dataclass
class BatchResult:
    """What one batch run did with each file of the inbox."""

    locked: bool = False
    processed: list[dict] = field(default_factory=list)
    duplicates: list[dict] = field(default_factory=list)
    waiting: list[dict] = field(default_factory=list)
    failed: list[dict] = field(default_factory=list)
    ignored: list[dict] = field(default_factory=list)
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
        return {"locked": self.locked, "processed": self.processed, "duplicates": self.duplicates,
                "waiting": self.waiting, "failed": self.failed, "ignored": self.ignored,
                "overdue_count": self.overdue.get("count", 0), "overdue_file": self.overdue_file}


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


def _candidates(inbox: Path, cfg: Config, now: float, result: BatchResult) -> list[Path]:
    settle = cfg["batch"]["settle_seconds"]
    ready = []
    for path in sorted(p for p in inbox.iterdir() if p.is_file()):
        if path.name == LOCK_NAME:
            continue
        if path.suffix.lower() not in LIST_SUFFIXES:
            if not _is_temporary(path.name, cfg["batch"]["temporary_patterns"]):
                result.ignored.append({"file": path.name, "reason": "not a list file (.xlsx .xls .csv)"})
            continue
        if _is_temporary(path.name, cfg["batch"]["temporary_patterns"]):
            result.waiting.append({"file": path.name, "reason": "temporary name"})
        elif now - path.stat().st_mtime < settle:
            result.waiting.append({"file": path.name, "reason": "still being copied"})
        else:
            ready.append(path)
    return ready


def _fail(conn, path: Path, sha: str, error: Exception, cfg: Config, today: dt.date, inbox: Path,
          result: BatchResult) -> None:
    try:
        meta = read_list_metadata(path, cfg)
    except VaxreconError:
        meta = {}
    try:  # a file that cannot be read still has the commune and date its name gives
        meta = {**meta, **supplied_metadata(meta, path.stem)}
    except VaxreconError:
        pass
    reason = str(error) if isinstance(error, VaxreconError) else f"internal error: {type(error).__name__}"
    record_received(conn, list_fields(path.name, sha, meta, cfg), today, reason)
    dest = _move(path, inbox / "failed")
    write_file_atomic(dest.with_name(dest.name + ".reason.txt"),
                      failure_note(path.name, error, reason, inbox.name).encode("utf-8"))
    result.failed.append({"file": path.name, "reason": reason})
    log.warning("failed %s: %s", path.name, reason, exc_info=not isinstance(error, VaxreconError))


def failure_note(file_name: str, error: Exception, reason: str, inbox: str) -> str:
    """failed/NAME.reason.txt, for whoever looks after the inbox: what went wrong and what to do
    (in Vietnamese; the batch has no --map, so the fix is made in the file)."""
    detail = re.sub(r";?\s*use --map[^)]*", "", reason).strip()
    if isinstance(error, NoHeaderError):
        fix = ("Không tìm thấy dòng tiêu đề có cột họ tên. Hãy đặt tên cột như mẫu danh sách "
               "(lệnh `vaxrecon template`): \"Họ và tên\", \"Ngày sinh\", \"Số CCCD/CMND\".")
    elif isinstance(error, VaxreconError):
        fix = "Hãy sửa tệp theo lý do trên (mở bằng Excel, sửa, lưu lại không đặt mật khẩu)."
    else:
        fix = ("Đây là lỗi của chương trình, không phải của tệp: báo cho cán bộ kỹ thuật, gửi kèm tệp "
               "và tệp nhật ký của lần chạy.")
    return (f"Không xử lý được tệp {file_name}.\n"
            f"Lý do: {detail}\n"
            f"Cách xử lý: {fix}\n"
            f"Sau khi sửa, chép tệp vào lại thư mục {inbox}; lần chạy tự động tiếp theo sẽ xử lý. "
            "Danh sách đã được ghi nhận là đã nhận, nên thời hạn trả kết quả vẫn được tính.\n")


def run_batch(inbox: Path, population: Path | None, out_dir: Path, cfg: Config, today: dt.date,
              ledger: Path, now: float | None = None) -> BatchResult:
    """Process every settled, new list in ``inbox``; one failing file never stops the others."""
    inbox, out_dir = Path(inbox), Path(out_dir)
    if not inbox.is_dir():
        raise InputError(f"The inbox {inbox} is not a folder.")
    result = BatchResult()
    with inbox_lock(inbox) as acquired:
        if not acquired:
            result.locked = True
            log.info("another batch run holds the lock on %s; nothing done", inbox)
            return result
        conn = connect(ledger)
        try:
            ready = _candidates(inbox, cfg, time.time() if now is None else now, result)
            extract = load_extract(population, cfg, today) if ready else None
            for path in ready:
                sha = sha256(path)
                seen = conn.execute("SELECT id FROM lists WHERE sha256 = ? AND returned_on IS NOT NULL",
                                    (sha,)).fetchone()
                if seen:
                    _move(path, inbox / "processed")
                    result.duplicates.append({"file": path.name, "list_id": int(seen["id"])})
                    log.info("already processed %s (list %d)", path.name, seen["id"])
                    continue
                target = out_dir / f"{path.stem}_{dt.datetime.now():%Y%m%d_%H%M%S}"
                try:
                    job = run_job([path], extract, cfg, today, out_dir=target, ledger=ledger)
                except Exception as error:  # noqa: BLE001 - every failure is filed with its reason
                    _fail(conn, path, sha, error, cfg, today, inbox, result)
                    continue
                _move(path, inbox / "processed")
                result.processed.append({"file": path.name, "out_dir": str(target), "run_id": job.run_id,
                                         "counts": job.result.counts()})
                log.info("processed %s", path.name, extra={"fields": {"counts": job.result.counts()}})
            result.overdue = overdue_report(conn, today, cfg)
        finally:
            conn.close()
    out_dir.mkdir(parents=True, exist_ok=True)
    report = out_dir / f"overdue_{today.isoformat()}.json"
    write_file_atomic(report, json.dumps(result.overdue, ensure_ascii=False, indent=2).encode("utf-8"))
    result.overdue_file = str(report)
    log.info("overdue items: %d", result.overdue.get("count", 0))
    return result
