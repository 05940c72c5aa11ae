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
