import datetime as dt

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vaxrecon.config import load_config
from vaxrecon.normalize.dates import parse_dates
from vaxrecon.normalize.demographics import normalize_gender, normalize_nationality
from vaxrecon.normalize.ids import cccd_checks, normalize_ids
from vaxrecon.normalize.qr import describe_qr, parse_qr

TODAY = dt.date(2021, 11, 6)


@pytest.mark.parametrize(
    "cell, display, precision",
    [
        ("05/11/1960", "05/11/1960", "day"),
        ("5/6/1960", "05/06/1960", "day"),
        ("05-11-1960", "05/11/1960", "day"),
        ("05.11.1960", "05/11/1960", "day"),
        ("1960-11-05", "05/11/1960", "day"),
        ("05111960", "05/11/1960", "day"),
        ("19601105", "05/11/1960", "day"),
        (dt.datetime(1960, 11, 5), "05/11/1960", "day"),
        (22225, "05/11/1960", "day"),  # Excel serial
        ("22225", "05/11/1960", "day"),
        (1960, "1960", "year"),
        ("1960.0", "1960", "year"),
        ("ngày 05 tháng 11 năm 1960", "05/11/1960", "day"),
        ("5/11/60", "05/11/1960", "day"),
        ("31/02/1990", "", ""),  # impossible: reported, never guessed
        ("13/13/1990", "", ""),
        ("2030", "", ""),  # in the future
        ("abc", "", ""),
        (None, "", ""),
    ],
)
def test_parse_dates(cell, display, precision):
    got = parse_dates(pd.Series([cell], dtype=object), today=TODAY).iloc[0]
    assert (got["dob"], got["dob_precision"]) == (display, precision)
    assert bool(got["dob_invalid"]) == (display == "" and cell not in (None, ""))


def test_two_digit_year_is_flagged():
    got = parse_dates(pd.Series(["5/11/60", "5/11/1960"], dtype=object), today=TODAY)
    assert got["dob_two_digit"].tolist() == [True, False]


@pytest.mark.parametrize(
    "cell, kind, value, restored",
    [
        ("058190001234", "cccd", "058190001234", False),
        (58190001234.0, "cccd", "058190001234", True),
        (1190001234, "cccd", "001190001234", True),
        ("058 190 001 234", "cccd", "058190001234", False),
        ("058.190.001.234", "cccd", "058190001234", False),
        ("5.81900E+10", "unusable", "", False),
        ("264123456", "cmnd", "264123456", False),
        (23456789, "cmnd", "023456789", True),
        ("B1234567", "passport", "B1234567", False),
        ("C 1234567", "passport", "C1234567", False),
        ("12345", "malformed", "", False),
        ("", "missing", "", False),
        (None, "missing", "", False),
    ],
)
def test_normalize_ids(cell, kind, value, restored):
    got = normalize_ids(pd.Series([cell], dtype=object)).iloc[0]
    assert (got["id_kind"], got["id_value"], bool(got["id_restored"])) == (kind, value, restored)


@pytest.mark.parametrize(
    "pid, gender, year, failing",
    [
        ("058190001234", "F", 1990, set()),
        ("058190001234", "M", 1990, {"cccd_gender_bad"}),
        ("058390001234", "F", 1990, {"cccd_century_bad"}),
        ("058189001234", "F", 1990, {"cccd_year_bad"}),
        ("003190001234", "F", 1990, {"cccd_province_unknown"}),
        ("058303001234", "F", 2003, set()),
        ("058190001234", "", 0, set()),
    ],
)
def test_cccd_structure_checks(pid, gender, year, failing):
    got = cccd_checks(pd.Series([pid]), pd.Series(["cccd"]), pd.Series([gender]), pd.Series([year])).iloc[0]
    assert {k for k, v in got.items() if v} == failing


WORDS = {"M": ["nam", "m", "male"], "F": ["nữ", "nu", "f", "female"]}


@pytest.mark.parametrize(
    "cell, gender, bad",
    [
        ("Nam", "M", False),
        ("NỮ", "F", False),
        ("nu", "F", False),
        ("Male", "M", False),
        (0, "M", False),
        (1.0, "F", False),
        ("1", "F", False),
        ("", "", False),
        ("x", "", True),
    ],
)
def test_gender(cell, gender, bad):
    got = normalize_gender(pd.Series([cell], dtype=object), WORDS, {"0": "M", "1": "F"}).iloc[0]
    assert (got["gender"], bool(got["gender_bad"])) == (gender, bad)


@pytest.mark.parametrize(
    "cell, foreign",
    [
        ("Việt Nam", False),
        ("VN", False),
        ("Viet Nam", False),
        ("", False),
        (None, False),
        ("Hàn Quốc", True),
        ("KOR", True),
        ("Japan", True),
    ],
)
def test_nationality(cell, foreign):
    got = normalize_nationality(pd.Series([cell], dtype=object), ["việt nam", "vn", "viet nam"]).iloc[0]
    assert bool(got["foreign"]) == foreign


def test_qr_fields_keep_their_places_and_trim():
    payloads = [
        "001098012345||NGUYỄN VĂN B|01012000|Nữ|Hà Nội|01012022",
        "042096015766||ĐINH XUÂN HOÀNG|24111996|Nam|Đức Thọ, Hà Tĩnh|01122021\r\n",
        "079087007923||Nguyễn Thái Anh |27061987|Nam|Gò Vấp | 21022021",
        "not a qr",
        "",
    ]
    got = parse_qr(pd.Series(payloads, dtype=object))
    assert got["qr_valid"].tolist() == [True, True, True, False, False]
    assert got["qr_given"].tolist() == [True, True, True, True, False]
    assert got.loc[0, "qr_old_id"] == "" and got.loc[0, "qr_name"] == "NGUYỄN VĂN B"
    assert got.loc[1, "qr_issued"] == "01122021"
    assert got.loc[2, "qr_name"] == "Nguyễn Thái Anh" and got.loc[2, "qr_issued"] == "21022021"
    assert describe_qr(payloads[0])["qr_dob"] == "01012000"
    with pytest.raises(ValueError):
        describe_qr("nope")


def test_qr_latin1_mangled_payload_is_repaired():
    mangled = "001098012345||NGUYỄN VĂN B|01012000|Nữ|Hà Nội|01012022".encode().decode("latin-1")
    got = parse_qr(pd.Series([mangled], dtype=object)).iloc[0]
    assert got["qr_valid"] and got["qr_name"] == "NGUYỄN VĂN B"


@settings(deadline=None)  # what it checks is behaviour, not speed (a loaded machine is slow)
@given(
    st.lists(
        st.one_of(st.text(max_size=15), st.integers(-(10**12), 10**13), st.none(), st.floats(allow_nan=True)),
        min_size=1,
        max_size=30,
    )
)
def test_field_normalisers_never_raise_and_keep_row_count(cells):
    s = pd.Series(cells, dtype=object)
    assert len(parse_dates(s, today=TODAY)) == len(cells)
    assert len(normalize_ids(s)) == len(cells)
    assert len(parse_qr(s)) == len(cells)


def test_phones_and_listed_dates_are_shown_as_people_write_them():
    from vaxrecon.config import load_config
    from vaxrecon.normalize.records import normalize_phones, normalize_records

    got = normalize_phones(pd.Series(["0905 123 456", "905123456", "+84905123456", ""]))
    assert got.tolist() == ["0905123456", "0905123456", "84905123456", ""]
    raw = pd.DataFrame(
        {"name": ["A B"], "dob": [dt.datetime(1960, 12, 29)], "phone": [905123456.0]}, dtype=object
    )
    norm = normalize_records(raw, load_config(), TODAY)
    assert norm.loc[0, "listed_dob"] == "29/12/1960" and norm.loc[0, "phone"] == "0905123456"


@pytest.mark.parametrize(
    "cell, kind, value, notation",
    [
        ("HC: M12345678", "passport", "M12345678", True),
        ("Hộ chiếu: B7654321", "passport", "B7654321", True),
        ("Passport N0123456", "passport", "N0123456", True),
        ("PP 123456789", "passport", "123456789", True),  # nine digits written as a passport
        ("hộ chiếu số C1234567", "passport", "C1234567", True),
        ("123456789", "cmnd", "123456789", False),
        ("B1234567", "passport", "B1234567", False),
        ("HCM 12", "malformed", "", False),
    ],
)
def test_passport_notations(cell, kind, value, notation):
    got = normalize_ids(pd.Series([cell], dtype=object)).iloc[0]
    assert (got["id_kind"], got["id_value"], bool(got["id_notation"])) == (kind, value, notation)


@pytest.mark.parametrize(
    "note, found",
    [
        ("Quốc tịch Hàn Quốc", "han quoc"),
        ("QT: Nhật Bản", "nhat ban"),
        ("Người Pháp", "phap"),
        ("người nước ngoài", "nuoc ngoai"),
        ("Quốc tịch Việt Nam", ""),
        ("người nhà đưa đi tiêm", ""),
        ("Thôn 3", ""),
        ("", ""),
        (None, ""),
    ],
)
def test_nationality_written_in_the_notes(note, found):
    from vaxrecon.normalize.demographics import nationality_from_note

    cfg = load_config()["normalize"]
    got = nationality_from_note(
        pd.Series([note], dtype=object), cfg["citizen_nationalities"], cfg["foreign_countries"]
    ).iloc[0]
    assert got == found
