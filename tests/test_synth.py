import datetime as dt
import hashlib

import pandas as pd

from vaxrecon.admin_units import cccd_province_codes
from vaxrecon.config import load_config
from vaxrecon.ingest.lists import read_list
from vaxrecon.synth.generate import synthesize
from vaxrecon.synth.layouts import LAYOUTS


def test_population_ids_are_valid_and_unique(world):
    pop = pd.read_csv(world / "population.csv", dtype=str, keep_default_na=False)
    ids = pop["SO_DINH_DANH"]
    assert ids.is_unique and ids.str.fullmatch(r"\d{12}").all()
    assert ids.str[:3].isin(cccd_province_codes()).all()
    year = pd.to_datetime(pop["NGAY_SINH"], format="%d/%m/%Y").dt.year
    g = ids.str[3].astype(int)
    assert ((1900 + 100 * (g // 2)) == (year // 100 * 100)).all()
    assert (ids.str[4:6].astype(int) == year % 100).all()
    assert ((g % 2 == 1) == (pop["GIOI_TINH"] == "Nữ")).all()
    cmnd = pop.loc[pop["SO_CMND"] != "", "SO_CMND"]
    assert cmnd.str.fullmatch(r"\d{9}").all() and cmnd.is_unique


def test_truth_covers_exactly_the_data_rows(world, cfg):
    truth = pd.read_csv(world / "truth.csv", dtype=str, keep_default_na=False)
    layouts = set()
    for path in sorted((world / "lists").iterdir()):
        rec = read_list(path, cfg).records
        got = set(zip(rec["sheet"], rec["row"].astype(str), strict=True))
        mine = truth[truth["file"] == path.name]
        assert got == set(zip(mine["sheet"], mine["row"], strict=True)), path.name
        layouts |= {name for name in LAYOUTS if path.stem.endswith("_" + name)}
    assert layouts == set(LAYOUTS)
    assert set(truth["true_class"]) == {"match", "not_in_population", "non_citizen", "duplicate"}
    assert (truth.loc[truth["true_class"] != "match", "person_id"] != "").sum() == (
        truth["true_class"] == "duplicate"
    ).sum()
    dup = truth[truth["true_class"] == "duplicate"]
    assert (dup["duplicate_of"] != "").all()


def test_error_rates_are_near_the_configured_ones(tmp_path):
    cfg = load_config()
    result = synthesize(tmp_path, cfg, population=8000, lists=2, rows=1500, seed=3)
    for row in result.error_rates:
        if row["eligible"] < 400:
            continue
        rate, n = row["configured"], row["eligible"]
        tolerance = 4 * (rate * (1 - rate) / n) ** 0.5 + 0.002
        assert abs(row["measured"] - rate) <= tolerance, row


def test_same_seed_gives_the_same_bytes(tmp_path):
    cfg = load_config()
    digests = []
    for name in ("a", "b"):
        synthesize(tmp_path / name, cfg, population=600, lists=2, rows=40, seed=9)
        files = sorted((tmp_path / name).rglob("*.*"))
        digests.append(
            {
                f.relative_to(tmp_path / name).as_posix(): hashlib.sha256(f.read_bytes()).hexdigest()
                for f in files
            }
        )
    assert digests[0] == digests[1] and len(digests[0]) == 6
    synthesize(tmp_path / "c", cfg, population=600, lists=2, rows=40, seed=10)
    other = (tmp_path / "c" / "population.csv").read_bytes()
    assert other != (tmp_path / "a" / "population.csv").read_bytes()


def test_doses_have_truth_for_every_record(world):
    doses = pd.read_csv(world / "doses.csv", dtype=str, keep_default_na=False)
    truth = pd.read_csv(world / "doses_truth.csv", dtype=str, keep_default_na=False)
    assert doses["MA_MUI_TIEM"].tolist() == truth["record_id"].tolist()
    kinds = {
        "",
        "duplicate_dose",
        "dose_number_conflict",
        "dose_order",
        "interval_too_short",
        "date_in_future",
        "date_before_rollout",
        "date_before_birth",
        "vaccine_unknown",
        "too_many_doses",
    }
    assert set(truth["kind"]) <= kinds and (truth["kind"] != "").any()
    assert ((truth["event"] != "") == (truth["kind"] != "")).all()
    assert "DIA_DIEM_TIEM" in doses.columns and (doses["DIA_DIEM_TIEM"] != "").all()


def test_hard_data_households_twins_relatives_and_foreign_notations(tmp_path):
    import numpy as np

    from vaxrecon.synth.people import add_households, add_twins, make_people, name_tables, relative_ids

    cfg = load_config()
    rng = np.random.default_rng(4)
    people = make_people(rng, 3000, "Ninh Thuận", cfg["synth"], dt.date(2021, 11, 5))
    people = add_households(rng, people, 3.5)
    people = add_twins(rng, people, 0.05)
    people["relative_id"] = relative_ids(people)
    hh = people.groupby("household")
    assert (hh["village"].nunique() == 1).all() and (hh["commune_code"].nunique() == 1).all()
    assert 2.5 < hh.size().mean() < 5
    # children share the eldest's family name; siblings of one gender share a middle name
    year = pd.to_datetime(people["dob"]).dt.year
    child = year - year.groupby(people["household"]).transform("min") >= 16
    eldest_family = people.loc[year.groupby(people["household"]).idxmin(), ["household", "family"]]
    merged = people[child].merge(eldest_family, on="household", suffixes=("", "_eldest"))
    assert (merged["family"] == merged["family_eldest"]).all()
    # twins: same birth date and household, and for some a given name one mark apart
    pairs = name_tables()["one_mark_pairs"]
    twins = people[people.duplicated(["household", "dob", "family", "middle"], keep=False)]
    assert any(
        pairs.get(a) == b
        for _, g in twins.groupby(["household", "dob"])
        for a in g["given"]
        for b in g["given"]
    )
    rel = people[people["relative_id"] != ""]
    owner = people.set_index("person_id")["household"]
    assert (owner.reindex(rel["relative_id"]).to_numpy() == rel["household"].to_numpy()).all()


def test_extract_without_commune_codes_names_units_and_addresses(tmp_path):
    cfg = load_config()
    result = synthesize(tmp_path, cfg, population=800, lists=1, rows=200, seed=4, commune_codes=False)
    pop = pd.read_csv(tmp_path / "population.csv", dtype=str, keep_default_na=False)
    assert "MA_PX" not in pop.columns and {"PHUONG_XA", "NOI_THUONG_TRU"} <= set(pop.columns)
    from vaxrecon.ingest.population import read_population

    frame = read_population(tmp_path / "population.csv", cfg, dt.date(2021, 11, 6))
    assert (frame["commune_code"].str.fullmatch(r"\d{5}")).all()  # every name resolves
    kinds = {k for row in result.error_rates for k in [row["error"]] if row["applied"]}
    assert {"id_relative", "id_missing_elderly", "name_typo"} <= kinds
