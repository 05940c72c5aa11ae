"""The crash window between writing a run's folder and recording it: the run is recorded as pending
before the folder is renamed into place and completed after, so a failure or a kill on either side
of the rename ends consistent: every list's rows recorded exactly once, no output the ledger does not
know, no recorded run without its outputs. Faults are injected at the rename, in process and by
SIGKILL in a real subprocess."""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from hostile_files import HEADER, csv_rows, write_csv

import vaxrecon.documents.atomic as atomic
import vaxrecon.workflow as workflow
from vaxrecon.config import load_config
from vaxrecon.ledger.db import connect
from vaxrecon.workflow import run_job

DAY = dt.date(2021, 11, 6)
ROWS = 5  # every row of these lists is not_found: an open request


@pytest.fixture
def world(tmp_path):
    pop = tmp_path / "pop.csv"
    pop.write_text("SO_DINH_DANH,HO_VA_TEN,NGAY_SINH\n058085000123,Phan Văn Hải,1985\n", "utf-8")
    lst = write_csv(tmp_path / "DS.csv", [HEADER, *csv_rows(ROWS)])
    return tmp_path, pop, lst, tmp_path / "l.sqlite"


def _dead_pid() -> int:
    proc = multiprocessing.get_context("fork").Process(target=lambda: None)
    proc.start()
    proc.join()
    return proc.pid


def _state(ledger: Path) -> dict:
    conn = sqlite3.connect(ledger)
    try:
        one = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
        return {
            "runs": [tuple(r) for r in conn.execute("SELECT state, out_dir FROM runs ORDER BY id")],
            "lists": one("SELECT count(*) FROM lists"),
            "returned": one("SELECT count(*) FROM lists WHERE returned_on IS NOT NULL"),
            "open": one("SELECT count(*) FROM outcomes WHERE closed_on IS NULL"),
            "outcomes": one("SELECT count(*) FROM outcomes"),
            "list_runs": one("SELECT count(*) FROM list_runs"),
        }
    finally:
        conn.close()


def _consistent(ledger: Path, folders: Path) -> dict:
    """Every complete run's folder exists, no other visible folder; no staging folder left."""
    state = _state(ledger)
    complete = {Path(d) for s, d in state["runs"] if s == "complete"}
    assert {s for s, _ in state["runs"]} <= {"complete", "void"}
    visible = {p for p in folders.iterdir() if p.is_dir() and not p.name.startswith(".")}
    assert visible == complete, (visible, complete)
    assert not [p for p in folders.iterdir() if p.is_dir() and ".vaxrecon-" in p.name]
    return state


def _fail_rename(monkeypatch, error: BaseException) -> None:
    real = os.replace

    def replace(src, dst):
        if os.path.isdir(src) and ".vaxrecon-" in os.path.basename(src):  # not the extract cache
            raise error
        return real(src, dst)

    monkeypatch.setattr(atomic.os, "replace", replace)


def test_a_failed_rename_voids_the_pending_run_and_the_list_is_verified_again(world, monkeypatch):
    tmp, pop, lst, ledger = world
    _fail_rename(monkeypatch, OSError(28, "No space left on device"))
    with pytest.raises(OSError):
        run_job([lst], pop, load_config(), DAY, out_dir=tmp / "o1", ledger=ledger)
    state = _consistent(ledger, tmp)
    assert state["runs"][0][0] == "void" and state["outcomes"] == 0 and state["returned"] == 0
    monkeypatch.undo()
    job = run_job([lst], pop, load_config(), DAY, out_dir=tmp / "o2", ledger=ledger)
    state = _consistent(ledger, tmp)
    assert [s for s, _ in state["runs"]] == ["void", "complete"] and job.run_id == 2
    assert (state["lists"], state["returned"], state["open"], state["outcomes"]) == (1, 1, ROWS, ROWS)


def test_a_failing_record_writes_no_folder(world, monkeypatch):
    tmp, pop, lst, ledger = world

    def broken(*args, **kwargs):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(workflow, "record_run", broken)
    with pytest.raises(sqlite3.OperationalError):
        run_job([lst], pop, load_config(), DAY, out_dir=tmp / "o1", ledger=ledger)
    assert not (tmp / "o1").exists()
    assert _consistent(ledger, tmp)["runs"] == []


def _killed(monkeypatch, ledger: Path, fault: str, **kwargs) -> None:
    """What a process killed just before (``fault='before'``) or just after the rename leaves:
    the rename fails or happens, the run is never settled, and its process is gone."""
    if fault == "before":
        _fail_rename(monkeypatch, KeyboardInterrupt())
    monkeypatch.setattr(workflow, "settle", lambda conn, run_id: None)
    with pytest.raises(KeyboardInterrupt) if fault == "before" else _nothing():
        run_job(ledger=ledger, **kwargs)
    monkeypatch.undo()
    conn = sqlite3.connect(ledger)
    conn.execute("UPDATE runs SET owner = ? WHERE state = 'pending'", (f"{_dead_pid()}:",))
    conn.commit()
    conn.close()


class _nothing:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


@pytest.mark.parametrize("fault", ["before", "after"])
def test_a_run_killed_beside_the_rename_is_settled_when_the_ledger_is_next_opened(world, monkeypatch, fault):
    tmp, pop, lst, ledger = world
    cfg = load_config()
    run_job([lst], pop, cfg, DAY, out_dir=tmp / "o1", ledger=ledger)  # a first run: 5 open requests
    args = {"lists": [lst], "population": pop, "cfg": cfg, "today": DAY + dt.timedelta(days=1)}
    _killed(monkeypatch, ledger, fault, out_dir=tmp / "o2", **args)  # a re-run closes them, then dies
    assert _state(ledger)["runs"][-1][0] == "pending"
    connect(ledger).close()
    state = _consistent(ledger, tmp)
    assert [s for s, _ in state["runs"]] == ["complete", "void" if fault == "before" else "complete"]
    assert (state["lists"], state["returned"], state["open"]) == (1, 1, ROWS)  # never 0, never 10
    assert state["list_runs"] == (1 if fault == "before" else 2)
    assert state["outcomes"] == ROWS * (1 if fault == "before" else 2)


def test_voiding_a_new_version_restores_the_one_it_replaced(world, monkeypatch):
    tmp, pop, lst, ledger = world
    cfg = load_config()
    run_job([lst], pop, cfg, DAY, out_dir=tmp / "o1", ledger=ledger)
    fixed = write_csv(tmp / "DS_sua.csv", [HEADER, *csv_rows(ROWS + 1)])
    _killed(monkeypatch, ledger, "before", lists=[fixed], population=pop, cfg=cfg, today=DAY, supersedes=1)
    connect(ledger).close()
    conn = sqlite3.connect(ledger)
    lists = conn.execute("SELECT id, returned_on, failure, supersedes, superseded_by FROM lists").fetchall()
    assert lists[0] == (1, DAY.isoformat(), "", None, None)
    assert lists[1][1:4] == (None, lists[1][2], None) and "xác minh lại" in lists[1][2]
    assert conn.execute("SELECT count(*) FROM outcomes WHERE closed_on IS NULL").fetchone()[0] == ROWS


@pytest.mark.parametrize("same_process", [True, False])
def test_a_live_runs_pending_record_is_left_alone(world, monkeypatch, same_process):
    """Another process (or thread), still working, may be between its record and its rename; a
    process that only reuses a dead one's id (every container's first process is 1) is not it."""
    tmp, pop, lst, ledger = world
    _killed(monkeypatch, ledger, "before", lists=[lst], population=pop, cfg=load_config(), today=DAY)
    conn = sqlite3.connect(ledger)
    owner = atomic.process_token() if same_process else f"{os.getpid()}:1"
    conn.execute("UPDATE runs SET owner = ?", (owner,))
    conn.commit()
    conn.close()
    connect(ledger).close()
    assert _state(ledger)["runs"][0][0] == ("pending" if same_process else "void")


FAULT = """
import os, signal, sys
real = os.replace
def replace(src, dst):
    staging = os.path.isdir(src) and ".vaxrecon-" in os.path.basename(src)  # not the extract cache
    if staging and os.environ["FAULT"] == "before":
        os.kill(os.getpid(), signal.SIGKILL)
    real(src, dst)
    if staging and os.environ["FAULT"] == "after":
        os.kill(os.getpid(), signal.SIGKILL)
os.replace = replace
sys.argv[0] = "vaxrecon"
from vaxrecon.cli import main
main()
"""


def _vaxrecon(args: list[str], cwd: Path, fault: str = "") -> subprocess.CompletedProcess:
    code = FAULT if fault else "from vaxrecon.cli import main; main()"
    env = {**os.environ, "FAULT": fault}
    return subprocess.run(
        [sys.executable, "-c", code, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )


@pytest.mark.parametrize("fault", ["before", "after"])
def test_verify_sigkilled_at_the_rename_then_run_again(world, fault):
    tmp, pop, lst, ledger = world
    base = ["verify", str(lst), "-p", str(pop), "--ledger", str(ledger), "--today", "2021-11-06", "-q"]
    killed = _vaxrecon([*base, "-o", str(tmp / "o1")], tmp, fault)
    assert killed.returncode == -9, killed.stderr
    assert (tmp / "o1").exists() == (fault == "after")
    again = _vaxrecon([*base, "-o", str(tmp / "o2")], tmp)
    assert again.returncode == 0, again.stderr
    state = _consistent(ledger, tmp)
    assert [s for s, _ in state["runs"]] == ["void" if fault == "before" else "complete", "complete"]
    assert (state["lists"], state["returned"], state["open"]) == (1, 1, ROWS)


@pytest.mark.parametrize("fault", ["before", "after"])
def test_batch_sigkilled_at_the_rename_processes_the_file_once(world, fault):
    tmp, pop, lst, ledger = world
    inbox = tmp / "inbox"
    inbox.mkdir()
    lst.rename(inbox / lst.name)
    cfg = tmp / "c.yaml"
    cfg.write_text("batch: {settle_seconds: 0}\n", "utf-8")
    args = [
        "batch",
        "--inbox",
        str(inbox),
        "-p",
        str(pop),
        "--out",
        str(tmp / "out"),
        "--ledger",
        str(ledger),
    ]
    args += ["--config", str(cfg), "--today", "2021-11-06", "--json"]
    killed = _vaxrecon(args, tmp, fault)
    assert killed.returncode == -9, killed.stderr
    again = _vaxrecon(args, tmp)
    assert again.returncode == 0, again.stderr
    report = json.loads(again.stdout)
    assert len(report["recovered" if fault == "after" else "processed"]) == 1
    assert (inbox / "processed" / lst.name).exists() and not (inbox / lst.name).exists()
    state = _consistent(ledger, tmp / "out")
    assert (state["lists"], state["returned"], state["open"]) == (1, 1, ROWS)
    assert [s for s, _ in state["runs"]] == (["void", "complete"] if fault == "before" else ["complete"])
