"""The crash window of `clean` between writing its output folder and recording the run in the
campaign ledger: the run is recorded pending before the rename and completed after, so a failure or
a SIGKILL on either side of the rename ends consistent: no campaign counts without their folder
(nothing doubled), none missing for a folder in place (nothing lost), no folder the ledger does not
know and no staging folder (nothing orphaned)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from test_hostile_recovery import _dead_pid, _fail_rename, _vaxrecon

import vaxrecon.campaign_job as campaign_job
from vaxrecon.campaign_job import run_clean
from vaxrecon.config import load_config
from vaxrecon.ledger.campaign import SCHEMA, campaign_progress
from vaxrecon.ledger.db import connect

_ADDED_COLUMNS = ",\n    state TEXT NOT NULL DEFAULT 'complete',\n    owner TEXT NOT NULL DEFAULT ''"
TODAY, EXPORT = dt.date(2022, 7, 1), dt.date(2022, 6, 30)
DOSES = [
    ("Phan Văn Hải", "1985", "058085000123", "Pfizer", "1", "01/08/2021", "TYT Xã A", "Xã A"),
    ("Phan Văn Hải", "1985", "058085000123", "Pfizer", "2", "05/09/2021", "TYT Xã A", "Xã A"),
    ("Lê Thị Hoa", "02/03/1990", "", "Moderna", "1", "10/09/2021", "TYT Xã B", "Xã B"),
]


@pytest.fixture
def world(tmp_path):
    pop = tmp_path / "pop.csv"
    pop.write_text("SO_DINH_DANH,HO_VA_TEN,NGAY_SINH\n058085000123,Phan Văn Hải,1985\n", "utf-8")
    doses = tmp_path / "doses.csv"
    head = "HO_TEN,NGAY_SINH,SO_CMT_CCCD,TEN_VAC_XIN,MUI_SO,NGAY_TIEM,DIA_DIEM_TIEM,XA\n"
    doses.write_text(head + "".join(",".join(r) + "\n" for r in DOSES), "utf-8")
    runs = tmp_path / "runs"
    runs.mkdir()
    return tmp_path, pop, doses, runs, tmp_path / "l.sqlite"


def _state(ledger: Path) -> dict:
    conn = sqlite3.connect(ledger)
    try:
        runs = conn.execute("SELECT id, state, out_dir FROM campaign_runs ORDER BY id").fetchall()
        doses = dict(
            conn.execute(
                "SELECT run_id, SUM(doses) FROM campaign_counts WHERE place_kind = 'site' GROUP BY run_id"
            ).fetchall()
        )
        return {"runs": [(s, d) for _, s, d in runs], "doses": [doses.get(i, 0) for i, _, _ in runs]}
    finally:
        conn.close()


def _consistent(ledger: Path, runs: Path) -> dict:
    """Settled; every complete run has its folder and all its counts, a void one none; no other
    folder, no staging folder; the campaign's progress counts each dose once."""
    conn = connect(ledger)  # the next opening settles what a killed process left pending
    try:
        progress = campaign_progress(conn)
    finally:
        conn.close()
    state = _state(ledger)
    assert {s for s, _ in state["runs"]} <= {"complete", "void"}
    complete = {Path(d) for s, d in state["runs"] if s == "complete"}
    assert {p for p in runs.iterdir() if not p.name.startswith(".")} == complete
    assert not [p for p in runs.iterdir() if ".vaxrecon-" in p.name]
    assert state["doses"] == [len(DOSES) if s == "complete" else 0 for s, _ in state["runs"]]
    assert sum(p["doses"] for p in progress) == (len(DOSES) if complete else 0)
    return state


def test_a_failed_rename_voids_the_pending_run(world, monkeypatch):
    tmp, pop, doses, runs, ledger = world
    _fail_rename(monkeypatch, OSError(28, "No space left on device"))
    with pytest.raises(OSError):
        run_clean([doses], pop, load_config(), TODAY, export_date=EXPORT, out_dir=runs / "o1", ledger=ledger)
    assert [s for s, _ in _consistent(ledger, runs)["runs"]] == ["void"]
    monkeypatch.undo()
    job = run_clean(
        [doses], pop, load_config(), TODAY, export_date=EXPORT, out_dir=runs / "o2", ledger=ledger
    )
    assert job.run_id == 2
    assert [s for s, _ in _consistent(ledger, runs)["runs"]] == ["void", "complete"]


def test_a_failing_record_writes_no_folder(world, monkeypatch):
    tmp, pop, doses, runs, ledger = world

    def broken(*args, **kwargs):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(campaign_job, "record_clean", broken)
    with pytest.raises(sqlite3.OperationalError):
        run_clean([doses], pop, load_config(), TODAY, export_date=EXPORT, out_dir=runs / "o1", ledger=ledger)
    assert not (runs / "o1").exists() and not list(runs.iterdir())


@pytest.mark.parametrize("alive", [True, False])
def test_a_pending_run_counts_only_once_settled_and_a_live_one_is_left_alone(world, monkeypatch, alive):
    """Killed just before the rename (its process gone) the run is voided when the ledger is next
    opened; while its process may still be working it stays pending and is not shown."""
    tmp, pop, doses, runs, ledger = world
    _fail_rename(monkeypatch, KeyboardInterrupt())
    monkeypatch.setattr(campaign_job, "settle_clean", lambda conn, run_id: None)
    with pytest.raises(KeyboardInterrupt):
        run_clean([doses], pop, load_config(), TODAY, export_date=EXPORT, out_dir=runs / "o1", ledger=ledger)
    monkeypatch.undo()
    if not alive:
        with sqlite3.connect(ledger) as conn:
            conn.execute("UPDATE campaign_runs SET owner = ?", (f"{_dead_pid()}:",))
    conn = connect(ledger)
    try:
        assert campaign_progress(conn) == []
    finally:
        conn.close()
    assert _state(ledger) == (
        {"runs": [("pending", str((runs / "o1").absolute()))], "doses": [len(DOSES)]}
        if alive
        else {"runs": [("void", str((runs / "o1").absolute()))], "doses": [0]}
    )


def test_a_ledger_from_before_pending_runs_gains_the_columns(world):
    tmp, pop, doses, runs, ledger = world
    conn = connect(ledger)
    conn.executescript(SCHEMA.replace(_ADDED_COLUMNS, ""))  # the tables as first shipped
    conn.execute(
        "INSERT INTO campaign_runs (started_at, run_date, export_date, tool_version, "
        "config_hash, files, rows, people) VALUES ('', '', '', '', '', '[]', 0, 0)"
    )
    conn.close()
    conn = connect(ledger)  # nothing to settle in a table without states
    try:
        assert campaign_progress(conn) == []
        assert [tuple(r) for r in conn.execute("SELECT state, owner FROM campaign_runs")] == [
            ("complete", "")
        ]
    finally:
        conn.close()


@pytest.mark.parametrize("fault", ["before", "after"])
def test_clean_sigkilled_at_the_rename_then_run_again(world, fault):
    tmp, pop, doses, runs, ledger = world
    base = ["clean", str(doses), "-p", str(pop), "--ledger", str(ledger), "--jobs", "1", "-q"]
    base += ["--today", str(TODAY), "--export-date", str(EXPORT)]
    killed = _vaxrecon([*base, "-o", str(runs / "o1")], tmp, fault)
    assert killed.returncode == -9, killed.stderr
    assert (runs / "o1").exists() == (fault == "after")
    assert [s for s, _ in _state(ledger)["runs"]] == ["pending"]  # the kill left it unsettled
    again = _vaxrecon([*base, "-o", str(runs / "o2")], tmp)
    assert again.returncode == 0, again.stderr
    state = _consistent(ledger, runs)
    assert [s for s, _ in state["runs"]] == ["void" if fault == "before" else "complete", "complete"]
