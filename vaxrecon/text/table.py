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
        "Không đọc sheet '{sheet}' của {file}:",
        "Sheet '{sheet}' of {file} was not read:",
    ),
    "verify.see_inspect": ("(xem `vaxrecon inspect`).", "(see `vaxrecon inspect`)."),
    "verify.warning": ("Lưu ý:", "Note:"),
    "verify.outputs": (
        "Kết quả ghi tại {folder} (mỗi danh sách một thư mục).",
        "Outputs in {folder} (one folder per list).",
    ),
    "problem.empty": ("sheet trống", "the sheet is empty"),
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
    "help.opt.sheet": ("Chỉ đọc sheet này.", "Read only this sheet."),
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
        "Trích xuất CSDLQG (.csv .xlsx .parquet); mặc định theo cấu hình.",
        "Population extract (.csv .xlsx .parquet); default from config.",
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
    "help.batch.log": ("Tệp nhật ký dạng JSON lines.", "JSON-lines log file."),
    "help.explain": (
        "Giải thích kết quả một dòng: mức so khớp và trọng số của từng người có thể "
        "trùng.\n\nVí dụ: vaxrecon explain DS.xlsx -p dan_cu.csv --row 'Danh sách:12'",
        "Explain one row's decision: each candidate's comparison levels and match "
        "weights.\n\nExample: vaxrecon explain DS.xlsx -p population.csv --row 'Sheet1:12'",
    ),
    "help.explain.list": ("Tệp danh sách đăng ký.", "The registration list file."),
    "help.explain.row": ("SHEET:DÒNG (số dòng Excel hiển thị).", "SHEET:ROW (the row number Excel shows)."),
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
    "err.no_such_sheet": (
        "{file} không có sheet tên '{sheet}' (có: {sheets}).",
        "{file} has no sheet named '{sheet}' (it has: {sheets}).",
    ),
    "err.sheet_corrupt": (
        "Không đọc được sheet '{sheet}' của {file}: sheet bị hỏng hoặc bị cắt.",
        "Sheet '{sheet}' of {file} could not be read: it is corrupt or truncated.",
    ),
    "err.map_no_column": (
        'Không có cột nào có tiêu đề "{text}" cho --map {field}=…',
        'No column headed "{text}" was found for --map {field}=…',
    ),
    "err.list_empty": (
        "{file} không có dữ liệu: mọi sheet đều trống.",
        "{file} has no data: every sheet is empty.",
    ),
    "err.list_no_key": (
        "{file}, sheet '{sheet}': danh sách không có cột ngày sinh hay số CCCD nên không xác minh được ai.",
        "{file}, sheet '{sheet}': the list has neither a birth-date nor an ID column, so "
        "nobody in it can be verified.",
    ),
    "err.no_header": (
        "{file}, sheet '{sheet}': không thấy dòng tiêu đề có cột họ tên trong {n} dòng đầu "
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
    "err.synth_sizes": (
        "--population và --rows phải ít nhất là 1, --lists ít nhất là 0.",
        "--population and --rows must be at least 1 and --lists at least 0.",
    ),
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
    "warn.hidden_sheet": (
        "{file}: sheet '{sheet}' đang bị ẩn nên không được đọc, dù có {n} dòng giống danh sách; nếu cần "
        "xác minh những người này, hãy bỏ ẩn sheet rồi gửi lại tệp.",
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
}
