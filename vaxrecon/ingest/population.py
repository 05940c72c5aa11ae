"""Read population extracts (.csv, .xlsx, .parquet): only the needed columns, as text."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq

from vaxrecon.errors import InputError
from vaxrecon.ingest.csvfile import UTF16_BOMS, read_csv_rows, sniff_delimiter
from vaxrecon.ingest.header import AliasIndex
from vaxrecon.ingest.workbook import EXCEL_SUFFIXES, check_file, decode_text, read_grids
from vaxrecon.logs import mask_ids
from vaxrecon.normalize.ids import cell_str
from vaxrecon.normalize.records import normalize_records
from vaxrecon.normalize.text import header_key

POPULATION_FIELDS = [
    "id_number",
    "old_id",
    "name",
    "dob",
    "gender",
    "nationality",
    "province",
    "district",
    "commune",
    "commune_code",
    "village",
    "address",
]
SUFFIXES = {".csv", ".parquet"} | EXCEL_SUFFIXES
_PERSONAL_ID = ("dinhdanh", "cccd", "cancuoc")


def _column_map(columns: list[str], cfg: dict) -> dict[str, str]:
    """Extract column -> field, first column wins per field."""
    index = AliasIndex(cfg["columns"]["aliases"], cfg["columns"]["ignore"])
    out: dict[str, str] = {}
    # The personal-ID column is the one naming CCCD/định danh; another ID column is the old CMND.
    ranked = sorted(columns, key=lambda c: not any(k in header_key(c) for k in _PERSONAL_ID))
    for col in ranked:
        fname = index.lookup(col)
        if fname == "id_number" and fname in out.values():
            fname = "old_id"
        if fname in POPULATION_FIELDS and fname not in out.values():
            out[col] = fname
    return out


def _csv_header(path: Path) -> tuple[list[str], str]:
    with path.open("rb") as fh:
        first = fh.readline()
    if first.startswith(UTF16_BOMS) or b"\x00" in first:
        raise InputError(key="err.pop_utf16", file=path.name)
    line = first.decode("utf-8-sig", errors="replace").strip("\r\n")
    sep = sniff_delimiter(line)
    return [c.strip() for c in next(csv.reader([line], delimiter=sep), [])], sep


def read_population_raw(path: str | Path, cfg: dict) -> pd.DataFrame:
    """The extract's needed columns renamed to fields, all as strings (Excel cells as values)."""
    path = Path(path)
    check_file(path, SUFFIXES)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        columns, sep = _csv_header(path)
        mapping = _column_map(columns, cfg)
        _require(mapping, path)
        try:
            df = _read_csv(path, sep, list(mapping), cfg)
        except UnicodeError:
            text = decode_text(path, cfg["read"]["csv_encodings"])  # legacy encodings
            df = _read_csv(path, sep, list(mapping), cfg, text)
        _check_records(path, len(df), cfg)
    elif suffix == ".parquet":
        try:
            schema = pq.read_schema(path)
        except Exception as e:
            raise InputError(key="err.pop_parquet", file=path.name) from e
        mapping = _column_map(schema.names, cfg)
        _require(mapping, path)
        df = pq.read_table(path, columns=list(mapping)).to_pandas()
        df = df.astype(str).where(df.notna(), "")
    else:
        grid = read_grids(path)[0]
        if not grid.rows:
            raise InputError(key="err.pop_no_data", file=path.name)
        header = [cell_str(c) for c in grid.rows[0]]
        mapping = _column_map(header, cfg)
        _require(mapping, path)
        df = pd.DataFrame(grid.rows[1:], columns=header, dtype=object)[list(mapping)]
    df = df.rename(columns=mapping).reset_index(drop=True)
    if df.empty:
        raise InputError(key="err.pop_no_people", file=path.name)
    return df[[f for f in POPULATION_FIELDS if f in df.columns]]


def _read_csv(path: Path, sep: str, columns: list[str], cfg: dict, text: str | None = None) -> pd.DataFrame:
    """The ``columns`` of an extract CSV (read from ``path``, or from its decoded ``text``); a
    UnicodeError when the file is not UTF-8, else an InputError naming the line that cannot be read
    (the parser's own message may quote a person's row, and is in English)."""
    source: Path | io.StringIO = path if text is None else io.StringIO(text)
    engine = "pyarrow" if text is None else "c"
    try:
        return pd.read_csv(source, sep=sep, usecols=columns, dtype=str, keep_default_na=False, engine=engine)
    except ValueError as e:
        if text is None and "utf" in str(e).lower():
            raise UnicodeError("not UTF-8") from None
        _check_csv(path, cfg)  # names the line of a runaway cell
        raise _ragged(path, sep, cfg) from None


def _ragged(path: Path, sep: str, cfg: dict) -> InputError:
    """The error naming the first line of an extract CSV with another number of cells than its
    header (read row by row: only when pandas refused the file)."""
    text = decode_text(path, cfg["read"]["csv_encodings"])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
    width = len(next(reader, []))
    for row in reader:
        if len(row) != width and any(row):
            return InputError(
                key="err.pop_ragged", file=path.name, line=reader.line_num, n=len(row), width=width
            )
    return InputError(key="err.pop_unparsed", file=path.name)


def _check_csv(path: Path, cfg: dict) -> None:
    """Parse the extract as the list reader does: an InputError naming the line of a cell that a
    stray quotation mark made swallow the lines after it."""
    limits = cfg["read"]["limits"]
    read_csv_rows(path, cfg["read"]["csv_encodings"], limits["max_cell_chars"], limits["max_cell_lines"])


def _check_records(path: Path, records: int, cfg: dict) -> None:
    """Every line of the file is a record (the header aside), or the file is parsed again to find
    the cell that swallowed lines: a pair of stray quotes must not lose people silently."""
    lines, last = 0, b"\n"
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            lines, last = lines + chunk.count(b"\n"), chunk[-1:]
    if lines + (last != b"\n") != records + 1:
        _check_csv(path, cfg)


def _require(mapping: dict[str, str], path: Path) -> None:
    have = set(mapping.values())
    if "id_number" not in have or "name" not in have or "dob" not in have:
        raise InputError(key="err.pop_columns", file=path.name)


def extract_fields(frame: pd.DataFrame, cfg: dict) -> pd.DataFrame:
    """An extract already in pandas, its columns named as fields or as database headers, reduced
    to the needed fields as text."""
    named = {c: c for c in frame.columns if c in POPULATION_FIELDS}
    mapping = named or _column_map([str(c) for c in frame.columns], cfg)
    _require(mapping, Path("DataFrame"))
    df = frame[list(mapping)].rename(columns=mapping)
    return df.astype(str).where(df.notna(), "").reset_index(drop=True)


def normalize_population(raw: pd.DataFrame, cfg: dict, today: dt.date) -> pd.DataFrame:
    """Normalise an extract's fields; ``person_id`` is the 12-digit personal ID."""
    norm = normalize_records(raw, cfg, today, listed=False)
    norm["person_id"] = norm["id_value"].where(norm["id_kind"] == "cccd", "")
    return norm


# What makes two extract rows with one ID the same record exported twice.
_SAME_RECORD = ["person_id", "name_fold", "dob", "gender", "cmnd", "commune_code", "village_key"]


def collapse_repeated_ids(norm: pd.DataFrame, examples: int = 5) -> tuple[pd.DataFrame, dict]:
    """Drop exact repeats of a record (same ID and identity); mark IDs that several different
    records carry (``id_conflict``: never a link target by ID alone). Returns the frame and a
    report: counts and a few masked examples with their data-row positions."""
    has_id = norm["person_id"] != ""
    repeat = pd.Series(False, index=norm.index)
    shared_id = (has_id & norm["person_id"].duplicated(keep=False)).to_numpy()
    if shared_id.any():  # a repeat shares its ID: only those rows are compared whole
        repeat[shared_id] = norm.loc[shared_id, _SAME_RECORD].duplicated(keep="first").to_numpy()
    kept = norm[~repeat].reset_index(drop=False)
    shared = (kept["person_id"] != "") & kept["person_id"].duplicated(keep=False)
    kept["id_conflict"] = shared.to_numpy()
    conflicting = kept[shared].groupby("person_id", sort=False)["index"].agg(list)
    report = {
        "exact_repeats_collapsed": int(repeat.sum()),
        "conflicting_ids": len(conflicting),
        "conflicting_rows": int(shared.sum()),
        "rows_without_id": int((~has_id).sum()),
        "conflicting_examples": [
            {"id": mask_ids(pid), "data_rows": [int(i) + 1 for i in rows]}
            for pid, rows in conflicting.head(examples).items()
        ],
    }
    return kept.drop(columns=["index"]), report


def read_population(path: str | Path, cfg: dict, today: dt.date) -> pd.DataFrame:
    """Read and normalise an extract file, repeated IDs collapsed or marked
    (:func:`collapse_repeated_ids`; the report is in ``attrs["repeated_ids"]``)."""
    frame, report = collapse_repeated_ids(normalize_population(read_population_raw(path, cfg), cfg, today))
    frame.attrs["repeated_ids"] = report
    return frame
