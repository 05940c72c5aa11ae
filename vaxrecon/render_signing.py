"""Rich rendering of step 4 (minutes, sign, check-signature) for the terminal."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table

from vaxrecon.text import Count, t

if TYPE_CHECKING:
    from vaxrecon.documents.minutes import Minutes
    from vaxrecon.signing.check import CheckReport
    from vaxrecon.signing.sign import SignResult
    from vaxrecon.signing.steps import Recorded


def _say(console: Console, text: str) -> None:
    """One sentence, unwrapped (so it can be copied or grepped whole)."""
    console.print(text, highlight=False, soft_wrap=True)


def _ledger_line(console: Console, recorded: Recorded, lang: str) -> None:
    if recorded.list_ids:
        _say(console, t("sig.recorded", lang, run=recorded.run_id or "?"))
    else:
        why = t(f"sig.{recorded.why_not}", lang, path=recorded.ledger)
        _say(console, f"[yellow]{t('sig.not_recorded', lang, why=why)}[/]")


def _dmy(iso: str) -> str:
    return dt.date.fromisoformat(iso).strftime("%d/%m/%Y")


def render_minutes(console: Console, minutes: Minutes, recorded: Recorded, lang: str) -> None:
    _say(console, t("sig.minutes_written", lang, path=minutes.path, pages=minutes.pages))
    _say(console, f"SHA-256 {minutes.sha256}")
    _ledger_line(console, recorded, lang)


def render_sign(console: Console, result: SignResult, recorded: Recorded, lang: str) -> None:
    _say(
        console,
        t(
            "sig.signed",
            lang,
            n=Count(len(result.pdfs)),
            files=Count(len(result.files)),
            signer=result.signer,
        ),
    )
    _ledger_line(console, recorded, lang)


def signed_cell(record: dict, lang: str) -> str:
    """A report list's step 4 in one cell: who signed and when, or that only minutes exist."""
    if record.get("signed_by"):
        when = _dmy(record["signed_at"][:10]) if record.get("signed_at") else ""
        name = re.search(r"CN=((?:\\.|[^,])*)", record["signed_by"])
        return f"{name.group(1).replace(chr(92), '') if name else record['signed_by']} {when}".strip()
    if record.get("minutes_on"):
        return t("sig.minutes_only", lang, date=_dmy(record["minutes_on"][:10]))
    return ""


def render_check(console: Console, report: CheckReport, lang: str) -> None:
    table = Table(
        *(
            t(k, lang)
            for k in (
                "sig.col_signed",
                "sig.col_signer",
                "sig.col_when",
                "sig.col_cert_valid",
                "sig.col_state",
            )
        )
    )
    for s in report.signatures:
        state = (
            f"[green]{t('sig.ok', lang)}[/]"
            if not s.problem
            else f"[red]{t(f'sig.state_{s.problem}', lang)}[/]"
        )
        valid = f"{_dmy(s.valid_from)} → {_dmy(s.valid_to)}" if s.valid_from else ""
        when = dt.datetime.fromisoformat(s.signed_at).strftime("%d/%m/%Y %H:%M %Z") if s.signed_at else ""
        table.add_row(s.file, s.signer, when, valid, state)
    if report.signatures:
        console.print(table)
    for finding in report.findings:
        _say(console, f"[red]✗[/] {finding.message(lang)}")
    if report.ok:
        _say(console, f"[green]✓[/] {t('sig.check_ok', lang, n=Count(len(report.diff.matched)))}")
    else:
        _say(console, f"[bold red]{t('sig.check_bad', lang, n=Count(len(report.findings)))}[/]")
