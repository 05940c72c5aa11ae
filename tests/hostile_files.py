"""Hostile and accidental input files, generated on the fly (never committed): zip bombs, entity
declarations, stray quotes, wrong encodings. All people are synthetic."""

from __future__ import annotations

import struct
import unicodedata
import zipfile
import zlib
from pathlib import Path

from sheets import GOV_FORM, save

# Personal data planted in hostile files: none of it may appear in an error, a log or a reason file.
SECRETS = ["Nguyễn Văn An", "TRẦN THỊ BÌNH", "058080001234", "058175002345", "0912345678", "15/07/1975"]
HEADER = "STT,Họ và tên,Ngày sinh,Giới tính,Số CCCD,Số điện thoại,Thôn"


def csv_rows(n: int) -> list[str]:
    """``n`` data lines of a list, all synthetic."""
    return [
        f"{i},Người Thứ {i},{1 + i % 28:02d}/0{1 + i % 9}/19{50 + i % 40},{'Nam' if i % 2 else 'Nữ'},"
        f"0580{50 + i % 40:02d}{i:06d},09{i:08d},Thôn {1 + i % 5}"
        for i in range(1, n + 1)
    ]


def write_csv(path: Path, lines: list[str], encoding: str = "utf-8") -> Path:
    path.write_bytes(("\n".join(lines) + "\n").encode(encoding))
    return path


_TONES = "\u0300\u0301\u0303\u0309\u0323"


def cp1258(text: str) -> bytes:
    """Vietnamese as Windows-1258 writes it: letters precomposed with their shape, tones combining."""
    out = b""
    for ch in text:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", ch)
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES))
            out += (base + "".join(c for c in parts if c in _TONES)).encode("cp1258")
    return out


def _deflate_bomb(megabytes: int, head: bytes = b"", tail: bytes = b"") -> bytes:
    """A raw deflate stream inflating to ``head`` + ``megabytes`` MB of "A" + ``tail``, built in
    milliseconds: one fully flushed block (no back-references across it) repeated."""
    z = zlib.compressobj(9, zlib.DEFLATED, -15)
    start = z.compress(head) + z.flush(zlib.Z_FULL_FLUSH)
    piece = z.compress(b"A" * (1024 * 1024)) + z.flush(zlib.Z_FULL_FLUSH)
    return start + piece * megabytes + z.compress(tail) + z.flush(zlib.Z_FINISH)


SHEET_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
    b'spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>'
)
SHEET_TAIL = b"</t></is></c></row></sheetData></worksheet>"


def _zip(path: Path, parts: list[tuple[str, bytes, int, int, int]]) -> Path:
    """Write a zip from (name, raw data, method, uncompressed size declared, crc) by hand, so that
    pre-deflated (and lying) parts can be stored."""
    local, central, offset = b"", b"", 0
    for name, data, method, size, crc in parts:
        n = name.encode()
        header = (
            struct.pack(
                "<4sHHHHHIIIHH", b"PK\x03\x04", 20, 0, method, 0, 0x21, crc, len(data), size, len(n), 0
            )
            + n
        )
        central += (
            struct.pack(
                "<4sHHHHHHIIIHHHHHII",
                b"PK\x01\x02",
                20,
                20,
                0,
                method,
                0,
                0x21,
                crc,
                len(data),
                size,
                len(n),
                0,
                0,
                0,
                0,
                0,
                offset,
            )
            + n
        )
        local += header + data
        offset += len(header) + len(data)
    end = struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, len(parts), len(parts), len(central), offset, 0)
    path.write_bytes(local + central + end)
    return path


def repack(
    src: Path,
    dest: Path,
    replace: dict[str, bytes] | None = None,
    bombs: dict[str, int] | None = None,
    lie: bool = False,
) -> Path:
    """Copy the xlsx ``src`` to ``dest`` with some parts replaced and some parts (new or
    replaced) made decompression bombs (a sheet with one cell of the given size in MB); ``lie``
    declares them tiny."""
    replace, bombs = replace or {}, bombs or {}
    parts = []
    with zipfile.ZipFile(src) as z:
        names = [i.filename for i in z.infolist()]
        contents = {n: z.read(n) for n in names}
    contents.update(replace)
    for name in list(dict.fromkeys(names + list(replace) + list(bombs))):
        if name in bombs:  # a sheet whose one cell inflates to the given size
            data = _deflate_bomb(bombs[name], SHEET_HEAD, SHEET_TAIL)
            size = len(SHEET_HEAD) + bombs[name] * 1024 * 1024 + len(SHEET_TAIL)
            parts.append((name, data, 8, 1000 if lie else size, 0))
        else:
            raw = contents[name]
            z = zlib.compressobj(6, zlib.DEFLATED, -15)
            parts.append((name, z.compress(raw) + z.flush(), 8, len(raw), zlib.crc32(raw)))
    return _zip(dest, parts)


def good_xlsx(path: Path) -> Path:
    return save(GOV_FORM, path)


ENTITIES = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>\n'
)


def with_entities(xml: bytes) -> bytes:
    """An XML part with a document type declaring entities put before its root element."""
    body = xml.split(b"?>", 1)[1] if xml.startswith(b"<?xml") else xml
    return ENTITIES + body
