"""Normalising a frame is row by row: whatever short paths and per-distinct work a column takes,
each output row is what normalising its input row alone gives."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from vaxrecon.config import load_config
from vaxrecon.normalize.ids import cell_text
from vaxrecon.normalize.records import normalize_records
from vaxrecon.normalize.text import unify_tones, unify_tones_series

TODAY = dt.date(2021, 11, 6)
CFG = load_config()

LETTERS = "aAeEyYoOuUqQiIđĐ hnNgtT\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b\u00a0\u200bàáạặậệýỵúủÙ"
WORDS = st.sampled_from(
    [
        "Nguyễn",
        "NGUYỄN",
        "Hoà",
        "Hòa",
        "Thuỷ",
        "qúy",
        "Quý",
        "Khoẻ",
        "Đặng",
        "Nguyá»…n",  # UTF-8 read as cp1252
        "Thị",
        "Hoàng",
        "",
        " ",
        "\u00a0",
        "Lê\u200b",
    ]
)
NAMES = st.one_of(
    st.lists(WORDS, max_size=4).map(" ".join),
    st.text(LETTERS, max_size=8),
    st.none(),
    st.just(float("nan")),
)
DATES = st.one_of(
    st.sampled_from(
        ["05/11/1960", "5/11/60", "1960", "22225", "31/02/1990", "ngày 5 tháng 11 năm 1960", "", "x"]
    ),
    st.just(dt.datetime(1960, 11, 5)),
    st.just(dt.date(2001, 2, 3)),
    st.integers(20000, 40000),
    st.floats(1950, 2030),
    st.just(float("nan")),
    st.none(),
)
IDS = st.one_of(
    st.from_regex(r"[0-9]{8,12}", fullmatch=True),
    st.sampled_from(
        [
            "",
            " 058190001234 ",
            "058 190 001 234",
            "5.81900E+10",
            "-123456789",
            "HC: B1234567",
            "Hộ chiếu số 12345678",
            "B1234567",
            "12345",
            "123456789.0",
            "０１２３４５６７８",  # full-width digits
        ]
    ),
    st.integers(10_000_000, 999_999_999_999),
    st.floats(1e7, 1e12).map(float.__floor__).map(float),
    st.none(),
)
GENDERS = st.sampled_from(["Nam", "nữ", "NU", "1", "0", "x", "", None])
COMMUNES = st.sampled_from(["Thị trấn Khánh Hải", "Xã Phước Dân", "", "Khánh Hải", None])
VILLAGES = st.sampled_from(["Thôn 3", "Ấp Phú Thọ", "", "thon 3", None])
ADDRESSES = st.sampled_from(["Thôn 5, Khánh Hải", "Ấp 1,", "", "12 Lê Lợi", None])
ROWS = st.fixed_dictionaries(
    {
        "name": NAMES,
        "dob": DATES,
        "id_number": IDS,
        "old_id": st.one_of(IDS, st.just("")),
        "gender": GENDERS,
        "commune": COMMUNES,
        "village": VILLAGES,
        "address": ADDRESSES,
        "note": st.sampled_from(["", "Quốc tịch Hàn Quốc", "người nước ngoài", "QT: Việt Nam"]),
        "phone": st.sampled_from(["0912 345 678", "912345678", "", None]),
    }
)


@settings(max_examples=25, deadline=None)
@given(
    st.lists(ROWS, min_size=1, max_size=8),
    st.lists(st.integers(0, 7), min_size=2, max_size=40),
    st.booleans(),
)
def test_a_frame_normalises_as_its_rows_do(pool, picks, as_text):
    """Rows repeat (so columns go per distinct value) and a text column (as an extract is read)
    takes the short paths; the frame without its last row, and that row alone, give the same rows."""
    raw = pd.DataFrame([pool[i % len(pool)] for i in picks], dtype=object)
    if as_text:
        raw = raw.map(lambda v: None if v is None or v != v else str(v)).astype("str")
    whole = normalize_records(raw, CFG, TODAY)
    parts = pd.concat(
        [normalize_records(raw.iloc[:-1], CFG, TODAY), normalize_records(raw.iloc[-1:], CFG, TODAY)]
    )
    pd.testing.assert_frame_equal(parts, whole)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(NAMES.filter(lambda v: isinstance(v, str)), st.text(LETTERS)), max_size=20))
def test_tone_placement_series_is_the_scalar_rule(values):
    text = pd.Series(values, dtype=object)
    expected = [unify_tones(v) for v in values]
    assert unify_tones_series(text).tolist() == expected
    assert unify_tones_series(text.astype("str")).tolist() == expected


@settings(max_examples=100, deadline=None)
@given(st.lists(st.one_of(st.text(" 0123456789.-\u00a0a", max_size=8), st.none()), max_size=20))
def test_a_text_column_read_as_cells(values):
    text = pd.Series(values, dtype="str")
    as_cells = cell_text(pd.Series(values, dtype=object))
    pd.testing.assert_series_equal(cell_text(text, as_cells=True), as_cells)
    assert cell_text(text).tolist() == [(v or "").strip() for v in values]


def test_plain_and_other_ids_in_one_column_keep_their_rows():
    cells = pd.Series(
        ["058190001234", "HC: B1234567", None, "23456789", "5.81900E+10"], index=[5, 3, 9, 1, 0]
    )
    got = normalize_records(pd.DataFrame({"id_number": cells, "name": "A", "dob": "1960"}), CFG, TODAY)
    assert got["id_kind"].tolist() == ["cccd", "passport", "missing", "cmnd", "unusable"]
    assert got["id_value"].tolist() == ["058190001234", "B1234567", "", "023456789", ""]
    assert got.index.tolist() == [5, 3, 9, 1, 0] and np.array_equal(got["dob_y"], [1960] * 5)
