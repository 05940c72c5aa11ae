"""Write everything `verify` hands back into one folder, atomically."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

from vaxrecon.documents.atomic import staged_dir, unique_dir
from vaxrecon.documents.csv_safe import formula_safe
from vaxrecon.documents.documents import (
    annotate,
    corrections_frame,
    non_citizens_frame,
    request_text,
    verified_frame,
)
from vaxrecon.documents.excel import new_workbook, table_sheet
from vaxrecon.documents.labels import t
from vaxrecon.documents.returned import write_returned
from vaxrecon.progress import Progress, as_progress
from vaxrecon.reasons import Status
from vaxrecon.result import VerifyResult


def default_out_dir(result: VerifyResult, now: dt.datetime) -> Path:
    first = Path(result.lists[0]["name"]).stem if result.lists else "vaxrecon"
    return unique_dir(Path(f"{first}_xac_minh_{now:%Y%m%d_%H%M%S}"))


def _title(result: VerifyResult, key: str, lang: str) -> list[str]:
    first = result.lists[0] if result.lists else {}
    unknown = t("unknown", lang)
    return [first.get("commune", "").upper() or "", t(key, lang), t("subtitle", lang),
            f"{t('commune', lang)}: {first.get('commune') or unknown} — "
            f"{t('list_date', lang)}: {_dmy(first.get('list_date')) or unknown} — "
            f"{t('deadline', lang)}: {_dmy(first.get('deadline')) or unknown} — "
            f"{t('run_date', lang)}: {_dmy(str(result.today))}"]


def _dmy(iso: str | None) -> str:
    if not iso:
        return ""
    return dt.date.fromisoformat(iso).strftime("%d/%m/%Y")


def _workbook(path: Path, sheet: str, title: list[str], frame, lang: str) -> None:
    wb = new_workbook(path)
    table_sheet(wb, sheet, title, [t(c, lang) for c in frame.columns], frame)
    wb.close()


def write_outputs(result: VerifyResult, out_dir: Path, lang: str,
                  progress: Progress | Callable[[str], None] | None = None) -> list[Path]:
    """results.csv, summary.json, verified/corrections/non_citizens.xlsx and each list returned."""
    note = as_progress(progress)
    note.plan(2 + len(result.reads))
    results = result.results
    with staged_dir(out_dir) as tmp:
        note("writing results.csv")
        formula_safe(results).to_csv(tmp / "results.csv", index=False, lineterminator="\n")
        (tmp / "summary.json").write_text(
            json.dumps(result.summary(), ensure_ascii=False, indent=2, default=str) + "\n", "utf-8")
        note("writing workbooks")
        _workbook(tmp / "verified.xlsx", "verified", _title(result, "title_verified", lang),
                  verified_frame(results, lang), lang)
        _workbook(tmp / "corrections.xlsx", "corrections", _title(result, "title_corrections", lang),
                  corrections_frame(results, lang), lang)
        _workbook(tmp / "non_citizens.xlsx", "non_citizens", _title(result, "title_non_citizens", lang),
                  non_citizens_frame(results, lang), lang)
        annotated = annotate(results, lang)
        proposed = request_text(annotated, lang).where(annotated["status"] != Status.VERIFIED, "")
        for lr in result.reads:
            note(f"returning {lr.path.name}")
            write_returned(lr, annotated, proposed, tmp, lang)
        names = sorted(p.name for p in tmp.iterdir())
    return [out_dir / n for n in names]
