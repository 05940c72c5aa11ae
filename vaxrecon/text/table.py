"""The message table: key -> (Vietnamese, English). Placeholders use ``str.format`` names.

Sections: dates; workbook columns; document titles and blocks; requests to the station; police
workbook; folder and sheet names; warnings about assumptions; terminal output; follow-up reports;
errors; command-line help.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # --- dates -------------------------------------------------------------------------------
    "long_date": ("ngày {d} tháng {m} năm {y}", "{d}/{m}/{y}"),
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
    "doc.title_corrections": (
        "YÊU CẦU BỔ SUNG, ĐIỀU CHỈNH THÔNG TIN",
        "REQUESTS TO SUPPLY OR CORRECT DETAILS",
    ),
    "doc.title_non_citizens": (
        "DANH SÁCH KHÔNG PHẢI CÔNG DÂN VIỆT NAM (KHÔNG XÁC MINH)",
        "NON-CITIZENS (NOT VERIFIED)",
    ),
    "doc.title_police": (
        "TÀI LIỆU NỘI BỘ CÔNG AN — XÁC MINH BỔ SUNG",
        "POLICE INTERNAL — SUPPLEMENTARY CHECKS",
    ),
    "doc.police_warning": (
        "Chỉ dùng trong lực lượng Công an; không gửi Trạm Y tế hay đơn vị lập danh sách.",
        "For police use only; do not send to the health station or the list's unit.",
    ),
    "doc.country": ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "SOCIALIST REPUBLIC OF VIET NAM"),
    "doc.motto": ("Độc lập - Tự do - Hạnh phúc", "Independence - Freedom - Happiness"),
    "doc.police_of": ("CÔNG AN {commune}", "{commune} POLICE"),
    "doc.commune_police": ("CÔNG AN XÃ", "COMMUNE POLICE"),
    "doc.list_of": ("Danh sách của: {unit}", "List of: {unit}"),
    "doc.list_line": (
        "Ngày lập danh sách: {list_date} — Hạn trả kết quả: {deadline}",
        "List date: {list_date} — Return deadline: {deadline}",
    ),
    "doc.checked_line": (
        "Đối chiếu với CSDLQG về dân cư theo Công văn 8938/BYT-DP ngày {run_date}; tệp {file}",
        "Checked against the national population database (CV 8938/BYT-DP) on {run_date}; file {file}",
    ),
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
    "doc.where_other_file": (
        "Tệp {file}, sheet {sheet}, dòng {row}",
        "File {file}, sheet {sheet}, row {row}",
    ),
    "gender.M": ("Nam", "Male"),
    "gender.F": ("Nữ", "Female"),
    # --- what the station is asked to do -----------------------------------------------------
    "req.name": ("Họ tên", "Name"),
    "req.dob": ("Ngày sinh", "Birth date"),
    "req.gender": ("Giới tính", "Gender"),
    "req.id": ("Số CCCD", "ID number"),
    "req.missing": ("Bổ sung", "Supply"),
    "req.not_found": (
        "Không tìm thấy trong CSDLQG: đề nghị kiểm tra lại họ tên, ngày sinh, số CCCD và "
        "mang thẻ CCCD (hoặc giấy tờ có số định danh) đến đối chiếu",
        "Not found in the population database: please check the name, birth date and ID "
        "and bring the ID card (or a paper with the personal ID number)",
    ),
    "req.review": (
        "Chưa đủ căn cứ để xác minh: đề nghị bổ sung {what}",
        "Not enough to confirm: please supply {what}",
    ),
    "req.review_id": ("số định danh cá nhân (12 chữ số)", "the 12-digit personal ID"),
    "req.review_dob": ("ngày, tháng, năm sinh đầy đủ", "the full birth date"),
    "req.review_card": (
        "thẻ CCCD (hoặc giấy tờ có số định danh) để đối chiếu",
        "the ID card (or a paper with the personal ID number) to compare",
    ),
    "req.duplicate": (
        "Đăng ký trùng với {where}: đề nghị xóa dòng này khỏi danh sách",
        "Registered twice (also {where}): please remove this row from the list",
    ),
    "req.unknown_value": ("(chưa ghi)", "(not given)"),
    # --- police workbook ---------------------------------------------------------------------
    "police.review": (
        "Đối chiếu các người có thể trùng; xác minh trực tiếp nếu cần",
        "Compare the possible people; check in person if needed",
    ),
    "police.not_found": (
        "Tra cứu CSDLQG theo thông tin khác (cha mẹ, nơi thường trú)",
        "Search the database by other details (parents, permanent address)",
    ),
    "police.id_other": (
        "Số CCCD ghi trên danh sách thuộc người khác",
        "The listed ID belongs to someone else",
    ),
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
    "warn.extract_as_list": (
        "{file} có tiêu đề cột như trích xuất CSDLQG (SO_DINH_DANH, HO_VA_TEN…), "
        "không giống danh sách đăng ký tiêm: kiểm tra lại tệp đã chọn.",
        "{file} has the column headers of a population extract (SO_DINH_DANH, "
        "HO_VA_TEN…), not of a registration list: check the file you chose.",
    ),
    "warn.no_list_date": (
        "{file} không ghi ngày lập danh sách nên không tính được hạn trả kết quả; dùng "
        "--list-date dd/mm/yyyy.",
        "{file} does not state its list date, so its return deadline is unknown; use --list-date dd/mm/yyyy.",
    ),
    "warn.list_date_contradicts": (
        "--list-date {given} khác ngày lập ghi trong {file} ({stated}); đã dùng {given}.",
        "--list-date {given} contradicts the list date {file} states ({stated}); {given} was used.",
    ),
    "warn.list_date_from_name": (
        "Ngày lập danh sách của {file} lấy từ tên tệp: {date}.",
        "The list date of {file} was taken from its file name: {date}.",
    ),
    "warn.commune_contradicts": (
        "--commune {given} khác xã/phường ghi trong {file} ({stated}); đã dùng {given}.",
        "--commune {given} contradicts the commune {file} states ({stated}); {given} was used.",
    ),
    "warn.commune_from_name": (
        "Xã/phường của {file} lấy từ mã trong tên tệp: {commune}.",
        "The commune of {file} was taken from the code in its file name: {commune}.",
    ),
    "warn.no_commune": (
        "{file} không ghi xã/phường; dùng --commune TÊN_HOẶC_MÃ.",
        "{file} does not state its commune; use --commune NAME_OR_CODE.",
    ),
    "warn.row_codes_differ": (
        "{n} dòng của {file} ghi mã xã/phường khác {commune_code} ({others}).",
        "{n} rows of {file} give a commune code other than {commune_code} ({others}).",
    ),
    "warn.mostly_outside": (
        "{share}% người đã xác minh trong {file} đăng ký thường trú ngoài {commune}: "
        "kiểm tra lại xã/phường của danh sách.",
        "{share}% of the people verified in {file} are registered outside {commune}: "
        "check the list's commune.",
    ),
    # --- terminal: verify -------------------------------------------------------------------
    "verify.title": ("vaxrecon verify — kết quả xác minh", "vaxrecon verify"),
    "verify.file": ("tệp", "file"),
    "verify.rows": ("số dòng", "rows"),
    "verify.total": ("tổng", "total"),
    "verify.verdict": (
        "Đã đọc {rows} dòng: xác định được {linked} người ({fix} cần điều chỉnh), "
        "{follow} cần tiếp tục xác minh, {foreign} người không phải công dân VN (không "
        "xác minh); {dups} dòng đăng ký trùng.",
        "{rows} rows read: {linked} identified ({fix} need corrections), {follow} to "
        "follow up, {foreign} non-citizens not verified; {dups} duplicates.",
    ),
    "verify.sheet_not_read": (
        "Không đọc trang tính '{sheet}' của {file}:",
        "Sheet '{sheet}' of {file} was not read:",
    ),
    "verify.see_inspect": ("(xem `vaxrecon inspect`).", "(see `vaxrecon inspect`)."),
    "verify.warning": ("Lưu ý:", "Note:"),
    "verify.outputs": (
        "Kết quả ghi tại {folder} (mỗi danh sách một thư mục).",
        "Outputs in {folder} (one folder per list).",
    ),
    "problem.empty": ("trang tính trống", "the sheet is empty"),
    "problem.no_header": (
        "không thấy dòng tiêu đề có cột họ tên",
        "no header row naming a name column was found",
    ),
    "problem.no_key": (
        "danh sách không có cột ngày sinh hay số CCCD",
        "the list has neither a birth-date nor an ID column",
    ),
    # --- terminal: inspect ------------------------------------------------------------------
    "inspect.not_used": ("Không dùng:", "Not used:"),
    "inspect.header": (
        "Dòng tiêu đề ở dòng {row} ({height} dòng); {records} dòng dữ liệu, bỏ qua {skipped} dòng.",
        "Header at row {row} ({height} row(s)); {records} records, {skipped} rows skipped.",
    ),
    "inspect.metadata": ("Thông tin danh sách:", "Metadata:"),
    "inspect.columns": ("Các cột", "Columns"),
    "inspect.col": ("cột", "col"),
    "inspect.heading": ("tiêu đề", "header"),
    "inspect.field": ("trường", "field"),
    "inspect.note": ("ghi chú", "note"),
    "inspect.note_unknown": ("tiêu đề chưa biết", "unknown header"),
    "inspect.note_ignored": ("bỏ qua", "ignored"),
    "inspect.note_duplicate": ("cột trùng", "duplicate column"),
    "inspect.note_second_id": ("cột số giấy tờ thứ hai", "second ID column"),
    "inspect.note_replaced": ("thay bằng --map", "replaced by --map"),
    "inspect.note_map": ("theo --map", "--map"),
    "inspect.skipped": ("Các dòng bỏ qua", "Skipped rows"),
    "inspect.row": ("dòng", "row"),
    "inspect.reason": ("lý do", "reason"),
    "inspect.text": ("nội dung", "text"),
    "inspect.preview": ("Các dòng đầu sau chuẩn hóa", "First normalised records"),
    "meta.commune": ("xã/phường", "commune"),
    "meta.commune_code": ("mã xã", "commune code"),
    "meta.district": ("quận/huyện", "district"),
    "meta.province": ("tỉnh", "province"),
    "meta.list_date": ("ngày lập", "list date"),
    "meta.unit": ("đơn vị", "unit"),
    "meta.title": ("tiêu đề", "title"),
    # --- terminal: explain, qr, synth ---------------------------------------------------------
    "explain.row": ("{file} / {sheet} / dòng {row}", "{file} / {sheet} / row {row}"),
    "explain.decision": (
        "Kết quả: [bold]{status}[/] {person} (p={p}) {reasons}",
        "Decision: [bold]{status}[/] {person} (p={p}) {reasons}",
    ),
    "explain.no_candidate": (
        "Không có người nào trong trích xuất chung khóa tìm kiếm với dòng này.",
        "No candidate shares a blocking key with this row.",
    ),
    "explain.field": ("trường", "field"),
    "explain.level": ("mức", "level"),
    "explain.weight": ("trọng số (bit)", "weight (bits)"),
    "explain.running": ("cộng dồn", "running total"),
    "explain.found_by": ("tìm theo {rule}", "found by {rule}"),
    "explain.probability": ("xác suất", "probability"),
    "qr.id": ("Số CCCD", "ID number"),
    "qr.old_id": ("Số CMND cũ", "Old CMND"),
    "qr.name": ("Họ và tên", "Full name"),
    "qr.dob": ("Ngày sinh", "Birth date"),
    "qr.gender": ("Giới tính", "Gender"),
    "qr.address": ("Nơi thường trú", "Permanent address"),
    "qr.issued": ("Ngày cấp", "Issue date"),
    "synth.title": ("Lỗi nhập liệu trong {rows} dòng danh sách", "Entry errors in {rows} list rows"),
    "synth.error": ("lỗi", "error"),
    "synth.configured": ("cấu hình", "configured"),
    "synth.measured": ("đo được", "measured"),
    "synth.applied": ("đã áp dụng", "applied"),
    "synth.eligible": ("có thể áp dụng", "eligible"),
    "synth.done": (
        "{people} người, {rows} dòng danh sách {classes}, ghi vào {folder} trong {seconds} giây.",
        "{people} people, {rows} list rows {classes}, written to {folder} in {seconds} s.",
    ),
    # --- terminal and workbook: follow-up reports ---------------------------------------------
    "timeliness.on_time": ("đúng hạn", "on time"),
    "timeliness.late": ("trả muộn", "late"),
    "timeliness.overdue": ("quá hạn", "overdue"),
    "timeliness.pending": ("trong hạn", "pending"),
    "timeliness.unknown": ("chưa rõ hạn", "unknown"),
    "report.file": ("tệp", "file"),
    "report.signed_by": ("ký số", "signed by"),
    "report.list_date": ("ngày lập", "list date"),
    "report.deadline": ("hạn trả", "deadline"),
    "report.returned": ("ngày trả", "returned"),
    "report.timeliness": ("tiến độ", "timeliness"),
    "report.name": ("họ tên", "name"),
    "report.village": ("thôn", "village"),
    "report.phone": ("điện thoại", "phone"),
    "report.status": ("kết quả", "status"),
    "report.since": ("từ ngày", "since"),
    "report.age": ("số ngày", "age (days)"),
    "report.open": ("Yêu cầu còn mở: {n}", "Open requests: {n}"),
    "report.province": ("Tổng hợp toàn tỉnh — {date}", "Province overview — {date}"),
    "report.commune": ("xã/phường", "commune"),
    "report.lists": ("số danh sách", "lists"),
    "report.open_requests": ("yêu cầu còn mở", "open requests"),
    "report.list": ("Danh sách {id} ({file})", "List {id} ({file})"),
    "report.unknown_metadata": (
        "chưa rõ {missing} — xác minh lại với --commune TÊN_HOẶC_MÃ và "
        "--list-date dd/mm/yyyy, hoặc đặt tên tệp có mã xã và ngày, ví dụ "
        "DS_22894_20211105.xlsx.",
        "{missing} unknown — verify the list again with --commune NAME_OR_CODE "
        "and --list-date dd/mm/yyyy, or name the file with the commune code and "
        "date, e.g. DS_22894_20211105.xlsx.",
    ),
    "report.how_to_supply": (
        "xác minh lại danh sách với --commune TÊN_HOẶC_MÃ và --list-date dd/mm/yyyy, hoặc đặt tên "
        "tệp có mã xã và ngày, ví dụ DS_22894_20211105.xlsx",
        "verify the list again with --commune NAME_OR_CODE and --list-date dd/mm/yyyy, or name the "
        "file with the commune code and date, e.g. DS_22894_20211105.xlsx",
    ),
    "overdue.none": ("Không có gì quá hạn vào ngày {date}.", "Nothing is overdue on {date}."),
    "overdue.title": (
        "Quá hạn vào ngày {date} (hạn {days} ngày)",
        "Overdue on {date} (deadline {days} days)",
    ),
    "overdue.lists": ("danh sách quá hạn", "lists overdue"),
    "overdue.rows": ("dòng quá hạn", "rows overdue"),
    "overdue.oldest": ("lâu nhất (ngày)", "oldest (days)"),
    "overdue.list": (
        "  danh sách {id} {file}: hạn {deadline}, chưa trả",
        "  list {id} {file}: deadline {deadline}, not returned",
    ),
    "batch.locked": (
        "Một lượt batch khác đang giữ khóa hộp thư đến; không làm gì.",
        "Another batch run holds the inbox lock; nothing was done.",
    ),
    "batch.processed": ("đã xử lý {file} → {folder}", "processed {file} → {folder}"),
    "batch.duplicate": ("đã xử lý trước đây {file} (danh sách {id})", "already processed {file} (list {id})"),
    "batch.waiting": ("để lượt sau: {file} ({reason})", "left for the next run: {file} ({reason})"),
    "batch.failed": ("lỗi", "failed"),
    "batch.overdue": ("Số mục quá hạn: {n} ({file})", "Overdue items: {n} ({file})"),
    # --- follow-up report workbooks (report, overdue) ------------------------------------------
    "fu_title": ("BÁO CÁO KẾT QUẢ XÁC MINH DANH SÁCH TIÊM CHỦNG", "VERIFICATION FOLLOW-UP REPORT"),
    "fu_province": ("TỔNG HỢP TOÀN TỈNH", "PROVINCE OVERVIEW"),
    "fu_overdue_title": ("DANH SÁCH VÀ YÊU CẦU QUÁ HẠN", "OVERDUE LISTS AND REQUESTS"),
    "fu_as_of": ("Tính đến ngày", "As of"),
    "fu_district": ("Quận/huyện", "District"),
    "fu_lists": ("Số danh sách", "Lists"),
    "fu_facility_lists": ("DS của cơ sở", "Facility lists"),
    "fu_rows": ("Số người", "People"),
    "fu_on_time": ("Đúng hạn", "On time"),
    "fu_late": ("Trả muộn", "Late"),
    "fu_overdue": ("Quá hạn", "Overdue"),
    "fu_pending": ("Trong hạn", "Pending"),
    "fu_unknown": ("Chưa rõ hạn", "No deadline"),
    "fu_open_requests": ("Yêu cầu còn mở", "Open requests"),
    "fu_open_overdue": ("Yêu cầu quá hạn", "Open, overdue"),
    "fu_total": ("Tổng cộng", "Total"),
    "fu_list_no": ("Số DS", "List no."),
    "fu_unit": ("Đơn vị lập danh sách", "Issuing unit"),
    "fu_unit_kind": ("Loại đơn vị", "Unit kind"),
    "fu_kind_facility": ("Cơ sở tiêm chủng/đơn vị", "Facility"),
    "fu_kind_commune": ("Xã/phường", "Commune"),
    "fu_return_to": ("Trả kết quả cho", "Return to"),
    "fu_received_on": ("Ngày nhận", "Received on"),
    "fu_returned_on": ("Ngày trả kết quả", "Returned on"),
    "fu_timeliness": ("Tình trạng thời hạn", "Timeliness"),
    "fu_reruns": ("Số lần chạy lại", "Re-runs"),
    "fu_first_reported": ("Ngày báo lần đầu", "First reported"),
    "fu_due": ("Hạn xử lý", "Due"),
    "fu_age_days": ("Số ngày", "Age (days)"),
    "fu_decided_by": ("Người quyết định", "Decided by"),
    "fu_decided_at": ("Thời điểm quyết định", "Decided at"),
    "fu_status_before": ("Kết quả trước đó", "Result before"),
    "fu_note": ("Ghi chú", "Note"),
    "fu_source": ("Nguồn", "Source"),
    "fu_missing": ("Còn thiếu", "Missing"),
    "fu_how_to_supply": ("Cách bổ sung", "How to supply"),
    "fu_sheet_overview": ("Tổng hợp", "Overview"),
    "fu_sheet_communes": ("Theo xã", "By commune"),
    "fu_sheet_facilities": ("Cơ sở", "Facilities"),
    "fu_sheet_open": ("Yêu cầu còn mở", "Open requests"),
    "fu_sheet_decisions": ("Quyết định của công an", "Police decisions"),
    "fu_sheet_overdue_lists": ("DS quá hạn", "Overdue lists"),
    "fu_sheet_overdue_rows": ("Dòng quá hạn", "Overdue rows"),
    "fu_sheet_unknown": ("Thiếu thông tin", "Missing metadata"),
    "fu_yes": ("Có", "Yes"),
    "fu_commune": ("Xã/phường", "Commune"),
    "fu_list_date": ("Ngày lập danh sách", "List date"),
    "fu_deadline": ("Hạn trả kết quả", "Return deadline"),
    # --- errors (one plain sentence on stderr) ------------------------------------------------
    "err.prefix": ("Lỗi:", "Error:"),
    "err.internal": (
        "Lỗi nội bộ: {kind}{detail} (chạy lại với --debug để xem chi tiết).",
        "Internal error: {kind}{detail} (run with --debug for the traceback).",
    ),
    "err.out_not_empty": (
        "Thư mục kết quả {folder} đã có và không trống; hãy chọn --out khác.",
        "The output folder {folder} already exists and is not empty; choose another --out.",
    ),
    "err.folder_missing": (
        "Thư mục {folder} không tồn tại nên không ghi được {file}; hãy tạo thư mục trước.",
        "The folder {folder} does not exist, so {file} cannot be written there; create it first.",
    ),
    "err.file_exists": (
        "Tệp {path} đã có; vaxrecon không ghi đè, hãy chọn tên khác.",
        "{path} already exists; vaxrecon does not overwrite it, choose another name.",
    ),
    "err.template_suffix": (
        "Mẫu danh sách được ghi dạng .xlsx; hãy đặt tên tệp kết thúc bằng .xlsx (không phải {suffix}).",
        "The template is written as .xlsx; give a file name ending in .xlsx (not {suffix}).",
    ),
    "err.commune_none": (
        "--commune {commune}: không có xã/phường nào tên như vậy; hãy ghi mã xã 5 chữ số.",
        "--commune {commune}: no commune of that name; give the five-digit commune code.",
    ),
    "err.commune_many": (
        "--commune {commune}: có nhiều xã/phường cùng tên; hãy ghi mã xã 5 chữ số.",
        "--commune {commune}: more than one commune of that name; give the five-digit commune code.",
    ),
    "err.lang": ("--lang nhận vi hoặc en, không nhận '{value}'.", "--lang takes vi or en, not '{value}'."),
    "err.lang_env": (
        "Biến VAXRECON_LANG nhận vi hoặc en, không nhận '{value}'.",
        "VAXRECON_LANG takes vi or en, not '{value}'.",
    ),
    "err.lang_config": (
        "Thiết lập 'lang' nhận vi hoặc en, không nhận '{value}'.",
        "The setting 'lang' takes vi or en, not '{value}'.",
    ),
    "err.date": (
        "{option} phải là ngày dạng dd/mm/yyyy hoặc yyyy-mm-dd, không phải '{value}'.",
        "{option} must be a date written dd/mm/yyyy or yyyy-mm-dd, not '{value}'.",
    ),
    "err.format": (
        "--format nhận table, json hoặc xlsx, không nhận '{value}'.",
        "--format takes table, json or xlsx, not '{value}'.",
    ),
    "err.map": (
        '--map nhận trường="Tiêu đề cột", không nhận "{value}".',
        '--map takes field="Header text", not "{value}".',
    ),
    "err.fail_on": (
        "--fail-on nhận các kết quả: {known} (không nhận '{value}').",
        "--fail-on takes statuses from: {known} (not '{value}').",
    ),
    "err.qr": (
        "Đây không phải nội dung mã QR của thẻ CCCD (số CCCD|CMND cũ|họ tên|ddmmyyyy|giới "
        "tính|địa chỉ|ngày cấp).",
        "That text is not a CCCD QR payload (12-digit ID|old ID|name|ddmmyyyy|gender|address|issue date).",
    ),
    "err.no_population": (
        "Chưa có trích xuất CSDLQG: dùng --population TỆP hoặc đặt 'population' trong cấu hình.",
        "No population extract: pass --population FILE or set 'population' in the configuration.",
    ),
    "err.no_lists": (
        "Cần ít nhất một danh sách đăng ký để xác minh.",
        "Give at least one registration list to verify.",
    ),
    # --- terminal: follow-up tables (report, overdue, resolve, clean) --------------------------
    "report.list_col": ("danh sách", "list"),
    "report.where": ("trang tính:dòng", "sheet:row"),
    "report.before": ("kết quả trước", "before"),
    "report.decision": ("quyết định", "decision"),
    "report.by": ("người quyết định", "by"),
    "report.at": ("thời điểm", "at"),
    "report.note": ("ghi chú", "note"),
    "report.decisions": ("Quyết định của công an: {n}", "Police decisions: {n}"),
    "report.district": ("quận/huyện", "district"),
    "report.communes": ("số xã/phường", "communes"),
    "report.person_id": ("số định danh", "ID"),
    "report.due": ("hạn xử lý", "due"),
    "overdue.rows_title": ("Dòng còn mở quá hạn: {n}", "Rows open past their deadline: {n}"),
    "resolve.recorded": (
        "Đã ghi quyết định {id}: danh sách {list} {sheet}:{row} → {status} ({by}, {on})",
        "Recorded decision {id}: list {list} {sheet}:{row} → {status} ({by}, {on})",
    ),
    "campaign.title": ("Làm sạch dữ liệu tiêm chủng (người)", "Data-cleaning campaign (people)"),
    "campaign.export": ("ngày xuất", "export"),
    "campaign.doses": ("mũi", "doses"),
    "clean.verdict": ("kết luận", "verdict"),
    "clean.people": ("người", "people"),
    "clean.outputs": ("Kết quả ghi tại {folder}", "Outputs in {folder}"),
    # --- terminal: explain (fields, comparison levels, blocking rules) -------------------------
    "id_kind.missing": ("không có số giấy tờ", "no ID"),
    "id_kind.cccd": ("CCCD", "CCCD"),
    "id_kind.cmnd": ("CMND", "CMND"),
    "id_kind.passport": ("hộ chiếu", "passport"),
    "id_kind.unusable": ("số bị Excel làm hỏng", "number mangled by Excel"),
    "id_kind.malformed": ("số không đúng dạng", "malformed number"),
    "explain.f_prior": ("tiên nghiệm", "prior"),
    "explain.f_id": ("số CCCD", "ID"),
    "explain.f_name": ("họ tên", "name"),
    "explain.f_dob": ("ngày sinh", "birth date"),
    "explain.f_gender": ("giới tính", "gender"),
    "explain.f_commune": ("xã/phường", "commune"),
    "explain.f_village": ("thôn", "village"),
    "level.missing": ("thiếu", "missing"),
    "level.exact": ("trùng khớp", "exact"),
    "level.one_edit": ("lệch một chữ số", "one edit"),
    "level.old_cmnd": ("CMND cũ", "old CMND"),
    "level.relative": ("số của người thân", "a relative's"),
    "level.different": ("khác", "different"),
    "level.tone": ("khác vị trí dấu", "tone placement"),
    "level.folded": ("giống khi bỏ dấu", "same without marks"),
    "level.reordered": ("đảo thứ tự", "reordered"),
    "level.middle_dropped": ("thiếu tên đệm", "middle name dropped"),
    "level.token_typo": ("gõ sai một chữ trong một tiếng", "one slip in one syllable"),
    "level.fuzzy_high": ("rất gần", "close (fuzzy)"),
    "level.fuzzy_low": ("hơi gần", "somewhat close (fuzzy)"),
    "level.swapped": ("đảo ngày và tháng", "day and month swapped"),
    "level.one_digit": ("lệch một chữ số", "one digit off"),
    "level.year_only": ("chỉ có năm sinh", "year only"),
    "level.year_off": ("lệch năm", "year off"),
    "level.agree": ("trùng", "agree"),
    "level.disagree": ("khác", "disagree"),
    "rule.id": ("số CCCD", "ID"),
    "rule.cmnd": ("số CMND cũ", "old CMND"),
    "rule.id_view1_given": ("8 chữ số đầu của CCCD + tên", "first 8 ID digits + given name"),
    "rule.id_view2_given": ("8 chữ số cuối của CCCD + tên", "last 8 ID digits + given name"),
    "rule.id_view3_given": (
        "4 chữ số đầu và 4 chữ số cuối của CCCD + tên",
        "first and last 4 ID digits + given name",
    ),
    "rule.name_year": ("họ tên + năm sinh", "full name + birth year"),
    "rule.nospace_year": ("họ tên viết liền + năm sinh", "name without spaces + birth year"),
    "rule.sorted_year": ("họ tên đảo thứ tự + năm sinh", "name reordered + birth year"),
    "rule.given_dob": ("tên + ngày sinh", "given name + birth date"),
    "rule.family_dob": ("họ + ngày sinh", "family name + birth date"),
    "rule.family_given_year": ("họ và tên + năm sinh", "family and given name + birth year"),
    "rule.name_monthday": ("họ tên + ngày, tháng sinh", "full name + birth day and month"),
    "rule.family_year_commune": ("họ + năm sinh + xã", "family name + birth year + commune"),
    "rule.given_year_commune": ("tên + năm sinh + xã", "given name + birth year + commune"),
    "rule.name_commune": ("họ tên + xã", "full name + commune"),
    # --- errors: population extract, configuration, reading, explain, follow-up, signing -------
    "err.at_line": (" ở dòng {line}", " at line {line}"),
    "err.pop_utf16": (
        "{file} được lưu dạng văn bản UTF-16 (Unicode), vaxrecon không đọc dạng này: hãy lưu lại "
        "dạng CSV UTF-8 (trong Excel: 'CSV UTF-8 (Comma delimited)').",
        "{file} is saved as UTF-16 (Unicode) text, which vaxrecon does not read: save it again as "
        "CSV UTF-8 (in Excel: 'CSV UTF-8 (Comma delimited)').",
    ),
    "err.pop_ragged": (
        "Không đọc được {file} dưới dạng CSV: dòng {line} có {n} ô, trong khi dòng tiêu đề có {width} cột.",
        "{file} could not be parsed as CSV: line {line} has {n} cells, while the header has {width} columns.",
    ),
    "err.pop_unparsed": (
        "Không đọc được {file} dưới dạng CSV: hãy mở tệp bằng Excel rồi lưu lại dạng CSV UTF-8.",
        "{file} could not be parsed as CSV: open it in Excel and save it again as CSV UTF-8.",
    ),
    "err.pop_parquet": ("{file} không phải tệp Parquet đọc được.", "{file} is not a readable Parquet file."),
    "err.pop_no_data": ("{file} không có dữ liệu.", "{file} has no data."),
    "err.pop_no_people": (
        "{file} có dòng tiêu đề nhưng không có người nào: hãy xuất lại trích xuất kèm các dòng dữ liệu.",
        "{file} has a header but no people in it: export the extract again with its rows.",
    ),
    "err.pop_columns": (
        "{file} không phải trích xuất CSDLQG mà vaxrecon dùng được: cần các cột số định danh cá "
        "nhân, họ tên và ngày sinh (ví dụ SO_DINH_DANH, HO_VA_TEN, NGAY_SINH).",
        "{file} is not a population extract vaxrecon can use: it needs the personal ID, full name "
        "and birth date columns (e.g. SO_DINH_DANH, HO_VA_TEN, NGAY_SINH).",
    ),
    "err.frame_columns": (
        "Bảng dữ liệu cần một cột họ tên và một cột ngày sinh hoặc số CCCD (đặt tên theo trường, "
        "ví dụ name, dob, id_number, hoặc theo tiêu đề của danh sách).",
        "The records need a full-name column and a birth-date or ID column (named as list fields, "
        "e.g. name, dob, id_number, or as list headers).",
    ),
    "err.reader_stopped": (
        "Không đọc được {file}: bộ đọc bảng tính dừng lại trên tệp này (tệp hỏng hoặc cần quá "
        "nhiều bộ nhớ); hãy mở bằng Excel và lưu lại dạng .xlsx.",
        "{file} could not be read: the spreadsheet reader stopped on it (the file is damaged or "
        "needs too much memory); open it in Excel and save it as .xlsx.",
    ),
    "err.pkg_refused": (
        "Không đọc {file} vì {why}; {advice}.",
        "{file} was not read because {why}; {advice}.",
    ),
    "pkg.advice_resave": (
        "nếu đây là danh sách thật, hãy mở bằng Excel và lưu lại",
        "if it is a real list, open it in Excel and save it again",
    ),
    "pkg.advice_trim": (
        "hãy xóa những gì ghi ở xa bên dưới hoặc bên phải danh sách",
        "delete what is written far below or to the right of the list",
    ),
    "pkg.parts": ("tệp có {n} phần (giới hạn là {limit})", "it holds {n} parts (the limit is {limit})"),
    "pkg.part_mb": ("có một phần giải nén ra hơn {mb} MB", "a part inflates to more than {mb} MB"),
    "pkg.total_mb": ("các phần giải nén ra hơn {mb} MB", "its parts inflate to more than {mb} MB"),
    "pkg.ratio": (
        "có một phần giải nén ra lớn hơn {ratio} lần kích thước nén: giống một quả bom giải nén",
        "one of its parts inflates more than {ratio} times its packed size: it looks like a "
        "decompression bomb",
    ),
    "pkg.entities": (
        "phần {part} khai báo thực thể XML (document type), điều bảng tính không bao giờ cần",
        "its part {part} declares XML entities (a document type), which spreadsheets never need",
    ),
    "pkg.cells": (
        "một trang tính có ô ở dòng {rows}, cột {cols}: đọc trang tính đó cần {cells} ô "
        "(giới hạn là {limit})",
        "a sheet has a cell in row {rows}, column {cols}: reading it would need {cells} cells (the "
        "limit is {limit})",
    ),
    "hdr.no_filled_rows": ("không có dòng nào có dữ liệu", "no filled rows"),
    "hdr.row": ("dòng {n}: {cells}", "row {n}: {cells}"),
    "hdr.cell": ("{n} ô {kind}", "{n} {kind} cell"),
    "hdr.cells": ("{n} ô {kind}", "{n} {kind} cells"),
    "hdr.kind_text": ("chữ", "text"),
    "hdr.kind_number": ("số", "number"),
    "hdr.kind_date": ("ngày", "date"),
    "cfg.cli": ("tùy chọn dòng lệnh", "command-line options"),
    "cfg.defaults": ("mặc định của vaxrecon", "packaged defaults"),
    "cli.config_sources": ("# nguồn: {sources}  (mã cấu hình {hash})", "# sources: {sources}  (hash {hash})"),
    "cfg.type_bool": ("true/false (đúng/sai)", "true/false"),
    "cfg.type_int": ("số nguyên", "a whole number"),
    "cfg.type_float": ("một số", "a number"),
    "cfg.type_str": ("văn bản", "text"),
    "cfg.type_list": ("danh sách", "a list"),
    "cfg.type_dict": ("nhóm thiết lập", "a mapping"),
    "err.config_missing": (
        "Tệp cấu hình {path} không tồn tại.",
        "The configuration file {path} does not exist.",
    ),
    "err.config_yaml": (
        "Tệp cấu hình {path} không phải YAML hợp lệ{where}.",
        "The configuration file {path} is not valid YAML{where}.",
    ),
    "err.config_mapping": (
        "Tệp cấu hình {path} phải chứa các thiết lập dạng 'khóa: giá trị'.",
        "The configuration file {path} must hold a mapping of settings.",
    ),
    "err.setting_unknown": (
        "Không có thiết lập nào tên '{setting}' (trong {source}).",
        "Unknown setting '{setting}' in {source}.",
    ),
    "err.setting_mapping": (
        "Thiết lập '{setting}' trong {source} phải là một nhóm thiết lập.",
        "Setting '{setting}' in {source} must be a mapping.",
    ),
    "err.setting_type": (
        "Thiết lập '{setting}' trong {source} phải là {kind}, không phải {value}.",
        "Setting '{setting}' in {source} must be {kind}, not {value}.",
    ),
    "err.setting_choice": (
        "Thiết lập '{setting}' nhận {known}, không nhận {value}.",
        "Setting '{setting}' must be one of {known}, not {value}.",
    ),
    "err.row_ref": (
        "--row nhận TRANG_TÍNH:DÒNG hoặc DÒNG (số dòng Excel hiển thị), không nhận '{value}'.",
        "--row takes SHEET:ROW or ROW (the row number Excel shows), not '{value}'.",
    ),
    "err.no_data_row": (
        "{file} không có dòng dữ liệu {ref} (các trang tính: {sheets}).",
        "No data row {ref} in {file} (sheets: {sheets}).",
    ),
    "err.no_province": (
        "Danh mục hành chính năm 2021 không có tỉnh nào tên '{name}'.",
        "No province named '{name}' in the 2021 administrative list.",
    ),
    "unit.commune": ("xã/phường", "commune"),
    "unit.district": ("quận/huyện", "district"),
    "err.ledger_no_unit": (
        "Sổ theo dõi chưa có danh sách nào của {what} '{text}'.",
        "No list of {what} '{text}' is in the ledger.",
    ),
    "err.ledger_many_units": (
        "'{text}' ứng với nhiều {what} ({codes}); hãy ghi mã.",
        "'{text}' names more than one {what} ({codes}); give the code.",
    ),
    "err.status": (
        "--status nhận một trong các kết quả {known}, không nhận '{value}'.",
        "--status takes one of {known}, not '{value}'.",
    ),
    "err.person_id": (
        "--person-id phải là số định danh cá nhân đủ 12 chữ số.",
        "--person-id must be the 12-digit personal ID number.",
    ),
    "err.no_list": (
        "Sổ theo dõi không có danh sách số {id} (`vaxrecon report` cho biết số của các danh sách).",
        "There is no list {id} in the ledger (`vaxrecon report` shows the numbers).",
    ),
    "err.list_replaced": (
        "Danh sách {id} đã được thay bằng danh sách {new}; hãy ghi quyết định vào dòng của danh sách đó.",
        "List {id} was replaced by list {new}; record the decision on the row of that list.",
    ),
    "err.no_ledger_row": (
        "Danh sách {id} không có dòng dữ liệu {sheet}:{row} trong sổ theo dõi.",
        "List {id} has no data row {sheet}:{row} in the ledger.",
    ),
    "err.verify_needs_id": (
        "Dòng {sheet}:{row} chưa gắn với người nào: muốn ghi là đã xác minh cần --person-id với số "
        "định danh cá nhân 12 chữ số mà công an đã xác nhận.",
        "Row {sheet}:{row} is linked to nobody yet: verifying it needs --person-id with the 12-digit "
        "personal ID number the police confirmed.",
    ),
    "err.where": (
        "Ghi dòng dạng DANH_SÁCH:TRANG_TÍNH:DÒNG (ví dụ 12:DS:15), không nhận '{value}'.",
        "Give the row as LIST:SHEET:ROW (e.g. 12:DS:15), not '{value}'.",
    ),
    "err.list_name_none": (
        "Không có danh sách hiện hành nào tên '{name}'; hãy ghi số của danh sách (`vaxrecon "
        "report` cho biết).",
        "No current list is named '{name}'; give the list's number (`vaxrecon report` shows it).",
    ),
    "err.list_name_many": (
        "Có nhiều danh sách hiện hành cùng tên '{name}'; hãy ghi số của danh sách (`vaxrecon report` "
        "cho biết).",
        "More than one current list is named '{name}'; give the list's number (`vaxrecon report` shows it).",
    ),
    "err.decision_word": (
        "'{value}' không phải quyết định mà vaxrecon biết ({known})",
        "'{value}' is not a decision vaxrecon knows ({known})",
    ),
    "err.workbook_no_list": (
        "tệp này không ghi tên danh sách: hãy dùng --list N",
        "this workbook does not name the list: give --list N",
    ),
    "err.returned_needs_list": (
        "bản trả lại cần --list N (số của danh sách trong sổ theo dõi)",
        "a returned copy needs --list N (the ledger number of its list)",
    ),
    "err.place": (
        "vị trí '{value}' không có dạng 'Sheet …, dòng …' hay 'tệp / sheet / dòng'",
        "the place '{value}' is not 'Sheet …, row …' nor 'file / sheet / row'",
    ),
    "err.resolve_what": (
        "Hãy ghi một dòng (DANH_SÁCH:TRANG_TÍNH:DÒNG kèm --status) hoặc --import TỆP.",
        "Give either one row (LIST:SHEET:ROW with --status) or --import WORKBOOK.",
    ),
    "err.no_decision_column": (
        "{file} không có cột quyết định nào được điền (tiêu đề ví dụ '{header}').",
        "{file} has no filled decision column (headed e.g. '{header}').",
    ),
    "err.status_missing": (
        "Hãy ghi quyết định bằng --status (ví dụ --status verified).",
        "Give the decision with --status (e.g. --status verified).",
    ),
    "err.not_folder": ("{path} không phải thư mục.", "{path} is not a folder."),
    "err.not_result_folder": (
        "{folder} không phải thư mục kết quả của vaxrecon (cần có summary.json và results.csv).",
        "{folder} is not a vaxrecon result folder (summary.json and results.csv are needed).",
    ),
    "err.result_unreadable": (
        "Không đọc được các tệp kết quả trong {folder} ({kind}).",
        "The result files in {folder} cannot be read ({kind}).",
    ),
    "err.result_counts": (
        "results.csv và summary.json trong {folder} không khớp số lượng: thư mục đã bị sửa sau khi "
        "xác minh. Hãy chạy lại vaxrecon verify.",
        "results.csv and summary.json in {folder} disagree on the counts; the folder was edited "
        "after verify. Run verify again.",
    ),
    "err.minutes_signed": (
        "{path} đã được ký số; lập lại biên bản sẽ làm mất chữ ký. Hãy chuyển tệp đi nơi khác "
        "trước, hoặc chọn --out khác.",
        "{path} is already signed; writing the minutes again would discard the signature. Move it "
        "away first, or choose another --out.",
    ),
    "err.ca_missing": ("Tệp CA {path} không tồn tại.", "The CA file {path} does not exist."),
    "err.ca_unreadable": (
        "{path} không chứa chứng thư số dạng PEM hay DER.",
        "{path} holds no certificate in PEM or DER form.",
    ),
    "err.name_line_break": (
        "Một tên tệp trong thư mục có ký tự xuống dòng; hãy đổi tên trước khi ký.",
        "A file name in the folder contains a line break; rename it before signing.",
    ),
    "err.manifest_not_utf8": ("{manifest} không phải văn bản UTF-8.", "{manifest} is not UTF-8 text."),
    "err.manifest_line": (
        "Dòng {n} của {manifest} không có dạng '<sha256>  <tệp>'.",
        "{manifest} line {n} is not '<sha256>  <file>'.",
    ),
    "err.secret_from": (
        " (đọc từ biến môi trường {variable})",
        " (it is read from the environment variable {variable})",
    ),
    "err.cert_missing": (
        "Tệp chứng thư số {path} không tồn tại.",
        "The certificate file {path} does not exist.",
    ),
    "err.cert_unopened": (
        "Không mở được tệp chứng thư số {path}: mật khẩu sai hoặc thiếu{where}, hoặc tệp không "
        "phải PKCS#12 (.p12/.pfx).",
        "The certificate file {path} cannot be opened: the password is wrong or missing{where}, "
        "or it is not a PKCS#12 (.p12/.pfx) file.",
    ),
    "err.token_unopened": (
        "Không mở được token '{label}' bằng {lib} ({kind}: hãy kiểm tra thư viện, nhãn token và "
        "mã PIN{where}).",
        "The token '{label}' cannot be opened with {lib} ({kind}: check the library, the token "
        "label and the PIN{where}).",
    ),
    "err.token_keys": (
        "Token '{label}' có {n} khóa bí mật phù hợp; hãy chọn một khóa bằng --key-label.",
        "The token '{label}' holds {n} matching private keys; name one with --key-label.",
    ),
    "err.token_refused": ("Token từ chối ký ({kind}).", "The token refused to sign ({kind})."),
    "err.key_source": (
        "Hãy dùng --cert TỆP.p12, hoặc --pkcs11-lib THƯ_VIỆN kèm --token-label.",
        "Give either --cert FILE.p12 or --pkcs11-lib LIB with --token-label.",
    ),
    "err.token_label": ("--pkcs11-lib cần kèm --token-label.", "--pkcs11-lib needs --token-label."),
    "err.changed_after_minutes": (
        "{files} đã thay đổi sau khi lập biên bản {name}; hãy lập lại biên bản (vaxrecon "
        "minutes) trước khi ký.",
        "{files} changed after the minutes {name} were drawn up; draw them up again (vaxrecon "
        "minutes) before signing.",
    ),
    "err.pdf_unreadable": (
        "Không ký được {name}: tệp không phải PDF đọc được ({why}).",
        "{name} cannot be signed: it is not a readable PDF ({why}).",
    ),
    "cli.password_prompt": ("Mật khẩu chứng thư số", "Certificate password"),
    "cli.pin_prompt": ("Mã PIN của token", "Token PIN"),
    # --- step 4: minutes, signing, checking signatures -----------------------------------------
    # step 4, minutes: header and title
    "min.number": ("Số: ......../BB", "No.: ......../BB"),
    "min.place_date": ("{place}, ngày {d:02d} tháng {m:02d} năm {y}", "{place}, {d:02d}/{m:02d}/{y}"),
    "min.title": ("BIÊN BẢN", "MINUTES"),
    "min.subtitle": (
        "Xác nhận tính chính xác của dữ liệu kết quả xác minh thông tin người đăng ký tiêm "
        "vắc xin phòng COVID-19",
        "Confirming the accuracy of the result data of verifying the people registered for "
        "COVID-19 vaccination",
    ),
    "min.basis": (
        "Căn cứ Công văn số 8938/BYT-DP của Bộ Y tế về việc xác minh thông tin người tiêm vắc xin "
        "phòng COVID-19 với Cơ sở dữ liệu quốc gia về dân cư;",
        "Pursuant to Công văn 8938/BYT-DP of the Ministry of Health on checking the people "
        "vaccinated against COVID-19 with the national population database;",
    ),
    "min.opening": (
        "Hôm nay, ngày {date}, tại {place}, chúng tôi gồm:",
        "Today, {date}, at {place}, we the undersigned:",
    ),
    "min.party": ("Ông/Bà: {name}  —  Chức vụ: {title}", "Mr/Ms: {name}  —  Position: {title}"),
    "min.chairing": (" (chủ trì)", " (chairing)"),
    "min.blank_name": ("...................................", "..................................."),
    "min.together": (
        "đã cùng kiểm tra dữ liệu kết quả xác minh do vaxrecon {version} lập ngày {run_date} "
        "(mã cấu hình {config_hash}) như sau:",
        "have together checked the verification result data produced by vaxrecon {version} on "
        "{run_date} (configuration {config_hash}), as follows:",
    ),
    # step 4, minutes: sections
    "min.sec_lists": ("I. CÁC DANH SÁCH ĐÃ ĐỐI CHIẾU", "I. THE LISTS CHECKED"),
    "min.sec_counts": ("II. KẾT QUẢ XÁC MINH", "II. VERIFICATION RESULTS"),
    "min.sec_counts_total": ("1. Tổng hợp theo kết quả", "1. Totals by result"),
    "min.sec_counts_lists": ("2. Theo từng danh sách", "2. By list"),
    "min.sec_files": ("III. CÁC TỆP DỮ LIỆU KẾT QUẢ (MÃ BĂM SHA-256)", "III. THE RESULT FILES (SHA-256)"),
    "min.files_note": (
        "Mã băm SHA-256 xác định đúng nội dung từng tệp: chỉ cần thay đổi một ký tự, mã băm "
        "sẽ khác. Kiểm tra bằng lệnh: sha256sum TÊN_TỆP.",
        "The SHA-256 hash pins each file's exact content: change one character and the hash "
        "differs. Check with: sha256sum FILE_NAME.",
    ),
    "min.sec_conclusion": ("IV. KẾT LUẬN", "IV. CONCLUSION"),
    "min.conclusion": (
        "Các bên thống nhất xác nhận dữ liệu kết quả xác minh nêu trên là chính xác, đầy đủ "
        "({rows} dòng dữ liệu, mỗi dòng có đúng một kết quả). Biên bản được lập thành {copies} "
        "bản có giá trị như nhau, mỗi bên giữ một bản.",
        "The parties confirm that the verification result data above is accurate and complete "
        "({rows} data rows, each with exactly one result). These minutes are made in {copies} "
        "copies of equal value, one for each party.",
    ),
    "min.sign_hint": ("(Ký, ghi rõ họ tên)", "(Signature and full name)"),
    "min.page": ("Trang {n}/{total}", "Page {n} of {total}"),
    # step 4, minutes: table headings
    "min.col_list": ("Tệp danh sách", "List file"),
    "min.col_file": ("Tệp", "File"),
    "min.col_unit": ("Đơn vị / xã", "Unit / commune"),
    "min.col_list_date": ("Ngày lập", "List date"),
    "min.col_rows": ("Số dòng", "Rows"),
    "min.col_status": ("Kết quả", "Result"),
    "min.col_count": ("Số người", "People"),
    "min.col_total": ("Tổng", "Total"),
    "min.col_size": ("Dung lượng (byte)", "Size (bytes)"),
    "min.col_sha": ("SHA-256", "SHA-256"),
    "min.col_verified": ("Đã xác minh", "Verified"),
    "min.col_needs_correction": ("Cần điều chỉnh", "Needs correction"),
    "min.col_review": ("Cần xác minh thêm", "Needs review"),
    "min.col_not_found": ("Không tìm thấy", "Not found"),
    "min.col_non_citizen": ("Không phải công dân VN", "Non-citizen"),
    "min.col_incomplete": ("Thiếu thông tin", "Incomplete"),
    # step 4, minutes: default titles of the parties
    "min.chair_commune": ("Chủ tịch UBND {commune}", "Chairman of the People's Committee, {commune}"),
    "min.chair_facility": ("Thủ trưởng cơ sở tiêm chủng", "Head of the vaccination facility"),
    "min.health_commune": ("Trạm trưởng Trạm Y tế {commune}", "Head of the health station, {commune}"),
    "min.police_commune": ("Trưởng Công an {commune}", "Head of the commune police, {commune}"),
    "min.block_chair_commune": ("CHỦ TỊCH UBND", "CHAIRMAN, PEOPLE'S COMMITTEE"),
    "min.block_chair_facility": ("THỦ TRƯỞNG CƠ SỞ", "HEAD OF FACILITY"),
    "min.block_health": ("TRẠM Y TẾ", "HEALTH STATION"),
    "min.block_police": ("CÔNG AN", "COMMUNE POLICE"),
    # step 4, check-signature
    "sig.ok": ("hợp lệ", "valid"),
    "sig.not_signed": (
        "Thư mục {folder} chưa được ký: không có MANIFEST.sha256 và MANIFEST.sha256.p7s.",
        "The folder {folder} is not signed: MANIFEST.sha256 and MANIFEST.sha256.p7s are missing.",
    ),
    "sig.changed": (
        "Tệp {name} đã bị thay đổi sau khi ký (mã băm khác).",
        "{name} was changed after signing (its hash differs).",
    ),
    "sig.missing": (
        "Tệp {name} đã ký nhưng không còn trong thư mục.",
        "{name} was signed but is no longer in the folder.",
    ),
    "sig.added": (
        "Tệp {name} được thêm vào sau khi ký (không có trong MANIFEST.sha256).",
        "{name} was added after signing (it is not in MANIFEST.sha256).",
    ),
    "sig.manifest_unreadable": (
        "MANIFEST.sha256 đã bị sửa: không còn đúng dạng '<sha256>  <tệp>'.",
        "MANIFEST.sha256 was edited: it is no longer '<sha256>  <file>' lines.",
    ),
    "sig.minutes_differ": (
        "Biên bản {name} xác nhận nội dung khác với dữ liệu đã ký: {files}.",
        "The minutes {name} confirm other content than the data signed: {files}.",
    ),
    "sig.pdf_unsigned": ("Tệp {name} không có chữ ký số.", "{name} carries no digital signature."),
    "sig.broken": (
        "Chữ ký của {name} không khớp với nội dung: tệp đã bị sửa hoặc chữ ký hỏng.",
        "The signature of {name} does not match its content: the file was altered or the "
        "signature is broken.",
    ),
    "sig.not_whole": (
        "Tệp {name} có nội dung được thêm sau chữ ký cuối.",
        "{name} has content added after its last signature.",
    ),
    "sig.untrusted": (
        "Chứng thư số ký {name} không được tin cậy (không dẫn tới CA gốc tin cậy; dùng --ca).",
        "The certificate that signed {name} is not trusted (no path to a trusted root CA; use --ca).",
    ),
    "sig.expired": (
        "Chứng thư số ký {name} đã hết hạn ngày {date}.",
        "The certificate that signed {name} expired on {date}.",
    ),
    "sig.not_yet_valid": (
        "Chứng thư số ký {name} chưa có hiệu lực (từ ngày {date}).",
        "The certificate that signed {name} is not valid before {date}.",
    ),
    "sig.revoked": (
        "Chứng thư số ký {name} đã bị thu hồi.",
        "The certificate that signed {name} is revoked.",
    ),
    "sig.invalid_cert": (
        "Chứng thư số ký {name} không hợp lệ cho việc ký ({why}).",
        "The certificate that signed {name} is not valid for signing ({why}).",
    ),
    "sig.check_ok": (
        "Tất cả {n} tệp khớp với MANIFEST.sha256; mọi chữ ký hợp lệ và tin cậy.",
        "All {n} files match MANIFEST.sha256; every signature is valid and trusted.",
    ),
    "sig.check_bad": (
        "Có {n} vấn đề: dữ liệu đã ký không còn nguyên vẹn hoặc chữ ký không tin cậy.",
        "{n} problem(s): the signed data is not intact or a signature is not trusted.",
    ),
    "sig.state_broken": ("chữ ký hỏng", "broken"),
    "sig.state_not_whole": ("có phần thêm sau chữ ký", "added to after signing"),
    "sig.state_untrusted": ("không tin cậy", "untrusted"),
    "sig.state_expired": ("chứng thư hết hạn", "certificate expired"),
    "sig.state_not_yet_valid": ("chứng thư chưa hiệu lực", "certificate not yet valid"),
    "sig.state_revoked": ("chứng thư bị thu hồi", "certificate revoked"),
    "sig.state_invalid_cert": ("chứng thư không hợp lệ", "certificate not valid"),
    "sig.col_signed": ("Tệp đã ký", "Signed file"),
    "sig.col_signer": ("Người ký", "Signed by"),
    "sig.col_when": ("Thời điểm ký", "Signed at"),
    "sig.col_cert_valid": ("Chứng thư hiệu lực", "Certificate valid"),
    "sig.col_state": ("Trạng thái", "State"),
    # step 4, sign
    "sig.signed": (
        "Đã ký {n} tệp PDF và MANIFEST.sha256 ({files} tệp) bằng chứng thư của {signer}.",
        "Signed {n} PDF file(s) and MANIFEST.sha256 ({files} files) with the certificate of {signer}.",
    ),
    "sig.stamp": ("Ký bởi: %(signer)s\nNgày ký: %(ts)s", "Signed by: %(signer)s\nDate: %(ts)s"),
    "sig.minutes_only": ("biên bản {date}, chưa ký số", "minutes {date}, not signed"),
    "sig.recorded": ("Đã ghi vào sổ theo dõi (lần chạy {run}).", "Recorded in the ledger (run {run})."),
    "sig.not_recorded": ("Không ghi vào sổ theo dõi: {why}.", "Not recorded in the ledger: {why}."),
    "sig.why_disabled": ("đã chọn --no-ledger", "--no-ledger was given"),
    "sig.why_no_ledger": ("chưa có sổ tại {path}", "there is no ledger at {path}"),
    "sig.why_unknown_lists": (
        "các danh sách của thư mục này chưa có trong sổ {path}",
        "the folder's lists are not in the ledger {path}",
    ),
    "sig.minutes_written": (
        "Đã lập biên bản {path} ({pages} trang).",
        "Wrote the minutes {path} ({pages} pages).",
    ),
    # --- the blank list (`vaxrecon template`) --------------------------------------------------
    "template.sheet": ("Danh sách", "List"),
    "template.guide_sheet": ("Hướng dẫn", "Instructions"),
    "template.unit": (
        "UBND XÃ/PHƯỜNG: ....................",
        "COMMUNE PEOPLE'S COMMITTEE: ....................",
    ),
    "template.title": (
        "DANH SÁCH ĐĂNG KÝ TIÊM VẮC XIN PHÒNG COVID-19",
        "COVID-19 VACCINATION REGISTRATION LIST",
    ),
    "template.list_date": ("Ngày lập danh sách: ..../..../........", "List date: ..../..../........"),
    "template.headers": (
        "STT|Họ và tên|Ngày sinh (dd/mm/yyyy)|Giới tính|Số định danh cá nhân "
        "(CCCD)|Quốc tịch|Thôn/ấp/tổ dân phố|Số điện thoại|Mũi tiêm|Ghi chú",
        "No.|Full name|Date of birth (dd/mm/yyyy)|Gender|Personal ID "
        "(CCCD)|Nationality|Village|Phone|Dose|Note",
    ),
    "template.genders": ("Nam|Nữ", "Nam|Nữ"),
    "template.dob_prompt": ("dd/mm/yyyy hoặc năm sinh (yyyy)", "dd/mm/yyyy or the birth year (yyyy)"),
    "template.dob_error": (
        "Ngày sinh dd/mm/yyyy hoặc 4 chữ số năm",
        "Birth date dd/mm/yyyy or a 4-digit year",
    ),
    "template.id_error": (
        "Số định danh 12 chữ số (hoặc số hộ chiếu)",
        "Personal ID of 12 digits (or a passport number)",
    ),
    "template.guide": (
        "HƯỚNG DẪN LẬP DANH SÁCH\n1. Mỗi người một dòng, ngay dưới dòng tiêu đề cột; không "
        "chèn dòng tổng cộng giữa danh sách.\n2. Họ và tên viết đủ dấu, đúng như trên thẻ "
        "CCCD.\n3. Ngày sinh nhập dd/mm/yyyy; người chỉ có năm sinh thì nhập 4 chữ số "
        "năm.\n4. Số định danh cá nhân: đủ 12 chữ số (cột đã định dạng văn bản để giữ số 0 "
        "đầu).\n5. Người nước ngoài: ghi quốc tịch và số hộ chiếu vào cột số định danh.\n6. "
        "Danh sách gửi Công an xã đối chiếu với CSDLQG về dân cư; kết quả trả trong 2 ngày.",
        "HOW TO FILL IN THIS LIST\n1. One person per row, starting right below the column "
        "headers; no totals inside the list.\n2. Full name with diacritics, exactly as on "
        "the ID card.\n3. Birth date as dd/mm/yyyy; if only the year is known, the 4-digit "
        "year.\n4. Personal ID: all 12 digits (the column is text so leading zeros "
        "stay).\n5. Foreigners: nationality, and the passport number in the ID column.\n6. "
        "The list goes to the commune police to be checked; results come back within 2 days.",
    ),
    # --- progress of verify -------------------------------------------------------------------
    "progress.population": ("Đọc trích xuất CSDLQG", "reading population extract"),
    "progress.reading": ("Đọc {name}", "reading {name}"),
    "progress.normalising": ("Chuẩn hóa", "normalising"),
    "progress.matching": ("Đối chiếu", "matching"),
    "progress.results_csv": ("Ghi results.csv", "writing results.csv"),
    "progress.returning": ("Lập văn bản trả {name}", "returning {name}"),
    "progress.ledger": ("Ghi sổ theo dõi", "recording in the ledger"),
    # --- command-line help ----------------------------------------------------------------------
    "help.app": (
        "Xác minh danh sách đăng ký tiêm chủng với trích xuất CSDLQG về dân cư (CV "
        "8938/BYT-DP). Ngôn ngữ: --lang vi|en hoặc VAXRECON_LANG.",
        "Verify vaccination registration lists against the population extract (CV 8938/BYT-DP). "
        "Language: --lang vi|en or VAXRECON_LANG.",
    ),
    "help.config": ("Xem cấu hình đang dùng.", "Show the effective configuration."),
    "help.config_show": (
        "In cấu hình đang dùng (mặc định < tệp người dùng < tùy chọn).\n\nVí dụ: vaxrecon "
        "config show --config xa.yaml",
        "Print the effective configuration (defaults < user file < flags).\n\nExample: "
        "vaxrecon config show --config commune.yaml",
    ),
    "help.opt.config": ("Tệp cấu hình YAML của người dùng.", "User configuration YAML."),
    "help.opt.today": (
        "Chạy như thể hôm nay là ngày này (dd/mm/yyyy hoặc yyyy-mm-dd).",
        "Run as if today were this date (dd/mm/yyyy or yyyy-mm-dd).",
    ),
    "help.opt.json": ("In kết quả dạng JSON.", "Print the result as JSON."),
    "help.opt.sheet": ("Chỉ đọc trang tính này.", "Read only this sheet."),
    "help.opt.map": (
        'Chỉ định cột: trường="Tiêu đề cột" (dùng nhiều lần được).',
        'Force a column: field="Header text" (repeatable).',
    ),
    "help.opt.lang": ("Ngôn ngữ: vi (mặc định) hoặc en.", "Language: vi (default) or en."),
    "help.opt.debug": ("Hiện chi tiết lỗi (traceback).", "Show tracebacks on errors."),
    "help.opt.version": ("In số phiên bản.", "Print the version."),
    "help.opt.ledger": (
        "Tệp sổ theo dõi (mặc định theo cấu hình).",
        "Ledger database (default from config).",
    ),
    "help.opt.no_ledger": ("Không ghi lượt này vào sổ theo dõi.", "Do not record this run in the ledger."),
    "help.opt.format": ("table, json hoặc xlsx.", "table, json or xlsx."),
    "help.opt.report_out": (
        "Tệp để ghi báo cáo (bảng, json hoặc xlsx); thư mục phải có sẵn.",
        "File to write the report to (table, json or xlsx); its folder must exist.",
    ),
    "help.opt.population": (
        "Trích xuất CSDLQG (.csv .xlsx .parquet, thư mục Parquet, hoặc URL s3:// gs:// hdfs://…); "
        "mặc định theo cấu hình.",
        "Population extract (.csv .xlsx .parquet, a Parquet folder, or an s3:// gs:// hdfs://… URL); "
        "default from config.",
    ),
    "help.qr": (
        "In các trường của nội dung mã QR trên thẻ CCCD.\n\nVí dụ: vaxrecon qr "
        "'058090001234||Nguyễn Văn An|04031990|Nam|Phước Hải|01012021'",
        "Print the fields of a CCCD QR payload.\n\nExample: vaxrecon qr '058090001234||Nguyen Van "
        "An|04031990|Nam|Phuoc Hai|01012021'",
    ),
    "help.qr.payload": ("Nội dung mã QR của thẻ CCCD.", "QR text of a CCCD."),
    "help.inspect": (
        "Cho biết mỗi danh sách được đọc thế nào: dòng tiêu đề, cột, thông tin danh sách, "
        "dòng bỏ qua, các dòng đầu.\n\nVí dụ: vaxrecon inspect DS_22894_20211105.xlsx",
        "Show how each list file is read: header, column mapping, metadata, rows, "
        "preview.\n\nExample: vaxrecon inspect DS_22894_20211105.xlsx",
    ),
    "help.inspect.files": ("Các tệp danh sách đăng ký.", "Registration list files."),
    "help.verify": (
        "Xác minh danh sách với trích xuất CSDLQG, lập văn bản trả cho từng danh sách (mỗi "
        "danh sách một thư mục) và ghi sổ theo dõi.\n\nVí dụ: vaxrecon verify "
        "DS_22894_20211105.xlsx -p dan_cu.csv --list-date 05/11/2021",
        "Verify lists against the population extract, write each list's documents (one "
        "folder per list) and record the run in the ledger.\n\nExample: vaxrecon verify "
        "DS_22894_20211105.xlsx -p population.csv --list-date 05/11/2021",
    ),
    "help.verify.lists": (
        "Các tệp danh sách đăng ký (.xlsx .xls .csv).",
        "Registration list files (.xlsx .xls .csv).",
    ),
    "help.verify.out": (
        "Thư mục kết quả (mới hoặc trống); mặc định đặt theo tên danh sách và giờ chạy.",
        "Output folder (new or empty); default: named after the list and time.",
    ),
    "help.verify.list_date": (
        "Ngày lập danh sách (dd/mm/yyyy) khi danh sách không ghi.",
        "The list's date (dd/mm/yyyy) when the list does not state it.",
    ),
    "help.verify.commune": (
        "Xã/phường của danh sách (tên hoặc mã) khi danh sách không ghi.",
        "The list's commune (name or code) when the list does not state it.",
    ),
    "help.verify.supersedes": (
        "Số thứ tự trong sổ của danh sách mà bản sửa này thay thế.",
        "Ledger number of the list this corrected version replaces.",
    ),
    "help.verify.train": (
        "Ước lượng lại xác suất m bằng EM trước khi đối chiếu.",
        "Refine m probabilities by EM first.",
    ),
    "help.verify.jobs": (
        "Số tiến trình đối chiếu (0 = mọi lõi).",
        "Worker processes for matching (0 = every core).",
    ),
    "help.verify.fail_on": (
        "Thoát mã 3 khi có dòng mang một trong các kết quả này (cách nhau dấu phẩy): "
        "verified, needs_correction, review, not_found, non_citizen, incomplete.",
        "Exit 3 when any row has one of these statuses (comma-separated): verified, "
        "needs_correction, review, not_found, non_citizen, incomplete.",
    ),
    "help.verify.quiet": ("Không in gì ngoài lỗi.", "Print nothing but errors."),
    "help.report": (
        "Theo dõi một xã (danh sách, hạn trả, yêu cầu còn mở) hoặc tổng hợp toàn tỉnh.\n\nVí "
        "dụ: vaxrecon report --commune 'Phước Hải' --format xlsx --out bao_cao.xlsx",
        "Follow-up for a commune (its lists, deadlines, open requests) or the province "
        "overview.\n\nExample: vaxrecon report --commune 'Phuoc Hai' --format xlsx --out "
        "report.xlsx",
    ),
    "help.report.commune": (
        "Tên xã/phường (không cần dấu, tiền tố) hoặc mã; bỏ trống để xem toàn tỉnh.",
        "Commune name (marks and prefix optional) or code; omit for the province.",
    ),
    "help.report.from": ("Danh sách lập từ ngày (dd/mm/yyyy).", "Lists dated from (dd/mm/yyyy)."),
    "help.report.to": ("Danh sách lập đến ngày (dd/mm/yyyy).", "Lists dated up to (dd/mm/yyyy)."),
    "help.overdue": (
        "Danh sách chưa trả đúng hạn và các dòng còn mở quá hạn; thoát mã 3 nếu có.\n\nVí dụ: "
        "vaxrecon overdue --as-of 10/11/2021",
        "Lists not returned within the deadline and rows still open past it; exit 3 if "
        "any.\n\nExample: vaxrecon overdue --as-of 10/11/2021",
    ),
    "help.overdue.as_of": (
        "Xét hạn vào ngày này (dd/mm/yyyy).",
        "Judge deadlines on this date (dd/mm/yyyy).",
    ),
    "help.batch": (
        "Việc chạy định kỳ: xác minh mọi danh sách mới trong hộp thư đến, cất tệp, ghi báo "
        "cáo quá hạn. Mã thoát: 0 xong; 3 có mục quá hạn; 4 có tệp lỗi (xem failed/); 5 lượt "
        "khác đang chạy.\n\nVí dụ: vaxrecon batch --inbox inbox -p dan_cu.parquet --out out",
        "The cron job: verify every new list in the inbox, file it, write the overdue report. "
        "Exit codes: 0 done; 3 something is overdue; 4 a file failed (see failed/); 5 another "
        "run holds the lock.\n\nExample: vaxrecon batch --inbox inbox -p population.parquet "
        "--out out",
    ),
    "help.batch.inbox": ("Thư mục nhận danh sách.", "Folder where lists arrive."),
    "help.batch.out": ("Nơi ghi kết quả của từng lượt.", "Where each run's outputs go."),
    "help.batch.log": ("Tệp nhật ký JSON, mỗi dòng một sự kiện.", "JSON-lines log file."),
    "help.explain": (
        "Giải thích kết quả một dòng: mức so khớp và trọng số của từng người có thể "
        "trùng.\n\nVí dụ: vaxrecon explain DS.xlsx -p dan_cu.csv --row 'Danh sách:12'",
        "Explain one row's decision: each candidate's comparison levels and match "
        "weights.\n\nExample: vaxrecon explain DS.xlsx -p population.csv --row 'Sheet1:12'",
    ),
    "help.explain.list": ("Tệp danh sách đăng ký.", "The registration list file."),
    "help.explain.row": (
        "TRANG_TÍNH:DÒNG (số dòng Excel hiển thị).",
        "SHEET:ROW (the row number Excel shows).",
    ),
    "help.synth": (
        "Tạo danh sách, trích xuất dân cư, dữ liệu mũi tiêm và đáp án, đều là dữ liệu giả "
        "lập.\n\nVí dụ: vaxrecon synth --out gia_lap --lists 3 --rows 500",
        "Write synthetic lists, a population extract, doses and the ground truth.\n\nExample: "
        "vaxrecon synth --out synthetic --lists 3 --rows 500",
    ),
    "help.synth.out": ("Thư mục ghi ra.", "Folder to write into."),
    "help.synth.province": ("Tỉnh (tên năm 2021).", "Province (2021 name)."),
    "help.synth.population": ("Số người trong trích xuất.", "People in the extract."),
    "help.synth.lists": ("Số danh sách xã.", "Number of commune lists."),
    "help.synth.rows": ("Số dòng dữ liệu mỗi danh sách.", "Data rows per list."),
    "help.synth.seed": ("Hạt giống ngẫu nhiên.", "Random seed."),
    "help.synth.commune_codes": (
        "Trích xuất có mã xã, hoặc chỉ có tên xã và địa chỉ.",
        "Extract with commune codes, or with commune names and addresses only.",
    ),
    "help.template": (
        "Ghi mẫu danh sách trống theo bố cục vaxrecon đọc tốt nhất (không ghi đè tệp có "
        "sẵn).\n\nVí dụ: vaxrecon template mau_danh_sach.xlsx",
        "Write a blank registration list in the layout vaxrecon reads best (never over an "
        "existing file).\n\nExample: vaxrecon template blank_list.xlsx",
    ),
    "help.template.path": ("Nơi ghi mẫu danh sách (.xlsx).", "Where to write the blank list (.xlsx)."),
    "help.report.district": (
        "Tên hoặc mã quận/huyện: các xã/phường và cơ sở của quận/huyện đó.",
        "District name or code: its communes and facilities.",
    ),
    "help.batch.settle": (
        "Để lại cho lượt sau các tệp vừa được sửa trong khoảng thời gian này (giây).",
        "Leave files modified more recently than this (seconds) for the next run.",
    ),
    "help.resolve": (
        "Ghi quyết định của công an cho một dòng (hoặc mọi quyết định đã điền trong một tệp), kèm "
        "người quyết định và thời điểm; dòng đã quyết định không còn là yêu cầu mở.\n\nVí dụ: "
        "vaxrecon resolve 12:DS:15 --status verified --person-id 058090001234 --note 'đã mang CCCD'",
        "Record the police's decision on a row (or every decision filled into a workbook), with who "
        "and when; a decided row leaves the open requests.\n\nExample: vaxrecon resolve 12:DS:15 "
        "--status verified --person-id 058090001234 --note 'came with CCCD'",
    ),
    "help.resolve.where": (
        "Dòng: DANH_SÁCH:TRANG_TÍNH:DÒNG (số danh sách trong sổ hoặc tên tệp, tên trang tính, "
        "số dòng Excel).",
        "The row: LIST:SHEET:ROW (ledger list number or file name, sheet, Excel row).",
    ),
    "help.resolve.status": (
        "Quyết định: verified, needs_correction, review, not_found, non_citizen, incomplete.",
        "The decision: verified, needs_correction, review, not_found, non_citizen, incomplete.",
    ),
    "help.resolve.person_id": (
        "Số định danh cá nhân 12 chữ số đã được xác nhận.",
        "The 12-digit personal ID confirmed.",
    ),
    "help.resolve.note": ("Lý do (ví dụ 'đã mang CCCD').", "Why (e.g. 'came with CCCD')."),
    "help.resolve.by": (
        "Người quyết định (mặc định: tên đăng nhập).",
        "Who decided (default: the login name).",
    ),
    "help.resolve.import": (
        "Tệp xác minh bổ sung hoặc bản trả lại có cột quyết định đã điền.",
        "A review workbook or returned copy with a filled decision column.",
    ),
    "help.resolve.list": (
        "Số trong sổ của danh sách mà bản trả lại thuộc về.",
        "The ledger list a returned copy belongs to.",
    ),
    "help.clean": (
        "Làm sạch dữ liệu tiêm chủng đã nhập: đối chiếu danh tính của từng mũi tiêm, kiểm tra các "
        "mũi của từng người, lập danh sách xác minh lại theo điểm tiêm và xã, ghi tiến độ vào sổ "
        "theo dõi.\n\nVí dụ: vaxrecon clean mui_tiem.csv -p dan_cu.csv --export-date 30/11/2021",
        "Clean vaccination records already entered: match each dose's identity, check each "
        "person's doses, write re-verification lists per site and commune, and record progress in "
        "the ledger.\n\nExample: vaxrecon clean doses.csv -p population.csv --export-date 30/11/2021",
    ),
    "help.clean.doses": (
        "Các tệp dữ liệu mũi tiêm (.csv .xlsx .xls).",
        "Dose record files (.csv .xlsx .xls).",
    ),
    "help.clean.out": (
        "Thư mục kết quả (mới hoặc trống); mặc định đặt theo tên tệp đầu và giờ chạy.",
        "Output folder (new or empty); default: named after the first file and time.",
    ),
    "help.clean.export_date": (
        "Ngày xuất dữ liệu (dd/mm/yyyy); mũi tiêm ghi ngày sau đó là lỗi. Mặc định: "
        "campaign.export_date, nếu không có thì hôm nay.",
        "Date of the export (dd/mm/yyyy); a later dose date is an error. Default: "
        "campaign.export_date, else today.",
    ),
    "help.folder": ("Thư mục kết quả do vaxrecon verify ghi ra.", "A result folder written by verify."),
    "help.minutes": (
        "Lập biên bản bước 4 (bien_ban.pdf): các bên, các danh sách, số lượng và mã SHA-256 của "
        "mọi tệp kết quả, có chỗ ký; khổ A4.\n\nVí dụ: vaxrecon minutes ket_qua --chair 'Nguyễn "
        "Văn An' --health 'Trần Thị Bình' --police 'Lê Văn Cường'",
        "Write the step-4 minutes (bien_ban.pdf): parties, lists, counts and the SHA-256 of every "
        "result file, with signature blocks; A4.\n\nExample: vaxrecon minutes results --chair "
        "'Nguyen Van An' --health 'Tran Thi Binh' --police 'Le Van Cuong'",
    ),
    "help.minutes.out": (
        "Tệp PDF ghi ra (mặc định: THƯ_MỤC/bien_ban.pdf).",
        "The PDF to write (default: FOLDER/bien_ban.pdf).",
    ),
    "help.minutes.chair": (
        "Họ tên người chủ trì (Chủ tịch UBND xã hoặc thủ trưởng cơ sở).",
        "Name of the chair (commune chairman or facility head).",
    ),
    "help.minutes.health": ("Họ tên Trạm trưởng Trạm Y tế.", "Name of the health station head."),
    "help.minutes.police": ("Họ tên Trưởng Công an xã.", "Name of the commune police head."),
    "help.minutes.facility": (
        "Danh sách của cơ sở tiêm chủng: thủ trưởng cơ sở chủ trì.",
        "A vaccination facility: its head chairs.",
    ),
    "help.sign": (
        "Ký số mọi tệp PDF của thư mục kết quả (PAdES), rồi ký MANIFEST.sha256 bằng chữ ký CMS "
        "tách rời (MANIFEST.sha256.p7s). Mật khẩu hoặc mã PIN đọc từ biến môi trường, không bao "
        "giờ từ tùy chọn.\n\nVí dụ: vaxrecon sign ket_qua --cert can_bo.p12 --password-env MAT_KHAU",
        "Sign every PDF of a result folder (PAdES), then MANIFEST.sha256 with a detached CMS "
        "signature (MANIFEST.sha256.p7s). The password or PIN is read from an environment "
        "variable, never an option.\n\nExample: vaxrecon sign results --cert officer.p12 "
        "--password-env CERT_PASSWORD",
    ),
    "help.sign.cert": (
        "Tệp PKCS#12 (.p12/.pfx) chứa khóa và chứng thư số.",
        "PKCS#12 file (.p12/.pfx) with the key and certificate.",
    ),
    "help.sign.password_env": (
        "Biến môi trường chứa mật khẩu của tệp .p12 (mặc định theo cấu hình).",
        "Environment variable holding the .p12 password (default from config).",
    ),
    "help.sign.pkcs11_lib": ("Thư viện PKCS#11 của token USB.", "PKCS#11 library of the USB token."),
    "help.sign.token_label": ("Nhãn của token.", "Label of the token."),
    "help.sign.key_label": (
        "Nhãn của khóa trên token (cần khi token có nhiều khóa).",
        "Label of the key on the token (needed if it holds several).",
    ),
    "help.sign.pin_env": (
        "Biến môi trường chứa mã PIN của token (mặc định theo cấu hình).",
        "Environment variable holding the token PIN (default from config).",
    ),
    "help.check_signature": (
        "Kiểm tra thư mục kết quả đã ký: ai ký, khi nào, chứng thư còn hiệu lực và được tin cậy "
        "không, và không tệp nào bị sửa, xóa hay thêm. Thoát mã 4 nếu có vấn đề.\n\nVí dụ: "
        "vaxrecon check-signature ket_qua --ca ca_goc.pem",
        "Check a signed result folder: who signed, when, whether the certificate is valid and "
        "trusted, and that no file was changed, removed or added. Exit 4 on any problem.\n\n"
        "Example: vaxrecon check-signature results --ca root_ca.pem",
    ),
    "help.check_signature.ca": (
        "Chứng thư CA gốc được tin cậy (PEM hoặc DER).",
        "Trusted root CA certificate(s), PEM or DER.",
    ),
    # --- the command-line framework's own texts (usage, help option, usage errors) ------------
    "cli.usage": ("Cách dùng: ", "Usage: "),
    "cli.help_option": ("In hướng dẫn này rồi thoát.", "Show this message and exit."),
    "cli.panel_arguments": ("Đối số", "Arguments"),
    "cli.panel_options": ("Tùy chọn", "Options"),
    "cli.panel_commands": ("Lệnh", "Commands"),
    "cli.panel_error": ("Lỗi", "Error"),
    "cli.try_help": (
        "Xem [blue]'{command_path} {help_option}'[/] để biết cách dùng.",
        "Try [blue]'{command_path} {help_option}'[/] for help.",
    ),
    "cli.default": ("[mặc định: {}]", "[default: {}]"),
    "cli.required": ("[bắt buộc]", "[required]"),
    "cli.aborted": ("Đã dừng.", "Aborted."),
    "cli.missing_argument": ("Thiếu đối số {hint}.", "Missing argument {hint}."),
    "cli.missing_option": ("Thiếu tùy chọn {hint}.", "Missing option {hint}."),
    "cli.bad_value": ("Giá trị của {hint} không hợp lệ{need}.", "Invalid value for {hint}{need}."),
    "cli.need_int": (": cần một số nguyên", ": a whole number is needed"),
    "cli.need_number": (": cần một số", ": a number is needed"),
    "cli.no_option": ("Không có tùy chọn {name}{near}.", "No such option: {name}{near}."),
    "cli.near": (" (có thể là: {options})", " (possible options: {options})"),
    "cli.needs_value": ("Tùy chọn {name} cần một giá trị.", "Option {name} requires a value."),
    "cli.takes_no_value": ("Tùy chọn {name} không nhận giá trị.", "Option {name} does not take a value."),
    "cli.extra_args": ("Thừa đối số ({args}).", "Got unexpected extra argument(s) ({args})."),
    "cli.no_command": ("Không có lệnh '{name}'.", "No such command '{name}'."),
    "cli.missing_command": ("Thiếu lệnh.", "Missing command."),
    "cli.wrote": ("Đã ghi {path}", "Wrote {path}"),
    "help.verify.officer": (
        "Họ tên cán bộ ký xác nhận dưới văn bản trả (documents.officer).",
        "Officer named under the confirmation block (documents.officer).",
    ),
    "help.verify.officer_title": (
        "Chức vụ ghi trên chữ ký, ví dụ TRƯỞNG CÔNG AN (documents.officer_title).",
        "Title above the signature, e.g. CHIEF OF POLICE (documents.officer_title).",
    ),
    "batch.reason_temporary": ("tên tệp tạm", "temporary name"),
    "batch.reason_copying": ("đang sao chép", "still being copied"),
    "batch.ignored": ("bỏ qua {file}: {reason}", "ignored {file}: {reason}"),
    "batch.recovered": (
        "hoàn tất sau một lượt bị dừng: {file} → {folder}",
        "finished after a stopped run: {file} → {folder}",
    ),
    "err.file_missing": ("Tệp {path} không tồn tại.", "The file {path} does not exist."),
    "err.file_is_folder": ("{path} là thư mục, không phải tệp.", "{path} is a folder, not a file."),
    "err.file_kind": (
        "{file} không phải loại tệp vaxrecon đọc được ({kinds}).",
        "{file} is not a file vaxrecon can read ({kinds}).",
    ),
    "err.file_empty": ("Tệp {file} trống.", "The file {file} is empty."),
    "err.file_too_large": (
        "{file} lớn hơn {max_mb} MB (read.limits.max_file_mb); hãy tách danh sách hoặc nâng giới hạn.",
        "{file} is larger than {max_mb} MB (read.limits.max_file_mb); split the list or raise the limit.",
    ),
    "err.file_unreadable": ("Không đọc được {file}: {why}.", "{file} cannot be read: {why}."),
    "why.no_permission": (
        "không có quyền đọc tệp, hoặc tệp đang mở trong một chương trình khác (hãy đóng Excel)",
        "no permission to read it, or another program holds it open (close Excel)",
    ),
    "why.os_error": ("hệ điều hành báo lỗi {code} khi mở tệp", "the system reported {code} when opening it"),
    "err.file_password": (
        "{file} có mật khẩu; hãy lưu lại không đặt mật khẩu.",
        "{file} is password-protected; save it without a password first.",
    ),
    "err.file_corrupt": (
        "Không mở được {file} như một bảng tính: tệp hỏng, bị cắt, có mật khẩu hoặc "
        "không thật sự là tệp {suffix}.",
        "{file} could not be opened as a spreadsheet: it is corrupt, truncated, "
        "password-protected or not really a {suffix} file.",
    ),
    "err.file_html": (
        "Không mở được {file} như một bảng tính: đây là một trang web (HTML) mang đuôi {suffix}; hãy mở "
        "tệp bằng Excel rồi lưu lại dạng .xlsx.",
        "{file} could not be opened as a spreadsheet: it is a web page (HTML) named {suffix}; open it in "
        "Excel and save it again as .xlsx.",
    ),
    "err.file_xml": (
        "Không mở được {file} như một bảng tính: đây là bảng tính XML (Excel 2003) mang đuôi {suffix}; "
        "hãy mở tệp bằng Excel rồi lưu lại dạng .xlsx.",
        "{file} could not be opened as a spreadsheet: it is an XML spreadsheet (Excel 2003) named "
        "{suffix}; open it in Excel and save it again as .xlsx.",
    ),
    "err.file_text": (
        "Không mở được {file} như một bảng tính: đây là tệp văn bản mang đuôi {suffix}; nếu đó là danh "
        "sách lưu dạng CSV, hãy đổi đuôi tệp thành .csv rồi gửi lại.",
        "{file} could not be opened as a spreadsheet: it is a text file named {suffix}; if it is a list "
        "saved as CSV, rename it to .csv and send it again.",
    ),
    "err.no_such_sheet": (
        "{file} không có trang tính tên '{sheet}' (có: {sheets}).",
        "{file} has no sheet named '{sheet}' (it has: {sheets}).",
    ),
    "err.sheet_corrupt": (
        "Không đọc được trang tính '{sheet}' của {file}: trang tính bị hỏng hoặc bị cắt.",
        "Sheet '{sheet}' of {file} could not be read: it is corrupt or truncated.",
    ),
    "err.map_no_column": (
        'Không có cột nào có tiêu đề "{text}" cho --map {field}=…',
        'No column headed "{text}" was found for --map {field}=…',
    ),
    "err.list_empty": (
        "{file} không có dữ liệu: mọi trang tính đều trống.",
        "{file} has no data: every sheet is empty.",
    ),
    "err.list_no_key": (
        "{file}, trang tính '{sheet}': danh sách không có cột ngày sinh hay số CCCD nên không xác "
        "minh được ai.",
        "{file}, sheet '{sheet}': the list has neither a birth-date nor an ID column, so "
        "nobody in it can be verified.",
    ),
    "err.no_header": (
        "{file}, trang tính '{sheet}': không thấy dòng tiêu đề có cột họ tên trong {n} dòng đầu "
        '({seen}; đã thử các tiêu đề: {tried}; dùng --map name="…").',
        "{file}, sheet '{sheet}': no header row with a name column was found in the first "
        '{n} rows ({seen}; name headers tried include: {tried}; use --map name="…").',
    ),
    "err.csv_utf16": (
        "{file} bắt đầu như văn bản UTF-16 nhưng không phải UTF-16 hợp lệ.",
        "{file} starts like UTF-16 text but is not valid UTF-16.",
    ),
    "err.csv_binary": ("{file} không phải tệp CSV dạng văn bản.", "{file} is not a text CSV file."),
    "err.csv_encoding": (
        "{file} không ở bảng mã văn bản nào vaxrecon biết.",
        "{file} is not in a text encoding vaxrecon knows.",
    ),
    # --- clean (the data-cleaning campaign): workbooks, progress, output, errors, help ------
    "clean.xlsx.seq": ("STT", "No."),
    "clean.xlsx.person": ("Mã người (trong lần đối chiếu)", "Person (this run)"),
    "clean.xlsx.listed_name": ("Họ tên (đã nhập)", "Name (as entered)"),
    "clean.xlsx.listed_dob": ("Ngày sinh (đã nhập)", "Birth date (as entered)"),
    "clean.xlsx.listed_id": ("Số CCCD/CMND (đã nhập)", "ID (as entered)"),
    "clean.xlsx.phone": ("Số điện thoại", "Phone"),
    "clean.xlsx.record": ("Bản ghi (tệp / sheet / dòng / mũi)", "Record (file / sheet / row / dose group)"),
    "clean.xlsx.vaccine": ("Vắc xin", "Vaccine"),
    "clean.xlsx.dose_number": ("Mũi số", "Dose"),
    "clean.xlsx.dose_date": ("Ngày tiêm", "Date"),
    "clean.xlsx.problem": ("Sai sót", "What is wrong"),
    "clean.xlsx.action": ("Cần làm", "What to do"),
    "clean.xlsx.site": ("Điểm tiêm", "Vaccination site"),
    "clean.xlsx.verdict": ("Kết luận", "Verdict"),
    "clean.xlsx.commune": ("Xã/phường", "Commune"),
    "clean.xlsx.people": ("người", "people"),
    "clean.xlsx.doses": ("mũi", "doses"),
    "clean.xlsx.total": ("Tổng", "Total"),
    "clean.xlsx.title_site": (
        "DANH SÁCH BẢN GHI TIÊM CHỦNG CẦN XÁC MINH LẠI",
        "VACCINATION RECORDS TO RE-VERIFY",
    ),
    "clean.xlsx.title_categories": (
        "KẾT QUẢ LÀM SẠCH DỮ LIỆU TIÊM CHỦNG COVID-19",
        "COVID-19 VACCINATION DATA CLEANING",
    ),
    "clean.xlsx.subtitle": (
        "Đối chiếu với CSDLQG về dân cư (chiến dịch làm sạch dữ liệu tiêm chủng)",
        "Checked against the national population database (data-cleaning campaign)",
    ),
    "clean.xlsx.dates": (
        "Ngày xuất dữ liệu: {export} — Ngày đối chiếu: {today}",
        "Export date: {export} — Checked on: {today}",
    ),
    "clean.xlsx.unknown": ("(chưa rõ)", "(unknown)"),
    "clean.xlsx.bring_card": (
        "Đề nghị người tiêm mang thẻ CCCD đến đối chiếu",
        "Ask the person to bring their ID card",
    ),
    "clean.xlsx.identity": ("Thông tin cá nhân", "Personal details"),
    "clean.xlsx.by_commune": ("Theo xã", "By commune"),
    "clean.xlsx.by_site": ("Theo điểm tiêm", "By site"),
    "clean.progress.identities": (
        "Đối chiếu danh tính {first}–{last} / {total}",
        "matching identities {first}–{last} of {total}",
    ),
    "clean.progress.timelines": ("Lập lịch sử tiêm của từng người", "building timelines"),
    "clean.progress.checks": ("Kiểm tra các mũi tiêm", "checking doses"),
    "clean.progress.lists": ("Ghi danh sách cần xác minh lại", "writing re-verification lists"),
    "clean.progress.categories": ("Ghi bảng phân loại", "writing categories"),
    "err.clean_no_doses": (
        "Cần ít nhất một tệp dữ liệu mũi tiêm để làm sạch.",
        "Give at least one file of dose records to clean.",
    ),
    "err.clean_empty": ("Các tệp không có bản ghi mũi tiêm nào.", "The files hold no dose records."),
    "err.vaccines_missing": (
        "Không có tệp quy tắc vắc xin {path}.",
        "The vaccine rules file {path} does not exist.",
    ),
    "err.vaccines_yaml": (
        "Tệp quy tắc vắc xin {path} không phải YAML hợp lệ.",
        "The vaccine rules file {path} is not valid YAML.",
    ),
    "err.vaccines_mapping": (
        "Tệp quy tắc vắc xin {path} phải chứa các cặp khóa: giá trị.",
        "The vaccine rules file {path} must hold a mapping.",
    ),
    "err.vaccines_unknown": (
        "Thiết lập không hợp lệ '{setting}' trong {source}.",
        "Unknown setting '{setting}' in {source}.",
    ),
    "err.vaccines_vaccine": (
        "Vắc xin '{name}' trong {source} phải chứa các cặp khóa: giá trị.",
        "Vaccine '{name}' in {source} must be a mapping.",
    ),
    "err.vaccines_list": (
        "Thiết lập '{setting}' trong {source} phải là một danh sách.",
        "Setting '{setting}' in {source} must be a list.",
    ),
    "err.vaccines_whole": (
        "Thiết lập '{setting}' trong {source} phải là số nguyên.",
        "Setting '{setting}' in {source} must be a whole number.",
    ),
    "err.vaccines_rollout": (
        "rollout_date trong {source} phải là ngày (YYYY-MM-DD).",
        "rollout_date in {source} must be a date (YYYY-MM-DD).",
    ),
    "err.vaccines_needs": (
        "Vắc xin '{name}' trong {source} thiếu {setting}.",
        "Vaccine '{name}' in {source} needs {setting}.",
    ),
    "err.synth_sizes": (
        "--population và --rows phải ít nhất là 1, --lists ít nhất là 0.",
        "--population and --rows must be at least 1 and --lists at least 0.",
    ),
    "help.opt.engine": (
        "Nơi chạy đối chiếu: local (máy này) hoặc dask (một cụm Dask).",
        "Where matching runs: local (this machine) or dask (a Dask cluster).",
    ),
    "help.opt.scheduler": (
        "Địa chỉ bộ điều phối Dask có sẵn (tcp://máy:8786); không có thì khởi động cụm cục bộ.",
        "Address of an existing Dask scheduler (tcp://host:8786); without it a local cluster is started.",
    ),
    "help.opt.workers": (
        "Số tiến trình Dask của cụm cục bộ.",
        "Dask worker processes of the local cluster.",
    ),
    "err.engine_unknown": (
        "engine.name phải là local hoặc dask, không phải '{name}'.",
        "engine.name must be local or dask, not '{name}'.",
    ),
    "err.dask_missing": (
        "Chạy trên Dask cần cài thêm: pip install 'vaxrecon[dask]'.",
        "The Dask engine needs an extra install: pip install 'vaxrecon[dask]'.",
    ),
    "err.dask_scheduler": (
        "Không kết nối được bộ điều phối Dask {address}: {why}",
        "Could not reach the Dask scheduler {address}: {why}",
    ),
    "err.dask_lost": (
        "Cụm Dask mất tiến trình cùng dữ liệu của nó {tries} lần liền (thường do thiếu bộ nhớ) nên "
        "không ghi kết quả nào; hãy kiểm tra bộ nhớ các máy rồi chạy lại.",
        "The Dask cluster lost workers with their data {tries} times in a row (usually out of memory), "
        "so nothing was written; check the machines' memory and run again.",
    ),
    "err.dask_killed": (
        "Một tác vụ làm dừng mọi tiến trình Dask chạy nó (thường do thiếu bộ nhớ) nên không ghi kết "
        "quả nào; hãy giảm engine.pairs_per_task hoặc thêm bộ nhớ rồi chạy lại.",
        "A task stopped every Dask worker that ran it (usually out of memory), so nothing was written; "
        "lower engine.pairs_per_task or add memory, and run again.",
    ),
    "err.url_needs_fsspec": (
        "Đọc tệp dân cư từ địa chỉ {url} cần cài thêm: pip install 'vaxrecon[dask]'.",
        "Reading the extract from {url} needs an extra install: pip install 'vaxrecon[dask]'.",
    ),
    "err.url_needs_package": (
        "Đọc tệp dân cư từ địa chỉ {url} cần gói của giao thức {scheme}:// trên mọi máy (s3fs cho s3://, "
        "gcsfs cho gs://, adlfs cho abfs://).",
        "Reading the extract from {url} needs the {scheme}:// filesystem's package on every machine "
        "(s3fs for s3://, gcsfs for gs://, adlfs for abfs://).",
    ),
    "err.url_unreadable": (
        "Không đọc được tệp dân cư tại {url}: hãy kiểm tra địa chỉ và quyền truy cập.",
        "Could not read the extract at {url}: check the address and the access rights.",
    ),
    "progress.dask": (
        "Cụm Dask: {workers} tiến trình, bảng điều khiển {dashboard}",
        "Dask cluster: {workers} workers, dashboard {dashboard}",
    ),
    "progress.dask_tasks": (
        "Cụm Dask — {step}: {done}/{total} tác vụ, bộ nhớ các tiến trình {memory} GB",
        "Dask cluster — {step}: {done}/{total} tasks, workers' memory {memory} GB",
    ),
    "progress.dask_step.normalise": ("đọc và chuẩn hóa các phân vùng", "reading and normalising partitions"),
    "progress.dask_step.shared_ids": ("số định danh trùng", "shared IDs"),
    "progress.dask_step.counts": ("tần suất và mẫu ước lượng", "counts and the u sample"),
    "progress.dask_step.join": ("ghép khóa khối", "blocking joins"),
    "progress.dask_step.gather": ("đọc lại các ứng viên", "reading candidates back"),
    "progress.dask_step.decide": ("chấm điểm và quyết định", "weighing and deciding"),
    "ledger.run_interrupted": (
        "Lần xác minh bị dừng giữa chừng trước khi ghi xong kết quả; hãy xác minh lại danh sách.",
        "The run stopped before its results were in place; verify the list again.",
    ),
    "warn.encoding_fallback": (
        "{file} không đọc được thành chữ tiếng Việt theo bảng mã {expected} nên đã được đọc theo bảng mã "
        "{encoding}: chữ có dấu có thể đã mất hoặc sai khi tệp được lưu; hãy kiểm tra họ tên và lưu lại "
        "tệp dạng CSV UTF-8.",
        "{file} does not read as Vietnamese in {expected}, so it was read as {encoding}: accented letters "
        "may have been lost or changed when the file was saved; check the names and save the file as "
        "CSV UTF-8.",
    ),
    "warn.encoding_foreign": (
        "{file} có {n} ký tự không phải chữ tiếng Việt (đọc theo bảng mã {encoding}): hãy kiểm tra họ tên "
        "và lưu lại tệp dạng CSV UTF-8.",
        "{file} has {n} characters that are not Vietnamese letters (read as {encoding}): check the names "
        "and save the file as CSV UTF-8.",
    ),
    "err.returned_too_large": (
        "{file} đã thay đổi sau khi được đọc: một phần của tệp nay vượt giới hạn kích thước nên "
        "không chép lại được danh sách trả về; hãy chạy lại.",
        "{file} changed after it was read: a part of it now exceeds the size limits, so the returned list "
        "could not be copied; run again.",
    ),
    "batch.ignored_link": (
        "một liên kết không dẫn tới đâu hoặc dẫn vòng",
        "a link that leads nowhere or in a loop",
    ),
    "batch.ignored_folder": (
        "một thư mục (không đọc danh sách trong thư mục con)",
        "a folder (lists in folders are not read)",
    ),
    "batch.ignored_special": ("không phải tệp thông thường", "not a regular file"),
    "batch.ignored_kind": ("không phải tệp danh sách (.xlsx .xls .csv)", "not a list file (.xlsx .xls .csv)"),
    "batch.fail_memory": (
        "không đủ bộ nhớ để xử lý tệp; hãy chia thành các danh sách nhỏ hơn.",
        "there was not enough memory to process the file; split it into smaller lists.",
    ),
    "batch.fail_os": (
        "không đọc hoặc ghi được tệp ({why}).",
        "the file could not be read or written ({why}).",
    ),
    "batch.fail_internal": (
        "lỗi của chương trình ({kind}); tệp nhật ký ghi nơi xảy ra lỗi.",
        "internal error ({kind}); the log has where it happened.",
    ),
    "batch.quarantined": (
        "{file} đã làm vaxrecon dừng {n} lần mà không xử lý xong (tệp có thể quá lớn hoặc bị hỏng); tệp được "
        "để riêng và không xử lý lại.",
        "{file} stopped vaxrecon {n} times without finishing (it may be too large or damaged); it was set "
        "aside and not processed again.",
    ),
    "batch.fix_header": (
        "Không tìm thấy dòng tiêu đề có cột họ tên. Hãy đặt tên cột như mẫu danh sách (lệnh `vaxrecon "
        'template`): "Họ và tên", "Ngày sinh", "Số CCCD/CMND".',
        "No header row with a name column was found. Name the columns as in the list template (command "
        '`vaxrecon template`): "Họ và tên", "Ngày sinh", "Số CCCD/CMND".',
    ),
    "batch.fix_file": (
        "Hãy sửa tệp theo lý do trên (mở bằng Excel, sửa, lưu lại không đặt mật khẩu).",
        "Fix the file as the reason above says (open it in Excel, correct it, save it without a password).",
    ),
    "batch.fix_resources": (
        "Hãy chia danh sách thành các tệp nhỏ hơn, hoặc kiểm tra tệp có mở được và được phép đọc không.",
        "Split the list into smaller files, or check that the file opens and may be read.",
    ),
    "batch.fix_bug": (
        "Đây là lỗi của chương trình, không phải của tệp: báo cho cán bộ kỹ thuật, gửi kèm tệp và tệp nhật "
        "ký của lần chạy.",
        "This is a fault of the program, not of the file: tell the technical staff and send them the file "
        "and the run's log.",
    ),
    "batch.note": (
        "Không xử lý được tệp {file}.\nLý do: {reason}\nCách xử lý: {fix}\n"
        "Sau khi sửa, chép tệp vào lại thư mục {inbox}; lần chạy tự động tiếp theo sẽ xử lý. "
        "Danh sách đã được ghi nhận là đã nhận, nên thời hạn trả kết quả vẫn được tính.",
        "The file {file} could not be processed.\nReason: {reason}\nWhat to do: {fix}\n"
        "Once it is fixed, copy the file into the folder {inbox} again; the next scheduled run will "
        "process it. The list is recorded as received, so its deadline still runs.",
    ),
    "err.inbox_not_folder": (
        "Thư mục nhận {inbox} không phải là thư mục.",
        "The inbox {inbox} is not a folder.",
    ),
    "err.csv_cell_too_long": (
        "{file} không đọc an toàn được: một ô bắt đầu ở dòng {line} dài {n} ký tự (giới hạn là {limit}). "
        'Có lẽ ở đó thiếu hoặc thừa một dấu ngoặc kép ("); hãy sửa dòng đó rồi gửi lại tệp.',
        "{file} cannot be read safely: a cell that starts on line {line} is {n} characters long (the "
        'limit is {limit}). A quotation mark (") is probably missing or extra there; fix that line and '
        "send the file again.",
    ),
    "err.csv_cell_many_lines": (
        "{file} không đọc an toàn được: một ô bắt đầu ở dòng {line} kéo dài qua {n} dòng. Có lẽ ở đó "
        'thiếu hoặc thừa một dấu ngoặc kép ("); hãy sửa dòng đó rồi gửi lại tệp.',
        "{file} cannot be read safely: a cell that starts on line {line} runs over {n} lines. A quotation "
        'mark (") is probably missing or extra there; fix that line and send the file again.',
    ),
    "err.csv_cell_holds_rows": (
        "{file} không đọc an toàn được: một ô bắt đầu ở dòng {line} chứa trọn các dòng sau nó. Có lẽ ở "
        'đó thiếu hoặc thừa một dấu ngoặc kép ("); hãy sửa dòng đó rồi gửi lại tệp.',
        "{file} cannot be read safely: a cell that starts on line {line} holds whole rows of the "
        'following lines. A quotation mark (") is probably missing or extra there; fix that line and '
        "send the file again.",
    ),
    "err.csv_line_nul": (
        "{file}, dòng {line}: không đọc được dòng này dạng CSV (có ký tự NUL).",
        "{file}, line {line}: the line cannot be read as CSV (it contains a NUL character).",
    ),
    "err.csv_line_break": (
        "{file}, dòng {line}: không đọc được dòng này dạng CSV (có chỗ xuống dòng trong một ô không đặt "
        "trong dấu ngoặc kép).",
        "{file}, line {line}: the line cannot be read as CSV (a line break inside a cell that is not in "
        "quotation marks).",
    ),
    "err.csv_line_quote": (
        "{file}, dòng {line}: không đọc được dòng này dạng CSV (một dấu ngoặc kép đặt sai chỗ).",
        "{file}, line {line}: the line cannot be read as CSV (a quotation mark is misplaced).",
    ),
    "warn.text_as_workbook": (
        "{file} là tệp văn bản (CSV) mang đuôi {suffix}, không phải bảng tính Excel; đã đọc như tệp CSV.",
        "{file} is a text (CSV) file named {suffix}, not an Excel workbook; it was read as a CSV file.",
    ),
    "warn.hidden_sheet": (
        "{file}: trang tính '{sheet}' đang bị ẩn nên không được đọc, dù có {n} dòng giống danh sách; nếu cần "
        "xác minh những người này, hãy bỏ ẩn trang tính đó rồi gửi lại tệp.",
        "{file}: the sheet '{sheet}' is hidden, so it was not read, though it holds {n} rows that look "
        "like a list; unhide it and send the file again if they are to be verified.",
    ),
    "err.ledger_open": (
        "Không mở được sổ theo dõi {path}: {why}.",
        "The ledger {path} cannot be opened: {why}.",
    ),
    "err.ledger_missing": (
        "Chưa có sổ theo dõi tại {path}: hãy chạy `vaxrecon verify` hoặc `batch` trước.",
        "There is no ledger at {path} yet: run `vaxrecon verify` or `batch` first.",
    ),
    "err.ledger_newer": (
        "Sổ theo dõi do một phiên bản vaxrecon mới hơn ghi (lược đồ {schema}); hãy nâng cấp vaxrecon.",
        "The ledger was written by a newer vaxrecon (schema {schema}); upgrade vaxrecon.",
    ),
    "err.supersedes_one_list": (
        "--supersedes chỉ ra một danh sách mà bản sửa thay thế: hãy xác minh riêng danh sách đó.",
        "--supersedes names the one list a corrected version replaces: verify that list on its own.",
    ),
    "err.supersedes_unknown": (
        "--supersedes {id}: sổ theo dõi không có danh sách số này.",
        "--supersedes {id}: no list with that number in the ledger.",
    ),
    "err.explain_partitioned": (
        "explain cần trích xuất dân cư đọc trọn một lần (tệp CSV, Excel hoặc Parquet nhỏ), không phải "
        "trích xuất đọc theo phân vùng.",
        "explain needs an extract read whole (a CSV, Excel or small Parquet file), not one read in "
        "partitions.",
    ),
}
