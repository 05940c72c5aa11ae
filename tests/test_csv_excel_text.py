"""A CSV cell written ="058080000001" (how web exports keep an ID's leading zero in Excel, which
shows it as 058080000001) reads as the text Excel shows, by the careful and the fast reader."""

from __future__ import annotations

import pandas as pd
import pytest

from vaxrecon.ingest.doses import read_csv_fast, read_doses
from vaxrecon.ingest.lists import read_list

TEXT = (
    "Họ và tên;Ngày sinh;Số CCCD;Điện thoại\r\n"
    'Nguyễn Văn An;01/02/1980;="058080000001";="0912345678"\r\n'
    '"Lê Thị Bình";1975;"=""058175000002""";\r\n'
    'Trần Văn "Cường";1976;="";=SUM(1;2)\r\n'
)


def test_excel_text_cells_read_as_their_text(tmp_path, cfg):
    path = tmp_path / "ds.csv"
    path.write_text(TEXT, "utf-8")
    records = read_list(path, cfg).records
    assert records["id_number"].tolist() == ["058080000001", "058175000002", ""]
    assert records["phone"].tolist() == ["0912345678", "", "=SUM(1"]  # only ="…" is unwrapped


QUOTED = 'Họ và tên;Ngày sinh;Số CCCD;Mũi số\r\n"Lê Thị Bình";1975;"=""058175000002""";"=""1"""\r\n'


@pytest.mark.parametrize("text", [TEXT.replace("Điện thoại", "Mũi số"), QUOTED])
def test_the_fast_reader_reads_them_alike(tmp_path, cfg, text):
    path = tmp_path / "doses.csv"
    path.write_text(text, "utf-8")
    fast = read_doses([path], cfg, fast=True).doses
    careful = read_doses([path], cfg, fast=False).doses
    pd.testing.assert_frame_equal(fast, careful)
    assert "058175000002" in careful["id_number"].tolist()
    if text == QUOTED:  # every quotation mark around a whole cell: the fast reader reads it
        assert read_csv_fast(path, cfg) is not None
