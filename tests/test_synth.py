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
    assert (truth.loc[truth["true_class"] != "match", "person_id"] != "").sum() == \
        (truth["true_class"] == "duplicate").sum()
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
        digests.append({f.relative_to(tmp_path / name).as_posix(): hashlib.sha256(f.read_bytes()).hexdigest()
                        for f in files})
    assert digests[0] == digests[1] and len(digests[0]) == 6
    synthesize(tmp_path / "c", cfg, population=600, lists=2, rows=40, seed=10)
    other = (tmp_path / "c" / "population.csv").read_bytes()
    assert other != (tmp_path / "a" / "population.csv").read_bytes()


def test_doses_have_truth_for_every_record(world):
    doses = pd.read_csv(world / "doses.csv", dtype=str, keep_default_na=False)
    truth = pd.read_csv(world / "doses_truth.csv", dtype=str, keep_default_na=False)
    assert doses["MA_MUI_TIEM"].tolist() == truth["record_id"].tolist()
    kinds = {"", "duplicate_dose", "dose_number_conflict", "dose_order", "interval_too_short",
             "date_in_future", "date_before_rollout", "date_before_birth", "vaccine_unknown",
             "too_many_doses"}
    assert set(truth["kind"]) <= kinds and (truth["kind"] != "").any()
    assert ((truth["event"] != "") == (truth["kind"] != "")).all()
    assert "DIA_DIEM_TIEM" in doses.columns and (doses["DIA_DIEM_TIEM"] != "").all()
