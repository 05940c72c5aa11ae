"""An extract at an fsspec URL (what every machine of a cluster reads alike) is read as the same
Parquet folder or file on local disk would be."""

from pathlib import Path

import fsspec
import pandas as pd
import pytest
from conftest import TODAY
from test_partitioned import SMALL, extracts  # noqa: F401 - the module's fixture
from typer.testing import CliRunner

from vaxrecon.cli import app
from vaxrecon.config import load_config
from vaxrecon.engines.location import digest, parquet_files
from vaxrecon.pipeline import verify


@pytest.fixture(scope="module")
def by_province(extracts, tmp_path_factory):  # noqa: F811
    """The extract (repeats and shared IDs included) as a folder of three province files, in the
    order of ``population.csv``."""
    pop = pd.read_parquet(extracts / "population.parquet")
    folder = tmp_path_factory.mktemp("by_province")
    cuts = [0, 1400, 2800, len(pop)]
    for k, (a, b) in enumerate(zip(cuts, cuts[1:], strict=False)):
        (folder / f"TINH=0{k}").mkdir()
        pop.iloc[a:b].to_parquet(folder / f"TINH=0{k}" / "part.parquet", index=False, row_group_size=700)
    return folder


@pytest.fixture
def in_memory(by_province):
    """The folder dataset copied to fsspec's in-memory filesystem (inherited by forked workers)."""
    fs = fsspec.filesystem("memory")
    for path in sorted(by_province.rglob("*.parquet")):
        fs.pipe(f"/extract/{path.relative_to(by_province)}", path.read_bytes())
    yield "memory://extract"
    fs.rm("/extract", recursive=True)


def test_a_folder_dataset_at_a_url_verifies_as_on_disk(world, extracts, by_province, in_memory):  # noqa: F811
    lists = sorted((world / "lists").iterdir())[:2]
    cfg = load_config(overrides=SMALL)
    whole = verify(lists, extracts / "population.csv", cfg, TODAY)
    on_disk = verify(lists, by_province, cfg, TODAY)
    at_url = verify(lists, in_memory, cfg, TODAY)
    pd.testing.assert_frame_equal(whole.results, on_disk.results)
    pd.testing.assert_frame_equal(on_disk.results, at_url.results)
    assert at_url.population["sha256"] == on_disk.population["sha256"] == digest(by_province)
    assert at_url.population["file"] == in_memory
    files = parquet_files(in_memory)
    assert len(files) == 3 and all(f.startswith("memory://") for f in files) and files == sorted(files)


def test_the_cli_takes_a_file_url_and_writes_the_same_results(world, extracts, tmp_path):  # noqa: F811
    lists = [str(p) for p in sorted((world / "lists").iterdir())[:2]]
    written = []
    for where in (str(extracts / "population.parquet"), (extracts / "population.parquet").as_uri()):
        out = tmp_path / str(len(written))
        args = ["verify", *lists, "-p", where, "-o", str(out), "--no-ledger", "-q"]
        args += ["--today", TODAY.isoformat()]
        res = CliRunner().invoke(app, args)
        assert res.exit_code == 0, res.output
        written.append((out / "results.csv").read_bytes())
    assert written[0] == written[1]


@pytest.mark.parametrize(
    ("url", "said"),
    [("nosuchfs://bucket/extract", "nosuchfs://bucket/extract"), ("memory://nothing/here", "nothing")],
)
def test_an_unreadable_url_is_one_sentence_and_exit_2(world, tmp_path, url, said):
    args = ["verify", str(next((world / "lists").iterdir())), "-p", url, "-o", str(tmp_path / "o")]
    res = CliRunner().invoke(app, [*args, "--no-ledger", "-q"])
    assert res.exit_code == 2
    assert said in res.output and "Traceback" not in res.output
    assert not (tmp_path / "o").exists()


def test_rows_without_id_holders_match_on_partitions_and_urls(
    world,
    extracts,  # noqa: F811
    by_province,
    in_memory,
):
    """No extract row holds an ID or CMND these rows give (none given): a pass with no ID holders."""
    from vaxrecon.pipeline import verify_frames

    rows = pd.read_csv(world / "population.csv", dtype=str, keep_default_na=False).iloc[:30]
    records = pd.DataFrame(
        {"name": rows["HO_VA_TEN"], "dob": rows["NGAY_SINH"], "gender": rows["GIOI_TINH"], "id_number": ""}
    )
    whole = verify_frames(records, extracts / "population.csv", load_config(overrides=SMALL), TODAY)
    for where in (by_province, in_memory):
        for step in (11, 1000):  # three passes, one
            cfg = load_config(overrides={**SMALL, "engine.match_rows": step})
            pd.testing.assert_frame_equal(whole.results, verify_frames(records, where, cfg, TODAY).results)
    assert len(whole.results) == 30 and (whole.results["person_id"] != "").sum() > 15


def test_a_folder_is_taken_in_one_order_locally_and_at_a_url(tmp_path):
    """Paths compared folder by folder ('p/…' before 'p-2/…', though '-' sorts before '/')."""
    import hashlib

    fs = fsspec.filesystem("memory")
    names = ["p-2/part.parquet", "p/part.parquet", "p/a/x.parquet"]
    for name in names:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        pd.DataFrame({"a": [name]}).to_parquet(tmp_path / name)
        fs.pipe(f"/order/{name}", (tmp_path / name).read_bytes())
    try:
        local = [Path(f).relative_to(tmp_path).as_posix() for f in parquet_files(tmp_path)]
        url = [f.split("/order/", 1)[1] for f in parquet_files("memory://order")]
        assert local == url == ["p/a/x.parquet", "p/part.parquet", "p-2/part.parquet"]
        assert digest(tmp_path) == digest("memory://order")
        one = tmp_path / "p" / "part.parquet"  # a single file: its content's SHA-256, as read whole
        assert (
            digest(one)
            == digest("memory://order/p/part.parquet")
            == hashlib.sha256(one.read_bytes()).hexdigest()
        )
    finally:
        fs.rm("/order", recursive=True)


def test_a_urls_password_is_never_shown(world, tmp_path):
    args = ["verify", str(next((world / "lists").iterdir())), "-p", "memory://officer:secret@nothing/here"]
    res = CliRunner().invoke(app, [*args, "-o", str(tmp_path / "o"), "--no-ledger", "-q"])
    assert res.exit_code == 2 and "memory://nothing/here" in res.output and "secret" not in res.output
