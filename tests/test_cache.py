"""The normalised-extract cache: reused when nothing changed, never stale, owner-only, bounded."""

import stat

import pandas as pd
from conftest import TODAY

from vaxrecon.config import load_config
from vaxrecon.pipeline import load_extract


def _entries(tmp_path):
    return sorted((tmp_path / ".cache" / "vaxrecon").glob("extract-*.parquet"))


def test_second_load_hits_the_cache_and_gives_the_same_extract(world, tmp_path):
    cfg = load_config()
    first = load_extract(world / "population.csv", cfg, TODAY)
    second = load_extract(world / "population.csv", cfg, TODAY)
    assert not first.cached and second.cached and first.info == second.info
    pd.testing.assert_frame_equal(
        first.frame.reset_index(drop=True), second.frame.reset_index(drop=True), check_dtype=False
    )
    pd.testing.assert_frame_equal(first.matching, second.matching, check_dtype=False)
    [entry] = _entries(tmp_path)
    assert stat.S_IMODE(entry.parent.stat().st_mode) == 0o700


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
    entry.write_bytes(b"not parquet")
    assert not load_extract(world / "population.csv", cfg, TODAY).cached
