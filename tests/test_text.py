"""The message table: every user-facing text has a Vietnamese and an English form, and every key the
package asks for exists."""

import datetime as dt
import re
import string
from pathlib import Path

import openpyxl
import pytest

from vaxrecon.documents.documents import (
    CORRECTION_COLUMNS,
    NON_CITIZEN_COLUMNS,
    POLICE_COLUMNS,
    VERIFIED_COLUMNS,
)
from vaxrecon.documents.returned import APPENDED
from vaxrecon.followup import TIMELINESS
from vaxrecon.normalize.qr import QR_FIELDS
from vaxrecon.reasons import Reason, Status
from vaxrecon.text import dmy, fill, is_lang, long_date, t
from vaxrecon.text.table import MESSAGES

PACKAGE = Path(__file__).resolve().parents[1] / "vaxrecon"


def _fields(text):
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_key_has_vietnamese_and_english_with_the_same_placeholders(key):
    vi, en = MESSAGES[key]
    assert vi.strip() and en.strip(), key
    assert _fields(vi) == _fields(en), key


def test_vietnamese_is_vietnamese():
    """Most entries differ between the languages, and Vietnamese entries carry Vietnamese letters."""
    same = [k for k, (vi, en) in MESSAGES.items() if vi == en]
    assert len(same) < 0.05 * len(MESSAGES), same
    marked = [k for k, (vi, _) in MESSAGES.items() if re.search(r"[à-ỹđĐÀ-Ỹ]", vi)]
    assert len(marked) > 0.7 * len(MESSAGES)


def test_every_key_the_package_asks_for_exists():
    used = set()
    for path in PACKAGE.rglob("*.py"):
        text = path.read_text("utf-8")
        used |= set(re.findall(r"""\b(?:t|text|fill)\(\s*["']([a-z_]+\.[A-Za-z0-9_.]+)["']""", text))
    assert used, "the scan must find the keys"
    assert not used - set(MESSAGES), used - set(MESSAGES)


def test_keys_built_from_data_exist():
    columns = {*VERIFIED_COLUMNS, *CORRECTION_COLUMNS, *NON_CITIZEN_COLUMNS, *POLICE_COLUMNS, *APPENDED}
    wanted = {f"col.{c}" for c in columns} | {f"qr.{f.removeprefix('qr_')}" for f in QR_FIELDS}
    wanted |= {f"timeliness.{x}" for x in TIMELINESS} | {"gender.M", "gender.F"}
    wanted |= {
        f"meta.{k}" for k in ("commune", "commune_code", "district", "province", "list_date", "unit", "title")
    }
    assert not wanted - set(MESSAGES), wanted - set(MESSAGES)


@pytest.mark.parametrize("member", [*Status, *Reason])
def test_status_and_reason_labels_have_both_languages(member):
    assert member.label("vi") and member.label("en") and member.label("vi") != member.value


def test_formatting_and_dates():
    import pandas as pd

    assert t("doc.rows_total", "vi", n=3) == "Tổng số: 3 người"
    assert t("doc.rows_total", "en", n=3) == "Total: 3 people"
    where = fill("doc.where", "vi", sheet=pd.Series(["DS"]), row=pd.Series([12]))
    assert where.tolist() == ["Sheet DS, dòng 12"]
    assert dmy("2021-11-05") == "05/11/2021" and dmy(None) == "" and dmy(dt.date(2021, 1, 2)) == "02/01/2021"
    assert long_date(dt.date(2021, 11, 6), "vi") == "ngày 06 tháng 11 năm 2021"
    assert is_lang("vi") and is_lang("en") and not is_lang("vn")


def test_no_duplicate_keys_in_the_table():
    """A key written twice in the table literal silently keeps only its last text."""
    import ast

    tree = ast.parse((PACKAGE / "text" / "table.py").read_text("utf-8"))
    table = next(n for n in ast.walk(tree) if isinstance(n, ast.Dict))
    keys = [k.value for k in table.keys if isinstance(k, ast.Constant)]
    assert len(keys) == len(set(keys)), sorted({k for k in keys if keys.count(k) > 1})


def test_keys_of_step4_and_explain_built_from_data_exist():
    from vaxrecon.matchers.blocking import RULES
    from vaxrecon.matchers.comparisons import LEVELS

    wanted = {f"rule.{r}" for r in RULES} | {f"explain.f_{f}" for f in ["prior", *LEVELS]}
    wanted |= {f"level.{level}" for levels in LEVELS.values() for level in levels}
    wanted |= {f"min.col_{s.value}" for s in Status}
    wanted |= {f"sig.state_{k}" for k in ("broken", "not_whole", "untrusted", "expired", "revoked")}
    wanted |= {f"sig.{w}" for w in ("why_disabled", "why_no_ledger", "why_unknown_lists")}
    wanted |= {f"hdr.kind_{k}" for k in ("text", "number", "date")}
    wanted |= {f"cfg.type_{k}" for k in ("bool", "int", "float", "str", "list", "dict")}
    assert not wanted - set(MESSAGES), wanted - set(MESSAGES)


def test_every_command_speaks_the_users_language():
    """Each command uses the class that words its usage line, help option and usage errors."""
    from vaxrecon.cli import app, config_app
    from vaxrecon.cli_words import Command, Group

    commands = [*app.registered_commands, *config_app.registered_commands]
    assert commands and all(c.cls is Command for c in commands)
    assert app.info.cls is Group and config_app.info.cls is Group


def test_a_phrase_is_said_in_the_readers_language():
    from vaxrecon.errors import NoHeaderError
    from vaxrecon.ingest.header import describe_rows

    seen = describe_rows([[], ["DANH SÁCH", "x"], [1, dt.date(2021, 1, 1)]])
    assert seen.text("vi") == "dòng 2: 2 ô chữ; dòng 3: 1 ô số, 1 ô ngày"
    assert seen.text("en") == "row 2: 2 text cells; row 3: 1 number cell, 1 date cell"
    error = NoHeaderError(key="err.no_header", file="ds.xlsx", sheet="DS", n=30, tried="Họ và tên", seen=seen)
    assert "row 2: 2 text cells" in str(error) and "dòng 2: 2 ô chữ" in error.text("vi")
    assert describe_rows([[None]]).text("vi") == "không có dòng nào có dữ liệu"


# --- a Vietnamese run speaks Vietnamese, an English run English (stdout and stderr) -------------------
ENGLISH = re.compile(
    r"\b(the|not|is|are|file|files|row|rows|cannot|must|does|missing|invalid|error|usage|try|such|"
    r"give|found|should|no|has|holds|takes|folder|value|option|argument|command)\b",
    re.IGNORECASE,
)
VIETNAMESE = re.compile(r"\b(không|của|tệp|dòng|lỗi|hãy|cần|thiếu|xem)\b", re.IGNORECASE)


def _words(output: str) -> str:
    """What the tool said, without what the user typed (paths, file names, options, quoted values) and
    the placeholders of usage lines (FILE, COMMAND, [OPTIONS])."""
    text = re.sub(r"'[^']*'|\"[^\"]*\"|[│╭╮╰╯─]", " ", output)
    return " ".join(w for w in text.split() if not re.search(r"[/.=\\]|^-|^\[|^\{|^[A-Z_]{2,}$", w))


def _error_cases(tmp_path, world):
    src = next((world / "lists").glob("*form.xlsx"))
    pop = world / "population.csv"
    (tmp_path / "not_extract.csv").write_text("a,b\n1,2\n", "utf-8")
    (tmp_path / "unknown.yaml").write_text("matchh: 1\n", "utf-8")
    (tmp_path / "broken.yaml").write_text("lang: [vi\n", "utf-8")
    (tmp_path / "empty").mkdir()
    book = openpyxl.Workbook()
    book.active.append(["Phụ lục 1", "x"])
    book.active.append([1, dt.date(2021, 1, 1)])
    book.save(tmp_path / "headless.xlsx")
    return {
        "list file missing": ["verify", tmp_path / "nope.xlsx", "-p", pop],
        "population not an extract": ["verify", src, "-p", tmp_path / "not_extract.csv"],
        "list without a header row": ["verify", tmp_path / "headless.xlsx", "-p", pop],
        "unknown setting": ["config", "show", "--config", tmp_path / "unknown.yaml"],
        "configuration not YAML": ["config", "show", "--config", tmp_path / "broken.yaml"],
        "bad --row": ["explain", src, "-p", pop, "--row", "abc"],
        "not a result folder": ["minutes", tmp_path / "empty", "--no-ledger"],
        "not a folder": ["check-signature", tmp_path / "nope"],
        "no certificate given": ["sign", tmp_path / "empty", "--no-ledger"],
        "not a QR payload": ["qr", "xyz"],
        "bad synth sizes": ["synth", "--out", tmp_path / "s", "--population", "0"],
        "bad --format": ["report", "--format", "pdf"],
        "missing argument": ["verify"],
        "missing option": ["explain", src],
        "not a whole number": ["verify", src, "--jobs", "abc"],
        "unknown option": ["verify", src, "--bogus"],
        "unknown command": ["nocmd"],
        "extra argument": ["qr", "a", "b"],
    }


CASES = [
    "list file missing",
    "population not an extract",
    "list without a header row",
    "unknown setting",
    "configuration not YAML",
    "bad --row",
    "not a result folder",
    "not a folder",
    "no certificate given",
    "not a QR payload",
    "bad synth sizes",
    "bad --format",
    "missing argument",
    "missing option",
    "not a whole number",
    "unknown option",
    "unknown command",
    "extra argument",
]


@pytest.mark.parametrize("case", CASES)
def test_errors_are_vietnamese_by_default_and_english_when_asked(case, tmp_path, world, monkeypatch):
    from typer.testing import CliRunner

    from vaxrecon.cli import app

    monkeypatch.delenv("VAXRECON_LANG", raising=False)
    args = [str(a) for a in _error_cases(tmp_path, world)[case]]
    runner = CliRunner()
    vi = runner.invoke(app, args)
    en = runner.invoke(app, args, env={"VAXRECON_LANG": "en"})
    assert vi.exit_code == en.exit_code == 2, (vi.output, en.output)
    said_vi, said_en = _words(vi.output), _words(en.output)
    assert VIETNAMESE.search(said_vi) and not ENGLISH.search(said_vi), said_vi
    assert ENGLISH.search(said_en) and not VIETNAMESE.search(said_en), said_en
    assert "Traceback" not in vi.output + en.output


def test_lang_option_beats_the_environment_for_usage_errors(monkeypatch):
    from typer.testing import CliRunner

    from vaxrecon.cli import app

    monkeypatch.delenv("VAXRECON_LANG", raising=False)
    result = CliRunner().invoke(app, ["qr", "a", "b", "--lang", "en"])
    assert result.exit_code == 2 and "Got unexpected extra argument(s) (b)." in result.output
    assert "Usage: vaxrecon qr" in result.output


def _printed(render, data, lang):
    import io

    from rich.console import Console

    page = Console(record=True, width=200, file=io.StringIO())
    render(page, data, lang)
    return page.export_text()


def test_follow_up_tables_speak_the_runs_language():
    """The overdue rows, the district overview and what resolve recorded: Vietnamese headers and
    words by default, English with en."""
    from vaxrecon.render import render_overdue, render_report, render_resolve

    row = {
        "list_id": 3,
        "file_name": "ds.xlsx",
        "sheet": "DS",
        "row": 12,
        "name": "Lê Văn Cường",
        "status": "review",
        "person_id": "058******456",
        "first_reported": "2021-11-06",
        "due": "2021-11-08",
        "age_days": 4,
    }
    overdue = {
        "count": 1,
        "as_of": "2021-11-10",
        "deadline_days": 2,
        "communes": [],
        "lists": [],
        "rows": [row],
    }
    district = {
        "schema": "vaxrecon.report.province/1",
        "as_of": "2021-11-10",
        "districts": [
            {"district": "Ninh Phước", "district_code": "593", "lists": 2, "rows": 9}
            | {"on_time": 1, "late": 0, "overdue": 1, "open_requests": 3}
        ],
        "communes": [],
        "unknown_metadata": [],
    }
    done = {
        "recorded": [{"id": 7, "list_id": 3, "sheet": "DS", "row": 12, "status": "verified"}],
        "problems": [],
        "decided_by": "Phan Văn Tâm",
        "decided_on": "2021-11-09",
    }
    vi = _printed(render_overdue, overdue, "vi") + _printed(render_report, district, "vi")
    vi += _printed(render_resolve, done, "vi")
    assert "Dòng còn mở quá hạn: 1" in vi and "hạn xử lý" in vi and "08/11/2021" in vi
    assert "quận/huyện" in vi and "Xem lại" in vi
    assert "Đã ghi quyết định 7: danh sách 3 DS:12 → Đã xác minh (Phan Văn Tâm, 09/11/2021)" in vi
    assert not ENGLISH.search(_words(vi)), _words(vi)
    en = _printed(render_overdue, overdue, "en") + _printed(render_report, district, "en")
    en += _printed(render_resolve, done, "en")
    assert "Rows open past their deadline: 1" in en and "district" in en and "Recorded decision 7" in en
