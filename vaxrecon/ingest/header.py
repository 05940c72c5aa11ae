"""Find the header row(s) of a sheet and map its columns to vaxrecon's fields by alias."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from vaxrecon.normalize.ids import cell_str
from vaxrecon.normalize.text import fold, header_key
from vaxrecon.text import Joined, Phrase

PER_DOSE = {"vaccine": "vaccine", "dose_date": "date", "dose_lot": "lot", "dose_site": "site"}
_MIN_PREFIX = 5  # aliases shorter than this only match a header exactly
_ORDINAL_HEADERS = {"stt", "tt", "sott", "sothutu"}
# What only a person's data holds: a run of 9+ digits (ID, phone; spaces/dots allowed), a QR
# payload's separators, a full date.
_DATA_CELL = re.compile(r"\d(?:[ .\-]?\d){8,}|\|.*\||\b\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}\b")


@dataclass
class ColumnMap:
    """How one sheet column was read."""

    col: int
    header: str
    field: str | None
    note: str = ""


@dataclass
class Header:
    """Where the header is (0-based row index) and how its columns map."""

    row: int
    height: int
    columns: list[ColumnMap] = field(default_factory=list)

    @property
    def mapped(self) -> dict[str, int]:
        return {c.field: c.col for c in self.columns if c.field}


class AliasIndex:
    """Header text -> field, comparing folded keys: exact, else the longest alias prefix."""

    def __init__(
        self, aliases: dict[str, list[str]], ignore: list[str], forced: dict[str, str] | None = None
    ):
        """``forced`` maps field -> header text (--map); those win over every alias."""
        self.exact: dict[str, str] = {header_key(text): f for f, text in (forced or {}).items()}
        for fname, names in aliases.items():
            for alias in names:
                self.exact.setdefault(header_key(alias), fname)
        self._prefix = {k: f for k, f in self.exact.items() if len(k) >= _MIN_PREFIX}
        self._lengths = sorted({len(k) for k in self._prefix}, reverse=True)
        self.ignore = {header_key(i) for i in ignore}
        self._seen: dict[str, str | None] = {}

    def lookup(self, text: object) -> str | None:
        """The field a header text names, '' for an ignored header, None when unknown (each text
        looked up once)."""
        if text is None:
            return None
        shown = str(text)
        if shown not in self._seen:
            self._seen[shown] = self._lookup(shown)
        return self._seen[shown]

    def _lookup(self, text: str) -> str | None:
        if text.strip() == "":
            return None
        key = header_key(text)
        if key in self.exact:
            return self.exact[key]
        if any(key.startswith(i) for i in self.ignore):
            return ""
        for n in self._lengths:  # the longest alias the key starts with (one per length can)
            if len(key) > n and (found := self._prefix.get(key[:n])) is not None:
                return found
        return None


def _row_fields(row: list[object], index: AliasIndex) -> set[str]:
    return {f for f in (index.lookup(c) for c in row) if f}


def _spread_merges(top: list[str], row: int, merged: list) -> list[str]:
    top = list(top)
    for (r0, c0), (_r1, c1) in merged:
        if r0 == row and c0 < len(top):
            for c in range(c0 + 1, min(c1 + 1, len(top))):
                top[c] = top[c] or top[c0]
    return top


def _vertical_merge_cols(row: int, merged: list) -> set[int]:
    return {c for (r0, c0), (r1, c1) in merged if r0 == row and r1 > row for c in range(c0, c1 + 1)}


def find_header(
    rows: list[list[object]],
    merged: list,
    index: AliasIndex,
    *,
    scan: int,
    min_fields: int,
    gender_sub: dict[str, str],
    dose_prefixes: list[str],
) -> Header | None:
    """The best header in the first ``scan`` rows, or None when no row names a name field."""
    best, best_score = None, 0
    for r, row in enumerate(rows[:scan]):
        fields = _row_fields(row, index)
        if "name" in fields and len(fields) >= min_fields and len(fields) > best_score:
            best, best_score = r, len(fields)
    if best is None:
        return None
    width = max(len(r) for r in rows[best : best + 2])
    top = [cell_str(c) for c in rows[best]] + [""] * (width - len(rows[best]))
    sub = (
        ([cell_str(c) for c in rows[best + 1]] + [""] * width)[:width]
        if best + 1 < len(rows)
        else [""] * width
    )
    merged_top = _spread_merges(top, best, merged)
    spread = list(merged_top)
    for c in range(1, width):  # a group label also covers the unlabelled sub-columns to its right
        if not spread[c] and sub[c] and sub[c - 1] and spread[c - 1]:
            spread[c] = spread[c - 1]
    two_row = _is_sub_header(top, sub, spread, index, gender_sub, merged, best)
    group = spread if two_row else merged_top
    columns = _map_columns(group, sub if two_row else [""] * width, index, gender_sub, dose_prefixes)
    return Header(row=best, height=2 if two_row else 1, columns=columns)


def _is_sub_header(
    top: list[str],
    sub: list[str],
    group: list[str],
    index: AliasIndex,
    gender_sub: dict[str, str],
    merged: list,
    row: int,
) -> bool:
    name_cols = [c for c, t in enumerate(top) if index.lookup(t) == "name"]
    if any(sub[c] for c in name_cols) and not _vertical_merge_cols(row, merged) & set(name_cols):
        return False  # the name cell is filled: this is a data row
    if any(_DATA_CELL.search(text) for text in sub):
        return False  # an ID, a phone, a QR payload or a date: a data row whose name is blank
    numbered = [text for c, text in enumerate(sub) if text and header_key(top[c]) in _ORDINAL_HEADERS]
    if numbered and numbered[0].isdigit() and not all(text.strip("()").isdigit() for text in sub if text):
        return False  # a row number under "STT" beside other values: the first record
    gender_keys = {header_key(k) for k in gender_sub}
    under_dob = {header_key(text) for c, text in enumerate(sub) if text and index.lookup(group[c]) == "dob"}
    if len(under_dob & gender_keys) >= 2:  # "Nam" and "Nữ" side by side under the birth date
        return True
    if sum(1 for text in sub if text) < 2:  # one filled cell: a section heading ("KHU PHỐ 1")
        return False
    return any(text and index.lookup(text) for text in sub)


def _map_columns(
    group: list[str], sub: list[str], index: AliasIndex, gender_sub: dict[str, str], dose_prefixes: list[str]
) -> list[ColumnMap]:
    gender_keys = {header_key(k): v for k, v in gender_sub.items()}
    dose_re = re.compile(r"^(?:" + "|".join(re.escape(fold(p)) for p in dose_prefixes) + r")\s*(\d+)")
    columns: list[ColumnMap] = []
    seen: set[str] = set()
    ordinal: dict[str, int] = {}
    for c, (g, s) in enumerate(zip(group, sub, strict=False)):
        header = f"{g} / {s}" if g and s and g != s else (s or g)
        if not header:
            continue
        fname = index.lookup(s) if s else index.lookup(g)
        note = ""
        if s and not fname and header_key(s) in gender_keys and index.lookup(g) == "dob":
            fname = "dob@" + gender_keys[header_key(s)]
        if s and fname is None:
            fname = index.lookup(g + " " + s)
        if fname in PER_DOSE:
            m = dose_re.match(fold(g))
            ordinal[fname] = int(m.group(1)) if m else ordinal.get(fname, 0) + 1
            fname = f"dose{ordinal[fname]}_{PER_DOSE[fname]}"
        if fname == "id_number" and fname in seen and "old_id" not in seen:
            fname, note = "old_id", "second ID column"
        if fname == "":
            fname, note = None, "ignored"
        elif fname is None:
            note = "unknown header"
        elif fname in seen:
            fname, note = None, "duplicate column"
        if fname:
            seen.add(fname)
        columns.append(ColumnMap(col=c, header=header.replace("\n", " "), field=fname, note=note))
    return columns


def _kind(value: object) -> str:
    if isinstance(value, dt.date | dt.datetime):
        return "date"
    if isinstance(value, bool) or not isinstance(value, int | float):
        return "text"
    return "number"


def describe_rows(rows: list[list[object]]) -> Phrase | Joined:
    """Where the first filled rows are and what kinds of cells they hold, never what the cells say
    (said in the reader's language: 'dòng 1: 2 ô chữ' / 'row 1: 2 text cells')."""
    filled = [(i + 1, [_kind(c) for c in r if cell_str(c)]) for i, r in enumerate(rows)]
    filled = [(n, kinds) for n, kinds in filled if kinds]
    if not filled:
        return Phrase("hdr.no_filled_rows")
    parts = []
    for n, kinds in filled[:3]:
        counts = {k: kinds.count(k) for k in dict.fromkeys(kinds)}
        cells = Joined(
            tuple(
                Phrase("hdr.cells" if c > 1 else "hdr.cell", {"n": c, "kind": Phrase(f"hdr.kind_{k}")})
                for k, c in counts.items()
            ),
            ", ",
        )
        parts.append(Phrase("hdr.row", {"n": n, "cells": cells}))
    return Joined(tuple(parts))
