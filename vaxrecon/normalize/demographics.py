"""Gender and nationality."""

from __future__ import annotations

import numpy as np
import pandas as pd

from vaxrecon.normalize.ids import cell_text
from vaxrecon.normalize.text import fold, fold_series


def normalize_gender(raw: pd.Series, words: dict[str, list[str]],
                     codes: dict[str, str]) -> pd.DataFrame:
    """Map gender words and numeric codes to M/F; ``gender_bad`` flags unrecognised values."""
    lookup = {fold(w): g for g, ws in words.items() for w in ws}
    lookup.update({str(k): v for k, v in codes.items()})
    key = fold_series(cell_text(raw)).str.replace(r"[^0-9a-z ]", "", regex=True).str.strip()
    gender = key.map(lookup).fillna("").astype(str)
    return pd.DataFrame({"gender": gender, "gender_bad": (key != "") & (gender == "")},
                        index=raw.index)


def normalize_nationality(raw: pd.Series, citizen_words: list[str]) -> pd.DataFrame:
    """``foreign`` is True when a nationality other than Vietnamese is written (raw text kept)."""
    text = cell_text(raw)
    key = fold_series(text).str.replace(r"[^a-z ]", "", regex=True).str.strip()
    citizen = {fold(w) for w in citizen_words}
    foreign = (key != "") & ~key.isin(citizen)
    return pd.DataFrame({"nationality": text, "foreign": np.asarray(foreign, dtype=bool)},
                        index=raw.index)
