"""verify → minutes → sign with a throw-away CA, checked by vaxrecon, pdfsig (poppler) and openssl cms."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from pki import PASSWORD, make_pki
from typer.testing import CliRunner

from vaxrecon.cli import app

runner = CliRunner()
ENV = {"VAXRECON_CERT_PASSWORD": PASSWORD}


def invoke(*args, env=None):
    return runner.invoke(app, [str(a) for a in args], env=env)


def tool(name: str):
    return pytest.mark.skipif(
        shutil.which(name) is None, reason=f"{name} is not installed (.ci/run installs it with apt-get)"
    )


@pytest.fixture(scope="module")
def pki(tmp_path_factory):
    return make_pki(tmp_path_factory.mktemp("pki"))


@pytest.fixture(scope="module")
def signed(world, pki, tmp_path_factory):
    """verify → minutes → sign, once; tests work on copies."""
    base = tmp_path_factory.mktemp("signed")
    out = base / "ket_qua"
    lists = sorted((world / "lists").iterdir())[:1]
    ledger = base / "ledger.sqlite"
    assert (
        invoke(
            "verify",
            *lists,
            "-p",
            world / "population.csv",
            "--out",
            out,
            "--ledger",
            ledger,
            "-q",
            "--today",
            "2021-11-06",
        ).exit_code
        == 0
    )
    made = invoke("minutes", out, "--chair", "Nguyễn Văn Hùng", "--ledger", ledger, "--today", "2021-11-06")
    assert made.exit_code == 0, made.output
    result = invoke("sign", out, "--cert", pki.p12, "--ledger", ledger, env=ENV)
    assert result.exit_code == 0, result.output
    assert "Đã ký 1 tệp PDF" in result.output and "Nguyễn Văn Hùng" in result.output
    assert "Đã ghi vào sổ theo dõi" in result.output
    return out, ledger


@pytest.fixture
def folder(signed, tmp_path):
    copy = tmp_path / "ket_qua"
    shutil.copytree(signed[0], copy)
    return copy


def check(folder, *extra):
    return invoke("check-signature", folder, *extra)


def test_signed_folder_checks_clean_with_the_ca(folder, pki):
    names = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    assert {"MANIFEST.sha256", "MANIFEST.sha256.p7s", "bien_ban.pdf", "results.csv"} <= set(names)
    result = check(folder, "--ca", pki.ca_pem)
    assert result.exit_code == 0, result.output
    assert "CN=Nguyễn Văn" in result.output and "hợp lệ" in result.output
    assert f"Tất cả {len(names) - 2} tệp khớp" in result.output


def test_signed_minutes_are_not_overwritten(folder):
    before = (folder / "bien_ban.pdf").read_bytes()
    again = invoke("minutes", folder, "--no-ledger")
    assert again.exit_code == 2 and "đã được ký số" in " ".join(again.output.split())
    assert (folder / "bien_ban.pdf").read_bytes() == before


def test_manifest_is_sha256sum_format_over_every_file(folder):
    listed = (folder / "MANIFEST.sha256").read_text("utf-8").splitlines()
    names = sorted(
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if p.is_file() and not p.name.startswith("MANIFEST")
    )
    assert [ln.split("  ", 1)[1] for ln in listed] == names
    if shutil.which("sha256sum"):
        ok = subprocess.run(
            ["sha256sum", "-c", "MANIFEST.sha256"], cwd=folder, capture_output=True, text=True
        )
        assert ok.returncode == 0, ok.stdout + ok.stderr


@tool("openssl")
def test_openssl_accepts_the_manifest_signature(folder, pki):
    cmd = [
        "openssl",
        "cms",
        "-verify",
        "-binary",
        "-inform",
        "DER",
        "-in",
        "MANIFEST.sha256.p7s",
        "-content",
        "MANIFEST.sha256",
        "-CAfile",
        str(pki.ca_pem),
        "-out",
        "/dev/null",
    ]
    ok = subprocess.run(cmd, cwd=folder, capture_output=True, text=True)
    assert ok.returncode == 0 and "Verification successful" in ok.stderr, ok.stderr
    (folder / "MANIFEST.sha256").write_text("0" * 64 + "  forged.csv\n", "utf-8")
    bad = subprocess.run(cmd, cwd=folder, capture_output=True, text=True)
    assert bad.returncode != 0


@tool("pdfsig")
def test_pdfsig_reports_the_pdf_signature_valid(folder, pki, tmp_path):
    nss = []
    if shutil.which("certutil"):  # trust the throw-away CA in a private NSS store, so pdfsig can say so
        db = tmp_path / "nss"
        db.mkdir()
        subprocess.run(["certutil", "-N", "-d", f"sql:{db}", "--empty-password"], check=True)
        subprocess.run(
            ["certutil", "-A", "-d", f"sql:{db}", "-n", "ca", "-t", "CT,C,C", "-i", str(pki.ca_pem)],
            check=True,
        )
        nss = ["-nssdir", f"sql:{db}"]
    out = subprocess.run(["pdfsig", *nss, str(folder / "bien_ban.pdf")], capture_output=True, text=True)
    assert "Signature is Valid." in out.stdout, out.stdout + out.stderr
    assert "CN=Nguyễn Văn Hùng" in out.stdout and "SHA-256" in out.stdout
    assert "Total document signed" in out.stdout and "ETSI.CAdES.detached" in out.stdout
    assert "Signature Field Name: ChuTich" in out.stdout  # the chair's block, left empty by minutes
    if nss:
        assert "Certificate is Trusted." in out.stdout
    if shutil.which("pdftotext"):  # the visible stamp, in Vietnamese, selectable
        stamp = subprocess.run(
            ["pdftotext", str(folder / "bien_ban.pdf"), "-"], capture_output=True, text=True
        ).stdout
        assert "Ký bởi: Nguyễn Văn Hùng" in stamp and "Ngày ký: " in stamp
    data = bytearray((folder / "bien_ban.pdf").read_bytes())
    data[len(data) // 3] ^= 0x01
    (folder / "bien_ban.pdf").write_bytes(bytes(data))
    broken = subprocess.run(["pdfsig", *nss, str(folder / "bien_ban.pdf")], capture_output=True, text=True)
    assert "Signature is Valid." not in broken.stdout


@pytest.mark.parametrize(
    "case, message",
    [
        ("changed", "Tệp results.csv đã bị thay đổi sau khi ký"),
        ("removed", "verified.xlsx đã ký nhưng không còn trong thư mục"),
        ("added", "Tệp ghi_chu.txt được thêm vào sau khi ký"),
        ("pdf_byte", "Chữ ký của bien_ban.pdf không khớp với nội dung"),
    ],
)
def test_a_changed_removed_or_added_file_exits_4(folder, pki, case, message):
    if case == "changed":
        with (folder / "results.csv").open("a", encoding="utf-8") as fh:
            fh.write("\n")
    elif case == "removed":
        next(folder.rglob("verified.xlsx")).unlink()  # in the list's own subfolder
    elif case == "added":
        (folder / "ghi_chu.txt").write_text("x", "utf-8")
    else:
        data = bytearray((folder / "bien_ban.pdf").read_bytes())
        data[200] ^= 0x01
        (folder / "bien_ban.pdf").write_bytes(bytes(data))
    result = check(folder, "--ca", pki.ca_pem)
    assert result.exit_code == 4, result.output
    assert message in " ".join(result.output.split())
    assert "Traceback" not in result.output


def test_a_forged_manifest_is_caught_by_its_signature(folder, pki):
    """Change a file and write its new hash into the manifest: the manifest's signature no longer holds."""
    import hashlib

    with (folder / "results.csv").open("a", encoding="utf-8") as fh:
        fh.write("\n")
    digest = hashlib.sha256((folder / "results.csv").read_bytes()).hexdigest()
    lines = [
        f"{digest}  results.csv" if ln.endswith("  results.csv") else ln
        for ln in (folder / "MANIFEST.sha256").read_text("utf-8").splitlines()
    ]
    (folder / "MANIFEST.sha256").write_text("\n".join(lines) + "\n", "utf-8")
    result = check(folder, "--ca", pki.ca_pem)
    assert result.exit_code == 4
    assert "Chữ ký của MANIFEST.sha256 không khớp với nội dung" in " ".join(result.output.split())
    (folder / "MANIFEST.sha256").write_text("not a manifest\n", "utf-8")
    garbled = check(folder, "--ca", pki.ca_pem)
    assert garbled.exit_code == 4 and "MANIFEST.sha256 đã bị sửa" in " ".join(garbled.output.split())


def test_untrusted_wrong_ca_and_expired_certificates_exit_4(folder, pki, tmp_path):
    no_ca = check(folder)
    assert no_ca.exit_code == 4 and "không được tin cậy" in no_ca.output
    other = make_pki(tmp_path / "other", ca_name="Some Other CA")
    wrong = check(folder, "--ca", other.ca_pem, "--lang", "en")
    assert wrong.exit_code == 4 and "is not trusted" in " ".join(wrong.output.split())
    expired = make_pki(tmp_path / "expired", expired=True)
    again = tmp_path / "again"
    shutil.copytree(folder, again)
    assert invoke("sign", again, "--cert", expired.p12, "--no-ledger", env=ENV).exit_code == 0
    result = check(again, "--ca", expired.ca_pem)
    assert result.exit_code == 4 and "đã hết hạn ngày" in " ".join(result.output.split())


def test_json_report_and_not_signed_folder(folder, pki, tmp_path):
    import json

    result = check(folder, "--ca", pki.ca_pem, "--json")
    data = json.loads(result.output)
    assert data["ok"] is True and data["problems"] == [] and data["files"]["changed"] == []
    assert {s["file"] for s in data["signatures"]} == {"MANIFEST.sha256", "bien_ban.pdf"}
    assert {s["signer"] for s in data["signatures"]} == {"CN=Nguyễn Văn Hùng,O=UBND xã Phước Hải,C=VN"}
    assert all(s["signed_at"] and s["trusted"] and s["intact"] for s in data["signatures"])
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "a.csv").write_text("x", "utf-8")
    unsigned = check(plain)
    assert unsigned.exit_code == 4 and "chưa được ký" in unsigned.output


def test_password_only_from_the_environment_and_never_shown(folder, pki, tmp_path):
    wrong = "sai-mat-khau-987"
    result = invoke("sign", folder, "--cert", pki.p12, "--no-ledger", env={"VAXRECON_CERT_PASSWORD": wrong})
    text = " ".join(result.output.split())
    assert result.exit_code == 2 and "mật khẩu sai hoặc thiếu" in text
    assert "biến môi trường VAXRECON_CERT_PASSWORD" in text
    assert wrong not in result.output and "Traceback" not in result.output
    neither = invoke("sign", folder)
    assert neither.exit_code == 2 and "Hãy dùng --cert TỆP.p12" in " ".join(neither.output.split())
    assert invoke("sign", folder, "--cert", pki.p12, "--password", PASSWORD).exit_code == 2  # no such option
    other_var = invoke(
        "sign",
        folder,
        "--cert",
        pki.p12,
        "--password-env",
        "MY_P12_PW",
        "--no-ledger",
        env={"MY_P12_PW": PASSWORD},
    )
    assert other_var.exit_code == 0, other_var.output
    for path in folder.rglob("*"):
        assert path.is_dir() or PASSWORD.encode() not in path.read_bytes()


def test_ledger_records_minutes_and_signature_against_the_run(signed):
    import datetime as dt
    import json
    import sqlite3

    folder, ledger = signed
    conn = sqlite3.connect(ledger)
    conn.row_factory = sqlite3.Row
    rows = conn.execute("SELECT kind, file, signer, signed_at, run_id FROM signatures ORDER BY id").fetchall()
    assert [(r["kind"], r["file"]) for r in rows] == [
        ("minutes", "bien_ban.pdf"),
        ("signature", "MANIFEST.sha256"),
    ]
    assert all(r["run_id"] == 1 for r in rows) and "Nguyễn Văn Hùng" in rows[1]["signer"]
    assert rows[0]["signed_at"] is None and rows[1]["signed_at"]
    # `report` shows the list as signed, by whom and when
    commune = json.loads((folder / "summary.json").read_text("utf-8"))["lists"][0]["commune"]
    data = json.loads(
        invoke(
            "report", "--commune", commune, "--ledger", ledger, "--format", "json", "--today", "2021-11-06"
        ).output
    )
    [listed] = data["lists"]
    assert listed["signed_by"] == "CN=Nguyễn Văn Hùng,O=UBND xã Phước Hải,C=VN"
    assert listed["signed_at"] == rows[1]["signed_at"] and listed["minutes_on"]
    table = invoke(
        "report", "--commune", commune, "--ledger", ledger, "--today", "2021-11-06", env={"COLUMNS": "250"}
    )
    assert table.exit_code == 0 and "ký số" in table.output
    assert f"Nguyễn Văn Hùng {dt.date.fromisoformat(listed['signed_at'][:10]):%d/%m/%Y}" in table.output


def test_report_says_when_only_minutes_exist(world, tmp_path):
    import json

    out, ledger = tmp_path / "o", tmp_path / "l.sqlite"
    lists = sorted((world / "lists").iterdir())[:1]
    assert (
        invoke(
            "verify",
            *lists,
            "-p",
            world / "population.csv",
            "--out",
            out,
            "--ledger",
            ledger,
            "-q",
            "--today",
            "2021-11-06",
        ).exit_code
        == 0
    )
    commune = json.loads((out / "summary.json").read_text("utf-8"))["lists"][0]["commune"]
    before = json.loads(
        invoke(
            "report", "--commune", commune, "--ledger", ledger, "--format", "json", "--today", "2021-11-06"
        ).output
    )
    assert "signed_by" not in before["lists"][0]  # nothing of step 4 yet: the record is unchanged
    assert invoke("minutes", out, "--ledger", ledger, "--today", "2021-11-06").exit_code == 0
    after = json.loads(
        invoke(
            "report", "--commune", commune, "--ledger", ledger, "--format", "json", "--today", "2021-11-06"
        ).output
    )
    assert after["lists"][0]["signed_by"] is None and after["lists"][0]["minutes_on"]
    table = invoke(
        "report", "--commune", commune, "--ledger", ledger, "--today", "2021-11-06", env={"COLUMNS": "250"}
    )
    assert "chưa ký số" in table.output


def test_content_appended_to_a_signed_pdf_is_reported(folder, pki):
    """An incremental update after the signature keeps the signed bytes intact but is still caught."""
    import io

    from pyhanko.pdf_utils.generic import TextStringObject
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    pdf = folder / "bien_ban.pdf"
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf.read_bytes()))
    writer.root["/Lang"] = TextStringObject("en")  # any later change of the document
    writer.update_root()
    out = io.BytesIO()
    writer.write(out)
    pdf.write_bytes(out.getvalue())
    result = check(folder, "--ca", pki.ca_pem)
    text = " ".join(result.output.split())
    assert result.exit_code == 4
    assert "Tệp bien_ban.pdf có nội dung được thêm sau chữ ký cuối." in text
    assert "Tệp bien_ban.pdf đã bị thay đổi sau khi ký" in text


def test_files_in_subfolders_are_signed_and_checked(pki, tmp_path):
    """Per-list subfolders are part of the folder: listed with their relative path and checked."""
    from vaxrecon.signing.check import check_folder
    from vaxrecon.signing.sign import KeySource, sign_folder

    folder = tmp_path / "out"
    (folder / "ds_01").mkdir(parents=True)
    (folder / "results.csv").write_text("a\n", "utf-8")
    (folder / "ds_01" / "tra_ve.xlsx").write_bytes(b"xlsx")
    result = sign_folder(folder, KeySource(p12=pki.p12, password=PASSWORD.encode()), "test")
    assert result.files == ["ds_01/tra_ve.xlsx", "results.csv"] and result.pdfs == []
    assert check_folder(folder, pki.ca_pem).ok
    (folder / "ds_01" / "tra_ve.xlsx").write_bytes(b"xlsX")
    report = check_folder(folder, pki.ca_pem)
    assert report.exit_code == 4 and report.diff.changed == ["ds_01/tra_ve.xlsx"]
    assert report.findings[0].message("en") == (
        "ds_01/tra_ve.xlsx was changed after signing (its hash differs)."
    )


def test_data_changed_after_the_minutes_is_not_signed_and_is_reported(world, pki, tmp_path, monkeypatch):
    """The minutes pin the data the parties confirmed: sign refuses other data, and check reports it."""
    from vaxrecon.signing import sign as signing

    out = tmp_path / "o"
    lists = sorted((world / "lists").iterdir())[:1]
    assert (
        invoke(
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
        ).exit_code
        == 0
    )
    assert invoke("minutes", out, "--no-ledger").exit_code == 0
    verified = next(out.rglob("verified.xlsx"))
    verified.write_bytes(verified.read_bytes() + b"\0")
    name = verified.relative_to(out).as_posix()
    refused = invoke("sign", out, "--cert", pki.p12, "--no-ledger", env=ENV)
    assert refused.exit_code == 2
    assert f"{name} đã thay đổi sau khi lập biên bản bien_ban.pdf" in " ".join(refused.output.split())
    assert not (out / "MANIFEST.sha256").exists()
    monkeypatch.setattr(signing, "_check_minutes", lambda folder, pdfs: None)  # a signer without the check
    assert invoke("sign", out, "--cert", pki.p12, "--no-ledger", env=ENV).exit_code == 0
    result = check(out, "--ca", pki.ca_pem)
    assert result.exit_code == 4
    assert f"Biên bản bien_ban.pdf xác nhận nội dung khác với dữ liệu đã ký: {name}." in " ".join(
        result.output.split()
    )
