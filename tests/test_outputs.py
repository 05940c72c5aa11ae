"""What verify hands back: files, workbook quality, returned copies, atomic writing."""

import json

import openpyxl
import pandas as pd
import pytest
from conftest import TODAY
from openpyxl.utils import get_column_letter
from sheets import GOV_FORM, save

from vaxrecon.documents.write import write_outputs
from vaxrecon.pipeline import verify
from vaxrecon.result import RESULT_COLUMNS


@pytest.fixture(scope="module")
def run(world, tmp_path_factory):
    from vaxrecon.config import load_config

    cfg = load_config()
    result = verify(sorted((world / "lists").iterdir()), world / "population.csv", cfg, TODAY)
    out = tmp_path_factory.mktemp("out") / "run"
    files = write_outputs(result, out, "vi")
    return result, out, files


def _lists(out):
    return sorted(p for p in out.iterdir() if p.is_dir() and p.name[:2].isdigit())


def test_files_written(run, world):
    result, out, files = run
    names = {f.name for f in files}
    assert {"results.csv", "summary.json", "noi_bo_cong_an"} <= names
    folders = _lists(out)
    assert len(folders) == len(result.lists) == len(list((world / "lists").iterdir()))
    for folder in folders:
        inside = {p.name for p in folder.iterdir()}
        assert {"verified.xlsx", "corrections.xlsx", "non_citizens.xlsx"} <= inside
        assert len([n for n in inside if n.endswith("_ket_qua.xlsx")]) == 1
        assert (out / "noi_bo_cong_an" / f"{folder.name}.xlsx").is_file()
    assert not [p for p in out.parent.iterdir() if p.name.startswith(".run.")]


def test_results_csv_is_the_contract(run):
    result, out, _ = run
    csv = pd.read_csv(out / "results.csv", dtype=str, keep_default_na=False)
    assert list(csv.columns) == RESULT_COLUMNS
    assert len(csv) == len(result.results)
    linked = csv[csv["person_id"] != ""]
    assert linked["person_id"].str.fullmatch(r"\d{12}").all()


def test_summary_json_equals_the_library_summary(run):
    result, out, _ = run
    assert json.loads((out / "summary.json").read_text("utf-8")) == json.loads(
        json.dumps(result.summary(), ensure_ascii=False, default=str)
    )


def _table(path):
    """The sheet, its header row number and header texts, and its data rows (up to the total)."""
    ws = openpyxl.load_workbook(path).active
    top = next(r for r in range(1, 20) if ws.cell(r, 1).value in ("STT", "No."))
    header = [c.value for c in ws[top]]
    end = next(
        r
        for r in range(top + 1, ws.max_row + 2)
        if ws.cell(r, 1).data_type != "n" or ws.cell(r, 1).value is None
    )
    return ws, top, header, [[c.value for c in ws[r]] for r in range(top + 1, end)]


def _list_rows(result, i):
    sizes = [len(lr.records) for lr in result.reads]
    start = sum(sizes[:i])
    return result.results.iloc[start : start + sizes[i]]


def test_verified_workbook_titles_headers_numbers_and_text_ids(run):
    result, out, _ = run
    folder = _lists(out)[0]
    ws, top, header, rows = _table(folder / "verified.xlsx")
    assert ws["A4"].value == "DANH SÁCH ĐÃ XÁC MINH" and ws["A1"].value.startswith("CÔNG AN")
    assert header[:3] == ["STT", "Họ tên (CSDLQG)", "Ngày sinh (CSDLQG)"]
    assert ws.freeze_panes == f"A{top + 1}" and ws.auto_filter.ref.startswith(f"A{top}")
    assert [r[0] for r in rows] == list(range(1, len(rows) + 1))  # STT are numbers
    pid_col = header.index("Số định danh cá nhân") + 1
    ids = [ws.cell(r, pid_col) for r in range(top + 1, top + 1 + len(rows))]
    assert ids and all(c.data_type == "s" and len(c.value) == 12 for c in ids)
    mine = _list_rows(result, 0)
    first = mine["duplicate_of"] == ""
    assert len(ids) == (mine["status"].isin(["verified", "needs_correction"]) & first).sum()


def test_corrections_and_non_citizens(run):
    result, out, _ = run
    for i, folder in enumerate(_lists(out)):
        mine = _list_rows(result, i)
        ws, top, header, rows = _table(folder / "corrections.xlsx")
        assert ws["A4"].value.startswith("YÊU CẦU BỔ SUNG")
        wanted = mine["status"].isin(["needs_correction", "incomplete", "not_found", "review"]) | (
            mine["duplicate_of"] != ""
        )
        assert len(rows) == wanted.sum()
        req = header.index("Nội dung cần bổ sung, điều chỉnh")
        assert all(r[req] for r in rows)
        ws, top, header, rows = _table(folder / "non_citizens.xlsx")
        assert len(rows) == ((mine["status"] == "non_citizen") & (mine["duplicate_of"] == "")).sum()


def _cells(path):
    return [
        str(c.value)
        for ws in openpyxl.load_workbook(path).worksheets
        for row in ws.iter_rows()
        for c in row
        if c.value is not None
    ]


def test_each_list_gets_only_its_own_people(run):
    result, out, _ = run
    for i, folder in enumerate(_lists(out)):
        mine = _list_rows(result, i)
        others = result.results.drop(index=mine.index)
        own = set(mine["person_id"]) | set(mine["id_value"])  # people registered in both lists included
        foreign = set(others["person_id"]) | set(others["id_value"]) - own - {""}
        text = "\n".join(c for f in folder.iterdir() for c in _cells(f))
        assert not [x for x in foreign - own - {""} if x in text], folder.name
        title = result.lists[i]["commune"].upper()
        assert openpyxl.load_workbook(folder / "corrections.xlsx").active["A1"].value == f"CÔNG AN {title}"


NAMESAKES = (
    "SO_DINH_DANH,HO_VA_TEN,NGAY_SINH,GIOI_TINH,MA_PX\n"
    "058080001234,Nguyễn Văn An,04/03/1980,Nam,22894\n"
    "058080009876,Nguyễn Văn An,11/09/1980,Nam,22894\n"
    "058175002345,Trần Thị Bình,15/07/1975,Nữ,22894\n"
)


def test_station_documents_hold_no_candidates_and_police_workbook_does(tmp_path, cfg):
    rows = [r[:] for r in GOV_FORM]
    rows[8][2], rows[8][4] = 1980, None  # Nguyễn Văn An, born 1980, no ID: two namesakes fit
    pop = tmp_path / "pop.csv"
    pop.write_text(NAMESAKES, "utf-8")
    result = verify([save(rows, tmp_path / "form.xlsx")], pop, cfg, TODAY)
    row = result.results.iloc[0]
    assert row["status"] == "review" and "058080009876" in row["candidates"]
    write_outputs(result, tmp_path / "out", "vi")
    folder = _lists(tmp_path / "out")[0]
    for f in folder.iterdir():
        text = "\n".join(_cells(f))
        for secret in (
            "058080001234",
            "058080009876",
            "04/03/1980",
            "11/09/1980",
            "Công an xác minh",
            "Người có thể trùng",
            "Có nhiều người phù hợp",
        ):
            assert secret not in text, (f.name, secret)
    ws, top, header, data = _table(folder / "corrections.xlsx")
    request = data[0][header.index("Nội dung cần bổ sung, điều chỉnh")]
    assert request.startswith("Chưa đủ căn cứ để xác minh: đề nghị bổ sung số định danh cá nhân")
    police = "\n".join(_cells(tmp_path / "out" / "noi_bo_cong_an" / f"{folder.name}.xlsx"))
    assert "058080009876" in police and "058080001234" in police and "Người có thể trùng (CSDLQG)" in police
    assert "không gửi Trạm Y tế" in police


def test_documents_print_on_a4_landscape_with_header_rows_and_page_numbers(run):
    _, out, _ = run
    for path in [*_lists(out)[0].glob("*.xlsx"), *(out / "noi_bo_cong_an").iterdir()]:
        if path.name.endswith("_ket_qua.xlsx"):
            continue
        ws, top, header, rows = _table(path)
        assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9, path.name
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth in (1, None)
        assert ws.page_setup.fitToHeight == 0
        assert ws.print_title_rows == f"${top}:${top}"
        assert "&P" in ws.oddFooter.center.text and f"{len(rows)}" in ws.oddFooter.center.text
        width = sum(ws.column_dimensions[get_column_letter(c)].width for c in range(1, len(header) + 1))
        assert width < (220 if "noi_bo" in str(path) else 180), (path.name, width)  # was ~260 characters
        assert all(ws.cell(top + 1, c).alignment.wrap_text for c in range(2, len(header) + 1)) or not rows


def test_confirmation_block_and_row_count(run, tmp_path, cfg):
    result, out, _ = run
    text = _cells(_lists(out)[0] / "corrections.xlsx")
    assert any(c.startswith("XÁC NHẬN CỦA CÔNG AN") for c in text)
    assert any(c.startswith("Tổng số: ") and c.endswith(" người") for c in text)
    assert any("ngày 06 tháng 11 năm 2021" in c for c in text)
    mine = {
        **cfg,
        "documents": {
            "officer": "Đại úy Trần Văn Bảo",
            "officer_title": "PHÓ TRƯỞNG CÔNG AN",
            "place": "Phan Rang",
        },
    }
    write_outputs(result, tmp_path / "o", "vi", cfg=mine)
    text = _cells(_lists(tmp_path / "o")[0] / "verified.xlsx")
    assert "Đại úy Trần Văn Bảo" in text and "PHÓ TRƯỞNG CÔNG AN" in text
    assert "Phan Rang, ngày 06 tháng 11 năm 2021" in text


def test_two_lists_with_the_same_file_name_get_two_folders(tmp_path, cfg, world):
    src = next((world / "lists").glob("*form.xlsx"))
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "DS.xlsx").write_bytes(src.read_bytes())
    result = verify(
        [tmp_path / "a" / "DS.xlsx", tmp_path / "b" / "DS.xlsx"], world / "population.csv", cfg, TODAY
    )
    write_outputs(result, tmp_path / "out", "vi")
    assert [p.name for p in _lists(tmp_path / "out")] == ["01_DS", "02_DS"]
    for folder in _lists(tmp_path / "out"):
        back = openpyxl.load_workbook(folder / "DS_ket_qua.xlsx").active
        assert back.max_row == openpyxl.load_workbook(src).active.max_row


def test_english_labels(world, tmp_path, cfg):
    result = verify([next((world / "lists").glob("*form.xlsx"))], world / "population.csv", cfg, TODAY)
    write_outputs(result, tmp_path / "en", "en")
    ws, _, header, _ = _table(_lists(tmp_path / "en")[0] / "verified.xlsx")
    assert ws["A4"].value == "VERIFIED LIST" and "Personal ID" in header
    assert (tmp_path / "en" / "police_only").is_dir()


def test_formula_like_text_is_never_a_formula(tmp_path, cfg):
    """Inputs typed as text that starts with = + - @ stay text in every output (the returned copy
    keeps the list's own real formulas, such as numbering, as they were)."""
    rows = [r[:] for r in GOV_FORM]
    rows[8][1] = '=HYPERLINK("http://x","An")'
    rows[9][5] = "+84 thôn"
    rows[11][5] = "@Thôn 2"
    src = save(rows, tmp_path / "evil.xlsx")
    wb = openpyxl.load_workbook(src)  # typed text that looks like a formula, not a real formula
    for ref in ("B9", "G12"):
        cell = wb.active[ref]
        cell.value, cell.data_type = str(cell.value or "=1+1"), "s"
    wb.save(src)
    pop = tmp_path / "pop.csv"
    pop.write_text(
        "SO_DINH_DANH,HO_VA_TEN,NGAY_SINH,GIOI_TINH\n058175002345,Trần Thị Bình,15/07/1975,Nữ\n", "utf-8"
    )
    result = verify([src], pop, cfg, TODAY)
    write_outputs(result, tmp_path / "out", "vi")
    for f in (tmp_path / "out").rglob("*.xlsx"):
        if f.suffix == ".xlsx":
            for ws in openpyxl.load_workbook(f).worksheets:
                for row in ws.iter_rows():
                    for c in row:
                        assert c.data_type != "f", (f.name, c.coordinate, c.value)


def test_returned_copy_keeps_title_rows_and_rows(world, run):
    _, out, _ = run
    src = next((world / "lists").glob("*form.xlsx"))
    back = openpyxl.load_workbook(next(out.glob(f"*/{src.stem}_ket_qua.xlsx"))).active
    orig = openpyxl.load_workbook(src).active
    assert back.max_row == orig.max_row
    assert [c.value for c in back[1]][:5] == [c.value for c in orig[1]][:5]
    header_row = next(r for r in range(1, 15) if orig.cell(r, 1).value == "STT")
    assert back.cell(header_row, orig.max_column + 1).value == "Kết quả xác minh"
    assert back.cell(header_row + 2, orig.max_column + 1).value  # first data row has a status
    assert back.merged_cells.ranges


def test_xls_comes_back_as_xlsx(run, world):
    _, out, _ = run
    src = next((world / "lists").glob("*.xls"))
    back = openpyxl.load_workbook(next(out.glob(f"*/{src.stem}_ket_qua.xlsx"))).active
    assert back.cell(7, 28).value == "Kết quả xác minh" or back.cell(8, 28).value == "Kết quả xác minh"


def test_an_interrupted_write_leaves_nothing(run, tmp_path, monkeypatch):
    result, _, _ = run
    import vaxrecon.documents.write as write

    def boom(*_a, **_k):
        raise OSError("disk full")

    monkeypatch.setattr(write, "write_returned", boom)
    with pytest.raises(OSError):
        write_outputs(result, tmp_path / "partial", "vi")
    assert not (tmp_path / "partial").exists()
    assert list(tmp_path.iterdir()) == []


def test_existing_output_folder_is_refused(run, tmp_path):
    from vaxrecon.errors import InputError

    result, _, _ = run
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "keep.txt").write_text("x")
    with pytest.raises(InputError, match="not empty"):
        write_outputs(result, tmp_path / "full", "vi")
    assert (tmp_path / "full" / "keep.txt").read_text() == "x"


def test_template_is_read_without_any_mapping(tmp_path, cfg):
    from vaxrecon.documents.template import write_template
    from vaxrecon.ingest.lists import read_list

    path = write_template(tmp_path / "mau.xlsx", "vi")
    wb = openpyxl.load_workbook(path)
    ws = wb["Danh sách"]
    assert ws.data_validations.dataValidation and ws.freeze_panes == "A8"
    ws.append(
        [
            1,
            "Nguyễn Văn An",
            "04/03/1980",
            "Nam",
            "058080001234",
            "Việt Nam",
            "Thôn 1",
            "0905123456",
            "1",
            None,
        ]
    )
    wb.save(path)
    lr = read_list(path, cfg)
    assert [c.field for c in lr.sheets[0].header.columns][:5] == ["seq", "name", "dob", "gender", "id_number"]
    assert lr.records["id_number"].tolist() == ["058080001234"]
    assert lr.sheets[1].problem  # the instruction sheet is not a list


def test_template_refuses_to_overwrite_and_writes_xlsx_only(tmp_path):
    from vaxrecon.documents.template import write_template
    from vaxrecon.errors import InputError

    path = write_template(tmp_path / "mau.xlsx", "en")
    before = path.read_bytes()
    with pytest.raises(InputError) as exists:
        write_template(path, "vi")
    assert exists.value.text("vi").startswith("Tệp ") and "không ghi đè" in exists.value.text("vi")
    assert path.read_bytes() == before
    with pytest.raises(InputError, match=r"\.xlsx"):
        write_template(tmp_path / "mau.xls", "vi")
    with pytest.raises(InputError, match="does not exist"):
        write_template(tmp_path / "missing" / "mau.xlsx", "vi")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mau.xlsx"]
    assert openpyxl.load_workbook(path).sheetnames == ["List", "Instructions"]


def test_errors_speak_the_users_language():
    from vaxrecon.errors import InputError

    e = InputError(key="err.out_not_empty", folder="out")
    assert str(e) == "The output folder out already exists and is not empty; choose another --out."
    assert e.text("vi") == "Thư mục kết quả out đã có và không trống; hãy chọn --out khác."
    assert InputError("plain").text("vi") == "plain"


def test_station_documents_match_golden(tmp_path, cfg):
    """Every cell of one small list's documents, as the station and the police receive them.
    Regenerate after an intended change with: UPDATE_GOLDEN=1 pytest tests/test_outputs.py"""
    import os
    from pathlib import Path

    rows = [r[:] for r in GOV_FORM]
    rows[8][2], rows[8][4] = 1980, None  # a year and no ID: two namesakes fit (review)
    rows.append([4, "Trần Thị Bình", "15/07/1975", "Nữ", "058175002345", "Thôn 1", None])  # twice
    pop = tmp_path / "pop.csv"
    pop.write_text(NAMESAKES, "utf-8")
    result = verify([save(rows, tmp_path / "DS_22894_20211105.xlsx")], pop, cfg, TODAY)
    write_outputs(result, tmp_path / "out", "vi")
    got = {
        str(f.relative_to(tmp_path / "out")): _cells(f)
        for f in sorted((tmp_path / "out").rglob("*.xlsx"))
        if not f.name.endswith("_ket_qua.xlsx")
    }
    golden = Path(__file__).parent / "golden" / "station_documents.json"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", "utf-8")
    assert got == json.loads(golden.read_text("utf-8"))
