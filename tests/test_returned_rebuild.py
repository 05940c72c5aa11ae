"""A list that cannot be patched in place (.xls, .csv) comes back rebuilt from its values: written
as whole rows of XML, the very file XlsxWriter's own per-cell writer makes, every value, merge and
result cell kept."""

from __future__ import annotations

import datetime as dt
import zipfile

import pytest
import xlsxwriter
from python_calamine import CalamineWorkbook

from vaxrecon.documents import excel, returned

ROWS = [
    ["UBND XÃ PHƯỚC HẢI", None, None, "CỘNG HÒA"],
    [],
    ["STT", "Họ và tên", "Ngày sinh", "Số CCCD", "Ghi chú"],
    [1, "Nguyễn Văn An", dt.datetime(1980, 3, 4), 58080001234, "  lề trái"],
    [2.5, "a & b < c > d", dt.date(1975, 7, 15), "058175002345", True],
    [-0.0, "ctrl \x01 _x0041_ end", 1e20, None, False],
    [None, None, None, None, None],
    [3, "Lê Văn Cường", 1950, "", "dòng\nhai"],
]
EXTRA = {4: ["Đã xác minh", "", "058080001234"], 5: ["Sai", "tên & ngày", ""], 8: ["", "", "x"]}


def _parts(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist() if not n.startswith("docProps/")}


@pytest.fixture
def source(tmp_path):
    path = tmp_path / "ds.xlsx"
    wb = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_formulas": False})
    ws = wb.add_worksheet("DS")
    dates = wb.add_format({"num_format": "dd/mm/yyyy"})
    for r, row in enumerate(ROWS):
        for c, v in enumerate(row):
            ws.write(r, c, v, dates if isinstance(v, dt.date) else None)
    ws.merge_range("A1:C1", ROWS[0][0])
    ws.merge_range("D1:E2", ROWS[0][3])
    wb.close()
    return path


def test_rebuilt_rows_are_what_the_per_cell_writer_makes(tmp_path, source, monkeypatch):
    values = {"DS": EXTRA}
    returned._rebuild(source, tmp_path / "fast.xlsx", values, returned._packaged_read())
    monkeypatch.setattr(excel, "MAX_FAST_LEN", -1)  # every string "too long": the per-cell writer
    returned._rebuild(source, tmp_path / "cell.xlsx", values, returned._packaged_read())
    assert _parts(tmp_path / "fast.xlsx") == _parts(tmp_path / "cell.xlsx")


def test_rebuilt_copy_keeps_values_merges_and_result_cells(tmp_path, source):
    returned._rebuild(source, tmp_path / "out.xlsx", {"DS": EXTRA}, returned._packaged_read())
    sheet = CalamineWorkbook.from_path(str(tmp_path / "out.xlsx")).get_sheet_by_name("DS")
    got = sheet.to_python(skip_empty_area=False)
    assert got[3][:5] == [1.0, "Nguyễn Văn An", dt.date(1980, 3, 4), 58080001234.0, "  lề trái"]
    assert got[4][4] is True and got[5][4] is False and got[5][2] == 1e20
    assert got[5][1] == "ctrl \x01 _x0041_ end"
    assert got[3][5:8] == ["Đã xác minh", "", "058080001234"]
    assert got[4][5:7] == ["Sai", "tên & ngày"] and got[7][7] == "x"
    assert sorted(sheet.merged_cell_ranges) == [((0, 0), (0, 2)), ((0, 3), (1, 4))]


def test_a_small_document_assembled_in_memory_is_the_streamed_one(tmp_path):
    """The in-memory workbook (no temporary files) holds the very parts of the streaming one."""
    import pandas as pd

    frame = pd.DataFrame({"seq": ["1", "2", ""], "note": ["a & b", "  lề", "dòng\nhai"]})

    def write(path, rows):
        wb = excel.new_workbook(path, rows=rows)
        head = excel.Letterhead("CÔNG AN XÃ A", "CỘNG HÒA", "Độc lập", "DANH SÁCH", ["dòng 1"], total="3")
        excel.document_sheet(wb, "DS", head, ["seq", "note"], ["STT", "GHI CHÚ"], frame)
        excel.table_sheet(wb, "Bảng", ["Tiêu đề"], ["STT", "GHI CHÚ"], frame, numeric=("seq",))
        wb.close()

    write(tmp_path / "memory.xlsx", len(frame))
    write(tmp_path / "files.xlsx", None)
    small = excel.new_workbook(tmp_path / "x.xlsx", rows=3)
    small.close()
    assert isinstance(small, excel._InMemory)
    assert _parts(tmp_path / "memory.xlsx") == _parts(tmp_path / "files.xlsx")
