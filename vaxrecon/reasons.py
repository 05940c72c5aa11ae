"""Statuses and reason codes: one enumeration each, with Vietnamese and English labels."""

from enum import StrEnum

import numpy as np
import pandas as pd


class Status(StrEnum):
    """The one outcome of a list row."""

    VERIFIED = "verified"
    NEEDS_CORRECTION = "needs_correction"
    REVIEW = "review"
    NOT_FOUND = "not_found"
    NON_CITIZEN = "non_citizen"
    INCOMPLETE = "incomplete"

    def label(self, lang: str = "vi") -> str:
        return _STATUS_LABELS[self][0 if lang == "vi" else 1]

    def short(self, lang: str = "vi") -> str:
        """A column-width label for terminal tables."""
        return _STATUS_SHORT[self][0 if lang == "vi" else 1]


_STATUS_SHORT = {
    Status.VERIFIED: ("Đã XM", "verified"),
    Status.NEEDS_CORRECTION: ("Cần sửa", "correct"),
    Status.REVIEW: ("Xem lại", "review"),
    Status.NOT_FOUND: ("Ko thấy", "not found"),
    Status.NON_CITIZEN: ("Ng.ngoài", "non-cit."),
    Status.INCOMPLETE: ("Thiếu TT", "incompl."),
}
_STATUS_LABELS = {
    Status.VERIFIED: ("Đã xác minh", "Verified"),
    Status.NEEDS_CORRECTION: ("Cần điều chỉnh thông tin", "Needs correction"),
    Status.REVIEW: ("Cần xác minh thêm", "Needs review"),
    Status.NOT_FOUND: ("Không tìm thấy trong CSDLQG", "Not found"),
    Status.NON_CITIZEN: ("Không phải công dân VN (không xác minh)", "Non-citizen (not verified)"),
    Status.INCOMPLETE: ("Thiếu thông tin", "Incomplete"),
}


class Reason(StrEnum):
    """Why a row was read, normalised or decided as it was."""

    # skipped sheet rows
    ROW_BLANK = "row_blank"
    ROW_TOTAL = "row_total"
    ROW_SIGNATURE = "row_signature"
    ROW_COLUMN_NUMBERS = "row_column_numbers"
    ROW_REPEATED_HEADER = "row_repeated_header"
    ROW_SECTION_HEADING = "row_section_heading"
    # normalisation
    NAME_MISSING = "name_missing"
    NAME_MARKS_MISSING = "name_marks_missing"
    NAME_MOJIBAKE_REPAIRED = "name_mojibake_repaired"
    DOB_MISSING = "dob_missing"
    DOB_INVALID = "dob_invalid"
    DOB_YEAR_ONLY = "dob_year_only"
    DOB_TWO_DIGIT_YEAR = "dob_two_digit_year"
    ID_MISSING = "id_missing"
    ID_LEADING_ZEROS_RESTORED = "id_leading_zeros_restored"
    ID_SCIENTIFIC_NOTATION = "id_scientific_notation"
    ID_MALFORMED = "id_malformed"
    ID_IS_OLD_CMND = "id_is_old_cmnd"
    ID_PASSPORT_LIKE = "id_passport_like"
    CCCD_PROVINCE_UNKNOWN = "cccd_province_unknown"
    CCCD_CENTURY_DIGIT_INCONSISTENT = "cccd_century_digit_inconsistent"
    CCCD_GENDER_DIGIT_INCONSISTENT = "cccd_gender_digit_inconsistent"
    CCCD_YEAR_DIGITS_INCONSISTENT = "cccd_year_digits_inconsistent"
    GENDER_MISSING = "gender_missing"
    GENDER_UNRECOGNISED = "gender_unrecognised"
    NATIONALITY_FOREIGN = "nationality_foreign"
    PASSPORT_WITHOUT_NATIONALITY = "passport_without_nationality"
    QR_INVALID = "qr_invalid"
    QR_FILLED_FIELDS = "qr_filled_fields"
    QR_DISAGREES = "qr_disagrees"
    # matching and decision
    ID_DIFFERS = "id_differs"
    ID_BELONGS_TO_OTHER_PERSON = "id_belongs_to_other_person"
    ID_NOT_IN_POPULATION = "id_not_in_population"
    NAME_DIFFERS = "name_differs"
    NAME_MARKS_DIFFER = "name_marks_differ"
    NAME_MIDDLE_DROPPED = "name_middle_dropped"
    NAME_ORDER_DIFFERS = "name_order_differs"
    DOB_DIFFERS = "dob_differs"
    DOB_DAY_MONTH_SWAPPED = "dob_day_month_swapped"
    DOB_DIGIT_DIFFERS = "dob_digit_differs"
    GENDER_DIFFERS = "gender_differs"
    AMBIGUOUS_CANDIDATES = "ambiguous_candidates"
    WEAK_EVIDENCE = "weak_evidence"
    NO_CANDIDATE = "no_candidate"
    CANDIDATE_SHARED = "candidate_shared"
    DUPLICATE_REGISTRATION = "duplicate_registration"
    NOT_VERIFIED_NON_CITIZEN = "not_verified_non_citizen"
    TOO_LITTLE_TO_SEARCH = "too_little_to_search"
    ID_BELONGS_TO_RELATIVE = "id_belongs_to_relative"
    PASSPORT_NOTATION = "passport_notation"
    NATIONALITY_IN_NOTE = "nationality_in_note"
    NAME_NOT_VIETNAMESE = "name_not_vietnamese"
    NAME_TYPO = "name_typo"
    VILLAGE_DIFFERS = "village_differs"
    # dose-record campaign (clean)
    LINKED_TO_OTHER_PERSON = "linked_to_other_person"

    def label(self, lang: str = "vi") -> str:
        return _REASON_LABELS[self][0 if lang == "vi" else 1]


_REASON_LABELS = {
    Reason.ROW_BLANK: ("Dòng trống", "Blank row"),
    Reason.ROW_TOTAL: ("Dòng tổng cộng", "Totals row"),
    Reason.ROW_SIGNATURE: ("Phần ký tên cuối danh sách", "Signature block"),
    Reason.ROW_COLUMN_NUMBERS: ("Dòng đánh số cột", "Column-number row"),
    Reason.ROW_REPEATED_HEADER: ("Dòng tiêu đề lặp lại", "Repeated header row"),
    Reason.ROW_SECTION_HEADING: ("Dòng tiêu đề nhóm", "Section heading"),
    Reason.NAME_MISSING: ("Thiếu họ tên", "Name missing"),
    Reason.NAME_MARKS_MISSING: ("Họ tên viết không dấu", "Name typed without diacritics"),
    Reason.NAME_MOJIBAKE_REPAIRED: ("Đã sửa lỗi mã hóa ký tự họ tên", "Name encoding repaired"),
    Reason.DOB_MISSING: ("Thiếu ngày sinh", "Birth date missing"),
    Reason.DOB_INVALID: ("Ngày sinh không hợp lệ", "Birth date impossible or unreadable"),
    Reason.DOB_YEAR_ONLY: ("Chỉ có năm sinh", "Birth year only"),
    Reason.DOB_TWO_DIGIT_YEAR: ("Năm sinh ghi 2 chữ số", "Two-digit birth year"),
    Reason.ID_MISSING: ("Thiếu số CCCD/CMND", "ID number missing"),
    Reason.ID_LEADING_ZEROS_RESTORED: (
        "Đã khôi phục số 0 đầu của số CCCD",
        "Leading zeros of the ID restored",
    ),
    Reason.ID_SCIENTIFIC_NOTATION: (
        "Số CCCD bị Excel đổi sang dạng 1,23E+11",
        "ID shown in scientific notation; digits lost",
    ),
    Reason.ID_MALFORMED: ("Số CCCD/CMND sai định dạng", "ID number malformed"),
    Reason.ID_IS_OLD_CMND: ("Ghi số CMND cũ thay cho số định danh", "Old CMND given instead of the ID"),
    Reason.ID_PASSPORT_LIKE: ("Số giấy tờ có dạng hộ chiếu", "Passport-like document number"),
    Reason.CCCD_PROVINCE_UNKNOWN: (
        "Mã tỉnh trong số CCCD không có trong danh mục",
        "ID province code not in the official list",
    ),
    Reason.CCCD_CENTURY_DIGIT_INCONSISTENT: (
        "Mã thế kỷ trong số CCCD không khớp năm sinh",
        "ID century digit disagrees with the birth year",
    ),
    Reason.CCCD_GENDER_DIGIT_INCONSISTENT: (
        "Mã giới tính trong số CCCD không khớp giới tính",
        "ID gender digit disagrees with the gender",
    ),
    Reason.CCCD_YEAR_DIGITS_INCONSISTENT: (
        "Hai số năm sinh trong số CCCD không khớp năm sinh",
        "ID year digits disagree with the birth year",
    ),
    Reason.GENDER_MISSING: ("Thiếu giới tính", "Gender missing"),
    Reason.GENDER_UNRECOGNISED: ("Không đọc được giới tính", "Gender unrecognised"),
    Reason.NATIONALITY_FOREIGN: ("Quốc tịch nước ngoài", "Foreign nationality"),
    Reason.PASSPORT_WITHOUT_NATIONALITY: (
        "Số hộ chiếu, không ghi quốc tịch",
        "Passport number without nationality",
    ),
    Reason.QR_INVALID: ("Mã QR không đọc được", "QR payload unreadable"),
    Reason.QR_FILLED_FIELDS: ("Đã bổ sung thông tin từ mã QR", "Missing fields filled from the QR"),
    Reason.QR_DISAGREES: ("Mã QR khác thông tin đã nhập", "QR disagrees with the typed fields"),
    Reason.ID_DIFFERS: ("Số CCCD khác số trong CSDLQG", "ID differs from the registered one"),
    Reason.ID_BELONGS_TO_OTHER_PERSON: ("Số CCCD là của người khác", "ID belongs to another person"),
    Reason.ID_NOT_IN_POPULATION: ("Số CCCD không có trong CSDLQG", "ID not in the extract"),
    Reason.NAME_DIFFERS: ("Họ tên khác CSDLQG", "Name differs"),
    Reason.NAME_MARKS_DIFFER: ("Họ tên sai dấu", "Name diacritics differ"),
    Reason.NAME_MIDDLE_DROPPED: ("Thiếu/thừa tên đệm", "Middle name dropped or added"),
    Reason.NAME_ORDER_DIFFERS: ("Thứ tự/cách viết các chữ trong tên khác", "Name words reordered or joined"),
    Reason.DOB_DIFFERS: ("Ngày sinh khác CSDLQG", "Birth date differs"),
    Reason.DOB_DAY_MONTH_SWAPPED: ("Ngày sinh bị đảo ngày/tháng", "Birth day and month swapped"),
    Reason.DOB_DIGIT_DIFFERS: ("Ngày sinh sai một chữ số", "Birth date one digit off"),
    Reason.GENDER_DIFFERS: ("Giới tính khác CSDLQG", "Gender differs"),
    Reason.AMBIGUOUS_CANDIDATES: ("Có nhiều người phù hợp", "Several close candidates"),
    Reason.WEAK_EVIDENCE: ("Thông tin chưa đủ để khẳng định", "Evidence too weak to confirm"),
    Reason.NO_CANDIDATE: ("Không có người phù hợp trong CSDLQG", "No plausible person in the extract"),
    Reason.CANDIDATE_SHARED: (
        "Cùng một người ứng với nhiều dòng khác nhau",
        "Same person claimed by different rows",
    ),
    Reason.DUPLICATE_REGISTRATION: ("Đăng ký trùng", "Registered twice"),
    Reason.NOT_VERIFIED_NON_CITIZEN: (
        "Không xác minh người không phải công dân VN",
        "Non-citizens are not verified",
    ),
    Reason.TOO_LITTLE_TO_SEARCH: ("Không đủ thông tin để tra cứu", "Too little information to search"),
    Reason.ID_BELONGS_TO_RELATIVE: (
        "Số CCCD là của người thân cùng địa chỉ",
        "The ID belongs to a relative at the same address",
    ),
    Reason.PASSPORT_NOTATION: ("Ghi số hộ chiếu", "A passport number is written"),
    Reason.NATIONALITY_IN_NOTE: (
        "Quốc tịch nước ngoài ghi ở phần ghi chú",
        "A foreign nationality is written in the notes",
    ),
    Reason.NAME_NOT_VIETNAMESE: (
        "Họ tên không phải tên người Việt Nam, không có người phù hợp",
        "Name is not Vietnamese and matches no one",
    ),
    Reason.NAME_TYPO: ("Họ tên sai một chữ", "One letter of the name differs"),
    Reason.VILLAGE_DIFFERS: ("Thôn/ấp khác nơi đăng ký", "Village differs from the registered one"),
    Reason.LINKED_TO_OTHER_PERSON: (
        "Cùng họ tên, ngày sinh, số điện thoại nhưng ứng với người khác",
        "Same name, birth date and phone linked to another person",
    ),
}


def labels(codes: str, lang: str = "vi") -> str:
    """Turn a ';'-separated code string into '; '-separated labels."""
    return "; ".join(Reason(c).label(lang) for c in codes.split(";") if c)


def join_reasons(masks: dict[Reason, object], index: pd.Index) -> pd.Series:
    """Vectorised: one ';'-separated code string per row from boolean masks, in enum order."""
    out = np.full(len(index), "", dtype=object)
    for reason in Reason:
        if reason in masks:
            mask = np.asarray(masks[reason], dtype=bool)
            out = np.where(mask, out + (reason.value + ";"), out)
    return pd.Series(out, index=index, dtype=object).str.rstrip(";")


def has_reason(codes: pd.Series, reason: Reason) -> pd.Series:
    """Vectorised: which ';'-separated code strings contain ``reason``."""
    return codes.str.contains(rf"(?:^|;){reason.value}(?:;|$)", regex=True)


def merge_reasons(*columns: pd.Series) -> pd.Series:
    """Union of several ';'-separated code columns, in enumeration order, without repeats."""
    joined = columns[0].fillna("")
    for col in columns[1:]:
        joined = joined + ";" + col.fillna("")
    codes, uniques = pd.factorize(joined)  # few distinct combinations: each merged once
    distinct = pd.Series(uniques, dtype=object)
    merged = join_reasons({r: has_reason(distinct, r) for r in Reason}, distinct.index)
    return pd.Series(merged.to_numpy()[codes], index=joined.index, dtype=object)
