"""`vaxrecon sign`: PAdES on every PDF of a result folder, then a detached CMS over MANIFEST.sha256.

The key is a PKCS#12 file or a PKCS#11 token (USB token, SoftHSM). Secrets arrive as arguments from the
caller (read from the environment by the CLI) and never appear in a message."""

from __future__ import annotations

import asyncio
import datetime as dt
import io
import logging
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from vaxrecon.documents.atomic import write_file_atomic
from vaxrecon.errors import InputError
from vaxrecon.result import sha256
from vaxrecon.signing.manifest import (
    MANIFEST,
    SIGNATURE,
    differences,
    folder_files,
    folder_hashes,
    manifest_text,
    pinned_by_minutes,
)
from vaxrecon.text import Phrase, t

if TYPE_CHECKING:
    from asn1crypto.x509 import Certificate
    from pyhanko.sign.signers import Signer, SimpleSigner
    from pyhanko.stamp import TextStampStyle

# fontTools reports each table it leaves out of a subset; nothing a signer needs to read.
logging.getLogger("fontTools").addHandler(logging.NullHandler())
CHAIR_FIELD = "ChuTich"  # the empty signature field the minutes leave in the chair's signature block


@dataclass(repr=False)
class KeySource:
    """Where the signing key is: a .p12 file, or a PKCS#11 library + token label (+ key label)."""

    p12: Path | None = None
    password: bytes | None = None
    pkcs11_lib: str | None = None
    token_label: str | None = None
    key_label: str | None = None
    pin: str | None = None
    secret_from: str = ""  # the environment variable the password or PIN was read from, for messages

    def __repr__(self) -> str:  # never show the secret
        return f"KeySource(p12={self.p12}, pkcs11_lib={self.pkcs11_lib}, token_label={self.token_label})"


@dataclass
class SignResult:
    """What `sign` did."""

    folder: Path
    pdfs: list[str]
    files: list[str]
    signer: str
    signed_at: dt.datetime
    cert_not_after: dt.datetime
    manifest_sha256: str


def _p12_signer(source: KeySource) -> SimpleSigner:
    from pyhanko.sign.signers import SimpleSigner

    if source.p12 is None or not source.p12.is_file():
        raise InputError(key="err.cert_missing", path=source.p12)
    try:
        return SimpleSigner.load_pkcs12_data(
            source.p12.read_bytes(), other_certs=[], passphrase=source.password
        )
    except ValueError:
        raise InputError(key="err.cert_unopened", path=source.p12, where=_where(source)) from None


def _where(source: KeySource) -> Phrase | str:
    return Phrase("err.secret_from", {"variable": source.secret_from}) if source.secret_from else ""


@contextmanager
def _token_signer(source: KeySource) -> Iterator:
    import pkcs11
    from pkcs11 import Attribute, ObjectClass
    from pyhanko.config.pkcs11 import TokenCriteria
    from pyhanko.sign.pkcs11 import PKCS11Signer, open_pkcs11_session

    try:
        session = open_pkcs11_session(
            str(source.pkcs11_lib),
            token_criteria=TokenCriteria(label=source.token_label),
            user_pin=source.pin,
        )
    except (pkcs11.PKCS11Error, OSError, RuntimeError) as e:
        raise InputError(
            key="err.token_unopened",
            label=source.token_label,
            lib=source.pkcs11_lib,
            kind=type(e).__name__,
            where=_where(source),
        ) from None
    try:
        keys = [
            k
            for k in session.get_objects({Attribute.CLASS: ObjectClass.PRIVATE_KEY})
            if source.key_label in (None, k[Attribute.LABEL])
        ]
        if len(keys) != 1:
            raise InputError(key="err.token_keys", label=source.token_label, n=len(keys))
        key_id = keys[0][Attribute.ID]
        yield PKCS11Signer(session, key_id=key_id, cert_id=key_id, other_certs_to_pull=None)
    except (pkcs11.PKCS11Error, OSError) as e:
        raise InputError(key="err.token_refused", kind=type(e).__name__) from None
    finally:
        session.close()


@contextmanager
def open_signer(source: KeySource) -> Iterator:
    """A pyHanko signer for the key source; a token session is closed afterwards."""
    if (source.p12 is None) == (source.pkcs11_lib is None):
        raise InputError(key="err.key_source")
    if source.p12 is not None:
        yield _p12_signer(source)
        return
    if not source.token_label:
        raise InputError(key="err.token_label")
    with _token_signer(source) as signer:
        yield signer


def is_signed(pdf: bytes) -> bool:
    """Whether a PDF carries at least one signature (an unreadable file counts as unsigned)."""
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        return bool(PdfFileReader(io.BytesIO(pdf), strict=False).embedded_signatures)
    except (PdfError, ValueError):
        return False


def add_signature_field(pdf: bytes, name: str, page: int, box: tuple[float, float, float, float]) -> bytes:
    """The PDF with an empty visible signature field (``page`` from 0, ``box`` in points) for `sign`."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign.fields import SigFieldSpec, append_signature_field

    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    x1, y1, x2, y2 = (round(v) for v in box)
    append_signature_field(writer, SigFieldSpec(sig_field_name=name, on_page=page, box=(x1, y1, x2, y2)))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# The stamp's characters: Latin (with Latin-1 and Extended-A), combining marks and every Vietnamese letter.
STAMP_CHARACTERS = [*range(0x20, 0x17F), *range(0x300, 0x324), *range(0x1EA0, 0x1EFA)]


def stamp_font(target: Path) -> Path:
    """The shipped serif font cut to the stamp's characters and rescaled to 1000 units per em.

    pyHanko writes a CID font's glyph widths in the font's own units, which PDF reads as thousandths
    of an em: DejaVu (2048 units) would be set twice as wide as it should."""
    from importlib import resources

    from fontTools import subset
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.scaleUpem import scale_upem

    source = resources.files("vaxrecon").joinpath("data", "fonts", "DejaVuSerif.ttf")
    with resources.as_file(source) as path:
        font = TTFont(str(path))
    cutter = subset.Subsetter(subset.Options(notdef_outline=True))
    cutter.populate(unicodes=STAMP_CHARACTERS)
    cutter.subset(font)
    scale_upem(font, 1000)
    font.save(str(target))
    return target


def _stamp(lang: str, font: Path) -> TextStampStyle:
    """The visible stamp: who signed and when."""
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.stamp import TextStampStyle

    size = 8  # the engine and the box must agree on the size, or lines drift (pyHanko issue 733)
    return TextStampStyle(
        stamp_text=t("sig.stamp", lang),
        timestamp_format="%d/%m/%Y %H:%M:%S %Z",
        border_width=1,
        background=None,
        text_box_style=TextBoxStyle(font=GlyphAccumulatorFactory(str(font), font_size=size), font_size=size),
    )


def _sign_pdf(data: bytes, signer: Signer, reason: str, stamp: TextStampStyle | None) -> bytes:
    """Sign into the first empty signature field (visible stamp), else into a new invisible one."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign import fields, signers

    reader = PdfFileReader(io.BytesIO(data))
    empty = [name for name, _value, _ref in fields.enumerate_sig_fields(reader, filled_status=False)]
    name = empty[0] if empty else f"Signature{len(reader.embedded_signatures) + 1}"
    meta = signers.PdfSignatureMetadata(
        field_name=name, md_algorithm="sha256", subfilter=fields.SigSeedSubFilter.PADES, reason=reason
    )
    out = io.BytesIO()
    pdf_signer = signers.PdfSigner(meta, signer=signer, stamp_style=stamp)
    pdf_signer.sign_pdf(IncrementalPdfFileWriter(io.BytesIO(data)), output=out)
    return out.getvalue()


def _sign_detached(data: bytes, signer: Signer, when: dt.datetime) -> bytes:
    """A detached CMS SignedData (DER, SHA-256, signing time, signer certificate and chain included)."""
    from pyhanko.sign.signers.pdf_cms import PdfCMSSignedAttributes

    attrs = PdfCMSSignedAttributes(signing_time=when)
    return asyncio.run(
        signer.async_sign_general_data(data, "sha256", detached=True, signed_attr_settings=attrs)
    ).dump()


def subject(cert: Certificate) -> str:
    """A certificate's subject as RFC 4514 text (CN=…,O=…,C=VN)."""
    from cryptography import x509

    return x509.load_der_x509_certificate(cert.dump()).subject.rfc4514_string()


def _check_minutes(folder: Path, pdfs: list[str]) -> None:
    """Refuse to sign data that differs from what the folder's minutes confirm."""
    now: dict[str, str] | None = None
    for name in pdfs:
        pinned = pinned_by_minutes((folder / name).read_bytes())
        if pinned is None:
            continue
        now = now if now is not None else folder_hashes(folder)
        changed = differences(pinned, now)
        if changed:
            raise InputError(key="err.changed_after_minutes", files=", ".join(changed), name=name)


def sign_folder(folder: Path, source: KeySource, reason: str, lang: str = "vi") -> SignResult:
    """Sign every PDF of ``folder`` (PAdES), then write MANIFEST.sha256 and its detached signature.

    Every PDF is signed in memory before any file is replaced, so a refused signature changes nothing."""
    from pyhanko.pdf_utils.misc import PdfError

    folder = Path(folder)
    pdfs = [n for n in folder_files(folder) if n.lower().endswith(".pdf")]
    _check_minutes(folder, pdfs)
    with open_signer(source) as signer, tempfile.TemporaryDirectory(prefix="vaxrecon-stamp-") as tmp:
        stamp = _stamp(lang, stamp_font(Path(tmp) / "stamp.ttf")) if pdfs else None
        signed: dict[str, bytes] = {}
        for name in pdfs:
            try:
                signed[name] = _sign_pdf((folder / name).read_bytes(), signer, reason, stamp)
            except PdfError as e:
                raise InputError(key="err.pdf_unreadable", name=name, why=str(e)) from None
        for name, data in signed.items():
            write_file_atomic(folder / name, data)
        hashes = folder_hashes(folder)
        text = manifest_text(hashes)
        now = dt.datetime.now(dt.UTC).replace(microsecond=0)
        p7s = _sign_detached(text, signer, now)
        cert = signer.signing_cert
    write_file_atomic(folder / MANIFEST, text)
    write_file_atomic(folder / SIGNATURE, p7s)
    return SignResult(
        folder, pdfs, list(hashes), subject(cert), now, cert.not_valid_after, sha256(folder / MANIFEST)
    )
