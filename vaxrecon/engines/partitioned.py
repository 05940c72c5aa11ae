"""A Parquet extract matched a partition at a time, never wholly in memory; results identical to
matching the whole extract at once.

- Pass 1 (:meth:`PartitionedExtract.prepare`): each partition (a file of a folder dataset, or a
  run of row groups of one file) is read, normalised and spilled as its matching columns to a
  folder; only a hash of each row's personal ID stays in memory. The few rows that share an ID
  are read back and collapsed or marked exactly as
  :func:`~vaxrecon.ingest.population.collapse_repeated_ids` does on a whole extract.
- Pass 2: the model from counts summed over partitions
  (:class:`~vaxrecon.matchers.scoring.ExtractCounts`) and the rows of the same u sample.
- Per run (:meth:`PartitionedExtract.match`): each partition is joined with the list's blocking
  keys, rule by rule; the union over partitions is every extract row of the keys the list uses,
  so the oversized-block rule counts a key over the whole extract. The pairs are those of the
  whole extract; only the rows in a pair or holding an ID the list gives are read back, then the
  same stages weigh and decide (:func:`~vaxrecon.matchers.decide.decide`).

Each partition step is a pure function of its partition and small inputs, run by a
:data:`Mapper`: in order in this process, or on a Dask cluster (:mod:`vaxrecon.engines.dask`).
Memory: one partition, plus one hash per extract row, plus the rows of the candidate keys.
"""

from __future__ import annotations

import datetime as dt
import gc
import multiprocessing as mp
import shutil
import tempfile
import uuid
import weakref
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from vaxrecon.engines.jobs import worker_count
from vaxrecon.engines.location import Location, as_location, base_name, is_url, open_parquet, parquet_files
from vaxrecon.errors import ConfigError, InputError
from vaxrecon.ingest.population import (
    collapse_repeated_ids,
    extract_fields,
    normalize_population,
    read_population_raw,
)
from vaxrecon.matchers.blocking import RULES, block_keys, rule_pairs, rule_rows, union_pairs
from vaxrecon.matchers.comparisons import matching_frame
from vaxrecon.matchers.decide import BlockResult, decide, extract_flags, matchable_rows
from vaxrecon.matchers.scoring import (
    ExtractCounts,
    Model,
    model_from,
    train_on_scored,
    u_from_pairs,
    u_sample,
    weigh_pairs,
    with_id_holders,
)

Mapper = Callable[[Callable[[Any], Any], list[Any]], list[Any]]
# Columns of the normalised extract kept beside the matching frame: the registered details and
# what tells two records with one ID apart (see collapse_repeated_ids).
EXTRA = ["name", "dob", "commune", "village", "province"]
_SAME = ["person_id", "name_fold", "dob", "gender", "cmnd", "commune_code", "village_key"]


def serial(fn: Callable[[Any], Any], items: list[Any]) -> list[Any]:
    """The in-process mapper: each item in order."""
    return [fn(item) for item in items]


_CALL: dict = {}  # the function a forked pool applies (set in the parent just before the fork)


def _apply(item: Any) -> Any:
    return _CALL["fn"](item)


@dataclass(frozen=True)
class LocalPool:
    """The local engine's mapper: ``workers`` forked processes (``match.jobs``), which share this
    process's memory copy-on-write and receive only the items; results in item order. In order
    here for one worker or item, without fork, or inside a worker process already (say, one of
    ``clean``'s), so that pools never nest."""

    workers: int

    @property
    def workers_here(self) -> int:
        """Processes of this machine that work at once: each reads a share of a partition and
        decides a share of a task's pairs, so memory stays what one process would use."""
        return self.workers

    def __call__(self, fn: Callable[[Any], Any], items: list[Any]) -> list[Any]:
        n = min(self.workers, len(items))
        if n < 2 or mp.parent_process() is not None or "fork" not in mp.get_all_start_methods():
            return serial(fn, items)
        _CALL["fn"] = fn
        gc.freeze()  # the workers' collections then leave this process's objects (and pages) alone
        try:
            with ProcessPoolExecutor(n, mp_context=mp.get_context("fork")) as pool:
                return list(pool.map(_apply, items))
        finally:
            gc.unfreeze()
            _CALL.clear()


@dataclass(frozen=True)
class Part:
    """One partition: row groups of a Parquet file, its spill file, and (after pass 1) where its
    rows sit in the whole extract and which of them are repeats."""

    source: str
    row_groups: tuple[int, ...]
    spill: str
    offset: int = 0  # position of its first kept row among the kept rows of the whole extract
    repeats: tuple[int, ...] = ()  # its rows (positions in the partition) collapsed as repeats
    conflicts: frozenset[str] = frozenset()  # IDs several different records carry


def parquet_parts(location: Location, rows_per_part: int) -> list[tuple[str, tuple[int, ...]]]:
    """(file, row groups) per partition: each file of a folder dataset (sorted by path; local or
    at a URL, see :mod:`~vaxrecon.engines.location`), split into runs of row groups of about
    ``rows_per_part`` rows."""
    parts = []
    for file in parquet_files(location):
        meta = open_parquet(file).metadata
        run: list[int] = []
        size = 0
        for g in range(meta.num_row_groups):
            run.append(g)
            size += meta.row_group(g).num_rows
            if size >= rows_per_part:
                parts.append((file, tuple(run)))
                run, size = [], 0
        if run:
            parts.append((file, tuple(run)))
    return parts


def is_partitioned(location: Location, cfg: dict) -> bool:
    """Whether an extract is read a partition at a time: a folder or a URL, any extract on the
    Dask engine, or a Parquet file of more than ``engine.partition_rows`` rows."""
    if is_url(location) or engine_name(cfg) == "dask":
        return True
    path = Path(location)
    if path.is_dir():
        return True
    return (
        path.suffix.lower() == ".parquet"
        and path.is_file()
        and parquet_rows(path) > cfg["engine"]["partition_rows"]
    )


def mapper_for(cfg: dict) -> Mapper:
    """The configured engine's mapper: ``match.jobs`` processes of this machine, or a Dask cluster."""
    if engine_name(cfg) == "dask":
        from vaxrecon.engines.cluster import dask_mapper  # optional extra: imported only when asked for

        return dask_mapper(cfg)
    return LocalPool(worker_count(int(cfg["match"]["jobs"])))


def engine_name(cfg: dict) -> str:
    """``engine.name``: local or dask (anything else is refused)."""
    name = cfg["engine"]["name"]
    if name not in ("local", "dask"):
        raise ConfigError(key="err.engine_unknown", name=name)
    return str(name)


def parquet_rows(location: Location) -> int:
    """Rows of a Parquet file or folder dataset, from its footers."""
    return sum(open_parquet(f).metadata.num_rows for f in parquet_files(location))


@dataclass(frozen=True)
class _Normalise:
    cfg: dict
    today: dt.date

    def __call__(self, part: Part) -> tuple[np.ndarray, pd.Series]:
        """Read, normalise and spill one partition: (hash of each row's ID, 0 without one;
        provinces counted)."""
        table = open_parquet(part.source).read_row_groups(list(part.row_groups))
        raw = extract_fields(table.to_pandas(), self.cfg)
        frame = normalize_population(raw, self.cfg, self.today)
        for col in ("commune_code", "commune", "village", "cmnd", "province"):
            if col not in frame.columns:
                frame[col] = ""
        spilled = matching_frame(frame)
        for col in EXTRA:
            spilled[col] = frame[col].fillna("").astype(str).to_numpy(dtype=object)
        # whole or not at all: a task run again (its worker lost) never leaves half a file
        spilled.to_parquet(part.spill + ".tmp", index=False)
        Path(part.spill + ".tmp").replace(part.spill)
        return _id_hash(spilled["person_id"]), spilled["province"].value_counts()


def _id_hash(ids: pd.Series) -> np.ndarray:
    out = pd.util.hash_array(ids.to_numpy(dtype=object), categorize=True) | np.uint64(1)
    out[(ids == "").to_numpy()] = 0
    return out


def _kept(part: Part, columns: list[str] | None = None) -> pd.DataFrame:
    """A partition's spilled rows without its repeats, shared IDs marked (positions: kept rows)."""
    frame = pd.read_parquet(part.spill, columns=columns)
    if part.repeats:
        frame = frame.drop(index=list(part.repeats)).reset_index(drop=True)
    if "id_conflict" in frame.columns:
        frame["id_conflict"] = frame["person_id"].isin(part.conflicts).to_numpy() & (frame["person_id"] != "")
    return frame


def _dtypes(frame: pd.DataFrame) -> pd.DataFrame:
    """Text columns back as numpy object arrays, as :func:`matching_frame` makes them."""
    for col in frame.columns:
        if frame[col].dtype != bool and not pd.api.types.is_integer_dtype(frame[col]):
            frame[col] = pd.Series(frame[col].to_numpy(dtype=object), dtype=object, index=frame.index)
    return frame


@dataclass(frozen=True)
class _Shared:
    """The rows with an ID that another row of the extract also has (pass 1's hashes say which)."""

    hashes: frozenset[int]

    def __call__(self, part: Part) -> pd.DataFrame:
        frame = pd.read_parquet(part.spill, columns=_SAME)
        pos = np.flatnonzero(np.isin(_id_hash(frame["person_id"]), list(self.hashes)))
        return frame.iloc[pos].set_axis(pos, axis=0)


@dataclass(frozen=True)
class _Counts:
    """Pass 2 on one partition: its counts, its provinces and the rows of the u sample in it."""

    def __call__(self, task: tuple[Part, np.ndarray]) -> tuple[ExtractCounts, pd.Series, pd.DataFrame]:
        part, wanted = task
        frame = _dtypes(_kept(part))
        sample = frame.iloc[wanted - part.offset].set_axis(wanted, axis=0)
        counts = ExtractCounts.of(frame)
        return counts, frame["province"].value_counts(), sample.drop(columns=EXTRA)


@dataclass(frozen=True)
class _Join:
    """One partition joined with the list's keys, rule by rule (positions in the whole extract),
    and the rows holding an ID or CMND the list gives."""

    keys: dict[str, np.ndarray]  # rule -> hashes of the list's key tuples
    ids: frozenset[str]
    cmnds: frozenset[str]

    def __call__(self, part: Part) -> tuple[dict[str, pd.DataFrame], np.ndarray]:
        frame = _dtypes(_kept(part, [c for c in _MATCH_READ]))
        keys = block_keys(frame, listed=False)
        found = {}
        for rule, wanted in self.keys.items():
            r_idx = rule_rows(keys, rule, "ri")
            r_idx = r_idx[np.isin(_tuple_hash(r_idx, RULES[rule]), wanted)]
            found[rule] = r_idx.assign(ri=r_idx["ri"].to_numpy() + part.offset)
        held = frame["person_id"].isin(self.ids).to_numpy() | frame["cmnd"].isin(self.cmnds).to_numpy()
        return found, np.flatnonzero(held) + part.offset


KEY_COLUMNS = ["ri", *sorted({c for cols in RULES.values() for c in cols})]


@dataclass(frozen=True)
class BlockKeys:
    """Every blocking key of one partition's rows, with their positions in the whole extract
    (``ri``): the extract side of a distributed join per rule."""

    def __call__(self, part: Part) -> pd.DataFrame:
        keys = block_keys(_dtypes(_kept(part, _MATCH_READ)), listed=False)
        keys = keys.reset_index(names="ri").assign(ri=lambda k: k["ri"].to_numpy() + part.offset)
        return keys[KEY_COLUMNS].astype(np.int64)


_MATCH_READ = [
    "person_id",
    "pid_num",
    "id_kind",
    "id_value",
    "cmnd",
    "name_fold",
    "given",
    "family",
    "name_sorted",
    "name_nospace",
    "commune_code",
    "dob_y",
    "dob_m",
    "dob_d",
]


def _tuple_hash(frame: pd.DataFrame, cols: list[str]) -> np.ndarray:
    return pd.util.hash_pandas_object(frame[cols], index=False).to_numpy()


def _compact(part: Part, wanted: np.ndarray) -> pa.Table:
    """The rows of one partition at the given positions of the whole extract, as an Arrow table
    whose text columns (but the personal ID) are dictionary-encoded: a few bytes a cell where a
    pandas object column takes about sixty, so millions of candidates fit."""
    frame = _kept(part).iloc[wanted - part.offset]
    table = pa.Table.from_pandas(frame, preserve_index=False)
    for i, name in enumerate(table.column_names):
        kind = table.schema.field(i).type
        if name != "person_id" and (pa.types.is_string(kind) or pa.types.is_large_string(kind)):
            table = table.set_column(i, name, pc.dictionary_encode(table[name]))
    return table.combine_chunks()


@dataclass(frozen=True)
class _Gather:
    """Write one partition's candidate rows (:func:`_compact`) as an Arrow IPC file; its row
    count back. The rows never travel between processes: whoever needs them maps the file."""

    def __call__(self, task: tuple[Part, np.ndarray, str]) -> int:
        part, wanted, path = task
        table = _compact(part, wanted)
        with pa.OSFile(path + ".tmp", "wb") as sink, pa.ipc.new_file(sink, table.schema) as writer:
            writer.write_table(table)
        Path(path + ".tmp").replace(path)
        return table.num_rows


def _frame(table: pa.Table) -> pd.DataFrame:
    """Gathered rows as pandas, text as numpy object arrays (as :func:`matching_frame` makes them).
    Dictionary columns are decoded first: only the values taken become strings, where a pandas
    categorical would convert a partition's whole dictionary."""
    columns = [
        pa.chunked_array([c.dictionary_decode() for c in col.chunks], col.type.value_type)
        if pa.types.is_dictionary(col.type)
        else col
        for col in table.columns
    ]
    return _dtypes(pa.table(columns, names=table.column_names).to_pandas())


_MAPPED: dict = {}  # this process's memory maps of the last gathered files


@dataclass(frozen=True)
class Gathered:
    """Candidate extract rows in the Arrow IPC files of :class:`_Gather` (one a partition, in
    extract order), read memory-mapped: only the rows taken come into a process's memory, and a
    task carries the file names, not the rows."""

    files: tuple[str, ...]
    starts: tuple[int, ...]  # position of each file's first row, then the row count

    def tables(self) -> list[pa.Table]:
        """The files' tables, mapped once per process."""
        if _MAPPED.get("files") != self.files:
            _MAPPED.clear()
            tables = [pa.ipc.open_file(pa.memory_map(f)).read_all() for f in self.files]
            _MAPPED.update(files=self.files, tables=tables)
        return list(_MAPPED["tables"])

    def rows(self, positions: np.ndarray) -> pd.DataFrame:
        """The rows at ``positions`` as pandas, in that order (taken file by file)."""
        positions = np.asarray(positions, dtype=np.int64)
        order = np.argsort(positions, kind="stable")
        ordered = positions[order]
        cuts = np.searchsorted(ordered, self.starts)
        tables = self.tables()
        frames = [
            _frame(t.take(pa.array(ordered[lo:hi] - start, pa.int64())))
            for t, start, lo, hi in zip(tables, self.starts, cuts, cuts[1:], strict=False)
            if hi > lo
        ]
        out = pd.concat(frames, ignore_index=True) if frames else _frame(tables[0].slice(0, 0))
        if len(order) and (order[1:] < order[:-1]).any():
            out = out.iloc[np.argsort(order, kind="stable")].reset_index(drop=True)
        return out

    def registered(self, ids: set[str]) -> pd.DataFrame:
        """``person_id`` and the registered details of every record of these IDs, in extract order."""
        value_set = pa.array(sorted(ids), pa.string())
        chosen = pd.concat(
            [_frame(t.filter(pc.is_in(t["person_id"], value_set=value_set))) for t in self.tables()],
            ignore_index=True,
        )
        return chosen[["person_id", "name", "dob", "gender", "commune", "village"]].astype(str)

    def remove(self) -> None:
        """Unmap (in this process) and delete the files."""
        if _MAPPED.get("files") == self.files:
            _MAPPED.clear()
        for f in self.files:
            Path(f).unlink(missing_ok=True)


@dataclass
class Candidates:
    """A list's candidate pairs (``li``: positions in the listed rows; ``ri``: in ``extract``),
    the extract rows they and the list's IDs need (compact and on disk, see :class:`Gathered`)
    and which of those rows hold an ID or CMND the list gives (``held``: positions in ``extract``);
    ``positions``: each row of ``extract``'s position in the whole extract (its kept rows)."""

    pairs: pd.DataFrame
    extract: Gathered
    held: np.ndarray
    positions: np.ndarray


@dataclass
class PartitionedExtract:
    """A Parquet extract normalised into spilled partitions, with what matching needs of the
    whole: the model, the kept row count and the provinces."""

    parts: list[Part]
    rows: int
    province: str
    repeated: dict
    model: Model
    mapper: Mapper = field(repr=False, default=serial)
    _cleanup: Any = field(repr=False, default=None)

    @classmethod
    def prepare(
        cls,
        path: Location,
        cfg: dict,
        today: dt.date,
        mapper: Mapper = serial,
        spill_dir: str | Path | None = None,
    ) -> PartitionedExtract:
        """Passes 1 and 2 over the extract at ``path`` (a Parquet file or folder dataset, or a
        CSV or workbook read whole once; or the URL of a Parquet file or dataset)."""
        folder = Path(
            tempfile.mkdtemp(prefix="vaxrecon-parts-", dir=spill_dir or cfg["engine"]["spill_dir"] or None)
        )
        try:
            made = cls._prepare(as_location(path), folder, cfg, today, mapper)
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        made._cleanup = weakref.finalize(made, shutil.rmtree, str(folder), True)
        return made

    @classmethod
    def _prepare(
        cls, path: Location, folder: Path, cfg: dict, today: dt.date, mapper: Mapper
    ) -> PartitionedExtract:
        ecfg = cfg["engine"]
        if isinstance(path, Path) and path.is_file() and path.suffix.lower() != ".parquet":
            raw = read_population_raw(path, cfg)  # a CSV or workbook: read whole, once
            path = folder / "extract.parquet"
            raw.to_parquet(path, index=False, row_group_size=ecfg["partition_rows"])
        # Local workers read at once: each reads its share of a partition, so memory stays bounded.
        found = parquet_parts(path, max(ecfg["partition_rows"] // getattr(mapper, "workers_here", 1), 1))
        parts = [Part(src, rgs, str(folder / f"part-{i:05d}.spill")) for i, (src, rgs) in enumerate(found)]
        firsts = mapper(_Normalise(cfg, today), parts)
        hashes = [h for h, _ in firsts]
        everything = np.concatenate(hashes) if hashes else np.zeros(0, dtype=np.uint64)
        if not len(everything):
            raise InputError(key="err.pop_no_people", file=base_name(path))
        ids = pd.Series(everything[everything != 0])
        shared = frozenset(int(h) for h in ids[ids.duplicated(keep=False)].unique())
        starts = np.cumsum([0] + [len(h) for h in hashes])
        parts, repeated = _collapse(
            parts, starts, mapper(_Shared(shared), parts) if shared else [], everything
        )
        n = sum(len(h) for h in hashes) - repeated["exact_repeats_collapsed"]
        i, j = u_sample(n, cfg["match"]["u_sample_pairs"])
        wanted = np.unique(np.concatenate([i, j]))
        seconds = mapper(_Counts(), _by_part(parts, wanted, n))
        counts = _summed([c for c, _, _ in seconds])
        provinces = pd.concat([p for _, p, _ in seconds]).groupby(level=0).sum()
        sample = _dtypes(pd.concat([s for _, _, s in seconds]))
        u, floor = u_from_pairs(sample.loc[i], sample.loc[j], n)
        province = (
            str(provinces.index[provinces.to_numpy() == provinces.max()].min()) if len(provinces) else ""
        )
        return cls(parts, n, province, repeated, model_from(counts, u, floor, cfg), mapper)

    def close(self) -> None:
        """Remove the spilled partitions (also done when the object is collected)."""
        if self._cleanup is not None:
            self._cleanup()

    def match(
        self, rows: pd.DataFrame, model: Model, cfg: dict, keep_scored: bool = False
    ) -> tuple[BlockResult, pd.DataFrame]:
        """Outcomes of normalised list rows, identical to
        :func:`~vaxrecon.matchers.decide.match_block` on the whole extract; and the extract rows
        read back (``person_id`` and the registered details). Pairs are weighed and rows decided
        in blocks of rows (:func:`pair_blocks`: at most ``engine.pairs_per_task`` candidate pairs
        and ``engine.rows_per_task`` rows), each a task of the mapper, a few tasks per worker at
        a time; the scored pairs are kept only with ``keep_scored`` (else ``scored`` is empty; their
        ``ri``: positions among the whole extract's kept rows).
        Rows are matched ``engine.match_rows`` at a time, so that one pass's candidate pairs
        bound the memory of this process whatever the list's size."""
        rows = rows.reset_index(drop=True)
        step = max(int(cfg["engine"]["match_rows"]), 1)
        if len(rows) <= step:
            return self._match(rows, model, cfg, keep_scored)
        outcomes, scored, named = [], [], []
        for start in range(0, len(rows), step):
            block, registered = self._match(rows.iloc[start : start + step], model, cfg, keep_scored)
            outcomes.append(block.outcomes)
            scored.append(block.scored.assign(li=block.scored["li"].to_numpy() + start))
            named.append(registered)
        # each pass reads back every record of the IDs it names, in extract order: the first
        # record of an ID is the same whichever passes name it
        result = BlockResult(pd.concat(outcomes, ignore_index=True), pd.concat(scored, ignore_index=True))
        return result, pd.concat(named, ignore_index=True)

    def _match(
        self, rows: pd.DataFrame, model: Model, cfg: dict, keep_scored: bool
    ) -> tuple[BlockResult, pd.DataFrame]:
        rows = rows.reset_index(drop=True)
        matchable = matchable_rows(rows)[2]
        listed = matching_frame(rows[matchable].reset_index(drop=True))
        found = self.compact_candidates(listed, rows, cfg["match"]["max_block_size"])
        try:
            return self._decide(rows, matchable, listed, found, model, cfg, keep_scored)
        finally:
            found.extract.remove()

    def _decide(
        self,
        rows: pd.DataFrame,
        matchable: np.ndarray,
        listed: pd.DataFrame,
        found: Candidates,
        model: Model,
        cfg: dict,
        keep_scored: bool,
    ) -> tuple[BlockResult, pd.DataFrame]:
        # the rows of every ID and CMND the list gives: all the joins need
        held = found.extract.rows(found.held)
        holders, flags = with_id_holders(listed, held), extract_flags(rows, held)
        del held
        where = np.flatnonzero(matchable)  # row position of each listed row
        # by listed row, each row's pairs in their order (a stable sort)
        pairs, found.pairs = found.pairs, found.pairs.iloc[:0]  # the unsorted copy goes once sorted
        pairs = pairs.iloc[np.argsort(pairs["li"].to_numpy(), kind="stable")].reset_index(drop=True)
        li = pairs["li"].to_numpy()
        ecfg = cfg["engine"]
        per_row = np.bincount(where[li], minlength=len(rows))
        # local workers decide at once, each a share of a task, as they read partitions
        share = getattr(self.mapper, "workers_here", 1)
        blocks = pair_blocks(
            per_row, int(ecfg["rows_per_task"]), max(int(ecfg["pairs_per_task"]) // share, 1)
        )
        step = _Decide(model, cfg, found.extract, keep_scored)
        wave = 2 * max(int(getattr(self.mapper, "workers", 1)), 1)
        outcomes, scored = [], []
        for first in range(0, len(blocks), wave):
            tasks, needs = [], []
            for start, stop in blocks[first : first + wave]:
                lo, hi = np.searchsorted(where, [start, stop])
                mine = pairs.iloc[slice(*np.searchsorted(li, [lo, hi]))]
                need = np.unique(mine["ri"].to_numpy())
                local = mine.assign(
                    li=mine["li"].to_numpy() - lo, ri=np.searchsorted(need, mine["ri"].to_numpy())
                )
                block, lrows = rows.iloc[start:stop], holders.iloc[lo:hi]
                tasks.append((block, lrows, local, need, flags.iloc[start:stop], where[lo:hi] - start))
                needs.append((start, need))
            for r, (start, need) in zip(self.mapper(step, tasks), needs, strict=True):
                outcomes.append(r.outcomes)
                if keep_scored:
                    scored.append(
                        r.scored.assign(  # ri: the row's position in the whole extract
                            li=r.scored["li"].to_numpy() + start,
                            ri=found.positions[need[r.scored["ri"].to_numpy()]],
                        )
                    )
        result = BlockResult(
            outcomes=pd.concat(outcomes, ignore_index=True),
            scored=pd.concat(scored, ignore_index=True) if scored else pairs.iloc[:0],
        )
        return result, found.extract.registered(_named(result.outcomes))

    def train(self, rows: pd.DataFrame, model: Model, cfg: dict) -> Model:
        """EM-refined m, as :func:`~vaxrecon.matchers.scoring.train_on_rows` on the whole extract."""
        rows = rows.reset_index(drop=True)
        listed = matching_frame(rows)
        found = self.compact_candidates(listed, rows, cfg["match"]["max_block_size"])
        try:
            subset = found.extract.rows(np.arange(found.extract.starts[-1]))
        finally:
            found.extract.remove()
        scored = weigh_pairs(found.pairs, with_id_holders(listed, subset), subset, model)
        return train_on_scored(scored, rows, subset, model, cfg)

    def compact_candidates(self, listed: pd.DataFrame, rows: pd.DataFrame, max_block_size: int) -> Candidates:
        """The candidate pairs of ``listed`` (a :func:`matching_frame`) and the extract rows they
        and ``rows``' IDs need, written compact to the spill folder."""
        pairs, held = self._pairs(listed, rows, max_block_size)  # the joins are freed on return
        need = self._with_namesakes(np.union1d(pairs["ri"].to_numpy(), held).astype(np.int64))
        folder = Path(self.parts[0].spill).parent
        run = f"gather-{uuid.uuid4().hex}"
        tasks = [
            (part, wanted, str(folder / f"{run}-{i:05d}.arrow"))
            for i, (part, wanted) in enumerate(_by_part(self.parts, need, self.rows))
            if len(wanted) or i == 0  # the first always: the columns of an empty gathering
        ]
        counts = self.mapper(_Gather(), tasks)
        files = tuple(path for (_, _, path), n in zip(tasks, counts, strict=True) if n or path == tasks[0][2])
        starts = np.cumsum([0, *[n for (_, _, path), n in zip(tasks, counts, strict=True) if path in files]])
        pairs["ri"] = np.searchsorted(need, pairs["ri"].to_numpy())
        gathered = Gathered(files, tuple(int(x) for x in starts))
        return Candidates(pairs, gathered, np.searchsorted(need, held), need)

    def _pairs(
        self, listed: pd.DataFrame, rows: pd.DataFrame, max_block_size: int
    ) -> tuple[pd.DataFrame, np.ndarray]:
        """The candidate pairs of ``listed`` (``ri``: positions in the whole extract) and the
        positions of the rows holding an ID or CMND ``rows`` give."""
        lk = block_keys(listed, listed=True)
        l_rules = {rule: rule_rows(lk, rule, "li") for rule in RULES}
        del lk
        keys = {r: np.unique(_tuple_hash(l_idx, RULES[r])) for r, l_idx in l_rules.items() if len(l_idx)}
        ids = rows["id_value"].where(rows["id_kind"] == "cccd", "")
        # A mapper that joins on its own (a cluster: one shuffle join per rule) gets the keys
        # whole; else each partition is filtered by the hashes of the list's keys.
        joiner = getattr(self.mapper, "join_rules", None)
        joined = self.mapper(
            _Join(
                {} if joiner else keys, frozenset(ids[ids != ""]), frozenset(rows["cmnd"][rows["cmnd"] != ""])
            ),
            self.parts,
        )
        by_rule = joiner(self.parts, l_rules) if joiner else {}
        found = []
        for rule, l_idx in l_rules.items():  # each rule's extract rows dropped once joined
            hits = [j.pop(rule) for j, _ in joined if rule in j]
            r_idx = by_rule.pop(rule, None) if joiner else (pd.concat(hits) if hits else None)
            del hits
            if len(l_idx) and r_idx is not None and len(r_idx):
                found.append(rule_pairs(l_idx, r_idx.reset_index(drop=True), rule, max_block_size))
            del r_idx
        held = np.unique(np.concatenate([h for _, h in joined]).astype(np.int64))
        return union_pairs(found), held

    def _with_namesakes(self, need: np.ndarray) -> np.ndarray:
        """Also every record of an ID several records carry, when one of them is needed: the
        registered details of such an ID are its first record's, as on the whole extract."""
        conflicts = set().union(*(p.conflicts for p in self.parts))
        if not conflicts:
            return need
        # The shared IDs are few: read their records' positions from the partitions.
        more = self.mapper(_IdPositions(frozenset(conflicts)), self.parts)
        pos = np.concatenate(more) if more else np.zeros(0, dtype=np.int64)
        return np.union1d(need, pos).astype(np.int64)


def _summed(counts: list[ExtractCounts]) -> ExtractCounts:
    """The partitions' counts added up at once: what adding them one by one gives (the sorted
    union of the values, their counts summed), without re-sorting the growing union per partition."""
    if len(counts) == 1:
        return counts[0]

    def total(series: list[pd.Series]) -> pd.Series:
        joined = pd.concat(series)  # a name or commune code, or (commune, name) pairs
        return joined.groupby(level=list(range(joined.index.nlevels)), sort=True).sum().astype(np.int64)

    return ExtractCounts(
        rows=sum(c.rows for c in counts),
        names=total([c.names for c in counts]),
        communes=total([c.communes for c in counts]),
        commune_names=total([c.commune_names for c in counts]),
        tokens=pd.Index(np.unique(np.concatenate([c.tokens.to_numpy(dtype=object) for c in counts]))),
    )


def _named(outcomes: pd.DataFrame) -> set[str]:
    """The personal IDs the results name: linked, best and listed candidates ('ID (p%); …')."""
    listed = outcomes["candidates"].str.findall(r"(?:^|; )(\S+) \(").explode().dropna()
    return {*outcomes["person_id"], *outcomes["best_person_id"], *listed} - {""}


def pair_blocks(per_row: np.ndarray, rows_per_task: int, pairs_per_task: int) -> list[tuple[int, int]]:
    """Consecutive row ranges ``[start, stop)`` covering every row, each of at most
    ``rows_per_task`` rows and at most ``pairs_per_task`` candidate pairs (``per_row``: each
    row's count) unless one row alone has more; one empty range for no rows. A row's outcome
    depends on its own pairs alone, so any such cut gives the same results."""
    cum = np.concatenate([[0], np.cumsum(per_row, dtype=np.int64)])
    n, blocks, start = len(per_row), [], 0
    while start < n:
        fit = int(np.searchsorted(cum, cum[start] + pairs_per_task, side="right")) - 1
        stop = max(min(fit, start + max(rows_per_task, 1), n), start + 1)
        blocks.append((start, stop))
        start = stop
    return blocks or [(0, 0)]


@dataclass(frozen=True)
class _Decide:
    """Weigh a block of rows' candidate pairs and decide each row (see :meth:`PartitionedExtract.match`);
    the scored pairs are returned only when kept."""

    model: Model
    cfg: dict
    extract: Gathered  # the candidate rows; a task names its rows' positions in it
    keep_scored: bool = False

    def __call__(self, task: tuple) -> BlockResult:
        rows, holders, pairs, need, flags, where = task
        scored = weigh_pairs(pairs, holders, self.extract.rows(need), self.model)
        scored["li"] = where[scored["li"].to_numpy()]
        result = decide(rows, scored, flags, self.model, self.cfg)
        return result if self.keep_scored else BlockResult(result.outcomes, scored.iloc[:0])


def _by_part(parts: list[Part], positions: np.ndarray, rows: int) -> list[tuple[Part, np.ndarray]]:
    """Sorted positions in the whole extract (``rows`` kept rows), split by the partition holding them."""
    bounds = [p.offset for p in parts] + [rows]
    return [
        (p, positions[(positions >= lo) & (positions < hi)])
        for p, lo, hi in zip(parts, bounds, bounds[1:], strict=False)
    ]


@dataclass(frozen=True)
class _IdPositions:
    ids: frozenset[str]

    def __call__(self, part: Part) -> np.ndarray:
        frame = _kept(part, ["person_id"])
        return np.flatnonzero(frame["person_id"].isin(self.ids).to_numpy()) + part.offset


def _collapse(
    parts: list[Part], starts: np.ndarray, shared: list[pd.DataFrame], hashes: np.ndarray
) -> tuple[list[Part], dict]:
    """Repeats and shared IDs over the whole extract, from the rows that share an ID hash (a
    row's index: its position in the whole extract)."""
    frames = [f.set_axis(f.index + s, axis=0) for f, s in zip(shared, starts, strict=False)]
    rows = pd.concat(frames) if frames else pd.DataFrame(columns=_SAME)
    kept, report = collapse_repeated_ids(rows.assign(position=rows.index.to_numpy(dtype=np.int64)))
    report["rows_without_id"] = int((hashes == 0).sum())
    repeat = np.setdiff1d(rows.index.to_numpy(dtype=np.int64), kept["position"].to_numpy(dtype=np.int64))
    conflicts = frozenset(kept.loc[kept["id_conflict"].astype(bool), "person_id"])
    out, removed = [], 0
    for p, lo, hi in zip(parts, starts, starts[1:], strict=False):
        mine = repeat[(repeat >= lo) & (repeat < hi)] - lo
        out.append(
            replace(p, offset=int(lo - removed), repeats=tuple(int(x) for x in mine), conflicts=conflicts)
        )
        removed += len(mine)
    return out, report
