"""Vietnamese text keys: NFC, spacing, case, tone-mark placement, mark folding, mojibake repair."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import TypeVar

import numpy as np
import pandas as pd

T = TypeVar("T", pd.Series, pd.DataFrame)


def _fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for cp in range(0x00C0, 0x1EFF + 1):
        ch = chr(cp)
        base = unicodedata.normalize("NFD", ch)[0]
        if base.isascii() and base.isalpha() and base != ch:
            table[cp] = base
    table.update({ord("Đ"): "D", ord("đ"): "d", ord("Ð"): "D", ord("ð"): "d"})
    # combining marks left over from decomposed input
    for cp in range(0x0300, 0x0370):
        table[cp] = None  # type: ignore[assignment]
    return table


FOLD_TABLE = _fold_table()
# Python's \s spelled out, so that pyarrow's regular expressions (whose \s is ASCII) can run it.
WHITESPACE = "".join(c for c in map(chr, range(0x3001)) if c.isspace())
_SPACES = f"[{WHITESPACE}]+"
_ZERO_WIDTH = "[\u200b-\u200d\ufeff\u00ad]"
# New-style tone placement (hoà, thuỷ, khoẻ) -> old style (hòa, thủy, khỏe), open syllables only.
_TONES = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook, dot below
_NEW_TO_OLD = re.compile(r"(?<![qQ])([oOuU])([aAeEyY])([" + _TONES + r"])(?![^\W\d_])")
# Tone placed on the u of "qu" (qúy) -> on the following vowel (quý).
_QU_TONE = re.compile(r"([qQ][uU])([" + _TONES + r"])([aeiouyâêôơăưAEIOUYÂÊÔƠĂƯ])")
_MOJIBAKE = re.compile(
    "(?:Ã|Ä|Æ|á)[\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e"
    "\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030"
    "\u2039\u203a\u20ac\u2122]"
)


def fold(text: str) -> str:
    """Lower-case ASCII form without marks (Đ->d); never raises."""
    nfc = unicodedata.normalize("NFC", text)
    return nfc.translate(FOLD_TABLE).lower()


def unify_tones(text: str) -> str:
    """Canonical tone placement for matching keys (hoà≡hòa, thuỷ≡thủy, qúy≡quý); NFC in and out."""
    nfd = unicodedata.normalize("NFD", text)
    nfd = _NEW_TO_OLD.sub(r"\1\3\2", _QU_TONE.sub(r"\1\3\2", nfd))
    return unicodedata.normalize("NFC", nfd)


def _toned(bases: str) -> str:
    """Characters (NFC) whose decomposition is one of ``bases`` followed first by a tone mark."""
    chars = (chr(cp) for cp in range(0x00C0, 0x1EFF + 1))
    return "".join(
        c for c in chars if (d := unicodedata.normalize("NFD", c))[0] in bases and d[1:2] in _TONES
    )


# Where, in NFC text, either pattern can match once decomposed: o/u before a toned a/e/y, q before a
# toned u. Only such values need the (slow, lookaround) patterns.
_TONE_MOVE = re.compile(f"[oOuU][{_toned('aAeEyY')}]|[qQ][{_toned('uU')}]")


def unify_tones_series(s: pd.Series) -> pd.Series:
    """Vectorised :func:`unify_tones`."""
    nfc = s.str.normalize("NFC")
    moves = nfc.str.contains(_TONE_MOVE.pattern, regex=True).to_numpy(dtype=bool)
    if moves.any():
        nfd = nfc[moves].str.normalize("NFD").str.replace(_QU_TONE, r"\1\3\2", regex=True)
        nfc[moves] = nfd.str.replace(_NEW_TO_OLD, r"\1\3\2", regex=True).str.normalize("NFC")
    return nfc


def repair_mojibake_series(s: pd.Series) -> pd.Series:
    """Vectorised :func:`repair_mojibake`: only values that look broken are decoded again."""
    broken = s.str.contains(_MOJIBAKE, regex=True)
    if not broken.any():
        return s
    return s.where(~broken, s[broken].map(repair_mojibake))


_LATIN = re.compile("[\u0000-\u024f\u0300-\u036f\u1e00-\u1eff]*")


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 read as cp1252 or latin-1 ("Nguyá»…n" -> "Nguyễn") when it decodes cleanly into
    Latin/Vietnamese letters."""
    if not _MOJIBAKE.search(text):
        return text
    try:
        repaired = bytes(ord(c) if ord(c) < 256 else c.encode("cp1252")[0] for c in text).decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError, ValueError):
        return text
    return repaired if _LATIN.fullmatch(repaired) else text


def clean_text(s: pd.Series) -> pd.Series:
    """NFC, zero-width characters removed, Icelandic Eth fixed, whitespace collapsed and trimmed."""
    s = s.fillna("").astype(str)
    s = s.str.normalize("NFC").str.replace(_ZERO_WIDTH, "", regex=True)
    s = s.str.replace("Ð", "Đ", regex=False).str.replace("ð", "đ", regex=False)
    return s.str.replace(_SPACES, " ", regex=True).str.strip()


def by_distinct(fn: Callable[[pd.Series], T], values: pd.Series) -> T:
    """``fn`` (row by row: each output row depends on its input row alone) over each distinct value
    of ``values`` once, spread back to every row. Extract and list columns repeat heavily (blank
    notes and old IDs, communes, villages, dates); a column of mostly distinct values is passed
    through whole. Cells mixing text with other kinds (1 and 1.0 and True are one key to a hash)
    are told apart by type (:func:`distinct_typed`)."""
    n = len(values)
    if n == 0:
        return fn(values)
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    if len(uniques) * 2 > n:  # telling kinds apart only adds values
        return fn(values)
    if values.dtype == object and not all(
        isinstance(u, str) or (isinstance(u, float) and u != u) for u in uniques
    ):
        codes, uniques = distinct_typed(values.to_numpy(dtype=object))
    if len(uniques) * 2 > n:
        return fn(values)
    out = fn(pd.Series(uniques, dtype=values.dtype)).take(codes)
    out.index = values.index
    return out


def distinct_typed(flat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Codes of ``flat`` (object cells) into one representative of each distinct value, values
    kept apart by type as well as by value (1, 1.0 and True are one key to a hash but three texts)
    and floats by their bits (0.0 and -0.0 read differently)."""
    n = len(flat)
    if n == 0:
        return np.zeros(0, dtype=np.intp), np.empty(0, dtype=object)
    types = np.fromiter(map(type, flat), dtype=object, count=n)
    kind, kinds = pd.factorize(types)
    codes = np.empty(n, dtype=np.intp)
    parts: list[np.ndarray] = []
    offset = 0
    for k, t in enumerate(kinds):
        where = np.flatnonzero(kind == k) if len(kinds) > 1 else np.arange(n)
        sub = flat[where]
        if t is type(None):
            local, reps = np.zeros(len(sub), dtype=np.intp), np.array([None], dtype=object)
        elif t is float:
            local, bits = pd.factorize(sub.astype(np.float64).view(np.int64))
            reps = np.asarray(bits, dtype=np.int64).view(np.float64).astype(object)
        else:
            local, uniques = pd.factorize(sub, use_na_sentinel=False)
            reps = np.asarray(uniques, dtype=object)
        codes[where] = local + offset
        parts.append(reps)
        offset += len(reps)
    return codes, np.concatenate(parts)


def fold_series(s: pd.Series) -> pd.Series:
    """Vectorised :func:`fold` over a cleaned text column."""
    return s.str.normalize("NFC").str.translate(FOLD_TABLE).str.lower()


def header_key(text: str) -> str:
    """Key for comparing column headers: folded, no "(...)" notes, no punctuation or spaces."""
    base = re.sub(r"\([^)]*\)", " ", str(text))
    key = re.sub(r"[^0-9a-z]", "", fold(base))
    return key or re.sub(r"\s", "", str(text))
