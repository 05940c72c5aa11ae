"""`vaxrecon template`: a blank registration list in the layout vaxrecon reads best."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from vaxrecon.documents.atomic import write_file_atomic
from vaxrecon.documents.excel import new_workbook

HEADERS = {
    "vi": ["STT", "Họ và tên", "Ngày sinh (dd/mm/yyyy)", "Giới tính", "Số định danh cá nhân (CCCD)",
           "Quốc tịch", "Thôn/ấp/tổ dân phố", "Số điện thoại", "Mũi tiêm", "Ghi chú"],
    "en": ["No.", "Full name", "Date of birth (dd/mm/yyyy)", "Gender", "Personal ID (CCCD)",
           "Nationality", "Village", "Phone", "Dose", "Note"],
}
INSTRUCTIONS = {
    "vi": ["HƯỚNG DẪN LẬP DANH SÁCH",
           "1. Mỗi người một dòng, ngay dưới dòng tiêu đề cột; không chèn dòng tổng cộng giữa danh sách.",
           "2. Họ và tên viết đủ dấu, đúng như trên thẻ CCCD.",
           "3. Ngày sinh nhập dd/mm/yyyy; người chỉ có năm sinh thì nhập 4 chữ số năm.",
           "4. Số định danh cá nhân: đủ 12 chữ số (cột đã định dạng văn bản để giữ số 0 đầu).",
           "5. Người nước ngoài: ghi quốc tịch và số hộ chiếu vào cột số định danh.",
           "6. Danh sách gửi Công an xã đối chiếu với CSDLQG về dân cư; kết quả trả trong 2 ngày."],
    "en": ["HOW TO FILL IN THIS LIST",
           "1. One person per row, starting right below the column headers; no totals inside the list.",
           "2. Full name with diacritics, exactly as on the ID card.",
           "3. Birth date as dd/mm/yyyy; if only the year is known, the 4-digit year.",
           "4. Personal ID: all 12 digits (the column is text so leading zeros stay).",
           "5. Foreigners: nationality, and the passport number in the ID column.",
           "6. The list goes to the commune police to be checked; results come back within 2 days."],
}
TITLE = {"vi": "DANH SÁCH ĐĂNG KÝ TIÊM VẮC XIN PHÒNG COVID-19",
         "en": "COVID-19 VACCINATION REGISTRATION LIST"}
_ROWS = 1000


def write_template(path: Path, lang: str = "vi") -> Path:
    """Write the blank list (atomically): title block, header, validations, instructions."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.building")
    wb = new_workbook(tmp)
    ws = wb.add_worksheet("Danh sách" if lang == "vi" else "List")
    bold = wb.add_format({"bold": True, "align": "center"})
    head = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True,
                          "valign": "vcenter"})
    text = wb.add_format({"num_format": "@", "border": 1})
    cell = wb.add_format({"border": 1})
    headers = HEADERS[lang]
    last = len(headers) - 1
    ws.merge_range(0, 0, 0, 3, "UBND XÃ/PHƯỜNG: ....................", bold)
    ws.merge_range(0, 5, 0, last, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold)
    ws.merge_range(1, 5, 1, last, "Độc lập - Tự do - Hạnh phúc", bold)
    ws.merge_range(3, 0, 3, last, TITLE[lang], wb.add_format({"bold": True, "align": "center",
                                                              "font_size": 13}))
    ws.write_string(4, 0, "Ngày lập danh sách: ..../..../........" if lang == "vi"
                    else "List date: ..../..../........")
    top = 6
    for c, h in enumerate(headers):
        ws.write_string(top, c, h, head)
    for c, width in enumerate([6, 28, 16, 10, 18, 12, 18, 14, 8, 20]):
        ws.set_column(c, c, width, text if c in (2, 4, 7) else cell)
    first, end = top + 1, top + _ROWS
    ws.data_validation(first, 3, end, 3, {"validate": "list", "source": ["Nam", "Nữ"]})
    ws.data_validation(first, 8, end, 8, {"validate": "list", "source": ["1", "2", "3"]})
    ws.data_validation(first, 2, end, 2, {
        "validate": "custom", "ignore_blank": True,
        "value": f"=OR(AND(LEN(C{first + 1})=4,ISNUMBER(--C{first + 1})),"
                 f"AND(LEN(C{first + 1})=10,MID(C{first + 1},3,1)=\"/\",MID(C{first + 1},6,1)=\"/\"))",
        "input_title": "dd/mm/yyyy", "input_message": "dd/mm/yyyy hoặc năm sinh (yyyy)",
        "error_message": "Ngày sinh dd/mm/yyyy hoặc 4 chữ số năm"})
    ws.data_validation(first, 4, end, 4, {
        "validate": "length", "criteria": "between", "minimum": 6, "maximum": 12,
        "error_message": "Số định danh 12 chữ số (hoặc số hộ chiếu)"})
    ws.freeze_panes(first, 0)
    guide = wb.add_worksheet("Hướng dẫn" if lang == "vi" else "Instructions")
    guide.set_column(0, 0, 110)
    for i, line in enumerate(INSTRUCTIONS[lang]):
        guide.write_string(i, 0, line, bold if i == 0 else None)
    guide.write_string(len(INSTRUCTIONS[lang]) + 1, 0, f"vaxrecon {dt.date.today():%Y}")
    wb.close()
    write_file_atomic(path, tmp.read_bytes())
    tmp.unlink()
    return path
