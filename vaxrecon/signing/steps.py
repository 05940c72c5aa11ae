"""Step 4 as the commands run it: write the minutes or sign the folder, then note it in the ledger."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from vaxrecon.documents.minutes import Minutes, write_minutes
from vaxrecon.ledger import signatures
from vaxrecon.ledger.db import connect
from vaxrecon.signing.manifest import MANIFEST
from vaxrecon.signing.sign import KeySource, SignResult, sign_folder


@dataclass
class Recorded:
    """What the ledger now knows: the run and lists the folder belongs to, or why nothing was noted."""

    run_id: int | None = None
    list_ids: list[int] = field(default_factory=list)
    why_not: str = ""  # a message key: why_disabled, why_no_ledger, why_unknown_lists
    ledger: str = ""


def _record(
    ledger: Path | None,
    folder: Path,
    kind: str,
    file: str,
    sha: str,
    signer: str = "",
    signed_at: str | None = None,
    not_after: str | None = None,
) -> Recorded:
    if ledger is None:
        return Recorded(why_not="why_disabled")
    if not Path(ledger).expanduser().exists():
        return Recorded(why_not="why_no_ledger", ledger=str(ledger))
    conn = connect(ledger)
    try:
        run_id, ids = signatures.record(conn, folder, kind, file, sha, signer, signed_at, not_after)
    finally:
        conn.close()
    return Recorded(run_id, ids, "" if ids else "why_unknown_lists", str(ledger))


def draw_minutes(
    folder: Path, cfg: dict, day: dt.date, out: Path | None = None, ledger: Path | None = None
) -> tuple[Minutes, Recorded]:
    """Write the minutes of a result folder and note them against its run's lists."""
    minutes = write_minutes(Path(folder), cfg, day, out)
    return minutes, _record(ledger, Path(folder), signatures.MINUTES, minutes.path.name, minutes.sha256)


def sign_and_record(
    folder: Path, source: KeySource, cfg: dict, ledger: Path | None = None
) -> tuple[SignResult, Recorded]:
    """Sign the folder (PDFs, then the manifest) and note the signer against its run's lists."""
    result = sign_folder(Path(folder), source, cfg["signing"]["reason"], cfg["lang"])
    return result, _record(
        ledger,
        Path(folder),
        signatures.SIGNATURE,
        MANIFEST,
        result.manifest_sha256,
        result.signer,
        result.signed_at.isoformat(),
        result.cert_not_after.isoformat(),
    )
