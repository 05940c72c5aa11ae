"""Every text a person reads in step 4 (minutes, signing, checking), in Vietnamese and English."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    # minutes: header and title
    "nation": ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "SOCIALIST REPUBLIC OF VIET NAM"),
    "motto": ("Độc lập - Tự do - Hạnh phúc", "Independence - Freedom - Happiness"),
    "number": ("Số: ......../BB", "No.: ......../BB"),
    "place_date": ("{place}, ngày {d:02d} tháng {m:02d} năm {y}", "{place}, {d:02d}/{m:02d}/{y}"),
    "title": ("BIÊN BẢN", "MINUTES"),
    "subtitle": (
        "Xác nhận tính chính xác của dữ liệu kết quả xác minh thông tin người đăng ký tiêm "
        "vắc xin phòng COVID-19",
        "Confirming the accuracy of the result data of verifying the people registered for "
        "COVID-19 vaccination",
    ),
    "basis": (
        "Căn cứ Công văn số 8938/BYT-DP của Bộ Y tế về việc xác minh thông tin người tiêm vắc xin "
        "phòng COVID-19 với Cơ sở dữ liệu quốc gia về dân cư;",
        "Pursuant to Công văn 8938/BYT-DP of the Ministry of Health on checking the people "
        "vaccinated against COVID-19 with the national population database;",
    ),
    "opening": (
        "Hôm nay, ngày {date}, tại {place}, chúng tôi gồm:",
        "Today, {date}, at {place}, we the undersigned:",
    ),
    "party": ("Ông/Bà: {name}  —  Chức vụ: {title}", "Mr/Ms: {name}  —  Position: {title}"),
    "chairing": (" (chủ trì)", " (chairing)"),
    "blank_name": ("...................................", "..................................."),
    "together": (
        "đã cùng kiểm tra dữ liệu kết quả xác minh do vaxrecon {version} lập ngày {run_date} "
        "(mã cấu hình {config_hash}) như sau:",
        "have together checked the verification result data produced by vaxrecon {version} on "
        "{run_date} (configuration {config_hash}), as follows:",
    ),
    # minutes: sections
    "sec_lists": ("I. CÁC DANH SÁCH ĐÃ ĐỐI CHIẾU", "I. THE LISTS CHECKED"),
    "sec_counts": ("II. KẾT QUẢ XÁC MINH", "II. VERIFICATION RESULTS"),
    "sec_counts_total": ("1. Tổng hợp theo kết quả", "1. Totals by result"),
    "sec_counts_lists": ("2. Theo từng danh sách", "2. By list"),
    "sec_files": ("III. CÁC TỆP DỮ LIỆU KẾT QUẢ (MÃ BĂM SHA-256)", "III. THE RESULT FILES (SHA-256)"),
    "files_note": (
        "Mã băm SHA-256 xác định đúng nội dung từng tệp: chỉ cần thay đổi một ký tự, mã băm "
        "sẽ khác. Kiểm tra bằng lệnh: sha256sum TÊN_TỆP.",
        "The SHA-256 hash pins each file's exact content: change one character and the hash "
        "differs. Check with: sha256sum FILE_NAME.",
    ),
    "sec_conclusion": ("IV. KẾT LUẬN", "IV. CONCLUSION"),
    "conclusion": (
        "Các bên thống nhất xác nhận dữ liệu kết quả xác minh nêu trên là chính xác, đầy đủ "
        "({rows} dòng dữ liệu, mỗi dòng có đúng một kết quả). Biên bản được lập thành {copies} "
        "bản có giá trị như nhau, mỗi bên giữ một bản.",
        "The parties confirm that the verification result data above is accurate and complete "
        "({rows} data rows, each with exactly one result). These minutes are made in {copies} "
        "copies of equal value, one for each party.",
    ),
    "sign_hint": ("(Ký, ghi rõ họ tên)", "(Signature and full name)"),
    "page": ("Trang {n}/{total}", "Page {n} of {total}"),
    # minutes: table headings
    "col_seq": ("STT", "No."),
    "col_list": ("Tệp danh sách", "List file"),
    "col_file": ("Tệp", "File"),
    "col_unit": ("Đơn vị / xã", "Unit / commune"),
    "col_list_date": ("Ngày lập", "List date"),
    "col_rows": ("Số dòng", "Rows"),
    "col_status": ("Kết quả", "Result"),
    "col_count": ("Số người", "People"),
    "col_total": ("Tổng", "Total"),
    "col_size": ("Dung lượng (byte)", "Size (bytes)"),
    "col_sha": ("SHA-256", "SHA-256"),
    "col_verified": ("Đã xác minh", "Verified"),
    "col_needs_correction": ("Cần điều chỉnh", "Needs correction"),
    "col_review": ("Cần xác minh thêm", "Needs review"),
    "col_not_found": ("Không tìm thấy", "Not found"),
    "col_non_citizen": ("Không phải công dân VN", "Non-citizen"),
    "col_incomplete": ("Thiếu thông tin", "Incomplete"),
    "total_row": ("Tổng cộng", "Total"),
    "unknown": ("chưa rõ", "unknown"),
    # minutes: default titles of the parties
    "chair_commune": ("Chủ tịch UBND {commune}", "Chairman of the People's Committee, {commune}"),
    "chair_facility": ("Thủ trưởng cơ sở tiêm chủng", "Head of the vaccination facility"),
    "health_commune": ("Trạm trưởng Trạm Y tế {commune}", "Head of the health station, {commune}"),
    "police_commune": ("Trưởng Công an {commune}", "Head of the commune police, {commune}"),
    "block_chair_commune": ("CHỦ TỊCH UBND", "CHAIRMAN, PEOPLE'S COMMITTEE"),
    "block_chair_facility": ("THỦ TRƯỞNG CƠ SỞ", "HEAD OF FACILITY"),
    "block_health": ("TRẠM Y TẾ", "HEALTH STATION"),
    "block_police": ("CÔNG AN", "COMMUNE POLICE"),
    # check-signature
    "ok": ("hợp lệ", "valid"),
    "not_signed": (
        "Thư mục {folder} chưa được ký: không có MANIFEST.sha256 và MANIFEST.sha256.p7s.",
        "The folder {folder} is not signed: MANIFEST.sha256 and MANIFEST.sha256.p7s are missing.",
    ),
    "changed": (
        "Tệp {name} đã bị thay đổi sau khi ký (mã băm khác).",
        "{name} was changed after signing (its hash differs).",
    ),
    "missing": (
        "Tệp {name} đã ký nhưng không còn trong thư mục.",
        "{name} was signed but is no longer in the folder.",
    ),
    "added": (
        "Tệp {name} được thêm vào sau khi ký (không có trong MANIFEST.sha256).",
        "{name} was added after signing (it is not in MANIFEST.sha256).",
    ),
    "manifest_unreadable": (
        "MANIFEST.sha256 đã bị sửa: không còn đúng dạng '<sha256>  <tệp>'.",
        "MANIFEST.sha256 was edited: it is no longer '<sha256>  <file>' lines.",
    ),
    "minutes_differ": (
        "Biên bản {name} xác nhận nội dung khác với dữ liệu đã ký: {files}.",
        "The minutes {name} confirm other content than the data signed: {files}.",
    ),
    "pdf_unsigned": ("Tệp {name} không có chữ ký số.", "{name} carries no digital signature."),
    "broken": (
        "Chữ ký của {name} không khớp với nội dung: tệp đã bị sửa hoặc chữ ký hỏng.",
        "The signature of {name} does not match its content: the file was altered or the "
        "signature is broken.",
    ),
    "not_whole": (
        "Tệp {name} có nội dung được thêm sau chữ ký cuối.",
        "{name} has content added after its last signature.",
    ),
    "untrusted": (
        "Chứng thư số ký {name} không được tin cậy (không dẫn tới CA gốc tin cậy; dùng --ca).",
        "The certificate that signed {name} is not trusted (no path to a trusted root CA; use --ca).",
    ),
    "expired": (
        "Chứng thư số ký {name} đã hết hạn ngày {date}.",
        "The certificate that signed {name} expired on {date}.",
    ),
    "not_yet_valid": (
        "Chứng thư số ký {name} chưa có hiệu lực (từ ngày {date}).",
        "The certificate that signed {name} is not valid before {date}.",
    ),
    "revoked": ("Chứng thư số ký {name} đã bị thu hồi.", "The certificate that signed {name} is revoked."),
    "invalid_cert": (
        "Chứng thư số ký {name} không hợp lệ cho việc ký ({why}).",
        "The certificate that signed {name} is not valid for signing ({why}).",
    ),
    "check_ok": (
        "Tất cả {n} tệp khớp với MANIFEST.sha256; mọi chữ ký hợp lệ và tin cậy.",
        "All {n} files match MANIFEST.sha256; every signature is valid and trusted.",
    ),
    "check_bad": (
        "Có {n} vấn đề: dữ liệu đã ký không còn nguyên vẹn hoặc chữ ký không tin cậy.",
        "{n} problem(s): the signed data is not intact or a signature is not trusted.",
    ),
    "state_broken": ("chữ ký hỏng", "broken"),
    "state_not_whole": ("có phần thêm sau chữ ký", "added to after signing"),
    "state_untrusted": ("không tin cậy", "untrusted"),
    "state_expired": ("chứng thư hết hạn", "certificate expired"),
    "state_not_yet_valid": ("chứng thư chưa hiệu lực", "certificate not yet valid"),
    "state_revoked": ("chứng thư bị thu hồi", "certificate revoked"),
    "state_invalid_cert": ("chứng thư không hợp lệ", "certificate not valid"),
    "col_signed": ("Tệp đã ký", "Signed file"),
    "col_signer": ("Người ký", "Signed by"),
    "col_when": ("Thời điểm ký", "Signed at"),
    "col_cert_valid": ("Chứng thư hiệu lực", "Certificate valid"),
    "col_state": ("Trạng thái", "State"),
    # sign
    "signed": (
        "Đã ký {n} tệp PDF và MANIFEST.sha256 ({files} tệp) bằng chứng thư của {signer}.",
        "Signed {n} PDF file(s) and MANIFEST.sha256 ({files} files) with the certificate of {signer}.",
    ),
    "stamp": ("Ký bởi: %(signer)s\nNgày ký: %(ts)s", "Signed by: %(signer)s\nDate: %(ts)s"),
    "minutes_only": ("biên bản {date}, chưa ký số", "minutes {date}, not signed"),
    "recorded": ("Đã ghi vào sổ theo dõi (lần chạy {run}).", "Recorded in the ledger (run {run})."),
    "not_recorded": ("Không ghi vào sổ theo dõi: {why}.", "Not recorded in the ledger: {why}."),
    "why_disabled": ("đã chọn --no-ledger", "--no-ledger was given"),
    "why_no_ledger": ("chưa có sổ tại {path}", "there is no ledger at {path}"),
    "why_unknown_lists": (
        "các danh sách của thư mục này chưa có trong sổ {path}",
        "the folder's lists are not in the ledger {path}",
    ),
    "minutes_written": (
        "Đã lập biên bản {path} ({pages} trang).",
        "Wrote the minutes {path} ({pages} pages).",
    ),
}


def t(key: str, lang: str, **values: object) -> str:
    """The text for ``key`` in ``lang`` (vi unless en), with ``values`` filled in."""
    vi, en = TEXT[key]
    text = en if lang == "en" else vi
    return text.format(**values) if values else text
