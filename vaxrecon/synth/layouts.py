"""Write registration lists in the layouts real health stations use; report where each row went."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Sequence
from pathlib import Path

import pandas as pd
import xlwt
from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

LAYOUTS = ["form", "platform", "namnu", "qr", "multi_sheet"]
_FIXED_TIME = dt.datetime(2021, 1, 1)
_MOTTO = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
Positions = dict[int, tuple[str, int]]  # list-row index -> (sheet, Excel row)


def _short(commune: str) -> str:
    return commune.split(" ", 1)[1] if " " in commune else commune


def _title_block(ws: Worksheet, meta: dict, width: int, title: str) -> int:
    """Government-form title rows; returns the next free row."""
    ws.cell(1, 1, f"UBND {meta['commune'].upper()}")
    ws.cell(2, 1, "TRẠM Y TẾ")
    ws.cell(1, 5, _MOTTO[0])
    ws.cell(2, 5, _MOTTO[1])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=3)
    ws.merge_cells(start_row=1, start_column=5, end_row=1, end_column=width)
    ws.cell(4, 1, title)
    ws.merge_cells(start_row=4, start_column=1, end_row=4, end_column=width)
    ws.cell(5, 1, f"Ngày lập danh sách: {meta['list_date']:%d/%m/%Y}")
    ws.cell(6, 1, "Chú ý: danh sách gửi Công an xã đối chiếu với CSDLQG về dân cư trong 2 ngày")
    return 7


def _footer(ws: Worksheet, row: int, meta: dict, count: int, name_col: int = 2) -> None:
    ws.cell(row, 1, f"Tổng cộng: {count} người")
    ws.cell(
        row + 2,
        5,
        f"{_short(meta['commune'])}, ngày {meta['list_date']:%d} tháng "
        f"{meta['list_date']:%m} năm {meta['list_date']:%Y}",
    )
    ws.cell(row + 3, name_col, "Người lập biểu")
    ws.cell(row + 3, 5, "Trưởng trạm")
    ws.cell(row + 4, name_col, "(Ký, ghi rõ họ tên)")
    ws.cell(row + 4, 5, "(Ký, ghi rõ họ tên)")
    ws.cell(row + 7, name_col, meta["signer_1"])
    ws.cell(row + 7, 5, meta["signer_2"])


def _put(ws: Worksheet, row: int, values: Sequence[object]) -> None:
    for c, v in enumerate(values, start=1):
        if v is not None and v != "":
            cell = ws.cell(row, c, v)
            if isinstance(v, dt.datetime):
                cell.number_format = "dd/mm/yyyy"


def _form_sheet(ws: Worksheet, rows: pd.DataFrame, meta: dict, title: str) -> Positions:
    header = [
        "STT",
        "Họ và tên",
        "Ngày sinh",
        "Giới tính",
        "Số CCCD/CMND",
        "Quốc tịch",
        "Thôn",
        "Số điện thoại",
        "Mũi tiêm",
        "Ghi chú",
    ]
    r = _title_block(ws, meta, len(header), title)
    _put(ws, r, header)
    _put(ws, r + 1, [f"({i})" for i in range(1, len(header) + 1)])
    r += 2
    pos = {}
    for i, (idx, rec) in enumerate(zip(rows.index, rows.itertuples(index=False), strict=True), 1):
        _put(
            ws,
            r,
            [
                i,
                rec.name,
                rec.dob,
                rec.gender,
                rec.id,
                rec.nationality,
                rec.village,
                rec.phone,
                rec.dose,
                rec.note,
            ],
        )
        pos[idx] = (ws.title, r)
        r += 1
    _footer(ws, r, meta, len(rows))
    return pos


def _namnu_sheet(ws: Worksheet, rows: pd.DataFrame, meta: dict) -> Positions:
    r = _title_block(ws, meta, 9, "DANH SÁCH ĐĂNG KÝ TIÊM CHỦNG VẮC XIN COVID-19")
    top = ["TT", "Họ và tên", "Năm sinh", None, "Số CCCD", "Địa chỉ", "Điện thoại", "Mũi", "Ghi chú"]
    _put(ws, r, top)
    _put(ws, r + 1, [None, None, "Nam", "Nữ"])
    ws.merge_cells(start_row=r, start_column=3, end_row=r, end_column=4)
    for c in (1, 2, 5, 6, 7, 8, 9):
        ws.merge_cells(start_row=r, start_column=c, end_row=r + 1, end_column=c)
    r += 2
    pos = {}
    for village, group in rows.groupby("village", sort=True):
        ws.cell(r, 1, str(village).upper())
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=9)
        r += 1
        for i, (idx, rec) in enumerate(zip(group.index, group.itertuples(index=False), strict=True), 1):
            male = rec.gender_true == "M"
            _put(
                ws,
                r,
                [
                    i,
                    rec.name,
                    rec.dob if male else None,
                    None if male else rec.dob,
                    rec.id,
                    f"{rec.village}, {meta['commune']}",
                    rec.phone,
                    rec.dose,
                    rec.note,
                ],
            )
            pos[idx] = (ws.title, r)
            r += 1
    _footer(ws, r, meta, len(rows))
    return pos


def _qr_sheet(ws: Worksheet, rows: pd.DataFrame, meta: dict) -> Positions:
    ws.cell(1, 1, f"UBND {meta['commune'].upper()}")
    ws.cell(2, 1, "DANH SÁCH ĐĂNG KÝ TIÊM (QUÉT MÃ QR CCCD)")
    ws.cell(
        3,
        1,
        f"{_short(meta['commune'])}, ngày {meta['list_date']:%d} tháng "
        f"{meta['list_date']:%m} năm {meta['list_date']:%Y}",
    )
    header = [
        "STT",
        "Họ tên",
        "Ngày sinh",
        "Giới tính",
        "Số định danh cá nhân",
        "Mã QR",
        "Thôn/ấp",
        "SĐT",
        "Mũi tiêm",
    ]
    _put(ws, 5, header)
    pos = {}
    for i, (idx, rec) in enumerate(zip(rows.index, rows.itertuples(index=False), strict=True), 1):
        _put(ws, 5 + i, [i, rec.name, rec.dob, rec.gender, rec.id, rec.qr, rec.village, rec.phone, rec.dose])
        pos[idx] = (ws.title, 5 + i)
    return pos


def _save(wb: Workbook, path: Path) -> None:
    wb.properties.created = wb.properties.modified = _FIXED_TIME
    wb.save(path)
    freeze_zip(path)


def freeze_zip(path: Path) -> None:
    """Rewrite a zip container with fixed entry and document times: same seed, same bytes."""
    with zipfile.ZipFile(path) as zin:
        entries = [(i, zin.read(i.filename)) for i in zin.infolist()]
    stamp = _FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    entries = [
        (
            i,
            re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + stamp, data)
            if i.filename == "docProps/core.xml"
            else data,
        )
        for i, data in entries
    ]
    tmp = path.with_suffix(path.suffix + ".tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zout:
        for info, data in entries:
            fixed = zipfile.ZipInfo(info.filename, date_time=_FIXED_TIME.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(fixed, data)
    tmp.replace(path)


def write_xlsx(path: Path, layout: str, rows: pd.DataFrame, meta: dict) -> Positions:
    wb = Workbook()
    ws = wb.active
    if layout == "form":
        ws.title = "Danh sách"
        pos = _form_sheet(ws, rows, meta, "DANH SÁCH ĐĂNG KÝ TIÊM VẮC XIN PHÒNG COVID-19")
    elif layout == "namnu":
        ws.title = "DS tiêm"
        pos = _namnu_sheet(ws, rows, meta)
    elif layout == "qr":
        ws.title = "QR"
        pos = _qr_sheet(ws, rows, meta)
    elif layout == "multi_sheet":
        ws.title = "Hướng dẫn"
        ws.cell(1, 1, "Mỗi thôn một sheet. Không sửa tiêu đề cột.")
        pos = {}
        for village, group in rows.groupby("village", sort=True):
            sheet = wb.create_sheet(str(village))
            pos |= _form_sheet(sheet, group, meta, f"DANH SÁCH ĐĂNG KÝ TIÊM - {str(village).upper()}")
    else:
        raise ValueError(f"unknown layout {layout}")
    _save(wb, path)
    return pos


def write_platform_xls(path: Path, rows: pd.DataFrame, meta: dict) -> Positions:
    """The national platform's import template (sheet "PL1_Danh sach doi tuong tiem"), as .xls."""
    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("PL1_Danh sach doi tuong tiem")
    notes = [
        "1.Các cột có hoa thị (*) màu đỏ là cột bắt buộc phải nhập thông tin. ",
        "2. Địa điểm tiêm nhập Mã cơ sở KCB của cơ sở tiêm, tham khảo tại PL4",
        "3. Với các cột không có thông tin hoặc thiếu thông tin thì KHÔNG NHẬP",
        "4. Thực hiện bỏ bộ lọc dữ liệu ( Filter) tại tất cả các sheet danh mục",
    ]
    ws.write_merge(0, 0, 0, 18, "Chú ý: ")
    for i, text in enumerate(notes, start=1):
        ws.write(i, 1, text)
    top = {
        0: "#",
        1: "Họ và tên (*)",
        2: "Ngày sinh dạng dd/mm/yyyy (*)",
        3: "Giới tính (*)\n(0:nam, 1:nữ)",
        4: "Mã nhóm \nđối tượng ưu tiên (*)\n(Tham khảo PL2)",
        5: "Đơn vị công tác",
        6: "Số điện thoại(*)\n(Tối thiểu 10 số)",
        7: "Số CMT/CCCD\n(Loại 8/9/12 số)",
        8: "Số thẻ bảo hiểm y tế\n(Mã thẻ 10/15 ký tự)",
        17: "Tên vắc xin (*)\n(Tham khảo PL5)",
        21: "Tên vắc xin (*)\n(Tham khảo PL5)",
        25: "Ghi chú",
        26: "Kết quả import\n(không điền ô này)",
    }
    for c, text in top.items():
        ws.write_merge(6, 7, c, c, text)
    ws.write_merge(6, 6, 9, 16, "Nơi ở tạm trú (hiện tại) (*)\n(Tham khảo PL3)")
    ws.write_merge(6, 6, 18, 20, "Mũi 1")
    ws.write_merge(6, 6, 22, 24, "Mũi 2")
    sub = {
        9: "Tỉnh/Thành phố",
        10: "Mã\n Tỉnh/Thành phố (*)",
        11: "Quận/Huyện",
        12: "Mã Quận/Huyện\n(*)",
        13: "Xã/Phường",
        14: "Mã Xã/Phường\n(*)",
        15: "Địa bàn cơ sở",
        16: "Địa chỉ chi tiết",
        18: "Ngày tiêm dạng dd/mm/yyyy (*)",
        19: "Lô vắc xin(*)",
        20: "Địa điểm tiêm (*)\n(Tham khảo PL4)",
        22: "Ngày tiêm dạng dd/mm/yyyy (*)",
        23: "Lô vắc xin(*)",
        24: "Địa điểm tiêm (*)\n(Tham khảo PL4)",
    }
    for c, text in sub.items():
        ws.write(7, c, text)
    pos = {}
    for i, (idx, rec) in enumerate(zip(rows.index, rows.itertuples(index=False), strict=True)):
        r = 8 + i
        dob = rec.dob.strftime("%d/%m/%Y") if isinstance(rec.dob, dt.datetime) else rec.dob
        values = {
            0: i + 1,
            1: rec.name,
            2: dob,
            3: rec.gender,
            4: rec.priority,
            6: rec.phone,
            7: rec.id,
            9: meta["province"],
            10: meta["province_code"],
            11: meta["district"],
            12: meta["district_code"],
            13: meta["commune"],
            14: meta["commune_code"],
            15: rec.village,
            16: rec.village,
            25: rec.note,
        }
        if rec.dose == 2:
            values.update({17: rec.vaccine, 18: rec.dose1_date, 19: rec.lot, 20: meta["site"]})
        for c, v in values.items():
            if v is not None and v != "":
                ws.write(r, c, v)
        pos[idx] = (ws.name, r + 1)
    wb.save(str(path))
    return pos
