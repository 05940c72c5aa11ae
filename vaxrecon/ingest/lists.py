"""Read registration lists: every sheet becomes records plus skipped rows, each with a reason."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from vaxrecon.errors import InputError, NoHeaderError, VaxreconError
from vaxrecon.ingest.cells import CellBook, Cells
from vaxrecon.ingest.fields import complete_fields
from vaxrecon.ingest.header import AliasIndex, Header, describe_rows, find_header
from vaxrecon.ingest.metadata import read_metadata
from vaxrecon.ingest.workbook import Grid, read_grids
from vaxrecon.normalize.ids import cell_str, cell_text
from vaxrecon.normalize.text import fold, fold_series, header_key
from vaxrecon.reasons import Reason
from vaxrecon.text import Count

_SECTION = (
    r"^(?:[ivx]+[.)]\s*|\d+[.)]\s*|[a-d][.)]\s*)?"
    r"(?:thon|ap|to dan pho|to|khu pho|khu|xom|buon|lang|doi|nhom|ban)\b"
)
_COLUMN_NUMBER = re.compile(r"\(?\d{1,2}\)?")
# The record rule: a row below the header whose cells fully match the name part and one of the
# key parts is a record without further tests (the fast dose reader reads a CSV only when every
# row passes it). A part: the fields whose columns it reads ("dob@nam" counts as "dob") and the
# pattern a cell's text must fully match.
RECORD_NAME: tuple[tuple[str, ...], str] = (("name",), r".+")
RECORD_KEYS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("id_number", "passport"), r"(?:[A-Za-z]{0,2} ?[\d .\-]{6,20}|\d[\d.,]*[Ee]\+?\d+)"),  # also 5.8E+10
    (("dob",), r"[\d/.\-: ]{1,24}"),  # a date, a year
    (("qr",), r".*\|.*"),  # a QR payload
)


def rule_columns(mapped: dict[str, int], fields: tuple[str, ...], width: int) -> list[int]:
    """The columns (below ``width``) of ``mapped`` that a record-rule part of ``fields`` reads."""
    return [c for f, c in mapped.items() if f.split("@")[0] in fields and c < width]


@dataclass
class SheetRead:
    """What was read from one sheet."""

    source: str
    sheet: str
    header: Header | None
    metadata: dict
    records: pd.DataFrame
    skipped: pd.DataFrame
    problem: str = ""


@dataclass
class ListRead:
    """Every sheet of one list file, and all of its records in sheet and row order."""

    path: Path
    sheets: list[SheetRead]
    supplied: dict = field(default_factory=dict)  # metadata given by the user or the file name
    notes: list[tuple[str, dict]] = field(default_factory=list)  # warn.<code> keys from reading the file

    @property
    def records(self) -> pd.DataFrame:
        frames = [s.records for s in self.sheets if len(s.records)]
        return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()

    @property
    def metadata(self) -> dict:
        """The first sheet's metadata, completed by later sheets."""
        meta: dict = {}
        for s in self.sheets:
            for k, v in s.metadata.items():
                if not meta.get(k):
                    meta[k] = v
        return {**meta, **self.supplied}


def _index(cfg: dict, overrides: dict[str, str] | None = None) -> AliasIndex:
    return AliasIndex(cfg["columns"]["aliases"], cfg["columns"]["ignore"], overrides)


def apply_overrides(header: Header, overrides: dict[str, str]) -> None:
    """--map field="Header text": force a column (by its header text) to a field."""
    for fname, text in overrides.items():
        want = header_key(text)
        hits = [
            c
            for c in header.columns
            if header_key(c.header.split(" / ")[-1]) == want or header_key(c.header) == want
        ]
        if not hits:
            raise InputError(key="err.map_no_column", text=text, field=fname)
        for c in header.columns:
            if c.field == fname:
                c.field, c.note = None, "replaced by --map"
        hits[0].field, hits[0].note = fname, "--map"


def read_sheet(
    grid: Grid,
    source: str,
    cfg: dict,
    overrides: dict[str, str] | None = None,
    province: str = "",
    index: AliasIndex | None = None,
    book: tuple[CellBook, int] | None = None,
) -> SheetRead:
    """Turn one grid into records and skipped rows; every row below the header ends in one.
    ``index``: the configuration's alias index, and ``book``: the cells of the grid's workbook
    with the grid's place in it, when the caller has them already. The records' village and dose
    are completed by :func:`read_list` (once for all sheets)."""
    rcfg, ccfg = cfg["read"], cfg["columns"]
    empty_skipped = pd.DataFrame(
        {"row": pd.Series(dtype=int), "reason": pd.Series(dtype=str), "text": pd.Series(dtype=str)}
    )
    if not any(cell_str(c) for r in grid.rows[:200] for c in r):
        return SheetRead(
            source, grid.name, None, {}, pd.DataFrame(), empty_skipped, problem="the sheet is empty"
        )
    header = find_header(
        grid.rows,
        grid.merged,
        index or _index(cfg, overrides),
        scan=rcfg["header_scan_rows"],
        min_fields=rcfg["min_header_fields"],
        gender_sub=ccfg["gender_subcolumns"],
        dose_prefixes=ccfg["dose_group_prefixes"],
    )
    if header is None:
        return SheetRead(
            source,
            grid.name,
            None,
            {},
            pd.DataFrame(),
            empty_skipped,
            problem="no header row naming a name column was found",
        )
    if overrides:
        apply_overrides(header, overrides)
    start = header.row + header.height
    cells = book[0].cells(book[1], start) if book else Cells.of(grid.rows[start:], start + 1)
    cells = _merged_down(cells, grid.merged, start)
    mapped = header.mapped
    split = _split_rows(cells, header, cfg)
    is_record = split.is_record
    if int(is_record.sum()) + len(split.skipped) != len(cells):  # every row below the header ends in one
        raise VaxreconError(
            f"{source}, sheet '{grid.name}': {len(cells) - int(is_record.sum()) - len(split.skipped)} rows "
            "were neither read nor skipped (a bug in vaxrecon; please report it)."
        )
    at = pd.Index(cells.rows[is_record])
    raw: dict[str, object] = {"source": source, "sheet": grid.name, "row": at}

    def column(col: int) -> pd.Series:
        return pd.Series(cells.cells[is_record, col], index=at, dtype=object)

    def filled(col: int) -> np.ndarray:
        return cells.book.filled(cells.codes[is_record, col])

    for fname, col in mapped.items():
        if fname.startswith("dob@"):
            continue
        raw[fname] = column(col) if col < cells.width else None
    by_gender = {f.split("@")[1]: c for f, c in mapped.items() if f.startswith("dob@")}
    if by_gender:  # one birth-date column per gender: the first filled one gives date and gender
        dob = np.full(len(at), None, dtype=object)
        gender = np.full(len(at), "", dtype=object)
        dated = np.zeros(len(at), dtype=bool)
        for g, col in by_gender.items():
            if col >= cells.width:
                continue
            has = filled(col)
            dob = np.where(has & ~dated, cells.cells[is_record, col], dob)
            gender = np.where(has & (gender == ""), g, gender)
            dated |= has
        by_column = pd.Series(dob, index=at, dtype=object)
        if "dob" in mapped:
            stated = filled(mapped["dob"]) if mapped["dob"] < cells.width else np.zeros(len(at), dtype=bool)
            given = (
                raw["dob"] if isinstance(raw["dob"], pd.Series) else pd.Series(None, index=at, dtype=object)
            )
            by_column = given.where(stated, by_column)
        raw["dob"] = by_column
        raw["gender_from_column"] = pd.Series(gender, index=at, dtype=object)
    if split.section is not None:
        raw["section"] = pd.Series(split.section, index=at, dtype="str")
    records = pd.DataFrame(raw, index=at)
    title = grid.rows[: header.row]
    hint = ""
    if "commune_code" in records.columns and (codes := cell_text(records["commune_code"])).ne("").any():
        hint = codes[codes != ""].mode().iloc[0]
    meta = read_metadata(title, split.footer, commune_hint=hint, province=province)
    missing = {"dob", "id_number", "qr"} & (set(mapped) | ({"dob"} if by_gender else set()))
    problem = "" if missing else "the list has neither a birth-date nor an ID column"
    return SheetRead(
        source,
        grid.name,
        header,
        meta,
        records.reset_index(drop=True),
        split.skipped,
        problem=problem,
    )


def _merged_down(cells: Cells, merged: list, start: int) -> Cells:
    """``cells`` (the rows from index ``start`` down) with each cell merged down over rows below
    the header (one column, several rows: a village written once for its people) holding the
    value of the merge's top cell on every row, as Excel shows it. Merges across columns (a
    heading) are left as they are."""
    end = start + len(cells)
    spans = [
        (r0, r1, c0) for (r0, c0), (r1, c1) in merged if c0 == c1 < cells.width and start <= r0 < min(r1, end)
    ]
    if not spans:
        return cells
    codes, values = cells.codes.copy(), cells.cells.copy()
    for r0, r1, col in spans:
        top, below = r0 - start, slice(r0 - start + 1, r1 - start + 1)
        codes[below, col], values[below, col] = codes[top, col], values[top, col]
    return Cells(cells.book, codes, values, int(cells.rows[0]) if len(cells) else start + 1)


@dataclass
class _Split:
    """How the rows below a header divide: records (a mask), skipped rows with their reasons, the
    footer rows (totals and signature block, as cells) and each record's section heading."""

    is_record: np.ndarray
    skipped: pd.DataFrame
    footer: list[list[object]]
    section: np.ndarray | None = None


def _split_rows(cells: Cells, header: Header, cfg: dict) -> _Split:
    """Vectorised row classification: blank, column numbers, repeated header, totals, signature
    block, section heading, or record. A row the record rule (:data:`RECORD_KEYS`) calls a record
    is one; only the other rows are examined further. Every test is made once
    per distinct cell value and spread to the cells by their codes."""
    n = len(cells)
    if n == 0 or cells.width == 0:
        return _Split(np.ones(n, dtype=bool), pd.DataFrame({"row": [], "reason": [], "text": []}), [])
    mapped = header.mapped

    def has(part: tuple[tuple[str, ...], str]) -> np.ndarray:
        cols = rule_columns(mapped, part[0], cells.width)
        if not cols:
            return np.zeros(n, dtype=bool)
        return np.asarray(cells.book.matches(part[1], cells.codes[:, cols]).any(axis=1), dtype=bool)

    has_name = has(RECORD_NAME)
    has_key = np.logical_or.reduce([has(part) for part in RECORD_KEYS])
    full_record = has_name & has_key
    sub = np.flatnonzero(~full_record)  # the rows that may not be records: usually a handful
    codes = cells.codes[sub]
    text = cells.book.shown(codes)
    count = (text != "").sum(axis=1)
    if len(sub):
        spaced = text[:, 0]
        for c in range(1, cells.width):
            spaced = spaced + " " + text[:, c]
        joined = pd.Series(spaced, dtype="str").str.replace(r"\s+", " ", regex=True).str.strip()
    else:
        joined = pd.Series("", index=range(0), dtype=object)
    key = fold_series(joined)
    sub_key, sub_name = has_key[sub], has_name[sub]
    numbers = (sub < 2) & (count >= 3)
    if numbers.any():
        numbered = cells.book.of_shown(lambda v: v == "" or bool(_COLUMN_NUMBER.fullmatch(v)), codes[numbers])
        numbers[numbers] = numbered.astype(bool).all(axis=1)
    header_cols = [c for c in header.columns if c.field and c.col < cells.width]
    repeats = np.zeros(len(sub), dtype=np.int64)
    if header_cols:
        cols = [c.col for c in header_cols]
        keys = cells.book.of_shown(lambda v: header_key(v) if v else "", codes[:, cols])
        expected = np.array([header_key(c.header.split(" / ")[0]) for c in header_cols], dtype=object)
        repeats = (keys == expected).sum(axis=1)
    repeated = (repeats * 2 >= max(len(header_cols), 1)) & (count >= 2)
    fc = cfg["footer"]
    totals = (
        _found(key, r"^\W*(?:" + "|".join(fold(t) for t in fc["totals"]) + r")\b", anchored=True) & ~sub_key
    )
    signature_line = (
        _found(key, "|".join(fold(t) for t in fc["signature"]))
        | _found(key, r"ngay\s*\S{1,2}\s*thang\s*\S{1,2}\s*nam")
    ) & ~sub_key
    below = np.zeros(n, dtype=bool)
    below[sub] = signature_line
    in_signature = np.maximum.accumulate(below)[sub]
    section = (count == 1) & ~sub_key & (~sub_name | _found(key, _SECTION, anchored=True))
    reason = np.full(len(sub), "", dtype=object)
    for mask, code in [
        (count == 0, Reason.ROW_BLANK),
        (numbers, Reason.ROW_COLUMN_NUMBERS),
        (repeated, Reason.ROW_REPEATED_HEADER),
        (totals, Reason.ROW_TOTAL),
        (in_signature, Reason.ROW_SIGNATURE),
        (section, Reason.ROW_SECTION_HEADING),
    ]:
        reason = np.where((reason != "") | ~mask, reason, code.value)
    skip = reason != ""
    is_record = full_record.copy()
    is_record[sub] = ~skip
    headings = np.flatnonzero(reason == Reason.ROW_SECTION_HEADING.value)
    labels = None
    if len(headings):  # each record under the nearest heading above it
        above = np.searchsorted(sub[headings], np.flatnonzero(is_record), side="right") - 1
        named = joined.to_numpy(dtype=object)[headings]
        labels = np.where(above >= 0, named[np.maximum(above, 0)], "")
    at = pd.Index(cells.rows[sub][skip])
    skipped = pd.DataFrame(
        {
            "row": at,
            "reason": pd.Series(reason[skip], index=at, dtype=object),
            "text": pd.Series(joined.to_numpy(dtype=object)[skip], index=at, dtype=joined.dtype).str.slice(
                0, 80
            ),
        }
    )
    footer = cells.cells[sub[in_signature | totals]].tolist()
    return _Split(is_record, skipped.reset_index(drop=True), footer, labels)


def _found(texts: pd.Series, pattern: str, anchored: bool = False) -> np.ndarray:
    """Whether ``pattern`` matches at the start (``anchored``) or anywhere in each of a handful of
    texts (as ``str.match``/``str.contains``, whose checks alone cost milliseconds a call)."""
    test = re.compile(pattern).match if anchored else re.compile(pattern).search
    return np.fromiter((test(k) is not None for k in texts.tolist()), dtype=bool, count=len(texts))


def _complete(sheets: list[SheetRead]) -> None:
    """:func:`complete_fields` over the records of the sheets, once for all sheets with the same
    columns (it reads row by row: the same values as sheet by sheet, at a fraction of the calls)."""
    groups: dict[tuple[str, ...], list[SheetRead]] = {}
    for s in sheets:
        if s.header is None:
            continue
        if not len(s.records):
            complete_fields(s.records)
            continue
        groups.setdefault(tuple(s.records.columns), []).append(s)
    for group in groups.values():
        if len(group) == 1:
            complete_fields(group[0].records)
            continue
        both = complete_fields(pd.concat([s.records for s in group], ignore_index=True))
        edges = np.cumsum([0, *(len(s.records) for s in group)])
        for s, a, b in zip(group, edges[:-1], edges[1:], strict=True):
            s.records = both.iloc[a:b].reset_index(drop=True)


def _hidden_lists(
    grids: list[Grid], path: Path, cfg: dict, overrides: dict[str, str] | None, province: str
) -> list[tuple[str, dict]]:
    """A warning for each hidden sheet that holds rows of a list: they are not read (only visible
    sheets are), and must not be left out without a word."""
    notes = []
    index = _index(cfg, overrides)
    for g in grids:
        if g.hidden and len(read := read_sheet(g, path.name, cfg, overrides, province, index).records):
            notes.append(("hidden_sheet", {"sheet": g.name, "n": Count(len(read))}))
    return notes


def read_list(
    path: str | Path,
    cfg: dict,
    sheet: str | None = None,
    overrides: dict[str, str] | None = None,
    province: str = "",
) -> ListRead:
    """Read a registration list file; raise InputError when no sheet can be used.

    ``province`` (the operator's province) resolves commune names that repeat across provinces.
    """
    path = Path(path)
    grids = read_grids(path, sheet, cfg["read"], hidden=True)
    notes = [n for g in grids for n in g.notes] + _hidden_lists(grids, path, cfg, overrides, province)
    grids = [g for g in grids if not g.hidden]
    index, book = _index(cfg, overrides), CellBook([g.rows for g in grids])
    sheets = [
        read_sheet(g, path.name, cfg, overrides, province, index, (book, i)) for i, g in enumerate(grids)
    ]
    _complete(sheets)
    usable = [s for s in sheets if s.header is not None and not s.problem]
    if usable:
        return ListRead(path, sheets, notes=notes)
    if all(s.problem == "the sheet is empty" for s in sheets):
        raise InputError(key="err.list_empty", file=path.name)
    no_dates = [s for s in sheets if s.header is not None]
    if no_dates:
        raise InputError(key="err.list_no_key", file=path.name, sheet=no_dates[0].sheet)
    first = next(g for g in grids if any(cell_str(c) for r in g.rows for c in r))
    tried = ", ".join(cfg["columns"]["aliases"]["name"][:4])
    raise NoHeaderError(
        key="err.no_header",
        file=path.name,
        sheet=first.name,
        n=cfg["read"]["header_scan_rows"],
        tried=tried,
        seen=describe_rows(first.rows[: cfg["read"]["header_scan_rows"]]),
    )


def read_list_metadata(path: str | Path, cfg: dict, province: str = "") -> dict:
    """Whatever metadata a list states, even when it cannot be verified (for the ledger)."""
    path = Path(path)
    grids = read_grids(path, None, cfg["read"])
    index = _index(cfg)
    meta = ListRead(path, [read_sheet(g, path.name, cfg, None, province, index) for g in grids]).metadata
    if not meta and grids:
        meta = read_metadata(grids[0].rows[: cfg["read"]["header_scan_rows"]], [], province=province)
    return meta
