"""Identity numbers: 12-digit personal ID (CCCD), old CMND, passport-like, unusable."""

from __future__ import annotations

import numpy as np
import pandas as pd

from vaxrecon.admin_units import cccd_province_codes
from vaxrecon.normalize.text import by_distinct, fold_series

_SCI = r"^\d+(?:[.,]\d+)?E\+?\d+$"
_PASSPORT = r"^(?=.*[A-Z])[A-Z0-9]{6,12}$"
# "HC: M1234567", "Hộ chiếu số B7654321", "Passport N0123456", "PP 123456789" (matched folded).
_NOTATION = r"^\s*(?:so\s*)?(?:ho\s*chieu|hc|passport|pp|pass)\b\s*(?:so|no|number)?\s*[:.#\-]?\s*"


def cell_str(value: object) -> str:
    """One cell as text (the scalar :func:`cell_text`): None/NaN empty, whole numbers without '.0'."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


_TEXT = pd.StringDtype(na_value=np.nan)  # the default text column (pyarrow-backed where it can be)


def cell_text(raw: pd.Series, *, as_cells: bool = False) -> pd.Series:
    """Text of spreadsheet cells (vectorised): None/NaN as empty, whole numbers without '.0'.

    A column already of text is only trimmed, unless ``as_cells``: then its values are read as an
    object column of the same strings would be (a whole number written "12.0" loses ".0").
    """
    if raw.dtype == _TEXT:  # trimming text is cheaper than finding its distinct values
        text = raw.fillna("").str.strip()
        return _whole_numbers(text) if as_cells else text
    return by_distinct(_cell_text, raw)


def _cell_text(raw: pd.Series) -> pd.Series:
    text = raw.astype(object).where(raw.notna(), "").astype("str").str.strip()
    if raw.dtype == object or pd.api.types.is_float_dtype(raw):
        text = _whole_numbers(text)
    return text


def _whole_numbers(text: pd.Series) -> pd.Series:
    """Whole numbers that a spreadsheet stored as floats lose ".0" ("12.0" -> "12")."""
    ends = text.str.endswith(".0").to_numpy(dtype=bool)  # a cheap test first: most text is not
    if not ends.any():
        return text
    some = text[ends]
    text = text.copy()
    text[ends] = some.where(~some.str.fullmatch(r"-?\d+\.0"), some.str.slice(0, -2))
    return text


def normalize_ids(raw: pd.Series) -> pd.DataFrame:
    """Classify and clean ID numbers.

    ``id_kind``: cccd (12 digits), cmnd (9 digits), passport (letters and digits, or any number
    written as a passport: ``id_notation``), unusable (scientific notation: digits lost),
    malformed (also a number with a minus sign), or missing. Numbers that lost leading zeros when
    stored as numbers are restored (11/10 digits -> 12, 8 -> 9) and flagged ``id_restored``.
    Cells of plain digits or blank (nearly all of an extract) take a short path.
    """
    text = cell_text(raw)
    plain = text.str.fullmatch(r"[0-9]{8,12}|").to_numpy(dtype=bool)
    if plain.all():
        return _plain_ids(text).set_axis(raw.index)
    if not plain.any():
        return _classify_ids(text).set_axis(raw.index)
    parts = pd.concat([_plain_ids(text[plain]), _classify_ids(text[~plain])])
    order = np.empty(len(text), dtype=np.intp)
    order[np.concatenate([np.flatnonzero(plain), np.flatnonzero(~plain)])] = np.arange(len(text))
    return parts.take(order).set_axis(raw.index)


def _plain_ids(text: pd.Series) -> pd.DataFrame:
    """:func:`_classify_ids` of cells that are blank or 8 to 12 ASCII digits."""
    n = text.str.len()
    cccd = (n >= 10).to_numpy()
    kind = np.select([(n == 0).to_numpy(), cccd], ["missing", "cccd"], "cmnd")
    value = text.str.zfill(12).where(cccd, text.str.zfill(9)).where(text != "", "")
    restored = (n > 0) & (n < 9) | (n > 9) & (n < 12)
    no = np.zeros(len(text), dtype=bool)
    return pd.DataFrame(
        {
            "id_raw": text,
            "id_kind": kind,
            "id_value": value,
            "id_restored": restored,
            "id_sci": no,
            "id_notation": no,
        },
        index=text.index,
    )


def _classify_ids(text: pd.Series) -> pd.DataFrame:
    worded = text.str.contains(r"[^\W\d_]{2}", regex=True) & text.str.contains(r"\d", regex=True)
    notation = pd.Series(False, index=text.index)
    if worded.any():
        notation[worded] = fold_series(text[worded]).str.match(_NOTATION).to_numpy()
    text_no_notation = text.copy()
    if notation.any():
        text_no_notation[notation] = text[notation].str.replace(
            r"^[^\d]*?(?=[A-Za-z]{0,2}\d)", "", regex=True
        )
    clean = text_no_notation.str.upper().str.replace(r"[\s.\-_'`,/]", "", regex=True)
    sci = text.str.upper().str.replace(" ", "", regex=False).str.match(_SCI)
    digits = clean.str.fullmatch(r"\d+")
    n = clean.str.len()
    negative = text.str.match(r"^[\-\u2212]")  # a minus sign is not a separator: the number is wrong
    kind = np.select(
        [
            clean == "",
            notation & clean.str.fullmatch(r"[A-Z0-9]{5,12}"),
            sci,
            negative,
            digits & n.between(10, 12),
            digits & n.between(8, 9),
            clean.str.match(_PASSPORT),
        ],
        ["missing", "passport", "unusable", "malformed", "cccd", "cmnd", "passport"],
        "malformed",
    )
    value = np.select(
        [kind == "cccd", kind == "cmnd", kind == "passport"],
        [clean.str.zfill(12), clean.str.zfill(9), clean],
        "",
    )
    restored = ((kind == "cccd") & (n < 12)) | ((kind == "cmnd") & (n < 9))
    return pd.DataFrame(
        {
            "id_raw": text,
            "id_kind": kind,
            "id_value": value,
            "id_restored": restored,
            "id_sci": sci,
            "id_notation": notation & (kind == "passport"),
        },
        index=text.index,
    )


def cccd_checks(id_value: pd.Series, id_kind: pd.Series, gender: pd.Series, dob_y: pd.Series) -> pd.DataFrame:
    """Offline structure checks of 12-digit IDs: province code, century, gender and year digits.

    Returns boolean columns; each is True only where the check could be made and failed.
    """
    is_cccd = (id_kind == "cccd").to_numpy()
    checks = ("cccd_province_unknown", "cccd_century_bad", "cccd_year_bad", "cccd_gender_bad")
    out = {name: np.zeros(len(id_value), dtype=bool) for name in checks}
    if is_cccd.any():
        value = id_value[is_cccd]
        g, yy = _number(value.str.slice(3, 4)), _number(value.str.slice(4, 6))
        year = dob_y.to_numpy()[is_cccd]
        sex = gender.to_numpy(dtype=object)[is_cccd]
        has_year = year > 0
        out["cccd_province_unknown"][is_cccd] = ~value.str.slice(0, 3).isin(cccd_province_codes()).to_numpy()
        out["cccd_century_bad"][is_cccd] = has_year & (1900 + 100 * (g // 2) != (year // 100) * 100)
        out["cccd_year_bad"][is_cccd] = has_year & (yy != year % 100)
        out["cccd_gender_bad"][is_cccd] = np.isin(sex, ["M", "F"]) & (np.where(g % 2 == 0, "M", "F") != sex)
    return pd.DataFrame(out, index=id_value.index)


def _number(digits: pd.Series) -> np.ndarray:
    """Text of ASCII digits as numbers (NaN for any other text)."""
    ok = digits.str.fullmatch("[0-9]+").to_numpy(dtype=bool)
    out = np.full(len(digits), np.nan)
    out[ok] = digits[ok].astype("int64").to_numpy()
    return out
