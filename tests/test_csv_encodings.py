"""CSV files in the encodings Excel and converters write: a Windows-1258 file with a UTF-8
byte-order mark in front (some converters add one) reads as Windows-1258 without the mark."""

from __future__ import annotations

import unicodedata

import pytest

from vaxrecon.ingest.csvfile import decode
from vaxrecon.ingest.lists import read_list

TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
BOM = b"\xef\xbb\xbf"


def cp1258(text: str) -> bytes:
    """``text`` as Windows writes it in code page 1258: tone marks as combining characters."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES))
        out.append(base + "".join(c for c in parts if c in TONES))
    return "".join(out).encode("cp1258")


TEXT = (
    "Họ và tên;Ngày sinh;Số CCCD\r\n"
    "Nguyễn Thị Ánh;01/02/1980;058180000001\r\n"
    "Đỗ Văn Hùng;1975;058075000002\r\n"
)


@pytest.mark.parametrize("bom", [b"", BOM])
def test_a_windows_1258_file_reads_with_or_without_a_byte_order_mark(bom):
    decoded = decode(bom + cp1258(TEXT), "ds.csv", ["utf-8-sig", "cp1258", "cp1252"])
    assert unicodedata.normalize("NFC", decoded.text) == TEXT
    assert decoded.encoding == "cp1258" and decoded.notes == []


def test_every_row_of_a_windows_1258_file_with_a_byte_order_mark_is_read(tmp_path, cfg):
    path = tmp_path / "ds.csv"
    path.write_bytes(BOM + cp1258(TEXT))
    records = read_list(path, cfg).records
    assert records["name"].map(lambda s: unicodedata.normalize("NFC", s)).tolist() == [
        "Nguyễn Thị Ánh",
        "Đỗ Văn Hùng",
    ]
    assert records["id_number"].tolist() == ["058180000001", "058075000002"]
