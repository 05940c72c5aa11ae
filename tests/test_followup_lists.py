"""Issue 11: lists kept apart, first return dates, police decisions, districts and facilities,
overdue rows, and what the batch tells its user (all synthetic people)."""

import datetime as dt
import json
import os
import time

import openpyxl
import pytest
from sheets import GOV_FORM, save
from typer.testing import CliRunner

from vaxrecon.batch import run_batch
from vaxrecon.cli import app
from vaxrecon.config import load_config
from vaxrecon.followup import commune_report, overdue_report
from vaxrecon.ingest.metadata import read_metadata
from vaxrecon.ledger.db import connect
from vaxrecon.ledger.record import lineage, unit_kind
from vaxrecon.workflow import run_job

DAY = {n: dt.date(2021, 11, 4 + n) for n in range(1, 10)}  # DAY[1] = Friday 5 Nov 2021
POP = (
    "SO_DINH_DANH,HO_VA_TEN,NGAY_SINH,GIOI_TINH,MA_PX\n"
    "058080001234,Nguyễn Văn An,04/03/1980,Nam,22894\n"
    "058175002345,Trần Thị Bình,15/07/1975,Nữ,22894\n"
    "058050003456,Lê Văn Cường,10/10/1950,Nam,22894\n"
    "058190004567,Võ Thị Dung,20/02/1990,Nữ,22894\n"
    "058085005678,Đặng Văn Hùng,12/12/1985,Nam,22894\n"
    "058060006789,Hoàng Văn Khánh,01/01/1960,Nam,22894\n"
    + "".join(
        f"0581{40 + i % 60:02d}{100000 + i:06d},Phạm Thị Phụ {i},{1 + i % 28:02d}/{1 + i % 12:02d}/"
        f"{1940 + i % 60},Nữ,{22870 + i % 30}\n"
        for i in range(2000)
    )
)
OTHER_PEOPLE = [  # a second list of the same commune and day: other people, one open request
    [1, "Võ Thị Dung", "20/02/1990", "Nữ", "058190004567", "Thôn 3", None],
    [2, "Đặng Văn Hùng", "12/12/1985", "Nam", "058085005678", "Thôn 3", None],
    [3, "Hoang Van Khanh", 1960, "nam", None, "Thôn 4", None],
]
FACILITY_TITLE = [
    ["BỆNH VIỆN ĐA KHOA KHU VỰC NINH SƠN", None, None, None, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
    ["DANH SÁCH CÁN BỘ, NHÂN VIÊN ĐĂNG KÝ TIÊM VẮC XIN COVID-19"],
    ["Ngày lập danh sách: 05/11/2021"],
    ["Công an xã đối chiếu với CSDLQG về dân cư và trả kết quả trong 02 ngày"],
]


@pytest.fixture
def pop(tmp_path):
    path = tmp_path / "pop.csv"
    path.write_text(POP, "utf-8")
    return path


def gov(path, people=None, list_date="05/11/2021", fix_third=False, title=None):
    rows = [r[:] for r in GOV_FORM]
    rows[4] = [f"Ngày lập danh sách: {list_date}"]
    if people is not None:
        for slot, i in zip((8, 9, 11), range(3), strict=True):
            rows[slot] = people[i][:] if i < len(people) else []
    if fix_third:
        rows[11][2], rows[11][4] = "10/10/1950", "058050003456"
    if title is not None:
        rows[:6] = title + [[]] * (6 - len(title))
    path.parent.mkdir(parents=True, exist_ok=True)
    return save(rows, path)


def names(conn, list_id):
    return sorted(r[0] for r in conn.execute("SELECT name FROM outcomes WHERE list_id = ?", (list_id,)))


# 1. Different lists are never merged -------------------------------------------------------------


def test_two_different_same_day_lists_both_stay_open(tmp_path, pop):
    cfg, ledger = load_config(), tmp_path / "l.sqlite"
    run_job(
        [gov(tmp_path / "DS_22894_20211105.xlsx")], pop, cfg, DAY[1], out_dir=tmp_path / "o1", ledger=ledger
    )
    run_job(
        [gov(tmp_path / "DS_22894_20211105_dot2.xlsx", OTHER_PEOPLE)],
        pop,
        cfg,
        DAY[1],
        out_dir=tmp_path / "o2",
        ledger=ledger,
    )
    report = commune_report(connect(ledger), "22894", DAY[2], cfg)
    assert [(r["superseded_by"], r["supersedes"], r["rows"]) for r in report["lists"]] == [
        (None, None, 3)
    ] * 2
    assert sorted(r["name"] for r in report["open_requests"]) == ["Hoang Van Khanh", "Le Van Cuong"]
    assert report["totals"]["rows"] == 6


def test_same_file_name_in_two_folders_gives_two_lists_with_their_own_rows(tmp_path, pop):
    cfg, ledger = load_config(), tmp_path / "l.sqlite"
    a, b = gov(tmp_path / "a" / "DS.xlsx"), gov(tmp_path / "b" / "DS.xlsx", OTHER_PEOPLE)
    job = run_job([a, b], pop, cfg, DAY[1], out_dir=tmp_path / "o", ledger=ledger)
    assert len(list((tmp_path / "o").rglob("DS_ket_qua.xlsx"))) == 2  # one returned copy per list
    conn = connect(ledger)
    lists = conn.execute("SELECT id, path, superseded_by FROM lists ORDER BY id").fetchall()
    assert [(r["path"], r["superseded_by"]) for r in lists] == [(str(a), None), (str(b), None)]
    assert names(conn, lists[0]["id"]) == ["Le Van Cuong", "Nguyễn Văn An", "Trần Thị Bình"]
    assert names(conn, lists[1]["id"]) == ["Hoang Van Khanh", "Võ Thị Dung", "Đặng Văn Hùng"]
    assert conn.execute("SELECT COUNT(*) FROM outcomes").fetchone()[0] == len(job.result.results) == 6
    # Verified again one by one, later: each is a re-run of itself, not a version of the other.
    run_job([b], pop, cfg, DAY[2], out_dir=tmp_path / "o2", ledger=ledger)
    run_job([a], pop, cfg, DAY[2], out_dir=tmp_path / "o3", ledger=ledger)
    kinds = conn.execute("SELECT list_id, kind FROM list_runs ORDER BY run_id, list_id").fetchall()
    assert [tuple(k) for k in kinds] == [(1, "first"), (2, "first"), (2, "rerun"), (1, "rerun")]
    assert conn.execute("SELECT COUNT(*) FROM lists WHERE superseded_by IS NOT NULL").fetchone()[0] == 0


def test_a_recognisably_same_list_is_a_new_version_and_supersedes_is_honoured(tmp_path, pop):
    cfg, ledger = load_config(), tmp_path / "l.sqlite"
    run_job(
        [gov(tmp_path / "DS_22894_20211105.xlsx")], pop, cfg, DAY[1], out_dir=tmp_path / "o1", ledger=ledger
    )
    run_job(
        [gov(tmp_path / "DS_22894_20211105 (sửa lần 2).xlsx", fix_third=True)],
        pop,
        cfg,
        DAY[2],
        out_dir=tmp_path / "o2",
        ledger=ledger,
    )
    run_job(
        [gov(tmp_path / "khac.xlsx", OTHER_PEOPLE)], pop, cfg, DAY[2], out_dir=tmp_path / "o3", ledger=ledger
    )
    run_job(
        [gov(tmp_path / "khac_moi.xlsx", OTHER_PEOPLE[:2])],
        pop,
        cfg,
        DAY[3],
        out_dir=tmp_path / "o4",
        ledger=ledger,
        supersedes=3,
    )
    lists = {r["id"]: r for r in commune_report(connect(ledger), "22894", DAY[3], cfg)["lists"]}
    assert (lists[1]["superseded_by"], lists[2]["supersedes"]) == (2, 1)
    assert (lists[3]["superseded_by"], lists[4]["supersedes"]) == (4, 3)


@pytest.mark.parametrize(
    "name, expected",
    [
        ("DS_22894_20211105.xlsx", "ds 22894"),
        ("DS_22894_20211105 (1).xlsx", "ds 22894"),
        ("ds 22894 sửa lần 2.xls", "ds 22894"),
        ("DS_22894_v2_final.xlsx", "ds 22894"),
        ("DS_22894_dot2.xlsx", "ds 22894 dot2"),
        ("Danh sách thôn 3.xlsx", "danh sach thon 3"),
    ],
)
def test_file_name_lineage(name, expected):
    assert lineage(name) == expected


# 3. When a list was returned ---------------------------------------------------------------------


def test_a_rerun_keeps_the_first_return_date(tmp_path, pop):
    cfg, ledger = load_config(), tmp_path / "l.sqlite"
    src = gov(tmp_path / "ds.xlsx")
    run_job([src], pop, cfg, DAY[1], out_dir=tmp_path / "o1", ledger=ledger)
    run_job([src], pop, cfg, DAY[6], out_dir=tmp_path / "o2", ledger=ledger)
    (only,) = commune_report(connect(ledger), "22894", DAY[6], cfg)["lists"]
    assert (only["returned_on"], only["timeliness"], only["reruns"], only["last_run_on"]) == (
        "2021-11-05",
        "on_time",
        1,
        "2021-11-10",
    )


def test_a_corrected_version_has_its_own_deadline(tmp_path, pop):
    cfg, ledger = load_config(), tmp_path / "l.sqlite"
    run_job([gov(tmp_path / "v1.xlsx")], pop, cfg, DAY[1], out_dir=tmp_path / "o1", ledger=ledger)
    # Dated Wednesday 10 Nov: due Friday 12 Nov, returned Thursday 11 Nov.
    run_job(
        [gov(tmp_path / "v2.xlsx", list_date="10/11/2021", fix_third=True)],
        pop,
        cfg,
        DAY[7],
        out_dir=tmp_path / "o2",
        ledger=ledger,
    )
    # The copy that still carries the original's date arrives Tuesday 16 Nov: timed from that day.
    run_job(
        [gov(tmp_path / "v3.xlsx", fix_third=True)],
        pop,
        cfg,
        dt.date(2021, 11, 16),
        out_dir=tmp_path / "o3",
        ledger=ledger,
    )
    lists = commune_report(connect(ledger), "22894", dt.date(2021, 11, 20), cfg)["lists"]
    assert [(r["deadline"], r["returned_on"], r["timeliness"], r["supersedes"]) for r in lists] == [
        ("2021-11-08", "2021-11-05", "on_time", None),
        ("2021-11-12", "2021-11-11", "on_time", 1),
        ("2021-11-18", "2021-11-16", "on_time", 2),
    ]


# 4. Police decisions -----------------------------------------------------------------------------


def test_resolve_closes_a_row_and_report_shows_who(tmp_path, pop):
    runner, ledger = CliRunner(), tmp_path / "l.sqlite"
    assert (
        runner.invoke(
            app,
            [
                "verify",
                str(gov(tmp_path / "ds.xlsx")),
                "-p",
                str(pop),
                "-o",
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
    before = json.loads(
        runner.invoke(
            app,
            ["report", "--commune", "22894", "--ledger", str(ledger), "-f", "json", "--today", "2021-11-06"],
        ).output
    )
    (request,) = before["open_requests"]
    where = f"{request['list_id']}:{request['sheet']}:{request['row']}"
    done = runner.invoke(
        app,
        [
            "resolve",
            where,
            "--status",
            "verified",
            "--person-id",
            "058050003456",
            "--note",
            "đến đối chiếu với thẻ CCCD",
            "--by",
            "Trung úy Phan Văn Tâm",
            "--ledger",
            str(ledger),
            "--today",
            "2021-11-06",
        ],
    )
    assert done.exit_code == 0, done.output
    after = json.loads(
        runner.invoke(
            app,
            ["report", "--commune", "22894", "--ledger", str(ledger), "-f", "json", "--today", "2021-11-06"],
        ).output
    )
    assert after["open_requests"] == []
    (decision,) = after["decisions"]
    assert (
        decision["decided_by"],
        decision["status_before"],
        decision["status"],
        decision["person_id"],
        decision["name"],
    ) == ("Trung úy Phan Văn Tâm", request["status"], "verified", "058******456", "Le Van Cuong")
    assert after["lists"][0]["verified"] == before["lists"][0]["verified"] + 1
    table = runner.invoke(
        app, ["report", "--commune", "22894", "--ledger", str(ledger), "--today", "2021-11-06"]
    )
    assert table.exit_code == 0 and "Quyết định của công an: 1" in table.output
    bad = runner.invoke(
        app, ["resolve", where, "--status", "verified", "--person-id", "05805000345", "--ledger", str(ledger)]
    )
    assert bad.exit_code == 2 and "12 chữ số" in bad.output
    unlinked = runner.invoke(app, ["resolve", "1:DS:99", "--status", "verified", "--ledger", str(ledger)])
    assert unlinked.exit_code == 2 and "không có dòng dữ liệu DS:99" in unlinked.output
    # A re-run of the same list keeps the decision applied.
    assert (
        runner.invoke(
            app,
            [
                "verify",
                str(tmp_path / "ds.xlsx"),
                "-p",
                str(pop),
                "-o",
                str(tmp_path / "o2"),
                "--ledger",
                str(ledger),
                "--today",
                "2021-11-07",
                "-q",
            ],
        ).exit_code
        == 0
    )
    again = json.loads(
        runner.invoke(
            app,
            ["report", "--commune", "22894", "--ledger", str(ledger), "-f", "json", "--today", "2021-11-07"],
        ).output
    )
    assert again["open_requests"] == [] and again["lists"][0]["reruns"] == 1


def _add_decision_column(path, decisions: dict[int, tuple[str, str]]):
    """The police officer's edit: two columns after the result columns, filled on some rows."""
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    head = next(c for row in ws.iter_rows() for c in row if c.value == "Kết quả xác minh")
    col = ws.max_column + 1
    ws.cell(head.row, col, "Quyết định")
    ws.cell(head.row, col + 1, "Ghi chú xác minh")
    for row, (decision, note) in decisions.items():
        ws.cell(row, col, decision)
        ws.cell(row, col + 1, note)
    wb.save(path)


def test_import_of_a_returned_copy_with_decisions(tmp_path, pop):
    cfg, ledger = load_config(), tmp_path / "l.sqlite"
    run_job([gov(tmp_path / "ds.xlsx")], pop, cfg, DAY[1], out_dir=tmp_path / "o", ledger=ledger)
    (request,) = commune_report(connect(ledger), "22894", DAY[2], cfg)["open_requests"]
    (returned,) = (tmp_path / "o").rglob("*_ket_qua.xlsx")  # in the list's own folder
    _add_decision_column(returned, {request["row"]: ("Đã xác minh", "xác minh trực tiếp")})
    result = CliRunner().invoke(
        app,
        [
            "resolve",
            "--import",
            str(returned),
            "--list",
            "1",
            "--by",
            "CA xã",
            "--ledger",
            str(ledger),
            "--today",
            "2021-11-06",
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["recorded"][0]["row"] == request["row"]
    report = commune_report(connect(ledger), "22894", DAY[2], cfg)
    assert report["open_requests"] == []
    assert [(d["decided_by"], d["source"], d["note"]) for d in report["decisions"]] == [
        ("CA xã", "import:ds_ket_qua.xlsx", "xác minh trực tiếp")
    ]


def test_import_of_a_review_workbook_reports_rows_it_cannot_read(tmp_path, pop):
    cfg, ledger = load_config(), tmp_path / "l.sqlite"
    run_job([gov(tmp_path / "ds.xlsx")], pop, cfg, DAY[1], out_dir=tmp_path / "o", ledger=ledger)
    review = save(
        [
            ["DANH SÁCH CẦN XÁC MINH THÊM (CHỈ DÀNH CHO CÔNG AN)"],
            ["STT", "Họ tên", "Vị trí trong danh sách", "Quyết định", "Số định danh cá nhân"],
            [1, "Le Van Cuong", "ds.xlsx / DS / 12", "không phải công dân", None],
            [2, "Ai Đó", "ds.xlsx / DS / 99", "đúng", "058050003456"],
            [3, "Người Khác", "ds.xlsx / DS / 9", "có lẽ", None],
        ],
        tmp_path / "xem_lai.xlsx",
    )
    result = CliRunner().invoke(app, ["resolve", "--import", str(review), "--ledger", str(ledger), "--json"])
    assert result.exit_code == 0, result.output
    done = json.loads(result.output)
    assert [(d["row"], d["status"]) for d in done["recorded"]] == [(12, "non_citizen")]
    problems = {p["where"]: p["problem"] for p in done["problems"]}
    assert sorted(problems) == ["DS:5", "DS:99"]
    assert "không có dòng dữ liệu DS:99" in problems["DS:99"]
    assert "'có lẽ' không phải quyết định" in problems["DS:5"]
    per_list = save(
        [
            ["TÀI LIỆU NỘI BỘ CÔNG AN"],
            ["STT", "Vị trí trong danh sách", "Quyết định"],
            [1, "Sheet DS, dòng 9", "đã xác minh"],
        ],
        tmp_path / "01_ds.xlsx",
    )
    args = ["resolve", "--import", str(per_list), "--ledger", str(ledger), "--json"]
    unnamed = json.loads(CliRunner().invoke(app, args).output)
    assert unnamed["recorded"] == [] and "--list N" in unnamed["problems"][0]["problem"]
    named = json.loads(CliRunner().invoke(app, [*args, "--list", "ds.xlsx"]).output)
    assert [(d["row"], d["status"]) for d in named["recorded"]] == [(9, "verified")]


# 5. Districts and facilities ---------------------------------------------------------------------


def test_a_note_line_is_never_the_commune_of_a_facility_list():
    meta = read_metadata(FACILITY_TITLE, [])
    assert meta["commune"] == "" and meta["unit"] == "BỆNH VIỆN ĐA KHOA KHU VỰC NINH SƠN"
    assert unit_kind(meta["unit"]) == "facility" and unit_kind("UBND XÃ PHƯỚC HẢI") == "commune"
    assert read_metadata([["Kính gửi: UBND xã Phước Hải"], *FACILITY_TITLE], [])["commune_code"] == "22894"


def test_district_report_and_facility_flow_end_to_end(tmp_path, pop):
    runner, ledger = CliRunner(), tmp_path / "l.sqlite"
    facility = gov(tmp_path / "benh_vien.xlsx", OTHER_PEOPLE, title=FACILITY_TITLE)
    for src, extra in ((gov(tmp_path / "ds.xlsx"), []), (facility, ["--commune", "22894"])):
        assert (
            runner.invoke(
                app,
                [
                    "verify",
                    str(src),
                    "-p",
                    str(pop),
                    "-o",
                    str(tmp_path / src.stem),
                    "--ledger",
                    str(ledger),
                    "--today",
                    "2021-11-05",
                    "-q",
                    *extra,
                ],
            ).exit_code
            == 0
        )
    data = json.loads(
        runner.invoke(
            app,
            [
                "report",
                "--district",
                "Ninh Phước",
                "--ledger",
                str(ledger),
                "-f",
                "json",
                "--today",
                "2021-11-09",
            ],
        ).output
    )
    assert (data["schema"], data["district"], data["district_code"]) == (
        "vaxrecon.report.district/1",
        "Huyện Ninh Phước",
        "587",
    )
    assert [(c["commune"], c["lists"], c["facility_lists"], c["rows"]) for c in data["communes"]] == [
        ("Xã Phước Hải", 2, 1, 6)
    ]
    (unit,) = data["facilities"]
    assert (unit["unit"], unit["commune"], unit["timeliness"]) == (
        "BỆNH VIỆN ĐA KHOA KHU VỰC NINH SƠN",
        "Xã Phước Hải",
        "on_time",
    )
    commune = json.loads(
        runner.invoke(
            app,
            ["report", "--commune", "22894", "--ledger", str(ledger), "-f", "json", "--today", "2021-11-09"],
        ).output
    )
    kinds = {r["file_name"]: (r["unit_kind"], r["return_to"]) for r in commune["lists"]}
    assert kinds["benh_vien.xlsx"] == ("facility", "BỆNH VIỆN ĐA KHOA KHU VỰC NINH SƠN")
    assert kinds["ds.xlsx"] == ("commune", "Xã Phước Hải")
    province = tmp_path / "tinh.xlsx"
    assert (
        runner.invoke(
            app,
            ["report", "--ledger", str(ledger), "-f", "xlsx", "-o", str(province), "--today", "2021-11-09"],
        ).exit_code
        == 0
    )
    wb = openpyxl.load_workbook(province)
    assert wb.sheetnames == ["Tổng hợp", "Theo xã", "Cơ sở"] and wb["Tổng hợp"]._charts
    table = [[c.value for c in r] for r in wb["Tổng hợp"].iter_rows(min_row=5)]
    assert table[0][:2] == ["Quận/huyện", "Đã xác minh"] and table[-1][0] == "Tổng cộng"
    assert table[1][0] == "Huyện Ninh Phước" and table[-1][table[0].index("Số danh sách")] == 2
    facilities = [[c.value for c in r] for r in wb["Cơ sở"].iter_rows(min_row=5)]
    assert facilities[1][facilities[0].index("Ngày lập danh sách")] == "05/11/2021"
    assert facilities[1][facilities[0].index("Tình trạng thời hạn")] == "Đúng hạn"
    missing = runner.invoke(app, ["report", "--district", "Hà Đông", "--ledger", str(ledger)])
    assert missing.exit_code == 2 and "Hà Đông" in missing.output


# 6. Overdue and the batch ------------------------------------------------------------------------


def test_overdue_xlsx_lists_the_rows_with_ids_masked(tmp_path, pop):
    runner, ledger = CliRunner(), tmp_path / "l.sqlite"
    assert (
        runner.invoke(
            app,
            [
                "verify",
                str(gov(tmp_path / "ds.xlsx")),
                "-p",
                str(pop),
                "-o",
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
    target = tmp_path / "qua_han.xlsx"
    result = runner.invoke(
        app, ["overdue", "--ledger", str(ledger), "--as-of", "2021-11-09", "-f", "xlsx", "-o", str(target)]
    )
    assert result.exit_code == 3, result.output
    rows = [[c.value for c in r] for r in openpyxl.load_workbook(target)["Dòng quá hạn"].iter_rows(min_row=5)]
    head, (row,) = rows[0], rows[1:]
    got = dict(zip(head, row, strict=True))
    assert (got["Họ tên"], got["Tệp"], got["Ngày báo lần đầu"], got["Số định danh cá nhân"]) == (
        "Le Van Cuong",
        "ds.xlsx",
        "05/11/2021",
        "058******456",
    )
    assert "058050003456" not in json.dumps(overdue_report(connect(ledger), DAY[5], load_config()))


def test_batch_records_a_corrupt_file_by_its_name_and_reports_other_files(tmp_path, pop):
    cfg, inbox, ledger = load_config(), tmp_path / "inbox", tmp_path / "l.sqlite"
    inbox.mkdir()
    (inbox / "DS_22894_20211105.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    save([["Danh sách"], ["Tên người", "Tuổi"], ["An", 40]], inbox / "khong_tieu_de.xlsx")
    (inbox / "cong_van.docx").write_bytes(b"PK\x03\x04")
    (inbox / "ghi_chu.txt").write_text("xin gửi danh sách", "utf-8")
    for p in inbox.iterdir():
        os.utime(p, (time.time() - 3600,) * 2)
    result = run_batch(inbox, pop, tmp_path / "out", cfg, DAY[1], ledger)
    assert sorted(f["file"] for f in result.failed) == ["DS_22894_20211105.xlsx", "khong_tieu_de.xlsx"]
    assert sorted(i["file"] for i in result.ignored) == ["cong_van.docx", "ghi_chu.txt"]
    assert (inbox / "cong_van.docx").exists()
    row = (
        connect(ledger)
        .execute(
            "SELECT commune_code, list_date, deadline FROM lists WHERE file_name = 'DS_22894_20211105.xlsx'"
        )
        .fetchone()
    )
    assert tuple(row) == ("22894", "2021-11-05", "2021-11-08")
    assert overdue_report(connect(ledger), DAY[5], cfg)["count"] == 1
    for name in ("DS_22894_20211105.xlsx", "khong_tieu_de.xlsx"):
        note = (inbox / "failed" / f"{name}.reason.txt").read_text("utf-8")
        assert note.startswith(f"Không xử lý được tệp {name}.") and "--map" not in note
        assert "chép tệp vào lại thư mục inbox" in note


def test_batch_settle_seconds_option(tmp_path, pop):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    gov(inbox / "ds.xlsx")  # written just now
    args = [
        "batch",
        "--inbox",
        str(inbox),
        "-p",
        str(pop),
        "-o",
        str(tmp_path / "out"),
        "--ledger",
        str(tmp_path / "l.sqlite"),
        "--today",
        "2021-11-05",
        "--json",
    ]
    waiting = json.loads(CliRunner().invoke(app, args).output)
    assert waiting["processed"] == [] and waiting["waiting"][0]["file"] == "ds.xlsx"
    done = json.loads(CliRunner().invoke(app, [*args, "--settle-seconds", "0"]).output)
    assert [p["file"] for p in done["processed"]] == ["ds.xlsx"]


def test_identical_copies_in_one_run_are_one_list(tmp_path, pop):
    cfg, ledger = load_config(), tmp_path / "l.sqlite"
    a = gov(tmp_path / "a" / "DS.xlsx")
    b = tmp_path / "b" / "DS.xlsx"
    b.parent.mkdir()
    b.write_bytes(a.read_bytes())
    run_job([a, b], pop, cfg, DAY[1], out_dir=tmp_path / "o", ledger=ledger)
    (only,) = commune_report(connect(ledger), "22894", DAY[2], cfg)["lists"]
    assert only["rows"] == 3 and only["reruns"] == 0


def test_a_decision_stays_with_the_person_in_a_new_version(tmp_path, pop):
    cfg, ledger = load_config(), tmp_path / "l.sqlite"
    run_job([gov(tmp_path / "DS_22894.xlsx")], pop, cfg, DAY[1], out_dir=tmp_path / "o1", ledger=ledger)
    CliRunner().invoke(
        app,
        [
            "resolve",
            "1:DS:12",
            "--status",
            "not_found",
            "--note",
            "chưa đến",
            "--ledger",
            str(ledger),
            "--today",
            "2021-11-05",
        ],
    )
    run_job([gov(tmp_path / "DS_22894_v2.xlsx")], pop, cfg, DAY[2], out_dir=tmp_path / "o2", ledger=ledger)
    report = commune_report(connect(ledger), "22894", DAY[2], cfg)
    assert [r["supersedes"] for r in report["lists"]] == [None, 1]
    (row,) = report["open_requests"]  # not_found still asks for something: open, as decided
    assert (row["list_id"], row["status"], row["first_reported"]) == (2, "not_found", "2021-11-05")


def test_a_schema_1_ledger_is_migrated_with_its_runs(tmp_path, pop):
    import sqlite3

    from vaxrecon.ledger.db import MIGRATIONS, schema_version

    path = tmp_path / "old.sqlite"
    old = sqlite3.connect(path, isolation_level=None)
    for statement in filter(str.strip, MIGRATIONS[0].split(";")):
        old.execute(statement)
    old.execute("PRAGMA user_version=1")
    old.execute(
        "INSERT INTO lists (id, file_name, sha256, commune_code, list_date, deadline, received_on, "
        "returned_on) VALUES (1, 'ds.xlsx', 'x', '22894', '2021-11-05', '2021-11-06', "
        "'2021-11-05', '2021-11-05')"
    )
    for run in (1, 2):
        old.execute(
            "INSERT INTO runs (id, started_at, run_date, tool_version, config_hash, counts) "
            f"VALUES ({run}, 't', '2021-11-0{4 + run}', 'v', 'h', '{{}}')"
        )
        old.execute(
            "INSERT INTO outcomes (run_id, list_id, sheet, row, person_key, status, first_reported) "
            f"VALUES ({run}, 1, 'DS', 9, 'P:1', 'verified', '2021-11-05')"
        )
    old.close()
    conn = connect(path)
    assert schema_version(conn) == 3
    runs = conn.execute("SELECT run_id, kind, run_on FROM list_runs ORDER BY run_id").fetchall()
    assert [tuple(r) for r in runs] == [(1, "first", "2021-11-05"), (2, "rerun", "2021-11-06")]
    (listed,) = commune_report(conn, "22894", DAY[3], load_config())["lists"]
    assert (listed["unit_kind"], listed["reruns"], listed["rows"]) == ("commune", 1, 1)


def test_verifying_a_row_linked_to_nobody_needs_the_id(tmp_path, pop):
    cfg, ledger = load_config(), tmp_path / "l.sqlite"
    stranger = [*OTHER_PEOPLE[:2], [3, "Ngô Thị Lan", "01/01/1970", "Nữ", None, "Thôn 4", None]]
    run_job([gov(tmp_path / "ds.xlsx", stranger)], pop, cfg, DAY[1], out_dir=tmp_path / "o", ledger=ledger)
    (row,) = commune_report(connect(ledger), "22894", DAY[1], cfg)["open_requests"]
    assert row["status"] == "not_found"
    args = ["resolve", f"1:DS:{row['row']}", "--status", "verified", "--ledger", str(ledger)]
    refused = CliRunner().invoke(app, args)
    assert refused.exit_code == 2 and "chưa gắn với người nào" in refused.output
    assert CliRunner().invoke(app, [*args, "--person-id", "058060006789"]).exit_code == 0
    assert commune_report(connect(ledger), "22894", DAY[1], cfg)["open_requests"] == []


def test_a_fixed_file_replaces_the_one_that_failed(tmp_path, pop):
    cfg, inbox, ledger = load_config(), tmp_path / "inbox", tmp_path / "l.sqlite"
    inbox.mkdir()
    save(
        [["UBND XÃ PHƯỚC HẢI"], ["Họ và tên", "Thôn"], ["Nguyễn Văn An", "Thôn 1"]],
        inbox / "DS_22894_20211105.xlsx",
    )
    os.utime(inbox / "DS_22894_20211105.xlsx", (time.time() - 3600,) * 2)
    assert len(run_batch(inbox, pop, tmp_path / "out", cfg, DAY[1], ledger).failed) == 1
    os.utime(gov(inbox / "DS_22894_20211105.xlsx"), (time.time() - 3600,) * 2)
    assert len(run_batch(inbox, pop, tmp_path / "out", cfg, DAY[2], ledger).processed) == 1
    lists = commune_report(connect(ledger), "22894", DAY[5], cfg)["lists"]
    assert [(r["failure"] != "", r["superseded_by"], r["supersedes"]) for r in lists] == [
        (True, 2, None),
        (False, None, 1),
    ]
    assert overdue_report(connect(ledger), DAY[5], cfg)["lists"] == []
