"""The CSV reader finds the separator of files as Excel and people write them: ';' (what
Vietnamese-locale Excel writes), ',', tab and '|', with quoted cells holding the other
separators, title rows above the header, rows that lost their trailing empty cells."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vaxrecon.ingest.csvfile import sniff_delimiter
from vaxrecon.ingest.lists import read_list
from vaxrecon.ingest.population import read_population_raw

HEADER = ["STT", "Họ và tên", "Ngày sinh", "Số CCCD", "Địa chỉ", "Ghi chú"]
CELLS = [
    "Thôn 3, xã Yên Bình",
    "Thôn 4, xã Yên Bình, huyện X",
    "Tổ 5; phường A",
    "Ấp 2, xã B; huyện C",
    'Thôn "Đông", xã A',
    "đã tiêm, mũi 2",
    "5,8080E+10",
    "x|y",
    "Xóm 1",
    "",
]
TITLES = ["DANH SÁCH NGƯỜI ĐĂNG KÝ TIÊM, XÃ YÊN BÌNH", "Ngày 12/3/2022, huyện X; tỉnh Y"]


def _cell(text: str, delimiter: str, quote_all: bool) -> str:
    if quote_all or delimiter in text or '"' in text:
        return '"' + text.replace('"', '""') + '"'
    return text


@st.composite
def list_files(draw) -> tuple[str, str, list[list[str]]]:
    """A list file's text, its separator and its data rows (STT, name, birth date, then cells)."""
    d = draw(st.sampled_from([";", ",", "\t", "|"]))
    quote_all = draw(st.booleans())
    width = draw(st.integers(4, len(HEADER)))
    rows = []
    for i in range(draw(st.integers(1, 25))):
        row = [str(i + 1), draw(st.sampled_from(["Nguyễn Văn An", "Lê Thị Bình"])), "1975", "058080000001"]
        row += draw(st.lists(st.sampled_from(CELLS), min_size=width - 4, max_size=width - 4))
        rows.append(row)
    lines = []
    for title in draw(st.lists(st.sampled_from(TITLES), max_size=2)):
        trailing = d * (width - 1) if draw(st.booleans()) else ""  # Excel writes them; people don't
        lines.append(_cell(title, d, quote_all) + trailing)
    lines.append(d.join(_cell(h, d, quote_all) for h in HEADER[:width]))
    for row in rows:
        cells = list(row)
        if draw(st.integers(0, 6)) == 0:  # a row that lost its trailing empty cells
            while cells[-1] == "":
                cells.pop()
        lines.append(d.join(_cell(c, d, quote_all) for c in cells))
    return "\r\n".join(lines) + "\r\n", d, rows


@settings(max_examples=200)
@given(list_files())
def test_the_separator_is_found(case):
    text, delimiter, _ = case
    assert sniff_delimiter(text) == delimiter


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(list_files())
def test_every_row_is_read_in_its_columns(tmp_path, cfg, case):
    text, _, rows = case
    path = tmp_path / "list.csv"
    path.write_text(text, "utf-8-sig")
    read = read_list(path, cfg)
    records = read.records
    assert len(records) == len(rows) and read.sheets[0].skipped.empty
    assert records["name"].tolist() == [r[1] for r in rows]
    assert records["id_number"].tolist() == [r[3] for r in rows]
    if len(rows[0]) > 4:
        assert [a or "" for a in records["address"]] == [r[4] for r in rows]  # a lost cell is None


@pytest.mark.parametrize(
    ("text", "delimiter"),
    [
        # Vietnamese-locale Excel: ';', quoted only where a cell holds ';'; a title row with a comma
        (
            "Ngày 12/3/2022, huyện X;;;\r\nSTT;Họ và tên;Ngày sinh;Địa chỉ\r\n"
            '1;An;1975;Thôn 4, xã Yên Bình, huyện X\r\n2;Bình;1980;"Ấp 2, xã B; huyện C"\r\n'
            "3;Chi;1981;Trạm y tế, xã A\r\n4;Dũng;1975\r\n",
            ";",
        ),
        # rows that lost their trailing empty cells (the standard library falls back to ',')
        (
            "DANH SÁCH, XÃ A;;\r\nSTT;Họ và tên;Ngày sinh\r\n1;An;1975\r\n2;Bình\r\n3;Chi;1980\r\n4;Dũng\r\n",
            ";",
        ),
        ("Họ và tên|Ngày sinh|Địa chỉ\nAn|1980|Thôn 3, xã Yên Bình\nBình|1981|Xóm 1, xã A\n", "|"),
        ('Họ và tên\tNgày sinh\tĐịa chỉ\nAn\t1980\t"Thôn 3, xã A; huyện X"\nBình\t1981\tXóm 1, xã A\n', "\t"),
        ('Họ và tên,Ngày sinh,Địa chỉ\nAn,1980,"Thôn 3; xã A; huyện X"\nBình,1981,"Xóm 1; xã A"\n', ","),
        ("Họ và tên\n", ","),  # one column: nothing to choose from
    ],
)
def test_the_separator_of_hard_cases(text, delimiter):
    assert sniff_delimiter(text) == delimiter


@pytest.mark.parametrize("sep", [";", ",", "\t", "|"])
def test_an_extract_header_with_a_quoted_separator(tmp_path, cfg, sep):
    other = "," if sep != "," else ";"
    path = tmp_path / "extract.csv"
    path.write_text(
        sep.join(["Số định danh", f'"Họ{other} chữ đệm và tên"', "Ngày sinh"])
        + "\n"
        + sep.join(["058080000001", "Nguyễn Văn An", "01/02/1980"])
        + "\n",
        "utf-8",
    )
    raw = read_population_raw(path, cfg)
    assert raw.to_dict("records") == [
        {"id_number": "058080000001", "name": "Nguyễn Văn An", "dob": "01/02/1980"}
    ]
