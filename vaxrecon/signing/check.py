"""`vaxrecon check-signature`: is a signed result folder intact, and who signed it, when, with what."""

from __future__ import annotations

import asyncio
import datetime as dt
import io
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from vaxrecon.errors import InputError
from vaxrecon.signing.manifest import (
    MANIFEST,
    SIGNATURE,
    FolderDiff,
    compare,
    differences,
    parse_manifest,
    pinned_by_minutes,
)
from vaxrecon.signing.sign import subject
from vaxrecon.text import t

if TYPE_CHECKING:
    from pyhanko.sign.validation.status import StandardCMSSignatureStatus
    from pyhanko_certvalidator import ValidationContext

EXIT_PROBLEM = 4
# pyHanko logs each failed path search with a traceback; the report says it plainly instead.
logging.getLogger("pyhanko").addHandler(logging.NullHandler())


@dataclass
class Finding:
    """One problem, as a message key and its values (rendered in the reader's language)."""

    key: str
    values: dict[str, str] = field(default_factory=dict)

    def message(self, lang: str) -> str:
        return t(f"sig.{self.key}", lang, **self.values)


@dataclass
class SignatureInfo:
    """One signature: on a PDF, or the manifest's."""

    file: str
    signer: str = ""
    signed_at: str = ""
    valid_from: str = ""
    valid_to: str = ""
    intact: bool = False
    trusted: bool = False
    problem: str = ""  # the key of the finding, if any


@dataclass
class CheckReport:
    """The whole check; ``ok`` only when every file matches and every signature is intact and trusted."""

    folder: Path
    signatures: list[SignatureInfo] = field(default_factory=list)
    diff: FolderDiff = field(default_factory=FolderDiff)
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.findings

    @property
    def exit_code(self) -> int:
        return 0 if self.ok else EXIT_PROBLEM

    def as_dict(self, lang: str) -> dict:
        return {
            "schema": "vaxrecon.check_signature/1",
            "folder": str(self.folder),
            "ok": self.ok,
            "signatures": [vars(s) for s in self.signatures],
            "files": {
                "matched": self.diff.matched,
                "changed": self.diff.changed,
                "missing": self.diff.missing,
                "added": self.diff.added,
            },
            "problems": [{"code": f.key, "message": f.message(lang)} for f in self.findings],
        }


def _context(ca: Path | None) -> ValidationContext:
    from pyhanko.keys import load_certs_from_pemder
    from pyhanko_certvalidator import ValidationContext

    if ca is None:  # nothing is trusted unless named: the national root CA is in no system store
        return ValidationContext(trust_roots=[], allow_fetching=False)
    if not ca.is_file():
        raise InputError(key="err.ca_missing", path=ca)
    try:
        roots = list(load_certs_from_pemder([str(ca)]))
    except (ValueError, OSError):
        raise InputError(key="err.ca_unreadable", path=ca) from None
    return ValidationContext(trust_roots=roots, allow_fetching=False)


def _cert_problem(status: StandardCMSSignatureStatus, now: dt.datetime) -> tuple[str, dict[str, str]] | None:
    """Why a signature whose bytes are intact is still not acceptable, or None."""
    from pyhanko.sign.ades.report import AdESIndeterminate

    cert = status.signing_cert
    if status.revoked:
        return "revoked", {}
    if now > cert.not_valid_after:
        return "expired", {"date": f"{cert.not_valid_after:%d/%m/%Y}"}
    if now < cert.not_valid_before:
        return "not_yet_valid", {"date": f"{cert.not_valid_before:%d/%m/%Y}"}
    if status.trusted:
        return None
    indic = status.trust_problem_indic
    if indic in (None, AdESIndeterminate.NO_CERTIFICATE_CHAIN_FOUND):
        return "untrusted", {}
    # pyHanko types it as the AdESSubIndic base class; every concrete one is an Enum with a name
    return "invalid_cert", {"why": indic.name.lower().replace("_", " ")}  # type: ignore[attr-defined]


def _judge(
    name: str, status: StandardCMSSignatureStatus, now: dt.datetime, report: CheckReport, whole: bool = True
) -> None:
    cert = status.signing_cert
    when = status.signer_reported_dt
    info = SignatureInfo(
        name,
        subject(cert),
        when.isoformat() if when else "",
        f"{cert.not_valid_before:%Y-%m-%d}",
        f"{cert.not_valid_after:%Y-%m-%d}",
        intact=bool(status.intact and status.valid),
        trusted=bool(status.trusted),
    )
    if not info.intact:
        problem: tuple[str, dict[str, str]] | None = ("broken", {})
    elif not whole:
        problem = ("not_whole", {})
    else:
        problem = _cert_problem(status, now)
    if problem:
        info.problem = problem[0]
        report.findings.append(Finding(problem[0], {"name": name, **problem[1]}))
    report.signatures.append(info)


def _check_manifest(
    folder: Path, text: bytes, context: ValidationContext, now: dt.datetime, report: CheckReport
) -> None:
    from asn1crypto import cms
    from pyhanko.sign.validation.generic_cms import async_validate_detached_cms

    try:
        signed = cms.ContentInfo.load((folder / SIGNATURE).read_bytes())["content"]
        status = asyncio.run(async_validate_detached_cms(text, signed, signer_validation_context=context))
    except Exception:  # any parse or validation failure means the signature file is not usable
        report.findings.append(Finding("broken", {"name": SIGNATURE}))
        report.signatures.append(SignatureInfo(MANIFEST, problem="broken"))
        return
    _judge(MANIFEST, status, now, report)


def _check_pdf(
    folder: Path, name: str, context: ValidationContext, now: dt.datetime, report: CheckReport
) -> None:
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    try:
        reader = PdfFileReader(io.BytesIO((folder / name).read_bytes()), strict=False)
        sigs = reader.embedded_signatures
    except (PdfError, ValueError):
        report.findings.append(Finding("broken", {"name": name}))
        return
    if not sigs:
        report.findings.append(Finding("pdf_unsigned", {"name": name}))
        return
    for i, sig in enumerate(sigs):
        status = validate_pdf_signature(sig, context)
        last = i == len(sigs) - 1
        _judge(
            name, status, now, report, whole=not last or status.coverage == SignatureCoverageLevel.ENTIRE_FILE
        )


def check_folder(folder: Path, ca: Path | None = None, now: dt.datetime | None = None) -> CheckReport:
    """Check the manifest's signature, every file against the manifest, and every PDF's signatures."""
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(key="err.not_folder", path=folder)
    report = CheckReport(folder)
    if not (folder / MANIFEST).is_file() or not (folder / SIGNATURE).is_file():
        report.findings.append(Finding("not_signed", {"folder": str(folder)}))
        return report
    now = now or dt.datetime.now(dt.UTC)
    context = _context(ca)
    text = (folder / MANIFEST).read_bytes()
    _check_manifest(folder, text, context, now, report)
    try:
        listed = parse_manifest(text)
    except InputError:  # an edited manifest is a finding like any other change, not a usage error
        report.findings.append(Finding("manifest_unreadable"))
        return report
    report.diff = compare(folder, listed)
    for key in ("changed", "missing", "added"):
        report.findings += [Finding(key, {"name": n}) for n in getattr(report.diff, key)]
    for name in sorted(n for n in listed if n.lower().endswith(".pdf") and n not in report.diff.missing):
        _check_pdf(folder, name, context, now, report)
        pinned = pinned_by_minutes((folder / name).read_bytes())
        changed = differences(pinned, listed) if pinned is not None else []
        if changed:
            report.findings.append(Finding("minutes_differ", {"name": name, "files": ", ".join(changed)}))
    return report
