"""The ledger, deadlines, report, overdue and batch, with a clock the tests control."""

import datetime as dt
import json
import os
import shutil
import threading
import time

import pytest
from sheets import GOV_FORM, save
from typer.testing import CliRunner

from vaxrecon.batch import inbox_lock, run_batch
from vaxrecon.cli import app
from vaxrecon.config import load_config
from vaxrecon.followup import commune_report, overdue_report, province_report
from vaxrecon.ledger.db import connect, schema_version
from vaxrecon.ledger.record import record_run
from vaxrecon.logs import mask_ids
from vaxrecon.workflow import run_job

LIST_DATE = dt.date(2021, 11, 5)
DAY = {n: LIST_DATE + dt.timedelta(days=n - 1) for n in range(1, 10)}
POP_HEADER = "SO_DINH_DANH,HO_VA_TEN,NGAY_SINH,GIOI_TINH,MA_PX\n"
PEOPLE = (
    "058080001234,Nguyễn Văn An,04/03/1980,Nam,22894\n"
    "058175002345,Trần Thị Bình,15/07/1975,Nữ,22894\n"
    "058050003456,Lê Văn Cường,10/10/1950,Nam,22894\n"
)


FILLER = "".join(
    f"0581{40 + i % 60:02d}{100000 + i:06d},Phạm Thị Phụ {i},{1 + i % 28:02d}/{1 + i % 12:02d}/"
    f"{1940 + i % 60},Nữ,{22870 + i % 30}\n"
    for i in range(2000)
)


@pytest.fixture
def pop(tmp_path):
    path = tmp_path / "pop.csv"
    path.write_text(POP_HEADER + PEOPLE + FILLER, "utf-8")
    return path


def gov_list(tmp_path, name="ds.xlsx", fix_third=False):
    rows = [r[:] for r in GOV_FORM]
    if fix_third:
        rows[11][2], rows[11][4] = "10/10/1950", "058050003456"
    return save(rows, tmp_path / name)


def test_ledger_schema_is_versioned_and_wal(tmp_path):
    conn = connect(tmp_path / "l.sqlite")
    assert schema_version(conn) == 3
    assert (tmp_path / "l.sqlite").stat().st_mode & 0o777 == 0o600
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()
    assert schema_version(connect(tmp_path / "l.sqlite")) == 3


def test_a_list_verified_on_day_one_is_on_time(tmp_path, pop):
    cfg = load_config()
    ledger = tmp_path / "l.sqlite"
    run_job([gov_list(tmp_path)], pop, cfg, DAY[1], out_dir=tmp_path / "o1", ledger=ledger)
    conn = connect(ledger)
    lists = commune_report(conn, "Phước Hải", DAY[3], cfg)["lists"]
    assert [r["timeliness"] for r in lists] == ["on_time"]
    assert lists[0]["deadline"] == "2021-11-08" and lists[0]["returned_on"] == "2021-11-05"
    conn.close()


def test_a_list_returned_after_monday_is_late(tmp_path, pop):
    cfg = load_config()  # dated Friday 5 Nov: due by the end of Monday 8 Nov (Civil Code art. 147-148)
    run_job([gov_list(tmp_path)], pop, cfg, DAY[5], out_dir=tmp_path / "o", ledger=tmp_path / "l.sqlite")
    conn = connect(tmp_path / "l.sqlite")
    assert commune_report(conn, "22894", DAY[5], cfg)["lists"][0]["timeliness"] == "late"


def test_never_verified_list_is_overdue(tmp_path, pop):
    cfg = load_config()
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    inbox.mkdir()
    broken = save(
        [
            ["UBND XÃ PHƯỚC HẢI"],
            ["Ngày lập danh sách: 05/11/2021"],
            ["Họ và tên", "Thôn"],
            ["Nguyễn Văn An", "Thôn 1"],
        ],
        inbox / "broken.xlsx",
    )
    os.utime(broken, (time.time() - 3600,) * 2)
    result = run_batch(inbox, pop, out, cfg, DAY[1], tmp_path / "l.sqlite")
    assert [f["file"] for f in result.failed] == ["broken.xlsx"]
    assert (inbox / "failed" / "broken.xlsx").exists()
    assert "không có cột ngày sinh hay số CCCD" in (inbox / "failed" / "broken.xlsx.reason.txt").read_text()
    conn = connect(tmp_path / "l.sqlite")
    assert overdue_report(conn, DAY[4], cfg)["count"] == 0
    late = overdue_report(conn, DAY[5], cfg)
    assert late["count"] == 1 and late["lists"][0]["file_name"] == "broken.xlsx"
    assert late["communes"][0]["commune"] == "Xã Phước Hải"


def test_corrected_resubmission_closes_rows(tmp_path, pop):
    cfg = load_config()
    ledger = tmp_path / "l.sqlite"
    run_job([gov_list(tmp_path, "v1.xlsx")], pop, cfg, DAY[1], out_dir=tmp_path / "o1", ledger=ledger)
    conn = connect(ledger)
    first = commune_report(conn, "phuoc hai", DAY[2], cfg)
    assert len(first["open_requests"]) == 1  # Le Van Cuong: year only and no ID
    assert first["open_requests"][0]["first_reported"] == "2021-11-05"
    run_job(
        [gov_list(tmp_path, "v2.xlsx", fix_third=True)],
        pop,
        cfg,
        DAY[2],
        out_dir=tmp_path / "o2",
        ledger=ledger,
    )
    second = commune_report(conn, "Xã Phước Hải", DAY[3], cfg)
    assert second["open_requests"] == []
    versions = {r["file_name"]: r for r in second["lists"]}
    assert versions["v1.xlsx"]["superseded_by"] == versions["v2.xlsx"]["id"]
    assert second["totals"]["rows"] == 3  # the superseded version is not counted twice


def test_open_rows_keep_their_age_across_versions(tmp_path, pop):
    cfg = load_config()
    ledger = tmp_path / "l.sqlite"
    run_job([gov_list(tmp_path, "v1.xlsx")], pop, cfg, DAY[1], out_dir=tmp_path / "o1", ledger=ledger)
    run_job([gov_list(tmp_path, "v2.xlsx")], pop, cfg, DAY[3], out_dir=tmp_path / "o2", ledger=ledger)
    conn = connect(ledger)
    rows = commune_report(conn, "22894", DAY[5], cfg)["open_requests"]
    assert [(r["first_reported"], r["age_days"], r["overdue"]) for r in rows] == [("2021-11-05", 4, True)]
    assert overdue_report(conn, DAY[2], cfg)["count"] == 0
    assert overdue_report(conn, DAY[5], cfg)["count"] == 1


def test_the_commune_report_masks_phones(tmp_path, pop):
    cfg = load_config()
    rows = [r[:] for r in GOV_FORM]
    rows[6], rows[7] = [*rows[6], "Số điện thoại"], [*rows[7], "(8)"]
    rows[11] = [*rows[11], "0905123456"]
    ledger = tmp_path / "l.sqlite"
    run_job([save(rows, tmp_path / "ds.xlsx")], pop, cfg, DAY[1], out_dir=tmp_path / "o", ledger=ledger)
    report = commune_report(connect(ledger), "22894", DAY[2], cfg)
    assert [r["phone"] for r in report["open_requests"]] == ["090****456"]
    assert "0905123456" not in json.dumps(report)


def test_an_interrupted_recording_leaves_the_ledger_consistent(tmp_path, pop, monkeypatch):
    from vaxrecon.pipeline import verify

    cfg = load_config()
    result = verify([gov_list(tmp_path)], pop, cfg, DAY[1])
    conn = connect(tmp_path / "l.sqlite")
    calls = []

    def killed(sql, rows):  # the process is interrupted while the outcome rows are written
        calls.append(sql)
        raise KeyboardInterrupt

    half = type("Connection", (), {"execute": conn.execute, "executemany": staticmethod(killed)})()
    with pytest.raises(KeyboardInterrupt):
        record_run(half, result, DAY[1], cfg=cfg)
    assert calls  # the run and list rows were inserted before the interruption
    for table in ("runs", "lists", "outcomes"):
        assert conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] == 0


def test_batch_skips_copies_in_progress_and_duplicates(tmp_path, pop):
    cfg = load_config()
    inbox, out, ledger = tmp_path / "inbox", tmp_path / "out", tmp_path / "l.sqlite"
    inbox.mkdir()
    old = time.time() - 3600
    done = gov_list(inbox, "a.xlsx")
    os.utime(done, (old, old))
    fresh = gov_list(tmp_path, "b.xlsx", fix_third=True)
    shutil.copy(fresh, inbox / "b.xlsx")  # modified just now: still being copied
    (inbox / "~$a.xlsx").write_bytes(b"lock")
    os.utime(inbox / "~$a.xlsx", (old, old))
    first = run_batch(inbox, pop, out, cfg, DAY[1], ledger)
    assert [p["file"] for p in first.processed] == ["a.xlsx"]
    assert {w["file"]: w["code"] for w in first.waiting} == {"b.xlsx": "copying", "~$a.xlsx": "temporary"}
    assert (inbox / "processed" / "a.xlsx").exists() and (inbox / "b.xlsx").exists()
    assert json.loads((out / "overdue_2021-11-05.json").read_text("utf-8"))["schema"] == "vaxrecon.overdue/1"
    shutil.copy(inbox / "processed" / "a.xlsx", inbox / "again.xlsx")
    os.utime(inbox / "again.xlsx", (old, old))
    os.utime(inbox / "b.xlsx", (old, old))
    second = run_batch(inbox, pop, out, cfg, DAY[1], ledger)
    assert [d["file"] for d in second.duplicates] == ["again.xlsx"]
    assert [p["file"] for p in second.processed] == ["b.xlsx"]


def test_two_batches_at_once_do_not_double_process(tmp_path, pop):
    cfg = load_config()
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    with inbox_lock(inbox) as first:
        assert first
        result = run_batch(inbox, pop, tmp_path / "out", cfg, DAY[1], tmp_path / "l.sqlite")
        assert result.locked and not result.processed
    with inbox_lock(inbox) as again:  # released: a stale lock file is reused
        assert again


def test_concurrent_batch_threads_process_each_file_once(tmp_path, pop):
    cfg = load_config()
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    old = time.time() - 3600
    for name, fix in (("a.xlsx", False), ("b.xlsx", True)):
        os.utime(gov_list(inbox, name, fix_third=fix), (old, old))
    results = []
    threads = [
        threading.Thread(
            target=lambda: results.append(
                run_batch(inbox, pop, tmp_path / "out", cfg, DAY[1], tmp_path / "l.sqlite")
            )
        )
        for _ in range(2)
    ]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    processed = [p["file"] for r in results for p in r.processed]
    assert sorted(processed) == ["a.xlsx", "b.xlsx"]
    assert sum(r.locked for r in results) + sum(not r.locked for r in results) == 2
    runs = connect(tmp_path / "l.sqlite").execute("SELECT COUNT(*) FROM runs").fetchone()[0]
    assert runs == 2


def test_province_report_marks_unknown_metadata(tmp_path, pop):
    cfg = load_config()
    bare = save(
        [["Họ và tên", "Ngày sinh", "CCCD"], ["Nguyễn Văn An", "04/03/1980", "058080001234"]],
        tmp_path / "no_title.xlsx",
    )
    run_job([bare], pop, cfg, DAY[1], out_dir=tmp_path / "o", ledger=tmp_path / "l.sqlite")
    report = province_report(connect(tmp_path / "l.sqlite"), DAY[1], cfg)
    assert report["communes"][0]["commune"] == "unknown"
    assert report["unknown_metadata"][0]["missing"] == ["commune", "list_date"]
    assert "--list-date" in report["unknown_metadata"][0]["how_to_supply"]


def test_metadata_from_options_and_file_name(tmp_path, pop):
    cfg = load_config()
    bare = [["Họ và tên", "Ngày sinh", "CCCD"], ["Nguyễn Văn An", "04/03/1980", "058080001234"]]
    job = run_job([save(bare, tmp_path / "DS_22894_20211105.xlsx")], pop, cfg, DAY[1], out_dir=tmp_path / "a")
    info = job.result.lists[0]
    assert (info["commune_code"], info["list_date"]) == ("22894", "2021-11-05")
    assert info["deadline"] == "2021-11-08"
    job = run_job(
        [save(bare, tmp_path / "x.xlsx")],
        pop,
        cfg,
        DAY[1],
        out_dir=tmp_path / "b",
        list_date=dt.date(2021, 11, 4),
        commune="xã phước hải",
    )
    info = job.result.lists[0]
    assert info["commune"] == "Xã Phước Hải" and info["list_date"] == "2021-11-04"


def test_cli_report_overdue_and_batch(tmp_path, pop):
    runner = CliRunner()
    ledger = tmp_path / "l.sqlite"
    src = gov_list(tmp_path)
    assert (
        runner.invoke(
            app,
            [
                "verify",
                str(src),
                "-p",
                str(pop),
                "--out",
                str(tmp_path / "o"),
                "--ledger",
                str(ledger),
                "--today",
                "2021-11-05",
                "-q",
            ],
        ).exit_code
        == 0
    )
    table = runner.invoke(
        app, ["report", "--commune", "Phuoc Hai", "--ledger", str(ledger), "--today", "2021-11-06"]
    )
    assert table.exit_code == 0 and "Xã Phước Hải" in table.output
    as_json = runner.invoke(
        app, ["report", "--ledger", str(ledger), "--format", "json", "--today", "2021-11-06"]
    )
    assert json.loads(as_json.output)["schema"] == "vaxrecon.report.province/1"
    xlsx = runner.invoke(
        app,
        [
            "report",
            "--commune",
            "22894",
            "--ledger",
            str(ledger),
            "--format",
            "xlsx",
            "--out",
            str(tmp_path / "r.xlsx"),
            "--today",
            "2021-11-06",
        ],
    )
    assert xlsx.exit_code == 0
    import openpyxl

    wb = openpyxl.load_workbook(tmp_path / "r.xlsx")
    assert wb.active._charts
    assert wb.sheetnames == ["Tổng hợp", "Yêu cầu còn mở", "Quyết định của công an"]
    none_due = runner.invoke(app, ["overdue", "--ledger", str(ledger), "--as-of", "2021-11-08"])
    assert none_due.exit_code == 0
    due = runner.invoke(
        app, ["overdue", "--ledger", str(ledger), "--as-of", "2021-11-09", "--format", "json"]
    )
    assert due.exit_code == 3 and json.loads(due.output)["count"] == 1
    missing = runner.invoke(app, ["report", "--ledger", str(tmp_path / "none.sqlite")])
    assert missing.exit_code == 2 and "Chưa có sổ theo dõi" in missing.output
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    result = runner.invoke(
        app,
        [
            "batch",
            "--inbox",
            str(inbox),
            "-p",
            str(pop),
            "--out",
            str(tmp_path / "b"),
            "--ledger",
            str(ledger),
            "--today",
            "2021-11-09",
            "--json",
        ],
    )
    assert result.exit_code == 3 and json.loads(result.output)["overdue_count"] == 1


def test_batch_log_is_json_lines_with_masked_ids(tmp_path, pop):
    runner = CliRunner()
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    os.utime(gov_list(inbox, "a.xlsx"), (time.time() - 3600,) * 2)
    log = tmp_path / "batch.log"
    result = runner.invoke(
        app,
        [
            "batch",
            "--inbox",
            str(inbox),
            "-p",
            str(pop),
            "--out",
            str(tmp_path / "o"),
            "--ledger",
            str(tmp_path / "l.sqlite"),
            "--log",
            str(log),
            "--today",
            "2021-11-05",
        ],
    )
    assert result.exit_code == 0, result.output
    entries = [json.loads(line) for line in log.read_text("utf-8").splitlines()]
    assert any(e["message"].startswith("processed a.xlsx") for e in entries)
    assert "058080001234" not in log.read_text("utf-8")


@pytest.mark.parametrize(
    "text, masked",
    [
        ("ID 058080001234 and CMND 264123456", "ID 058******234 and CMND 264***456"),
        ("phone 0905123456, date 20211105", "phone 090****456, date 20211105"),
    ],
)
def test_mask_ids(text, masked):
    assert mask_ids(text) == masked


def test_report_and_overdue_json_match_golden(tmp_path, pop):
    """Two lists of one commune — one on time with an open request, one never verified — judged on
    day 5 (Tuesday 9 Nov, the day after the deadline). Regenerate with UPDATE_GOLDEN=1 after an
    intended change of the schemas."""
    from pathlib import Path

    cfg = load_config()
    ledger, inbox = tmp_path / "l.sqlite", tmp_path / "inbox"
    inbox.mkdir()
    run_job([gov_list(tmp_path, "DS_on_time.xlsx")], pop, cfg, DAY[1], out_dir=tmp_path / "o", ledger=ledger)
    broken = save(
        [
            ["UBND XÃ PHƯỚC HẢI"],
            ["Ngày lập danh sách: 05/11/2021"],
            ["Họ và tên", "Thôn"],
            ["Nguyễn Văn An", "Thôn 1"],
        ],
        inbox / "DS_broken.xlsx",
    )
    os.utime(broken, (time.time() - 3600,) * 2)
    run_batch(inbox, pop, tmp_path / "b", cfg, DAY[2], ledger)
    conn = connect(ledger)
    reports = {
        "commune": commune_report(conn, "Phước Hải", DAY[5], cfg),
        "province": province_report(conn, DAY[5], cfg),
        "overdue": overdue_report(conn, DAY[5], cfg),
    }
    golden = Path(__file__).parent / "golden"
    for name, report in reports.items():
        for item in report.get("lists", []):  # where the test's temporary folder happens to be
            item["path"] = Path(item["path"]).name
        path = golden / f"{name}_report.json"
        text = json.dumps(report, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        if os.environ.get("UPDATE_GOLDEN"):
            path.write_text(text, "utf-8")
        assert json.loads(text) == json.loads(path.read_text("utf-8")), name
    assert reports["overdue"]["count"] == 2  # the broken list, and the request open since day 1


def test_unknown_list_date_is_named_in_the_overview(tmp_path, pop):
    cfg = load_config()
    rows = [
        ["Họ và tên", "Ngày sinh", "CCCD", "Mã xã/phường"],
        ["Nguyễn Văn An", "04/03/1980", "058080001234", "22894"],
    ]
    run_job(
        [save(rows, tmp_path / "no_date.xlsx")],
        pop,
        cfg,
        DAY[1],
        out_dir=tmp_path / "o",
        ledger=tmp_path / "l.sqlite",
    )
    report = province_report(connect(tmp_path / "l.sqlite"), DAY[1], cfg)
    assert report["unknown_metadata"][0]["missing"] == ["list_date"]
    assert report["communes"][0]["commune_code"] == "22894" and report["communes"][0]["unknown"] == 1
