"""Dose issues, verdicts and the Ministry's verification categories: one enumeration each, with
Vietnamese and English labels and, for issues, what to do about them."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

import numpy as np


class DoseIssue(StrEnum):
    """What is wrong with a dose record, judged against the person's other doses and the rules."""

    DUPLICATE_DOSE = "duplicate_dose"
    DOSE_NUMBER_CONFLICT = "dose_number_conflict"
    DOSE_ORDER = "dose_order"
    INTERVAL_TOO_SHORT = "interval_too_short"
    DATE_IN_FUTURE = "date_in_future"
    DATE_BEFORE_ROLLOUT = "date_before_rollout"
    DATE_BEFORE_BIRTH = "date_before_birth"
    DATE_MISSING = "date_missing"
    DATE_INVALID = "date_invalid"
    VACCINE_UNKNOWN = "vaccine_unknown"
    VACCINE_MISSING = "vaccine_missing"
    TOO_MANY_DOSES = "too_many_doses"

    def label(self, lang: str = "vi") -> str:
        return _ISSUES[self][0 if lang == "vi" else 1]

    def action(self, lang: str = "vi") -> str:
        """What the vaccination site should do about it."""
        return _ISSUES[self][2 if lang == "vi" else 3]


_ISSUES = {
    DoseIssue.DUPLICATE_DOSE: (
        "Mũi tiêm bị nhập trùng",
        "The same dose entered twice",
        "Xóa bản ghi trùng, giữ một bản ghi",
        "Delete the duplicate record, keep one",
    ),
    DoseIssue.DOSE_NUMBER_CONFLICT: (
        "Hai bản ghi cùng số mũi",
        "Two records claim the same dose number",
        "Kiểm tra sổ tiêm, sửa số mũi cho đúng",
        "Check the register and correct the dose number",
    ),
    DoseIssue.DOSE_ORDER: (
        "Số mũi không theo thứ tự ngày tiêm",
        "Dose numbers out of date order",
        "Sửa số mũi hoặc ngày tiêm theo sổ tiêm",
        "Correct the dose number or date from the register",
    ),
    DoseIssue.INTERVAL_TOO_SHORT: (
        "Khoảng cách giữa hai mũi ngắn hơn quy định",
        "Interval below the minimum",
        "Kiểm tra lại ngày tiêm của hai mũi",
        "Check the dates of both doses",
    ),
    DoseIssue.DATE_IN_FUTURE: (
        "Ngày tiêm sau ngày xuất dữ liệu",
        "Vaccination date after the export date",
        "Sửa ngày tiêm",
        "Correct the vaccination date",
    ),
    DoseIssue.DATE_BEFORE_ROLLOUT: (
        "Ngày tiêm trước ngày bắt đầu tiêm chủng COVID-19 (08/03/2021)",
        "Vaccination date before the first COVID-19 dose in Viet Nam (8 Mar 2021)",
        "Sửa ngày tiêm",
        "Correct the vaccination date",
    ),
    DoseIssue.DATE_BEFORE_BIRTH: (
        "Ngày tiêm trước ngày sinh",
        "Vaccination date before birth",
        "Sửa ngày tiêm hoặc ngày sinh",
        "Correct the vaccination or birth date",
    ),
    DoseIssue.DATE_MISSING: (
        "Thiếu ngày tiêm",
        "Vaccination date missing",
        "Bổ sung ngày tiêm",
        "Supply the vaccination date",
    ),
    DoseIssue.DATE_INVALID: (
        "Ngày tiêm không đọc được",
        "Vaccination date unreadable",
        "Sửa ngày tiêm (dd/mm/yyyy)",
        "Correct the vaccination date (dd/mm/yyyy)",
    ),
    DoseIssue.VACCINE_UNKNOWN: (
        "Tên vắc xin không có trong danh mục",
        "Unknown vaccine name",
        "Sửa tên vắc xin theo danh mục",
        "Correct the vaccine name from the list",
    ),
    DoseIssue.VACCINE_MISSING: (
        "Thiếu tên vắc xin",
        "Vaccine missing",
        "Bổ sung tên vắc xin",
        "Supply the vaccine name",
    ),
    DoseIssue.TOO_MANY_DOSES: (
        "Số mũi vượt quá phác đồ và mũi nhắc lại",
        "More doses than the series and boosters allow",
        "Kiểm tra các mũi tiêm, xóa bản ghi thừa",
        "Check the doses and delete the extra record",
    ),
}


class Verdict(StrEnum):
    """One verdict per person, carried on each of the person's rows."""

    CONFIRMED = "confirmed"
    REVERIFY = "reverify"
    IDENTITY_UNVERIFIED = "identity_unverified"
    NON_CITIZEN = "non_citizen"

    def label(self, lang: str = "vi") -> str:
        return _VERDICTS[self][0 if lang == "vi" else 1]

    def short(self, lang: str = "vi") -> str:
        """A column-width label for terminal tables."""
        return _VERDICT_SHORT[self][0 if lang == "vi" else 1]


_VERDICT_SHORT = {
    Verdict.CONFIRMED: ("Đã XT", "confirmed"),
    Verdict.REVERIFY: ("XM lại", "reverify"),
    Verdict.IDENTITY_UNVERIFIED: ("Chưa XT", "unverified"),
    Verdict.NON_CITIZEN: ("Ng.ngoài", "non-cit."),
}
_VERDICTS = {
    Verdict.CONFIRMED: ("Đã xác thực", "Confirmed"),
    Verdict.REVERIFY: ("Cần xác minh lại", "Re-verify"),
    Verdict.IDENTITY_UNVERIFIED: (
        "Chưa xác thực được danh tính (chuyển công an)",
        "Identity not verified (for the police)",
    ),
    Verdict.NON_CITIZEN: ("Không phải công dân VN (không xác minh)", "Non-citizen (not verified)"),
}


class Category(StrEnum):
    """The Ministry of Health's verification categories (Công văn 9438/BYT-CNTT and after)."""

    CORRECT = "correct"
    WRONG = "wrong"
    NOT_VERIFIED = "not_verified"
    NO_ID = "no_id"

    def label(self, lang: str = "vi") -> str:
        return _CATEGORIES[self][0 if lang == "vi" else 1]


_CATEGORIES = {
    Category.CORRECT: ("Đúng", "Correct"),
    Category.WRONG: ("Sai thông tin", "Wrong data"),
    Category.NOT_VERIFIED: ("Chưa xác thực", "Not yet verified"),
    Category.NO_ID: ("Không có CCCD/CMND hoặc sai định dạng", "No CCCD/CMND or wrong format"),
}


def issue_labels(codes: str, lang: str = "vi") -> str:
    """'; '-separated labels of a ';'-separated issue code string."""
    return "; ".join(DoseIssue(c).label(lang) for c in codes.split(";") if c)


def issue_actions(codes: str, lang: str = "vi") -> str:
    """'; '-separated actions (without repeats) for a ';'-separated issue code string."""
    return "; ".join(dict.fromkeys(DoseIssue(c).action(lang) for c in codes.split(";") if c))


def join_issues(masks: Mapping[DoseIssue, object], n: int) -> np.ndarray:
    """Vectorised: one ';'-separated code string per row from boolean masks, in enum order (each
    row's set of issues as a bit pattern; one string built per distinct pattern)."""
    present = [issue for issue in DoseIssue if issue in masks]
    bits = np.zeros(n, dtype=np.int64)
    for i, issue in enumerate(present):
        bits |= np.asarray(masks[issue], dtype=bool).astype(np.int64) << i
    patterns, at = np.unique(bits, return_inverse=True)
    text = [";".join(x.value for i, x in enumerate(present) if p >> i & 1) for p in patterns.tolist()]
    return np.array(text, dtype=object)[at.reshape(-1)]
