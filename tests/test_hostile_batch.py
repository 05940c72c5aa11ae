"""`batch` against a hostile inbox: every failing file is filed with its reason and the others go
on, killed runs are finished by the next one, nothing personal reaches logs or reasons; the ledger
survives parallel creation; log masking; unique output folders."""

from __future__ import annotations

import json
import multiprocessing
import os
import sqlite3
import stat
from pathlib import Path

import pytest
from hostile_files import HEADER, SECRETS, csv_rows, write_csv
from sheets import save
from typer.testing import CliRunner

from vaxrecon.cli import app

runner = CliRunner()


@pytest.fixture
def setup(tmp_path):
    pop = tmp_path / "pop.csv"
    pop.write_text("SO_DINH_DANH,HO_VA_TEN,NGAY_SINH\n058085000123,Phan Văn Hải,1985\n", "utf-8")
    cfg = tmp_path / "c.yaml"
    cfg.write_text("batch: {settle_seconds: 0}\n", "utf-8")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    return tmp_path, inbox, pop, cfg


def _batch(tmp: Path, inbox: Path, pop: Path, cfg: Path, lang: str = "en"):
    result = runner.invoke(
        app,
        [
            "batch",
            "--inbox",
            str(inbox),
            "-p",
            str(pop),
            "--out",
            str(tmp / "out"),
            "--log",
            str(tmp / "out" / "batch.log"),
            "--ledger",
            str(tmp / "l.sqlite"),
            "--config",
            str(cfg),
            "--today",
            "2021-11-06",
            "--json",
            "--lang",
            lang,
        ],
    )
    return result, json.loads(result.output) if result.output.startswith("{") else {}


def _ledger(tmp: Path) -> list[sqlite3.Row]:
    conn = sqlite3.connect(tmp / "l.sqlite")
    conn.row_factory = sqlite3.Row
    try:
        return conn.execute("SELECT * FROM lists ORDER BY id").fetchall()
    finally:
        conn.close()


class Panic(BaseException):
    """What pyo3 raises for a panic in native code: not an Exception."""


def _journal(inbox: Path, path: Path, count: int, out_dir: Path | str) -> None:
    """What a killed run leaves: an unfinished attempt on ``path``."""
    from vaxrecon.batch import ATTEMPTS_NAME

    st = path.stat()
    entry = {"stamp": [st.st_size, st.st_mtime_ns], "count": count, "out_dir": str(out_dir)}
    (inbox / ATTEMPTS_NAME).write_text(json.dumps({path.name: entry}))


def test_every_failure_is_filed_and_the_others_proceed(setup, monkeypatch):
    tmp, inbox, pop, cfg = setup
    import vaxrecon.batch as batch

    good = write_csv(inbox / "a_good.csv", [HEADER, *csv_rows(4)])
    (inbox / "b_copy.csv").write_bytes(good.read_bytes())
    stray = [HEADER, *csv_rows(40)]
    stray[3] = stray[3].replace("Người", '"Người', 1)
    write_csv(inbox / "c_stray.csv", stray)
    write_csv(inbox / "d_denied.csv", [HEADER, *csv_rows(3), "9,Khác,01/01/1990,Nam,,,"])
    write_csv(inbox / "e_crash.csv", [HEADER, *csv_rows(3), "9,Khác Nữa,01/01/1990,Nam,,,"])
    save([["Nguyễn Văn An", "15/07/1975", "058080001234", "0912345678"]], inbox / "f_noheader.xlsx")
    write_csv(inbox / "g_panic.csv", [HEADER, *csv_rows(3), "9,Người Khác,01/01/1991,Nam,,,"])
    (inbox / "sub").mkdir()
    (inbox / "loop.csv").symlink_to(inbox / "loop.csv")
    real_sha, real_job = batch.sha256, batch.run_job

    def sha(path):
        if path.name == "d_denied.csv":  # tests run as root: chmod 000 would not stop them
            raise PermissionError(13, "Permission denied")
        return real_sha(path)

    def job(lists, *args, **kwargs):
        if lists[0].name == "e_crash.csv":
            raise KeyError("Nguyễn Văn An 058080001234 0912 345 678")  # a bug quoting a cell
        if lists[0].name == "g_panic.csv":
            raise Panic("native code gave up")  # as a Rust panic in calamine is raised
        return real_job(lists, *args, **kwargs)

    monkeypatch.setattr(batch, "sha256", sha)
    monkeypatch.setattr(batch, "run_job", job)
    result, data = _batch(tmp, inbox, pop, cfg)
    assert result.exit_code == 4, result.output
    assert [p["file"] for p in data["processed"]] == ["a_good.csv"]
    assert [d["file"] for d in data["duplicates"]] == ["b_copy.csv"]
    assert sorted(f["file"] for f in data["failed"]) == [
        "c_stray.csv",
        "d_denied.csv",
        "e_crash.csv",
        "f_noheader.xlsx",
        "g_panic.csv",
    ]
    assert sorted(i["file"] for i in data["ignored"]) == ["loop.csv", "sub"]
    reasons = {p.name: p.read_text("utf-8") for p in (inbox / "failed").glob("*.reason.txt")}
    assert "line 4" in reasons["c_stray.csv.reason.txt"]
    assert "Permission denied" in reasons["d_denied.csv.reason.txt"]
    assert "KeyError" in reasons["e_crash.csv.reason.txt"]
    assert sorted(p.name for p in (inbox / "processed").iterdir()) == ["a_good.csv", "b_copy.csv"]
    assert not [p for p in inbox.iterdir() if p.suffix in {".csv", ".xlsx"} and not p.is_symlink()]
    lists = _ledger(tmp)
    assert len(lists) == 6  # the byte-identical copy is the same receipt
    log = tmp / "out" / "batch.log"
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    assert '"error": "KeyError", "where": "' in log.read_text("utf-8")  # where, never the message
    leaks = [result.output, log.read_text("utf-8"), *reasons.values(), *(r["failure"] for r in lists)]
    for text in leaks:
        assert not any(s in text for s in SECRETS), text
        assert "0912 345 678" not in text


def test_a_file_that_killed_two_runs_is_set_aside_unread(setup, monkeypatch):
    tmp, inbox, pop, cfg = setup
    import vaxrecon.batch as batch

    killer = write_csv(inbox / "killer.csv", [HEADER, *csv_rows(3)])
    write_csv(inbox / "other.csv", [HEADER, *csv_rows(2)])
    _journal(inbox, killer, 2, tmp / "out" / "k")
    real_job = batch.run_job

    def job(lists, *args, **kwargs):
        assert lists[0].name != "killer.csv", "the quarantined file was processed"
        return real_job(lists, *args, **kwargs)

    monkeypatch.setattr(batch, "run_job", job)
    result, data = _batch(tmp, inbox, pop, cfg)
    assert result.exit_code == 4
    assert [f["file"] for f in data["failed"]] == ["killer.csv"] and "2 times" in data["failed"][0]["reason"]
    assert [p["file"] for p in data["processed"]] == ["other.csv"]
    assert (inbox / "failed" / "killer.csv").exists()
    assert json.loads((inbox / batch.ATTEMPTS_NAME).read_text()) == {}


def _dead_pid() -> int:
    proc = multiprocessing.get_context("fork").Process(target=lambda: None)
    proc.start()
    proc.join()
    return proc.pid


def test_outputs_the_ledger_does_not_know_are_redone_and_staging_is_removed(setup):
    """A run killed between the final rename and the ledger commit left a complete folder."""
    tmp, inbox, pop, cfg = setup
    lst = write_csv(inbox / "list.csv", [HEADER, *csv_rows(3)])
    orphan = tmp / "out" / "list_20211106_000000"
    orphan.mkdir(parents=True)
    (orphan / "results.csv").write_text("source\n", "utf-8")
    staging = tmp / "out" / f".list_20211106_000001.vaxrecon-{_dead_pid()}.x1y2z3w4"
    other = tmp / "out" / f".cache.{_dead_pid()}.abcdefgh"  # not ours: left alone
    other.mkdir(parents=True)
    staging.mkdir()
    (staging / "results.csv").write_text("partial personal data", "utf-8")
    _journal(inbox, lst, 1, orphan)
    result, data = _batch(tmp, inbox, pop, cfg)
    assert result.exit_code == 0, result.output
    assert not orphan.exists() and not staging.exists() and other.exists()
    (done,) = data["processed"]
    assert Path(done["out_dir"]).is_dir() and (inbox / "processed" / "list.csv").exists()


def test_a_run_recorded_but_not_filed_is_filed_without_verifying_again(setup):
    """A run killed between the ledger commit and moving the file to processed/."""
    tmp, inbox, pop, cfg = setup
    lst = write_csv(inbox / "list.csv", [HEADER, *csv_rows(3)])
    data_bytes = lst.read_bytes()
    first, data = _batch(tmp, inbox, pop, cfg)
    out_dir = data["processed"][0]["out_dir"]
    (inbox / "processed" / "list.csv").unlink()
    lst.write_bytes(data_bytes)
    _journal(inbox, lst, 1, out_dir)
    result, data = _batch(tmp, inbox, pop, cfg)
    assert result.exit_code == 0
    assert data["recovered"][0]["out_dir"] == out_dir and not data["processed"] and not data["duplicates"]
    assert (inbox / "processed" / "list.csv").exists()
    conn = sqlite3.connect(tmp / "l.sqlite")
    assert conn.execute("SELECT count(*) FROM runs").fetchone()[0] == 1


def _open_ledger(path: str) -> None:
    from vaxrecon.ledger.db import connect

    connect(path).close()


def test_parallel_runs_create_one_ledger(tmp_path):
    ctx = multiprocessing.get_context("fork")
    for i in range(4):
        path = str(tmp_path / f"l{i}.sqlite")
        procs = [ctx.Process(target=_open_ledger, args=(path,)) for _ in range(4)]
        for p in procs:
            p.start()
        for p in procs:
            p.join()
        assert [p.exitcode for p in procs] == [0, 0, 0, 0]
        assert sqlite3.connect(path).execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_default_output_folders_are_unique(tmp_path):
    from vaxrecon.documents.atomic import unique_dir

    base = tmp_path / "DS[1]_xac_minh_20211106_101500"
    assert unique_dir(base) == base
    base.mkdir()
    assert unique_dir(base).name == base.name + "_2"
    # another run is building _2 right now
    (tmp_path / f".{base.name}_2.vaxrecon-{os.getpid()}.abcdefgh").mkdir()
    assert unique_dir(base).name == base.name + "_3"


@pytest.mark.parametrize(
    "text, masked",
    [
        ("id 058090001234 ok", "id 058******234 ok"),
        ("phone 0912 345 678.", "phone 091* *** 678."),
        ("058 090 001 234", "058 *** *** 234"),
        ("+84 912.345.679", "+84 9**.***.679"),
        ("+84912345679", "+849*****679"),
        ("0912-345-678", "091*-***-678"),
        ("CMND 261234567", "CMND 261***567"),
        ("DS_058090001234.csv", "DS_058******234.csv"),
        ("list DS_22894_20211105.xlsx on 2021-11-05 10:15:00, 1500 rows", None),
    ],
)
def test_log_masking_covers_numbers_however_written(text, masked):
    from vaxrecon.logs import mask_ids

    assert mask_ids(text) == (masked or text)


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("vi", ["Không xử lý được tệp f.xlsx.", "Lý do: f.xlsx", "không thấy dòng tiêu đề", "Cách xử lý: "]),
        (
            "en",
            ["The file f.xlsx could not be processed.", "Reason: f.xlsx", "no header row", "What to do: "],
        ),
    ],
)
def test_batch_speaks_the_users_language(setup, lang, words):
    """The failure note, the ledger's failure, the terminal summary: Vietnamese, English with --lang en."""
    tmp, inbox, pop, cfg = setup
    save([["Nguyễn Văn An", "15/07/1975", "058080001234"]], inbox / "f.xlsx")
    (inbox / "sub").mkdir()
    (inbox / "~$g.xlsx").write_bytes(b"lock")
    args = ["batch", "--inbox", str(inbox), "-p", str(pop), "--out", str(tmp / "out")]
    args += ["--ledger", str(tmp / "l.sqlite"), "--config", str(cfg), "--today", "2021-11-06"]
    result = runner.invoke(app, [*args, *(["--lang", "en"] if lang == "en" else [])])
    assert result.exit_code == 4, result.output
    note = (inbox / "failed" / "f.xlsx.reason.txt").read_text("utf-8")
    assert all(w in note for w in words), note
    (listed,) = _ledger(tmp)
    assert listed["failure"][:60] in note  # the ledger keeps the same reason
    shown = " ".join(result.output.split())
    if lang == "vi":
        assert "bỏ qua sub: một thư mục" in shown and "(tên tệp tạm)" in shown
    else:
        assert "ignored sub: a folder" in shown and "(temporary name)" in shown
    _, data = _batch(tmp, inbox, pop, cfg, lang)
    assert {i["file"]: i["code"] for i in data["ignored"] + data["waiting"]} == {
        "sub": "folder",
        "~$g.xlsx": "temporary",
    }
