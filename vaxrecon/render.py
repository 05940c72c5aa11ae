"""Rich rendering of library results for the terminal (the CLI's only output helper). Every text
comes from the message table (:mod:`vaxrecon.text`), in the run's language."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from vaxrecon.progress import Progress as StepCounter
from vaxrecon.reasons import Reason, Status
from vaxrecon.render_signing import signed_cell
from vaxrecon.text import Count, dmy, grouped, t
from vaxrecon.text.table import MESSAGES

if TYPE_CHECKING:
    from vaxrecon.batch import BatchResult
    from vaxrecon.campaign.clean import CleanResult
    from vaxrecon.result import VerifyResult
    from vaxrecon.synth.generate import SynthResult

STATUSES = [s.value for s in Status]
_NOTES = {
    "unknown header": "inspect.note_unknown",
    "ignored": "inspect.note_ignored",
    "duplicate column": "inspect.note_duplicate",
    "second ID column": "inspect.note_second_id",
    "replaced by --map": "inspect.note_replaced",
    "--map": "inspect.note_map",
}
_WAITING = {"temporary name": "batch.reason_temporary", "still being copied": "batch.reason_copying"}
_PROBLEMS = {
    "the sheet is empty": "problem.empty",
    "no header row naming a name column was found": "problem.no_header",
    "the list has neither a birth-date nor an ID column": "problem.no_key",
}


def _problem(text: str, lang: str) -> str:
    return t(_PROBLEMS[text], lang) if text in _PROBLEMS else text


def _label(prefix: str, code: str, lang: str) -> str:
    """The message ``prefix + code`` when the table has it, else the code itself."""
    return t(prefix + code, lang) if prefix + code in MESSAGES else code


def _reasons(codes: str, lang: str) -> str:
    return "; ".join(Reason(c).label(lang) for c in codes.split(";") if c)


def render_inspection(console: Console, reports: list[dict], lang: str = "vi") -> None:
    for rep in reports:
        for s in rep["sheets"]:
            console.rule(f"{rep['file']} — {s['sheet']}")
            if s.get("problem"):
                console.print(
                    f"[yellow]{t('inspect.not_used', lang)}[/] {_problem(s['problem'], lang)}",
                    highlight=False,
                )
            if "header_row" not in s:
                continue
            console.print(
                t(
                    "inspect.header",
                    lang,
                    row=s["header_row"],
                    height=s["header_rows"],
                    records=Count(s["records"]),
                    skipped=Count(s["skipped"]),
                ),
                highlight=False,
            )
            meta = {k: dmy(v) if k == "list_date" else v for k, v in s["metadata"].items() if v}
            if meta:
                console.print(
                    t("inspect.metadata", lang)
                    + " "
                    + "; ".join(f"{t('meta.' + k, lang)}: {v}" for k, v in meta.items()),
                    highlight=False,
                )
            cols = Table(
                t("inspect.col", lang),
                t("inspect.heading", lang),
                t("inspect.field", lang),
                t("inspect.note", lang),
                title=t("inspect.columns", lang),
            )
            for c in s["columns"]:
                note = t(_NOTES[c["note"]], lang) if c["note"] in _NOTES else c["note"]
                cols.add_row(str(c["column"]), c["header"], c["field"] or "-", note)
            console.print(cols)
            if s["skipped_rows"]:
                skipped = Table(
                    t("inspect.row", lang),
                    t("inspect.reason", lang),
                    t("inspect.text", lang),
                    title=t("inspect.skipped", lang),
                )
                for r in s["skipped_rows"][:30]:
                    skipped.add_row(str(r["row"]), Reason(r["reason"]).label(lang), r["text"])
                console.print(skipped)
            if s["preview"]:
                prev = Table(*s["preview"][0].keys(), title=t("inspect.preview", lang))
                for r in s["preview"]:
                    prev.add_row(
                        *(_reasons(str(v), lang) if k == "norm_reasons" else str(v) for k, v in r.items())
                    )
                console.print(prev)


class StepProgress:
    """A rich progress bar on stderr fed by a library :class:`~vaxrecon.progress.Progress`, whose
    functions plan their own steps (silent when disabled)."""

    def __init__(self, console: Console, enabled: bool = True):
        self.bar: Progress | None = None
        if enabled:
            self.bar = Progress(
                SpinnerColumn(),
                TextColumn("{task.description}"),
                BarColumn(),
                TimeElapsedColumn(),
                console=console,
                transient=True,
            )
            self.task = self.bar.add_task("vaxrecon", total=None)
        self.progress = StepCounter(self._show)

    def _show(self, message: str, done: int, total: int) -> None:
        if self.bar is not None:
            self.bar.update(self.task, description=message, completed=done, total=total)

    def __enter__(self) -> StepProgress:
        if self.bar is not None:
            self.bar.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()


def render_verify(console: Console, result: VerifyResult, files: list, lang: str) -> None:
    """Statuses per list, then a one-line verdict, what was assumed, and where the outputs are."""
    summary = result.summary()
    table = Table(title=t("verify.title", lang), title_justify="left")
    table.add_column(t("verify.file", lang), overflow="fold")
    for s in Status:
        table.add_column(s.short(lang), justify="right")
    table.add_column(t("verify.rows", lang), justify="right")
    per_file: dict[str, dict[str, int]] = {}
    for sh in summary["sheets"]:
        acc = per_file.setdefault(sh["source"], {k: 0 for k in [*STATUSES, "rows"]})
        for k in acc:
            acc[k] += sh[k]
    for name, acc in per_file.items():
        table.add_row(name, *(grouped(acc[s], lang) for s in STATUSES), grouped(acc["rows"], lang))
    table.add_row(
        f"[bold]{t('verify.total', lang)}[/]",
        *(f"[bold]{grouped(summary['counts'][s], lang)}[/]" for s in STATUSES),
        f"[bold]{grouped(summary['rows'], lang)}[/]",
    )
    console.print(table)
    c = summary["counts"]
    console.print(
        t(
            "verify.verdict",
            lang,
            rows=Count(summary["rows"]),
            linked=Count(c["verified"] + c["needs_correction"]),
            fix=Count(c["needs_correction"]),
            follow=Count(c["review"] + c["not_found"] + c["incomplete"]),
            foreign=Count(c["non_citizen"]),
            dups=Count(summary["duplicates"]),
        ),
        highlight=False,
    )
    for item in summary["lists"]:
        for sheet in item["sheets"]:
            if sheet["problem"] and sheet["problem"] != "the sheet is empty":
                where = t("verify.sheet_not_read", lang, sheet=sheet["sheet"], file=item["name"])
                console.print(
                    f"[yellow]{where}[/] {_problem(sheet['problem'], lang)} {t('verify.see_inspect', lang)}",
                    highlight=False,
                )
        for warning in item.get("warnings", []):
            console.print(f"[yellow]{t('verify.warning', lang)}[/] {warning['message']}", highlight=False)
    if files:
        console.print(t("verify.outputs", lang, folder=f"{files[0].parent}/"), highlight=False)


def render_explain(console: Console, report: dict, lang: str = "vi") -> None:
    """The row as listed, then per candidate a waterfall of weights to the probability."""
    listed = report["listed"]
    where = t("explain.row", lang, file=report["file"], sheet=report["sheet"], row=report["row"])
    gender = _label("gender.", listed["gender"], lang)
    console.print(
        f"[bold]{where}"
        f"[/]: {listed['name']} — {listed['dob']} — {gender} — "
        f"{_label('id_kind.', listed['id_kind'], lang)} {listed['id_value']}",
        highlight=False,
    )
    console.print(
        t(
            "explain.decision",
            lang,
            status=Status(report["status"]).label(lang),
            person=report["person_id"],
            p=f"{report['match_probability']:.6f}",
            reasons=_reasons(report["reasons"], lang),
        ),
        highlight=False,
    )
    if not report["candidates"]:
        console.print(t("explain.no_candidate", lang))
    for cand in report["candidates"]:
        table = Table(
            t("explain.field", lang),
            t("explain.level", lang),
            t("explain.weight", lang),
            t("explain.running", lang),
            title=f"{cand['person_id']} {cand['name']} {cand['dob']} {cand['commune']} "
            f"({t('explain.found_by', lang, rule=_label('rule.', cand['rule'], lang))})",
            title_justify="left",
        )
        total = 0.0
        for step in cand["steps"]:
            total += step["weight"]
            colour = "green" if step["weight"] > 0 else "red" if step["weight"] < 0 else "white"
            table.add_row(
                _label("explain.f_", step["field"], lang),
                _label("level.", step["level"], lang) if step["level"] else "",
                f"[{colour}]{step['weight']:+.2f}[/]",
                f"{total:+.2f}",
            )
        table.add_row(
            f"[bold]{t('explain.probability', lang)}[/]", "", "", f"[bold]{cand['probability']:.6f}[/]"
        )
        console.print(table)


def render_qr(console: Console, fields: dict[str, str], lang: str = "vi") -> None:
    table = Table(show_header=False)
    for k, v in fields.items():
        table.add_row(t(f"qr.{k.removeprefix('qr_')}", lang), v)
    console.print(table)


def render_synth(console: Console, result: SynthResult, lang: str = "vi") -> None:
    table = Table(
        t("synth.error", lang),
        t("synth.configured", lang),
        t("synth.measured", lang),
        t("synth.applied", lang),
        t("synth.eligible", lang),
        title=t("synth.title", lang, rows=Count(result.list_rows)),
        title_justify="left",
    )
    for e in result.error_rates:
        table.add_row(
            e["error"],
            f"{e['configured']:.3f}",
            f"{e['measured']:.3f}",
            grouped(e["applied"], lang),
            grouped(e["eligible"], lang),
        )
    console.print(table)
    console.print(
        t(
            "synth.done",
            lang,
            people=Count(result.population),
            rows=Count(result.list_rows),
            classes=result.classes,
            folder=f"{result.out_dir}/",
            seconds=f"{result.seconds:.1f}",
        ),
        highlight=False,
    )


def _status(code: str, lang: str) -> str:
    """A status code as a short label (a code vaxrecon does not know is shown as it is)."""
    return Status(code).short(lang) if code in STATUSES else code


def _moment(iso: str) -> str:
    """'2021-11-08T09:30:00' as 08/11/2021 09:30."""
    return f"{dmy(iso[:10])} {iso[11:16]}".strip() if iso else ""


def _when(value: str, lang: str) -> str:
    return t(f"timeliness.{value}", lang) if value else ""


def render_report(console: Console, report: dict, lang: str) -> None:
    if report["schema"].endswith("commune/1"):
        console.rule(f"{report['commune']} ({report['commune_code']}) — {dmy(report['as_of'])}")
        signed = any("signed_by" in r for r in report["lists"])  # step 4, when any list reached it
        table = Table(
            "#",
            t("report.file", lang),
            t("report.list_date", lang),
            t("report.deadline", lang),
            t("report.returned", lang),
            t("report.timeliness", lang),
            *[Status(s).short(lang) for s in STATUSES],
            t("verify.rows", lang),
            *([t("report.signed_by", lang)] if signed else []),
        )
        for r in report["lists"]:
            table.add_row(
                str(r["id"]),
                r["file_name"],
                dmy(r["list_date"]) or "?",
                dmy(r["deadline"]) or "?",
                dmy(r["returned_on"]) or "-",
                _when(r["timeliness"], lang),
                *(grouped(r[s], lang) for s in STATUSES),
                grouped(r["rows"], lang),
                *([signed_cell(r, lang)] if signed else []),
            )
        console.print(table)
        opened = Table(
            t("report.name", lang),
            t("report.village", lang),
            t("report.phone", lang),
            t("report.status", lang),
            t("report.since", lang),
            t("report.age", lang),
            title=t("report.open", lang, n=Count(len(report["open_requests"]))),
            title_justify="left",
        )
        for r in report["open_requests"][:200]:
            age = f"[red]{r['age_days']}[/]" if r["overdue"] else str(r["age_days"])
            opened.add_row(
                r["name"],
                r["village"],
                r["phone"],
                Status(r["status"]).short(lang),
                dmy(r["first_reported"]),
                age,
            )
        console.print(opened)
        decided = Table(
            *(t(f"report.{k}", lang) for k in ("list_col", "where", "name", "before", "decision", "by")),
            t("report.at", lang),
            t("report.note", lang),
            title=t("report.decisions", lang, n=Count(len(report.get("decisions", [])))),
            title_justify="left",
        )
        for d in report.get("decisions", [])[:200]:
            decided.add_row(
                str(d["list_id"]),
                f"{d['sheet']}:{d['row']}",
                d["name"] or "",
                _status(d["status_before"], lang),
                _status(d["status"], lang),
                d["decided_by"],
                _moment(d["decided_at"]),
                d["note"],
            )
        console.print(decided)
        _campaign_table(console, report, lang)
        return
    heading = (
        f"{report['district']} — {dmy(report['as_of'])}"
        if report.get("district")
        else t("report.province", lang, date=dmy(report["as_of"]))
    )
    console.rule(heading)
    by_district = Table(
        t("report.district", lang),
        t("report.communes", lang),
        t("report.lists", lang),
        t("verify.rows", lang),
        t("timeliness.on_time", lang),
        t("timeliness.late", lang),
        t("timeliness.overdue", lang),
        t("report.open_requests", lang),
    )
    for d in report.get("districts", []):
        communes = sum(c["district_code"] == d["district_code"] for c in report["communes"])
        by_district.add_row(
            f"{d['district']} {d['district_code']}",
            grouped(communes, lang),
            *(grouped(d[k], lang) for k in ("lists", "rows", "on_time", "late", "overdue", "open_requests")),
        )
    console.print(by_district)
    table = Table(
        t("report.commune", lang),
        t("report.lists", lang),
        *[Status(s).short(lang) for s in STATUSES],
        t("timeliness.on_time", lang),
        t("timeliness.late", lang),
        t("timeliness.overdue", lang),
        t("report.open_requests", lang),
    )
    for c in report["communes"]:
        table.add_row(
            f"{c['commune']} {c['commune_code']}",
            grouped(c["lists"], lang),
            *(grouped(c[s], lang) for s in STATUSES),
            grouped(c["on_time"], lang),
            grouped(c["late"], lang),
            f"[red]{grouped(c['overdue'], lang)}[/]" if c["overdue"] else "0",
            grouped(c["open_requests"], lang),
        )
    totals = report.get("totals", {})
    if totals:
        table.add_row(
            f"[bold]{t('verify.total', lang)}[/]",
            *(
                grouped(totals[k], lang) if k in totals else ""
                for k in ("lists", *STATUSES, "on_time", "late", "overdue", "open_requests")
            ),
        )
    console.print(table)
    for item in report["unknown_metadata"]:
        missing = ", ".join(t(f"meta.{m}", lang) for m in item["missing"])
        console.print(
            f"[yellow]{t('report.list', lang, id=item['id'], file=item['file_name'])}[/]: "
            f"{t('report.unknown_metadata', lang, missing=missing)}",
            highlight=False,
        )
    _campaign_table(console, report, lang)


def _campaign_table(console: Console, report: dict, lang: str) -> None:
    """The data-cleaning campaign per commune (latest `clean` run): people per verdict, doses."""
    from vaxrecon.campaign.issues import Verdict

    if not report.get("campaign"):
        return
    table = Table(
        t("report.commune", lang),
        t("campaign.export", lang),
        *[v.short(lang) for v in Verdict],
        t("campaign.doses", lang),
        title=t("campaign.title", lang),
        title_justify="left",
    )
    for p in report["campaign"]:
        table.add_row(
            p["place"],
            dmy(p["export_date"]),
            *(grouped(p["people"].get(v.value, 0), lang) for v in Verdict),
            grouped(p["doses"], lang),
        )
    console.print(table)


def render_overdue(console: Console, report: dict, lang: str) -> None:
    if not report["count"]:
        console.print(t("overdue.none", lang, date=dmy(report["as_of"])), highlight=False)
        return
    table = Table(
        t("report.commune", lang),
        t("overdue.lists", lang),
        t("overdue.rows", lang),
        t("overdue.oldest", lang),
        title=t("overdue.title", lang, date=dmy(report["as_of"]), days=report["deadline_days"]),
        title_justify="left",
    )
    for c in report["communes"]:
        table.add_row(
            c["commune"],
            grouped(c["lists_overdue"], lang),
            grouped(c["rows_overdue"], lang),
            str(c["oldest_days"]),
        )
    console.print(table)
    for r in report["lists"]:
        console.print(
            t("overdue.list", lang, id=r["id"], file=r["file_name"], deadline=dmy(r["deadline"])),
            highlight=False,
        )
    rows = Table(
        *(t(f"report.{k}", lang) for k in ("list_col", "where", "name", "status", "person_id", "since")),
        t("report.due", lang),
        t("report.age", lang),
        title=t("overdue.rows_title", lang, n=Count(len(report["rows"]))),
        title_justify="left",
    )
    for r in report["rows"][:200]:
        rows.add_row(
            f"{r['list_id']} {r['file_name']}",
            f"{r['sheet']}:{r['row']}",
            r["name"],
            _status(r["status"], lang),
            r["person_id"],
            dmy(r["first_reported"]),
            dmy(r["due"]),
            str(r["age_days"]),
        )
    console.print(rows)


def render_batch(console: Console, result: BatchResult, lang: str = "vi") -> None:
    if result.locked:
        console.print(t("batch.locked", lang))
        return
    for item in result.processed:
        console.print(t("batch.processed", lang, file=item["file"], folder=item["out_dir"]), highlight=False)
    for item in result.duplicates:
        console.print(t("batch.duplicate", lang, file=item["file"], id=item["list_id"]), highlight=False)
    for item in result.waiting:
        reason = t(_WAITING[item["reason"]], lang) if item["reason"] in _WAITING else item["reason"]
        console.print(t("batch.waiting", lang, file=item["file"], reason=reason), highlight=False)
    for item in result.failed:
        console.print(f"[red]{t('batch.failed', lang)}[/] {item['file']}: {item['reason']}", highlight=False)
    for item in result.ignored:
        console.print(t("batch.ignored", lang, file=item["file"], reason=item["reason"]), highlight=False)
    for item in result.recovered:
        console.print(t("batch.recovered", lang, file=item["file"], folder=item["out_dir"]), highlight=False)
    console.print(
        t("batch.overdue", lang, n=Count(result.overdue.get("count", 0)), file=result.overdue_file),
        highlight=False,
    )


def render_resolve(console: Console, done: dict, lang: str) -> None:
    """What `resolve` recorded, and the filled rows it could not read."""
    for d in done["recorded"]:
        console.print(
            t(
                "resolve.recorded",
                lang,
                id=d["id"],
                list=d["list_id"],
                sheet=d["sheet"],
                row=d["row"],
                status=Status(d["status"]).label(lang),
                by=done["decided_by"],
                on=dmy(done["decided_on"]),
            ),
            highlight=False,
        )
    for p in done["problems"]:
        console.print(f"[yellow]{p['where']}[/]: {p['problem']}", highlight=False)


def render_clean(console: Console, result: CleanResult, files: list, lang: str) -> None:
    """People and doses per verdict, dose issues found, and where the outputs are."""
    from vaxrecon.campaign.issues import DoseIssue, Verdict

    counts = result.summary()["counts"]
    table = Table(title="vaxrecon clean", title_justify="left")
    table.add_column(t("clean.verdict", lang))
    table.add_column(t("clean.people", lang), justify="right")
    table.add_column(t("campaign.doses", lang), justify="right")
    for v in Verdict:
        table.add_row(
            v.label(lang),
            grouped(counts["verdict_people"][v.value], lang),
            grouped(counts["verdict_rows"][v.value], lang),
        )
    console.print(table)
    found = [(DoseIssue(k).label(lang), n) for k, n in counts["dose_issues"].items() if n]
    if found:
        console.print("; ".join(f"{label}: {grouped(n, lang)}" for label, n in found), highlight=False)
    if files:
        console.print(t("clean.outputs", lang, folder=f"{files[0].parent}/"), highlight=False)
