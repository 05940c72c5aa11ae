"""Check a zipped spreadsheet package (.xlsx, .xlsm, .xlsb, .ods) before any part of it is parsed.

Decompression bombs (a small file whose parts inflate to gigabytes, or whose one far cell makes
the reader allocate a sheet of billions of cells) and XML entity declarations (the "billion
laughs") are refused here, so that no parser ever sees them. Every part is inflated
once in bounded chunks and counted; the sizes the zip directory declares are not trusted.
"""

from __future__ import annotations

import codecs
import errno
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from vaxrecon.errors import InputError
from vaxrecon.text import Count, Phrase

_MB = 1024 * 1024
_CHUNK = 1 << 16
_HEAD_BYTES = 65536  # an XML prolog (declaration, comments) longer than this is refused
_PROLOG_ITEM = re.compile(r"\s*(?:<\?.*?\?>|<!--.*?-->)", re.S)
_LOCAL_HEADER = struct.Struct("<4s22xHH")  # signature … file name length, extra field length


def unreadable(path: Path, error: OSError) -> InputError:
    """The error for a file the system will not open, in the user's language (the system's own
    words are English)."""
    if isinstance(error, PermissionError):
        why = Phrase("why.no_permission")
    else:
        why = Phrase("why.os_error", {"code": errno.errorcode.get(error.errno or 0, "?")})
    return InputError(key="err.file_unreadable", file=path.name, why=why)


def _refuse(path: Path, why: Phrase, advice: str = "pkg.advice_resave") -> InputError:
    return InputError(key="err.pkg_refused", file=path.name, why=why, advice=Phrase(advice))


def _declares_entities(head: bytes) -> bool:
    """True when an XML part declares a document type (entities) or its prolog runs on past the
    bytes read; False when its root element starts cleanly or the part is not XML at all (binary
    bytes that merely begin with "<" are not XML unless a declaration or a DTD follows)."""
    codec = "utf-16" if head.startswith((b"\xff\xfe", b"\xfe\xff")) else "utf-8"
    text = head.decode(codec, errors="replace").lstrip("\ufeff")
    if not text.lstrip().startswith("<"):
        return False  # an image or another binary part
    try:
        codecs.getincrementaldecoder(codec)().decode(head, final=False)
    except UnicodeDecodeError:
        if not text.lstrip().startswith(("<?", "<!")):
            return False  # not text: a binary part whose first byte happens to be "<"
    pos = 0
    while m := _PROLOG_ITEM.match(text, pos):
        pos = m.end()
    return not re.match(r"<[A-Za-z_]", text[pos:].lstrip())


def _chunks(fh: BinaryIO, info: zipfile.ZipInfo) -> Iterator[tuple[bytes, int]]:
    """One part inflated chunk by chunk, each with the compressed bytes consumed so far; the zip
    directory's sizes are not trusted (the stream decides)."""
    fh.seek(info.header_offset)
    sig, name_len, extra_len = _LOCAL_HEADER.unpack(fh.read(_LOCAL_HEADER.size))
    if sig != b"PK\x03\x04":
        raise zipfile.BadZipFile("bad local header")
    fh.seek(name_len + extra_len, 1)
    left = info.compress_size
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise NotImplementedError("compression method")
    inflater = zlib.decompressobj(-15) if info.compress_type == zipfile.ZIP_DEFLATED else None
    while left > 0 or (inflater is not None and inflater.unconsumed_tail):
        data = inflater.unconsumed_tail if inflater is not None else b""
        if not data:
            data = fh.read(min(_CHUNK, left))
            if not data:
                raise zipfile.BadZipFile("truncated part")
            left -= len(data)
        yield (inflater.decompress(data, _CHUNK) if inflater is not None else data), info.compress_size - left
        if inflater is not None and inflater.eof:
            return


def _column_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


class _SheetArea:
    """The largest row and column the cells of a worksheet part name. calamine allocates the whole
    rectangle from A1 to there, so one far cell (XFD1048576) in a 5 kB file is a bomb too. Only
    row elements and the cells beyond column Z (or past row 999,999) are looked at, which is fast;
    a cell whose reference contradicts its row element is not looked for."""

    def __init__(self) -> None:
        self.rows, self.cols, self.tail = 0, 26, b""

    def feed(self, chunk: bytes) -> None:
        text = self.tail + chunk
        rows = _ROW_REF.findall(text) + _DEEP_CELL.findall(text)
        self.rows = max(self.rows, max(map(int, rows), default=0))
        for letters, row in _WIDE_CELL.findall(text):
            self.cols, self.rows = max(self.cols, _column_number(letters)), max(self.rows, int(row))
        self.tail = text[-32:]


_ROW_REF = re.compile(rb'<row[^>]* r="(\d{1,9})"')
_WIDE_CELL = re.compile(rb' r="([A-Z]{2,3})(\d{1,9})"')
_DEEP_CELL = re.compile(rb' r="[A-Z](\d{7,9})"')
_WORKSHEET = re.compile(r"xl/worksheets/[^/]+\.xml")


def check_package(path: Path, limits: dict) -> None:
    """Refuse a zipped package that inflates too much, has too many parts, declares XML entities
    in any part, or has a sheet whose cells span more than ``max_cells``; ``limits`` is the
    ``read.limits`` section of the configuration."""
    max_part, max_total = limits["max_part_mb"] * _MB, limits["max_total_mb"] * _MB
    ratio_from, max_ratio = limits["ratio_from_mb"] * _MB, limits["max_ratio"]
    try:
        with zipfile.ZipFile(path) as z, path.open("rb") as fh:
            infos = [i for i in z.infolist() if not i.is_dir()]
            if len(infos) > limits["max_parts"]:
                raise _refuse(
                    path, Phrase("pkg.parts", {"n": Count(len(infos)), "limit": Count(limits["max_parts"])})
                )
            total = 0
            for info in infos:
                size, head = 0, b""
                area = _SheetArea() if _WORKSHEET.fullmatch(info.filename) else None
                for out, packed in _chunks(fh, info):
                    size += len(out)
                    head += out[: _HEAD_BYTES - len(head)]
                    if area is not None:
                        area.feed(out)
                    if size > max_part:
                        raise _refuse(path, Phrase("pkg.part_mb", {"mb": limits["max_part_mb"]}))
                    if total + size > max_total:
                        raise _refuse(path, Phrase("pkg.total_mb", {"mb": limits["max_total_mb"]}))
                    if size > ratio_from and size > max_ratio * packed:
                        raise _refuse(path, Phrase("pkg.ratio", {"ratio": max_ratio}))
                total += size
                if size != info.file_size:
                    raise zipfile.BadZipFile("a part is not the size its directory says")
                if _declares_entities(head):
                    raise _refuse(path, Phrase("pkg.entities", {"part": info.filename}))
                if area is not None and area.rows * area.cols > limits["max_cells"]:
                    cells = {
                        "rows": Count(area.rows),
                        "cols": Count(area.cols),
                        "cells": Count(area.rows * area.cols),
                        "limit": Count(limits["max_cells"]),
                    }
                    raise _refuse(path, Phrase("pkg.cells", cells), "pkg.advice_trim")
    except PermissionError as e:
        raise unreadable(path, e) from e
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        NotImplementedError,
        EOFError,
        OSError,
        zlib.error,
        struct.error,
    ) as e:
        raise InputError(key="err.file_corrupt", file=path.name, suffix=path.suffix.lower()) from e
