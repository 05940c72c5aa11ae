"""The record rule (a row with a name and a key value is a record without further tests) is
stated once, in ``ingest/lists.py``, and the fast CSV dose reader applies that same rule: it reads
a file only when every row below the header passes it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from vaxrecon.ingest import lists
from vaxrecon.ingest.doses import read_csv_fast, read_doses

INGEST = Path(lists.__file__).parent


@pytest.mark.parametrize("path", sorted(INGEST.glob("*.py")), ids=lambda p: p.name)
def test_no_module_borrows_a_private_name_of_the_list_reader(path):
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module == "vaxrecon.ingest.lists":
            private = [a.name for a in node.names if a.name.startswith("_")]
            assert not private, f"{path.name}, line {node.lineno}: {private}"


@pytest.mark.parametrize(
    ("id_cell", "dob_cell", "record"),
    [
        ("058080000001", "01/02/1980", True),
        ("058 080 000 001", "", True),  # spaced ID, no birth date
        ("5.8080E+10", "", True),  # an ID Excel turned into a number
        ("AB 1234567", "", True),  # a passport-like ID
        ("", "1980", True),  # a birth year alone
        ("", "01-02-1980 00:00:00", True),
        ("không có", "", False),  # neither key: the careful reader examines the row further
        ("", "", False),
        ("12345", "", False),  # too short for an ID
    ],
)
def test_the_fast_reader_reads_only_rows_the_rule_calls_records(tmp_path, cfg, id_cell, dob_cell, record):
    path = tmp_path / "doses.csv"
    path.write_text(
        f"Họ và tên,Ngày sinh,Số CCCD,Mũi số\nNguyễn Văn An,01/02/1980,058080000001,1\n"
        f"Lê Thị Bình,{dob_cell},{id_cell},2\n",
        "utf-8",
    )
    assert (read_csv_fast(path, cfg) is not None) is record
    careful = read_doses([path], cfg, fast=False).doses
    assert careful["name"].tolist() == ["Nguyễn Văn An", "Lê Thị Bình"]  # no row lost either way
