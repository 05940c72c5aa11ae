"""Generate a synthetic population for one province, vectorised with numpy."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from importlib import resources

import numpy as np
import pandas as pd
import yaml

from vaxrecon.admin_units import bare_name, units
from vaxrecon.errors import InputError

PERSON_COLUMNS = [
    "person_id",
    "cmnd",
    "name",
    "family",
    "middle",
    "given",
    "gender",
    "dob",
    "group",
    "province",
    "district",
    "commune",
    "commune_code",
    "village",
]


@lru_cache(maxsize=1)
def name_tables() -> dict:
    text = resources.files("vaxrecon").joinpath("data/names.yaml").read_text("utf-8")
    return yaml.safe_load(text)


def _pick(rng: np.random.Generator, table: dict[str, float], n: int) -> np.ndarray:
    keys = np.array(list(table), dtype=object)
    weights = np.array(list(table.values()), dtype=float)
    return keys[rng.choice(len(keys), size=n, p=weights / weights.sum())]


def province_units(province: str) -> pd.DataFrame:
    u = units()
    hits = u[u["province_bare"] == bare_name(province)]
    if hits.empty:
        raise InputError(key="err.no_province", name=province)
    return hits.reset_index(drop=True)


def make_names(rng: np.random.Generator, group: np.ndarray, gender: np.ndarray) -> pd.DataFrame:
    """Family, middle and given names by ethnic group and gender, in Vietnamese order."""
    tables = name_tables()
    n = len(group)
    family = np.empty(n, dtype=object)
    middle = np.empty(n, dtype=object)
    given = np.empty(n, dtype=object)
    for g in ("kinh", "cham", "raglai"):
        t = tables[g]
        for sex in ("M", "F"):
            idx = np.flatnonzero((group == g) & (gender == sex))
            family[idx] = _pick(rng, t["family"], len(idx))
            middle[idx] = _pick(rng, t[f"middle_{sex}"], len(idx))
            given[idx] = _pick(rng, t[f"given_{sex}"], len(idx))
    kinh = np.flatnonzero(group == "kinh")
    two = kinh[rng.random(len(kinh)) < tables["kinh"]["second_given_share"]]
    if len(two):
        first = np.where(
            gender[two] == "F",
            _pick(rng, {"Thu": 1, "Ngọc": 1, "Bảo": 1, "Khánh": 1}, len(two)),
            _pick(rng, {"Minh": 1, "Gia": 1, "Anh": 1, "Quốc": 1}, len(two)),
        )
        given[two] = first + " " + given[two]
    out = pd.DataFrame({"family": family, "middle": middle, "given": given})
    return out.assign(name=_full_name(out))[["name", "family", "middle", "given"]]


def _ages(rng: np.random.Generator, n: int) -> np.ndarray:
    age = np.arange(101)
    weight = np.where(age <= 45, 1.0, np.maximum(0.03, 1.0 - (age - 45) / 50))
    return rng.choice(age, size=n, p=weight / weight.sum())


def make_ids(
    rng: np.random.Generator,
    prov_code: np.ndarray,
    gender: np.ndarray,
    dob: pd.Series,
    taken: set[str] | None = None,
) -> np.ndarray:
    """Unique 12-digit IDs: province-of-birth code, century/gender digit, year digits, random."""
    year = dob.dt.year.to_numpy()
    g = 2 * ((year - 1900) // 100) + (gender == "F")
    prefix = (
        pd.Series(prov_code, dtype=str)
        + pd.Series(g).astype(str)
        + pd.Series(year % 100).astype(str).str.zfill(2)
    )

    def serial(k: int) -> pd.Series:
        return pd.Series(rng.integers(0, 1_000_000, k)).astype(str).str.zfill(6)

    ids = prefix + serial(len(year))
    taken = taken or set()
    for _ in range(50):
        bad = ids.duplicated() | ids.isin(taken)
        if not bad.any():
            return ids.to_numpy(dtype=object)
        ids[bad] = prefix[bad] + serial(int(bad.sum())).set_axis(ids.index[bad])
    raise RuntimeError("could not draw unique IDs")


def make_people(
    rng: np.random.Generator,
    n: int,
    province: str,
    syn: dict,
    reference: dt.date,
    taken: set[str] | None = None,
    weights: np.ndarray | None = None,
) -> pd.DataFrame:
    """``n`` synthetic people living in ``province`` (commune, village, names, dates, IDs).

    ``weights`` sets each commune's expected share (the province's communes in list order).
    """
    pu = province_units(province)
    sizes = rng.gamma(2.0, 1.0, len(pu)) if weights is None else np.asarray(weights, dtype=float)
    commune_idx = rng.choice(len(pu), size=n, p=sizes / sizes.sum())
    gender = np.where(rng.random(n) < 0.5, "M", "F").astype(object)
    minority = syn["minority_share"] if bare_name(province) == "ninh thuan" else {}
    r = rng.random(n)
    group = np.full(n, "kinh", dtype=object)
    cut = 0.0
    for g, share in minority.items():
        group[(r >= cut) & (r < cut + share)] = g
        cut += share
    ages = _ages(rng, n)
    dob = (
        pd.Timestamp(reference) - pd.to_timedelta(ages * 365 + rng.integers(0, 365, n), unit="D")
    ).normalize()
    dob = pd.Series(dob)
    home = "0" + pu["province_code"].iloc[0]
    others = sorted({"0" + c for c in units()["province_code"].unique()} - {home})
    prov = np.where(rng.random(n) < syn["born_elsewhere"], rng.choice(others, n), home)
    people = make_names(rng, group, gender)
    people["person_id"] = make_ids(rng, prov, gender, dob, taken)
    adult = (dob.dt.year <= reference.year - 18).to_numpy()
    has_cmnd = adult & (rng.random(n) < syn["cmnd_share"])
    serial = pd.Series(rng.permutation(10_000_000)[:n]).astype(str).str.zfill(7)
    people["cmnd"] = np.where(has_cmnd, syn["cmnd_prefix"] + serial, "")
    people["gender"] = gender
    people["dob"] = dob.dt.date
    people["group"] = group
    chosen = pu.iloc[commune_idx].reset_index(drop=True)
    for col in ("province", "district", "commune", "commune_code"):
        people[col] = chosen[col].to_numpy()
    villages = rng.integers(1, 9, n)
    kind = np.where(chosen["level"].to_numpy() == "Phường", "Khu phố", "Thôn")
    people["village"] = pd.Series(kind) + " " + pd.Series(villages).astype(str)
    return people[PERSON_COLUMNS]


def add_households(rng: np.random.Generator, people: pd.DataFrame, mean_size: float) -> pd.DataFrame:
    """Group people of one village into households: each shares the address of its first member;
    members at least 16 years younger than the eldest are its children and take the eldest's
    family name, and children of one gender share their middle name (siblings)."""
    if mean_size <= 1 or people.empty:
        return people.assign(household=np.arange(len(people)))
    order = people.assign(_r=rng.random(len(people))).sort_values(["commune_code", "village", "_r"]).index
    people = people.loc[order].reset_index(drop=True)
    sizes = 1 + rng.poisson(mean_size - 1, len(people))
    starts = np.cumsum(sizes)
    hh = np.searchsorted(starts, np.arange(len(people)), side="right")
    people["household"] = hh
    by_hh = people.groupby("household", sort=False)
    for col in ("commune", "commune_code", "district", "province", "village"):
        people[col] = by_hh[col].transform("first")
    year = pd.to_datetime(people["dob"]).dt.year
    eldest = year.groupby(people["household"]).transform("min")
    child = (year - eldest >= 16).to_numpy()
    head_idx = year.groupby(people["household"]).transform("idxmin").to_numpy()
    people.loc[child, "family"] = people["family"].to_numpy()[head_idx][child]
    people.loc[child, "group"] = people["group"].to_numpy()[head_idx][child]
    kids = people[child]
    people.loc[child, "middle"] = kids.groupby(["household", "gender"])["middle"].transform("first")
    people["name"] = _full_name(people)
    return people


def relative_ids(people: pd.DataFrame) -> pd.Series:
    """For each person, the ID of another member of their household (empty when alone)."""
    hh = people["household"]
    nxt = people.groupby(hh, sort=False)["person_id"].shift(-1)
    first = people.groupby(hh, sort=False)["person_id"].transform("first")
    rel = nxt.fillna(first)
    return rel.where(rel != people["person_id"], "")


def _full_name(people: pd.DataFrame) -> pd.Series:
    return (
        (people["family"] + " " + people["middle"] + " " + people["given"])
        .str.replace(r"\s+", " ", regex=True)
        .str.strip()
    )


def add_twins(rng: np.random.Generator, people: pd.DataFrame, share: float) -> pd.DataFrame:
    """Twins: same family, middle name, birth date, household and address; own given name and ID.
    Half of them get the twin's given name with one mark changed (Hùng/Hưng, Lan/Lân)."""
    k = int(len(people) * share)
    if k == 0:
        return people
    base = people.sample(n=k, random_state=rng.integers(2**31)).reset_index(drop=True)
    twins = base.copy()
    gender = np.where(rng.random(k) < 0.5, "M", "F").astype(object)
    names = make_names(rng, twins["group"].to_numpy(), gender)
    pairs = name_tables()["one_mark_pairs"]
    variant = base["given"].map(pairs).fillna("")
    one_mark = (variant != "").to_numpy() & (rng.random(k) < 0.5)
    twins["given"] = np.where(one_mark, variant, names["given"].to_numpy())
    twins["gender"] = np.where(one_mark, base["gender"], gender)
    twins["name"] = _full_name(twins)
    prov = twins["person_id"].str[:3].to_numpy()
    twins["person_id"] = make_ids(
        rng, prov, twins["gender"].to_numpy(), pd.to_datetime(twins["dob"]), set(people["person_id"])
    )
    twins["cmnd"] = ""
    return pd.concat([people, twins], ignore_index=True)


def population_extract(people: pd.DataFrame, commune_codes: bool = True) -> pd.DataFrame:
    """The people as a database export would write them (headers and formats). Without commune
    codes the export names the units and gives the permanent address as text instead."""
    out = pd.DataFrame(
        {
            "SO_DINH_DANH": people["person_id"],
            "SO_CMND": people["cmnd"],
            "HO_VA_TEN": people["name"].str.upper(),
            "NGAY_SINH": pd.to_datetime(people["dob"]).dt.strftime("%d/%m/%Y"),
            "GIOI_TINH": people["gender"].map({"M": "Nam", "F": "Nữ"}),
            "QUOC_TICH": "Việt Nam",
            "TINH_TP": people["province"],
            "QUAN_HUYEN": people["district"],
            "PHUONG_XA": people["commune"],
            "MA_PX": people["commune_code"],
            "THON_XOM": people["village"],
        }
    )
    if commune_codes:
        return out
    address = (
        people["village"] + ", " + people["commune"] + ", " + people["district"] + ", " + people["province"]
    )
    out["NOI_THUONG_TRU"] = address.to_numpy()
    return out.drop(columns=["MA_PX"])
