"""Read CSV text: pick the encoding that yields valid Vietnamese, and never lose a row silently.

A stray quotation mark makes a CSV parser swallow every later line into one cell; such a file is
refused with the line where the runaway cell starts (a cell far longer than any name, over many
lines, or holding whole rows of the lines after it).
"""

from __future__ import annotations

import codecs
import csv
import functools
import io
import logging
import re
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from vaxrecon.config import packaged_defaults
from vaxrecon.errors import InputError
from vaxrecon.ingest.header import AliasIndex
from vaxrecon.text import Count

if TYPE_CHECKING:
    import pyarrow as pa

log = logging.getLogger(__name__)

UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
# Letters a Vietnamese text may hold beyond ASCII (NFC), plus common typographic signs.
_VIETNAMESE = set(
    "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
    "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴĐ"
    "–—‘’“”…•·°€₫\u00a0"
)
csv.field_size_limit(sys.maxsize)  # runaway cells are found by their length and line span instead


_FOREIGN = re.compile("[^\x00-\x7f" + "".join(sorted(_VIETNAMESE)) + "]")
_SAMPLE_CHARS = 2_000_000  # enough text to tell the encodings apart; a whole extract takes too long


def _foreign_chars(text: str) -> int:
    """How many characters of (the start of) ``text`` could not appear in Vietnamese text."""
    return len(_FOREIGN.findall(unicodedata.normalize("NFC", text[:_SAMPLE_CHARS])))


@dataclass
class Decoded:
    """A file's text, and what its decoding noted for the list's warnings (``warn.<code>`` keys
    of the message table, with their values)."""

    text: str
    notes: list[tuple[str, dict]] = field(default_factory=list)
    encoding: str = ""  # the codec that decoded it


def _encoding_name(enc: str) -> str:
    """'cp1252' as people know it: Windows-1252."""
    return re.sub(r"^cp(\d+)$", r"Windows-\1", codecs.lookup(enc).name)


def decode(data: bytes, name: str, encodings: list[str] | tuple[str, ...]) -> Decoded:
    """Decode a text file: a UTF-16 byte-order mark or strict UTF-8 first; otherwise the
    single-byte encoding (of ``encodings``; a UTF-8 byte-order mark before it dropped) whose result
    is valid Vietnamese, with a note when that is not the first one listed (a Windows-1252 file
    read as CP1258 is garbage) or when some characters are not Vietnamese in any encoding tried."""
    if data.startswith(UTF16_BOMS):
        try:
            return Decoded(data.decode("utf-16"), encoding="utf-16")
        except UnicodeDecodeError:
            raise InputError(key="err.csv_utf16", file=name) from None
    if b"\x00" in data[:4096]:
        raise InputError(key="err.csv_binary", file=name)
    scored = []
    # A UTF-8 byte-order mark before text in another encoding (some converters add one) is no text.
    unmarked = data.removeprefix(codecs.BOM_UTF8)
    for rank, enc in enumerate(encodings):
        utf = enc.replace("_", "-").lower().startswith("utf")
        try:
            text = (data if utf else unmarked).decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
        if utf:
            return Decoded(text, encoding=codecs.lookup(enc).name)
        scored.append((_foreign_chars(text), rank, enc, text))
    if not scored:
        raise InputError(key="err.csv_encoding", file=name)
    bad, rank, enc, text = min(scored)
    first = min(scored, key=lambda s: s[1])[2]
    notes: list[tuple[str, dict]] = []
    if rank > min(r for _, r, _, _ in scored):
        log.warning("%s was read as %s: it does not read as Vietnamese in the other encodings", name, enc)
        notes.append(
            ("encoding_fallback", {"encoding": _encoding_name(enc), "expected": _encoding_name(first)})
        )
    if bad:
        log.warning("%s has %d characters that are not Vietnamese letters in any encoding tried", name, bad)
        notes.append(("encoding_foreign", {"n": Count(bad), "encoding": _encoding_name(enc)}))
    return Decoded(text, notes, codecs.lookup(enc).name)


def _runaway(
    start: int, cells: list[str], delimiter: str, width: int, max_cell: int, max_lines: int
) -> tuple[str, dict] | None:
    """Why the record starting at line ``start`` looks like a stray quote swallowed lines (a message
    key and its values), or None. A legitimate multi-line cell (Alt+Enter in Excel) is short and its
    lines are not rows: none has nearly as many fields as the file's rows (``width``), as a
    swallowed row has."""
    row_like = max(1, width - 1 if width <= 3 else width - 2)  # delimiters of a line that is a row
    for cell in cells:
        if len(cell) > max_cell:
            return "err.csv_cell_too_long", {"n": Count(len(cell)), "limit": Count(max_cell)}
        lines = cell.splitlines()
        if len(lines) > max_lines:
            return "err.csv_cell_many_lines", {"n": len(lines)}
        if any(line.count(delimiter) >= row_like for line in lines[1:]):
            return "err.csv_cell_holds_rows", {}
    return None


_DELIMITERS = (",", ";", "\t", "|")  # the first wins a tie
_SNIFF_CHARS = 20_000  # the lines the separator is chosen from
_MIN_HEADER_FIELDS = 2  # one recognised cell is no header: a whole line may start like an alias


@functools.cache
def _aliases() -> AliasIndex:
    columns = packaged_defaults()["columns"]
    return AliasIndex(columns["aliases"], columns["ignore"])


def _records(sample: str, delimiter: str) -> list[list[str]]:
    """The records of ``sample`` split at ``delimiter`` (quoted cells kept whole), up to the first
    a parser refuses."""
    rows: list[list[str]] = []
    reader = csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter, quotechar='"')
    try:
        rows.extend(reader)
    except csv.Error:
        pass  # parse() names the line
    return [r for r in rows if any(c.strip() for c in r)]


def _fit(records: list[list[str]], scan: int) -> tuple[int, int]:
    """How well a separator splits ``records``: the known fields its best header row names among
    the first ``scan`` records (0 when fewer than two), and how many records have the width most
    records of two or more cells have."""
    index = _aliases()
    fields = max((len({f for c in r if (f := index.lookup(c))}) for r in records[:scan]), default=0)
    widths = Counter(len(r) for r in records if len(r) > 1)
    return (fields if fields >= _MIN_HEADER_FIELDS else 0), (widths.most_common(1)[0][1] if widths else 0)


def sniff_delimiter(text: str, scan: int = 40) -> str:
    """The separator of a CSV text (',' ';' tab '|'): the one whose split of the first lines (cells
    in quotation marks kept whole) gives a header naming the most known fields among the first
    ``scan`` rows, then the most rows of one width; ',' when nothing tells them apart. Counting
    raw characters is misled by addresses ("Thôn 3, xã A") in a ';' file, and Python's sniffer
    by title rows and rows that lost their trailing empty cells."""
    sample = text[:_SNIFF_CHARS]
    if len(text) > _SNIFF_CHARS and "\n" in sample:
        sample = sample[: sample.rindex("\n")]  # whole lines only
    fits = {d: _fit(_records(sample, d), scan) for d in _DELIMITERS}
    return max(_DELIMITERS, key=lambda d: fits[d])


def _dialect(text: str) -> type[csv.Dialect]:
    """The CSV dialect of ``text``: its separator (:func:`sniff_delimiter`), '"' as the quotation
    mark, and spaces after separators skipped when every separator of the first line has one."""
    delimiter = sniff_delimiter(text)
    first = next((line for line in text[:_SNIFF_CHARS].splitlines() if line.strip()), "")
    spaced = 0 < first.count(delimiter) == first.count(delimiter + " ")
    return type("Sniffed", (csv.excel,), {"delimiter": delimiter, "skipinitialspace": spaced})


# ="058080000001": how web exports keep a text cell's leading zeros in Excel, which shows its text.
_EXCEL_TEXT = r'="([^"]*)"'


def _excel_text(rows: list[list[str]]) -> list[list[str]]:
    """The cells written ="…" as the text Excel shows (the others as they are)."""
    text = re.compile(_EXCEL_TEXT).fullmatch
    return [[m.group(1) if c.startswith('="') and (m := text(c)) else c for c in row] for row in rows]


def parse(text: str, name: str, max_cell: int, max_lines: int) -> list[list[str]]:
    """The rows of a CSV text, cells written ="…" as their text; an InputError naming the line when
    a cell runs away."""
    dialect = _dialect(text)
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    rows: list[list[str]] = []
    ends: list[int] = []  # the line each record ends on
    try:
        for row in reader:
            rows.append(row)
            ends.append(reader.line_num)
    except csv.Error as e:
        raise InputError(key=_csv_problem(e), file=name, line=reader.line_num) from None
    long_line = max(map(len, text.splitlines()), default=0) > max_cell
    widths: Counter[int] = Counter(len(r) for r in rows)
    width = widths.most_common(1)[0][0] if widths else 0
    for i, row in enumerate(rows):
        start = ends[i - 1] + 1 if i else 1
        if (long_line or ends[i] > start) and (
            why := _runaway(start, row, dialect.delimiter, width, max_cell, max_lines)
        ):
            raise InputError(key=why[0], file=name, line=start, **why[1])
    return _excel_text(rows) if '="' in text else rows


def _quotes_whole_cells(text: str, delimiter: str) -> bool:
    """Whether every quotation mark of ``text`` belongs to a well-formed quoted cell on one line:
    '"' right after a delimiter or a line's start, then no line break, each '"' inside doubled,
    and the closing '"' right before a delimiter or a line's end."""
    d = re.escape(delimiter)
    cell = re.compile(f'(?<![^{d}\\r\\n])"(?:[^"\\r\\n]|"")*"(?![^{d}\\r\\n])')
    return sum(m.group().count('"') for m in cell.finditer(text)) == text.count('"')


def parse_columns(data: bytes, decoded: Decoded, max_cell: int) -> pa.Table | None:
    """Every row of a CSV file (``data``, read as ``decoded``) as string columns, vectorised (cells
    written ="…" as their text), when a whole-file check proves :func:`parse` reads the same rows
    and cells without an error; None
    otherwise (the caller then uses :func:`parse`). The check: quotation marks only around whole
    cells on one line (no stray quote, no cell over lines), no NUL, no byte-order mark left in the
    text, the same number of cells on every line, no line long enough for :func:`parse` to examine
    its cells, and a dialect that keeps spaces."""
    text = decoded.text
    if not text or text.startswith("\ufeff"):
        return None
    if decoded.encoding in ("utf-8", "utf-8-sig"):  # the file's bytes are the text's UTF-8
        utf8, skip = data, len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    else:
        utf8, skip = text.encode("utf-8"), 0
    if b"\x00" in utf8:
        return None
    import pyarrow as pa  # imported here: most commands never need them
    import pyarrow.compute as pc
    import pyarrow.csv as pacsv

    dialect = _dialect(text)
    if dialect.skipinitialspace or dialect.escapechar:
        return None
    quoted = b'"' in utf8
    if quoted and not _quotes_whole_cells(text, dialect.delimiter):
        return None
    first = re.match(r"[^\r\n]*", text)
    names = [f"c{i}" for i in range(len(next(csv.reader([first.group() if first else ""], dialect), [""])))]
    try:
        table = pacsv.read_csv(
            pa.BufferReader(pa.py_buffer(utf8).slice(skip)),  # no copy
            read_options=pacsv.ReadOptions(column_names=names),
            parse_options=pacsv.ParseOptions(
                delimiter=dialect.delimiter,
                quote_char='"' if quoted else False,
                double_quote=quoted,
                escape_char=False,
                newlines_in_values=False,
                ignore_empty_lines=False,
            ),
            convert_options=pacsv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.string()),
                strings_can_be_null=False,
                null_values=[],
                check_utf8=False,  # valid: Python decoded or encoded it
            ),
        )
    except pa.ArrowInvalid:  # a line with another number of cells
        return None
    if table.num_rows:  # each line's length at most: bytes, delimiters, quotation marks
        cells = [pc.binary_length(c) for c in table.columns]
        if quoted:  # a quoted cell: two more, and one for each doubled '"'
            quotes = [pc.count_substring(c, '"') for c in table.columns]
            cells = [pc.add(pc.add(n, q), 2) for n, q in zip(cells, quotes, strict=True)]
        if pc.max(functools.reduce(pc.add, cells)).as_py() + len(names) - 1 > max_cell:
            return None
    if b'="' in utf8:  # cells written ="…" as their text, as parse() reads them
        unwrap = functools.partial(pc.replace_substring_regex, pattern=f"^{_EXCEL_TEXT}$", replacement=r"\1")
        table = pa.table([unwrap(c) for c in table.columns], names=names)
    return table


def _csv_problem(e: csv.Error) -> str:
    msg = str(e)
    if "NUL" in msg:
        return "err.csv_line_nul"
    if "new-line character seen in unquoted field" in msg:
        return "err.csv_line_break"
    return "err.csv_line_quote"


def read_csv_rows(
    path: Path, encodings: list[str] | tuple[str, ...], max_cell: int, max_lines: int
) -> tuple[list[list[str]], list[tuple[str, dict]]]:
    """Every row of a CSV file, decoded and checked, and what the decoding noted."""
    decoded = decode(path.read_bytes(), path.name, encodings)
    return parse(decoded.text, path.name, max_cell, max_lines), decoded.notes
