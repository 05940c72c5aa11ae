"""A sheet's cells as codes into its distinct values, whose texts are computed once each.

List columns repeat heavily (villages, genders, dose numbers, blank cells), so reading a sheet
column by column costs one text per distinct value, not one per cell (see
:func:`~vaxrecon.normalize.text.distinct_typed`)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import cached_property
from itertools import chain

import numpy as np
import pandas as pd

from vaxrecon.normalize.ids import _cell_text, cell_str
from vaxrecon.normalize.text import distinct_typed


class CellBook:
    """The cells of one or more sheets (each a list of rows) with each distinct cell's texts
    computed once for all of them: the sheets of a workbook repeat their titles, headers and
    village names."""

    def __init__(self, sheets: list[list[list[object]]]):
        self._sheets = sheets
        self._widths = [max((len(r) for r in rows), default=0) for rows in sheets]
        self._offsets = np.cumsum([0, *(len(rows) * w for rows, w in zip(sheets, self._widths, strict=True))])
        flat = np.fromiter(
            chain.from_iterable(_padded(rows, w) for rows, w in zip(sheets, self._widths, strict=True)),
            dtype=object,
            count=int(self._offsets[-1]),
        )
        self.codes, self.values = distinct_typed(flat)
        self._flat = flat

    def cells(self, sheet: int, start: int) -> Cells:
        """The rows of ``sheet`` from row index ``start`` down, as wide as the longest of them."""
        rows, width = self._sheets[sheet], self._widths[sheet]
        lo, hi = self._offsets[sheet], self._offsets[sheet + 1]
        body = max((len(r) for r in rows[start:]), default=0)
        codes = self.codes[lo:hi].reshape(len(rows), width)[start:, :body]
        cells = self._flat[lo:hi].reshape(len(rows), width)[start:, :body]
        return Cells(self, codes, cells, start + 1)

    @cached_property
    def text(self) -> pd.Series:
        """:func:`cell_text` of each distinct value (a text Series, positions as codes)."""
        return _cell_text(pd.Series(self.values, dtype=object)).reset_index(drop=True)

    @cached_property
    def filled(self) -> np.ndarray:
        """Whether each distinct value's :func:`cell_text` is not empty."""
        return (self.text != "").to_numpy(dtype=bool)

    @cached_property
    def shown(self) -> np.ndarray:
        """:func:`cell_str` of each distinct value (as the scalar reads a cell)."""
        return np.array([cell_str(v) for v in self.values.tolist()] or [], dtype=object)

    @cached_property
    def _matches(self) -> dict[str, np.ndarray]:
        return {}

    def matches(self, pattern: str) -> np.ndarray:
        """Whether each distinct value's text fully matches ``pattern``."""
        if pattern not in self._matches:
            self._matches[pattern] = self.text.str.fullmatch(pattern).to_numpy(dtype=bool, na_value=False)
        return self._matches[pattern]

    def of_shown(self, fn: Callable[[str], object], codes: np.ndarray) -> np.ndarray:
        """``fn`` of the :func:`cell_str` text of the cells ``codes`` name, once per distinct one
        (shaped as ``codes``)."""
        if codes.size == 0:
            return np.empty(codes.shape, dtype=object)
        wanted, at = np.unique(codes, return_inverse=True)
        got = np.array([fn(v) for v in self.shown[wanted].tolist()], dtype=object)
        return got[at].reshape(codes.shape)


def _padded(rows: list[list[object]], width: int) -> Iterator[object]:
    """The cells of ``rows`` in order, short rows filled out with None to ``width``."""
    if min(map(len, rows), default=width) == width:
        return chain.from_iterable(rows)
    return chain.from_iterable(r if len(r) == width else [*r, *[None] * (width - len(r))] for r in rows)


class Cells:
    """Rows of a sheet as a 2-D object array (``cells``) and the codes of its cells into the
    book's distinct values; ``rows`` are the row numbers Excel shows."""

    def __init__(self, book: CellBook, codes: np.ndarray, cells: np.ndarray, first: int):
        self.book, self.codes, self.cells = book, codes, cells
        self.width = codes.shape[1]
        self.rows = np.arange(first, first + len(codes), dtype=np.int64)

    @classmethod
    def of(cls, rows: list[list[object]], first: int) -> Cells:
        """The cells of ``rows`` alone, the first of them numbered ``first``."""
        return CellBook([rows]).cells(0, 0).renumbered(first)

    def renumbered(self, first: int) -> Cells:
        return Cells(self.book, self.codes, self.cells, first)

    def __len__(self) -> int:
        return len(self.rows)
