"""Data-entry errors, each kind applied at its configured rate; every applied kind is recorded."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

import numpy as np
import pandas as pd

from vaxrecon.normalize.text import FOLD_TABLE
from vaxrecon.synth.people import name_tables

_TONES = "\u0300\u0301\u0303\u0309\u0323"
_OLD_TO_NEW = re.compile(r"(?<![qQ])([oOuU])([" + _TONES + r"])([aAeEyY])(?![^\W\d_])")
_TYPO_LETTERS = "aeiounhtcgmy"


class ErrorLog:
    """Which error kinds were applied to which rows (for truth.csv and the rate table)."""

    def __init__(self, n: int):
        self.kinds: list[list[str]] = [[] for _ in range(n)]
        self.eligible: dict[str, int] = {}

    def draw(self, rng: np.random.Generator, kind: str, rate: float, eligible: np.ndarray) -> np.ndarray:
        """Choose rows (among eligible) for one error kind and record them."""
        eligible = np.asarray(eligible, dtype=bool)
        hit = eligible & (rng.random(len(eligible)) < rate)
        self.eligible[kind] = self.eligible.get(kind, 0) + int(eligible.sum())
        for i in np.flatnonzero(hit):
            self.kinds[i].append(kind)
        return hit


def new_style_tones(text: str) -> str:
    """hòa -> hoà, thủy -> thuỷ (the other tone-mark placement)."""
    nfd = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", _OLD_TO_NEW.sub(r"\1\3\2", nfd))


_KEY_ROWS = ["qwertyuiop", "asdfghjkl", "zxcvbnm"]
_NEIGHBOURS = {
    c: "".join(row[j] for j in (i - 1, i + 1) if 0 <= j < len(row))
    for row in _KEY_ROWS
    for i, c in enumerate(row)
}
_TELEX_MARKS = {
    "\u0302": {"a": "aa", "e": "ee", "o": "oo"},
    "\u0306": {"a": "aw"},
    "\u031b": {"o": "ow", "u": "uw"},
}
_TELEX_TONES = {"\u0301": "s", "\u0300": "f", "\u0309": "r", "\u0303": "x", "\u0323": "j"}


def telex(syllable: str) -> str:
    """A syllable as typed in Telex when the input method is off: Nguyễn -> Nguyeenx."""
    out: list[str] = []
    tone = ""
    for ch in unicodedata.normalize("NFD", syllable.replace("đ", "dd").replace("Đ", "Dd")):
        if ch in _TELEX_TONES:
            tone = _TELEX_TONES[ch]
        elif ch in _TELEX_MARKS and out:
            out[-1] = _TELEX_MARKS[ch].get(out[-1].lower(), out[-1])
        else:
            out.append(ch)
    return "".join(out) + tone


def _typo(rng: np.random.Generator, name: str) -> str:
    """One slip in one syllable: a dropped letter, two letters swapped, a neighbouring key, or the
    syllable typed in Telex with the input method off."""
    words = name.split(" ")
    spots = [i for i, w in enumerate(words) if len(w) >= 3]
    if not spots:
        return name
    k = spots[int(rng.integers(len(spots)))]
    w = words[k]
    op = int(rng.integers(4))
    i = int(rng.integers(1, len(w)))
    if op == 0:
        w = w[:i] + w[i + 1 :]
    elif op == 1 and i < len(w) - 1 and w[i] != w[i + 1]:
        w = w[:i] + w[i + 1] + w[i] + w[i + 2 :]
    elif op == 2 and _NEIGHBOURS.get(w[i].lower()):
        near = _NEIGHBOURS[w[i].lower()]
        w = w[:i] + near[int(rng.integers(len(near)))] + w[i + 1 :]
    elif op == 3 and telex(w) != w:
        w = telex(w)
    else:
        repl = _TYPO_LETTERS[int(rng.integers(len(_TYPO_LETTERS)))]
        w = w[:i] + (repl if repl != w[i].lower() else "x") + w[i + 1 :]
    words[k] = w
    return " ".join(words)


def corrupt_names(rng: np.random.Generator, names: pd.Series, rates: dict, log: ErrorLog) -> pd.Series:
    out = names.to_numpy(dtype=object).copy()
    spaced = name_tables()["spaced"]
    three = np.array([len(n.split()) >= 3 for n in out], dtype=bool)
    for i in np.flatnonzero(log.draw(rng, "name_middle_dropped", rates["name_middle_dropped"], three)):
        parts = out[i].split()
        out[i] = " ".join([parts[0], parts[-1]])
    has_spaced = np.array([any(k in n for k in spaced) for n in out], dtype=bool)
    for i in np.flatnonzero(
        log.draw(rng, "name_minority_spacing", rates["name_minority_spacing"], has_spaced)
    ):
        for joined, sep in spaced.items():
            out[i] = out[i].replace(joined, sep)
    for i in np.flatnonzero(log.draw(rng, "name_typo", rates["name_typo"], np.ones(len(out)))):
        out[i] = _typo(rng, out[i])
    for i in np.flatnonzero(log.draw(rng, "name_tone_style", rates["name_tone_style"], np.ones(len(out)))):
        out[i] = new_style_tones(out[i])
    for i in np.flatnonzero(log.draw(rng, "name_no_marks", rates["name_no_marks"], np.ones(len(out)))):
        out[i] = unicodedata.normalize("NFC", out[i]).translate(FOLD_TABLE)
        out[i] = " ".join(w.capitalize() for w in out[i].split())
    for i in np.flatnonzero(log.draw(rng, "name_upper", rates["name_upper"], np.ones(len(out)))):
        out[i] = out[i].upper()
    for i in np.flatnonzero(log.draw(rng, "name_decomposed", rates["name_decomposed"], np.ones(len(out)))):
        out[i] = unicodedata.normalize("NFD", out[i])
    for i in np.flatnonzero(
        log.draw(rng, "name_extra_spaces", rates["name_extra_spaces"], np.ones(len(out)))
    ):
        out[i] = " " + out[i].replace(" ", "  ", 1) + " "
    return pd.Series(out, index=names.index)


_DATE_TEXT = ["%d/%m/%Y", "%-d/%-m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d", "%d%m%Y"]


def corrupt_dates(
    rng: np.random.Generator,
    dobs: pd.Series,
    rates: dict,
    log: ErrorLog,
    reference: dt.date,
    excel_dates: bool = True,
) -> pd.Series:
    """Cell values for birth dates: datetime cells, text in several shapes, or a year number."""
    dates = list(dobs)
    n = len(dates)
    out = np.empty(n, dtype=object)
    swappable = np.array([d.day <= 12 and d.day != d.month for d in dates], dtype=bool)
    swapped = log.draw(rng, "dob_day_month_swapped", rates["dob_day_month_swapped"], swappable)
    digit = log.draw(rng, "dob_year_digit", rates["dob_year_digit"], np.ones(n))
    elderly = np.array([reference.year - d.year >= 70 for d in dates], dtype=bool)
    year_only = log.draw(rng, "dob_year_only", rates["dob_year_only"], ~elderly) | log.draw(
        rng, "dob_year_only_elderly", rates["dob_year_only_elderly"], elderly
    )
    as_date = log.draw(rng, "dob_excel_date", rates["dob_excel_date"], ~year_only & excel_dates)
    variant = log.draw(rng, "dob_text_variant", rates["dob_text_variant"], ~year_only & ~as_date)
    for i, d in enumerate(dates):
        if swapped[i]:
            d = d.replace(day=d.month, month=d.day)
        if digit[i]:
            step = int(rng.choice([-1, 1]))
            year = d.year + step if d.year + step <= reference.year else d.year - 1
            try:
                d = d.replace(year=year)
            except ValueError:  # 29 February
                d = d.replace(year=year, day=28)
        if year_only[i]:
            out[i] = d.year
        elif as_date[i]:
            out[i] = dt.datetime(d.year, d.month, d.day)
        elif variant[i]:
            out[i] = d.strftime(_DATE_TEXT[int(rng.integers(1, len(_DATE_TEXT)))])
        else:
            out[i] = d.strftime("%d/%m/%Y")
    return pd.Series(out, index=dobs.index)


def _change_digit(rng: np.random.Generator, s: str) -> str:
    i = int(rng.integers(3, len(s)))
    d = str((int(s[i]) + int(rng.integers(1, 10))) % 10)
    return s[:i] + d + s[i + 1 :]


def _transpose(rng: np.random.Generator, s: str) -> str:
    spots = [i for i in range(3, len(s) - 1) if s[i] != s[i + 1]]
    if not spots:
        return _change_digit(rng, s)
    i = spots[int(rng.integers(len(spots)))]
    return s[:i] + s[i + 1] + s[i] + s[i + 2 :]


def corrupt_ids(
    rng: np.random.Generator,
    ids: pd.Series,
    cmnds: pd.Series,
    others: pd.Series,
    rates: dict,
    log: ErrorLog,
    numeric_cells: bool = True,
    relatives: pd.Series | None = None,
    year_only_elderly: np.ndarray | None = None,
) -> pd.Series:
    """Cell values for ID numbers: text, numbers that lose leading zeros, wrong, old or missing,
    another person's or a relative's (``relatives``: a household member's ID or empty); elderly
    people listed with a birth year only often have no ID on the list."""
    n = len(ids)
    out = ids.to_numpy(dtype=object).copy()
    present = np.array([bool(x) for x in out], dtype=bool)
    has_cmnd = (cmnds.to_numpy(dtype=object) != "") & present
    elderly = np.zeros(n, dtype=bool) if year_only_elderly is None else year_only_elderly
    missing = log.draw(rng, "id_missing", rates["id_missing"], present & ~elderly) | log.draw(
        rng, "id_missing_elderly", rates["id_missing_elderly"], present & elderly
    )
    old = log.draw(rng, "id_old_cmnd", rates["id_old_cmnd"], has_cmnd & ~missing)
    ok = present & ~missing & ~old
    rel_ids = (
        np.full(n, "", dtype=object) if relatives is None else relatives.fillna("").to_numpy(dtype=object)
    )
    relative = log.draw(rng, "id_relative", rates["id_relative"], ok & (rel_ids != ""))
    other = log.draw(rng, "id_other_person", rates["id_other_person"], ok & ~relative)
    wrong = log.draw(rng, "id_wrong_digit", rates["id_wrong_digit"], ok & ~other & ~relative)
    trans = log.draw(rng, "id_transposed", rates["id_transposed"], ok & ~other & ~wrong & ~relative)
    spaces = log.draw(rng, "id_spaces", rates["id_spaces"], ok)
    sci = log.draw(rng, "id_scientific", rates["id_scientific"], ok & ~spaces)
    number = log.draw(rng, "id_as_number", rates["id_as_number"], (ok | old) & ~spaces & ~sci & numeric_cells)
    other_ids = others.to_numpy(dtype=object)
    for i in range(n):
        if missing[i]:
            out[i] = None
            continue
        if old[i]:
            out[i] = cmnds.iloc[i]
        if relative[i]:
            out[i] = rel_ids[i]
        if other[i]:
            out[i] = other_ids[i]
        if wrong[i]:
            out[i] = _change_digit(rng, out[i])
        if trans[i]:
            out[i] = _transpose(rng, out[i])
        if spaces[i]:
            s = out[i]
            out[i] = " ".join(s[j : j + 3] for j in range(0, len(s), 3))
        if sci[i]:
            out[i] = f"{int(out[i]):.5E}"
        elif number[i]:
            out[i] = int(out[i])
    return pd.Series(out, index=ids.index)


def corrupt_genders(rng: np.random.Generator, genders: pd.Series, rates: dict, log: ErrorLog) -> pd.Series:
    wrong = log.draw(rng, "gender_wrong", rates["gender_wrong"], np.ones(len(genders)))
    flipped = genders.map({"M": "F", "F": "M"})
    return genders.where(~wrong, flipped)
