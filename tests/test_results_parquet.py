"""results.parquet: written beside results.csv for a run of at least engine.results_parquet_rows
rows, with the same rows and columns."""

import pandas as pd
from conftest import TODAY

from vaxrecon.config import load_config
from vaxrecon.documents.write import write_outputs
from vaxrecon.pipeline import verify


def test_a_large_run_also_writes_its_results_as_parquet_and_a_small_one_does_not(world, tmp_path):
    lists = sorted((world / "lists").iterdir())[:1]
    result = verify(lists, world / "population.csv", load_config(), TODAY)
    rows = len(result.results)
    large = load_config(overrides={"engine.results_parquet_rows": rows})
    small = load_config(overrides={"engine.results_parquet_rows": rows + 1})
    write_outputs(result, tmp_path / "large", "vi", cfg=large)
    write_outputs(result, tmp_path / "small", "vi", cfg=small)
    assert not (tmp_path / "small" / "results.parquet").exists()
    table = pd.read_parquet(tmp_path / "large" / "results.parquet")
    text = pd.read_csv(tmp_path / "large" / "results.csv", dtype=str, keep_default_na=False)
    assert list(table.columns) == list(text.columns) and len(table) == len(text) == rows
    for col in ("source", "status", "person_id", "reasons", "listed_name"):
        assert (table[col] == text[col]).all(), col
    assert pd.api.types.is_integer_dtype(table["row"]) and (table["row"].astype(str) == text["row"]).all()
    assert table["status"].isin(["verified", "needs_correction"]).sum() > 0
