"""A sheet's cells as codes into its distinct values, whose texts are computed once each.

List columns repeat heavily (villages, genders, dose numbers, blank cells), so reading a sheet
column by column costs one text per distinct value, not one per cell (see
:func:`~vaxrecon.normalize.text.distinct_typed`)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
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
        self._text = np.full(len(self.values), None, dtype=object)
        self._shown = np.full(len(self.values), None, dtype=object)
        self._matches: dict[str, np.ndarray] = {}

    def cells(self, sheet: int, start: int) -> Cells:
        """The rows of ``sheet`` from row index ``start`` down, as wide as the longest of them."""
        rows, width = self._sheets[sheet], self._widths[sheet]
        lo, hi = self._offsets[sheet], self._offsets[sheet + 1]
        body = max((len(r) for r in rows[start:]), default=0)
        codes = self.codes[lo:hi].reshape(len(rows), width)[start:, :body]
        cells = self._flat[lo:hi].reshape(len(rows), width)[start:, :body]
        return Cells(self, codes, cells, start + 1)

    def text(self, codes: np.ndarray) -> np.ndarray:
        """:func:`cell_text` of the cells ``codes`` name (shaped as ``codes``)."""
        return _known(self._text, codes, lambda todo: _cell_text(pd.Series(self.values[todo], dtype=object)))

    def filled(self, codes: np.ndarray) -> np.ndarray:
        """Whether the :func:`cell_text` of the cells ``codes`` name is not empty."""
        return self.text(codes) != ""

    def matches(self, pattern: str, codes: np.ndarray) -> np.ndarray:
        """Whether the text of the cells ``codes`` name fully matches ``pattern``."""
        known = self._matches.setdefault(pattern, np.full(len(self.values), None, dtype=object))

        def match(todo: np.ndarray) -> pd.Series:
            return pd.Series(self.text(todo), dtype="str").str.fullmatch(pattern)

        return _known(known, codes, match).astype(bool)

    def shown(self, codes: np.ndarray) -> np.ndarray:
        """:func:`cell_str` of the cells ``codes`` name (as the scalar reads a cell)."""
        return _known(self._shown, codes, lambda todo: [cell_str(v) for v in self.values[todo].tolist()])

    def of_shown(self, fn: Callable[[str], object], codes: np.ndarray) -> np.ndarray:
        """``fn`` of the :func:`cell_str` text of the cells ``codes`` name, once per distinct one
        (shaped as ``codes``)."""
        if codes.size == 0:
            return np.empty(codes.shape, dtype=object)
        wanted, at = np.unique(codes, return_inverse=True)
        got = np.array([fn(v) for v in self.shown(wanted).tolist()], dtype=object)
        return got[at].reshape(codes.shape)


def _known(store: np.ndarray, codes: np.ndarray, compute: Callable[[np.ndarray], object]) -> np.ndarray:
    """``store[codes]``, the entries not known yet (None) computed first, once per distinct code:
    a workbook's texts are made only for the cells a test reads."""
    wanted = np.unique(codes)
    todo = wanted[np.equal(store[wanted], None)]  # type: ignore[call-overload]
    if len(todo):
        got = compute(todo)
        store[todo] = got.to_numpy(dtype=object) if isinstance(got, pd.Series) else got
    return store[codes]


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
