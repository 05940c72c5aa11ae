"""The message table: key -> (Vietnamese, English). Placeholders use ``str.format`` names.

Sections: dates; workbook columns; document titles and blocks; requests to the station; police
workbook; folder and sheet names; warnings about assumptions; terminal output; follow-up reports;
errors; command-line help.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # --- dates -------------------------------------------------------------------------------
    "long_date": ("ngày {d} tháng {m} năm {y}", "{day} {month} {y}"),
    # --- workbook column titles --------------------------------------------------------------
    "col.seq": ("STT", "No."),
    "col.source": ("Tệp", "File"),
    "col.sheet": ("Sheet", "Sheet"),
    "col.row": ("Dòng", "Row"),
    "col.status": ("Kết quả xác minh", "Verification result"),
    "col.reasons": ("Lý do", "Reasons"),
    "col.note": ("Ghi chú", "Note"),
    "col.listed_name": ("Họ tên (danh sách)", "Name (list)"),
    "col.listed_dob": ("Ngày sinh (danh sách)", "Birth date (list)"),
    "col.listed_gender": ("Giới tính (danh sách)", "Gender (list)"),
    "col.listed_id": ("Số CCCD/CMND (danh sách)", "ID (list)"),
    "col.registered_name": ("Họ tên (CSDLQG)", "Name (registered)"),
    "col.registered_dob": ("Ngày sinh (CSDLQG)", "Birth date (registered)"),
    "col.registered_gender": ("Giới tính (CSDLQG)", "Gender (registered)"),
    "col.person_id": ("Số định danh cá nhân", "Personal ID"),
    "col.village": ("Thôn/Địa chỉ", "Village/address"),
    "col.dose": ("Mũi tiêm", "Dose"),
    "col.phone": ("Số điện thoại", "Phone"),
    "col.name": ("Họ tên", "Name"),
    "col.dob": ("Ngày sinh", "Birth date"),
    "col.gender": ("Giới tính", "Gender"),
    "col.nationality": ("Quốc tịch", "Nationality"),
    "col.id_document": ("Số giấy tờ (danh sách)", "Document number (list)"),
    "col.request": ("Nội dung cần bổ sung, điều chỉnh", "What to supply or correct"),
    "col.candidates": ("Người có thể trùng (CSDLQG)", "Possible people (registered)"),
    "col.probability": ("Xác suất khớp", "Match probability"),
    "col.where": ("Vị trí trong danh sách", "Place in the list"),
    "col.proposed": ("Đề xuất điều chỉnh", "Proposed correction"),
    "col.duplicate_of": ("Trùng với dòng", "Duplicate of"),
    "col.police_check": ("Việc công an cần kiểm tra", "What the police should check"),
    # --- document titles and blocks ----------------------------------------------------------
    "doc.title_verified": ("DANH SÁCH ĐÃ XÁC MINH", "VERIFIED LIST"),
    "doc.title_corrections": ("YÊU CẦU BỔ SUNG, ĐIỀU CHỈNH THÔNG TIN",
                              "REQUESTS TO SUPPLY OR CORRECT DETAILS"),
    "doc.title_non_citizens": ("DANH SÁCH KHÔNG PHẢI CÔNG DÂN VIỆT NAM (KHÔNG XÁC MINH)",
                               "NON-CITIZENS (NOT VERIFIED)"),
    "doc.title_police": ("TÀI LIỆU NỘI BỘ CÔNG AN — XÁC MINH BỔ SUNG",
                         "POLICE INTERNAL — SUPPLEMENTARY CHECKS"),
    "doc.police_warning": ("Chỉ dùng trong lực lượng Công an; không gửi Trạm Y tế hay đơn vị lập danh sách.",
                           "For police use only; do not send to the health station or the list's unit."),
    "doc.country": ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "SOCIALIST REPUBLIC OF VIET NAM"),
    "doc.motto": ("Độc lập - Tự do - Hạnh phúc", "Independence - Freedom - Happiness"),
    "doc.police_of": ("CÔNG AN {commune}", "{commune} POLICE"),
    "doc.commune_police": ("CÔNG AN XÃ", "COMMUNE POLICE"),
    "doc.list_of": ("Danh sách của: {unit}", "List of: {unit}"),
    "doc.list_line": ("Ngày lập danh sách: {list_date} — Hạn trả kết quả: {deadline}",
                      "List date: {list_date} — Return deadline: {deadline}"),
    "doc.checked_line": ("Đối chiếu với CSDLQG về dân cư theo Công văn 8938/BYT-DP ngày {run_date}; tệp {file}",
                         "Checked against the national population database (CV 8938/BYT-DP) on {run_date}; file {file}"),
    "doc.rows_total": ("Tổng số: {n} người", "Total: {n} people"),
    "doc.footer": ("&CTổng số: {n} người — Trang &P/&N", "&CTotal: {n} people — Page &P of &N"),
    "doc.confirm_title": ("XÁC NHẬN CỦA CÔNG AN {kind}", "CONFIRMED BY THE {kind} POLICE"),
    "doc.confirm_place_date": ("{place}, {date}", "{place}, {date}"),
    "doc.officer_title": ("TRƯỞNG CÔNG AN", "CHIEF OF POLICE"),
    "doc.sign_hint": ("(Ký, ghi rõ họ tên, đóng dấu)", "(Signature, full name, stamp)"),
    "doc.unknown": ("chưa rõ", "unknown"),
    "doc.none": ("(không có)", "(none)"),
    "doc.kind_commune": ("XÃ", "COMMUNE"),
    "doc.kind_ward": ("PHƯỜNG", "WARD"),
    "doc.kind_town": ("THỊ TRẤN", "TOWNSHIP"),
    "doc.where": ("Sheet {sheet}, dòng {row}", "Sheet {sheet}, row {row}"),
    "doc.where_other_file": ("Tệp {file}, sheet {sheet}, dòng {row}", "File {file}, sheet {sheet}, row {row}"),
    "gender.M": ("Nam", "Male"),
    "gender.F": ("Nữ", "Female"),
    # --- what the station is asked to do -----------------------------------------------------
    "req.name": ("Họ tên", "Name"),
    "req.dob": ("Ngày sinh", "Birth date"),
    "req.gender": ("Giới tính", "Gender"),
    "req.id": ("Số CCCD", "ID number"),
    "req.missing": ("Bổ sung", "Supply"),
    "req.not_found": ("Không tìm thấy trong CSDLQG: đề nghị kiểm tra lại họ tên, ngày sinh, số CCCD "
                      "và mang thẻ CCCD (hoặc giấy tờ có số định danh) đến đối chiếu",
                      "Not found in the population database: please check the name, birth date and ID "
                      "and bring the ID card (or a paper with the personal ID number)"),
    "req.review": ("Chưa đủ căn cứ để xác minh: đề nghị bổ sung {what}",
                   "Not enough to confirm: please supply {what}"),
    "req.review_id": ("số định danh cá nhân (12 chữ số)", "the 12-digit personal ID"),
    "req.review_dob": ("ngày, tháng, năm sinh đầy đủ", "the full birth date"),
    "req.review_card": ("thẻ CCCD (hoặc giấy tờ có số định danh) để đối chiếu",
                        "the ID card (or a paper with the personal ID number) to compare"),
    "req.duplicate": ("Đăng ký trùng với {where}: đề nghị xóa dòng này khỏi danh sách",
                      "Registered twice (also {where}): please remove this row from the list"),
    "req.unknown_value": ("(chưa ghi)", "(not given)"),
    # --- police workbook ---------------------------------------------------------------------
    "police.review": ("Đối chiếu các người có thể trùng; xác minh trực tiếp nếu cần",
                      "Compare the possible people; check in person if needed"),
    "police.not_found": ("Tra cứu CSDLQG theo thông tin khác (cha mẹ, nơi thường trú)",
                         "Search the database by other details (parents, permanent address)"),
    "police.id_other": ("Số CCCD ghi trên danh sách thuộc người khác", "The listed ID belongs to someone else"),
    "police.duplicate": ("Đăng ký trùng", "Registered twice"),
    "police.correction": ("Xác nhận thông tin điều chỉnh", "Confirm the correction"),
    # --- folder, file and sheet names --------------------------------------------------------
    "dir.police": ("noi_bo_cong_an", "police_only"),
    "file.returned_suffix": ("_ket_qua", "_results"),
    "sheet.verified": ("Đã xác minh", "Verified"),
    "sheet.corrections": ("Cần bổ sung, điều chỉnh", "To supply or correct"),
    "sheet.non_citizens": ("Không phải công dân VN", "Non-citizens"),
    "sheet.police": ("Xác minh bổ sung", "Police checks"),
    # --- warnings: what was assumed about a list --------------------------------------------
    "warn.extract_as_list": ("{file} có tiêu đề cột như trích xuất CSDLQG (SO_DINH_DANH, HO_VA_TEN…), không "
                             "giống danh sách đăng ký tiêm: kiểm tra lại tệp đã chọn.",
                             "{file} has the column headers of a population extract (SO_DINH_DANH, "
                             "HO_VA_TEN…), not of a registration list: check the file you chose."),
    "warn.no_list_date": ("{file} không ghi ngày lập danh sách nên không tính được hạn trả kết quả; "
                          "dùng --list-date dd/mm/yyyy.",
                          "{file} does not state its list date, so its return deadline is unknown; "
                          "use --list-date dd/mm/yyyy."),
    "warn.list_date_contradicts": ("--list-date {given} khác ngày lập ghi trong {file} ({stated}); đã dùng {given}.",
                                   "--list-date {given} contradicts the list date {file} states ({stated}); "
                                   "{given} was used."),
    "warn.list_date_from_name": ("Ngày lập danh sách của {file} lấy từ tên tệp: {date}.",
                                 "The list date of {file} was taken from its file name: {date}."),
    "warn.commune_contradicts": ("--commune {given} khác xã/phường ghi trong {file} ({stated}); đã dùng {given}.",
                                 "--commune {given} contradicts the commune {file} states ({stated}); "
                                 "{given} was used."),
    "warn.commune_from_name": ("Xã/phường của {file} lấy từ mã trong tên tệp: {commune}.",
                               "The commune of {file} was taken from the code in its file name: {commune}."),
    "warn.no_commune": ("{file} không ghi xã/phường; dùng --commune TÊN_HOẶC_MÃ.",
                        "{file} does not state its commune; use --commune NAME_OR_CODE."),
    "warn.row_codes_differ": ("{n} dòng của {file} ghi mã xã/phường khác {commune_code} ({others}).",
                              "{n} rows of {file} give a commune code other than {commune_code} ({others})."),
    "warn.mostly_outside": ("{share}% người đã xác minh trong {file} đăng ký thường trú ngoài {commune}: "
                            "kiểm tra lại xã/phường của danh sách.",
                            "{share}% of the people verified in {file} are registered outside {commune}: "
                            "check the list's commune."),
    # --- progress of verify -------------------------------------------------------------------
    "progress.population": ("Đọc trích xuất CSDLQG", "reading population extract"),
    "progress.reading": ("Đọc {name}", "reading {name}"),
    "progress.normalising": ("Chuẩn hóa", "normalising"),
    "progress.matching": ("Đối chiếu", "matching"),
    "progress.results_csv": ("Ghi results.csv", "writing results.csv"),
    "progress.returning": ("Lập văn bản trả {name}", "returning {name}"),
    "progress.ledger": ("Ghi sổ theo dõi", "recording in the ledger"),
}
