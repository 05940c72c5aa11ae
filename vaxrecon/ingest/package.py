"""Check a zipped spreadsheet package (.xlsx, .xlsm, .xlsb, .ods) before any part of it is parsed.

Decompression bombs (a small file whose parts inflate to gigabytes) and XML entity declarations
(the "billion laughs") are refused here, so that no parser ever sees them. Every part is inflated
once in bounded chunks and counted; the sizes the zip directory declares are not trusted.
"""

from __future__ import annotations

import re
import struct
import zipfile
import zlib
from pathlib import Path
from typing import BinaryIO

from vaxrecon.errors import InputError

_MB = 1024 * 1024
_CHUNK = 1 << 16
_HEAD_BYTES = 65536  # an XML prolog (declaration, comments) longer than this is refused
_PROLOG_ITEM = re.compile(r"\s*(?:<\?.*?\?>|<!--.*?-->)", re.S)
_LOCAL_HEADER = struct.Struct("<4s22xHH")  # signature … file name length, extra field length


def _refuse(path: Path, why: str) -> InputError:
    return InputError(f"{path.name} was not read because {why}; "
                      "if it is a real list, open it in Excel and save it again.")


def _declares_entities(head: bytes) -> bool:
    """True when an XML part declares a document type (entities) or its prolog runs on past the
    bytes read; False when its root element starts cleanly or the part is not XML at all."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head.decode("utf-16", errors="replace")
    else:
        text = head.decode("utf-8", errors="replace").lstrip("\ufeff")
    if not text.lstrip().startswith("<"):
        return False  # an image or another binary part
    pos = 0
    while m := _PROLOG_ITEM.match(text, pos):
        pos = m.end()
    return not re.match(r"<[A-Za-z_]", text[pos:].lstrip())


def _inflate(fh: BinaryIO, info: zipfile.ZipInfo, limit: int, ratio_from: int, max_ratio: float
             ) -> tuple[int, int, bytes]:
    """The real inflated size of one part, the compressed bytes that gave it, and its first bytes;
    it stops as soon as the size passes ``limit`` or the ratio passes ``max_ratio`` (past
    ``ratio_from`` bytes), so a bomb is never inflated far."""
    fh.seek(info.header_offset)
    sig, name_len, extra_len = _LOCAL_HEADER.unpack(fh.read(_LOCAL_HEADER.size))
    if sig != b"PK\x03\x04":
        raise zipfile.BadZipFile("bad local header")
    fh.seek(name_len + extra_len, 1)
    left = info.compress_size
    if info.compress_type == zipfile.ZIP_STORED:
        return left, left, fh.read(min(left, _HEAD_BYTES))
    if info.compress_type != zipfile.ZIP_DEFLATED:
        raise NotImplementedError("compression method")
    inflater, size, head = zlib.decompressobj(-15), 0, b""
    while left > 0 or inflater.unconsumed_tail:
        data = inflater.unconsumed_tail
        if not data:
            data = fh.read(min(_CHUNK, left))
            if not data:
                raise zipfile.BadZipFile("truncated part")
            left -= len(data)
        out = inflater.decompress(data, _CHUNK)
        size += len(out)
        if len(head) < _HEAD_BYTES:
            head += out[:_HEAD_BYTES - len(head)]
        if size > limit or inflater.eof or (
                size > ratio_from and size > max_ratio * (info.compress_size - left)):
            break
    return size, info.compress_size - left, head


def check_package(path: Path, limits: dict) -> None:
    """Refuse a zipped package that inflates too much, has too many parts, or declares XML
    entities in any part; ``limits`` is the ``read.limits`` section of the configuration."""
    max_part, max_total = limits["max_part_mb"] * _MB, limits["max_total_mb"] * _MB
    try:
        with zipfile.ZipFile(path) as z, path.open("rb") as fh:
            infos = [i for i in z.infolist() if not i.is_dir()]
            if len(infos) > limits["max_parts"]:
                raise _refuse(path, f"it holds {len(infos)} parts (the limit is {limits['max_parts']})")
            total = 0
            for info in infos:
                size, packed, head = _inflate(fh, info, min(max_part, max_total - total),
                                              int(limits["ratio_from_mb"] * _MB), limits["max_ratio"])
                total += size
                if size > max_part:
                    raise _refuse(path, f"one of its parts inflates to more than {limits['max_part_mb']} MB")
                if total > max_total:
                    raise _refuse(path, f"its parts inflate to more than {limits['max_total_mb']} MB in all")
                ratio = size / max(packed, 1)
                if size > limits["ratio_from_mb"] * _MB and ratio > limits["max_ratio"]:
                    raise _refuse(path, f"one of its parts inflates more than {limits['max_ratio']} times "
                                        "its packed size: it looks like a decompression bomb")
                if size != info.file_size:
                    raise zipfile.BadZipFile("a part is not the size its directory says")
                if _declares_entities(head):
                    raise _refuse(path, f"its part {info.filename} declares XML entities "
                                        "(a document type), which spreadsheets never need")
    except PermissionError as e:
        raise InputError(f"{path.name} cannot be read: permission denied.") from e
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError,
            zlib.error, struct.error) as e:
        raise InputError(f"{path.name} could not be opened as a spreadsheet: it is corrupt, "
                         f"truncated, password-protected or not really a {path.suffix.lower()} "
                         "file.") from e
