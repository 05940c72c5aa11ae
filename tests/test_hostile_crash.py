"""Crash test: `verify` and `batch` are killed (SIGKILL) at random points while they work; then the
invariants are checked: an output folder is complete or absent, the ledger is intact, and after a
re-run every inbox file was processed exactly once, with no staging folder or unknown output left.
Bounded: three kills in all."""

from __future__ import annotations

import hashlib
import random
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hostile_files import HEADER, csv_rows, write_csv

KILL_WINDOW = 1.5  # seconds after the work starts within which the kill lands
OUTPUTS = {"results.csv", "summary.json"}


def _start(args: list[str], cwd: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "vaxrecon", *args],
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _kill_once_working(proc: subprocess.Popen, started: Path, rng: random.Random) -> None:
    """SIGKILL ``proc`` at a random moment after ``started`` appears (its work has begun)."""
    deadline = time.monotonic() + 60
    while not started.exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    time.sleep(rng.uniform(0, KILL_WINDOW))
    proc.kill()
    proc.wait()


def _folders_complete_or_absent(out: Path) -> list[Path]:
    """Every visible output folder is complete; returns them."""
    folders = [p for p in out.iterdir() if p.is_dir() and not p.name.startswith(".")] if out.exists() else []
    for folder in folders:
        assert OUTPUTS <= {p.name for p in folder.iterdir()}, f"incomplete output folder {folder}"
    return folders


def _ledger_intact(path: Path) -> sqlite3.Connection | None:
    if not path.exists():
        return None
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    return conn


@pytest.fixture
def world(tmp_path):
    pop = tmp_path / "pop.csv"
    pop.write_text("SO_DINH_DANH,HO_VA_TEN,NGAY_SINH\n058085000123,Phan Văn Hải,1985\n", "utf-8")
    cfg = tmp_path / "c.yaml"
    cfg.write_text("batch: {settle_seconds: 0, max_attempts: 3}\n", "utf-8")
    return tmp_path, pop, cfg


def test_batch_killed_at_random_points_then_rerun_processes_each_file_once(world):
    tmp, pop, cfg = world
    rng = random.Random()
    inbox = tmp / "inbox"
    inbox.mkdir()
    sent = {}
    for i in range(3):
        path = write_csv(inbox / f"DS_{i}.csv", [HEADER, *csv_rows(20 + i)])
        sent[path.name] = hashlib.sha256(path.read_bytes()).hexdigest()
    args = [
        "batch",
        "--inbox",
        str(inbox),
        "-p",
        str(pop),
        "--out",
        str(tmp / "out"),
        "--ledger",
        str(tmp / "l.sqlite"),
        "--config",
        str(cfg),
        "--today",
        "2021-11-06",
    ]
    for _ in range(2):
        _kill_once_working(_start(args, tmp), inbox / ".vaxrecon-attempts.json", rng)
        _folders_complete_or_absent(tmp / "out")
        _ledger_intact(tmp / "l.sqlite")
    final = subprocess.run([sys.executable, "-m", "vaxrecon", *args], cwd=tmp, capture_output=True, text=True)
    assert final.returncode == 0, final.stdout + final.stderr
    filed = sorted(
        p.name
        for d in ("processed", "failed")
        if (inbox / d).exists()
        for p in (inbox / d).iterdir()
        if not p.name.endswith(".reason.txt")
    )
    assert filed == sorted(sent)
    assert not [p for p in inbox.iterdir() if p.suffix == ".csv"]
    conn = _ledger_intact(tmp / "l.sqlite")
    assert conn is not None
    for sha in sent.values():
        assert conn.execute("SELECT count(*) FROM lists WHERE sha256 = ?", (sha,)).fetchone()[0] == 1
    recorded = {Path(r[0]).name for r in conn.execute("SELECT out_dir FROM runs")}
    folders = {p.name for p in _folders_complete_or_absent(tmp / "out")}
    assert folders == recorded  # no output the ledger does not know, no recorded run without outputs
    assert not [p for p in (tmp / "out").iterdir() if p.name.startswith(".") and p.is_dir()]


def test_verify_killed_at_a_random_point_leaves_a_complete_folder_or_none(world):
    tmp, pop, cfg = world
    lst = write_csv(tmp / "DS.csv", [HEADER, *csv_rows(40)])
    out = tmp / "runs" / "out"
    out.parent.mkdir()
    args = ["verify", str(lst), "-p", str(pop), "-o", str(out), "--no-ledger", "-q"]
    proc = _start(args, tmp)
    deadline = time.monotonic() + 60
    while proc.poll() is None and not any(out.parent.iterdir()) and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(random.uniform(0, 0.3))
    proc.kill()
    proc.wait()
    _folders_complete_or_absent(out.parent)
    rerun = subprocess.run(
        [sys.executable, "-m", "vaxrecon", *args[:4], "-o", str(out.parent / "again"), "--no-ledger", "-q"],
        cwd=tmp,
        capture_output=True,
        text=True,
    )
    assert rerun.returncode == 0, rerun.stderr
    assert {p.name for p in _folders_complete_or_absent(out.parent)} <= {"out", "again"}
    assert not [p for p in out.parent.iterdir() if p.name.startswith(".")]  # the killed run's staging
