"""Property: whatever the cells of a list hold, the readers (and the normalisers after them) either
read it or raise InputError — never another exception."""

from __future__ import annotations

import csv
import datetime as dt
import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vaxrecon.errors import InputError
from vaxrecon.ingest.lists import read_list, read_sheet
from vaxrecon.ingest.workbook import Grid
from vaxrecon.normalize.records import normalize_records

HEADER = ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD", "Số điện thoại", "Thôn", "Mã QR"]
TODAY = dt.date(2021, 11, 6)
_NASTY = st.sampled_from(
    [
        '"',
        "'",
        "=1+1",
        "\n",
        "\r\n",
        "\x00",
        "\ufeff",
        "-",
        "−058080001234",
        "1e+11",
        "058 080 001 234",
        "31/02/1980",
        "00/00/0000",
        "9999",
        "Nam/Nữ",
        "|||",
        "Tổng cộng",
        "THÔN 1",
        "(1)",
        "Người lập biểu",
        "Họ và tên",
        "\u0301",
        "ư\u0309",
        "𝔄",
    ]
)
CELL = st.one_of(
    st.none(),
    st.text(max_size=30),
    _NASTY,
    st.integers(-(10**15), 10**15),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)),
    st.datetimes(dt.datetime(1, 1, 1), dt.datetime(9999, 12, 31)),
)
ROWS = st.lists(st.lists(CELL, max_size=len(HEADER) + 2), max_size=12)
FAST = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _read(grid: Grid, cfg: dict) -> None:
    try:
        sheet = read_sheet(grid, "x.xlsx", cfg)
        if len(sheet.records):
            normalize_records(sheet.records, cfg, TODAY)
    except InputError:
        pass


@FAST
@given(rows=ROWS, titles=st.lists(st.lists(CELL, max_size=4), max_size=3))
def test_random_cells_under_a_header_are_read_or_refused(cfg, rows, titles):
    _read(Grid("DS", [*titles, HEADER, *rows]), cfg)


@FAST
@given(rows=ROWS)
def test_random_grids_without_a_header_are_read_or_refused(cfg, rows):
    _read(Grid("DS", rows), cfg)


@FAST
@given(
    rows=st.lists(st.lists(st.text(max_size=25) | _NASTY, max_size=9), max_size=10),
    tail=st.binary(max_size=40),
    encoding=st.sampled_from(["utf-8", "cp1258", "utf-16"]),
)
def test_random_csv_files_are_read_or_refused(cfg, tmp_path, rows, tail, encoding):
    out = io.StringIO()
    csv.writer(out).writerows([HEADER, *rows])
    try:
        data = out.getvalue().encode(encoding, errors="replace") + tail
    except UnicodeEncodeError:
        return
    path = tmp_path / "list.csv"
    path.write_bytes(data)
    try:
        listed = read_list(path, cfg)
        if len(listed.records):
            normalize_records(listed.records, cfg, TODAY)
    except InputError:
        pass
