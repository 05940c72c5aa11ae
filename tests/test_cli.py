"""The command line: help for every command, exit codes, one-sentence errors, JSON output."""

import json

import openpyxl
import pytest
from sheets import GOV_FORM, save
from typer.testing import CliRunner

from vaxrecon.cli import app

runner = CliRunner()
COMMANDS = [
    "verify",
    "inspect",
    "explain",
    "qr",
    "synth",
    "template",
    "report",
    "overdue",
    "batch",
    "config",
    "resolve",
    "minutes",
    "sign",
    "check-signature",
    "clean",
]


def invoke(*args):
    return runner.invoke(app, [str(a) for a in args])


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command):
    result = invoke(command, "--help")
    assert result.exit_code == 0 and "Cách dùng" in result.output


def test_every_command_is_registered_and_documented_in_the_readme():
    from pathlib import Path

    registered = {c.name or c.callback.__name__ for c in app.registered_commands}
    registered |= {g.name for g in app.registered_groups}
    assert registered == set(COMMANDS)
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text("utf-8")
    for command in COMMANDS:
        assert f"vaxrecon {command}" in readme, command


def test_version():
    from vaxrecon import __version__

    assert invoke("--version").output.strip() == __version__


def bad_files(tmp_path):
    not_sheet = tmp_path / "notes.xlsx"
    not_sheet.write_text("just text", "utf-8")
    truncated = tmp_path / "cut.xlsx"
    data = (save(GOV_FORM, tmp_path / "ok.xlsx")).read_bytes()
    truncated.write_bytes(data[: len(data) // 2])
    locked = tmp_path / "locked.xlsx"
    locked.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    empty_sheet = save([], tmp_path / "empty.xlsx")
    no_header = save([["a", "b"], ["1", "2"]], tmp_path / "noheader.xlsx")
    no_keys = save([["Họ và tên", "Thôn"], ["Nguyễn Văn An", "Thôn 1"]], tmp_path / "nokeys.xlsx")
    zero = tmp_path / "zero.xlsx"
    zero.write_bytes(b"")
    odd = tmp_path / "list.pdf"
    odd.write_bytes(b"%PDF")
    return {
        "missing": (tmp_path / "nope.xlsx", "does not exist"),
        "not a spreadsheet": (not_sheet, "could not be opened"),
        "truncated": (truncated, "could not be opened"),
        "password": (locked, "password-protected"),
        "empty sheet": (empty_sheet, "no data"),
        "no header": (no_header, "no header row"),
        "no dob or id": (no_keys, "neither a birth-date nor an ID"),
        "zero bytes": (zero, "is empty"),
        "wrong kind": (odd, "not a file vaxrecon can read"),
    }


@pytest.mark.parametrize(
    "case",
    [
        "missing",
        "not a spreadsheet",
        "truncated",
        "password",
        "empty sheet",
        "no header",
        "no dob or id",
        "zero bytes",
        "wrong kind",
    ],
)
def test_bad_input_is_one_sentence_exit_2_and_nothing_written(tmp_path, case):
    path, message = bad_files(tmp_path)[case]
    pop = tmp_path / "pop.csv"
    pop.write_text("SO_DINH_DANH,HO_VA_TEN,NGAY_SINH\n058085000123,A,1985\n", "utf-8")
    out = tmp_path / "out"
    result = invoke("verify", path, "--population", pop, "--out", out, "--lang", "en")
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert "Traceback" not in result.output
    assert len([ln for ln in result.output.strip().splitlines() if ln.strip()]) <= 3
    assert not out.exists()
    inspected = invoke("inspect", path, "--lang", "en")
    assert inspected.exit_code == 2 and message in inspected.output
    vietnamese = invoke("inspect", path)
    assert vietnamese.exit_code == 2 and vietnamese.output.startswith("Lỗi: ")


@pytest.mark.parametrize("command", ["verify", "clean"])
@pytest.mark.parametrize("case", ["missing", "folder", "zero bytes"])
def test_a_bad_population_file_is_the_users_error(tmp_path, command, case):
    listed = save(GOV_FORM, tmp_path / "ok.xlsx")
    pop = {"missing": tmp_path / "nope.csv", "folder": tmp_path, "zero bytes": tmp_path / "zero.csv"}[case]
    (tmp_path / "zero.csv").write_bytes(b"")
    result = invoke(command, listed, "--population", pop, "--out", tmp_path / "out", "--no-ledger")
    assert result.exit_code == 2, result.output
    assert result.output.startswith("Lỗi: ") and "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_a_bad_list_is_refused_before_the_extract_is_read(tmp_path, monkeypatch):
    import vaxrecon.pipeline as pipeline

    monkeypatch.setattr(pipeline, "load_extract", lambda *a: pytest.fail("the extract was read first"))
    listed = save(GOV_FORM, tmp_path / "ok.xlsx")
    result = invoke(
        "verify", listed, tmp_path, "-p", tmp_path / "pop.csv", "--out", tmp_path / "o", "--no-ledger"
    )
    assert result.exit_code == 2 and result.output.startswith("Lỗi: ") and "thư mục" in result.output


def test_debug_shows_the_traceback(tmp_path):
    result = invoke("--debug", "inspect", tmp_path / "nope.xlsx")
    assert result.exit_code != 0 and result.exception is not None


def test_verify_json_equals_summary_and_fail_on(world, tmp_path):
    lists = sorted((world / "lists").iterdir())
    out = tmp_path / "o"
    result = invoke(
        "verify", *lists, "-p", world / "population.csv", "--out", out, "--json", "--today", "2021-11-06"
    )
    assert result.exit_code == 0, result.output
    printed = json.loads(result.output)
    assert printed == json.loads((out / "summary.json").read_text("utf-8"))
    failing = invoke(
        "verify",
        *lists,
        "-p",
        world / "population.csv",
        "--out",
        tmp_path / "o2",
        "--quiet",
        "--fail-on",
        "not_found,review",
        "--today",
        "2021-11-06",
    )
    assert failing.exit_code == 3 and failing.output == ""
    bad = invoke("verify", *lists, "-p", world / "population.csv", "--fail-on", "lost")
    assert bad.exit_code == 2 and "--fail-on" in bad.output


def test_verify_warns_about_sheets_it_could_not_read(world, tmp_path):
    multi = next((world / "lists").glob("*multi_sheet.xlsx"))
    result = invoke(
        "verify",
        multi,
        "-p",
        world / "population.csv",
        "--out",
        tmp_path / "o",
        "--no-ledger",
        "--today",
        "2021-11-06",
    )
    assert result.exit_code == 0
    assert "Không đọc trang tính 'Hướng dẫn'" in result.output


def test_verify_needs_a_population(world):
    result = invoke("verify", next((world / "lists").iterdir()))
    assert result.exit_code == 2 and "population" in result.output


def test_population_from_config_file(world, tmp_path):
    cfg = tmp_path / "c.yaml"
    cfg.write_text(f"population: {world / 'population.csv'}\nlang: en\n", "utf-8")
    result = invoke(
        "verify",
        next((world / "lists").glob("*form.xlsx")),
        "--config",
        cfg,
        "--out",
        tmp_path / "o",
        "--today",
        "2021-11-06",
    )
    assert result.exit_code == 0, result.output
    verified = next((tmp_path / "o").glob("01_*/verified.xlsx"))
    assert openpyxl.load_workbook(verified).active["A4"].value == "VERIFIED LIST"


def test_inspect_json_equals_the_library(tmp_path, cfg):
    from conftest import TODAY

    from vaxrecon.inspection import inspect_files

    path = save(GOV_FORM, tmp_path / "form.xlsx")
    result = invoke("inspect", path, "--json", "--today", "2021-11-06")
    assert result.exit_code == 0
    assert json.loads(result.output) == json.loads(
        json.dumps(inspect_files([path], cfg, TODAY), default=str, ensure_ascii=False)
    )
    text = invoke("inspect", path)
    assert "Dòng tiêu đề ở dòng 7" in text.output and "Dòng tổng cộng" in text.output


def test_qr_command():
    ok = invoke("qr", "001098012345||NGUYỄN VĂN B|01012000|Nữ|Hà Nội|01012022", "--json")
    assert ok.exit_code == 0 and json.loads(ok.output)["qr_name"] == "NGUYỄN VĂN B"
    bad = invoke("qr", "hello")
    assert bad.exit_code == 2 and "không phải nội dung mã QR" in bad.output
    english = invoke("qr", "hello", "--lang", "en")
    assert english.exit_code == 2 and english.output.startswith("Error: That text is not a CCCD QR payload")
    table = invoke("qr", "001098012345||NGUYỄN VĂN B|01012000|Nữ|Hà Nội|01012022")
    assert "Họ và tên" in table.output and "Ngày cấp" in table.output


def test_config_show_and_bad_config(tmp_path):
    shown = invoke("config", "show")
    assert shown.exit_code == 0 and "link_threshold" in shown.output
    bad = tmp_path / "bad.yaml"
    bad.write_text("matchh: 1\n", "utf-8")
    result = invoke("config", "show", "--config", bad)
    assert result.exit_code == 2 and "Không có thiết lập nào tên 'matchh'" in result.output


def test_explain_shows_the_waterfall(world):
    src = next((world / "lists").glob("*form.xlsx"))
    import pandas as pd

    truth = pd.read_csv(world / "truth.csv", dtype=str, keep_default_na=False)
    row = truth[(truth["file"] == src.name) & (truth["true_class"] == "match")].iloc[0]
    result = invoke(
        "explain",
        src,
        "-p",
        world / "population.csv",
        "--row",
        f"{row['sheet']}:{row['row']}",
        "--json",
        "--today",
        "2021-11-06",
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    best = report["candidates"][0]
    assert best["person_id"] == row["person_id"]
    fields = ["prior", "id", "name", "dob", "gender", "commune", "village"]
    assert [s["field"] for s in best["steps"]] == fields
    assert abs(sum(s["weight"] for s in best["steps"]) - best["total_weight"]) < 0.01
    missing = invoke("explain", src, "-p", world / "population.csv", "--row", "Nope:99999")
    assert missing.exit_code == 2 and "không có dòng dữ liệu Nope:99999" in missing.output


def test_synth_command(tmp_path):
    result = invoke(
        "synth", "--out", tmp_path / "s", "--population", 500, "--lists", 1, "--rows", 30, "--json"
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["list_rows"] == 30 and (tmp_path / "s" / "truth.csv").exists()


@pytest.mark.parametrize(
    "command", [("verify", "x.xlsx"), ("template", "t.xlsx"), ("inspect", "x.xlsx"), ("report",), ("qr", "x")]
)
def test_lang_refuses_unknown_values(command, tmp_path):
    result = invoke(*command, "--lang", "vn")
    assert result.exit_code == 2 and "--lang nhận vi hoặc en, không nhận 'vn'" in result.output
    assert not (tmp_path / "t.xlsx").exists()


def test_vaxrecon_lang_env_chooses_english(monkeypatch, tmp_path):
    monkeypatch.setenv("VAXRECON_LANG", "en")
    assert invoke("qr", "hello").output.startswith("Error: That text")
    assert invoke("template", tmp_path / "t.xlsx").exit_code == 0
    assert openpyxl.load_workbook(tmp_path / "t.xlsx").sheetnames == ["List", "Instructions"]
    monkeypatch.setenv("VAXRECON_LANG", "fr")
    assert invoke("template", tmp_path / "u.xlsx").exit_code == 2


def test_template_command_refuses_overwrite_and_other_suffixes(tmp_path):
    assert invoke("template", tmp_path / "mau.xlsx").exit_code == 0
    again = invoke("template", tmp_path / "mau.xlsx")
    assert again.exit_code == 2 and "không ghi đè" in again.output
    csv = invoke("template", tmp_path / "mau.csv")
    assert csv.exit_code == 2 and ".xlsx" in csv.output and not (tmp_path / "mau.csv").exists()


def test_dates_typed_day_first_are_accepted(world, tmp_path):
    form = next((world / "lists").glob("*form.xlsx"))
    args = (form, "-p", world / "population.csv", "--no-ledger", "--json", "--list-date", "05/11/2021")
    result = invoke("verify", *args, "--today", "06/11/2021", "--out", tmp_path / "o")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert summary["run_date"] == "2021-11-06" and summary["lists"][0]["list_date"] == "2021-11-05"
    bad = invoke("verify", *args, "--today", "31/02/2021", "--out", tmp_path / "o2")
    assert bad.exit_code == 2 and "--today phải là ngày dạng dd/mm/yyyy" in bad.output


def test_verify_help_lists_fail_on_statuses_and_real_metavars():
    text = runner.invoke(app, ["verify", "--help"], env={"COLUMNS": "200"}).output
    for status in ("verified", "needs_correction", "review", "not_found", "non_citizen", "incomplete"):
        assert status in text
    options = [line for line in text.splitlines() if "--" in line and "--help" not in line]
    assert options and not [line for line in options if "<" in line]
    assert "FOLDER" in text and "DATE" in text and "Ví dụ: vaxrecon verify" in text


def test_report_out_into_a_missing_folder_and_table_to_a_file(tmp_path):
    ledger = tmp_path / "l.sqlite"
    from vaxrecon.ledger.db import connect

    connect(ledger).close()
    missing = invoke("report", "--ledger", ledger, "--format", "json", "--out", tmp_path / "nope" / "r.json")
    assert missing.exit_code == 2 and "không tồn tại" in missing.output
    assert not (tmp_path / "nope").exists()
    table = invoke("report", "--ledger", ledger, "--format", "table", "--out", tmp_path / "r.txt")
    assert table.exit_code == 0, table.output
    assert "Tổng hợp toàn tỉnh" in (tmp_path / "r.txt").read_text("utf-8")


def test_officer_named_under_the_confirmation_block(world, tmp_path):
    form = next((world / "lists").glob("*form.xlsx"))
    result = invoke(
        "verify",
        form,
        "-p",
        world / "population.csv",
        "--no-ledger",
        "-q",
        "--out",
        tmp_path / "o",
        "--officer",
        "Trung tá Lê Văn Hùng",
        "--officer-title",
        "TRƯỞNG CÔNG AN PHƯỜNG",
    )
    assert result.exit_code == 0, result.output
    ws = openpyxl.load_workbook(next((tmp_path / "o").glob("01_*/corrections.xlsx"))).active
    cells = [c.value for row in ws.iter_rows() for c in row if c.value]
    assert "Trung tá Lê Văn Hùng" in cells and "TRƯỞNG CÔNG AN PHƯỜNG" in cells
