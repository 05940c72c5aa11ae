"""Tiny workbooks built in the tests, one per layout edge case (all synthetic people)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook


def save(
    rows: list[list[object]],
    path: Path,
    merges: tuple[str, ...] = (),
    sheet: str = "DS",
    extra: dict[str, list[list[object]]] | None = None,
    hidden: tuple[str, ...] = (),
) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    for r in rows:
        ws.append(r)
    for m in merges:
        ws.merge_cells(m)
    for name, more in (extra or {}).items():
        other = wb.create_sheet(name)
        for r in more:
            other.append(r)
        if name in hidden:
            other.sheet_state = "hidden"
    wb.save(path)
    return path


GOV_FORM = [
    ["UBND XÃ PHƯỚC HẢI", None, None, None, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
    ["TRẠM Y TẾ", None, None, None, "Độc lập - Tự do - Hạnh phúc"],
    [],
    ["DANH SÁCH ĐĂNG KÝ TIÊM VẮC XIN COVID-19"],
    ["Ngày lập danh sách: 05/11/2021"],
    ["Chú ý: gửi Công an xã trong 2 ngày"],
    ["STT", "HỌ VÀ TÊN (*)", "Ngày sinh\n(dd/mm/yyyy)", "Giới tính", "Số CCCD/CMND", "Thôn", "Ghi chú"],
    ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)"],
    [1, "Nguyễn Văn An", dt.datetime(1980, 3, 4), "Nam", 58080001234, "Thôn 1", None],
    [2, "TRẦN THỊ BÌNH", "15/07/1975", "Nữ", "058175002345", "Thôn 1", None],
    [],
    [3, "Le Van Cuong", 1950, "nam", None, "Thôn 2", "=SUM(A1:A2)"],
    ["Tổng cộng: 3 người"],
    [],
    [None, None, None, None, "Phước Hải, ngày 05 tháng 11 năm 2021"],
    [None, "Người lập biểu", None, None, "Trưởng trạm"],
    [None, "(Ký, ghi rõ họ tên)", None, None, "(Ký, ghi rõ họ tên)"],
    [None, "Phạm Thị Dung", None, None, "Hồ Văn Em"],
]

NAM_NU = [
    ["UBND PHƯỜNG ĐÔ VINH"],
    ["DANH SÁCH ĐĂNG KÝ TIÊM CHỦNG", None, None, None, None],
    ["Đô Vinh, ngày 3 tháng 11 năm 2021"],
    ["TT", "Họ và tên", "Năm sinh", None, "Số CCCD", "Địa chỉ"],
    [None, None, "Nam", "Nữ", None, None],
    ["KHU PHỐ 1"],
    [1, "Đàng Văn Chất", 1948, None, "058048001111", "KP1"],
    [2, "Lưu Thị Nhị", None, "12/05/1960", "058160002222", "KP1"],
]
NAM_NU_MERGES = ("C4:D4", "A4:A5", "B4:B5", "E4:E5", "F4:F5", "A6:F6")
