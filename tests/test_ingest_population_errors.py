"""A population extract whose CSV cannot be read is refused with one Vietnamese sentence naming the
line, never with the parser's English message (which may quote a person's row)."""

from __future__ import annotations

import pytest

from vaxrecon.errors import InputError
from vaxrecon.ingest.population import read_population_raw

HEADER = "SO_DINH_DANH,HO_VA_TEN,NGAY_SINH,MA_PX"
ROWS = ["058189037188,NGUYỄN THU VY,05/12/1989,22868", "058194663466,TRẦN THỊ QUYÊN,14/05/1994,22897"]


@pytest.mark.parametrize("encoding", ["utf-8", "cp1258"])
def test_a_line_with_another_number_of_cells_is_named(tmp_path, cfg, encoding):
    path = tmp_path / "dan_cu.csv"
    lines = [HEADER, ROWS[0], ROWS[1] + ",EXTRA", ROWS[0]]
    text = "\n".join(lines) + "\n"
    path.write_bytes(text.encode(encoding, errors="replace") if encoding == "utf-8" else _cp1258(text))
    with pytest.raises(InputError) as e:
        read_population_raw(path, cfg)
    vi = e.value.text("vi")
    assert "dòng 3" in vi and "5 ô" in vi and "4 cột" in vi, vi
    assert "column" not in vi and "header" not in vi
    assert "058194663466" not in vi + str(e.value) and "QUYÊN" not in vi + str(e.value)


def _cp1258(text: str) -> bytes:
    import unicodedata

    tones = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
    out = []
    for ch in text:
        parts = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
        out.append(base + "".join(c for c in parts if c in tones))
    return "".join(out).encode("cp1258")
