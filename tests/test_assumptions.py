"""What was assumed about a list is said, in the summary and summary.json, in plain words."""

import datetime as dt

import pytest
from conftest import TODAY
from sheets import GOV_FORM, save

from vaxrecon.pipeline import verify

POP = (
    "SO_DINH_DANH,HO_VA_TEN,NGAY_SINH,GIOI_TINH,MA_PX\n"
    "058080001234,Nguyễn Văn An,04/03/1980,Nam,{code}\n"
    "058175002345,Trần Thị Bình,15/07/1975,Nữ,{code}\n"
    "058050003456,Lê Văn Cường,1950,Nam,{code}\n"
)


@pytest.fixture
def pop(tmp_path):
    path = tmp_path / "pop.csv"
    path.write_text(POP.format(code="22894"), "utf-8")
    return path


def _codes(result, i=0):
    return [w["code"] for w in result.lists[i]["warnings"]]


def test_a_list_stating_everything_needs_no_warning(tmp_path, pop, cfg):
    result = verify([save(GOV_FORM, tmp_path / "form.xlsx")], pop, cfg, TODAY)
    assert _codes(result) == []


def test_no_list_date(tmp_path, pop, cfg):
    rows = [r for r in GOV_FORM if "Ngày lập" not in str(r) and "ngày 05 tháng" not in str(r)]
    result = verify([save(rows, tmp_path / "form.xlsx")], pop, cfg, TODAY)
    assert _codes(result) == ["no_list_date"]
    assert "không ghi ngày lập danh sách" in result.lists[0]["warnings"][0]["message"]
    assert "warnings" in result.summary()["lists"][0]


def test_options_contradicting_the_list(tmp_path, pop, cfg):
    path = save(GOV_FORM, tmp_path / "form.xlsx")
    result = verify([path], pop, cfg, TODAY, list_date=dt.date(2021, 11, 4), commune="22891")
    assert _codes(result) == ["list_date_contradicts", "commune_contradicts"]
    messages = [w["message"] for w in result.lists[0]["warnings"]]
    assert messages[0] == (
        "--list-date 04/11/2021 khác ngày lập ghi trong form.xlsx (05/11/2021); đã dùng 04/11/2021."
    )
    assert "Xã Phước Hữu" in messages[1] and "Xã Phước Hải" in messages[1]


def test_date_and_commune_from_the_file_name_and_row_codes(tmp_path, pop, cfg):
    rows = [
        ["DANH SÁCH ĐĂNG KÝ TIÊM"],
        ["STT", "Họ và tên", "Ngày sinh", "Số CCCD", "Mã xã"],
        [1, "Nguyễn Văn An", "04/03/1980", "058080001234", "22894"],
        [2, "Trần Thị Bình", "15/07/1975", "058175002345", "22891"],
        [3, "Lê Văn Cường", "1950", "", "22894"],
    ]
    result = verify([save(rows, tmp_path / "DS_22894_20211105.xlsx")], pop, cfg, TODAY)
    assert _codes(result) == ["list_date_from_name", "row_codes_differ"]
    assert (
        result.lists[0]["warnings"][1]["message"]
        == "1 dòng của DS_22894_20211105.xlsx ghi mã xã/phường khác 22894 (22891)."
    )


def test_an_extract_passed_as_a_list(tmp_path, pop, cfg):
    result = verify([pop], pop, cfg, TODAY)
    assert "extract_as_list" in _codes(result)


def test_rows_mostly_outside_the_stated_commune(world):
    from vaxrecon.config import load_config

    form = next((world / "lists").glob("*form.xlsx"))
    result = verify(
        [form], world / "population.csv", load_config(overrides={"lang": "en"}), TODAY, commune="22738"
    )
    assert _codes(result) == ["commune_contradicts", "mostly_outside"]
    assert result.lists[0]["warnings"][1]["message"].endswith(
        f"of the people verified in {form.name} are registered outside Phường Đô Vinh: "
        "check the list's commune."
    )
