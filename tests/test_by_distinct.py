"""Normalising each distinct value once gives what normalising every row gives."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from vaxrecon.normalize.ids import _cell_text, cell_text, normalize_ids
from vaxrecon.normalize.text import by_distinct, distinct_typed

CELLS = st.one_of(
    st.sampled_from(["", " 001 ", "12345678", "1.0", "HC: B1234567", "0912 345 678", "nan"]),
    st.text(max_size=6),
    st.integers(-5, 5),
    st.floats(allow_nan=True, allow_infinity=False, width=32),
    st.booleans(),
    st.none(),
    st.just(dt.date(2001, 2, 3)),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(CELLS, max_size=30), st.booleans())
def test_same_as_every_row(cells, as_text):
    raw = pd.Series(cells, dtype=object)
    if as_text:
        raw = raw.map(lambda v: v if v is None else str(v)).astype("str")
    pd.testing.assert_series_equal(cell_text(raw), _cell_text(raw))
    pd.testing.assert_frame_equal(by_distinct(normalize_ids, raw), normalize_ids(raw))


def test_repeats_are_computed_once_and_mixed_cells_are_not_merged():
    seen = []

    def spy(s: pd.Series) -> pd.Series:
        seen.append(len(s))
        return s.astype(str)

    text = pd.Series(["a", "b", "a", "a", np.nan, "a"] * 10, dtype=object, index=range(100, 160))
    out = by_distinct(spy, text)
    assert seen == [3]
    pd.testing.assert_series_equal(out, text.astype(str))
    mixed = pd.Series([1, 1.0, True, "1", 0.0, -0.0, False, None] * 10, dtype=object)
    assert by_distinct(spy, mixed).tolist() == mixed.astype(str).tolist()
    assert seen[-1] == 8  # once per value of each kind: 1, 1.0 and True are three cells


def test_distinct_typed_keeps_kinds_and_float_signs_apart():
    cells = np.array(
        [1, 1.0, True, "1", 0.0, -0.0, float("nan"), None, dt.date(2001, 2, 3), "1", 1.0], object
    )
    codes, values = distinct_typed(cells)
    assert len(values) == 9 and codes[3] == codes[9] and codes[1] == codes[10]
    for cell, code in zip(cells.tolist(), codes.tolist(), strict=True):
        got = values[code]
        assert type(got) is type(cell) and str(got) == str(cell)
