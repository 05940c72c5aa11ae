"""MANIFEST.sha256: every file of a result folder and its hash, in `sha256sum -c` format."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from vaxrecon.errors import InputError
from vaxrecon.result import sha256

MANIFEST = "MANIFEST.sha256"
SIGNATURE = "MANIFEST.sha256.p7s"


def folder_files(folder: Path, skip: frozenset[str] = frozenset()) -> list[str]:
    """Every file under ``folder`` as a POSIX path relative to it, sorted, except the manifest pair
    and the names in ``skip``."""
    if not folder.is_dir():
        raise InputError(key="err.not_folder", path=folder)
    names = (p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    return sorted(n for n in names if n not in {MANIFEST, SIGNATURE} | skip)


def folder_hashes(folder: Path, skip: frozenset[str] = frozenset()) -> dict[str, str]:
    """{relative name: SHA-256} of every file of the folder (see :func:`folder_files`)."""
    return {name: sha256(folder / name) for name in folder_files(folder, skip)}


def manifest_text(hashes: dict[str, str]) -> bytes:
    """The manifest's bytes: ``<hash>  <name>`` per line, as `sha256sum` writes them."""
    for name in hashes:
        if "\n" in name or "\r" in name:
            raise InputError(key="err.name_line_break")
    return "".join(f"{h}  {n}\n" for n, h in hashes.items()).encode("utf-8")


def parse_manifest(data: bytes) -> dict[str, str]:
    """{name: hash} from a manifest's bytes; an error naming the line if one is malformed."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(key="err.manifest_not_utf8", manifest=MANIFEST) from None
    entries: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        digest, sep, name = line.partition("  ")
        if not sep or len(digest) != 64 or not name or any(c not in "0123456789abcdef" for c in digest):
            raise InputError(key="err.manifest_line", manifest=MANIFEST, n=number)
        entries[name] = digest
    return entries


@dataclass
class FolderDiff:
    """How a folder differs from its manifest."""

    changed: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    matched: list[str] = field(default_factory=list)


def compare(folder: Path, listed: dict[str, str]) -> FolderDiff:
    """Compare the folder's files now with the hashes the manifest lists."""
    present = set(folder_files(folder))
    diff = FolderDiff(missing=sorted(set(listed) - present), added=sorted(present - set(listed)))
    for name in sorted(present & set(listed)):
        (diff.matched if sha256(folder / name) == listed[name] else diff.changed).append(name)
    return diff


MINUTES_ATTACHMENT = "vaxrecon_minutes.json"  # the hashes the minutes state, attached to their PDF


def pinned_by_minutes(pdf: bytes) -> dict[str, str] | None:
    """{file: SHA-256} that minutes state (read from their attachment), or None for any other PDF.

    PDFs are left out: signing one appends a revision, so its bytes change by design."""
    import io
    import json

    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        tree = PdfFileReader(io.BytesIO(pdf), strict=False).root["/Names"]["/EmbeddedFiles"]["/Names"]
        items = [tree[i] for i in range(len(tree))]  # name, file specification, name, …
        found = dict(zip(items[::2], items[1::2], strict=True)).get(MINUTES_ATTACHMENT)
        if found is None:
            return None
        data = json.loads(found.get_object()["/EF"]["/F"].get_object().data.decode("utf-8"))
    except (KeyError, PdfError, ValueError, TypeError):
        return None
    return {n: h for n, h in data["files"].items() if not n.lower().endswith(".pdf")}


def differences(pinned: dict[str, str], hashes: dict[str, str]) -> list[str]:
    """The files whose hash now is not the one the minutes state (or that are gone)."""
    return sorted(n for n, h in pinned.items() if hashes.get(n) != h)
