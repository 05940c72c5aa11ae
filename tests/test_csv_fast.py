"""The vectorised CSV reader of dose files reads exactly what the careful reader reads, or
declines: generated hostile files (stray quotes, quoted cells, cells over lines, ragged rows,
blank and title lines, byte-order marks, CRLF, single-byte and UTF-16 encodings) read both ways."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vaxrecon.errors import VaxreconError
from vaxrecon.ingest.doses import read_csv_fast, read_doses

HEADER = ["Họ và tên", "Ngày sinh", "Số CCCD", "Mũi số", "Tên vắc xin", "Ngày tiêm", "Mã xã", "Địa chỉ"]
PLAIN = [
    "Nguyễn Văn An",
    "Lê Thị Bình",
    "01/02/1980",
    "1975",
    "058080000001",
    "12345.0",
    "2.0",
    "Mũi 2",
    "M3",
    "1",
    "Pfizer",
    "22900",
    "22900.0",
    "Thôn Phú Thọ - xã X",
    " khu phố 1 ",
    "",
    "-4.0",
    '"=""058080000001"""',  # Excel's text cell ="058080000001", quoted
]
HOSTILE = ["Thôn Phú Thọ, xã X", '"', '""', '"a"', "a\nb", "a\r\nb", "\r", ",", ";", "\t", " ", "\u2028"]
HOSTILE += [
    "x|y",
    "Tổng cộng",
    "\x00",
    '"x,y"',
    '"x;y"',
    '"a""b"',
    ' "a"',
    '"a" ',
    '"a"b',
    'a"b"',
    '"a\nb"',
    '"x,\r\ny"',
    '="058080000001"',  # Excel's text cell, unquoted and quoted
    '"=""058080000001"""',
    '="a""b"',
]


@st.composite
def csv_files(draw) -> tuple[bytes, bool]:
    """A CSV file's bytes, and whether it is one the fast reader should accept (no hostility)."""
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    width = draw(st.integers(3, len(HEADER)))
    header = HEADER[:width]
    hostile = draw(st.booleans())
    cell = st.sampled_from(PLAIN + HOSTILE) if hostile else st.sampled_from(PLAIN)
    rows = []
    for _ in range(draw(st.integers(0, 12))):
        row = [
            draw(st.sampled_from(PLAIN[:2])),
            draw(st.sampled_from(PLAIN[2:4])),
            *draw(st.lists(cell, min_size=width - 2, max_size=width - 2)),
        ]
        if hostile and draw(st.integers(0, 5)) == 0:  # a ragged row, or a row of anything
            row = draw(st.lists(cell, min_size=0, max_size=width + 2))
        rows.append(row)
    lines = [delimiter.join(header), *(delimiter.join(r) for r in rows)]
    if hostile and draw(st.booleans()):
        lines.insert(0, "DANH SÁCH NGƯỜI ĐÃ TIÊM")
    if hostile and len(lines) > 2 and draw(st.booleans()):
        lines.insert(draw(st.integers(1, len(lines))), "")
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    text = newline.join(lines) + draw(st.sampled_from(["", newline]))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1258", "utf-16"]))
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        data = text.encode("utf-8")
    if hostile and draw(st.booleans()):
        data = b"\xef\xbb\xbf" + data if encoding != "utf-16" else data
    return data, not hostile


def _read(path, cfg, fast: bool):
    try:
        return read_doses([path], cfg, fast=fast)
    except VaxreconError as e:
        return (type(e), e.key, e.params)


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(csv_files())
def test_fast_reader_reads_what_the_careful_one_reads_or_declines(tmp_path, cfg, case):
    data, plain = case
    path = tmp_path / "doses.csv"
    path.write_bytes(data)
    fast = _read(path, cfg, fast=True)
    careful = _read(path, cfg, fast=False)
    if isinstance(careful, tuple) or isinstance(fast, tuple):
        assert fast == careful
        return
    pd.testing.assert_frame_equal(fast.doses, careful.doses)
    for f, c in zip(fast.reads, careful.reads, strict=True):
        assert f.notes == c.notes and f.metadata == c.metadata
        for fs, cs in zip(f.sheets, c.sheets, strict=True):
            assert (fs.sheet, fs.header, fs.problem) == (cs.sheet, cs.header, cs.problem)
            assert fs.skipped.to_dict("list") == cs.skipped.to_dict("list")
    if plain and len(careful.doses):  # a clean export with rows is read by the fast reader
        assert read_csv_fast(path, cfg) is not None


@pytest.mark.parametrize(
    "text",
    [
        'Họ và tên,Ngày sinh,Số CCCD\nAn,1980,058080000001\n"Bình,1981,058080000002\n',  # stray quote
        'Họ và tên,Ngày sinh,Số CCCD\nAn,"1980,058080000001\nBình,1981,0580"80000002,x\n',  # swallowed row
        'Họ và tên,Ngày sinh,Số CCCD\nAn,1980,"0580\n80000001"\n',  # a quoted cell over two lines
        "Họ và tên,Ngày sinh,Số CCCD\nAn,1980,058080000001\nBình,1981\n",  # ragged row
        "DANH SÁCH\nHọ và tên,Ngày sinh,Số CCCD\nAn,1980,058080000001\n",  # title line
        "Họ và tên,Ngày sinh,Số CCCD\nAn,1980,058080000001\nTổng cộng,,\n",  # a total row
        "Họ và tên,Ngày sinh,Số CCCD\nAn,1980,058080000001\n\nBình,1981,058080000002\n",  # blank line
        "Họ và tên,Ngày sinh,Số CCCD\nAn," + "9" * 6000 + ",058080000001\n",  # a line parse examines
    ],
)
def test_fast_reader_declines_what_it_cannot_prove(tmp_path, cfg, text):
    path = tmp_path / "doses.csv"
    path.write_text(text, "utf-8")
    assert read_csv_fast(path, cfg) is None


def test_fast_reader_reads_a_platform_export(tmp_path, cfg):
    path = tmp_path / "doses.csv"
    path.write_text(
        "\ufeffHO_TEN,NGAY_SINH,SO_CMT_CCCD,MUI_SO,TEN_VAC_XIN,NGAY_TIEM,DIA_DIEM_TIEM\r\n"
        'Nguyễn Văn An,01/02/1980,058080000001,Mũi 2,Pfizer,01/10/2021,"Trạm Y tế, xã A"\r\n'
        'Lê Thị Bình,1975,,1,AstraZeneca,02/10/2021,"Trạm ""số 2"""\r\n',
        "utf-8",
    )
    read = read_csv_fast(path, cfg)
    assert read is not None
    records = read.sheets[0].records
    assert records["row"].tolist() == [2, 3] and records["dose"].tolist() == ["2", "1"]
    assert records["name"].tolist() == ["Nguyễn Văn An", "Lê Thị Bình"]
    assert records["dose1_site"].tolist() == ["Trạm Y tế, xã A", 'Trạm "số 2"']
