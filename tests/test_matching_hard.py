"""Issue 13: the rows a police officer would verify, against a realistic commune (a synthetic
province extract of 20,000 people plus named households), table-driven."""

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from vaxrecon.config import load_config
from vaxrecon.matchers.comparisons import LEVELS, compare, matching_frame
from vaxrecon.matchers.decide import match_block
from vaxrecon.matchers.scoring import build_model
from vaxrecon.normalize.records import normalize_records
from vaxrecon.synth.people import make_people

TODAY = dt.date(2021, 11, 6)
HERE = {"commune_code": "22894", "village": "Thôn 2"}  # Xã Phước Hải, Huyện Ninh Phước
A = {"name": "Nguyễn Thị Chi", "dob": "12/10/2008", "gender": "Nữ", "id_number": "058308001111", **HERE}
RELATIVE = {
    "name": "Nguyễn Văn Tâm",
    "dob": "03/04/1975",
    "gender": "Nam",
    "id_number": "058075002222",
    **HERE,
}
ELDER = {"name": "Chamaléa Thị Sáu", "dob": "29/05/1942", "gender": "Nữ", "id_number": "058142003333", **HERE}
NAMESAKES = [
    {"name": "Lê Thị Dung", "dob": f"0{d}/0{d}/1936", "gender": "Nữ", "id_number": f"05813600444{d}", **HERE}
    for d in (2, 3)
]
TWINS = [
    {"name": "Đàng Văn Hùng", "dob": "01/02/1990", "gender": "Nam", "id_number": "058090005555", **HERE},
    {"name": "Đàng Văn Hưng", "dob": "01/02/1990", "gender": "Nam", "id_number": "058090006666", **HERE},
]
TYPO = {"name": "Nguyễn Văn Tân", "dob": "17/06/1988", "gender": "Nam", "id_number": "058088007777", **HERE}
# A namesake born nine years earlier on the same day and month (one digit of the date apart).
TOAN = [
    {"name": "Nguyễn Minh Toàn", "dob": "16/11/1979", "gender": "Nam", "id_number": "058079008888", **HERE},
    {"name": "Nguyễn Toàn", "dob": "16/11/1970", "gender": "Nam", "id_number": "058070009999", **HERE},
]
NAMED = [A, RELATIVE, ELDER, *NAMESAKES, *TWINS, TYPO, *TOAN]


def norm(rows: list[dict]) -> pd.DataFrame:
    return normalize_records(pd.DataFrame(rows, dtype=object), load_config(), TODAY)


@pytest.fixture(scope="module")
def world():
    cfg = load_config()
    people = make_people(np.random.default_rng(7), 20_000, "Ninh Thuận", cfg["synth"], TODAY)
    filler = pd.DataFrame(
        {
            "name": people["name"],
            "dob": pd.to_datetime(people["dob"]).dt.strftime("%d/%m/%Y"),
            "gender": people["gender"].map({"M": "Nam", "F": "Nữ"}),
            "id_number": people["person_id"],
            # the extract names units and gives no code: resolved with the 2021 table
            "commune": people["commune"],
            "district": people["district"],
            "province": people["province"],
            "village": people["village"],
        }
    )
    raw = pd.concat([pd.DataFrame(NAMED, dtype=object), filler], ignore_index=True)
    ext = normalize_records(raw, cfg, TODAY)
    ext["person_id"] = ext["id_value"].where(ext["id_kind"] == "cccd", "")
    mf = matching_frame(ext)
    return mf, build_model(mf, cfg)


def decide(world, rows: list[dict]) -> pd.DataFrame:
    ext, model = world
    return match_block(norm(rows), ext, model, load_config()).outcomes


def test_commune_names_and_addresses_resolve_to_codes_on_both_sides():
    listed = norm(
        [
            {"name": "X", "commune": "Phước Hải", "province": "Ninh Thuận"},
            {"name": "X", "address": "Thôn 3, Xã Phước Hải, Huyện Ninh Phước, Tỉnh Ninh Thuận"},
            {"name": "X", "address": "Khu phố 1, Phường Đô Vinh, Phan Rang-Tháp Chàm, Ninh Thuận"},
            {"name": "X", "commune_code": "22894", "commune": "Đô Vinh"},  # a code wins
            {"name": "X", "commune": "Phước Hải"},
        ]
    )  # three communes share this name
    assert listed["commune_code"].tolist() == ["22894", "22894", "22738", "22894", ""]
    registered = norm(
        [
            {
                "name": "X",
                "commune": "Xã Phước Hải",
                "district": "Huyện Ninh Phước",
                "province": "Tỉnh Ninh Thuận",
            }
        ]
    )
    registered["person_id"] = ""
    level = compare(matching_frame(listed.iloc[[1]]), matching_frame(registered))["commune"].iloc[0]
    assert LEVELS["commune"][level] == "agree"


ID = {"id_number": ""}


@pytest.mark.parametrize(
    "row, status, person, reason",
    [
        # §2 exact name and full birth date, no ID, one candidate, commune and gender agree
        ({**A, **ID}, "needs_correction", A["id_number"], "id_missing"),
        # §3 birth year only, no ID, the only person of that name and year in the commune
        ({**ELDER, **ID, "dob": 1942}, "needs_correction", ELDER["id_number"], "id_missing"),
        (
            {**ELDER, **ID, "dob": 1942, "name": "Cha Ma Léa Thị Sáu"},
            "needs_correction",
            ELDER["id_number"],
            "name_order_differs",
        ),
        # ... but a namesake of the same year lives there too
        ({**NAMESAKES[0], **ID, "dob": 1936}, "review", "", "ambiguous_candidates"),
        # §4 a relative's ID (same address), name and birth date exact: linked, the ID to correct
        (
            {**A, "id_number": RELATIVE["id_number"]},
            "needs_correction",
            A["id_number"],
            "id_belongs_to_relative",
        ),
        # ... unless the ID holder's name is close too (twins whose names differ by one mark)
        ({**TWINS[0], "id_number": TWINS[1]["id_number"]}, "review", "", "id_belongs_to_other_person"),
        # ... and a namesake whose birth date is only close does not stop the ID holder's link
        ({**TOAN[0], "name": "Nguyễn Toàn"}, "needs_correction", TOAN[0]["id_number"], "name_middle_dropped"),
        # §5 one slip in one syllable, birth date exact, same commune
        ({**TYPO, **ID, "name": "Ngiyễn Văn Tân"}, "needs_correction", TYPO["id_number"], "name_typo"),
        ({**TYPO, **ID, "name": "Nugyễn Văn Tân"}, "needs_correction", TYPO["id_number"], "name_typo"),
        ({**TYPO, **ID, "name": "Nguyeenx Văn Tân"}, "needs_correction", TYPO["id_number"], "name_typo"),
        # §6 foreigners the list does not mark as such
        (
            {"name": "John Smith", "dob": "01/01/1980", "id_number": "123456789"},
            "non_citizen",
            "",
            "name_not_vietnamese",
        ),
        (
            {"name": "Pierre Martin", "dob": "01/01/1975", "id_number": ""},
            "non_citizen",
            "",
            "name_not_vietnamese",
        ),
        (
            {"name": "Kim Min Jun", "dob": "01/01/1980", "id_number": "HC: M12345678"},
            "non_citizen",
            "",
            "passport_notation",
        ),
        (
            {"name": "Park Ji Hoon", "dob": "01/01/1980", "id_number": "Hộ chiếu: B7654321"},
            "non_citizen",
            "",
            "passport_notation",
        ),
        (
            {"name": "Li Na", "dob": "01/01/1990", "id_number": "Passport N0123456"},
            "non_citizen",
            "",
            "passport_notation",
        ),
        (
            {"name": "Lee Seo Yeon", "dob": "01/01/1990", "id_number": "", "note": "Quốc tịch Hàn Quốc"},
            "non_citizen",
            "",
            "nationality_in_note",
        ),
        # a 9-digit number nobody holds as a CMND, and words no name of the extract uses
        (
            {"name": "Lee Seo Yeon", "dob": "01/01/1990", "id_number": "665241115"},
            "non_citizen",
            "",
            "name_not_vietnamese",
        ),
        # ... never an ethnic-minority citizen, whether the extract holds them or not
        (
            {"name": "Chamaléa Thị Hoa", "dob": "01/01/1990", "id_number": "", **HERE},
            "not_found",
            "",
            "no_candidate",
        ),
        (
            {"name": "Ka Tơr Văn Lực", "dob": "01/01/1970", "id_number": "264999999"},
            "not_found",
            "",
            "no_candidate",
        ),
        ({"name": "Pi Năng Thị Dơn", "dob": 1950, "id_number": ""}, "not_found", "", "no_candidate"),
        ({"name": "Ksor H'Hen", "dob": "01/01/1985", "id_number": ""}, "not_found", "", "no_candidate"),
    ],
)
def test_hard_rows(world, row, status, person, reason):
    out = decide(world, [row]).iloc[0]
    reasons = (out["match_reasons"] + ";" + norm([row])["norm_reasons"].iloc[0]).split(";")
    assert (out["status"], out["person_id"]) == (status, person), out.to_dict()
    assert reason in reasons, reasons
