"""Cells merged down over several data rows (a village written once for its people) hold their
value on every row they cover, as Excel shows it; merges across columns stay as they are."""

from __future__ import annotations

import datetime as dt

from sheets import save

from vaxrecon.ingest.lists import read_list

HEADER = ["STT", "Thôn", "Họ và tên", "Ngày sinh", "Số CCCD"]


def test_a_village_merged_down_is_every_rows_village(tmp_path, cfg):
    rows = [
        ["DANH SÁCH ĐĂNG KÝ TIÊM"],
        HEADER,
        [1, "Thôn 1", "Nguyễn Văn An", dt.datetime(1980, 3, 4), "058080001234"],
        [2, None, "Trần Thị Bình", "15/07/1975", "058175002345"],
        [3, None, "Lê Văn Cường", 1950, "058050003456"],
        [4, "Thôn 2", "Phạm Thị Dung", 1990, "058190004567"],
        [5, None, "Hồ Văn Em", 1991, "058091005678"],
        [6, None, "Võ Thị Gấm", 1992, "058192006789"],
    ]
    path = save(rows, tmp_path / "ds.xlsx", merges=("B3:B5", "B6:B7"))  # B8 is not merged: stays empty
    records = read_list(path, cfg).records
    assert records["village"].fillna("").tolist() == ["Thôn 1"] * 3 + ["Thôn 2"] * 2 + [""]
    assert records["name"].tolist() == [r[2] for r in rows[2:]]


def test_a_heading_merged_across_the_columns_is_still_a_heading(tmp_path, cfg):
    rows = [
        HEADER,
        ["I. Thôn 1"],
        [1, None, "Nguyễn Văn An", 1980, "058080001234"],
        ["II. Thôn 2"],
        [2, None, "Trần Thị Bình", 1975, "058175002345"],
    ]
    path = save(rows, tmp_path / "ds.xlsx", merges=("A2:E2", "A4:E4"))
    read = read_list(path, cfg)
    assert read.records["name"].tolist() == ["Nguyễn Văn An", "Trần Thị Bình"]
    assert read.sheets[0].skipped["row"].tolist() == [2, 4]
