"""Write everything `verify` hands back into one folder, atomically.

One run folder holds ``results.csv`` and ``summary.json`` for the whole run, one folder per list
(``01_<list>/``: what goes back to that list's station or unit, titled with its own commune, list
date and deadline) and the police-only workbooks (``noi_bo_cong_an/01_<list>.xlsx``).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from vaxrecon.documents.atomic import staged_dir, unique_dir
from vaxrecon.documents.csv_safe import formula_safe
from vaxrecon.documents.documents import (
    CORRECTION_COLUMNS,
    NON_CITIZEN_COLUMNS,
    POLICE_COLUMNS,
    VERIFIED_COLUMNS,
    annotate,
    corrections_frame,
    non_citizens_frame,
    police_frame,
    verified_frame,
)
from vaxrecon.documents.excel import Confirmation, Letterhead, document_sheet, new_workbook
from vaxrecon.documents.results_parquet import write_results_parquet
from vaxrecon.documents.returned import write_returned
from vaxrecon.ingest.lists import ListRead
from vaxrecon.normalize.text import fold
from vaxrecon.progress import Progress, as_progress
from vaxrecon.result import VerifyResult
from vaxrecon.text import Count, dmy, long_date, t

STATION_DOCUMENTS = [
    ("verified.xlsx", "sheet.verified", "doc.title_verified", verified_frame, VERIFIED_COLUMNS),
    ("corrections.xlsx", "sheet.corrections", "doc.title_corrections", corrections_frame, CORRECTION_COLUMNS),
    (
        "non_citizens.xlsx",
        "sheet.non_citizens",
        "doc.title_non_citizens",
        non_citizens_frame,
        NON_CITIZEN_COLUMNS,
    ),
]


@dataclass
class ListPart:
    """One list of the run: what was read, its summary entry, its result rows and its folder name."""

    read: ListRead | None
    info: dict
    rows: pd.DataFrame
    folder: str


def default_out_dir(result: VerifyResult, now: dt.datetime) -> Path:
    first = Path(result.lists[0]["name"]).stem if result.lists else "vaxrecon"
    return unique_dir(Path(f"{first}_xac_minh_{now:%Y%m%d_%H%M%S}"))


def _slug(text: str) -> str:
    """A folder-safe name: marks removed (Đ as D), case kept, other characters as '_'."""
    plain = unicodedata.normalize("NFKD", text.replace("Đ", "D").replace("đ", "d"))
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", plain).strip("_.")[:60] or "ds"


def list_parts(result: VerifyResult, rows: pd.DataFrame | None = None) -> Iterator[ListPart]:
    """Each list's rows, by position: the pipeline keeps rows in list order, so two lists with the
    same file name (a/DS.xlsx, b/DS.xlsx) stay two lists. ``rows``: the result rows with more
    columns (annotated), in their order."""
    rows = result.results if rows is None else rows
    if result.reads:
        start = 0
        for i, (lr, info, part) in enumerate(
            zip(result.reads, result.lists, result.rows_by_list(), strict=True)
        ):
            mine = rows.iloc[start : start + len(part)]
            start += len(part)
            if not (mine["source"] == lr.path.name).all():
                raise RuntimeError(f"result rows of list {i + 1} are out of order")
            yield ListPart(lr, info, mine, f"{i + 1:02d}_{_slug(lr.path.stem)}")
        return
    for i, (name, part) in enumerate(rows.groupby("source", sort=False)):
        info = next((x for x in result.lists if x.get("name") == name), {"name": name})
        yield ListPart(None, info, part, f"{i + 1:02d}_{_slug(Path(str(name)).stem)}")


def _commune_kind(commune: str, lang: str) -> str:
    key = fold(commune)
    kind = (
        "doc.kind_ward"
        if key.startswith("phuong")
        else "doc.kind_town"
        if key.startswith("thi tran")
        else "doc.kind_commune"
    )
    return t(kind, lang)


def _bare_commune(commune: str) -> str:
    return re.sub(r"^(?:xã|phường|thị trấn)\s+", "", commune, flags=re.IGNORECASE).strip()


def letterhead(
    info: dict, run_date: dt.date | None, key: str, lang: str, docs: dict, rows: int, confirm: bool = True
) -> Letterhead:
    """Title block, total and confirmation block of one list's document."""
    unknown = t("doc.unknown", lang)
    commune = info.get("commune", "")
    issuer = t("doc.police_of", lang, commune=commune.upper()) if commune else t("doc.commune_police", lang)
    day = run_date or dt.date.today()
    place = docs.get("place") or _bare_commune(commune) or "…………"
    conf = Confirmation(
        place_date=t("doc.confirm_place_date", lang, place=place, date=long_date(day, lang)),
        title=t("doc.confirm_title", lang, kind=_commune_kind(commune, lang)),
        officer_title=docs.get("officer_title") or t("doc.officer_title", lang),
        sign_hint=t("doc.sign_hint", lang),
        officer=docs.get("officer", ""),
    )
    return Letterhead(
        issuer=issuer,
        country=t("doc.country", lang),
        motto=t("doc.motto", lang),
        title=t(key, lang),
        lines=[
            t("doc.list_of", lang, unit=info.get("unit") or commune or unknown),
            t(
                "doc.list_line",
                lang,
                list_date=dmy(info.get("list_date")) or unknown,
                deadline=dmy(info.get("deadline")) or unknown,
            ),
            t("doc.checked_line", lang, run_date=dmy(day), file=info.get("name", "")),
        ],
        total=t("doc.rows_total", lang, n=Count(rows)),
        footer=t("doc.footer", lang, n=Count(rows)),
        confirmation=conf if confirm else None,
    )


def _document(
    path: Path, sheet: str, head: Letterhead, frame: pd.DataFrame, columns: list[str], lang: str
) -> None:
    wb = new_workbook(path, rows=len(frame))
    document_sheet(wb, t(sheet, lang), head, columns, [t(f"col.{c}", lang) for c in columns], frame)
    wb.close()


def write_list_documents(
    part: ListPart, folder: Path, police_dir: Path, result: VerifyResult, cfg: dict, lang: str
) -> None:
    """One list's station documents, its returned copy, and its police-only workbook (``part.rows``
    annotated: see :func:`annotate`)."""
    docs = cfg.get("documents", {})
    ann = part.rows
    folder.mkdir()
    for name, sheet, title, build, columns in STATION_DOCUMENTS:
        frame = build(ann, lang)
        head = letterhead(part.info, result.today, title, lang, docs, len(frame))
        _document(folder / name, sheet, head, frame, columns, lang)
    if part.read is not None:
        write_returned(part.read, ann, ann["request"], folder, lang, cfg["read"]["limits"])
    police = police_frame(ann, lang)
    head = letterhead(part.info, result.today, "doc.title_police", lang, docs, len(police), confirm=False)
    head.warning = t("doc.police_warning", lang)
    _document(police_dir / f"{part.folder}.xlsx", "sheet.police", head, police, POLICE_COLUMNS, lang)


def write_outputs(
    result: VerifyResult,
    out_dir: Path,
    lang: str,
    progress: Progress | Callable[[str], None] | None = None,
    cfg: dict | None = None,
    before_rename: Callable[[], object] | None = None,
) -> list[Path]:
    """results.csv and summary.json for the run; per list, its folder of documents and its
    police-only workbook (``before_rename``: see :func:`staged_dir`). Returns the files and folders
    written at the top level."""
    from vaxrecon.config import load_config

    cfg = cfg if cfg is not None else load_config()
    note = as_progress(progress)
    note.plan(1 + len(result.lists))
    with staged_dir(out_dir, before_rename) as tmp:
        note(t("progress.results_csv", lang))
        formula_safe(result.results).to_csv(tmp / "results.csv", index=False, lineterminator="\n")
        write_results_parquet(result.results, tmp, cfg["engine"]["results_parquet_rows"])
        (tmp / "summary.json").write_text(
            json.dumps(result.summary(), ensure_ascii=False, indent=2, default=str) + "\n", "utf-8"
        )
        police_dir = tmp / t("dir.police", lang)
        police_dir.mkdir()
        annotated = annotate(result.results, lang, cfg["normalize"]["gender_codes"])  # once for all lists
        for part in list_parts(result, annotated):
            note(t("progress.returning", lang, name=part.info.get("name", part.folder)))
            write_list_documents(part, tmp / part.folder, police_dir, result, cfg, lang)
        names = sorted(p.name for p in tmp.iterdir())
    return [out_dir / n for n in names]
