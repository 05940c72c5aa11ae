"""The pipeline of `verify`: read lists and extract, normalise, match, decide; one outcome per row."""

from __future__ import annotations

import datetime as dt
import functools
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from vaxrecon.cache import Prepared, cache_key, load_cached, store
from vaxrecon.config import Config, load_config
from vaxrecon.engines.jobs import match_rows, worker_count
from vaxrecon.engines.location import Location, as_location, digest, shown
from vaxrecon.engines.partitioned import (
    LocalPool,
    PartitionedExtract,
    is_partitioned,
    mapper_for,
)
from vaxrecon.errors import InputError
from vaxrecon.ingest.frames import record_fields
from vaxrecon.ingest.lists import ListRead, read_list
from vaxrecon.ingest.metadata import list_warnings, supplied_metadata
from vaxrecon.ingest.population import (
    SUFFIXES,
    collapse_repeated_ids,
    extract_fields,
    normalize_population,
    read_population_raw,
)
from vaxrecon.ingest.workbook import LIST_SUFFIXES, check_file
from vaxrecon.matchers.cluster import flag_duplicates, list_labels
from vaxrecon.matchers.comparisons import matching_frame
from vaxrecon.matchers.decide import match_block
from vaxrecon.matchers.index import ExtractIndex
from vaxrecon.matchers.scoring import Model, build_model, train_on_rows
from vaxrecon.normalize.records import normalize_records
from vaxrecon.progress import Progress, as_progress
from vaxrecon.reasons import Reason, Status, join_reasons, merge_reasons
from vaxrecon.result import RESULT_COLUMNS, VerifyResult, list_fields, sha256
from vaxrecon.text import t as text

log = logging.getLogger(__name__)


def _list_info(lr: ListRead, cfg: dict) -> dict:
    meta = lr.metadata
    return {
        "file": str(lr.path),
        **list_fields(lr.path.name, sha256(lr.path), meta, cfg),
        "title": meta.get("title", ""),
        "sheets": [
            {"sheet": s.sheet, "records": len(s.records), "skipped": len(s.skipped), "problem": s.problem}
            for s in lr.sheets
        ],
    }


def _register(extract: pd.DataFrame) -> pd.DataFrame:
    """Registered details by personal ID."""
    reg = extract.set_index("person_id")[["name", "dob", "gender", "commune", "village"]]
    return reg[~reg.index.duplicated()]


def _registered(outcomes: pd.DataFrame, reg: pd.DataFrame) -> pd.DataFrame:
    got = reg.reindex(outcomes["person_id"].where(outcomes["person_id"] != "", "-")).reset_index(drop=True)
    return got.fillna("").add_prefix("registered_")


def _named_candidates(candidates: pd.Series, reg: pd.DataFrame) -> pd.Series:
    """'ID (p%)' entries become 'ID Name, birth date (p%)' so an officer can see who they are."""
    listed = candidates != ""
    if not listed.any():
        return candidates
    parts = candidates[listed].str.split("; ").explode().str.extract(r"^(?P<id>\S+) \((?P<p>[^)]*)\)$")
    who = reg.reindex(parts["id"])
    text = (
        parts["id"]
        + " "
        + who["name"].fillna("").to_numpy()
        + ", "
        + who["dob"].fillna("").to_numpy()
        + " ("
        + parts["p"]
        + ")"
    )
    return candidates.where(~listed, text.groupby(level=0).agg("; ".join))


def _ensure(df: pd.DataFrame, cols: list[str]) -> pd.DataFrame:
    for c in cols:
        if c not in df.columns:
            df[c] = ""
    return df


@dataclass
class Extract:
    """A population extract read, normalised and modelled once (reusable across runs)."""

    frame: pd.DataFrame
    matching: pd.DataFrame
    model: Model
    info: dict
    province: str
    seconds: float
    cached: bool = False
    partitions: PartitionedExtract | None = None  # a large Parquet extract, read a partition at a time
    indexes: dict[int, ExtractIndex] = field(default_factory=dict, repr=False)

    @functools.cached_property
    def register(self) -> pd.DataFrame:
        """Registered details by personal ID (built once, for every run against this extract)."""
        return _register(self.frame)

    def index(self, cfg: Config) -> ExtractIndex:
        """The matching frame's lookup index for ``cfg``'s block size (built once)."""
        size = cfg["match"]["max_block_size"]
        if size not in self.indexes:
            self.indexes[size] = ExtractIndex.of(self.matching, size)
        return self.indexes[size]

    def warm(self, cfg: Config) -> None:
        """Build the register and the index now, so that workers forked later share them (a
        partitioned extract has neither: its workers read the spilled partitions)."""
        if self.partitions is None:
            self.register  # noqa: B018
            self.index(cfg)


def prepare_extract(raw: pd.DataFrame, cfg: Config, today: dt.date, info: dict) -> Extract:
    """Normalise an extract's field columns and estimate the matching model on it."""
    t = time.perf_counter()
    return _prepared(normalize_population(raw, cfg, today), cfg, info, t)


def _prepared(frame: pd.DataFrame, cfg: Config, info: dict, t: float) -> Extract:
    """The matching frame and model of a normalised extract (``t``: when its preparation began)."""
    frame, repeated = collapse_repeated_ids(frame)
    frame = _ensure(frame, ["commune_code", "commune", "village", "cmnd"])
    province = frame["province"].mode().iloc[0] if "province" in frame and len(frame) else ""
    matching = matching_frame(frame)
    info = {**info, "rows": len(frame), "repeated_ids": repeated}
    return Extract(frame, matching, build_model(matching, cfg), info, province, time.perf_counter() - t)


def load_extract(path: str | Path | None, cfg: Config, today: dt.date) -> Extract:
    """Read and normalise the extract (or the configured one), estimate the matching model. The
    prepared extract (normalised, its matching frame and model) is cached (see
    :mod:`vaxrecon.cache`)."""
    path = as_location(path or cfg["population"]) if path or cfg["population"] else None
    if path is None:
        raise InputError(key="err.no_population")
    if is_partitioned(path, cfg):
        return _partitioned(path, cfg, today)
    t = time.perf_counter()
    check_file(Path(path), SUFFIXES)  # before hashing it: a missing extract is the user's error
    sha = sha256(Path(path))
    info: dict = {"file": str(path), "sha256": sha}
    key = cache_key(sha, cfg, today)
    hit = load_cached(key, cfg, Model)
    if hit is not None:
        meta = hit.meta
        info = {**info, "rows": len(hit.frame), "repeated_ids": meta["repeated_ids"]}
        extract = Extract(hit.frame, hit.matching, hit.model, info, meta["province"], 0.0, cached=True)
        if hit.arrays:
            size, (blocks, codes) = cfg["match"]["max_block_size"], ExtractIndex.parts(hit.arrays)
            extract.indexes[size] = ExtractIndex.of(hit.matching, size, blocks, codes)
    else:
        # normalised before the rest is prepared, so that the raw columns are freed first
        extract = _prepared(normalize_population(read_population_raw(path, cfg), cfg, today), cfg, info, t)
        meta = {"province": extract.province, "repeated_ids": extract.info["repeated_ids"]}
        arrays = extract.index(cfg).arrays()
        store(key, Prepared(extract.frame, extract.matching, extract.model, meta, arrays), cfg)
    extract.seconds = time.perf_counter() - t
    log.info(
        "extract %s: %d people in %.2f s%s",
        Path(path).name,
        len(extract.frame),
        extract.seconds,
        " (prepared copy from the cache)" if extract.cached else "",
    )
    return extract


def _partitioned(path: Location, cfg: Config, today: dt.date) -> Extract:
    """A Parquet extract read a partition at a time (on the configured engine)."""
    t = time.perf_counter()
    parts = PartitionedExtract.prepare(path, cfg, today, mapper_for(cfg))
    info = {"file": shown(path), "sha256": digest(path), "rows": parts.rows}
    info["repeated_ids"] = parts.repeated
    empty = pd.DataFrame()
    return Extract(empty, empty, parts.model, info, parts.province, time.perf_counter() - t, partitions=parts)


@dataclass(frozen=True)
class _ReadList:
    """One list file read (:func:`~vaxrecon.ingest.lists.read_list`), in whichever process."""

    cfg: dict
    sheet: str | None
    overrides: dict[str, str] | None
    province: str

    def __call__(self, path: str | Path) -> ListRead:
        return read_list(path, self.cfg, self.sheet, self.overrides, province=self.province)


def read_files(
    read: Callable[[str | Path], ListRead], paths: Sequence[str | Path], cfg: Config, note: Progress
) -> list[ListRead]:
    """Each file read by ``read``, in file order: in ``match.jobs`` processes of this machine
    when there are several files (where the files are, whichever engine matches), each file's
    name told to ``note`` as it is read (in one process) or as the reads come back."""
    pool = LocalPool(worker_count(int(cfg["match"]["jobs"])))
    ready = iter(pool(read, list(paths))) if pool.workers > 1 and len(paths) > 1 else None
    out = []
    for path in paths:
        note(text("progress.reading", cfg["lang"], name=Path(path).name))
        out.append(next(ready) if ready else read(path))
    return out


def _read_lists(
    lists: Sequence[str | Path],
    cfg: Config,
    province: str,
    sheet: str | None,
    overrides: dict[str, str] | None,
    list_date: dt.date | None,
    commune: str | None,
    note: Progress,
) -> tuple[list[ListRead], pd.DataFrame]:
    frames = []
    reads = read_files(_ReadList(cfg, sheet, overrides, province), lists, cfg, note)
    for lr in reads:
        lr.supplied = supplied_metadata(lr.metadata, lr.path.stem, list_date, commune, province)
        rec = lr.records
        if rec.empty:
            continue
        code = lr.metadata.get("commune_code", "")
        column = rec["commune_code"] if "commune_code" in rec.columns else pd.Series(None, index=rec.index)
        rec["commune_code"] = column.where(column.notna() & (column.astype(str) != ""), code)
        frames.append(rec)
    raw = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=["source", "sheet", "row"])
    sizes = [len(lr.records) for lr in reads]
    raw["list_ref"] = pd.Series(list_labels([lr.path for lr in reads]), dtype=object).repeat(sizes).to_numpy()
    return reads, raw


def settings(cfg: Config | str | Path | None, today: dt.date | None) -> tuple[Config, dt.date]:
    """The configuration (given, a file, or the defaults) and the run date (default: today)."""
    config = cfg if isinstance(cfg, Config) else load_config(cfg)
    return config, today or dt.date.today()


def extract_for(
    population: str | Path | Extract | pd.DataFrame | None,
    cfg: Config,
    today: dt.date,
    note: Progress,
    timings: dict[str, float],
) -> Extract:
    """The extract a run uses: given loaded, a DataFrame, a file, or the configured one."""
    if isinstance(population, Extract):
        return population
    note(text("progress.population", cfg["lang"]))
    if isinstance(population, pd.DataFrame):
        raw = extract_fields(population, cfg)
        extract = prepare_extract(raw, cfg, today, {"file": "", "sha256": ""})
    else:
        extract = load_extract(population, cfg, today)
    timings["read_population"] = extract.seconds
    return extract


def verify(
    lists: Sequence[str | Path],
    population: str | Path | Extract | pd.DataFrame | None = None,
    cfg: Config | str | Path | None = None,
    today: dt.date | None = None,
    *,
    sheet: str | None = None,
    overrides: dict[str, str] | None = None,
    train: bool = False,
    list_date: dt.date | None = None,
    commune: str | None = None,
    progress: Progress | Callable[[str], None] | None = None,
    keep_scored: bool = False,
) -> VerifyResult:
    """Verify registration lists against a population extract (the whole path, no writing).

    ``population`` is a path (or None for the configured one), a DataFrame, or an
    :class:`Extract` loaded once for many runs. ``cfg`` is a :class:`Config`, a YAML file or None
    (the defaults); ``today`` defaults to the current date. ``list_date`` and ``commune`` supply
    metadata a list does not state (else the file name may). ``keep_scored`` keeps every
    candidate pair with its levels and weights (``VerifyResult.scored``; ``li`` is the result
    row), as `explain` shows them (matched in this process).
    """
    cfg, today = settings(cfg, today)
    note = as_progress(progress)
    if not lists:
        raise InputError(key="err.no_lists")
    for path in lists:  # before the extract is read: a wrong list is said at once
        check_file(Path(path), LIST_SUFFIXES, cfg["read"]["limits"]["max_file_mb"])
    note.plan(len(lists) + (0 if isinstance(population, Extract) else 1) + 2)
    timings: dict[str, float] = {}
    extract = extract_for(population, cfg, today, note, timings)
    t = time.perf_counter()
    reads, raw = _read_lists(lists, cfg, extract.province, sheet, overrides, list_date, commune, note)
    timings["read_lists"] = time.perf_counter() - t
    results, scored = _link(raw, extract, cfg, today, train, note, timings, keep_scored)
    log.info(
        "verified %d rows from %d lists: %s",
        len(results),
        len(reads),
        results["status"].value_counts().to_dict(),
    )
    return VerifyResult(
        results=results,
        lists=_list_infos(reads, results, cfg, list_date, commune),
        population=extract.info,
        timings=timings,
        config_hash=cfg.digest(),
        today=today,
        reads=reads,
        scored=scored,
    )


def _list_infos(
    reads: list[ListRead], results: pd.DataFrame, cfg: Config, list_date: dt.date | None, commune: str | None
) -> list[dict]:
    """Each list's summary entry with what was assumed about it (rows are in list order)."""
    infos, start = [], 0
    for lr in reads:
        info, end = _list_info(lr, cfg), start + len(lr.records)
        info["warnings"] = list_warnings(
            lr,
            results.iloc[start:end],
            list_date,
            commune,
            cfg["lang"],
            cfg["warnings"]["outside_commune_share"],
        )
        infos.append(info)
        start = end
    return infos


def verify_frames(
    records: pd.DataFrame,
    population: str | Path | Extract | pd.DataFrame | None = None,
    cfg: Config | str | Path | None = None,
    today: dt.date | None = None,
    *,
    commune: str | None = None,
    train: bool = False,
    progress: Progress | Callable[[str], None] | None = None,
) -> VerifyResult:
    """Verify registration rows already in pandas (columns named as list fields or list headers).

    Each row keeps its provenance when the frame has ``source``/``sheet``/``row`` columns; else
    ``source`` is "frame" and ``row`` counts from 1.
    """
    cfg, today = settings(cfg, today)
    note = as_progress(progress)
    note.plan((0 if isinstance(population, Extract) else 1) + 2)
    timings: dict[str, float] = {}
    extract = extract_for(population, cfg, today, note, timings)
    raw = record_fields(records, cfg)
    if commune:
        code = supplied_metadata({}, "", commune=commune, province=extract.province)["commune_code"]
        given = raw["commune_code"].fillna("").astype(str) if "commune_code" in raw else ""
        raw["commune_code"] = pd.Series(given, index=raw.index).where(lambda c: c != "", code)
    results, _ = _link(raw, extract, cfg, today, train, note, timings)
    return VerifyResult(
        results=results,
        lists=[],
        population=extract.info,
        timings=timings,
        config_hash=cfg.digest(),
        today=today,
    )


def _link(
    raw: pd.DataFrame,
    extract: Extract,
    cfg: Config,
    today: dt.date,
    train: bool,
    note: Progress,
    timings: dict[str, float],
    keep_scored: bool = False,
) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """Normalise the rows, match them, decide and flag duplicates: the results frame (and, with
    ``keep_scored``, the scored candidate pairs, matched in this process)."""
    t = time.perf_counter()
    note(text("progress.normalising", cfg["lang"]))
    rows = _ensure(normalize_records(raw, cfg, today), ["commune_code", "phone", "village", "dose"])
    rows["commune_code"] = rows["commune_code"].fillna("").astype(str).str.replace(r"\.0$", "", regex=True)
    timings["normalise"] = time.perf_counter() - t

    t = time.perf_counter()
    note(text("progress.matching", cfg["lang"]))
    model = extract.model
    parts, frame = extract.partitions, extract.frame
    index = extract.index(cfg) if parts is None else None
    if train and len(rows):
        model = (
            parts.train(rows, model, cfg)
            if parts
            else train_on_rows(rows, extract.matching, model, cfg, index)
        )
    scored = None
    if parts is not None:
        block, frame = parts.match(rows, model, cfg, keep_scored)
        outcomes, scored = block.outcomes, block.scored if keep_scored else None
    elif keep_scored:
        block = match_block(rows, extract.matching, model, cfg, index)
        outcomes, scored = block.outcomes, block.scored
    else:
        outcomes = match_rows(rows, extract.matching, model, cfg, index)
    timings["match"] = time.perf_counter() - t

    duplicate_of = flag_duplicates(rows, outcomes, raw.get("list_ref"))
    linked = pd.Index(outcomes.loc[outcomes["person_id"] != "", "person_id"].unique())
    shared = (outcomes["status"] == Status.REVIEW) & (linked.get_indexer(outcomes["best_person_id"]) >= 0)
    extra = join_reasons(
        {Reason.DUPLICATE_REGISTRATION: duplicate_of != "", Reason.CANDIDATE_SHARED: shared}, rows.index
    )
    reg = extract.register if parts is None else _register(frame)  # partitioned: the candidates read
    outcomes["candidates"] = _named_candidates(outcomes["candidates"], reg)
    results = pd.concat(
        [rows.reset_index(drop=True), outcomes.drop(columns=["best_person_id"]), _registered(outcomes, reg)],
        axis=1,
    )
    results["reasons"] = merge_reasons(rows["norm_reasons"], outcomes["match_reasons"], extra)
    results["duplicate_of"] = duplicate_of.to_numpy()
    results["row"] = results["row"].astype(int)
    return _ensure(results, RESULT_COLUMNS)[RESULT_COLUMNS], scored
