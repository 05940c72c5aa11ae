"""What verify hands back: files, workbook quality, returned copies, atomic writing."""

import json

import openpyxl
import pandas as pd
import pytest
from conftest import TODAY
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


def test_files_written(run, world):
    _, out, files = run
    names = {f.name for f in files}
    assert {"results.csv", "summary.json", "verified.xlsx", "corrections.xlsx", "non_citizens.xlsx"} <= names
    returned = [n for n in names if n.endswith("_ket_qua.xlsx")]
    assert len(returned) == len(list((world / "lists").iterdir()))
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
        json.dumps(result.summary(), ensure_ascii=False, default=str))


def _table(path, title_rows=6):
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    return ws, [c.value for c in ws[title_rows]]


def test_verified_workbook_titles_headers_and_text_ids(run):
    result, out, _ = run
    ws, header = _table(out / "verified.xlsx")
    assert ws["A2"].value == "DANH SÁCH ĐÃ XÁC MINH"
    assert header[:3] == ["STT", "Kết quả xác minh", "Họ tên (danh sách)"]
    assert ws.freeze_panes == "A7" and ws.auto_filter.ref.startswith("A6")
    pid_col = header.index("Số định danh cá nhân") + 1
    ids = [ws.cell(r, pid_col) for r in range(7, ws.max_row + 1)]
    assert ids and all(c.data_type == "s" and len(c.value) == 12 for c in ids)
    assert len(ids) == result.results["status"].isin(["verified", "needs_correction"]).sum()


def test_corrections_and_non_citizens(run):
    result, out, _ = run
    ws, header = _table(out / "corrections.xlsx")
    assert ws["A2"].value.startswith("YÊU CẦU BỔ SUNG")
    wanted = result.results["status"].isin(["needs_correction", "incomplete", "not_found", "review"]).sum()
    assert ws.max_row - 6 == wanted
    req = header.index("Nội dung cần bổ sung, điều chỉnh") + 1
    assert all(ws.cell(r, req).value for r in range(7, ws.max_row + 1))
    ws, header = _table(out / "non_citizens.xlsx")
    assert ws.max_row - 6 == (result.results["status"] == "non_citizen").sum()


def test_english_labels(world, tmp_path, cfg):
    result = verify([next((world / "lists").glob("*form.xlsx"))], world / "population.csv", cfg, TODAY)
    write_outputs(result, tmp_path / "en", "en")
    ws, header = _table(tmp_path / "en" / "verified.xlsx")
    assert ws["A2"].value == "VERIFIED LIST" and "Personal ID" in header


def test_formula_like_text_is_never_a_formula(tmp_path, cfg):
    """Inputs typed as text that starts with = + - @ stay text in every output (the returned copy
    keeps the list's own real formulas, such as numbering, as they were)."""
    rows = [r[:] for r in GOV_FORM]
    rows[8][1] = "=HYPERLINK(\"http://x\",\"An\")"
    rows[9][5] = "+84 thôn"
    rows[11][5] = "@Thôn 2"
    src = save(rows, tmp_path / "evil.xlsx")
    wb = openpyxl.load_workbook(src)  # typed text that looks like a formula, not a real formula
    for ref in ("B9", "G12"):
        cell = wb.active[ref]
        cell.value, cell.data_type = str(cell.value or "=1+1"), "s"
    wb.save(src)
    pop = tmp_path / "pop.csv"
    pop.write_text("SO_DINH_DANH,HO_VA_TEN,NGAY_SINH,GIOI_TINH\n058175002345,Trần Thị Bình,15/07/1975,Nữ\n",
                   "utf-8")
    result = verify([src], pop, cfg, TODAY)
    files = write_outputs(result, tmp_path / "out", "vi")
    for f in files:
        if f.suffix == ".xlsx":
            for ws in openpyxl.load_workbook(f).worksheets:
                for row in ws.iter_rows():
                    for c in row:
                        assert c.data_type != "f", (f.name, c.coordinate, c.value)


def test_returned_copy_keeps_title_rows_and_rows(world, run):
    _, out, _ = run
    src = next((world / "lists").glob("*form.xlsx"))
    back = openpyxl.load_workbook(out / f"{src.stem}_ket_qua.xlsx").active
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
    back = openpyxl.load_workbook(out / f"{src.stem}_ket_qua.xlsx").active
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
    ws.append([1, "Nguyễn Văn An", "04/03/1980", "Nam", "058080001234", "Việt Nam", "Thôn 1",
               "0905123456", "1", None])
    wb.save(path)
    lr = read_list(path, cfg)
    assert [c.field for c in lr.sheets[0].header.columns][:5] == ["seq", "name", "dob", "gender", "id_number"]
    assert lr.records["id_number"].tolist() == ["058080001234"]
    assert lr.sheets[1].problem  # the instruction sheet is not a list
