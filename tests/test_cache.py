"""The normalised-extract cache: reused when nothing changed, never stale, owner-only, bounded."""

import dataclasses
import stat

import numpy as np
import pandas as pd
from conftest import TODAY

from vaxrecon.config import load_config
from vaxrecon.pipeline import load_extract, verify


def _entries(tmp_path):
    return sorted((tmp_path / ".cache" / "vaxrecon").glob("extract-*"))


def test_second_load_hits_the_cache_and_gives_the_same_extract(world, tmp_path):
    cfg = load_config()
    first = load_extract(world / "population.csv", cfg, TODAY)
    second = load_extract(world / "population.csv", cfg, TODAY)
    assert not first.cached and second.cached and first.info == second.info
    pd.testing.assert_frame_equal(
        first.frame.reset_index(drop=True), second.frame.reset_index(drop=True), check_dtype=False
    )
    pd.testing.assert_frame_equal(first.matching, second.matching)
    assert first.province == second.province
    for field in dataclasses.fields(first.model):
        a, b = getattr(first.model, field.name), getattr(second.model, field.name)
        if isinstance(a, pd.Series):
            pd.testing.assert_series_equal(a, b)
        elif isinstance(a, pd.Index):
            pd.testing.assert_index_equal(a, b)
        elif isinstance(a, dict):
            assert a.keys() == b.keys() and all(np.array_equal(a[k], b[k]) for k in a)
        else:
            assert a == b, field.name
    size = cfg["match"]["max_block_size"]
    kept, built = second.indexes[size].blocks.rules, first.index(cfg).blocks.rules
    assert kept.keys() == built.keys() and sum(len(k) for k, _ in kept.values()) > len(first.frame)
    for rule, (keys, rows) in kept.items():
        assert isinstance(keys, np.memmap) and not keys.flags.writeable  # mapped, shared by workers
        assert np.array_equal(keys, built[rule][0]) and np.array_equal(rows, built[rule][1])
    [entry] = _entries(tmp_path)
    assert stat.S_IMODE(entry.parent.stat().st_mode) == 0o700
    assert {stat.S_IMODE(f.stat().st_mode) for f in entry.iterdir()} == {0o600}


def test_a_cached_extract_gives_the_same_results(world, tmp_path):
    cfg = load_config()
    lists = sorted((world / "lists").iterdir())[:1]
    fresh = verify(lists, world / "population.csv", cfg, TODAY)
    again = verify(lists, world / "population.csv", cfg, TODAY)
    assert again.population == fresh.population
    pd.testing.assert_frame_equal(again.results, fresh.results)


def test_a_changed_model_setting_misses_but_not_the_worker_count(world, tmp_path):
    cfg = load_config()
    load_extract(world / "population.csv", cfg, TODAY)
    jobs = load_config(overrides={"match.jobs": 1})
    assert load_extract(world / "population.csv", jobs, TODAY).cached
    other = load_config(overrides={"match.u_sample_pairs": 5000})
    assert not load_extract(world / "population.csv", other, TODAY).cached


def test_a_changed_file_setting_or_date_misses(world, tmp_path):
    cfg = load_config()
    load_extract(world / "population.csv", cfg, TODAY)
    copy = tmp_path / "pop.csv"
    copy.write_bytes((world / "population.csv").read_bytes() + b"\n")
    assert not load_extract(copy, cfg, TODAY).cached
    other = load_config(overrides={"normalize.min_birth_year": 1910})
    assert not load_extract(world / "population.csv", other, TODAY).cached
    assert not load_extract(world / "population.csv", cfg, TODAY.replace(day=7)).cached
    assert len(_entries(tmp_path)) == cfg["cache"]["keep"]


def test_disabled_cache_writes_nothing(world, tmp_path):
    cfg = load_config(overrides={"cache.enabled": False})
    load_extract(world / "population.csv", cfg, TODAY)
    assert not load_extract(world / "population.csv", cfg, TODAY).cached
    assert _entries(tmp_path) == []


def test_a_damaged_entry_is_only_a_miss(world, tmp_path):
    cfg = load_config()
    load_extract(world / "population.csv", cfg, TODAY)
    [entry] = _entries(tmp_path)
    (entry / "matching.parquet").write_bytes(b"not parquet")
    assert not load_extract(world / "population.csv", cfg, TODAY).cached
