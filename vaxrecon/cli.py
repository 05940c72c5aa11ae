"""The `vaxrecon` command line: parse options, call one library function, render, exit."""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.table import Table

from vaxrecon import __version__
from vaxrecon.config import Config, load_config
from vaxrecon.errors import InputError, VaxreconError

app = typer.Typer(
    name="vaxrecon",
    help="Verify vaccination registration lists against the population extract (CV 8938/BYT-DP).",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
    add_completion=False,
)
config_app = typer.Typer(help="Show the effective configuration.", no_args_is_help=True)
app.add_typer(config_app, name="config")
out = Console()
err = Console(stderr=True)
T = TypeVar("T")

# Shared options, declared once.
ConfigOpt = Annotated[Path | None, typer.Option("--config", "-c", help="User configuration YAML.",
                                                show_default=False)]
TodayOpt = Annotated[str | None, typer.Option("--today", help="Run as if today were YYYY-MM-DD.",
                                              show_default=False)]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print the result as JSON.")]
SheetOpt = Annotated[str | None, typer.Option("--sheet", help="Read only this sheet.",
                                              show_default=False)]
MapOpt = Annotated[list[str] | None, typer.Option(
    "--map", help='Force a column: field="Header text" (repeatable).', show_default=False)]
LangOpt = Annotated[str | None, typer.Option("--lang", help="Report language: vi or en.",
                                             show_default=False)]


def _version(value: bool) -> None:
    if value:
        out.print(__version__)
        raise typer.Exit(0)


@app.callback()
def _root(
    ctx: typer.Context,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks on errors.")] = False,
    version: Annotated[bool, typer.Option("--version", help="Print the version.", callback=_version,
                                          is_eager=True)] = False,
) -> None:
    ctx.obj = {"debug": debug or bool(os.environ.get("VAXRECON_DEBUG"))}


def _run(ctx: typer.Context, call: Callable[[], T]) -> T:
    """Call the library; turn its errors into one sentence on stderr and an exit code."""
    try:
        return call()
    except VaxreconError as e:
        if ctx.obj and ctx.obj.get("debug"):
            raise
        err.print(f"[bold red]Error:[/] {e}", highlight=False, soft_wrap=True)
        raise typer.Exit(e.exit_code) from None
    except (KeyboardInterrupt, typer.Exit):
        raise
    except Exception as e:
        if ctx.obj and ctx.obj.get("debug"):
            raise
        err.print(f"[bold red]Internal error:[/] {type(e).__name__}: {e} "
                  "(run with --debug for the traceback).", highlight=False, soft_wrap=True)
        raise typer.Exit(1) from None


def _config(path: Path | None, **overrides: Any) -> Config:
    return load_config(path, overrides)


def _today(text: str | None) -> dt.date:
    if not text:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InputError(f"--today must be a date written YYYY-MM-DD, not '{text}'.") from None


def _maps(items: list[str] | None) -> dict[str, str]:
    result = {}
    for item in items or []:
        field, sep, header = item.partition("=")
        if not sep or not field.strip() or not header.strip():
            raise InputError(f'--map takes field="Header text", not "{item}".')
        result[field.strip()] = header.strip().strip('"')
    return result


def _statuses(text: str | None) -> list[str]:
    from vaxrecon.reasons import Status

    wanted = [s.strip() for s in (text or "").split(",") if s.strip()]
    known = [s.value for s in Status]
    for s in wanted:
        if s not in known:
            raise InputError(f"--fail-on takes statuses from: {', '.join(known)} (not '{s}').")
    return wanted


def _print_json(data: Any) -> None:
    out.print_json(json.dumps(data, ensure_ascii=False, default=str))


@config_app.command("show")
def config_show(ctx: typer.Context, config: ConfigOpt = None,
                json_out: JsonOpt = False) -> None:
    """Print the effective configuration (defaults < user file < flags)."""
    import yaml

    cfg = _run(ctx, lambda: _config(config))
    if json_out:
        _print_json(cfg)
        return
    out.print(f"# sources: {', '.join(cfg.sources)}  (hash {cfg.digest()})", highlight=False)
    out.print(yaml.safe_dump(dict(cfg), allow_unicode=True, sort_keys=False), highlight=False)


@app.command()
def qr(ctx: typer.Context, payload: Annotated[str, typer.Argument(help="QR text of a CCCD.")],
       json_out: JsonOpt = False) -> None:
    """Print the fields of a CCCD QR payload."""
    from vaxrecon.normalize.qr import describe_qr

    def call() -> dict[str, str]:
        try:
            return describe_qr(payload)
        except ValueError:
            raise InputError("That text is not a CCCD QR payload (12-digit ID|old ID|name|"
                             "ddmmyyyy|gender|address|issue date).") from None

    fields = _run(ctx, call)
    if json_out:
        _print_json(fields)
        return
    table = Table(show_header=False)
    for k, v in fields.items():
        table.add_row(k.removeprefix("qr_"), v)
    out.print(table)


@app.command()
def inspect(
    ctx: typer.Context,
    files: Annotated[list[Path], typer.Argument(help="Registration list files.")],
    sheet: SheetOpt = None,
    map_: MapOpt = None,
    config: ConfigOpt = None,
    today: TodayOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Show how each list file is read: header, column mapping, metadata, rows, preview."""
    from vaxrecon.inspection import inspect_files
    from vaxrecon.render import render_inspection

    reports = _run(ctx, lambda: inspect_files(files, _config(config), _today(today), sheet,
                                              _maps(map_)))
    if json_out:
        _print_json(reports)
    else:
        render_inspection(out, reports)


@app.command()
def verify(
    ctx: typer.Context,
    lists: Annotated[list[Path], typer.Argument(help="Registration list files (.xlsx .xls .csv).")],
    population: Annotated[Path | None, typer.Option(
        "--population", "-p", help="Population extract (.csv .xlsx .parquet); default from config.",
        show_default=False)] = None,
    out_dir: Annotated[Path | None, typer.Option(
        "--out", "-o", help="Output folder (new or empty); default: named after the list and time.",
        show_default=False)] = None,
    lang: LangOpt = None,
    sheet: SheetOpt = None,
    map_: MapOpt = None,
    train: Annotated[bool, typer.Option("--train", help="Refine m probabilities by EM first.")] = False,
    fail_on: Annotated[str | None, typer.Option(
        "--fail-on", help="Exit 3 when any row has one of these statuses (comma-separated).",
        show_default=False)] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but errors.")] = False,
    config: ConfigOpt = None,
    today: TodayOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Verify lists against the population extract and write the documents to hand back."""
    from vaxrecon.render import Spinner, render_verify
    from vaxrecon.reports.write import default_out_dir, write_outputs
    from vaxrecon.verify import verify as run_verify

    cfg = _run(ctx, lambda: _config(config, lang=lang))
    wanted = _run(ctx, lambda: _statuses(fail_on))
    with Spinner(err, enabled=not quiet and not json_out) as spin:
        result = _run(ctx, lambda: run_verify(lists, population, cfg, _today(today), sheet=sheet,
                                              overrides=_maps(map_), train=train, progress=spin.update))
        target = out_dir or Path(cfg["out_dir"] or default_out_dir(result, dt.datetime.now()))
        files = _run(ctx, lambda: write_outputs(result, target, cfg["lang"], progress=spin.update))
    if json_out:
        _print_json(result.summary())
    elif not quiet:
        render_verify(out, result, files, cfg["lang"])
    counts = result.counts()
    if any(counts.get(s, 0) for s in wanted):
        raise typer.Exit(3)


@app.command()
def explain(
    ctx: typer.Context,
    list_file: Annotated[Path, typer.Argument(help="The registration list file.")],
    row: Annotated[str, typer.Option("--row", "-r", help="SHEET:ROW (the row number Excel shows).")],
    population: Annotated[Path | None, typer.Option(
        "--population", "-p", help="Population extract; default from config.", show_default=False)] = None,
    config: ConfigOpt = None,
    today: TodayOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Explain one row's decision: each candidate's comparison levels and match weights."""
    from vaxrecon.explain import explain_row
    from vaxrecon.render import render_explain

    cfg = _run(ctx, lambda: _config(config))

    def call() -> dict:
        pop = population or (Path(cfg["population"]) if cfg["population"] else None)
        if pop is None:
            raise InputError("No population extract: pass --population FILE.")
        return explain_row(list_file, pop, row, cfg, _today(today))

    report = _run(ctx, call)
    if json_out:
        _print_json(report)
    else:
        render_explain(out, report)


@app.command()
def synth(
    ctx: typer.Context,
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="Folder to write into.")],
    province: Annotated[str | None, typer.Option(help="Province (2021 name).", show_default=False)] = None,
    population: Annotated[int | None, typer.Option(help="People in the extract.", show_default=False)] = None,
    lists: Annotated[int | None, typer.Option(help="Number of commune lists.", show_default=False)] = None,
    rows: Annotated[int | None, typer.Option(help="Data rows per list.", show_default=False)] = None,
    seed: Annotated[int | None, typer.Option(help="Random seed.", show_default=False)] = None,
    config: ConfigOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Write synthetic lists, a population extract, doses and the ground truth."""
    from vaxrecon.render import render_synth
    from vaxrecon.synth.generate import synthesize

    cfg = _run(ctx, lambda: _config(config))
    result = _run(ctx, lambda: synthesize(out_dir, cfg, province=province, population=population,
                                          lists=lists, rows=rows, seed=seed))
    if json_out:
        _print_json({"out_dir": str(result.out_dir), "population": result.population,
                     "list_rows": result.list_rows, "classes": result.classes,
                     "error_rates": result.error_rates, "seconds": round(result.seconds, 2)})
    else:
        render_synth(out, result)


@app.command()
def template(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="Where to write the blank list (.xlsx).")],
    lang: LangOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Write a blank registration list in the layout vaxrecon reads best."""
    from vaxrecon.reports.template import write_template

    cfg = _run(ctx, lambda: _config(config, lang=lang))
    written = _run(ctx, lambda: write_template(path, cfg["lang"]))
    out.print(f"Wrote {written}", highlight=False)


def main() -> None:
    app()
