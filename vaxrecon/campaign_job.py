"""`clean` as a job: clean dose records, write the outputs, record the campaign's run in the
ledger (kept apart from :mod:`vaxrecon.workflow` so that `verify` does not load the campaign)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from vaxrecon.campaign.clean import CleanResult, clean
from vaxrecon.config import Config
from vaxrecon.documents.campaign_xlsx import default_clean_dir, write_clean_outputs
from vaxrecon.ledger.campaign import record_clean
from vaxrecon.ledger.recovery import settle_clean
from vaxrecon.pipeline import Extract, settings
from vaxrecon.progress import Progress, as_progress
from vaxrecon.workflow import write_and_record


@dataclass
class CleanJob:
    """What one `clean` job produced."""

    result: CleanResult
    files: list[Path]
    run_id: int | None


def run_clean(
    doses: Sequence[str | Path],
    population: str | Path | Extract | None = None,
    cfg: Config | str | Path | None = None,
    today: dt.date | None = None,
    *,
    out_dir: str | Path | None = None,
    ledger: str | Path | None = None,
    export_date: dt.date | None = None,
    sheet: str | None = None,
    overrides: dict[str, str] | None = None,
    progress: Progress | Callable[[str], None] | None = None,
) -> CleanJob:
    """Clean dose records and write the outputs (all or nothing); with a ledger file, the run is
    recorded (pending) once the folder is complete, before it is renamed into place, and completed
    after, as for :func:`run_job`."""
    cfg, today = settings(cfg, today)
    progress = as_progress(progress)
    result = clean(
        doses,
        population,
        cfg,
        today,
        sheet=sheet,
        overrides=overrides,
        export_date=export_date,
        progress=progress,
    )
    default = cfg["out_dir"] or default_clean_dir(result, dt.datetime.now())
    target = Path(out_dir) if out_dir else Path(default)
    write = {"lang": cfg["lang"], "progress": progress, "jobs": cfg["match"]["jobs"], "cfg": cfg}
    files, run_id = write_and_record(
        lambda before_rename: write_clean_outputs(result, target, before_rename=before_rename, **write),
        ledger,
        lambda conn: record_clean(
            conn, result.results, result.summary(), str(target.absolute()), pending=True
        ),
        settle_clean,
        progress,
        cfg["lang"],
    )
    return CleanJob(result, files, run_id)
