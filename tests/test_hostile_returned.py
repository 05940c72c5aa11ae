"""The returned copy of an .xlsx/.xlsm list holds only the parts the workbook uses (what its
relationships reach, without macros), each read within the size limits: a part nothing refers to is
never copied, and a file changed into a bomb after it was read is refused without inflating it."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from hostile_files import good_xlsx, repack

from vaxrecon.config import load_config
from vaxrecon.documents.returned import write_returned
from vaxrecon.errors import InputError
from vaxrecon.ingest.lists import read_list
from vaxrecon.workflow import run_job

VBA_REL = (
    b'<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" '
    b'Target="vbaProject.bin"/>'
)
MACRO_BOOK = b"application/vnd.ms-excel.sheet.macroEnabled.main+xml"
PLAIN_BOOK = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"


@pytest.fixture
def pop(tmp_path):
    pop = tmp_path / "pop.csv"
    pop.write_text("SO_DINH_DANH,HO_VA_TEN,NGAY_SINH\n058085000123,Phan Văn Hải,1985\n", "utf-8")
    return pop


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def _returned(out: Path) -> Path:
    (copy,) = out.glob("01_*/*_ket_qua.xlsx")
    return copy


def test_parts_nothing_refers_to_are_not_copied(tmp_path, pop):
    good = good_xlsx(tmp_path / "good.xlsx")
    junk = {"xl/media/unused.bin": os.urandom(300_000), "customXml/item9.xml": b"<x>secret</x>"}
    lst = repack(good, tmp_path / "DS.xlsx", replace=junk)
    run_job([lst], pop, load_config(), out_dir=tmp_path / "out")
    source, copy = _parts(lst), _parts(_returned(tmp_path / "out"))
    assert not set(junk) & set(copy)
    assert set(copy) == set(source) - set(junk)  # every part the workbook uses is still there
    for name in set(copy) - {"xl/worksheets/sheet1.xml"}:
        assert copy[name] == source[name], name  # byte for byte, except the patched sheet
    ws = openpyxl.load_workbook(_returned(tmp_path / "out")).active
    assert ws.max_column > openpyxl.load_workbook(lst).active.max_column


def test_a_macro_workbook_comes_back_as_a_plain_workbook(tmp_path, pop):
    good = good_xlsx(tmp_path / "good.xlsx")
    src = _parts(good)
    rels, types = src["xl/_rels/workbook.xml.rels"], src["[Content_Types].xml"]
    macro = {
        "xl/vbaProject.bin": b"\xd0\xcf\x11\xe0 macros",
        "xl/_rels/workbook.xml.rels": rels.replace(b"</Relationships>", VBA_REL + b"</Relationships>"),
        "[Content_Types].xml": types.replace(PLAIN_BOOK, MACRO_BOOK).replace(
            b"</Types>",
            b'<Override PartName="/xl/vbaProject.bin" ContentType="application/vnd.ms-office.vbaProject"/>'
            b"</Types>",
        ),
    }
    lst = repack(good, tmp_path / "DS.xlsm", replace=macro)
    assert MACRO_BOOK in _parts(lst)["[Content_Types].xml"]
    run_job([lst], pop, load_config(), out_dir=tmp_path / "out")
    copy = _parts(_returned(tmp_path / "out"))
    assert "xl/vbaProject.bin" not in copy
    assert b"vbaProject" not in copy["xl/_rels/workbook.xml.rels"] + copy["[Content_Types].xml"]
    assert PLAIN_BOOK in copy["[Content_Types].xml"] and MACRO_BOOK not in copy["[Content_Types].xml"]
    assert openpyxl.load_workbook(_returned(tmp_path / "out")).active.max_row > 5


def test_a_list_changed_into_a_bomb_after_it_was_read_is_refused_within_the_limits(tmp_path):
    cfg = load_config()
    lst = good_xlsx(tmp_path / "DS.xlsx")
    read = read_list(lst, cfg)
    repack(lst, tmp_path / "bomb.xlsx", bombs={"xl/worksheets/sheet1.xml": 50}).replace(lst)
    rows = pd.DataFrame(
        columns=["sheet", "row", "status_label", "station_reasons", "person_id", "duplicate_text"]
    )
    limits = {**cfg["read"]["limits"], "max_part_mb": 5}
    (tmp_path / "out").mkdir()
    with pytest.raises(InputError, match="changed after it was read"):
        write_returned(read, rows, pd.Series(dtype=str), tmp_path / "out", "en", limits)
