"""Read registration lists: every sheet becomes records plus skipped rows, each with a reason."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from vaxrecon.errors import InputError, NoHeaderError, VaxreconError
from vaxrecon.ingest.fields import complete_fields
from vaxrecon.ingest.header import AliasIndex, Header, describe_rows, find_header
from vaxrecon.ingest.metadata import read_metadata
from vaxrecon.ingest.workbook import Grid, read_grids
from vaxrecon.normalize.ids import cell_str, cell_text
from vaxrecon.normalize.text import fold, fold_series, header_key
from vaxrecon.reasons import Reason

_SECTION = (
    r"^(?:[ivx]+[.)]\s*|\d+[.)]\s*|[a-d][.)]\s*)?"
    r"(?:thon|ap|to dan pho|to|khu pho|khu|xom|buon|lang|doi|nhom|ban)\b"
)
_COLUMN_NUMBER = re.compile(r"\(?\d{1,2}\)?")
_ID_LIKE = r"(?:[A-Za-z]{0,2} ?[\d .\-]{6,20}|\d[\d.,]*[Ee]\+?\d+)"
_DOB_LIKE = r"[\d/.\-: ]{1,24}"


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
    grid: Grid, source: str, cfg: dict, overrides: dict[str, str] | None = None, province: str = ""
) -> SheetRead:
    """Turn one grid into records and skipped rows; every row below the header ends in one."""
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
        _index(cfg, overrides),
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
    body = grid.rows[start:]
    width = max((len(r) for r in body), default=0)
    if any(len(r) != width for r in body):
        body = [list(r) + [None] * (width - len(r)) for r in body]
    cells = pd.DataFrame(body, columns=range(width) if width else None, dtype=object)
    cells.index = np.arange(start + 1, start + 1 + len(cells))  # the row numbers Excel shows
    mapped = header.mapped
    records, skipped, footer_rows = _split_rows(cells, header, cfg)
    if len(records) + len(skipped) != len(cells):  # every row below the header ends in one of them
        raise VaxreconError(
            f"{source}, sheet '{grid.name}': {len(cells) - len(records) - len(skipped)} rows "
            "were neither read nor skipped (a bug in vaxrecon; please report it)."
        )
    raw = pd.DataFrame(index=records.index)
    raw["source"], raw["sheet"], raw["row"] = source, grid.name, records.index
    for fname, col in mapped.items():
        if fname.startswith("dob@"):
            continue
        raw[fname] = records[col] if col in records.columns else None
    by_gender = {f.split("@")[1]: c for f, c in mapped.items() if f.startswith("dob@")}
    if by_gender:
        dob = pd.Series([None] * len(records), index=records.index, dtype=object)
        gender = pd.Series("", index=records.index, dtype=object)
        for g, col in by_gender.items():
            if col not in records.columns:
                continue
            has = cell_text(records[col]) != ""
            dob = dob.where(~has | (cell_text(dob) != ""), records[col])
            gender = gender.where(~has | (gender != ""), g)
        raw["dob"] = dob if "dob" not in mapped else raw["dob"].where(cell_text(raw["dob"]) != "", dob)
        raw["gender_from_column"] = gender
    if "section" in records.attrs:
        raw["section"] = records.attrs["section"]
    complete_fields(raw)
    title = grid.rows[: header.row]
    hint = ""
    if "commune_code" in raw.columns and (codes := cell_text(raw["commune_code"])).ne("").any():
        hint = codes[codes != ""].mode().iloc[0]
    meta = read_metadata(title, footer_rows, commune_hint=hint, province=province)
    missing = {"dob", "id_number", "qr"} & (set(mapped) | ({"dob"} if by_gender else set()))
    problem = "" if missing else "the list has neither a birth-date nor an ID column"
    return SheetRead(
        source,
        grid.name,
        header,
        meta,
        raw.reset_index(drop=True),
        skipped,
        problem=problem,
    )


def _split_rows(
    cells: pd.DataFrame, header: Header, cfg: dict
) -> tuple[pd.DataFrame, pd.DataFrame, list[list[object]]]:
    """Vectorised row classification: blank, column numbers, repeated header, totals, signature
    block, section heading, or record. A row with a name and a key value (an ID, a date or year,
    a QR payload) is a record; only the other rows are examined further."""
    if cells.empty:
        return cells, pd.DataFrame({"row": [], "reason": [], "text": []}), []
    mapped = header.mapped

    def has(fields: tuple[str, ...], pattern: str) -> pd.Series:
        cols = [c for f, c in mapped.items() if f.split("@")[0] in fields and c in cells.columns]
        if not cols:
            return pd.Series(False, index=cells.index)
        hits = [cell_text(cells[c]).str.fullmatch(pattern) for c in cols]
        return pd.concat(hits, axis=1).any(axis=1)

    has_name = has(("name",), r".+")
    has_key = has(("id_number", "passport"), _ID_LIKE) | has(("dob",), _DOB_LIKE) | has(("qr",), r".*\|.*")
    full_record = has_name & has_key
    sub = cells[~full_record]  # the rows that may not be records: usually a handful
    text = sub.map(cell_str)  # the few non-record rows
    count = (text != "").sum(axis=1)
    joined = (
        text.agg(" ".join, axis=1).str.replace(r"\s+", " ", regex=True).str.strip()
        if len(text)
        else pd.Series("", index=sub.index, dtype=object)
    )
    key = fold_series(joined)
    sub_key, sub_name = has_key[sub.index], has_name[sub.index]
    first_rows = pd.Series(np.arange(len(cells)) < 2, index=cells.index)[sub.index]
    numbers = (
        first_rows
        & (count >= 3)
        & text.map(lambda v: v == "" or bool(_COLUMN_NUMBER.fullmatch(v))).all(axis=1)
    )
    header_cols = [c for c in header.columns if c.field and c.col in text.columns]
    expected = pd.Series({c.col: header_key(c.header.split(" / ")[0]) for c in header_cols}, dtype=object)
    repeats = (
        text[list(expected.index)].map(lambda v: header_key(v) if v else "").eq(expected).sum(axis=1)
        if len(expected)
        else pd.Series(0, index=sub.index)
    )
    repeated = (repeats * 2 >= max(len(header_cols), 1)) & (count >= 2)
    fc = cfg["footer"]
    totals = key.str.match(r"^\W*(?:" + "|".join(fold(t) for t in fc["totals"]) + r")\b") & ~sub_key
    signature_line = (
        key.str.contains("|".join(fold(t) for t in fc["signature"]), regex=True)
        | key.str.contains(r"ngay\s*\S{1,2}\s*thang\s*\S{1,2}\s*nam", regex=True)
    ) & ~sub_key
    in_signature = signature_line.reindex(cells.index, fill_value=False).cummax()[sub.index]
    section = (count == 1) & ~sub_key & (~sub_name | key.str.match(_SECTION))
    reason = pd.Series("", index=sub.index, dtype=object)
    for mask, code in [
        (count == 0, Reason.ROW_BLANK),
        (numbers, Reason.ROW_COLUMN_NUMBERS),
        (repeated, Reason.ROW_REPEATED_HEADER),
        (totals, Reason.ROW_TOTAL),
        (in_signature, Reason.ROW_SIGNATURE),
        (section, Reason.ROW_SECTION_HEADING),
    ]:
        reason = reason.where((reason != "") | ~mask, code.value)
    skip = reason != ""
    is_record = full_record.copy()
    is_record[sub.index] = ~skip
    records = cells[is_record]
    headings = reason == Reason.ROW_SECTION_HEADING.value
    if headings.any():
        label = joined.where(headings).reindex(cells.index).ffill().fillna("")
        records.attrs["section"] = label[is_record]
    skipped = pd.DataFrame(
        {"row": sub.index[skip], "reason": reason[skip], "text": joined[skip].str.slice(0, 80)}
    )
    footer = sub[in_signature | totals].values.tolist()
    return records, skipped.reset_index(drop=True), footer


def _hidden_lists(
    grids: list[Grid], path: Path, cfg: dict, overrides: dict[str, str] | None, province: str
) -> list[tuple[str, dict]]:
    """A warning for each hidden sheet that holds rows of a list: they are not read (only visible
    sheets are), and must not be left out without a word."""
    notes = []
    for g in grids:
        if g.hidden and len(read := read_sheet(g, path.name, cfg, overrides, province).records):
            notes.append(("hidden_sheet", {"sheet": g.name, "n": len(read)}))
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
    sheets = [read_sheet(g, path.name, cfg, overrides, province) for g in grids]
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
    meta = ListRead(path, [read_sheet(g, path.name, cfg, None, province) for g in grids]).metadata
    if not meta and grids:
        meta = read_metadata(grids[0].rows[: cfg["read"]["header_scan_rows"]], [], province=province)
    return meta
