"""`clean` end to end: dose files read (long and wide), scored against the synthetic truth, the
command's outputs, the ledger's campaign progress."""

from __future__ import annotations

import datetime as dt
import gc
import json
import sqlite3
import tracemalloc

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from python_calamine import CalamineWorkbook
from sheets import save
from typer.testing import CliRunner

from vaxrecon.campaign.clean import CLEAN_COLUMNS, clean
from vaxrecon.campaign.issues import DoseIssue
from vaxrecon.campaign.scoring import score_clean
from vaxrecon.cli import app
from vaxrecon.config import load_config
from vaxrecon.documents.campaign_xlsx import COMMUNE_DIR, SITE_DIR, write_clean_outputs, write_csv
from vaxrecon.ingest.doses import read_doses
from vaxrecon.ledger.campaign import campaign_progress
from vaxrecon.reasons import Status

TODAY = dt.date(2022, 7, 1)
EXPORT = dt.date(2022, 6, 30)


def test_wide_template_is_unpivoted_with_provenance(tmp_path, cfg):
    groups = ["Tên vắc xin", "Ngày tiêm", "Lô vắc xin", "Địa điểm tiêm"]
    path = save(
        [
            ["DANH SÁCH NGƯỜI ĐÃ TIÊM"],
            [
                "STT",
                "Họ và tên",
                "Ngày sinh",
                "Giới tính",
                "Số CMT/CCCD",
                "Mũi 1",
                None,
                None,
                None,
                "Mũi 2",
                None,
                None,
                None,
            ],
            [None, None, None, None, None, *groups, *groups],
            [
                1,
                "Lê Văn An",
                "01/02/1980",
                "Nam",
                "058080000001",
                "AstraZeneca",
                "01/06/2021",
                "A1",
                "TYT",
                "Pfizer",
                "01/08/2021",
                "P1",
                "TYT",
            ],
            [
                2,
                "Trần Thị Bình",
                "03/04/1990",
                "Nữ",
                "058190000002",
                "Moderna",
                "05/07/2021",
                "M1",
                "TYT",
                None,
                None,
                None,
                None,
            ],
            [
                3,
                "Phạm Văn Cường",
                "05/06/1970",
                "Nam",
                "058070000003",
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                None,
            ],
        ],
        tmp_path / "template.xlsx",
        merges=("A2:A3", "B2:B3", "C2:C3", "D2:D3", "E2:E3", "F2:I2", "J2:M2"),
    )
    doses = read_doses([path], cfg).doses
    got = doses[["row", "slot", "dose", "dose_vaccine", "dose_date", "name"]].astype(str).values.tolist()
    assert got == [
        ["4", "1", "1", "AstraZeneca", "01/06/2021", "Lê Văn An"],
        ["4", "2", "2", "Pfizer", "01/08/2021", "Lê Văn An"],
        ["5", "1", "1", "Moderna", "05/07/2021", "Trần Thị Bình"],
        ["6", "0", "", "", "", "Phạm Văn Cường"],
    ]


def test_long_export_keeps_stated_dose_numbers(tmp_path, cfg):
    path = tmp_path / "export.csv"
    path.write_text(
        "HO_TEN,NGAY_SINH,SO_CMT_CCCD,TEN_VAC_XIN,MUI_SO,NGAY_TIEM,DIA_DIEM_TIEM\n"
        "Lê Văn An,01/02/1980,058080000001,AZD1222,2,01/08/2021,TYT\n"
        "Lê Văn An,01/02/1980,058080000001,AZD1222,1,01/06/2021,TYT\n",
        "utf-8",
    )
    doses = read_doses([path], cfg).doses
    assert doses["dose"].tolist() == ["2", "1"] and doses["slot"].tolist() == [0, 0]
    assert doses["dose_site"].tolist() == ["TYT", "TYT"]


def test_the_reads_kept_for_the_summary_do_not_keep_the_records(tmp_path, cfg):
    """The dose rows hold what was read; the per-file reads kept beside them (for the summary) must
    not keep the records too (an empty view of them did: +1.3 GB at a million rows)."""
    path = tmp_path / "export.csv"
    rows = (f"Người Số {i},01/02/1980,0580800{i:05d},Pfizer,1,01/08/2021,TYT {i % 7}\n" for i in range(4000))
    path.write_text(
        "HO_TEN,NGAY_SINH,SO_CMT_CCCD,TEN_VAC_XIN,MUI_SO,NGAY_TIEM,DIA_DIEM_TIEM\n" + "".join(rows)
    )
    tracemalloc.start()
    try:
        read = read_doses([path], cfg)
        held = tracemalloc.get_traced_memory()[0]  # Python objects (Arrow strings are not traced)
        read.reads.clear()
        gc.collect()
        released = held - tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    assert len(read.doses) == 4000 and released < 50 * 4000  # bytes a row (the records: ~500)


@pytest.fixture(scope="module")
def cleaned(world):
    return clean([world / "doses.csv"], world / "population.csv", None, TODAY, export_date=EXPORT)


def test_clean_against_the_synthetic_truth(cleaned, world):
    truth = pd.read_csv(world / "doses_truth.csv", dtype=str, keep_default_na=False)
    score = score_clean(cleaned.results, truth)
    assert score["rows_lost_or_invented"] == 0
    assert (cleaned.results["row"].to_numpy() == range(2, len(truth) + 2)).all()  # input order
    assert score["identity_precision"] >= 0.999 and score["identity_recall"] >= 0.98
    assert score["flagged_truly_anomalous"] >= 0.99
    assert score["events"] and all(k["found_rate"] >= 0.9 for k in score["events"].values())


def test_verdicts_follow_identity_and_doses(cleaned):
    r = cleaned.results
    assert list(r.columns) == CLEAN_COLUMNS
    assert (r.groupby("group")["verdict"].nunique() == 1).all()  # one verdict per person
    confirmed = r[r["verdict"] == "confirmed"]
    assert (confirmed["status"] == "verified").all() and (confirmed["dose_issues"] == "").all()
    foreign = r[r["status"] == "non_citizen"]
    assert len(foreign) and (foreign["verdict"] == "non_citizen").all() and (foreign["person_id"] == "").all()
    unverified = r[r["verdict"] == "identity_unverified"]
    assert len(unverified) and (unverified["person_id"] == "").all()


def test_summary_counts_each_row_and_person_once(cleaned):
    r, counts = cleaned.results, cleaned.summary()["counts"]
    codes = r["dose_issues"].str.split(";").explode()
    assert counts["dose_issues"] == {i.value: int((codes == i.value).sum()) for i in DoseIssue}
    assert sum(counts["dose_issues"].values()) > 0
    assert counts["status"] == {s.value: int((r["status"] == s.value).sum()) for s in Status}
    assert sum(counts["verdict_rows"].values()) == sum(counts["category"].values()) == len(r)
    assert sum(counts["verdict_people"].values()) == r["group"].nunique()
    assert r["group"].str.fullmatch(r"N\d{7,}").all()


def test_clean_command_writes_outputs_and_records_progress(world, tmp_path):
    out, ledger = tmp_path / "out", tmp_path / "ledger.sqlite"
    res = CliRunner().invoke(
        app,
        [
            "clean",
            str(world / "doses.csv"),
            "-p",
            str(world / "population.csv"),
            "--out",
            str(out),
            "--ledger",
            str(ledger),
            "--today",
            str(TODAY),
            "--export-date",
            str(EXPORT),
            "--json",
        ],
    )
    assert res.exit_code == 0, res.output
    summary = json.loads(res.stdout)
    results = pd.read_csv(out / "results.csv", dtype=str, keep_default_na=False)
    assert summary["rows"] == len(results) == sum(1 for _ in open(world / "doses.csv")) - 1
    assert list(results.columns) == CLEAN_COLUMNS
    assert summary == json.loads((out / "summary.json").read_text("utf-8"))
    sites = sorted((out / SITE_DIR).iterdir())
    assert sites and sorted((out / COMMUNE_DIR).iterdir())
    listed = sum(
        len(CalamineWorkbook.from_path(str(p)).get_sheet_by_name("xac_minh_lai").to_python()) - 6
        for p in sites
    )
    needs = (
        (results["status"].isin(["needs_correction", "review", "not_found", "incomplete"]))
        | (results["dose_issues"] != "")
        | results["reasons"].str.contains("linked_to_other_person")
    )
    assert listed == int(needs.sum())  # each row to act on appears once, at its own site
    with sqlite3.connect(ledger) as conn:
        progress = campaign_progress(conn)
    assert sum(p["doses"] for p in progress) == len(results)
    assert sum(sum(p["people"].values()) for p in progress) >= results["group"].nunique()
    report = CliRunner().invoke(
        app, ["report", "--ledger", str(ledger), "--today", str(TODAY), "--format", "json"]
    )
    assert report.exit_code == 0, report.output
    assert json.loads(report.stdout)["campaign"] == progress  # `report` shows the campaign's progress


def test_formula_text_is_neutralised_in_results(tmp_path, world):
    path = tmp_path / "doses.csv"
    path.write_text(
        "HO_TEN,NGAY_SINH,SO_CMT_CCCD,TEN_VAC_XIN,MUI_SO,NGAY_TIEM,DIA_DIEM_TIEM\n"
        '=HYPERLINK("x"),01/02/1980,058080000001,Pfizer,1,01/08/2021,@TYT\n',
        "utf-8",
    )
    out = tmp_path / "out"
    res = CliRunner().invoke(
        app,
        [
            "clean",
            str(path),
            "-p",
            str(world / "population.csv"),
            "--out",
            str(out),
            "--no-ledger",
            "--today",
            str(TODAY),
            "-q",
        ],
    )
    assert res.exit_code == 0, res.output
    row = pd.read_csv(out / "results.csv", dtype=str, keep_default_na=False).iloc[0]
    assert row["listed_name"].startswith("'=") and row["site"] == "'@TYT"


def test_missing_file_is_one_sentence(world, tmp_path):
    res = CliRunner().invoke(
        app, ["clean", str(tmp_path / "none.csv"), "-p", str(world / "population.csv"), "--no-ledger"]
    )
    assert res.exit_code == 2 and "không tồn tại" in res.output and "Traceback" not in res.output
    assert len(res.output.strip().splitlines()) == 1


def test_english_workbooks(world, tmp_path):
    out = tmp_path / "out"
    res = CliRunner().invoke(
        app,
        [
            "clean",
            str(world / "doses.csv"),
            "-p",
            str(world / "population.csv"),
            "--out",
            str(out),
            "--no-ledger",
            "--today",
            str(TODAY),
            "--export-date",
            str(EXPORT),
            "--lang",
            "en",
            "--jobs",
            "1",
            "-q",
        ],
    )
    assert res.exit_code == 0, res.output
    first = sorted((out / SITE_DIR).iterdir())[0]
    rows = CalamineWorkbook.from_path(str(first)).get_sheet_by_name("xac_minh_lai").to_python()
    assert rows[1][0] == "VACCINATION RECORDS TO RE-VERIFY"
    assert rows[5][-2:] == ["What is wrong", "What to do"]
    sheets = CalamineWorkbook.from_path(str(out / "phan_loai.xlsx")).sheet_names
    assert sheets == ["By commune", "By site"]


def test_a_row_linked_to_another_person_carries_the_reason(world, tmp_path):
    """Two visits typed with the same name, birth date and phone, linked to two different people."""
    extract = pd.read_csv(world / "population.csv", dtype=str, keep_default_na=False)
    twins = extract.iloc[:2].copy()
    twins["HO_VA_TEN"], twins["NGAY_SINH"], twins["GIOI_TINH"] = "LÊ THỊ HOA MAI", "01/02/1990", "Nữ"
    twins["SO_DINH_DANH"], twins["SO_CMND"] = ["058190000111", "058190000222"], ""
    path = tmp_path / "doses.csv"
    path.write_text(
        "HO_TEN,NGAY_SINH,GIOI_TINH,SO_CMT_CCCD,SO_DIEN_THOAI,TEN_VAC_XIN,MUI_SO,NGAY_TIEM\n"
        "Lê Thị Hoa Mai,01/02/1990,Nữ,058190000111,0901234567,Pfizer,1,01/08/2021\n"
        "Lê Thị Hoa Mai,01/02/1990,Nữ,058190000222,0901234567,Pfizer,2,25/08/2021\n",
        "utf-8",
    )
    r = clean([path], pd.concat([extract, twins], ignore_index=True), None, TODAY, export_date=EXPORT).results
    assert r["person_id"].tolist() == ["058190000111", "058190000222"]
    assert r["reasons"].str.contains("linked_to_other_person").all()
    assert (r["verdict"] == "reverify").all() and r["group"].nunique() == 2


def _workbooks(folder):
    """Every workbook under ``folder``: relative path -> each sheet's cells."""
    return {
        str(p.relative_to(folder)): {
            name: CalamineWorkbook.from_path(str(p)).get_sheet_by_name(name).to_python()
            for name in CalamineWorkbook.from_path(str(p)).sheet_names
        }
        for p in sorted(folder.rglob("*.xlsx"))
    }


def test_workbooks_are_the_same_written_in_one_process_or_several(cleaned, tmp_path):
    one = write_clean_outputs(cleaned, tmp_path / "one", "vi", jobs=1)
    two = write_clean_outputs(cleaned, tmp_path / "two", "vi", jobs=2)
    assert [p.name for p in one] == [p.name for p in two]
    books = _workbooks(tmp_path / "one")
    assert len(books) > 3 and books == _workbooks(tmp_path / "two")
    assert (tmp_path / "one" / "results.csv").read_bytes() == (tmp_path / "two" / "results.csv").read_bytes()


def test_a_large_clean_run_also_writes_its_results_as_parquet(cleaned, tmp_path):
    rows = len(cleaned.results)
    large = load_config(overrides={"engine.results_parquet_rows": rows})
    small = load_config(overrides={"engine.results_parquet_rows": rows + 1})
    write_clean_outputs(cleaned, tmp_path / "large", "vi", cfg=large)
    write_clean_outputs(cleaned, tmp_path / "small", "vi", cfg=small)
    assert not (tmp_path / "small" / "results.parquet").exists()
    table = pd.read_parquet(tmp_path / "large" / "results.parquet")
    text = pd.read_csv(tmp_path / "large" / "results.csv", dtype=str, keep_default_na=False)
    assert list(table.columns) == list(text.columns) == CLEAN_COLUMNS[: len(text.columns)]
    assert len(table) == len(text) == rows
    for col in ("source", "status", "person_id", "verdict", "dose_issues", "group"):
        assert (table[col] == text[col]).all(), col
    assert pd.api.types.is_integer_dtype(table["row"]) and (table["row"].astype(str) == text["row"]).all()
    assert (table["dose_issues"] != "").any() and (table["verdict"] == "confirmed").any()


@pytest.mark.parametrize(
    "lang,words", [(None, ["Cần xác minh lại", "Kết quả ghi tại"]), ("en", ["Re-verify", "Outputs in"])]
)
def test_terminal_output_speaks_the_language(world, tmp_path, lang, words):
    res = CliRunner().invoke(
        app,
        [
            *("clean", str(world / "doses.csv"), "-p", str(world / "population.csv")),
            *("--out", str(tmp_path / "out"), "--no-ledger", "--today", str(TODAY)),
            *(("--lang", lang) if lang else ()),
        ],
        env={"VAXRECON_LANG": ""},
    )
    assert res.exit_code == 0, res.output
    assert all(w in res.stdout for w in words), res.stdout
    assert ("Outputs in" in res.stdout) == (lang == "en")


def test_an_empty_dose_file_is_one_sentence_in_vietnamese(world, tmp_path):
    path = tmp_path / "doses.csv"
    path.write_text("HO_TEN,NGAY_SINH,TEN_VAC_XIN,NGAY_TIEM\n", "utf-8")
    res = CliRunner().invoke(
        app,
        ["clean", str(path), "-p", str(world / "population.csv"), "--no-ledger"],
        env={"VAXRECON_LANG": ""},
    )
    assert res.exit_code == 2 and "Traceback" not in res.output
    assert "Các tệp không có bản ghi mũi tiêm nào." in res.output, res.output


def test_identities_are_the_same_in_one_process_or_several(world):
    def run(jobs):
        cfg = load_config(overrides={"match.jobs": jobs, "campaign.match_chunk": 700})
        return clean([world / "doses.csv"], world / "population.csv", cfg, TODAY, export_date=EXPORT).results

    one = run(1)
    pd.testing.assert_frame_equal(one, run(2))
    assert len(one) > 2 * 700  # several spans


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.one_of(st.none(), st.text(alphabet=st.sampled_from('ab ,"\n\r\tđ=Ư'), max_size=6)),
            st.integers(-5, 10**12),
            st.one_of(st.floats(allow_nan=True, allow_infinity=False), st.sampled_from([1.0, -0.0, 0.0])),
        ),
        max_size=12,
    )
)
def test_results_csv_is_written_as_pandas_writes_it(tmp_path_factory, rows):
    frame = pd.DataFrame(rows, columns=["text", "number", "probability"])
    frame["arrow"] = frame["text"].astype("str")
    path = tmp_path_factory.mktemp("csv")
    frame.to_csv(path / "a.csv", index=False, lineterminator="\n")
    write_csv(frame, path / "b.csv", batch=5)
    assert (path / "a.csv").read_bytes() == (path / "b.csv").read_bytes()
