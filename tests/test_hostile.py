"""Hostile and accidental inputs to `verify`: each is exit 2 with one plain sentence, nothing
written, no personal data in the message. Every file is generated here (bombs included)."""

from __future__ import annotations

import hashlib
import json
import os
import unicodedata
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from hostile_files import (
    HEADER,
    SECRETS,
    cp1258,
    csv_rows,
    good_xlsx,
    repack,
    with_entities,
    write_csv,
)
from sheets import save
from typer.testing import CliRunner

from vaxrecon.cli import app
from vaxrecon.errors import InputError

runner = CliRunner()


def _workbook_xml(tmp: Path) -> bytes:
    return zipfile.ZipFile(good_xlsx(tmp / "base.xlsx")).read("xl/workbook.xml")


def _stray_quote(tmp: Path) -> Path:
    rows = csv_rows(2000)
    rows[10] = rows[10].replace("Người", '"Người', 1)  # data row 11, file line 12
    return write_csv(tmp / "stray.csv", [HEADER, *rows])


def _two_stray_quotes(tmp: Path) -> Path:
    rows = csv_rows(30)
    rows[4] = rows[4].replace("Người", '"Người', 1)
    rows[7] = rows[7].replace("Người", 'Người"', 1)
    return write_csv(tmp / "two.csv", [HEADER, *rows])


def _two_stray_quotes_two_columns(tmp: Path) -> Path:
    """A list of names and birth dates only: the rows a pair of stray quotes swallows hold one comma."""
    rows = [f"Người Thứ {i},{1 + i % 28:02d}/01/1980" for i in range(1, 101)]
    rows[10], rows[15] = '"' + rows[10], '"' + rows[15]  # file lines 12 and 17
    return write_csv(tmp / "two_columns.csv", ["Họ và tên,Ngày sinh", *rows])


def _huge_field(tmp: Path) -> Path:
    return write_csv(tmp / "huge.csv", [HEADER, *csv_rows(3), '4,"' + "x" * 200_000 + '",01/01/1980,Nam,,,'])


def _no_header_with_people(tmp: Path) -> Path:
    return save(
        [
            ["Nguyễn Văn An", "15/07/1975", "058080001234", "0912345678"],
            ["TRẦN THỊ BÌNH", "15/07/1975", "058175002345", "0912 345 678"],
        ],
        tmp / "noheader.xlsx",
    )


def _xlsx(name: str, replace=None, **kw):
    """A builder: the good form repacked as ``name`` with parts replaced (``replace(tmp)``) or bombed."""
    return lambda t: repack(good_xlsx(t / "b.xlsx"), t / name, replace=replace(t) if replace else None, **kw)


def _far_cell(tmp: Path) -> Path:
    """A 5 kB list with one cell at XFD1048576: the reader would allocate 17 billion cells."""
    import openpyxl

    wb = openpyxl.load_workbook(good_xlsx(tmp / "near.xlsx"))
    wb.active.cell(row=1_048_576, column=16_384, value="x")
    wb.save(tmp / "far.xlsx")
    return tmp / "far.xlsx"


# Bytes that, changed in the shipped .xls, make calamine's native code abort (an 86 GB allocation).
_XLS_DAMAGE = [
    (27987, 89),
    (38075, 102),
    (50755, 174),
    (84906, 131),
    (100079, 212),
    (115507, 11),
    (276679, 2),
    (278279, 193),
    (342433, 202),
    (352172, 9),
    (357607, 207),
    (400861, 212),
    (409168, 89),
]


def _damaged_xls(tmp: Path) -> Path:
    shipped = Path(__file__).parents[1] / "sample_data" / "lists" / "ds_02_phuoc_huu_platform.xls"
    data = bytearray(shipped.read_bytes())
    if hashlib.sha256(data).hexdigest() != "d5ff2cb59e9612205f8e1ee837ff9f2689af516a2adebfce0bccdbd03bbad153":
        pytest.skip("the shipped .xls was regenerated: find new damage (see test_isolated_reader_*)")
    for pos, value in _XLS_DAMAGE:
        data[pos] = value
    (tmp / "damaged.xls").write_bytes(bytes(data))
    return tmp / "damaged.xls"


def _prolog_too_long(tmp: Path) -> bytes:
    return b'<?xml version="1.0"?>' + b"<!--" + b"x" * 70_000 + b"-->" + _workbook_xml(tmp).split(b"?>")[-1]


CASES = {
    # name: (builder, words the one sentence must hold, extra config lines)
    "stray quote": (_stray_quote, "line 12", ""),
    "two stray quotes": (_two_stray_quotes, "line 6", ""),
    "two stray quotes, two columns": (_two_stray_quotes_two_columns, "line 12", ""),
    "cell of 200,000 characters": (_huge_field, "line 5", ""),
    "NUL bytes": (
        lambda t: (t / "nul.csv").write_bytes(b"\x00\x01binary" * 50) and t / "nul.csv",
        "not a text CSV",
        "",
    ),
    "no header, personal data": (_no_header_with_people, "no header row", ""),
    "zip bomb in the sheet": (
        _xlsx("bomb.xlsx", bombs={"xl/worksheets/sheet1.xml": 1100}),
        "decompression bomb",
        "",
    ),
    "zip bomb, sizes lied about": (
        _xlsx("lie.xlsx", bombs={"xl/worksheets/sheet1.xml": 1100}, lie=True),
        "decompression bomb",
        "",
    ),
    "zip bomb in an unused part": (
        _xlsx("unused.xlsx", bombs={"xl/media/image1.xml": 1100}),
        "decompression bomb",
        "",
    ),
    "part over the size limit": (
        _xlsx("big.xlsx", bombs={"xl/worksheets/sheet1.xml": 3}),
        "more than 2 MB",
        "read: {limits: {max_part_mb: 2}}",
    ),
    "parts over the total limit": (
        _xlsx("total.xlsx", bombs={f"xl/{c}.xml": 1 for c in "abcd"}),
        "more than 3 MB",
        "read: {limits: {max_total_mb: 3, max_part_mb: 2}}",
    ),
    "one far cell": (_far_cell, "row 1,048,576, column 16,384", ""),
    ".xls that aborts the native reader": (_damaged_xls, "reader stopped on it", ""),
    "too many parts": (
        _xlsx("parts.xlsx", replace=lambda t: {f"xl/p{i}.xml": b"<a/>" for i in range(30)}),
        "parts",
        "read: {limits: {max_parts: 20}}",
    ),
    "file over the size limit": (
        lambda t: write_csv(t / "long.csv", [HEADER, *csv_rows(16000)]),
        "larger than",
        "read: {limits: {max_file_mb: 1}}",
    ),
    "entities in workbook.xml": (
        _xlsx("ent.xlsx", replace=lambda t: {"xl/workbook.xml": with_entities(_workbook_xml(t))}),
        "XML entities",
        "",
    ),
    "entities in an unused part": (
        _xlsx("ent2.xlsx", replace=lambda t: {"docProps/custom.xml": with_entities(b"<a>&lol2;</a>")}),
        "XML entities",
        "",
    ),
    "prolog too long to check": (
        _xlsx("prolog.xlsx", replace=lambda t: {"xl/workbook.xml": _prolog_too_long(t)}),
        "XML entities",
        "",
    ),
    "zip with a broken part": (
        _xlsx("broken.xlsx", bombs={"xl/worksheets/sheet1.xml": 1}, lie=True),
        "could not be opened",
        "",
    ),
    "text named .xlsx": (
        lambda t: (t / "t.xlsx").write_text("STT,Họ và tên") and t / "t.xlsx",
        "could not be opened",
        "",
    ),
    "UTF-16 without a valid body": (
        lambda t: (t / "u.csv").write_bytes(b"\xff\xfeA\x00\xd8") and t / "u.csv",
        "UTF-16",
        "",
    ),
    "folder named .csv": (lambda t: (t / "dir.csv").mkdir() or t / "dir.csv", "folder", ""),
    "link looping on itself": (
        lambda t: (t / "loop.csv").symlink_to(t / "loop.csv") or t / "loop.csv",
        "does not exist",
        "",
    ),
}


@pytest.fixture
def pop(tmp_path):
    pop = tmp_path / "pop.csv"
    pop.write_text("SO_DINH_DANH,HO_VA_TEN,NGAY_SINH\n058085000123,Phan Văn Hải,1985\n", "utf-8")
    return pop


def _verify(tmp_path: Path, pop: Path, path: Path, config: str = "", *extra: str):
    cfg = tmp_path / "c.yaml"
    cfg.write_text(config + "\n", "utf-8")
    return runner.invoke(
        app,
        [
            "verify",
            str(path),
            "-p",
            str(pop),
            "-o",
            str(tmp_path / "out"),
            "--ledger",
            str(tmp_path / "ledger.sqlite"),
            "--config",
            str(cfg),
            "--lang",
            "en",
            *extra,
        ],
    )


@pytest.mark.parametrize("case", list(CASES))
def test_hostile_input_is_one_sentence_exit_2_nothing_written_nothing_leaked(tmp_path, pop, case):
    build, words, config = CASES[case]
    files = tmp_path / "in"
    files.mkdir()
    path = build(files)
    result = _verify(tmp_path, pop, path, config)
    assert result.exit_code == 2, (result.output, result.exception)
    assert words in result.output
    text = " ".join(result.output.split())
    assert "Traceback" not in text and text.count(". ") <= 3 and len(text) < 600
    assert not any(secret in result.output for secret in SECRETS), result.output
    assert not (tmp_path / "out").exists() and not (tmp_path / "ledger.sqlite").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out")]


def test_a_bomb_is_refused_without_inflating_it(tmp_path):
    """The check stops within a few MB of inflation: it takes milliseconds, not gigabytes."""
    import resource
    import time

    from vaxrecon.errors import InputError
    from vaxrecon.ingest.workbook import read_grids

    bomb = _xlsx("bomb.xlsx", bombs={"xl/worksheets/sheet1.xml": 1100})(tmp_path)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    with pytest.raises(InputError, match="decompression bomb"):
        read_grids(bomb)
    assert time.perf_counter() - start < 5
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 100 * 1024  # kB


def _accidental_lists(folder: Path) -> list[Path]:
    """Lists that are odd but readable: each must be read right (one verify run reads them all)."""
    notes = csv_rows(6)
    notes[2] = notes[2].replace("Thôn 4", '"Thôn 4\ngần chợ"')
    notes[3] = notes[3].replace("Thôn 5", '"Số 5\nThôn 5, xã Phước Hải, huyện Ninh Phước, tỉnh Ninh Thuận"')
    w1252 = ["STT,Ho va ten,Ngay sinh,Gioi tinh", "1,Lò Thi Mì,01/02/1980,Nam", "2,Hà Van Tý,02/03/1981,Nam"]
    formula = [
        HEADER,
        '1,=HYPERLINK("http://x"),01/02/1980,Nam,,,Thôn 1',
        "2,@SUM(A1),02/03/1981,Nam,,,-3+4",
        "3,+84 Trần,03/03/1981,Nam,,,\tThôn",
    ]
    ids = [
        HEADER,
        "1,Người Một,31/02/1980,Nam,-058080001234,,",
        "2,Người Hai,01/02/1980,Nam,058-080-001-235,,",
    ]
    return [
        write_csv(folder / "DS[1].csv", [HEADER, *csv_rows(5)]),
        write_csv(folder / "notes.csv", [HEADER, *notes]),
        write_csv(folder / "u16.csv", [HEADER, *csv_rows(4)], encoding="utf-16"),
        write_csv(folder / "w1252.csv", w1252, encoding="cp1252"),
        write_csv(folder / "formula.csv", formula),
        write_csv(folder / "ids.csv", ids),
    ]


@pytest.fixture(scope="module")
def accidental(tmp_path_factory):
    """One verify run over every accidental list: its results (as text) by source, and its log."""
    import logging

    tmp = tmp_path_factory.mktemp("accidental")
    pop = tmp / "pop.csv"
    pop.write_text("SO_DINH_DANH,HO_VA_TEN,NGAY_SINH\n058085000123,Phan Văn Hải,1985\n", "utf-8")
    records: list[str] = []
    handler = logging.Handler()
    handler.emit = lambda record: records.append(record.getMessage())  # type: ignore[method-assign]
    logging.getLogger("vaxrecon").addHandler(handler)
    try:
        result = runner.invoke(
            app,
            [
                "verify",
                *map(str, _accidental_lists(tmp)),
                "-p",
                str(pop),
                "-o",
                str(tmp / "out"),
                "--no-ledger",
                "--lang",
                "en",
            ],
        )
    finally:
        logging.getLogger("vaxrecon").removeHandler(handler)
    assert result.exit_code == 0, result.output
    text = (tmp / "out" / "results.csv").read_text("utf-8")
    res = pd.read_csv(tmp / "out" / "results.csv", dtype=str, keep_default_na=False)
    summary = json.loads((tmp / "out" / "summary.json").read_text("utf-8"))
    warnings = {item["name"]: item["warnings"] for item in summary["lists"]}
    by_source = {name: rows for name, rows in res.groupby("source")}
    return by_source, text, "\n".join(records), warnings, result.output


def test_a_csv_named_with_sheet_name_characters_is_read(accidental):
    rows = accidental[0]["DS[1].csv"]
    assert (rows["sheet"] == "DS_1_").all() and len(rows) == 5


def test_multi_line_cells_that_are_real_are_kept(accidental):
    assert len(accidental[0]["notes.csv"]) == 6


def test_a_utf16_csv_is_read(accidental):
    assert accidental[0]["u16.csv"]["listed_name"].tolist()[:2] == ["Người Thứ 1", "Người Thứ 2"]


def test_windows_1252_is_told_from_cp1258_by_which_reads_as_vietnamese(accidental, tmp_path):
    from vaxrecon.ingest.workbook import decode_text

    assert accidental[0]["w1252.csv"]["listed_name"].tolist() == ["Lò Thi Mì", "Hà Van Tý"]
    assert "w1252.csv was read as cp1252" in accidental[2]
    vietnamese = tmp_path / "w1258.csv"
    vietnamese.write_bytes(cp1258("STT,Ho va ten,Ngay sinh\n1,Lò Thị Mì,01/02/1980\n"))
    decoded = decode_text(vietnamese, ["utf-8-sig", "cp1258", "cp1252"])
    assert "Lò Thị Mì" in unicodedata.normalize("NFC", decoded)


def test_a_fallback_encoding_is_a_list_warning_in_the_summary_and_on_the_terminal(accidental, tmp_path):
    _, _, _, warnings, output = accidental
    (fallback,) = [w for w in warnings["w1252.csv"] if w["code"].startswith("encoding")]
    assert fallback["code"] == "encoding_fallback"
    expected = "w1252.csv does not read as Vietnamese in Windows-1258, so it was read as Windows-1252"
    assert expected in fallback["message"]
    assert fallback["message"] in " ".join(output.split())
    others = [w["code"] for name, ws in warnings.items() if name != "w1252.csv" for w in ws]
    assert not [c for c in others if c.startswith("encoding")]
    pop = write_csv(
        tmp_path / "pop.csv", ["SO_DINH_DANH,HO_VA_TEN,NGAY_SINH", "058085000123,Phan Văn Hải,1985"]
    )
    lst = write_csv(tmp_path / "w.csv", ["Ho va ten,Ngay sinh", "Lò Thi Mì,1980"], encoding="cp1252")
    vi = runner.invoke(app, ["verify", str(lst), "-p", str(pop), "-o", str(tmp_path / "o"), "--no-ledger"])
    assert vi.exit_code == 0, vi.output
    assert "đã được đọc theo bảng mã Windows-1252" in " ".join(vi.output.split())


def test_cells_excel_would_run_are_written_as_text(accidental):
    text = accidental[1]
    for bad in ("=HYPERLINK", "@SUM", "+84 Trần"):
        assert f"'{bad}" in text
    first_chars = {cell[:1] for line in text.splitlines()[1:] for cell in line.split(",")}
    assert not first_chars & {"=", "+", "-", "@", "\t", "\r"}


def test_a_minus_sign_makes_an_id_malformed_and_a_bad_date_is_only_invalid(accidental):
    rows = accidental[0]["ids.csv"]
    assert rows["id_kind"].tolist() == ["malformed", "cccd"]
    reasons = rows["reasons"].iloc[0].split(";")
    assert "dob_invalid" in reasons and "dob_missing" not in reasons


def test_an_internal_error_does_not_quote_what_caused_it(tmp_path, pop, monkeypatch):
    def boom(*args, **kwargs):
        raise KeyError("Nguyễn Văn An 058080001234")

    monkeypatch.setattr("vaxrecon.pipeline.read_list", boom)
    result = _verify(tmp_path, pop, write_csv(tmp_path / "ok.csv", [HEADER, *csv_rows(2)]))
    assert result.exit_code == 1 and "KeyError" in result.output
    assert not any(secret in result.output for secret in SECRETS)


@pytest.mark.parametrize(
    "call, words",
    [
        (lambda: os.abort(), "stopped on it"),  # a native abort
        (lambda: bytearray(8 * 1024**3), "stopped on it"),  # more memory than the cap
        (lambda: (_ for _ in ()).throw(InputError("x.xls is bad.")), "x.xls is bad."),
    ],
)
def test_isolated_reader_turns_a_dying_parser_into_one_sentence(call, words):
    from vaxrecon.ingest.isolate import run_isolated

    with pytest.raises(InputError, match=words):
        run_isolated(call, "x.xls", memory_mb=512)
    assert run_isolated(lambda: [["a", 1.5, None]], "x.xls", memory_mb=512) == [["a", 1.5, None]]


def test_a_runaway_csv_cell_is_refused_in_vietnamese_by_default(tmp_path, pop):
    path = _stray_quote(tmp_path)
    result = runner.invoke(
        app, ["verify", str(path), "-p", str(pop), "-o", str(tmp_path / "o"), "--no-ledger"]
    )
    assert result.exit_code == 2
    shown = " ".join(result.output.split())
    assert "không đọc an toàn được: một ô bắt đầu ở dòng 12" in shown and "ngoặc kép" in shown
    assert not (tmp_path / "o").exists()


@pytest.mark.parametrize("quotes", [1, 2])
def test_an_extract_with_stray_quotes_is_refused_naming_the_line_never_its_people(tmp_path, quotes):
    """One stray quote made the extract's parser quote the rows after it in the error; a pair of
    them made it fold five people into one name cell without a word."""
    people = [f"0580{50 + i % 40:02d}{i:06d},Người Thứ {i},01/01/19{50 + i % 40}" for i in range(1, 2001)]
    for i in (10, 15)[:quotes]:
        people[i] = people[i].replace("Người", '"Người', 1)  # file lines 12 and 17
    pop = write_csv(tmp_path / "pop.csv", ["SO_DINH_DANH,HO_VA_TEN,NGAY_SINH", *people])
    lst = write_csv(tmp_path / "DS.csv", [HEADER, *csv_rows(3)])
    result = _verify(tmp_path, pop, lst)
    assert result.exit_code == 2, result.output
    shown = " ".join(result.output.split())
    assert "line 12" in shown and "Người Thứ" not in shown and "0580" not in shown


def test_a_hidden_sheet_holding_a_list_is_a_warning_not_a_silent_gap(tmp_path, pop):
    import openpyxl
    from sheets import GOV_FORM

    wb = openpyxl.Workbook()
    wb.active.title = "DS"
    for name in ("DS", "DS2", "Lookup"):
        ws = wb[name] if name in wb.sheetnames else wb.create_sheet(name)
        for row in GOV_FORM if name != "Lookup" else [["Nam"], ["Nữ"]]:
            ws.append(row)
        ws.sheet_state = "visible" if name == "DS" else "hidden"
    wb.save(tmp_path / "hidden.xlsx")
    result = _verify(tmp_path, pop, tmp_path / "hidden.xlsx", "", "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    (warning,) = [w for w in summary["lists"][0]["warnings"] if w["code"] == "hidden_sheet"]
    assert "'DS2' is hidden" in warning["message"] and "3 rows" in warning["message"]
    assert sum(summary["counts"].values()) == 3  # only the visible sheet is verified
    only = _verify(
        tmp_path, pop, tmp_path / "hidden.xlsx", "", "--json", "--sheet", "DS", "-o", str(tmp_path / "o2")
    )
    assert not [w for w in json.loads(only.output)["lists"][0]["warnings"] if w["code"] == "hidden_sheet"]


@pytest.mark.parametrize(
    "head, declares",
    [
        (b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "b">]><x/>', True),
        ('<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x><x/>'.encode("utf-16"), True),
        (
            b"<?xml version='1.0' encoding='windows-1258'?>\n<!DOCTYPE x>\xe0\xe1",
            True,
        ),  # not UTF-8, still XML
        (b'<?xml version="1.0"?>\n<worksheet/>', False),
        (b"\n\t <\x93\xff\x00\x10binary", False),  # an image whose first byte happens to be "<"
        (b"\x89PNG\r\n\x1a\n", False),
    ],
)
def test_only_xml_parts_are_read_for_entities(head, declares):
    from vaxrecon.ingest.package import _declares_entities

    assert _declares_entities(head) is declares
