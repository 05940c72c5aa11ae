"""Gender and nationality."""

from __future__ import annotations

import numpy as np
import pandas as pd

from vaxrecon.normalize.ids import cell_text
from vaxrecon.normalize.text import fold, fold_series


def normalize_gender(raw: pd.Series, words: dict[str, list[str]], codes: dict[str, str]) -> pd.DataFrame:
    """Map gender words and numeric codes to M/F; ``gender_bad`` flags unrecognised values."""
    lookup = {fold(w): g for g, ws in words.items() for w in ws}
    lookup.update({str(k): v for k, v in codes.items()})
    codes_, uniques = pd.factorize(cell_text(raw))
    key = fold_series(pd.Series(uniques, dtype=str)).str.replace(r"[^0-9a-z ]", "", regex=True).str.strip()
    gender_u = key.map(lookup).fillna("").astype(str).to_numpy()
    bad_u = ((key != "") & (gender_u == "")).to_numpy()
    gender = gender_u[codes_] if len(uniques) else np.full(len(raw), "", dtype=object)
    bad = bad_u[codes_] if len(uniques) else np.zeros(len(raw), dtype=bool)
    return pd.DataFrame({"gender": gender, "gender_bad": bad}, index=raw.index)


def normalize_nationality(raw: pd.Series, citizen_words: list[str]) -> pd.DataFrame:
    """``foreign`` is True when a nationality other than Vietnamese is written (raw text kept)."""
    text = cell_text(raw)
    codes_, uniques = pd.factorize(text)
    key = fold_series(pd.Series(uniques, dtype=str)).str.replace(r"[^a-z ]", "", regex=True).str.strip()
    citizen = {fold(w) for w in citizen_words}
    foreign_u = ((key != "") & ~key.isin(citizen)).to_numpy()
    foreign = foreign_u[codes_] if len(uniques) else np.zeros(len(raw), dtype=bool)
    return pd.DataFrame({"nationality": text, "foreign": np.asarray(foreign, dtype=bool)}, index=raw.index)


def nationality_from_note(note: pd.Series, citizen_words: list[str], countries: list[str]) -> pd.Series:
    """A nationality written in the notes ("Quốc tịch Hàn Quốc", "QT: Nhật", "Người Pháp",
    "người nước ngoài"), as folded text; empty where the note names none or names Viet Nam."""
    text = fold_series(cell_text(note)).str.replace(r"[^a-z ]", " ", regex=True)
    text = text.str.replace(r"\s+", " ", regex=True).str.strip()
    stated = text.str.extract(r"(?:^| )(?:quoc tich|qt|nationality) ([a-z ]+)$")[0].fillna("")
    alternatives = "|".join(sorted({fold(c) for c in countries} | {"nuoc ngoai"}, key=len, reverse=True))
    people = text.str.extract(rf"(?:^| )nguoi ({alternatives})(?: |$)")[0].fillna("")
    found = stated.where(stated != "", people).str.strip()
    return found.where(~found.isin({fold(w) for w in citizen_words}), "")
