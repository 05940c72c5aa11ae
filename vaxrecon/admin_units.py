"""The 2021 administrative units (GSO list): provinces, districts, communes, and CCCD codes."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd

from vaxrecon.normalize.text import fold, fold_series, unify_tones, unify_tones_series

_PREFIXES = re.compile(r"^(xa|phuong|thi tran|huyen|quan|thi xa|thanh pho|tinh|tp\.?)\s+")


_SOURCE = "data/admin_units_2021.csv.gz"  # the GSO list as published
_PREPARED = "data/admin_units_2021.arrow"  # units(): generated from it by write_units_table()


def source_table() -> pd.DataFrame:
    """The GSO list (one row per commune) with its columns named in English."""
    with resources.as_file(resources.files("vaxrecon").joinpath(_SOURCE)) as p:
        df = pd.read_csv(p, dtype=str, keep_default_na=False)
    return df.rename(
        columns={
            "Tỉnh Thành Phố": "province",
            "Mã TP": "province_code",
            "Quận Huyện": "district",
            "Mã QH": "district_code",
            "Phường Xã": "commune",
            "Mã PX": "commune_code",
            "Cấp": "level",
        }
    )[["province", "province_code", "district", "district_code", "commune", "commune_code", "level"]]


def derive_units(table: pd.DataFrame) -> pd.DataFrame:
    """The GSO list plus the name keys that lookups compare: tone-unified lower case, folded, and
    folded without the unit prefix."""
    df = table.copy()
    lower = df["commune"].str.normalize("NFC").str.lower().str.replace(r"\s+", " ", regex=True).str.strip()
    df["commune_lower"] = unify_tones_series(lower)
    df["commune_fold"] = fold_series(df["commune"])
    for level in ("commune", "district", "province"):
        folded = fold_series(df[level]).str.replace(r"\s+", " ", regex=True).str.strip()
        df[f"{level}_bare"] = folded.str.replace(_PREFIXES.pattern, "", regex=True)
    return df


def write_units_table(path: Path | None = None) -> Path:
    """Generate the shipped :func:`units` table from the GSO list (run after changing either:
    ``python -c "from vaxrecon.admin_units import write_units_table; write_units_table()"``)."""
    path = path or Path(str(resources.files("vaxrecon").joinpath(_PREPARED)))
    derive_units(source_table()).to_feather(path, compression="zstd")
    return path


@lru_cache(maxsize=1)
def units() -> pd.DataFrame:
    """One row per commune: province/district/commune names and codes, plus folded bare names
    (:func:`derive_units`, shipped precomputed: deriving the keys at each start cost 0.2 s)."""
    with resources.as_file(resources.files("vaxrecon").joinpath(_PREPARED)) as p:
        return pd.read_feather(p)


def _lower(name: str) -> str:
    return unify_tones(re.sub(r"\s+", " ", unicodedata.normalize("NFC", str(name)).lower()).strip())


def bare_name(name: str) -> str:
    """Folded name without its unit prefix: 'Xã Phước Hải' -> 'phuoc hai'."""
    text = re.sub(r"\s+", " ", fold(str(name))).strip()
    return _PREFIXES.sub("", text)


@lru_cache(maxsize=1)
def cccd_province_codes() -> frozenset[str]:
    """Three-digit province codes of the personal ID number: '0' + the GSO province code."""
    return frozenset("0" + c for c in units()["province_code"].unique())


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


def _bare_series(s: pd.Series) -> pd.Series:
    folded = fold_series(s.fillna("").astype(str)).str.replace(r"[^a-z0-9 ]", " ", regex=True)
    folded = folded.str.replace(r"\s+", " ", regex=True).str.strip()
    return folded.str.replace(_PREFIXES.pattern, "", regex=True)


@lru_cache(maxsize=4)
def _unique_code(keys: tuple[str, ...]) -> pd.DataFrame:
    """Key (bare names, punctuation as spaces) -> commune code where it names exactly one commune."""
    u = units()
    df = pd.DataFrame({k: _bare_series(u[k.removesuffix("_bare")]) for k in keys})
    df["commune_code"] = u["commune_code"].to_numpy()
    counts = df.groupby(list(keys), sort=False)["commune_code"].agg(["first", "size"])
    return counts.loc[counts["size"] == 1, ["first"]].rename(columns={"first": "code"})


_COMMUNE_WORD = re.compile(r"^\s*(?:xa|phuong|thi tran|tt|p|x)[\s.]")


def _address_parts(address: pd.Series) -> list[pd.Series]:
    """(commune, district, province) parts of addresses "…, Xã A, Huyện B, Tỉnh C": the first part
    named as a commune (xã/phường/thị trấn) and the two after it, else the third part from the end
    and the two after it."""
    split = address.str.split(",")
    folded = split.map(lambda parts: [fold(x) for x in parts])
    named = folded.map(lambda parts: next((i for i, x in enumerate(parts) if _COMMUNE_WORD.match(x)), -1))
    start = np.where(named >= 0, named, split.str.len() - 3)
    out = []
    for k in range(3):
        out.append(
            pd.Series(
                [
                    parts[i + k] if 0 <= i + k < len(parts) else ""
                    for parts, i in zip(split, start + 0, strict=True)
                ],
                index=address.index,
                dtype=object,
            )
        )
    return out


def resolve_commune_codes(
    commune: pd.Series,
    district: pd.Series,
    province: pd.Series,
    address: pd.Series,
    default_province: str = "",
) -> pd.Series:
    """GSO commune codes from unit names (and, where those are blank, the comma-separated parts of
    an address), matched without prefix, case or marks; '' where no single commune fits.

    A commune name is looked up with its district and province when given, else within the
    province, else alone; a name that fits two communes at that level stays unresolved."""
    raw = pd.DataFrame({"c": commune, "d": district, "p": province, "a": address}).fillna("").astype(str)
    keys, uniq_rows = pd.factorize(raw["c"] + "\x1f" + raw["d"] + "\x1f" + raw["p"] + "\x1f" + raw["a"])
    first = (
        pd.DataFrame([k.split("\x1f") for k in uniq_rows], columns=["c", "d", "p", "a"])
        if len(uniq_rows)
        else pd.DataFrame(columns=["c", "d", "p", "a"])
    )
    from_addr = first["c"].str.strip() == ""
    parts = _address_parts(first["a"])
    look = pd.DataFrame(
        {
            "c": _bare_series(first["c"].where(~from_addr, parts[0])),
            "d": _bare_series(first["d"].where(~from_addr | (first["d"] != ""), parts[1])),
            "p": _bare_series(first["p"].where(~from_addr | (first["p"] != ""), parts[2])),
        }
    )
    look["p"] = look["p"].where(look["p"] != "", bare_name(default_province) if default_province else "")
    code = pd.Series("", index=look.index, dtype=object)
    tables = [
        (["commune_bare", "district_bare", "province_bare"], ["c", "d", "p"]),
        (["commune_bare", "province_bare"], ["c", "p"]),
        (["commune_bare"], ["c"]),
    ]
    for unit_keys, frame_keys in tables:
        todo = (code == "") & (look["c"] != "") & (look[frame_keys] != "").all(axis=1)
        if not todo.any():
            continue
        table = _unique_code(tuple(unit_keys))
        idx = (
            pd.MultiIndex.from_frame(look.loc[todo, frame_keys])
            if len(frame_keys) > 1
            else pd.Index(look.loc[todo, frame_keys[0]])
        )
        code[todo] = table["code"].reindex(idx).fillna("").to_numpy()
    out = code.to_numpy()[keys] if len(uniq_rows) else np.array([], dtype=object)
    return pd.Series(out, index=commune.index, dtype=object)
