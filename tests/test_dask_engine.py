"""`--engine dask` on a local cluster of two worker processes gives, row for row, what the
in-process engine gives, for `verify` and for `clean`."""

import json

import pandas as pd
import pytest
from conftest import TODAY
from typer.testing import CliRunner

from vaxrecon.campaign.clean import clean
from vaxrecon.cli import app
from vaxrecon.config import load_config
from vaxrecon.engines.cluster import close_clusters, dask_mapper
from vaxrecon.pipeline import load_extract, verify

distributed = pytest.importorskip("distributed")
SMALL = {"engine.partition_rows": 900, "engine.rows_per_task": 150, "engine.pairs_per_task": 2000}


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    ) as local:
        yield local.scheduler_address
        close_clusters()


@pytest.fixture(scope="module")
def dask_cfg(cluster):
    return load_config(overrides={**SMALL, "engine.name": "dask", "engine.scheduler": cluster})


@pytest.fixture(scope="module")
def parquet(world, tmp_path_factory):
    path = tmp_path_factory.mktemp("pq") / "population.parquet"
    pd.read_csv(world / "population.csv", dtype=str, keep_default_na=False).to_parquet(
        path, index=False, row_group_size=450
    )
    return path


def test_verify_on_dask_is_identical_to_in_process(world, parquet, dask_cfg):
    lists = sorted((world / "lists").iterdir())
    local = verify(lists, world / "population.csv", load_config(overrides={"match.jobs": 1}), TODAY)
    extract = load_extract(parquet, dask_cfg, TODAY)
    assert len(extract.partitions.parts) >= 4
    assert dask_mapper(dask_cfg).workers == 2
    on_dask = verify(lists, extract, dask_cfg, TODAY)
    pd.testing.assert_frame_equal(local.results, on_dask.results)
    assert (local.results["status"] == "verified").sum() > 300


def test_clean_on_dask_is_identical_to_in_process(world, dask_cfg):
    local = clean([world / "doses.csv"], world / "population.csv", load_config(), TODAY).results
    on_dask = clean([world / "doses.csv"], world / "population.csv", dask_cfg, TODAY).results
    pd.testing.assert_frame_equal(local, on_dask)
    assert (local["person_id"] != "").sum() > 100


def test_cli_verify_engine_dask_writes_the_same_results_and_summary(world, cluster, tmp_path):
    lists = [str(p) for p in sorted((world / "lists").iterdir())]
    written = {}
    for engine in ("local", "dask"):
        out = tmp_path / engine
        args = ["verify", *lists, "-p", str(world / "population.csv"), "-o", str(out), "--engine", engine]
        args += ["--no-ledger", "-q", "--today", TODAY.isoformat()]
        if engine == "dask":
            args += ["--scheduler", cluster]
        res = CliRunner().invoke(app, args)
        assert res.exit_code == 0, res.output
        summary = json.loads((out / "summary.json").read_text("utf-8"))
        written[engine] = ((out / "results.csv").read_bytes(), summary["counts"])
    assert written["local"] == written["dask"]


def test_an_unknown_engine_is_refused_with_a_sentence(world, tmp_path):
    res = CliRunner().invoke(
        app,
        [
            "verify",
            str(next((world / "lists").iterdir())),
            "-p",
            str(world / "population.csv"),
            "--engine",
            "spark",
            "--no-ledger",
            "-q",
            "-o",
            str(tmp_path / "o"),
        ],
    )
    assert res.exit_code == 2 and "spark" in res.output


def test_the_schedulers_progress_and_the_dashboard_reach_the_listener(world, parquet, dask_cfg):
    from vaxrecon.engines.cluster import STEPS, watching

    events = []
    with watching(events.append):
        extract = load_extract(parquet, dask_cfg, TODAY)
        verify(sorted((world / "lists").iterdir())[:1], extract, dask_cfg, TODAY)
    opened = [e for e in events if e["kind"] == "cluster"]
    assert opened and opened[0]["dashboard"].startswith("http") and opened[0]["workers"] == 2
    tasks = [e for e in events if e["kind"] == "tasks"]
    assert {"normalise", "counts", "join", "decide"} <= {e["step"] for e in tasks} <= {*STEPS.values()}
    ends = [e for e in tasks if e["done"] == e["total"]]
    assert len(ends) >= 5 and all(e["memory"] > 50 * 2**20 for e in ends)  # two worker processes


def test_the_cli_prints_the_dashboard_address(world, cluster, tmp_path):
    args = ["verify", str(sorted((world / "lists").iterdir())[0]), "-p", str(world / "population.csv")]
    args += ["-o", str(tmp_path / "o"), "--scheduler", cluster, "--no-ledger", "--today", TODAY.isoformat()]
    res = CliRunner().invoke(app, [*args, "--lang", "en"])
    assert res.exit_code == 0, res.output
    assert "Dask cluster: 2 workers, dashboard http" in res.output


def test_a_local_cluster_started_by_the_cli_closes_without_losing_data(world, tmp_path):
    """vaxrecon starts the cluster and closes it at exit before distributed's own exit handlers:
    no worker is removed while the client still holds data (no WARNING or ERROR on stderr)."""
    import subprocess
    import sys

    args = [sys.executable, "-m", "vaxrecon", "verify", str(sorted((world / "lists").iterdir())[0])]
    args += ["-p", str(world / "population.csv"), "-o", str(tmp_path / "o"), "--engine", "dask"]
    args += ["--workers", "2", "--no-ledger", "-q", "--today", TODAY.isoformat()]
    run = subprocess.run(args, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "o" / "results.csv").exists()
    assert not [line for line in run.stderr.splitlines() if "WARNING" in line or "ERROR" in line], run.stderr


class _DieOnce:
    """A step whose task for item 0 kills its worker process once (as a machine lost mid-run
    would); every run of a task is noted in ``runs``."""

    def __init__(self, folder):
        self.folder = str(folder)

    def __call__(self, item):
        import os
        from pathlib import Path

        Path(self.folder, f"run-{item}-{os.getpid()}-{os.urandom(4).hex()}").touch()
        died = Path(self.folder, "died")
        if item == 0 and not died.exists():
            died.write_text("died")
            os._exit(1)
        return item * 2


def test_a_worker_lost_mid_step_has_its_tasks_run_again(dask_cfg, tmp_path):
    mapper = dask_mapper(dask_cfg)
    assert mapper(_DieOnce(tmp_path), list(range(6))) == [0, 2, 4, 6, 8, 10]
    assert (tmp_path / "died").read_text() == "died"  # a worker really died
    runs = [p.name.split("-")[1] for p in tmp_path.glob("run-*")]
    assert runs.count("0") == 2  # died, then ran again
    assert all(1 <= runs.count(str(i)) <= 2 for i in range(1, 6))  # at most its worker's loss again


def _die(item):
    import os

    os._exit(1)


def test_a_task_that_keeps_losing_its_worker_ends_the_run_with_one_sentence(dask_cfg):
    from vaxrecon.errors import VaxreconError

    with pytest.raises(VaxreconError) as err:
        dask_mapper(dask_cfg)(_die, [1])
    assert err.value.key == "err.dask_lost" and err.value.params == {"tries": 4}
    assert "nothing was written" in err.value.text("en") and "bộ nhớ" in err.value.text("vi")
    assert dask_mapper(dask_cfg)(abs, [-1, 2]) == [1, 2]  # the cluster works on


def _refuse(item):
    from vaxrecon.errors import InputError

    raise InputError(key="err.pop_parquet", file=f"part-{item}.parquet")


def test_a_task_that_refuses_its_input_says_so_as_in_process(dask_cfg):
    from vaxrecon.errors import InputError

    with pytest.raises(InputError) as err:
        dask_mapper(dask_cfg)(_refuse, [7])
    assert err.value.key == "err.pop_parquet" and "part-7.parquet" in err.value.text("vi")
