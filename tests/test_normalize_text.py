import unicodedata

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from vaxrecon.normalize.names import normalize_names
from vaxrecon.normalize.text import fold, header_key, repair_mojibake, unify_tones


@pytest.mark.parametrize(
    "text, folded",
    [
        ("Nguyễn Văn Hùng", "nguyen van hung"),
        ("ĐẶNG THỊ HOÀ", "dang thi hoa"),
        ("Ðại", "dai"),  # Icelandic Eth typed for Đ
        (unicodedata.normalize("NFD", "Trần Thủy"), "tran thuy"),
        ("", ""),
    ],
)
def test_fold(text, folded):
    assert fold(text) == folded


@pytest.mark.parametrize(
    "new, old",
    [
        ("hoà", "hòa"),
        ("thuỷ", "thủy"),
        ("khoẻ", "khỏe"),
        ("Thuý", "Thúy"),
        ("qúy", "quý"),
        ("hoàng", "hoàng"),
        ("quý", "quý"),
        ("Nguyễn", "Nguyễn"),
    ],
)
def test_unify_tones(new, old):
    assert unify_tones(new) == old


def test_repair_mojibake():
    broken = "Nguyễn Văn Hùng".encode().decode("cp1252", errors="replace")
    assert repair_mojibake("Nguyá»…n VÄƒn HÃ¹ng") == "Nguyễn Văn Hùng"
    assert repair_mojibake("NGÃ") == "NGÃ"
    assert isinstance(repair_mojibake(broken), str)


@pytest.mark.parametrize(
    "header, key",
    [
        ("Số CMT/CCCD\n(Loại 8/9/12 số)", "socmtcccd"),
        ("Ngày sinh dạng dd/mm/yyyy (*)", "ngaysinhdangddmmyyyy"),
        ("HỌ VÀ TÊN", "hovaten"),
        ("#", "#"),
        ("SO_DINH_DANH", "sodinhdanh"),
    ],
)
def test_header_key(header, key):
    assert header_key(header) == key


def test_names_split_and_keys():
    got = normalize_names(pd.Series(["NGUYỄN THỊ HOÀ", " nguyen  thi hoa ", "Pi Năng Thị Hoa", "Hùng", None]))
    assert got["name"].tolist()[0] == "Nguyễn Thị Hoà"
    assert got["name_key"][0] == got["name_key"][0] == "nguyễn thị hòa"
    assert got["name_fold"][0] == got["name_fold"][1] == "nguyen thi hoa"
    assert (got.loc[0, "family"], got.loc[0, "middle"], got.loc[0, "given"]) == ("nguyen", "thi", "hoa")
    assert got.loc[2, "middle"] == "nang thi"
    assert (got.loc[3, "family"], got.loc[3, "given"]) == ("", "hung")
    assert got["name_has_marks"].tolist() == [True, False, True, True, False]
    assert got.loc[4, "name_fold"] == ""


@given(st.text())
def test_fold_never_raises_and_is_ascii_for_vietnamese(text):
    out = fold(text)
    assert isinstance(out, str)
    assert fold(out) == out


@given(st.lists(st.text(), min_size=1, max_size=20))
def test_name_normalisation_is_idempotent(values):
    once = normalize_names(pd.Series(values, dtype=object))
    twice = normalize_names(once["name_key"])
    assert twice["name_key"].tolist() == once["name_key"].tolist()
    assert twice["name_fold"].tolist() == once["name_fold"].tolist()
    assert normalize_names(once["name_fold"])["name_fold"].tolist() == once["name_fold"].tolist()


@given(
    st.lists(
        st.text(alphabet="aăâeêioôơuưyqhòàóỏõọùúủũụỳýỷỹỵèéẻẽẹ QUYOAE", max_size=12), min_size=1, max_size=20
    )
)
def test_vectorised_tone_unification_equals_the_scalar_one(values):
    from vaxrecon.normalize.text import unify_tones_series

    s = pd.Series(values, dtype=object)
    assert unify_tones_series(s.astype(str)).tolist() == [unify_tones(v) for v in values]
