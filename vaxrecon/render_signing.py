"""Rich rendering of step 4 (minutes, sign, check-signature) for the terminal."""

from __future__ import annotations

import datetime as dt

from rich.console import Console
from rich.table import Table

from vaxrecon.signing.messages import t


def _ledger_line(console: Console, recorded, lang: str) -> None:
    if recorded.list_ids:
        console.print(t("recorded", lang, run=recorded.run_id or "?"), highlight=False)
    else:
        why = t(recorded.why_not, lang, path=recorded.ledger)
        console.print(f"[yellow]{t('not_recorded', lang, why=why)}[/]", highlight=False)


def _dmy(iso: str) -> str:
    return dt.date.fromisoformat(iso).strftime("%d/%m/%Y")


def render_minutes(console: Console, minutes, recorded, lang: str) -> None:
    console.print(t("minutes_written", lang, path=minutes.path, pages=minutes.pages), highlight=False)
    console.print(f"SHA-256 {minutes.sha256}", highlight=False)
    _ledger_line(console, recorded, lang)


def render_sign(console: Console, result, recorded, lang: str) -> None:
    console.print(t("signed", lang, n=len(result.pdfs), files=len(result.files), signer=result.signer),
                  highlight=False)
    _ledger_line(console, recorded, lang)


def render_check(console: Console, report, lang: str) -> None:
    table = Table(*(t(k, lang) for k in ("col_signed", "col_signer", "col_when", "col_cert_valid",
                                         "col_state")))
    for s in report.signatures:
        state = f"[green]{t('ok', lang)}[/]" if not s.problem else f"[red]{t('state_' + s.problem, lang)}[/]"
        valid = f"{_dmy(s.valid_from)} → {_dmy(s.valid_to)}" if s.valid_from else ""
        when = dt.datetime.fromisoformat(s.signed_at).strftime("%d/%m/%Y %H:%M %Z") if s.signed_at else ""
        table.add_row(s.file, s.signer, when, valid, state)
    if report.signatures:
        console.print(table)
    for finding in report.findings:
        console.print(f"[red]✗[/] {finding.message(lang)}", highlight=False)
    if report.ok:
        console.print(f"[green]✓[/] {t('check_ok', lang, n=len(report.diff.matched))}", highlight=False)
    else:
        console.print(f"[bold red]{t('check_bad', lang, n=len(report.findings))}[/]", highlight=False)
