"""The streaming row writer writes the very XML XlsxWriter writes cell by cell."""

from __future__ import annotations

import zipfile

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vaxrecon.documents import excel
from vaxrecon.documents.excel import Letterhead, document_sheet, new_workbook, table_sheet

TRICKY = [
    "",
    " leading",
    "trailing ",
    "\tTab",
    "a & b < c > d",
    'quote " here',
    "_x0041_ literal escape",
    "ctrl \x01\x1f end",
    "\x0b",
    "line\nbreak",
    "Nguyễn Thị Hoà",
    "\ufffe\uffff",
    "=1+1",
    "x" * 200,
]


def _per_cell(monkeypatch: pytest.MonkeyPatch) -> None:
    """XlsxWriter's own per-cell path, as the reference."""
    monkeypatch.setattr(excel, "MAX_FAST_LEN", -1)


def _parts(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist() if not n.startswith("docProps/")}


def _document(path, frame: pd.DataFrame, columns: list[str]) -> None:
    wb = new_workbook(path)
    head = Letterhead("CÔNG AN XÃ A", "CỘNG HÒA", "Độc lập", "DANH SÁCH", ["dòng 1"], total="Tổng: 3")
    document_sheet(wb, "DS", head, columns, [c.upper() for c in columns], frame)
    table_sheet(wb, "Bảng", ["Tiêu đề", "phụ"], [c.upper() for c in columns], frame, numeric=("seq",))
    wb.close()


def _compare(tmp_path, monkeypatch, frame: pd.DataFrame, columns: list[str]) -> None:
    _document(tmp_path / "fast.xlsx", frame, columns)
    with monkeypatch.context() as m:
        _per_cell(m)
        _document(tmp_path / "cell.xlsx", frame, columns)
    assert _parts(tmp_path / "fast.xlsx") == _parts(tmp_path / "cell.xlsx")


def test_tricky_text_numbers_and_heights_match_per_cell(tmp_path, monkeypatch):
    n = len(TRICKY)
    frame = pd.DataFrame(
        {
            "seq": [str(i + 1) if i != 3 else "" for i in range(n)],
            "listed_name": TRICKY,
            "request": list(reversed(TRICKY)),
            "phone": ["0912345678"] * n,
        }
    )
    _compare(tmp_path, monkeypatch, frame, ["seq", "listed_name", "request", "phone"])


def test_blank_first_number_and_many_rows_across_blocks(tmp_path, monkeypatch):
    monkeypatch.setattr(excel, "_CHUNK", 7)
    n = 40
    frame = pd.DataFrame(
        {"seq": ["" if i == 0 else str(i) for i in range(n)], "note": [f"dòng {i}" for i in range(n)]}
    )
    _compare(tmp_path, monkeypatch, frame, ["seq", "note"])


def test_empty_table_matches_per_cell(tmp_path, monkeypatch):
    frame = pd.DataFrame({"seq": [], "note": []}, dtype=str)
    _compare(tmp_path, monkeypatch, frame, ["seq", "note"])


@settings(max_examples=25, deadline=None)
@given(st.lists(st.text(max_size=12), min_size=1, max_size=6))
def test_any_text_matches_per_cell(tmp_path_factory, texts):
    tmp = tmp_path_factory.mktemp("x")
    frame = pd.DataFrame({"seq": [str(i + 1) for i in range(len(texts))], "note": texts})
    with pytest.MonkeyPatch.context() as mp:
        _compare(tmp, mp, frame, ["seq", "note"])
