"""Rich rendering of library results for the terminal (the CLI's only output helper)."""

from __future__ import annotations

from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from vaxrecon.progress import Progress as StepCounter
from vaxrecon.reasons import Reason


def render_inspection(console: Console, reports: list[dict]) -> None:
    for rep in reports:
        for s in rep["sheets"]:
            console.rule(f"{rep['file']} — {s['sheet']}")
            if s.get("problem"):
                console.print(f"[yellow]Not used:[/] {s['problem']}")
            if "header_row" not in s:
                continue
            console.print(f"Header at row {s['header_row']} ({s['header_rows']} row(s)); "
                          f"{s['records']} records, {s['skipped']} rows skipped.")
            meta = {k: v for k, v in s["metadata"].items() if v}
            if meta:
                console.print("Metadata: " + "; ".join(f"{k}={v}" for k, v in meta.items()),
                              highlight=False)
            cols = Table("col", "header", "field", "note", title="Columns")
            for c in s["columns"]:
                cols.add_row(str(c["column"]), c["header"], c["field"] or "-", c["note"])
            console.print(cols)
            if s["skipped_rows"]:
                skipped = Table("row", "reason", "text", title="Skipped rows")
                for r in s["skipped_rows"][:30]:
                    skipped.add_row(str(r["row"]), Reason(r["reason"]).label("en"), r["text"])
                console.print(skipped)
            if s["preview"]:
                prev = Table(*s["preview"][0].keys(), title="First normalised records")
                for r in s["preview"]:
                    prev.add_row(*(str(v) for v in r.values()))
                console.print(prev)


class StepProgress:
    """A rich progress bar on stderr fed by a library :class:`~vaxrecon.progress.Progress`, whose
    functions plan their own steps (silent when disabled)."""

    def __init__(self, console: Console, enabled: bool = True):
        self.bar: Progress | None = None
        if enabled:
            self.bar = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                                TimeElapsedColumn(), console=console, transient=True)
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


def render_verify(console: Console, result, files: list, lang: str) -> None:
    """Statuses per list file, then a one-line verdict and where the outputs are."""
    from vaxrecon.reasons import Status

    summary = result.summary()
    table = Table(title="vaxrecon verify", title_justify="left")
    table.add_column("file", overflow="fold")
    for s in Status:
        table.add_column(s.short(lang), justify="right")
    table.add_column("rows", justify="right")
    per_file: dict[str, dict[str, int]] = {}
    for sh in summary["sheets"]:
        acc = per_file.setdefault(sh["source"], {k: 0 for k in [*[s.value for s in Status], "rows"]})
        for k in acc:
            acc[k] += sh[k]
    for name, acc in per_file.items():
        table.add_row(name, *(str(acc[s.value]) for s in Status), str(acc["rows"]))
    table.add_row("[bold]total[/]", *(f"[bold]{summary['counts'][s.value]}[/]" for s in Status),
                  f"[bold]{summary['rows']}[/]")
    console.print(table)
    c = summary["counts"]
    linked = c["verified"] + c["needs_correction"]
    console.print(f"{summary['rows']} rows read: {linked} identified ({c['needs_correction']} need "
                  f"corrections), {c['review'] + c['not_found'] + c['incomplete']} to follow up, "
                  f"{c['non_citizen']} non-citizens not verified; {summary['duplicates']} duplicates.",
                  highlight=False)
    for item in summary["lists"]:
        for sheet in item["sheets"]:
            if sheet["problem"] and sheet["problem"] != "the sheet is empty":
                console.print(f"[yellow]Sheet '{sheet['sheet']}' of {item['name']} was not read:[/] "
                              f"{sheet['problem']} (see `vaxrecon inspect`).", highlight=False)
    if files:
        console.print(f"Outputs in {files[0].parent}/", highlight=False)


def render_explain(console: Console, report: dict) -> None:
    """The row as listed, then per candidate a waterfall of weights to the probability."""
    listed = report["listed"]
    console.print(f"[bold]{report['file']} / {report['sheet']} / row {report['row']}[/]: "
                  f"{listed['name']} — {listed['dob']} — {listed['gender']} — "
                  f"{listed['id_kind']} {listed['id_value']}", highlight=False)
    console.print(f"Decision: [bold]{report['status']}[/] {report['person_id']} "
                  f"(p={report['match_probability']:.6f}) {report['reasons']}", highlight=False)
    if not report["candidates"]:
        console.print("No candidate shares a blocking key with this row.")
    for cand in report["candidates"]:
        table = Table("field", "level", "weight (bits)", "running total",
                      title=f"{cand['person_id']} {cand['name']} {cand['dob']} {cand['commune']} "
                            f"(found by {cand['rule']})", title_justify="left")
        total = 0.0
        for step in cand["steps"]:
            total += step["weight"]
            colour = "green" if step["weight"] > 0 else "red" if step["weight"] < 0 else "white"
            table.add_row(step["field"], step["level"], f"[{colour}]{step['weight']:+.2f}[/]",
                          f"{total:+.2f}")
        table.add_row("[bold]probability[/]", "", "", f"[bold]{cand['probability']:.6f}[/]")
        console.print(table)


def render_synth(console: Console, result) -> None:
    table = Table("error", "configured", "measured", "applied", "eligible",
                  title=f"Entry errors in {result.list_rows} list rows", title_justify="left")
    for e in result.error_rates:
        table.add_row(e["error"], f"{e['configured']:.3f}", f"{e['measured']:.3f}",
                      str(e["applied"]), str(e["eligible"]))
    console.print(table)
    console.print(f"{result.population} people, {result.list_rows} list rows {result.classes}, "
                  f"written to {result.out_dir}/ in {result.seconds:.1f} s.", highlight=False)


_TIMELINESS = {"on_time": ("đúng hạn", "on time"), "late": ("trả muộn", "late"),
               "overdue": ("quá hạn", "overdue"), "pending": ("trong hạn", "pending"),
               "unknown": ("chưa rõ hạn", "unknown")}


def _when(value: str, lang: str) -> str:
    return _TIMELINESS.get(value, (value, value))[0 if lang == "vi" else 1]


def render_report(console: Console, report: dict, lang: str) -> None:
    from vaxrecon.reasons import Status

    statuses = [s.value for s in Status]
    if report["schema"].endswith("commune/1"):
        console.rule(f"{report['commune']} ({report['commune_code']}) — {report['as_of']}")
        table = Table("#", "file", "list date", "deadline", "returned", "timeliness",
                      *[Status(s).short(lang) for s in statuses], "rows")
        for r in report["lists"]:
            table.add_row(str(r["id"]), r["file_name"], r["list_date"] or "?", r["deadline"] or "?",
                          r["returned_on"] or "-", _when(r["timeliness"], lang),
                          *(str(r[s]) for s in statuses), str(r["rows"]))
        console.print(table)
        opened = Table("name", "village", "phone", "status", "since", "age (days)",
                       title=f"Open requests: {len(report['open_requests'])}", title_justify="left")
        for r in report["open_requests"][:200]:
            age = f"[red]{r['age_days']}[/]" if r["overdue"] else str(r["age_days"])
            opened.add_row(r["name"], r["village"], r["phone"], Status(r["status"]).short(lang),
                           r["first_reported"], age)
        console.print(opened)
        decided = Table("list", "sheet:row", "name", "before", "decision", "by", "at", "note",
                        title=f"Police decisions: {len(report.get('decisions', []))}", title_justify="left")
        for d in report.get("decisions", [])[:200]:
            decided.add_row(str(d["list_id"]), f"{d['sheet']}:{d['row']}", d["name"] or "",
                            d["status_before"], d["status"], d["decided_by"], d["decided_at"], d["note"])
        console.print(decided)
        return
    console.rule(f"{report.get('district') or 'Province overview'} — {report['as_of']}")
    by_district = Table("district", "communes", "lists", "rows", "on time", "late", "overdue",
                        "open requests")
    for d in report.get("districts", []):
        communes = sum(c["district_code"] == d["district_code"] for c in report["communes"])
        by_district.add_row(f"{d['district']} {d['district_code']}", str(communes), str(d["lists"]),
                            str(d["rows"]), str(d["on_time"]), str(d["late"]), str(d["overdue"]),
                            str(d["open_requests"]))
    console.print(by_district)
    table = Table("commune", "lists", *[Status(s).short(lang) for s in statuses], "on time", "late",
                  "overdue", "open requests")
    for c in report["communes"]:
        table.add_row(f"{c['commune']} {c['commune_code']}", str(c["lists"]), *(str(c[s]) for s in statuses),
                      str(c["on_time"]), str(c["late"]), f"[red]{c['overdue']}[/]" if c["overdue"] else "0",
                      str(c["open_requests"]))
    console.print(table)
    for item in report["unknown_metadata"]:
        console.print(f"[yellow]List {item['id']} ({item['file_name']})[/]: {', '.join(item['missing'])} "
                      f"unknown — {item['how_to_supply']}.", highlight=False)


def render_overdue(console: Console, report: dict, lang: str) -> None:
    if not report["count"]:
        console.print(f"Nothing is overdue on {report['as_of']}.")
        return
    table = Table("commune", "lists overdue", "rows overdue", "oldest (days)",
                  title=f"Overdue on {report['as_of']} (deadline {report['deadline_days']} days)",
                  title_justify="left")
    for c in report["communes"]:
        table.add_row(c["commune"], str(c["lists_overdue"]), str(c["rows_overdue"]), str(c["oldest_days"]))
    console.print(table)
    for r in report["lists"]:
        console.print(f"  list {r['id']} {r['file_name']}: deadline {r['deadline']}, not returned",
                      highlight=False)
    rows = Table("list", "sheet:row", "name", "status", "ID", "since", "due", "age (days)",
                 title=f"Rows open past their deadline: {len(report['rows'])}", title_justify="left")
    for r in report["rows"][:200]:
        rows.add_row(f"{r['list_id']} {r['file_name']}", f"{r['sheet']}:{r['row']}", r["name"],
                     r["status"], r["person_id"], r["first_reported"], r["due"], str(r["age_days"]))
    console.print(rows)


def render_batch(console: Console, result) -> None:
    if result.locked:
        console.print("Another batch run holds the inbox lock; nothing was done.")
        return
    for item in result.processed:
        console.print(f"processed {item['file']} → {item['out_dir']}", highlight=False)
    for item in result.duplicates:
        console.print(f"already processed {item['file']} (list {item['list_id']})", highlight=False)
    for item in result.waiting:
        console.print(f"left for the next run: {item['file']} ({item['reason']})", highlight=False)
    for item in result.failed:
        console.print(f"[red]failed[/] {item['file']}: {item['reason']}", highlight=False)
    for item in result.ignored:
        console.print(f"ignored {item['file']}: {item['reason']}", highlight=False)
    for item in result.recovered:
        console.print(f"finished after a stopped run: {item['file']} → {item['out_dir']}", highlight=False)
    console.print(f"Overdue items: {result.overdue.get('count', 0)} ({result.overdue_file})", highlight=False)


def render_resolve(console: Console, done: dict, lang: str) -> None:
    """What `resolve` recorded, and the filled rows it could not read."""
    vi = lang == "vi"
    for d in done["recorded"]:
        console.print(f"{'Đã ghi quyết định' if vi else 'Recorded decision'} {d['id']}: "
                      f"{'danh sách' if vi else 'list'} {d['list_id']} {d['sheet']}:{d['row']} "
                      f"→ {d['status']} "
                      f"({done['decided_by']}, {done['decided_on']})", highlight=False)
    for p in done["problems"]:
        console.print(f"[yellow]{p['where']}[/]: {p['problem']}", highlight=False)
