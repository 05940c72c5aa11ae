"""Step 4 minutes: the PDF states the run's counts and every file's hash, in selectable Vietnamese text."""

from __future__ import annotations

import hashlib
import shutil
import subprocess

import pandas as pd
import pytest
from typer.testing import CliRunner

from vaxrecon.cli import app
from vaxrecon.reasons import Status

runner = CliRunner()
NEEDS_POPPLER = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None,
    reason="poppler-utils (pdftotext, pdfinfo) is not installed; .ci/run installs it",
)


def invoke(*args):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture(scope="module")
def verified(world, tmp_path_factory):
    """A result folder of two lists, written by verify (no ledger)."""
    out = tmp_path_factory.mktemp("run") / "out"
    lists = sorted((world / "lists").iterdir())[:2]
    result = invoke(
        "verify",
        *lists,
        "-p",
        world / "population.csv",
        "--out",
        out,
        "--no-ledger",
        "-q",
        "--today",
        "2021-11-06",
    )
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture
def folder(verified, tmp_path):
    copy = tmp_path / "ket_qua"
    shutil.copytree(verified, copy)
    return copy


def pdf_text(path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@NEEDS_POPPLER
def test_minutes_state_counts_hashes_and_parties(folder):
    before = {p.relative_to(folder).as_posix(): sha(p) for p in folder.rglob("*") if p.is_file()}
    result = invoke(
        "minutes",
        folder,
        "--chair",
        "Nguyễn Văn Hùng",
        "--police",
        "Trần Thị Thủy",
        "--today",
        "2021-11-06",
        "--no-ledger",
    )
    assert result.exit_code == 0, result.output
    pdf = folder / "bien_ban.pdf"
    text = pdf_text(pdf)
    flat = " ".join(text.split())
    for phrase in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "BIÊN BẢN",
        "ngày 06 tháng 11 năm 2021",
        "Nguyễn Văn Hùng",
        "Trần Thị Thủy",
        "(chủ trì)",
        "(Ký, ghi rõ họ tên)",
        "CHỦ TỊCH UBND",
        "TRẠM Y TẾ",
        "CÔNG AN",
    ):
        assert phrase in flat, phrase
    # every result file's hash, as the files were before the minutes were added
    for name, digest in before.items():
        assert digest in text, name
    # each list's own hash, from summary.json
    import json

    summary = json.loads((folder / "summary.json").read_text("utf-8"))
    for info in summary["lists"]:
        assert info["sha256"] in text
    # counts per status: recounted here from results.csv, found on the status's own line
    rows = pd.read_csv(folder / "results.csv", dtype=str, keep_default_na=False)
    counts = rows["status"].value_counts()
    lines = text.splitlines()
    for status in Status:
        n = int(counts.get(status.value, 0))
        line = next(ln for ln in lines if status.label("vi") in ln)
        assert line.split()[-1] == f"{n:,}".replace(",", "."), (status, line)
    total_line = next(ln for ln in lines if ln.strip().startswith("Tổng cộng"))
    assert f"{len(rows):,}".replace(",", ".") in total_line.split()
    # per list: the by-list table's row of numbers is that list's counts per status, then its total
    numbers = [
        ln.split()
        for ln in lines
        if len(ln.split()) == len(Status) + 1 and all(w.replace(".", "").isdigit() for w in ln.split())
    ]
    for _source, group in rows.groupby("source", sort=False):
        vc = group["status"].value_counts()
        expected = [f"{int(vc.get(s.value, 0)):,}".replace(",", ".") for s in Status]
        assert [*expected, f"{len(group):,}".replace(",", ".")] in numbers, _source
    # the same hashes, machine-readable, attached to the PDF for `sign` and `check-signature`
    from vaxrecon.signing.manifest import pinned_by_minutes

    assert pinned_by_minutes(pdf.read_bytes()) == {n: d for n, d in before.items() if not n.endswith(".pdf")}
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "(A4)" in info
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "DejaVuSerif" in fonts and " yes " in fonts  # embedded


@NEEDS_POPPLER
def test_minutes_in_english_to_another_file(folder, tmp_path):
    target = tmp_path / "minutes_en.pdf"
    result = invoke(
        "minutes",
        folder,
        "--out",
        target,
        "--lang",
        "en",
        "--facility",
        "--no-ledger",
        "--today",
        "2021-11-06",
    )
    assert result.exit_code == 0, result.output
    text = " ".join(pdf_text(target).split())
    assert "SOCIALIST REPUBLIC OF VIET NAM" in text and "MINUTES" in text
    assert "Head of the vaccination facility" in text
    # written outside the folder, so the folder's own files are all listed, results.csv included
    assert sha(folder / "results.csv") in pdf_text(target)
    assert not (folder / "bien_ban.pdf").exists()


def test_minutes_refuse_a_folder_edited_after_verify(folder):
    rows = pd.read_csv(folder / "results.csv", dtype=str, keep_default_na=False)
    rows.loc[rows.index[0], "status"] = (
        "verified" if rows.loc[rows.index[0], "status"] != "verified" else "review"
    )
    rows.to_csv(folder / "results.csv", index=False)
    result = invoke("minutes", folder, "--no-ledger")
    assert result.exit_code == 2
    assert "không khớp số lượng" in result.output and "Traceback" not in result.output
    assert not (folder / "bien_ban.pdf").exists()


def test_minutes_need_a_result_folder(tmp_path):
    result = invoke("minutes", tmp_path, "--no-ledger")
    assert result.exit_code == 2 and "không phải thư mục kết quả của vaxrecon" in result.output


def test_shipped_fonts_cover_vietnamese_and_carry_their_licence():
    from importlib import resources

    from fontTools.ttLib import TTFont

    from vaxrecon.documents.minutes import FONTS

    letters = "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
    fonts = resources.files("vaxrecon").joinpath("data", "fonts")
    for (family, _style), name in FONTS.items():
        cmap = TTFont(str(fonts.joinpath(name))).getBestCmap()
        wanted = "0123456789abcdef" if family == "Mono" else letters + letters.upper()
        assert [c for c in wanted if ord(c) not in cmap] == [], name
    assert "Bitstream" in fonts.joinpath("LICENSE-DejaVu.txt").read_text("utf-8")
