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
        raise InputError(f"{folder} is not a folder.")
    names = (p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    return sorted(n for n in names if n not in {MANIFEST, SIGNATURE} | skip)


def folder_hashes(folder: Path, skip: frozenset[str] = frozenset()) -> dict[str, str]:
    """{relative name: SHA-256} of every file of the folder (see :func:`folder_files`)."""
    return {name: sha256(folder / name) for name in folder_files(folder, skip)}


def manifest_text(hashes: dict[str, str]) -> bytes:
    """The manifest's bytes: ``<hash>  <name>`` per line, as `sha256sum` writes them."""
    for name in hashes:
        if "\n" in name or "\r" in name:
            raise InputError("A file name in the folder contains a line break; rename it before signing.")
    return "".join(f"{h}  {n}\n" for n, h in hashes.items()).encode("utf-8")


def parse_manifest(data: bytes) -> dict[str, str]:
    """{name: hash} from a manifest's bytes; an error naming the line if one is malformed."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(f"{MANIFEST} is not UTF-8 text.") from None
    entries: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        digest, sep, name = line.partition("  ")
        if not sep or len(digest) != 64 or not name or any(c not in "0123456789abcdef" for c in digest):
            raise InputError(f"{MANIFEST} line {number} is not '<sha256>  <file>'.")
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
