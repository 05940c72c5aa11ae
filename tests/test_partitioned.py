"""A Parquet extract read a partition at a time gives exactly what the whole extract gives."""

import numpy as np
import pandas as pd
import pytest
from conftest import TODAY
from hypothesis import given
from hypothesis import strategies as st

from vaxrecon.campaign.clean import clean
from vaxrecon.config import load_config
from vaxrecon.engines.partitioned import LocalPool, PartitionedExtract, mapper_for, pair_blocks, parquet_parts
from vaxrecon.pipeline import load_extract, verify

SMALL = {
    "match.jobs": 1,
    "engine.partition_rows": 700,
    "engine.rows_per_task": 97,
    "engine.pairs_per_task": 1500,
}


@pytest.fixture(scope="module")
def extracts(world, tmp_path_factory):
    """The world's extract with exact repeats of records (across partitions) and IDs several
    different people carry, as one CSV, one Parquet file of small row groups, and a folder
    dataset partitioned by commune code (the CSV in the folder's order)."""
    pop = pd.read_csv(world / "population.csv", dtype=str, keep_default_na=False)
    repeats = pop.iloc[[3, 10, 2500, 3999]]
    clash = pop.iloc[[40, 41, 2600]].assign(HO_VA_TEN=["Lò Văn Khải", "Đinh Thị Nở", "Trần Văn Ba"])
    clash["SO_DINH_DANH"] = pop["SO_DINH_DANH"].iloc[[1200, 3000, 3001]].to_numpy()
    pop = pd.concat([pop.iloc[:2000], repeats, clash, pop.iloc[2000:], repeats.iloc[:2]], ignore_index=True)
    out = tmp_path_factory.mktemp("extracts")
    folder = out / "by_commune"
    ordered = []
    for code, group in pop.groupby("MA_PX", sort=True):
        (folder / f"MA_PX={code}").mkdir(parents=True)
        group.to_parquet(folder / f"MA_PX={code}" / "part.parquet", index=False, row_group_size=400)
        ordered.append(group)
    pd.concat(ordered).to_csv(out / "folder_order.csv", index=False)
    pop.to_csv(out / "population.csv", index=False)
    pop.to_parquet(out / "population.parquet", index=False, row_group_size=350)
    return out


def _same(a, b):
    pd.testing.assert_frame_equal(a.results, b.results)
    assert a.population["repeated_ids"] == b.population["repeated_ids"]
    assert a.population["rows"] == b.population["rows"]


def test_a_parquet_file_in_partitions_verifies_row_for_row_as_the_whole(world, extracts):
    lists = sorted((world / "lists").iterdir())
    cfg = load_config(overrides=SMALL)
    whole = verify(lists, extracts / "population.csv", cfg, TODAY)
    extract = load_extract(extracts / "population.parquet", cfg, TODAY)
    assert extract.partitions is not None and len(extract.partitions.parts) >= 5
    assert extract.frame.empty  # never the whole extract in one frame
    parted = verify(lists, extract, cfg, TODAY)
    _same(whole, parted)
    assert whole.population["repeated_ids"]["exact_repeats_collapsed"] == 6
    assert whole.population["repeated_ids"]["conflicting_ids"] == 3
    assert (whole.results["status"] == "verified").sum() > 300


def test_a_folder_dataset_partitioned_by_commune_verifies_as_the_whole(world, extracts):
    lists = sorted((world / "lists").iterdir())
    cfg = load_config(overrides=SMALL)
    whole = verify(lists, extracts / "folder_order.csv", cfg, TODAY)
    parted = verify(lists, extracts / "by_commune", cfg, TODAY)
    _same(whole, parted)


def test_two_local_worker_processes_verify_a_parquet_extract_as_one(world, extracts):
    lists = sorted((world / "lists").iterdir())
    one = verify(lists, extracts / "population.parquet", load_config(overrides=SMALL), TODAY)
    two_cfg = load_config(overrides={**SMALL, "match.jobs": 2})
    assert mapper_for(two_cfg) == LocalPool(2)
    extract = load_extract(extracts / "population.parquet", two_cfg, TODAY)
    assert extract.partitions.mapper == LocalPool(2)
    # two workers read at once, each a half-size partition: as many rows in memory as with one
    assert max(len(groups) for _, groups in parquet_parts(extracts / "population.parquet", 700)) == 2
    assert max(len(p.row_groups) for p in extract.partitions.parts) == 1
    _same(one, verify(lists, extract, two_cfg, TODAY))


def test_a_list_matched_in_several_passes_gives_what_one_pass_gives(world, extracts):
    """engine.match_rows bounds one pass; the conflicting IDs of the extract (several records, the
    first one's details shown) are named by several passes."""
    lists = sorted((world / "lists").iterdir())
    cfg = load_config(overrides=SMALL)
    extract = load_extract(extracts / "population.parquet", cfg, TODAY)
    one = verify(lists, extract, cfg, TODAY, keep_scored=True)
    passes = verify(
        lists, extract, load_config(overrides={**SMALL, "engine.match_rows": 97}), TODAY, keep_scored=True
    )
    assert len(one.results) > 4 * 97
    _same(one, passes)
    pd.testing.assert_frame_equal(one.scored, passes.scored)


@given(st.lists(st.integers(0, 40), max_size=60), st.integers(1, 7), st.integers(1, 60))
def test_pair_blocks_cover_every_row_once_within_both_bounds(per_row, rows_per_task, pairs_per_task):
    counts = np.array(per_row, dtype=np.int64)
    blocks = pair_blocks(counts, rows_per_task, pairs_per_task)
    if not per_row:
        assert blocks == [(0, 0)]
        return
    assert blocks[0][0] == 0 and blocks[-1][1] == len(per_row)
    assert all(a[1] == b[0] for a, b in zip(blocks, blocks[1:], strict=False))
    for start, stop in blocks:
        assert 0 < stop - start <= rows_per_task
        assert counts[start:stop].sum() <= pairs_per_task or stop - start == 1
    # as few blocks as the bounds allow: a block ends only where the next row would break one
    for (start, stop), _ in zip(blocks, blocks[1:], strict=False):
        assert stop - start == rows_per_task or counts[start : stop + 1].sum() > pairs_per_task


def test_the_model_from_partition_counts_is_the_whole_extracts(extracts):
    cfg = load_config(overrides=SMALL)
    whole = load_extract(extracts / "population.csv", cfg, TODAY).model
    parted = PartitionedExtract.prepare(extracts / "population.parquet", cfg, TODAY).model
    for field in whole.u:
        np.testing.assert_array_equal(whole.u[field], parted.u[field])
    for attr in ("name_tf", "commune_tf", "commune_share"):
        a, b = getattr(whole, attr), getattr(parted, attr)
        pd.testing.assert_series_equal(
            a.sort_index(), b.sort_index(), check_names=False, check_index_type=False
        )
    assert set(whole.tokens) == set(parted.tokens)
    assert (whole.prior_log2, whole.u_floor) == (parted.prior_log2, parted.u_floor)


def test_training_and_cleaning_on_partitions_match_the_whole(world, extracts):
    lists = sorted((world / "lists").iterdir())
    cfg = load_config(overrides=SMALL)
    _same(
        verify(lists, extracts / "population.csv", cfg, TODAY, train=True),
        verify(lists, extracts / "population.parquet", cfg, TODAY, train=True),
    )
    whole = clean([world / "doses.csv"], extracts / "population.csv", cfg, TODAY).results
    parted = clean([world / "doses.csv"], extracts / "population.parquet", cfg, TODAY).results
    pd.testing.assert_frame_equal(whole, parted)


def test_cleaning_on_partitions_in_two_worker_processes_matches_the_whole(world, extracts):
    """clean's identities in two forked workers, each matching its spans against the partitions."""
    two = load_config(overrides={**SMALL, "match.jobs": 2, "campaign.match_chunk": 400})
    whole = clean([world / "doses.csv"], extracts / "population.csv", load_config(overrides=SMALL), TODAY)
    parted = clean([world / "doses.csv"], extracts / "population.parquet", two, TODAY)
    assert len(whole.results) > 800
    pd.testing.assert_frame_equal(whole.results, parted.results)


def test_partitions_follow_row_groups_and_the_spill_is_removed(extracts):
    parts = parquet_parts(extracts / "population.parquet", 700)
    assert all(len(groups) == 2 for _, groups in parts[:-1])
    extract = PartitionedExtract.prepare(extracts / "population.parquet", load_config(overrides=SMALL), TODAY)
    folder = extract.parts[0].spill.rsplit("/", 1)[0]
    extract.close()
    assert not pd.io.common.file_exists(folder)


def test_a_rows_blocking_keys_do_not_depend_on_the_rows_beside_it(extracts):
    from vaxrecon.matchers.blocking import block_keys
    from vaxrecon.matchers.comparisons import matching_frame

    extract = PartitionedExtract.prepare(extracts / "population.parquet", load_config(overrides=SMALL), TODAY)
    frame = pd.read_parquet(extract.parts[0].spill)
    whole = block_keys(matching_frame(frame), listed=False)
    alone = pd.concat([block_keys(matching_frame(frame.iloc[[i]]), listed=False) for i in (0, 5, 9)])
    pd.testing.assert_frame_equal(whole.iloc[[0, 5, 9]].reset_index(drop=True), alone.reset_index(drop=True))
    assert (whole["name_c"] > 0).all() and whole["name_c"].nunique() > 100


def test_explain_refuses_a_partitioned_extract_in_one_sentence(world, extracts):
    from vaxrecon.errors import InputError
    from vaxrecon.explain import explain_row

    cfg = load_config(overrides=SMALL)
    listed = sorted((world / "lists").iterdir())[0]
    with pytest.raises(InputError) as caught:
        explain_row(listed, extracts / "by_commune", "2", cfg, TODAY)
    assert caught.value.key == "err.explain_partitioned"
    assert "phân vùng" in caught.value.text("vi")


def test_candidates_are_gathered_compact_text_dictionary_encoded(extracts):
    import pyarrow as pa

    from vaxrecon.engines.partitioned import _Gather

    extract = PartitionedExtract.prepare(extracts / "population.parquet", load_config(overrides=SMALL), TODAY)
    part = extract.parts[1]
    path = part.spill + ".arrow"
    assert _Gather()((part, np.arange(part.offset, part.offset + 50), path)) == 50
    table = pa.ipc.open_file(pa.memory_map(path)).read_all()
    numbers = (pa.types.is_integer, pa.types.is_boolean)
    text = [f for f in table.schema if f.name != "person_id" and not any(is_(f.type) for is_ in numbers)]
    assert table.num_rows == 50 and text
    assert all(pa.types.is_dictionary(f.type) for f in text)
    assert not pa.types.is_dictionary(table.schema.field("person_id").type)


_ROWS = st.tuples(st.sampled_from(["an", "binh", "chi", "dung"]), st.sampled_from(["", "1", "22"]))


@given(st.lists(st.lists(_ROWS, min_size=1, max_size=12), min_size=2, max_size=5))
def test_partition_counts_summed_at_once_equal_adding_them_one_by_one(parts):
    from vaxrecon.engines.partitioned import _summed
    from vaxrecon.matchers.scoring import ExtractCounts

    counts = [ExtractCounts.of(pd.DataFrame(rows, columns=["name_fold", "commune_code"])) for rows in parts]
    one_by_one = counts[0]
    for c in counts[1:]:
        one_by_one = one_by_one + c
    at_once = _summed(counts)
    assert at_once.rows == one_by_one.rows == sum(len(rows) for rows in parts)
    for name in ("names", "communes", "commune_names"):  # the model looks them up: order aside
        a, b = getattr(at_once, name), getattr(one_by_one, name)
        pd.testing.assert_series_equal(a.sort_index(), b.sort_index(), check_names=False)
    pd.testing.assert_index_equal(at_once.tokens.sort_values(), one_by_one.tokens.sort_values())
