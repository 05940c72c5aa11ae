"""One verification job as `verify` and `batch` run it: verify, write outputs, record in the ledger."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from vaxrecon.config import Config
from vaxrecon.documents.write import default_out_dir, write_outputs
from vaxrecon.ledger.db import connect
from vaxrecon.ledger.record import record_run
from vaxrecon.ledger.recovery import settle
from vaxrecon.pipeline import Extract, settings, verify
from vaxrecon.progress import Progress, as_progress
from vaxrecon.result import VerifyResult
from vaxrecon.text import t


@dataclass
class Job:
    """What one job produced."""

    result: VerifyResult
    files: list[Path]
    run_id: int | None


def ledger_file(cfg: Config, explicit: Path | None) -> Path:
    """The ledger in force: --ledger, else the configured path."""
    return Path(explicit or cfg["ledger"]["path"]).expanduser()


def run_job(
    lists: Sequence[str | Path],
    population: str | Path | Extract | None = None,
    cfg: Config | str | Path | None = None,
    today: dt.date | None = None,
    *,
    out_dir: str | Path | None = None,
    ledger: str | Path | None = None,
    supersedes: int | None = None,
    list_date: dt.date | None = None,
    commune: str | None = None,
    sheet: str | None = None,
    overrides: dict[str, str] | None = None,
    train: bool = False,
    progress: Progress | Callable[[str], None] | None = None,
) -> Job:
    """Verify and write the outputs (all or nothing); with a ledger file, the run is recorded as
    pending once the folder is complete, before it is renamed into place, and completed after (a
    run killed in between is settled by the next opening of the ledger)."""
    cfg, today = settings(cfg, today)
    progress = as_progress(progress)
    result = verify(
        lists,
        population,
        cfg,
        today,
        sheet=sheet,
        overrides=overrides,
        train=train,
        list_date=list_date,
        commune=commune,
        progress=progress,
    )
    target = Path(out_dir) if out_dir else Path(cfg["out_dir"] or default_out_dir(result, dt.datetime.now()))
    files, run_id = write_and_record(
        lambda before_rename: write_outputs(
            result, target, cfg["lang"], progress=progress, cfg=cfg, before_rename=before_rename
        ),
        ledger,
        lambda conn: record_run(
            conn, result, today, str(target.absolute()), supersedes, cfg=cfg, pending=True
        ),
        settle,
        progress,
        cfg["lang"],
    )
    return Job(result, files, run_id)


def write_and_record(
    write: Callable[[Callable[[], object] | None], list[Path]],
    ledger: str | Path | None,
    record: Callable[[sqlite3.Connection], int],
    settle_run: Callable[[sqlite3.Connection, int], object],
    progress: Progress,
    lang: str,
) -> tuple[list[Path], int | None]:
    """``write`` the outputs (given what to do before the folder is renamed into place); with a
    ledger file, ``record`` the run (pending) once the folder is complete, before the rename, and
    ``settle_run`` it after — complete, or void when the rename did not happen (a run killed in
    between is settled by the next opening of the ledger)."""
    if ledger is None:
        return write(None), None
    conn = connect(Path(ledger))
    recorded: list[int] = []

    def before_rename() -> None:
        progress.plan(1)
        progress(t("progress.ledger", lang))
        recorded.append(record(conn))

    try:
        files = write(before_rename)
    finally:
        try:
            if recorded:
                settle_run(conn, recorded[0])
        finally:
            conn.close()
    return files, recorded[0]
