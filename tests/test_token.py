"""Signing through a PKCS#11 token: SoftHSM2 stands in for the USB token a chairman signs with."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from pki import make_pki
from typer.testing import CliRunner

from vaxrecon.cli import app

runner = CliRunner()
LIBS = [
    "/usr/lib/softhsm/libsofthsm2.so",
    "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
    "/usr/local/lib/softhsm/libsofthsm2.so",
]
LIB = next((p for p in LIBS if Path(p).is_file()), None)
PIN = "246810"
pytestmark = pytest.mark.skipif(
    LIB is None or shutil.which("softhsm2-util") is None,
    reason="SoftHSM2 is not installed (.ci/run installs the softhsm2 package)",
)


def invoke(*args, env=None):
    return runner.invoke(app, [str(a) for a in args], env=env)


@pytest.fixture(scope="module")
def token(tmp_path_factory):
    """A SoftHSM token 'vaxrecon-test' holding the signer's key and certificate (label 'chu-tich')."""
    base = tmp_path_factory.mktemp("softhsm")
    (base / "tokens").mkdir()
    conf = base / "softhsm2.conf"
    conf.write_text(
        f"directories.tokendir = {base / 'tokens'}\nobjectstore.backend = file\nlog.level = ERROR\n", "utf-8"
    )
    old = os.environ.get("SOFTHSM2_CONF")
    os.environ["SOFTHSM2_CONF"] = str(conf)  # read by the library when it is first loaded
    pki = make_pki(base / "pki")
    util = ["softhsm2-util"]
    subprocess.run(
        [*util, "--init-token", "--free", "--label", "vaxrecon-test", "--pin", PIN, "--so-pin", "13579"],
        check=True,
        capture_output=True,
    )
    subprocess.run(
        [
            *util,
            "--import",
            str(pki.key_pem),
            "--token",
            "vaxrecon-test",
            "--label",
            "chu-tich",
            "--id",
            "01",
            "--pin",
            PIN,
        ],
        check=True,
        capture_output=True,
    )
    _store_certificate(pki.cert_der.read_bytes())
    yield pki
    if old is None:
        os.environ.pop("SOFTHSM2_CONF", None)
    else:
        os.environ["SOFTHSM2_CONF"] = old


def _store_certificate(der: bytes) -> None:
    """Put the certificate on the token beside its key (same ID), as a CA's issuance tool does."""
    import pkcs11
    from cryptography import x509
    from pkcs11 import Attribute, CertificateType, ObjectClass

    cert = x509.load_der_x509_certificate(der)
    session = pkcs11.lib(LIB).get_token(token_label="vaxrecon-test").open(rw=True, user_pin=PIN)
    try:
        session.create_object(
            {
                Attribute.CLASS: ObjectClass.CERTIFICATE,
                Attribute.CERTIFICATE_TYPE: CertificateType.X_509,
                Attribute.TOKEN: True,
                Attribute.LABEL: "chu-tich",
                Attribute.ID: b"\x01",
                Attribute.SUBJECT: cert.subject.public_bytes(),
                Attribute.VALUE: der,
            }
        )
    finally:
        session.close()


@pytest.fixture
def folder(world, tmp_path):
    out = tmp_path / "ket_qua"
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
    assert invoke("minutes", out, "--no-ledger", "--today", "2021-11-06").exit_code == 0
    return out


def test_sign_with_a_pkcs11_token(token, folder):
    result = invoke(
        "sign",
        folder,
        "--pkcs11-lib",
        LIB,
        "--token-label",
        "vaxrecon-test",
        "--no-ledger",
        env={"VAXRECON_TOKEN_PIN": PIN},
    )
    assert result.exit_code == 0, result.output
    assert "CN=Nguyễn Văn Hùng" in result.output and PIN not in result.output
    check = invoke("check-signature", folder, "--ca", token.ca_pem)
    assert check.exit_code == 0, check.output
    if shutil.which("openssl"):
        ok = subprocess.run(
            [
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
                str(token.ca_pem),
                "-out",
                "/dev/null",
            ],
            cwd=folder,
            capture_output=True,
            text=True,
        )
        assert ok.returncode == 0, ok.stderr
    if shutil.which("pdfsig"):
        out = subprocess.run(["pdfsig", str(folder / "bien_ban.pdf")], capture_output=True, text=True).stdout
        assert "Signature is Valid." in out


def test_wrong_pin_or_key_label_is_one_sentence_without_the_pin(token, folder):
    wrong = invoke(
        "sign",
        folder,
        "--pkcs11-lib",
        LIB,
        "--token-label",
        "vaxrecon-test",
        "--no-ledger",
        env={"VAXRECON_TOKEN_PIN": "999999"},
    )
    assert wrong.exit_code == 2 and "999999" not in wrong.output and "Traceback" not in wrong.output
    assert "token" in wrong.output
    label = invoke(
        "sign",
        folder,
        "--pkcs11-lib",
        LIB,
        "--token-label",
        "vaxrecon-test",
        "--key-label",
        "khong-co",
        "--no-ledger",
        env={"VAXRECON_TOKEN_PIN": PIN},
    )
    assert label.exit_code == 2 and "--key-label" in label.output
    assert not (folder / "MANIFEST.sha256").exists()
