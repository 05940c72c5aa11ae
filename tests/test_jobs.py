"""Matching in worker processes gives exactly what matching in-process gives."""

import pandas as pd
from conftest import TODAY
from typer.testing import CliRunner

from vaxrecon.cli import app
from vaxrecon.config import load_config
from vaxrecon.engines.jobs import match_rows, worker_count
from vaxrecon.pipeline import load_extract, verify


def test_results_with_two_workers_are_identical_to_one(world):
    lists = sorted((world / "lists").iterdir())
    extract = load_extract(world / "population.csv", load_config(), TODAY)
    one = verify(lists, extract, load_config(overrides={"match.jobs": 1}), TODAY).results
    two = verify(
        lists, extract, load_config(overrides={"match.jobs": 2, "match.min_rows_per_job": 50}), TODAY
    ).results
    assert len(one) > 200
    pd.testing.assert_frame_equal(one, two)


def test_the_pool_really_splits_the_rows(world, monkeypatch):
    import vaxrecon.engines.jobs as jobs

    cfg = load_config(overrides={"match.jobs": 2, "match.min_rows_per_job": 10})
    extract = load_extract(world / "population.csv", cfg, TODAY)
    rows = extract.frame.iloc[:40].copy()
    chunks = []
    real = jobs._match_chunk
    monkeypatch.setattr(
        jobs.ProcessPoolExecutor, "map", lambda self, fn, items: [chunks.append(b) or real(b) for b in items]
    )
    jobs._SHARED.clear()
    out = match_rows(rows, extract.matching, extract.model, cfg)
    assert len(chunks) == 4 and chunks[0][0] == 0 and chunks[-1][1] == 40 and len(out) == 40


def test_cli_byte_identical_results_csv(world, tmp_path):
    lists = [str(p) for p in sorted((world / "lists").iterdir())]
    cfg = tmp_path / "small_jobs.yaml"
    cfg.write_text("match:\n  min_rows_per_job: 50\n")
    files = []
    for n in (1, 2):
        out = tmp_path / f"out{n}"
        res = CliRunner().invoke(
            app,
            [
                "verify",
                *lists,
                "-p",
                str(world / "population.csv"),
                "-o",
                str(out),
                "--jobs",
                str(n),
                "--no-ledger",
                "-q",
                "--today",
                TODAY.isoformat(),
                "--config",
                str(cfg),
            ],
        )
        assert res.exit_code == 0, res.output
        files.append((out / "results.csv").read_bytes())
    assert files[0] == files[1]


def test_zero_means_every_core():
    assert worker_count(0) >= 1 and worker_count(3) == 3
