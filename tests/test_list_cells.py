"""A workbook's cells read column-wise (each distinct cell's text made once) read as every cell
read alone does, whatever mix of kinds a column holds, and ragged rows are filled out."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from vaxrecon.ingest.cells import CellBook, Cells
from vaxrecon.normalize.ids import _cell_text, cell_str

CELLS = st.one_of(
    st.sampled_from(["", " 001 ", "1", "1.0", "12.0", "nan", "  ", "Nguyễn Văn An", "058 198 417 310"]),
    st.text(max_size=5),
    st.integers(-3, 3),
    st.floats(allow_nan=True, allow_infinity=True, width=32),
    st.sampled_from([0.0, -0.0, 1.0, 1e16, 58198417310.0]),
    st.booleans(),
    st.none(),
    st.sampled_from([dt.date(2001, 2, 3), dt.datetime(2001, 2, 3), dt.datetime(2001, 2, 3, 4, 5)]),
)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.lists(CELLS, max_size=4), max_size=8), st.lists(st.lists(CELLS, max_size=3), max_size=4))
def test_texts_are_what_each_cell_reads_alone(first, second):
    book = CellBook([first, second])
    for sheet, rows in enumerate((first, second)):
        cells = book.cells(sheet, 0)
        width = max((len(r) for r in rows), default=0)
        padded = [[*r, *[None] * (width - len(r))] for r in rows]
        assert cells.cells.shape == (len(rows), width) and cells.cells.tolist() == padded
        flat = [v for r in padded for v in r]
        expected = _cell_text(pd.Series(flat, dtype=object)).tolist()
        assert book.text(cells.codes).ravel().tolist() == expected
        assert book.shown(cells.codes).ravel().tolist() == [cell_str(v) for v in flat]
        assert book.filled(cells.codes).ravel().tolist() == [t != "" for t in expected]


def test_rows_below_a_header_are_numbered_as_excel_shows_them():
    rows = [["STT", "Họ tên"], ["(1)", "(2)"], [1.0, "An"], [2.0]]
    cells = CellBook([rows]).cells(0, 2)
    assert cells.rows.tolist() == [3, 4] and cells.cells.tolist() == [[1.0, "An"], [2.0, None]]
    alone = Cells.of(rows[2:], 3)
    assert alone.rows.tolist() == [3, 4] and np.array_equal(alone.cells, cells.cells)


def test_a_pattern_is_tested_on_each_cells_text():
    rows = [["058198417310", 58198417310.0, "x|y", True, None]]
    book = CellBook([rows])
    codes = book.cells(0, 0).codes
    assert book.matches(r"\d{11,12}", codes).tolist() == [[True, True, False, False, False]]
    assert book.matches(r".*\|.*", codes).tolist() == [[False, False, True, False, False]]
