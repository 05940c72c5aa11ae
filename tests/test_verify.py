"""End to end on synthetic data: accuracy floors, row accounting, duplicates."""

from conftest import TODAY

from vaxrecon.evaluation import evaluate
from vaxrecon.pipeline import verify


def run(world, cfg):
    lists = sorted((world / "lists").iterdir())
    return verify(lists, world / "population.csv", cfg, TODAY)


def test_accuracy_floors_and_no_row_lost(world, cfg):
    import pandas as pd

    result = run(world, cfg)
    truth = pd.read_csv(world / "truth.csv", dtype=str, keep_default_na=False)
    ev = evaluate(result.results, truth)
    assert ev["rows_lost"] == 0 and ev["rows_invented"] == 0
    assert ev["link_precision"] >= 0.999
    assert ev["link_recall"] >= 0.97
    assert ev["non_citizen_precision"] >= 0.99 and ev["non_citizen_recall"] >= 0.99
    assert ev["duplicate_precision"] >= 0.9


def test_summary_counts_add_up(world, cfg):
    result = run(world, cfg)
    summary = result.summary()
    assert sum(summary["counts"].values()) == summary["rows"] == len(result.results)
    assert sum(s["rows"] for s in summary["sheets"]) == summary["rows"]
    assert all(len(item["sha256"]) == 64 for item in summary["lists"])
    assert summary["lists"][0]["deadline"] > summary["lists"][0]["list_date"]


def test_every_result_row_has_exactly_one_status_and_reasons_are_known(world, cfg):
    from vaxrecon.reasons import Reason, Status

    res = run(world, cfg).results
    assert res["status"].isin([s.value for s in Status]).all()
    codes = {c for r in res["reasons"] for c in r.split(";") if c}
    assert codes <= {r.value for r in Reason}
    linked = res["status"].isin(["verified", "needs_correction"])
    assert (res.loc[linked, "person_id"].str.len() == 12).all()
    assert (res.loc[~linked, "person_id"] == "").all()


def test_em_training_refines_m_and_keeps_accuracy(world, cfg):
    import numpy as np
    import pandas as pd

    from vaxrecon.ingest.lists import read_list
    from vaxrecon.ingest.population import read_population
    from vaxrecon.matchers.comparisons import matching_frame
    from vaxrecon.matchers.scoring import build_model, m_from_config, train_on_rows
    from vaxrecon.normalize.records import normalize_records

    extract = matching_frame(read_population(world / "population.csv", cfg, TODAY))
    rows = normalize_records(read_list(next((world / "lists").glob("*form.xlsx")), cfg).records, cfg, TODAY)
    trained = train_on_rows(rows, extract, build_model(extract, cfg), cfg)
    default = m_from_config(cfg)
    assert any(not np.allclose(trained.m[f], default[f]) for f in default)
    assert all(np.isclose(trained.m[f].sum(), 1.0) for f in default)
    result = verify(sorted((world / "lists").iterdir()), world / "population.csv", cfg, TODAY, train=True)
    ev = evaluate(result.results, pd.read_csv(world / "truth.csv", dtype=str, keep_default_na=False))
    assert ev["link_precision"] >= 0.999 and ev["rows_lost"] == 0
