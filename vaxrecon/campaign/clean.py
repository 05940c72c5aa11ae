"""`clean`: dose records → identity (verify's engine) → one timeline per person → dose checks →
a verdict per person, on each of its rows. Reads files, writes nothing."""

from __future__ import annotations

import datetime as dt
import logging
import multiprocessing as mp
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

import numpy as np
import pandas as pd

from vaxrecon import __version__
from vaxrecon.campaign.checks import check_doses
from vaxrecon.campaign.issues import Category, DoseIssue, Verdict
from vaxrecon.campaign.timeline import assign_groups
from vaxrecon.campaign.vaccines import Rules, load_rules
from vaxrecon.config import Config
from vaxrecon.engines.jobs import worker_count
from vaxrecon.errors import InputError
from vaxrecon.ingest.doses import read_doses
from vaxrecon.normalize.dates import parse_dates
from vaxrecon.normalize.ids import cell_text
from vaxrecon.normalize.records import normalize_phones
from vaxrecon.normalize.text import by_distinct, fold_series
from vaxrecon.pipeline import Extract, extract_for, settings, verify_frames
from vaxrecon.progress import Progress, as_progress
from vaxrecon.reasons import Reason, Status, merge_reasons
from vaxrecon.result import list_fields, sha256
from vaxrecon.text import Count
from vaxrecon.text import t as text

log = logging.getLogger(__name__)

CLEAN_COLUMNS = [
    "source",
    "sheet",
    "row",
    "status",
    "person_id",
    "match_probability",
    "reasons",
    "dose_issues",
    "verdict",
    "group",
    "listed_name",
    "listed_dob",
    "listed_gender",
    "listed_id",
    "registered_name",
    "registered_dob",
    "registered_gender",
    "registered_commune",
    "registered_village",
    "vaccine",
    "dose_number",
    "dose_date",
    # after the contract: where the dose sits in the file and what it said
    "slot",
    "listed_vaccine",
    "listed_dose",
    "listed_date",
    "lot",
    "site",
    "commune",
    "phone",
    "category",
    "candidates",
    "name",
    "dob",
    "gender",
    "id_kind",
]
# Match-relevant fields: rows identical in these get one identity decision.
_IDENTITY = ["name", "dob", "gender", "id_number", "old_id", "passport", "nationality", "qr", "commune_code"]
# Verify's run-level flags that mean nothing across a person's doses.
_RUN_FLAGS = [Reason.DUPLICATE_REGISTRATION, Reason.CANDIDATE_SHARED]
_FAR = dt.date(2199, 12, 31)


@dataclass
class CleanResult:
    """One result row per dose row read (input order), plus what was read and when."""

    results: pd.DataFrame
    files: list[dict] = field(default_factory=list)
    population: dict = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    config_hash: str = ""
    today: dt.date | None = None
    export_date: dt.date | None = None
    rules: str = ""

    def counts(self) -> dict[str, dict[str, int]]:
        r = self.results
        people = r.drop_duplicates("group")
        return {
            "status": _tally(r["status"], Status),
            "verdict_rows": _tally(r["verdict"], Verdict),
            "verdict_people": _tally(people["verdict"], Verdict),
            "dose_issues": _tally_codes(r["dose_issues"]),
            "category": _tally(r["category"], Category),
        }

    def summary(self) -> dict:
        """The JSON-able summary (summary.json, and what --json prints)."""
        return {
            "tool": "vaxrecon",
            "command": "clean",
            "version": __version__,
            "run_date": str(self.today),
            "export_date": str(self.export_date),
            "config_hash": self.config_hash,
            "vaccine_rules": self.rules,
            "rows": len(self.results),
            "people": int(self.results["group"].nunique()),
            "counts": self.counts(),
            "files": self.files,
            "population": self.population,
            "timings_s": {k: round(v, 3) for k, v in self.timings.items()},
        }


def _tally(values: pd.Series, kinds: type[StrEnum]) -> dict[str, int]:
    """Rows per value of ``kinds`` (0 for those absent)."""
    counts = values.value_counts()
    return {k.value: int(counts.get(k.value, 0)) for k in kinds}


def _tally_codes(codes: pd.Series) -> dict[str, int]:
    """Rows per :class:`DoseIssue` among ';'-separated code strings (each distinct string split
    once; a code appears at most once in a row's string)."""
    totals: dict[str, int] = {}
    for joined, n in codes.value_counts().items():
        for code in filter(None, str(joined).split(";")):
            totals[code] = totals.get(code, 0) + int(n)
    return {i.value: totals.get(i.value, 0) for i in DoseIssue}


# Set in the parent just before the pool forks; read by the workers (shared copy-on-write).
_SHARED: dict = {}


def _verify_span(span: tuple[int, int]) -> pd.DataFrame:
    """verify's results for one span of distinct identities, without the run-level flags (a
    person's doses are not duplicate registrations)."""
    rows, extract, cfg, today = (_SHARED[k] for k in ("rows", "extract", "cfg", "today"))
    results = verify_frames(rows.iloc[span[0] : span[1]], extract, cfg, today).results
    flags = "|".join(r.value for r in _RUN_FLAGS)
    results["reasons"] = (
        results["reasons"].str.replace(rf"(?:^|;)(?:{flags})(?=;|$)", "", regex=True).str.lstrip(";")
    )
    return results


def _identities(
    doses: pd.DataFrame, extract: Extract, cfg: Config, today: dt.date, chunk: int, note: Progress
) -> pd.DataFrame:
    """verify's results for each distinct identity (match-relevant fields), spread back to every
    dose row (positional). Spans of ``chunk`` identities (bounding memory) are verified in
    ``match.jobs`` worker processes, each matching in-process; a row's result depends on that row
    and the extract alone, so the results are the same however the spans fall."""
    cols = [c for c in _IDENTITY if c in doses.columns]
    key = doses.groupby(cols, sort=False, dropna=False).ngroup().to_numpy()
    first = pd.Series(np.arange(len(doses))).groupby(key).first().to_numpy()
    unique = doses.iloc[first][["source", "sheet", "row", *cols]].reset_index(drop=True)
    spans = [(s, min(s + chunk, len(unique))) for s in range(0, len(unique), chunk)]
    workers = min(worker_count(cfg["match"]["jobs"]), len(spans))
    if workers > 1 and "fork" in mp.get_all_start_methods():
        size = -(-chunk // (2 * workers))  # each worker holds what one matching worker would
        spans = [(s, min(s + size, len(unique))) for s in range(0, len(unique), size)]
        one = Config({**cfg, "match": {**cfg["match"], "jobs": 1}})
        extract.warm(cfg)  # before the fork, so that the workers share what it builds
        _SHARED.update(rows=unique, extract=extract, cfg=one, today=today)
        try:
            with ProcessPoolExecutor(workers, mp_context=mp.get_context("fork")) as pool:
                parts = _noted(pool.map(_verify_span, spans), spans, len(unique), cfg, note)
        finally:
            _SHARED.clear()
    else:
        _SHARED.update(rows=unique, extract=extract, cfg=cfg, today=today)
        try:
            parts = _noted(map(_verify_span, spans), spans, len(unique), cfg, note)
        finally:
            _SHARED.clear()
    return pd.concat(parts, ignore_index=True).iloc[key].reset_index(drop=True)


def _noted(
    parts: Iterator[pd.DataFrame], spans: list[tuple[int, int]], total: int, cfg: Config, note: Progress
) -> list[pd.DataFrame]:
    """The spans' results in order, telling ``note`` as each is done (about 20 steps)."""
    every = max(len(spans) // 20, 1)
    note.plan(-(-len(spans) // every) - 1)  # one step was planned for matching
    out = []
    for i, (part, (_, stop)) in enumerate(zip(parts, spans, strict=True)):
        out.append(part)
        if i % every == every - 1 or i == len(spans) - 1:
            note(
                text("clean.progress.identities", cfg["lang"], first=1, last=Count(stop), total=Count(total))
            )
    return out


def _dates(text: pd.Series, today: dt.date) -> tuple[pd.Series, np.ndarray]:
    """Vaccination dates (day precision only, else NaT) and whether one was written."""
    parsed = parse_dates(text.astype(object), today=_FAR, min_year=1900)  # future dates are read
    day = parsed["dob_precision"] == "day"
    stamp = pd.to_datetime(
        pd.DataFrame(
            {
                "year": parsed["dob_y"].where(day, 2000),
                "month": parsed["dob_m"].where(day, 1),
                "day": parsed["dob_d"].where(day, 1),
            }
        )
    )
    given = text.fillna("").astype(str).str.strip().to_numpy() != ""
    return stamp.where(day), given


def _dose_numbers(text: pd.Series) -> pd.Series:
    """The stated dose number (1-2 digits), 0 when none or unreadable."""
    number = pd.to_numeric(text.str.extract(r"^\s*(\d{1,2})\s*$")[0], errors="coerce")
    return number.fillna(0).astype(int)


def _birth(results: pd.DataFrame) -> pd.Series:
    """Birth date for the before-birth check: the registered one, else the listed one; a year
    alone counts as 1 January (a dose before that year is surely before birth)."""
    shown = results["registered_dob"].where(results["registered_dob"] != "", results["dob"])
    return by_distinct(_birth_dates, shown)


def _birth_dates(shown: pd.Series) -> pd.Series:
    full = pd.to_datetime(shown, format="%d/%m/%Y", errors="coerce")
    year = pd.to_datetime(shown.where(shown.str.fullmatch(r"\d{4}"), None), format="%Y", errors="coerce")
    return full.fillna(year)


def _verdicts(
    status: pd.Series, person_id: pd.Series, issues: pd.Series, conflict: np.ndarray, group: np.ndarray
) -> np.ndarray:
    """One verdict per group, on each of its rows."""
    g = pd.Series(group)
    linked = g.map(pd.Series((person_id != "").to_numpy()).groupby(group).any())
    foreign = g.map(pd.Series((status == Status.NON_CITIZEN).to_numpy()).groupby(group).any())
    trouble = (issues != "").to_numpy() | conflict | (status != Status.VERIFIED).to_numpy()
    fix = g.map(pd.Series(trouble).groupby(group).any())
    return np.select(
        [linked & ~fix, linked, foreign],
        [Verdict.CONFIRMED, Verdict.REVERIFY, Verdict.NON_CITIZEN],
        Verdict.IDENTITY_UNVERIFIED,
    ).astype(object)


def _categories(results: pd.DataFrame) -> np.ndarray:
    """The Ministry's categories: correct / wrong / not yet verified / no CCCD or wrong format."""
    status = results["status"].to_numpy()
    no_id = results["id_kind"].isin(["missing", "malformed", "unusable"]).to_numpy()
    return np.select(
        [
            status == Status.NON_CITIZEN,
            status == Status.VERIFIED,
            no_id,
            np.isin(status, [Status.NEEDS_CORRECTION, Status.NOT_FOUND]),
        ],
        [Category.NOT_VERIFIED, Category.CORRECT, Category.NO_ID, Category.WRONG],
        Category.NOT_VERIFIED,
    ).astype(object)


def clean_frames(
    doses: pd.DataFrame,
    extract: Extract,
    cfg: Config,
    today: dt.date,
    rules: Rules,
    export: dt.date,
    note: Progress,
    timings: dict[str, float] | None = None,
) -> pd.DataFrame:
    """The results frame for dose rows already read (``read_doses`` columns), in their order;
    seconds per stage (match, timelines, checks) go into ``timings``. The extract is let go once
    the identities are found (freed when the caller holds it no more: a million-person extract
    is most of the memory of the later stages)."""
    timings = {} if timings is None else timings
    t = time.perf_counter()
    ident = _identities(doses, extract, cfg, today, cfg["campaign"]["match_chunk"], note)
    del extract
    timings["match"] = time.perf_counter() - t
    t = time.perf_counter()
    note(text("clean.progress.timelines", cfg["lang"]))
    phone = (
        normalize_phones(doses["phone"].fillna("").astype(str))
        if "phone" in doses.columns
        else pd.Series("", index=doses.index)
    )
    frame = pd.DataFrame(
        {
            "person_id": ident["person_id"],
            "name_fold": fold_series(ident["name"]),
            "dob": ident["dob"],
            "phone": phone.array,
            "id_value": ident["id_value"],
        }
    )
    group, conflict = assign_groups(frame)
    timings["timelines"] = time.perf_counter() - t
    t = time.perf_counter()
    note(text("clean.progress.checks", cfg["lang"]))
    date, given = _dates(doses["dose_date"], today)
    number = by_distinct(_dose_numbers, doses["dose"].fillna("").astype(str))
    vaccine = rules.canonical(doses["dose_vaccine"])
    issues = check_doses(
        pd.DataFrame(
            {
                "group": group,
                "vaccine": vaccine.to_numpy(),
                "vaccine_written": doses["dose_vaccine"].array,
                "date": date.to_numpy(),
                "date_given": given,
                "dose_number": number.to_numpy(),
                "birth": _birth(ident).to_numpy(),
            }
        ),
        rules,
        export,
    )
    reasons = ident["reasons"].copy()
    if conflict.any():  # few rows: merge there only, in enumeration order
        hit = reasons[conflict]
        code = pd.Series(Reason.LINKED_TO_OTHER_PERSON.value, index=hit.index)
        reasons[conflict] = merge_reasons(hit, code)
    commune = ident["registered_commune"].where(
        ident["registered_commune"] != "",
        doses["commune"].fillna("").astype(str) if "commune" in doses.columns else "",
    )
    out = ident.assign(
        reasons=reasons,
        dose_issues=issues.to_numpy(),
        verdict=_verdicts(ident["status"], ident["person_id"], issues, conflict, group),
        group=_group_labels(group),
        vaccine=vaccine.to_numpy(),
        dose_number=np.where(number > 0, number.astype(str), ""),
        dose_date=by_distinct(lambda d: d.dt.strftime("%d/%m/%Y").fillna(""), date).array,
        slot=doses["slot"].to_numpy(),
        listed_vaccine=_text(doses, "dose_vaccine"),
        listed_dose=_text(doses, "dose"),
        listed_date=_text(doses, "dose_date"),
        lot=_text(doses, "dose_lot"),
        site=_text(doses, "dose_site"),
        commune=commune.array,
        phone=phone.array,
        source=doses["source"].array,
        sheet=doses["sheet"].array,
        row=doses["row"].astype(int).to_numpy(),
    )
    out["category"] = _categories(out)
    timings["checks"] = time.perf_counter() - t
    return out[CLEAN_COLUMNS]


def _group_labels(group: np.ndarray) -> pd.api.extensions.ExtensionArray:
    """'N0000001'… per group number (at least seven digits)."""
    return ("N" + pd.Series(group).astype(str).str.zfill(7)).array


def _text(frame: pd.DataFrame, col: str) -> np.ndarray | pd.api.extensions.ExtensionArray:
    """A raw column as the text people typed (date cells as dd/mm/yyyy), each distinct value once."""
    if col not in frame.columns:
        return np.full(len(frame), "", dtype=object)
    return by_distinct(_cell_texts, frame[col]).array


def _cell_texts(cells: pd.Series) -> pd.Series:
    values = cells.astype(object)
    if cells.dtype == object:  # cells of any type (a string column holds no dates)
        is_date = values.map(type).isin([dt.date, dt.datetime, pd.Timestamp])
        if is_date.any():
            values = values.where(~is_date, pd.to_datetime(values[is_date]).dt.strftime("%d/%m/%Y"))
    return cell_text(values)


def clean(
    doses: Sequence[str | Path],
    population: str | Path | Extract | pd.DataFrame | None = None,
    cfg: Config | str | Path | None = None,
    today: dt.date | None = None,
    *,
    sheet: str | None = None,
    overrides: dict[str, str] | None = None,
    export_date: dt.date | None = None,
    progress: Progress | Callable[[str], None] | None = None,
) -> CleanResult:
    """Clean vaccination dose records against a population extract (the whole path, no writing).

    ``export_date`` is the date the records were exported (a later dose date is an error); it
    defaults to ``campaign.export_date`` in the configuration, else ``today``.
    """
    cfg, today = settings(cfg, today)
    note = as_progress(progress)
    if not doses:
        raise InputError(key="err.clean_no_doses")
    rules = load_rules(cfg["campaign"]["vaccines"] or None)
    export = export_date or (
        dt.date.fromisoformat(cfg["campaign"]["export_date"]) if cfg["campaign"]["export_date"] else today
    )
    note.plan((0 if isinstance(population, Extract) else 1) + len(doses) + 3)
    timings: dict[str, float] = {}
    extract = extract_for(population, cfg, today, note, timings)
    t = time.perf_counter()
    read = read_doses(list(doses), cfg, sheet, overrides, province=extract.province, note=note)
    timings["read_doses"] = time.perf_counter() - t
    if read.doses.empty:
        raise InputError(key="err.clean_empty")
    info, held = extract.info, [extract]
    del extract  # clean_frames lets it go after matching
    results = clean_frames(read.doses, held.pop(), cfg, today, rules, export, note, timings)
    files = [
        {
            "file": str(lr.path),
            **list_fields(lr.path.name, sha256(lr.path), lr.metadata, cfg),
            "rows": int((results["source"] == lr.path.name).sum()),
        }
        for lr in read.reads
    ]
    log.info("cleaned %d dose rows from %d files", len(results), len(read.reads))
    return CleanResult(
        results=results,
        files=files,
        population=info,
        timings=timings,
        config_hash=cfg.digest(),
        today=today,
        export_date=export,
        rules=rules.source,
    )
