"""Free-text fields as stations write them, made usable (vectorised): the village from a section
heading ("KHU PHỐ 1") or from the address when no village is given, and the dose number from
"Mũi 2"."""

from __future__ import annotations

import pandas as pd

from vaxrecon.normalize.ids import cell_text

_PLACE_WORDS = r"(?:thôn|ấp|tổ dân phố|tdp|tổ|khu phố|kp|xóm|buôn|bon|làng|plei|khu|đội)"
_VILLAGE = r"(?i)(?:^|[,;\-]\s*|\s)(?P<v>" + _PLACE_WORDS + r"\.?\s*[^\W_][^,;]*?)\s*(?=\s[-–]\s|[,;]|$)"
_SECTION = (
    r"(?i)^\s*(?:[ivx]+|\d+|[a-d])?[.)]?\s*(?P<v>" + _PLACE_WORDS + r"\.?\s*\S.*?)\s*(?:\s[-–]\s.*)?:?\s*$"
)
_DOSE = r"(?i)^\s*(?:mũi|mui|m)\s*(?:số|thứ)?\s*(?P<n>\d)\b"


def village_from(text: pd.Series, pattern: str = _VILLAGE) -> pd.Series:
    """The village part of an address or heading ('Thôn Phú Thọ, xã X' -> 'Thôn Phú Thọ'); '' if none."""
    found = cell_text(text).str.extract(pattern)["v"]
    return found.fillna("").str.replace(r"\s+", " ", regex=True).str.strip()


def dose_number(text: pd.Series) -> pd.Series:
    """'Mũi 2', 'mũi số 2', 'M2' -> '2'; anything else unchanged."""
    raw = cell_text(text)
    return raw.str.extract(_DOSE)["n"].fillna(raw)


def complete_fields(raw: pd.DataFrame) -> pd.DataFrame:
    """Fill blank villages from the section heading above the row, else from the address; read
    the dose number from 'Mũi N'. The raw frame is returned changed in place."""
    if "section" in raw.columns or "address" in raw.columns:
        village = cell_text(raw["village"]) if "village" in raw.columns else pd.Series("", index=raw.index)
        if "section" in raw.columns:
            village = village.where(village != "", village_from(raw["section"], _SECTION))
        if "address" in raw.columns:
            village = village.where(village != "", village_from(raw["address"]))
        raw["village"] = village
    if "dose" in raw.columns:
        raw["dose"] = dose_number(raw["dose"])
    return raw
