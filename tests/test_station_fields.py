"""What stations really write: header aliases, section headings, villages in addresses, 'Mũi 2',
passport notations, genders stated by column or by the platform's codes, Excel-mangled IDs."""

import pandas as pd
import pytest
from conftest import TODAY
from sheets import NAM_NU, NAM_NU_MERGES, save

from vaxrecon.documents.documents import annotate, request_text
from vaxrecon.ingest.fields import dose_number, village_from
from vaxrecon.ingest.lists import read_list
from vaxrecon.pipeline import verify
from vaxrecon.result import RESULT_COLUMNS

STATION_HEADER = [
    "STT",
    "Họ và tên",
    "Nam/Nữ",
    "Ngày sinh",
    "Số CMND/CCCD/Hộ chiếu",
    "Tổ/Thôn",
    "SĐT liên hệ",
    "Nơi cư trú",
    "Mũi tiêm",
    "Ghi chú",
]


@pytest.fixture
def station_list(tmp_path):
    rows = [
        ["UBND PHƯỜNG ĐÔ VINH"],
        ["DANH SÁCH ĐĂNG KÝ TIÊM"],
        STATION_HEADER,
        ["KHU PHỐ 1"],
        [1, "Nguyễn Văn An", "Nam", "04/03/1980", "058080001234", None, "0905123456", "KP 1", "Mũi 2", None],
        [2, "John Smith", "Nam", "04/03/1980", "HC: M12345678", None, None, None, "Mũi 1", None],
        [3, "Kim Min", "Nữ", None, "Hộ chiếu: B7654321", None, None, None, "1", "Quốc tịch Hàn Quốc"],
        ["KHU PHỐ 2"],
        [4, "Pierre Martin", "Nam", None, "Passport N0123456", "Tổ 3", None, None, "mũi số 2", None],
    ]
    return save(rows, tmp_path / "kp.xlsx")


def test_header_aliases_stations_write(station_list, cfg):
    sheet = read_list(station_list, cfg).sheets[0]
    fields = {c.header: c.field for c in sheet.header.columns}
    assert sheet.header.height == 1  # "KHU PHỐ 1" right under the header is a heading, not a sub-header
    assert fields["Nam/Nữ"] == "gender" and fields["Tổ/Thôn"] == "village"
    assert fields["SĐT liên hệ"] == "phone" and fields["Nơi cư trú"] == "address"


def test_village_from_headings_dose_numbers_and_passport_notations_kept(station_list, cfg):
    rec = read_list(station_list, cfg).records
    assert rec["village"].tolist() == ["KHU PHỐ 1", "KHU PHỐ 1", "KHU PHỐ 1", "Tổ 3"]
    assert rec["dose"].tolist() == ["2", "1", "1", "2"]
    assert rec["phone"].tolist()[0] == "0905123456"
    assert rec["id_number"].tolist()[1:] == ["HC: M12345678", "Hộ chiếu: B7654321", "Passport N0123456"]
    assert rec["note"].tolist()[2] == "Quốc tịch Hàn Quốc"


@pytest.mark.parametrize(
    ("address", "village"),
    [
        ("Thôn Phú Thọ, xã Phước Hải", "Thôn Phú Thọ"),
        ("123 Lê Lợi, Tổ 5, Phường Mỹ Hương", "Tổ 5"),
        ("KP 1, Đô Vinh", "KP 1"),
        ("Khu phố 3 - Phường Đô Vinh", "Khu phố 3"),
        ("Ấp Hòa Thủy, Phước Hải", "Ấp Hòa Thủy"),
        ("xã Phước Hải", ""),
        ("Phú Thôn", ""),
        (None, ""),
    ],
)
def test_village_from_address(address, village):
    assert village_from(pd.Series([address], dtype=object)).tolist() == [village]


@pytest.mark.parametrize(
    ("text", "dose"),
    [
        ("Mũi 2", "2"),
        ("mũi số 1", "1"),
        ("M2", "2"),
        (2.0, "2"),
        ("Mũi 1 (AZ)", "1"),
        ("Nhắc lại", "Nhắc lại"),
    ],
)
def test_dose_number(text, dose):
    assert dose_number(pd.Series([text], dtype=object)).tolist() == [dose]


def _rows(**over):
    base = {c: "" for c in RESULT_COLUMNS}
    base.update(
        source="a.xlsx",
        sheet="DS",
        row=9,
        status="needs_correction",
        person_id="058048001111",
        listed_name="Đàng Văn Chất",
        registered_name="Đàng Văn Chất",
        dob="1948",
        id_kind="cccd",
    )
    base.update(over)
    return pd.DataFrame([base])


def test_gender_stated_by_the_nam_nu_column_is_what_the_list_said():
    df = annotate(
        _rows(gender="M", registered_gender="F", reasons="gender_differs"), "vi", {"0": "M", "1": "F"}
    )
    assert request_text(df, "vi").tolist() == ["Giới tính: Nam → Nữ"]


def test_platform_gender_codes_are_spoken_back_as_codes():
    df = annotate(
        _rows(listed_gender="1", gender="F", registered_gender="M", reasons="gender_differs"),
        "vi",
        {"0": "M", "1": "F"},
    )
    assert request_text(df, "vi").tolist() == ["Giới tính: 1 → 0 (Nam)"]


def test_duplicate_is_named_plainly_and_listed_for_removal():
    df = annotate(
        _rows(status="verified", duplicate_of="a.xlsx|DS|7", reasons="duplicate_registration"), "vi"
    )
    assert df["duplicate_text"].tolist() == ["Sheet DS, dòng 7"]
    assert request_text(df, "vi").tolist() == [
        "Đăng ký trùng với Sheet DS, dòng 7: đề nghị xóa dòng này khỏi danh sách"
    ]
    other = annotate(_rows(duplicate_of="b.xlsx|PL1|12"), "en")
    assert other["duplicate_text"].tolist() == ["File b.xlsx, sheet PL1, row 12"]


def test_an_excel_mangled_id_gets_one_reason(tmp_path, cfg):
    pop = tmp_path / "pop.csv"
    pop.write_text(
        "SO_DINH_DANH,HO_VA_TEN,NGAY_SINH,GIOI_TINH\n058090001234,Lê Văn Sáu,01/01/1990,Nam\n", "utf-8"
    )
    rows = [r[:] for r in NAM_NU] + [[3, "Lê Văn Sáu", "01/01/1990", None, "5.8E+10", "KP1"]]
    result = verify([save(rows, tmp_path / "nn.xlsx", merges=NAM_NU_MERGES)], pop, cfg, TODAY)
    reasons = result.results["reasons"].iloc[-1].split(";")
    assert "id_scientific_notation" in reasons and "id_missing" not in reasons
