"""What a Vietnamese user reads is Vietnamese: no English word (sheet, row, column, file, header…)
leaks into the Vietnamese side of the message table, and the header-not-found error says
"trang tính"."""

from __future__ import annotations

import logging
import re

import openpyxl
import pytest
from typer.testing import CliRunner

from vaxrecon.cli import app
from vaxrecon.text.table import MESSAGES

ENGLISH = re.compile(
    r"\b(?:sheets?|rows?|columns?|files?|headers?|cells?|lines?|errors?|warnings?|folders?|workbooks?"
    r"|records?|lists?|missing|found|empty|invalid|please)\b",
    re.IGNORECASE,
)
# Texts that are not words of a sentence: {placeholders}, --options, `commands`, 'quoted literals'
# (values to type, or the labels of a program's menu), file names and config keys (a.b).
_NOT_WORDS = re.compile(r"\{[^}]*\}|--[\w-]+|`[^`]*`|'[^']*'|\b\w+(?:\.\w+)+\b")
# Document texts that the ledger parses back from returned lists ('Sheet DS, dòng 12'): they
# change together with that parser (resolve.py), not here.
DOCUMENT_PLACES = {"doc.where", "doc.where_other_file", "col.sheet", "clean.xlsx.record"}


@pytest.mark.parametrize("key", sorted(set(MESSAGES) - DOCUMENT_PLACES))
def test_no_english_word_in_a_vietnamese_message(key):
    vi = _NOT_WORDS.sub(" ", MESSAGES[key][0])
    assert not ENGLISH.findall(vi), MESSAGES[key][0]


def test_the_header_not_found_error_is_vietnamese(tmp_path):
    wb = openpyxl.Workbook()
    wb.active.title = "DS"
    wb.active.append(["a", "b"])
    wb.active.append(["1", "2"])
    wb.save(tmp_path / "ds.xlsx")
    result = CliRunner().invoke(app, ["inspect", str(tmp_path / "ds.xlsx")])
    assert result.exit_code == 2
    assert "ds.xlsx, trang tính 'DS': không thấy dòng tiêu đề" in result.output
    assert "sheet" not in result.output.lower()


def test_reading_a_legacy_csv_prints_no_english_log_line(tmp_path, monkeypatch):
    monkeypatch.setattr(logging.root, "handlers", [])  # as outside pytest: Python's last-resort handler
    path = tmp_path / "ds.csv"  # Windows-1258 with a letter Vietnamese has not: said once, in Vietnamese
    path.write_bytes("Ho va ten;Năm sinh\nAn Straße;1980\n".encode("cp1258"))
    result = CliRunner().invoke(app, ["inspect", str(path)])
    assert result.exit_code == 0
    assert "not Vietnamese" not in result.output and "was read as" not in result.output
