"""Rich rendering of library results for the terminal (the CLI's only output helper)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

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


class Spinner:
    """A rich status line showing the current step on stderr (silent when disabled)."""

    def __init__(self, console: Console, enabled: bool = True):
        self.console, self.enabled, self.status = console, enabled, None

    def __enter__(self) -> Spinner:
        if self.enabled:
            self.status = self.console.status("vaxrecon")
            self.status.__enter__()
        return self

    def update(self, message: str) -> None:
        if self.status is not None:
            self.status.update(message)

    def __exit__(self, *exc: object) -> None:
        if self.status is not None:
            self.status.__exit__(*exc)


def render_verify(console: Console, result, files: list, lang: str) -> None:
    """Statuses per list file, then a one-line verdict and where the outputs are."""
    from vaxrecon.reasons import Status

    summary = result.summary()
    table = Table(title="vaxrecon verify", title_justify="left")
    table.add_column("file")
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
