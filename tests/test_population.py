"""Extracts as they really come (issue 10 §3): repeated IDs, rows without an ID, UTF-16, no rows."""

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from vaxrecon.config import load_config
from vaxrecon.errors import InputError
from vaxrecon.ingest.population import read_population
from vaxrecon.pipeline import verify
from vaxrecon.synth.people import make_people

TODAY = dt.date(2021, 11, 6)
HEADER = ["SO_DINH_DANH", "HO_VA_TEN", "NGAY_SINH", "GIOI_TINH", "MA_PX", "THON_XOM"]
HUNG = ["058060001234", "NGUYỄN VĂN HÙNG", "05/11/1960", "Nam", "22894", "Thôn 1"]
LAN = ["058185004321", "TRẦN THỊ LAN", "12/03/1985", "Nữ", "22894", "Thôn 2"]
OTHER_ON_LANS_ID = ["058185004321", "PHẠM THỊ MAI", "01/01/1970", "Nữ", "22894", "Thôn 3"]
NO_ID = ["", "LÊ VĂN TÁM", "08/08/1948", "Nam", "22894", "Thôn 4"]


def write(tmp_path, rows, name="pop.csv", encoding="utf-8", filler=0):
    """An extract of ``rows`` and ``filler`` synthetic people of the province."""
    people = make_people(np.random.default_rng(1), filler, "Ninh Thuận", load_config()["synth"], TODAY)
    more = pd.DataFrame(
        {
            "SO_DINH_DANH": people["person_id"],
            "HO_VA_TEN": people["name"],
            "NGAY_SINH": pd.to_datetime(people["dob"]).dt.strftime("%d/%m/%Y"),
            "GIOI_TINH": people["gender"].map({"M": "Nam", "F": "Nữ"}),
            "MA_PX": people["commune_code"],
            "THON_XOM": people["village"],
        }
    )
    path = tmp_path / name
    pd.concat([pd.DataFrame(rows, columns=HEADER), more]).to_csv(path, index=False, encoding=encoding)
    return path


def test_repeats_are_collapsed_and_conflicts_reported_masked(tmp_path):
    path = write(tmp_path, [HUNG, LAN, HUNG, OTHER_ON_LANS_ID, NO_ID, NO_ID[:1] + ["LÊ THỊ BA"] + NO_ID[2:]])
    frame = read_population(path, load_config(), TODAY)
    report = frame.attrs["repeated_ids"]
    assert len(frame) == 5  # the second HÙNG row is the same record exported twice
    assert report["exact_repeats_collapsed"] == 1 and report["conflicting_ids"] == 1
    assert report["conflicting_rows"] == 2 and report["rows_without_id"] == 2
    assert report["conflicting_examples"] == [{"id": "058******321", "data_rows": [2, 4]}]
    assert frame.loc[frame["person_id"] == "058185004321", "id_conflict"].all()


def _list(tmp_path, rows):
    path = tmp_path / "DS_22894_20211105.csv"
    pd.DataFrame(rows, columns=["Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD"]).to_csv(path, index=False)
    return path


@pytest.mark.parametrize(
    "listed, status, person",
    [
        # an ID two different people carry is no evidence: the name and date decide
        (["Trần Thị Lan", "12/03/1985", "Nữ", "058185004321"], "verified", "058185004321"),
        (["Phạm Văn Tuấn", "02/02/2002", "Nam", "058185004321"], "not_found", ""),
        # a person the extract holds without an ID is still found by name and birth date
        (["Lê Văn Tám", "08/08/1948", "Nam", ""], "needs_correction", ""),
    ],
)
def test_conflicting_ids_never_link_alone_and_rows_without_id_still_match(tmp_path, listed, status, person):
    pop = write(tmp_path, [HUNG, LAN, OTHER_ON_LANS_ID, NO_ID], filler=5000)
    res = verify([_list(tmp_path, [listed])], pop, load_config(), TODAY).results.iloc[0]
    assert (res["status"], res["person_id"]) == (status, person), res["reasons"]


@pytest.mark.parametrize(
    "name, rows, encoding, words",
    [
        ("u16.csv", [HUNG], "utf-16", "UTF-16"),
        ("empty.csv", [], "utf-8", "no people"),
    ],
)
def test_unreadable_extracts_are_one_sentence(tmp_path, name, rows, encoding, words):
    with pytest.raises(InputError, match=words):
        read_population(write(tmp_path, rows, name, encoding), load_config(), TODAY)
