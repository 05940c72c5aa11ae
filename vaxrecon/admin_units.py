"""The 2021 administrative units (GSO list): provinces, districts, communes, and CCCD codes."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from importlib import resources

import pandas as pd

from vaxrecon.normalize.text import fold, fold_series, unify_tones, unify_tones_series

_PREFIXES = re.compile(r"^(xa|phuong|thi tran|huyen|quan|thi xa|thanh pho|tinh|tp\.?)\s+")


@lru_cache(maxsize=1)
def _table() -> pd.DataFrame:
    path = resources.files("vaxrecon").joinpath("data/admin_units_2021.csv.gz")
    with resources.as_file(path) as p:
        df = pd.read_csv(p, dtype=str, keep_default_na=False)
    return df.rename(columns={
        "Tỉnh Thành Phố": "province", "Mã TP": "province_code", "Quận Huyện": "district",
        "Mã QH": "district_code", "Phường Xã": "commune", "Mã PX": "commune_code", "Cấp": "level",
    })[["province", "province_code", "district", "district_code", "commune", "commune_code", "level"]]


@lru_cache(maxsize=1)
def units() -> pd.DataFrame:
    """One row per commune: province/district/commune names and codes, plus folded bare names."""
    df = _table().copy()
    lower = df["commune"].str.normalize("NFC").str.lower().str.replace(r"\s+", " ", regex=True).str.strip()
    df["commune_lower"] = unify_tones_series(lower)
    df["commune_fold"] = fold_series(df["commune"])
    for level in ("commune", "district", "province"):
        folded = fold_series(df[level]).str.replace(r"\s+", " ", regex=True).str.strip()
        df[f"{level}_bare"] = folded.str.replace(_PREFIXES.pattern, "", regex=True)
    return df


def _lower(name: str) -> str:
    return unify_tones(re.sub(r"\s+", " ", unicodedata.normalize("NFC", str(name)).lower()).strip())


def bare_name(name: str) -> str:
    """Folded name without its unit prefix: 'Xã Phước Hải' -> 'phuoc hai'."""
    text = re.sub(r"\s+", " ", fold(str(name))).strip()
    return _PREFIXES.sub("", text)


@lru_cache(maxsize=1)
def cccd_province_codes() -> frozenset[str]:
    """Three-digit province codes of the personal ID number: '0' + the GSO province code."""
    return frozenset("0" + c for c in _table()["province_code"].unique())


def find_communes(text: str, province: str = "") -> pd.DataFrame:
    """Communes whose code equals ``text`` or whose name matches it (prefix and marks optional),
    within ``province`` (a name or code) when one is given."""
    df = units()
    text = str(text).strip()
    if text.isdigit():
        return df[df["commune_code"] == text.zfill(5)]
    if province:
        p = str(province).strip()
        df = df[(df["province_code"] == p.zfill(2)) if p.isdigit() else (df["province_bare"] == bare_name(p))]
    for column, key in (("commune_lower", _lower(text)), ("commune_fold", fold(text))):
        hits = df[df[column] == key]
        if len(hits):
            return hits
    return df[df["commune_bare"] == bare_name(text)]
