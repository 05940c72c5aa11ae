"""The Python API: what an analyst types in a notebook gives what the CLI writes, row for row."""

import subprocess
import sys

import pandas as pd
from conftest import TODAY
from typer.testing import CliRunner

import vaxrecon
from vaxrecon.cli import app


def _lists(world):
    return sorted(str(p) for p in (world / "lists").iterdir())


def test_verify_equals_the_cli_results_csv_row_for_row(world, tmp_path):
    out = tmp_path / "out"
    cli = CliRunner().invoke(
        app,
        [
            "verify",
            *_lists(world),
            "-p",
            str(world / "population.csv"),
            "-o",
            str(out),
            "--no-ledger",
            "--today",
            TODAY.isoformat(),
            "-q",
        ],
    )
    assert cli.exit_code == 0, cli.output
    written = pd.read_csv(out / "results.csv", dtype=str, keep_default_na=False)

    result = vaxrecon.verify(_lists(world), population=str(world / "population.csv"), today=TODAY)
    assert isinstance(result, vaxrecon.VerifyResult)
    ours = pd.read_csv(
        pd.io.common.StringIO(result.results.to_csv(index=False)), dtype=str, keep_default_na=False
    )
    pd.testing.assert_frame_equal(ours, written)


def test_configuration_and_date_are_optional(world):
    result = vaxrecon.verify(_lists(world)[:1], population=world / "population.csv")
    assert result.today is not None and len(result.results) > 0
    assert set(result.results["status"]) <= {s.value for s in vaxrecon.Status}


def test_verify_frames_matches_rows_already_in_pandas(world, cfg):
    population = pd.read_csv(world / "population.csv", dtype=str, keep_default_na=False)
    person = population.iloc[7]
    records = pd.DataFrame(
        {
            "Họ và tên": [person["HO_VA_TEN"], "Người Không Có Thật"],
            "Ngày sinh": [person["NGAY_SINH"], "01/01/1901"],
            "Số CCCD": [person["SO_DINH_DANH"], ""],
        }
    )
    extract = vaxrecon.load_extract(world / "population.csv", cfg, TODAY)
    result = vaxrecon.verify_frames(records, extract, cfg, TODAY)
    res = result.results
    assert list(res["row"]) == [1, 2] and set(res["source"]) == {"frame"}
    assert res.loc[0, "status"] == "verified" and res.loc[0, "person_id"] == person["SO_DINH_DANH"]
    assert res.loc[1, "status"] in {"not_found", "incomplete"} and res.loc[1, "person_id"] == ""


def test_verify_frames_takes_the_extract_as_a_frame_too(world):
    population = pd.read_csv(world / "population.csv", dtype=str, keep_default_na=False)
    person = population.iloc[3]
    records = pd.DataFrame(
        {"name": [person["HO_VA_TEN"]], "dob": [person["NGAY_SINH"]], "id_number": [person["SO_DINH_DANH"]]}
    )
    res = vaxrecon.verify_frames(records, population, today=TODAY).results
    assert res.loc[0, "person_id"] == person["SO_DINH_DANH"]


def test_records_without_a_name_column_are_refused():
    import pytest

    with pytest.raises(vaxrecon.InputError):
        vaxrecon.verify_frames(pd.DataFrame({"x": [1]}), pd.DataFrame({"name": ["a"]}), today=TODAY)


def test_public_names_are_exported_lazily():
    code = (
        "import sys, vaxrecon; assert 'pandas' not in sys.modules; "
        "assert set(vaxrecon.__all__) >= {'verify', 'verify_frames', 'load_config'}; "
        "vaxrecon.verify; assert 'pandas' in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_clean_is_exported_and_equals_the_cli(world, tmp_path):
    doses = world / "doses.csv"
    out = tmp_path / "clean"
    cli = CliRunner().invoke(
        app,
        [
            "clean",
            str(doses),
            "-p",
            str(world / "population.csv"),
            "-o",
            str(out),
            "--no-ledger",
            "--today",
            TODAY.isoformat(),
            "-q",
        ],
    )
    assert cli.exit_code == 0, cli.output
    written = pd.read_csv(out / "results.csv", dtype=str, keep_default_na=False)
    result = vaxrecon.clean([doses], population=world / "population.csv", today=TODAY)
    assert isinstance(result, vaxrecon.CleanResult)
    assert list(written["status"]) == list(result.results["status"])
    assert list(written["verdict"]) == list(result.results["verdict"])
