"""The 2021 administrative units: the shipped lookup table is what the GSO list gives."""

from __future__ import annotations

import pandas as pd

from vaxrecon.admin_units import (
    cccd_province_codes,
    derive_units,
    find_communes,
    resolve_commune_codes,
    source_table,
    units,
    write_units_table,
)


def test_shipped_table_is_derived_from_the_gso_list(tmp_path):
    """Regenerate with write_units_table() when the list or the name keys change."""
    derived = derive_units(source_table())
    pd.testing.assert_frame_equal(units(), derived)
    assert len(derived) > 10_000
    again = pd.read_feather(write_units_table(tmp_path / "units.arrow"))
    pd.testing.assert_frame_equal(again, derived)


def test_lookups_use_the_name_keys():
    hai = find_communes("Thị trấn Khánh Hải", "Ninh Thuận")
    assert hai["commune_code"].tolist() == ["22834"]
    assert find_communes("khanh hai", "58")["commune_code"].tolist() == ["22834"]
    assert find_communes("22834")["commune"].tolist() == hai["commune"].tolist()
    codes = resolve_commune_codes(
        pd.Series(["Khánh Hải", "", ""]),
        pd.Series(["Ninh Hải", "", ""]),
        pd.Series(["Ninh Thuận", "", ""]),
        pd.Series(["", "Thôn 5, Thị trấn Khánh Hải, Huyện Ninh Hải, Tỉnh Ninh Thuận", "Số 1, Nowhere"]),
    )
    assert codes.tolist() == ["22834", "22834", ""]
    assert {"001", "058", "079"} <= cccd_province_codes() and "000" not in cccd_province_codes()
