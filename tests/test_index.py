"""The extract index finds exactly the pairs and IDs the equi-joins and scans find."""

import pandas as pd
import pytest
from conftest import TODAY

from vaxrecon.config import load_config
from vaxrecon.ingest.lists import read_list
from vaxrecon.matchers.blocking import RULES, block_keys, rule_pairs, rule_rows, union_pairs
from vaxrecon.matchers.comparisons import matching_frame
from vaxrecon.matchers.decide import extract_flags, match_block
from vaxrecon.matchers.index import ExtractIndex
from vaxrecon.matchers.scoring import with_id_holders
from vaxrecon.normalize.records import normalize_records
from vaxrecon.pipeline import load_extract


@pytest.fixture(scope="module")
def prepared(world):
    cfg = load_config()
    extract = load_extract(world / "population.csv", cfg, TODAY)
    raw = pd.concat(
        [read_list(p, cfg).records for p in sorted((world / "lists").iterdir())], ignore_index=True
    )
    return normalize_records(raw, cfg, TODAY), extract


def _joined(listed, extract, max_block_size):
    """The pairs of one equi-join per rule (the partitioned and Dask engines' way)."""
    lk, rk = block_keys(listed, listed=True), block_keys(extract, listed=False)
    found = [rule_pairs(rule_rows(lk, r, "li"), rule_rows(rk, r, "ri"), r, max_block_size) for r in RULES]
    return union_pairs(found)


@pytest.mark.parametrize("max_block_size", [1, 3, 50])
def test_index_pairs_are_the_joins_pairs(prepared, max_block_size):
    rows, extract = prepared
    listed = with_id_holders(matching_frame(rows), extract.matching)
    joined = _joined(listed, extract.matching, max_block_size)
    looked_up = ExtractIndex.of(extract.matching, max_block_size).blocks.pairs(listed)
    key = ["li", "ri", "rule"]
    assert len(joined) > len(rows) // 2  # the world's lists really have candidates
    pd.testing.assert_frame_equal(
        looked_up.sort_values(key).reset_index(drop=True), joined.sort_values(key).reset_index(drop=True)
    )


def test_small_blocks_really_drop_pairs(prepared):
    rows, extract = prepared
    listed = with_id_holders(matching_frame(rows), extract.matching)
    small, large = (ExtractIndex.of(extract.matching, n).blocks.pairs(listed) for n in (1, 50))
    assert len(small) < len(large)


def test_id_lookups_match_a_scan(prepared):
    rows, extract = prepared
    index = ExtractIndex.of(extract.matching, 50)
    flags = extract_flags(rows, extract.matching, index.ids)
    held = set(extract.matching["person_id"]) - {""}
    given = rows["id_value"].where(rows["id_kind"] == "cccd", "")
    assert flags["id_in_extract"].tolist() == [g in held for g in given]
    assert flags["id_in_extract"].any() and not flags["id_in_extract"].all()
    cmnds = set(extract.matching["cmnd"]) - {""}
    assert flags["cmnd_in_extract"].tolist() == [c in cmnds for c in rows["cmnd"]]


def test_outcomes_do_not_depend_on_the_pairs_order(prepared, monkeypatch):
    rows, extract = prepared
    cfg = load_config()
    index = extract.index(cfg)
    before = match_block(rows, extract.matching, extract.model, cfg, index).outcomes
    found = index.blocks.pairs
    monkeypatch.setattr(
        type(index.blocks), "pairs", lambda self, listed: found(listed).iloc[::-1].reset_index(drop=True)
    )
    after = match_block(rows, extract.matching, extract.model, cfg, index).outcomes
    pd.testing.assert_frame_equal(before, after)
