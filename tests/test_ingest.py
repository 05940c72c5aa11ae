import csv
import datetime as dt

import pandas as pd
import pytest
from conftest import SHARED_DATA
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sheets import GOV_FORM, NAM_NU, NAM_NU_MERGES, save

from vaxrecon.errors import InputError, NoHeaderError
from vaxrecon.ingest.lists import read_list, read_sheet
from vaxrecon.ingest.population import read_population, read_population_raw
from vaxrecon.ingest.workbook import Grid
from vaxrecon.normalize.records import normalize_records

TODAY = dt.date(2021, 11, 6)


def test_government_form_rows_metadata_and_footer(tmp_path, cfg):
    lr = read_list(save(GOV_FORM, tmp_path / "form.xlsx"), cfg)
    sheet = lr.sheets[0]
    assert sheet.header.row == 6 and sheet.header.height == 1
    assert sheet.records["row"].tolist() == [9, 10, 12]
    assert sheet.records["name"].tolist() == ["Nguyễn Văn An", "TRẦN THỊ BÌNH", "Le Van Cuong"]
    reasons = dict(zip(sheet.skipped["row"], sheet.skipped["reason"], strict=True))
    assert reasons[8] == "row_column_numbers" and reasons[11] == "row_blank"
    assert reasons[13] == "row_total"
    assert {reasons[r] for r in (15, 16, 17, 18)} == {"row_signature"}
    meta = lr.metadata
    assert meta["commune"] == "Xã Phước Hải" and meta["list_date"] == dt.date(2021, 11, 5)
    assert meta["unit"] == "UBND XÃ PHƯỚC HẢI" and meta["title"].startswith("DANH SÁCH")
    assert meta["commune_code"] == "22894" and meta["province"] == "Tỉnh Ninh Thuận"


def test_commune_names_that_repeat_are_resolved_within_the_province(tmp_path, cfg):
    rows = [["UBND XÃ QUẢNG SƠN"], ["Họ và tên", "Ngày sinh"], ["Nguyễn Văn An", "04/03/1980"]]
    path = save(rows, tmp_path / "qs.xlsx")
    assert read_list(path, cfg).metadata["commune_code"] == ""
    assert read_list(path, cfg, province="Tỉnh Ninh Thuận").metadata["commune_code"] == "22819"


def test_every_row_below_the_header_is_a_record_or_skipped_with_reason(tmp_path, cfg):
    sheet = read_list(save(GOV_FORM, tmp_path / "form.xlsx"), cfg).sheets[0]
    below = set(range(8, len(GOV_FORM) + 1))
    assert set(sheet.records["row"]) | set(sheet.skipped["row"]) == below
    assert not set(sheet.records["row"]) & set(sheet.skipped["row"])
    assert (sheet.skipped["reason"] != "").all()


def test_numbers_and_date_cells_normalise(tmp_path, cfg):
    rec = read_list(save(GOV_FORM, tmp_path / "form.xlsx"), cfg).records
    norm = normalize_records(rec, cfg, TODAY)
    assert norm["id_value"].tolist() == ["058080001234", "058175002345", ""]
    assert "id_leading_zeros_restored" in norm["norm_reasons"][0]
    assert norm["dob"].tolist() == ["04/03/1980", "15/07/1975", "1950"]
    assert norm["dob_precision"].tolist() == ["day", "day", "year"]
    assert norm["gender"].tolist() == ["M", "F", "M"]


def test_two_row_header_with_nam_nu_birth_columns(tmp_path, cfg):
    lr = read_list(save(NAM_NU, tmp_path / "namnu.xlsx", merges=NAM_NU_MERGES), cfg)
    sheet = lr.sheets[0]
    assert sheet.header.height == 2
    fields = {c.field for c in sheet.header.columns}
    assert {"dob@M", "dob@F", "name", "id_number", "address"} <= fields
    norm = normalize_records(sheet.records, cfg, TODAY)
    assert norm["gender"].tolist() == ["M", "F"]
    assert norm["dob"].tolist() == ["1948", "12/05/1960"]
    assert sheet.skipped["reason"].tolist() == ["row_section_heading"]
    assert sheet.records["section"].tolist() == ["KHU PHỐ 1", "KHU PHỐ 1"]
    assert lr.metadata["commune"] == "Phường Đô Vinh" and lr.metadata["commune_code"] == "22738"


def test_nam_nu_columns_without_merge_information(tmp_path, cfg):
    path = tmp_path / "namnu.csv"
    path.write_text("Họ và tên,Năm sinh,,CCCD\n,Nam,Nữ,\nNguyễn Văn An,1950,,058050001111\n", "utf-8")
    sheet = read_list(path, cfg).sheets[0]
    assert [c.field for c in sheet.header.columns] == ["name", "dob@M", "dob@F", "id_number"]
    assert sheet.records["gender_from_column"].tolist() == ["M"]


def test_two_row_header_without_merge_information(tmp_path, cfg):
    path = tmp_path / "flat.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh, delimiter=";")
        w.writerows(
            [
                ["Họ và tên", "Ngày sinh", "Số CCCD", "Nơi ở", "", ""],
                ["", "", "", "Tỉnh/Thành phố", "Quận/Huyện", "Xã/Phường"],
                ["Nguyễn Văn An", "04/03/1980", "058080001234", "Ninh Thuận", "Ninh Hải", "Tri Hải"],
            ]
        )
    sheet = read_list(path, cfg).sheets[0]
    assert sheet.header.height == 2
    assert [c.field for c in sheet.header.columns][3:] == ["province", "district", "commune"]
    assert sheet.records["row"].tolist() == [3]


@pytest.mark.parametrize(
    "first",
    [
        [
            "1",
            "",
            "",
            "Nam",
            "",
            "058091904167|263495137|TRẦN VĂN AN|20021991|Nam|Khu phố 4|19042021",
            "0832202046",
        ],
        ["1", "", "", "Nam", "058 091 904 167", "", ""],
        ["1", "", "02/04/1963", "Nữ", "", "", "Khu phố 1"],
        ["1", "", "", "Nam", "", "", "Khu phố 4"],
    ],
)
def test_a_first_data_row_with_a_blank_name_is_not_a_second_header_row(tmp_path, cfg, first):
    """The QR layout's first row may hold only the scanned code: it is a record, not a sub-header."""
    path = tmp_path / "qr.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(
            [
                ["STT", "Họ tên", "Ngày sinh", "Giới tính", "Số định danh cá nhân", "Mã QR", "SĐT"],
                first,
                ["2", "Phan Thị Hà", "02/04/1963", "nữ", "058163307966", "", "0930242825"],
            ]
        )
    sheet = read_list(path, cfg).sheets[0]
    assert sheet.header.height == 1
    assert sheet.records["row"].tolist() == [2, 3]


@pytest.mark.skipif(
    not (SHARED_DATA / "mau_nhap_doi_tuong_tiem_PL1.xls").exists(),
    reason="shared reference template not present",
)
def test_national_platform_template_header(cfg):
    sheet = read_list(SHARED_DATA / "mau_nhap_doi_tuong_tiem_PL1.xls", cfg).sheets[0]
    fields = [c.field for c in sheet.header.columns]
    assert sheet.header.row == 6 and sheet.header.height == 2
    assert fields[:4] == ["seq", "name", "dob", "gender"]
    assert {
        "province_code",
        "district_code",
        "commune_code",
        "village",
        "address",
        "dose1_vaccine",
        "dose1_date",
        "dose1_lot",
        "dose1_site",
        "dose2_vaccine",
        "dose2_date",
        "dose2_site",
    } <= set(fields)
    assert len(sheet.records) == 0


def test_platform_layout_written_by_synth_reads_every_field(world, cfg):
    path = next((world / "lists").glob("*platform.xls"))
    lr = read_list(path, cfg)
    norm = normalize_records(lr.records, cfg, TODAY)
    assert set(norm["gender"]) <= {"M", "F"}
    assert (lr.records["dose1_vaccine"].fillna("") != "").any()
    assert lr.metadata["commune_code"] != ""


def test_sheets_hidden_and_instructions(tmp_path, cfg):
    rows = [["Họ và tên", "Ngày sinh", "CCCD"], ["Nguyễn Văn An", "04/03/1980", "058080001234"]]
    path = save(
        [["Hướng dẫn: điền mỗi người một dòng"]],
        tmp_path / "multi.xlsx",
        sheet="Hướng dẫn",
        extra={"Thôn 1": rows, "Ẩn": rows},
        hidden=("Ẩn",),
    )
    lr = read_list(path, cfg)
    assert [s.sheet for s in lr.sheets] == ["Hướng dẫn", "Thôn 1"]
    assert lr.sheets[0].problem and len(lr.records) == 1
    assert len(read_list(path, cfg, sheet="Ẩn").records) == 1
    with pytest.raises(InputError, match="no sheet named"):
        read_list(path, cfg, sheet="Không có")


def test_repeated_header_and_map_override(tmp_path, cfg):
    rows = [
        ["Tên người tiêm", "Ngày sinh", "CCCD"],
        ["Nguyễn Văn An", "04/03/1980", "058080001234"],
        ["Tên người tiêm", "Ngày sinh", "CCCD"],
        ["Trần Thị Bình", "15/07/1975", "058175002345"],
    ]
    path = save(rows, tmp_path / "map.xlsx")
    with pytest.raises(NoHeaderError, match="--map"):
        read_list(path, cfg)
    sheet = read_list(path, cfg, overrides={"name": "Tên người tiêm"}).sheets[0]
    assert sheet.records["name"].tolist() == ["Nguyễn Văn An", "Trần Thị Bình"]
    assert sheet.skipped["reason"].tolist() == ["row_repeated_header"]


def test_list_without_birth_date_or_id_is_refused(tmp_path, cfg):
    with pytest.raises(InputError, match="neither a birth-date nor an ID"):
        read_list(save([["Họ và tên", "Thôn"], ["Nguyễn Văn An", "Thôn 1"]], tmp_path / "x.xlsx"), cfg)


cell = st.one_of(
    st.none(),
    st.text(max_size=12),
    st.integers(0, 10**12),
    st.sampled_from(["Tổng cộng", "Người lập biểu", "(1)", "Thôn 3", "Nam", ""]),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(cell, min_size=0, max_size=5), max_size=25))
def test_property_rows_become_records_or_skips(body):
    from vaxrecon.config import load_config

    cfg = load_config()
    grid = Grid("S", [["Họ và tên", "Ngày sinh", "Số CCCD", "Giới tính", "Thôn"]] + body)
    sheet = read_sheet(grid, "h.xlsx", cfg)
    records, skipped = set(sheet.records["row"]), set(sheet.skipped["row"])
    first = sheet.header.row + sheet.header.height + 1
    assert sheet.header.row == 0 and first <= 3
    assert not records & skipped
    assert records | skipped == set(range(first, len(body) + 2))


def test_population_csv_headers_and_old_cmnd(tmp_path, cfg):
    path = tmp_path / "pop.csv"
    path.write_text(
        "\ufeffSO_CMND,SO_DINH_DANH,HO_VA_TEN,NGAY_SINH,GIOI_TINH,MA_PX\n"
        "264123456,058085000123,TRẦN VĂN BÌNH,1985-02-03,Nam,22864\n",
        "utf-8",
    )
    pop = read_population(path, cfg, TODAY)
    assert pop.loc[0, "person_id"] == "058085000123" and pop.loc[0, "cmnd"] == "264123456"
    assert pop.loc[0, "dob"] == "03/02/1985" and pop.loc[0, "commune_code"] == "22864"


def test_population_parquet_and_xlsx(tmp_path, cfg):
    frame = pd.DataFrame(
        {"SO_DINH_DANH": ["058085000123"], "HO_VA_TEN": ["Trần Văn Bình"], "NGAY_SINH": ["03/02/1985"]}
    )
    frame.to_parquet(tmp_path / "pop.parquet")
    save([list(frame.columns), list(frame.iloc[0])], tmp_path / "pop.xlsx")
    for name in ("pop.parquet", "pop.xlsx"):
        assert read_population_raw(tmp_path / name, cfg)["id_number"].tolist() == ["058085000123"]


def test_population_legacy_encoding(tmp_path, cfg):
    path = tmp_path / "pop.csv"
    path.write_bytes(
        "SO_DINH_DANH,HO_VA_TEN,NGAY_SINH\n058085000123,Tran Van Binh \xe9,1985\n".encode("latin-1")
    )
    assert read_population_raw(path, cfg)["name"].str.startswith("Tran").all()


def test_population_needs_the_key_columns(tmp_path, cfg):
    path = tmp_path / "pop.csv"
    path.write_text("A,B\n1,2\n", "utf-8")
    with pytest.raises(InputError, match="SO_DINH_DANH"):
        read_population_raw(path, cfg)
