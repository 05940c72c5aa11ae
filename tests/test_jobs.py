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


def _read_where(path):
    import os

    return str(path), os.getpid()


def test_several_files_are_read_in_worker_processes_in_file_order(tmp_path):
    import os

    from vaxrecon.pipeline import read_files

    paths = [tmp_path / f"list{i}.xlsx" for i in range(5)]
    told = []
    out = read_files(_read_where, paths, load_config(overrides={"match.jobs": 2}), told.append)
    assert [p for p, _ in out] == [str(p) for p in paths]
    assert os.getpid() not in {pid for _, pid in out}
    assert len(told) == len(paths) and all(p.name in n for n, p in zip(told, paths, strict=True))
    one = read_files(_read_where, paths, load_config(overrides={"match.jobs": 1}), lambda _: None)
    assert {pid for _, pid in one} == {os.getpid()}


def test_a_bad_list_read_in_a_worker_gives_the_same_sentence(world, tmp_path):
    import pytest

    from vaxrecon.errors import InputError

    bad = tmp_path / "khong_co_tieu_de.csv"
    bad.write_text("a;b\n1;2\n", encoding="utf-8")
    lists = [*sorted((world / "lists").iterdir())[:2], bad]
    extract = load_extract(world / "population.csv", load_config(), TODAY)
    said = []
    for jobs in (1, 2):
        with pytest.raises(InputError) as err:
            verify(lists, extract, load_config(overrides={"match.jobs": jobs}), TODAY)
        said.append((type(err.value), err.value.text("vi"), err.value.exit_code))
    assert said[0] == said[1] and "khong_co_tieu_de.csv" in said[0][1]
