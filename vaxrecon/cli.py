"""The `vaxrecon` command line: parse options, call one library function, render, exit."""

from __future__ import annotations

import datetime as dt
import io
import json
import logging
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console

from vaxrecon import __version__
from vaxrecon.cli_words import HELP_LANG, Command, Group
from vaxrecon.config import Config, load_config
from vaxrecon.errors import InputError, VaxreconError
from vaxrecon.text import LANGS, env_lang, t


def H(key: str) -> str:
    """A help text from the message table, in the help language."""
    return t(key, HELP_LANG)


app = typer.Typer(
    name="vaxrecon",
    help=H("help.app"),
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
    add_completion=False,
    cls=Group,
)
config_app = typer.Typer(help=H("help.config"), no_args_is_help=True, cls=Group)
app.add_typer(config_app, name="config")
out = Console()
err = Console(stderr=True)
T = TypeVar("T")

# Shared options, declared once.
ConfigOpt = Annotated[
    Path | None,
    typer.Option("--config", "-c", help=H("help.opt.config"), metavar="FILE.yaml", show_default=False),
]
TodayOpt = Annotated[
    str | None, typer.Option("--today", help=H("help.opt.today"), metavar="DATE", show_default=False)
]
JsonOpt = Annotated[bool, typer.Option("--json", help=H("help.opt.json"), metavar="")]
SheetOpt = Annotated[
    str | None, typer.Option("--sheet", help=H("help.opt.sheet"), metavar="SHEET", show_default=False)
]
MapOpt = Annotated[
    list[str] | None,
    typer.Option("--map", help=H("help.opt.map"), metavar='FIELD="HEADER"', show_default=False),
]
LangOpt = Annotated[
    str | None, typer.Option("--lang", help=H("help.opt.lang"), metavar="vi|en", show_default=False)
]


def _version(value: bool) -> None:
    if value:
        out.print(__version__)
        raise typer.Exit(0)


@app.callback()
def _root(
    ctx: typer.Context,
    debug: Annotated[bool, typer.Option("--debug", help=H("help.opt.debug"), metavar="")] = False,
    version: Annotated[
        bool,
        typer.Option("--version", help=H("help.opt.version"), callback=_version, is_eager=True, metavar=""),
    ] = False,
) -> None:
    ctx.obj = {"debug": debug or bool(os.environ.get("VAXRECON_DEBUG"))}
    _RUN_LANG.clear()


_RUN_LANG: list[str] = []  # the language of this invocation, once its configuration is loaded


def _lang(ctx: typer.Context) -> str:
    """The language errors are shown in: the run's, else --lang or $VAXRECON_LANG when valid, else vi."""
    asked = _RUN_LANG[-1] if _RUN_LANG else ctx.params.get("lang") or env_lang()
    return asked if asked in LANGS else "vi"


def _run(ctx: typer.Context, call: Callable[[], T]) -> T:
    """Call the library; turn its errors into one sentence on stderr and an exit code."""
    try:
        return call()
    except VaxreconError as e:
        if ctx.obj and ctx.obj.get("debug"):
            raise
        lang = _lang(ctx)
        err.print(f"[bold red]{t('err.prefix', lang)}[/] {e.text(lang)}", highlight=False, soft_wrap=True)
        raise typer.Exit(e.exit_code) from None
    except (KeyboardInterrupt, typer.Exit):
        raise
    except Exception as e:
        if ctx.obj and ctx.obj.get("debug"):
            raise
        detail = f" ({e.strerror})" if isinstance(e, OSError) and e.strerror else ""  # never the message:
        err.print(
            t("err.internal", _lang(ctx), kind=type(e).__name__, detail=detail),  # it may quote a cell
            highlight=False,
            soft_wrap=True,
            markup=False,
        )
        raise typer.Exit(1) from None


def _config(path: Path | None, **overrides: Any) -> Config:
    """The configuration, with the language from --lang, else $VAXRECON_LANG, else the files;
    an unknown language is refused (exit 2)."""
    lang = overrides.get("lang")
    if lang is not None and lang not in LANGS:
        raise InputError(key="err.lang", value=lang)
    if lang is None and env_lang() is not None:
        if env_lang() not in LANGS:
            raise InputError(key="err.lang_env", value=env_lang())
        overrides["lang"] = env_lang()
    cfg = load_config(path, overrides)
    if cfg["lang"] not in LANGS:
        raise InputError(key="err.lang_config", value=cfg["lang"])
    _RUN_LANG.append(cfg["lang"])
    return cfg


def _engine(name: str | None, scheduler: str | None, workers: int | None) -> dict[str, Any]:
    """Configuration overrides of --engine, --scheduler (implies dask) and --workers."""
    if name is None and (scheduler or workers):
        name = "dask"
    return {"engine.name": name, "engine.scheduler": scheduler, "engine.workers": workers}


def _date(text: str | None, option: str) -> dt.date | None:
    """A date typed dd/mm/yyyy (as people write it), d/m/yyyy or yyyy-mm-dd."""
    if not text:
        return None
    for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    raise InputError(key="err.date", option=option, value=text)


def _today(text: str | None) -> dt.date:
    return _date(text, "--today") or dt.date.today()


def _follow_up(
    ctx: typer.Context,
    config: Path | None,
    lang: str | None,
    fmt: str,
    ledger: Path | None,
    out_file: Path | None,
    build: Callable[[sqlite3.Connection, Config], dict],
    render: Callable,
) -> dict:
    """Open the ledger, build a follow-up report from it, then print or save it."""
    from vaxrecon.ledger.db import existing
    from vaxrecon.workflow import ledger_file

    cfg = _run(ctx, lambda: _config(config, lang=lang))
    _run(ctx, lambda: _format(fmt))

    def call() -> dict:
        with existing(ledger_file(cfg, ledger)) as conn:
            return build(conn, cfg)

    data = _run(ctx, call)
    _emit(ctx, data, fmt, out_file, cfg["lang"], render)
    return data


def _emit(
    ctx: typer.Context, data: dict, fmt: str, out_file: Path | None, lang: str, render: Callable
) -> None:
    """Print or save a follow-up report in the chosen format."""
    from vaxrecon.documents.atomic import check_target, write_file_atomic
    from vaxrecon.documents.followup_xlsx import write_report_xlsx

    if out_file is not None:
        _run(ctx, lambda: check_target(out_file))
    if fmt == "xlsx":
        kind = data["schema"].split("/")[0].split(".")[-1]
        target = out_file or Path(f"vaxrecon_{kind}_{data['as_of']}.xlsx")
        _run(ctx, lambda: write_report_xlsx(data, target, lang))
        out.print(t("cli.wrote", lang, path=target), highlight=False)
    elif fmt == "json":
        text = json.dumps(data, ensure_ascii=False, indent=2, default=str)
        if out_file:
            _run(ctx, lambda: write_file_atomic(out_file, (text + "\n").encode("utf-8")))
        else:
            out.print_json(text)
    elif out_file:
        page = Console(record=True, width=160, file=io.StringIO())
        render(page, data, lang)
        _run(ctx, lambda: write_file_atomic(out_file, page.export_text().encode("utf-8")))
        out.print(t("cli.wrote", lang, path=out_file), highlight=False)
    else:
        render(out, data, lang)


def _format(fmt: str) -> str:
    if fmt not in ("table", "json", "xlsx"):
        raise InputError(key="err.format", value=fmt)
    return fmt


def _maps(items: list[str] | None) -> dict[str, str]:
    result = {}
    for item in items or []:
        field, sep, header = item.partition("=")
        if not sep or not field.strip() or not header.strip():
            raise InputError(key="err.map", value=item)
        result[field.strip()] = header.strip().strip('"')
    return result


def _print_json(data: Any) -> None:
    out.print_json(json.dumps(data, ensure_ascii=False, default=str))


@config_app.command("show", help=H("help.config_show"), cls=Command)
def config_show(ctx: typer.Context, config: ConfigOpt = None, json_out: JsonOpt = False) -> None:
    """Print the effective configuration (defaults < user file < flags)."""
    import yaml

    cfg = _run(ctx, lambda: _config(config))
    if json_out:
        _print_json(cfg)
        return
    names = {"packaged defaults": "cfg.defaults", "command-line options": "cfg.cli"}
    sources = ", ".join(t(names[s], cfg["lang"]) if s in names else s for s in cfg.sources)
    out.print(t("cli.config_sources", cfg["lang"], sources=sources, hash=cfg.digest()), highlight=False)
    out.print(yaml.safe_dump(dict(cfg), allow_unicode=True, sort_keys=False), highlight=False)


@app.command(help=H("help.qr"), cls=Command)
def qr(
    ctx: typer.Context,
    payload: Annotated[str, typer.Argument(help=H("help.qr.payload"), metavar="PAYLOAD")],
    lang: LangOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Print the fields of a CCCD QR payload."""
    from vaxrecon.normalize.qr import describe_qr

    def call() -> dict[str, str]:
        try:
            return describe_qr(payload)
        except ValueError:
            raise InputError(key="err.qr") from None

    from vaxrecon.render import render_qr

    cfg = _run(ctx, lambda: _config(None, lang=lang))
    fields = _run(ctx, call)
    if json_out:
        _print_json(fields)
        return
    render_qr(out, fields, cfg["lang"])


@app.command(help=H("help.inspect"), cls=Command)
def inspect(
    ctx: typer.Context,
    files: Annotated[list[Path], typer.Argument(help=H("help.inspect.files"), metavar="LIST")],
    sheet: SheetOpt = None,
    map_: MapOpt = None,
    lang: LangOpt = None,
    config: ConfigOpt = None,
    today: TodayOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Show how each list file is read: header, column mapping, metadata, rows, preview."""
    from vaxrecon.inspection import inspect_files
    from vaxrecon.render import render_inspection

    cfg = _run(ctx, lambda: _config(config, lang=lang))
    reports = _run(ctx, lambda: inspect_files(files, cfg, _today(today), sheet, _maps(map_)))
    if json_out:
        _print_json(reports)
    else:
        render_inspection(out, reports, cfg["lang"])


LedgerOpt = Annotated[
    Path | None, typer.Option("--ledger", help=H("help.opt.ledger"), metavar="FILE", show_default=False)
]
NoLedgerOpt = Annotated[bool, typer.Option("--no-ledger", help=H("help.opt.no_ledger"), metavar="")]
FormatOpt = Annotated[
    str, typer.Option("--format", "-f", help=H("help.opt.format"), metavar="table|json|xlsx")
]
ReportFileOpt = Annotated[
    Path | None,
    typer.Option("--out", "-o", help=H("help.opt.report_out"), metavar="FILE", show_default=False),
]
ListDateOpt = Annotated[
    str | None,
    typer.Option("--list-date", help=H("help.verify.list_date"), metavar="DATE", show_default=False),
]
CommuneOpt = Annotated[
    str | None,
    typer.Option("--commune", help=H("help.verify.commune"), metavar="NAME_OR_CODE", show_default=False),
]
TrainOpt = Annotated[bool, typer.Option("--train", help=H("help.verify.train"), metavar="")]
JobsOpt = Annotated[
    int | None, typer.Option("--jobs", "-j", help=H("help.verify.jobs"), metavar="N", show_default=False)
]
EngineOpt = Annotated[
    str | None, typer.Option("--engine", help=H("help.opt.engine"), metavar="local|dask", show_default=False)
]
SchedulerOpt = Annotated[
    str | None,
    typer.Option("--scheduler", help=H("help.opt.scheduler"), metavar="ADDRESS", show_default=False),
]
WorkersOpt = Annotated[
    int | None, typer.Option("--workers", help=H("help.opt.workers"), metavar="N", show_default=False)
]
PopulationOpt = Annotated[
    str | None,  # a path, or the URL of a Parquet extract (s3://…): a Path would mangle a URL
    typer.Option("--population", "-p", help=H("help.opt.population"), metavar="FILE", show_default=False),
]


@app.command(help=H("help.verify"), cls=Command)
def verify(
    ctx: typer.Context,
    lists: Annotated[list[Path], typer.Argument(help=H("help.verify.lists"), metavar="LIST")],
    population: PopulationOpt = None,
    out_dir: Annotated[
        Path | None,
        typer.Option("--out", "-o", help=H("help.verify.out"), metavar="FOLDER", show_default=False),
    ] = None,
    lang: LangOpt = None,
    sheet: SheetOpt = None,
    map_: MapOpt = None,
    list_date: ListDateOpt = None,
    commune: CommuneOpt = None,
    supersedes: Annotated[
        int | None,
        typer.Option("--supersedes", help=H("help.verify.supersedes"), metavar="N", show_default=False),
    ] = None,
    train: TrainOpt = False,
    jobs: JobsOpt = None,
    fail_on: Annotated[
        str | None,
        typer.Option("--fail-on", help=H("help.verify.fail_on"), metavar="STATUS,...", show_default=False),
    ] = None,
    engine: EngineOpt = None,
    scheduler: SchedulerOpt = None,
    workers: WorkersOpt = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help=H("help.verify.quiet"), metavar="")] = False,
    officer: Annotated[
        str | None,
        typer.Option("--officer", help=H("help.verify.officer"), metavar="NAME", show_default=False),
    ] = None,
    officer_title: Annotated[
        str | None,
        typer.Option(
            "--officer-title", help=H("help.verify.officer_title"), metavar="TITLE", show_default=False
        ),
    ] = None,
    ledger: LedgerOpt = None,
    no_ledger: NoLedgerOpt = False,
    config: ConfigOpt = None,
    today: TodayOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Verify lists against the population extract, write the documents to hand back, and record
    the run in the ledger."""
    from vaxrecon.render import StepProgress, render_verify
    from vaxrecon.render_cluster import cluster_progress
    from vaxrecon.result import parse_statuses
    from vaxrecon.workflow import ledger_file, run_job

    cfg = _run(
        ctx,
        lambda: _config(
            config,
            lang=lang,
            **{"match.jobs": jobs, "documents.officer": officer, "documents.officer_title": officer_title},
            **_engine(engine, scheduler, workers),
        ),
    )
    wanted = _run(ctx, lambda: parse_statuses(fail_on))
    with StepProgress(err, enabled=not quiet and not json_out) as bar, cluster_progress(bar, err, cfg, quiet):
        job = _run(
            ctx,
            lambda: run_job(
                lists,
                population,
                cfg,
                _today(today),
                out_dir=out_dir,
                ledger=None if no_ledger else ledger_file(cfg, ledger),
                supersedes=supersedes,
                list_date=_date(list_date, "--list-date"),
                commune=commune,
                sheet=sheet,
                overrides=_maps(map_),
                train=train,
                progress=bar.progress,
            ),
        )
    if json_out:
        _print_json(job.result.summary())
    elif not quiet:
        render_verify(out, job.result, job.files, cfg["lang"])
    raise typer.Exit(job.result.exit_code(wanted))


@app.command(help=H("help.report"), cls=Command)
def report(
    ctx: typer.Context,
    commune: Annotated[
        str | None,
        typer.Option("--commune", help=H("help.report.commune"), metavar="NAME_OR_CODE", show_default=False),
    ] = None,
    date_from: Annotated[
        str | None, typer.Option("--from", help=H("help.report.from"), metavar="DATE", show_default=False)
    ] = None,
    date_to: Annotated[
        str | None, typer.Option("--to", help=H("help.report.to"), metavar="DATE", show_default=False)
    ] = None,
    fmt: FormatOpt = "table",
    out_file: ReportFileOpt = None,
    lang: LangOpt = None,
    ledger: LedgerOpt = None,
    config: ConfigOpt = None,
    today: TodayOpt = None,
    district: Annotated[
        str | None,
        typer.Option(
            "--district", help=H("help.report.district"), metavar="NAME_OR_CODE", show_default=False
        ),
    ] = None,
) -> None:
    """Follow-up for a commune (its lists, deadlines, open requests, decisions), a district, or the
    province overview by district."""
    from vaxrecon.followup import commune_report, province_report
    from vaxrecon.render import render_report

    def build(conn: sqlite3.Connection, cfg: Config) -> dict:
        as_of, start, end = _today(today), _date(date_from, "--from"), _date(date_to, "--to")
        if commune:
            return commune_report(conn, commune, as_of, cfg, start, end)
        return province_report(conn, as_of, cfg, start, end, district)

    _follow_up(ctx, config, lang, fmt, ledger, out_file, build, render_report)


@app.command(help=H("help.overdue"), cls=Command)
def overdue(
    ctx: typer.Context,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help=H("help.overdue.as_of"), metavar="DATE", show_default=False)
    ] = None,
    fmt: FormatOpt = "table",
    out_file: ReportFileOpt = None,
    lang: LangOpt = None,
    ledger: LedgerOpt = None,
    config: ConfigOpt = None,
    today: TodayOpt = None,
) -> None:
    """Lists not returned within the deadline and rows still open past it; exit 3 if any."""
    from vaxrecon.followup import overdue_report
    from vaxrecon.render import render_overdue

    data = _follow_up(
        ctx,
        config,
        lang,
        fmt,
        ledger,
        out_file,
        lambda conn, cfg: overdue_report(conn, _date(as_of, "--as-of") or _today(today), cfg),
        render_overdue,
    )
    if data["count"]:
        raise typer.Exit(3)


@app.command(help=H("help.batch"), cls=Command)
def batch(
    ctx: typer.Context,
    inbox: Annotated[Path, typer.Option("--inbox", help=H("help.batch.inbox"), metavar="FOLDER")],
    population: PopulationOpt = None,
    out_dir: Annotated[Path, typer.Option("--out", "-o", help=H("help.batch.out"), metavar="FOLDER")] = Path(
        "vaxrecon-out"
    ),
    log_file: Annotated[
        Path | None, typer.Option("--log", help=H("help.batch.log"), metavar="FILE", show_default=False)
    ] = None,
    ledger: LedgerOpt = None,
    config: ConfigOpt = None,
    today: TodayOpt = None,
    json_out: JsonOpt = False,
    settle_seconds: Annotated[
        int | None,
        typer.Option(
            "--settle-seconds",
            help=H("help.batch.settle"),
            metavar="SECONDS",
            show_default=False,
        ),
    ] = None,
    lang: LangOpt = None,
) -> None:
    """The cron job: verify every new list in the inbox, file it, write the overdue report.

    Exit codes: 0 done; 3 something is overdue; 4 a file failed (see failed/); 5 another run holds
    the lock."""
    from vaxrecon.batch import run_batch
    from vaxrecon.logs import json_log_to
    from vaxrecon.render import render_batch
    from vaxrecon.workflow import ledger_file

    cfg = _run(ctx, lambda: _config(config, lang=lang, **{"batch.settle_seconds": settle_seconds}))
    target_log = log_file or Path(cfg["batch"]["log_file"] or out_dir / "vaxrecon-batch.log")
    handler = json_log_to(target_log)
    try:
        result = _run(
            ctx, lambda: run_batch(inbox, population, out_dir, cfg, _today(today), ledger_file(cfg, ledger))
        )
    finally:
        logging.getLogger("vaxrecon").removeHandler(handler)
        handler.close()
    if json_out:
        _print_json(result.as_dict())
    else:
        render_batch(out, result, cfg["lang"])
    raise typer.Exit(result.exit_code)


@app.command(help=H("help.resolve"), cls=Command)
def resolve(
    ctx: typer.Context,
    where: Annotated[
        str | None,
        typer.Argument(
            help=H("help.resolve.where"),
            metavar="LIST:SHEET:ROW",
            show_default=False,
        ),
    ] = None,
    status: Annotated[
        str | None,
        typer.Option(
            "--status",
            help=H("help.resolve.status"),
            metavar="STATUS",
            show_default=False,
        ),
    ] = None,
    person_id: Annotated[
        str, typer.Option("--person-id", help=H("help.resolve.person_id"), metavar="ID", show_default=False)
    ] = "",
    note: Annotated[
        str, typer.Option("--note", help=H("help.resolve.note"), metavar="TEXT", show_default=False)
    ] = "",
    by: Annotated[
        str | None, typer.Option("--by", help=H("help.resolve.by"), metavar="NAME", show_default=False)
    ] = None,
    workbook: Annotated[
        Path | None,
        typer.Option(
            "--import",
            help=H("help.resolve.import"),
            metavar="WORKBOOK",
            show_default=False,
        ),
    ] = None,
    list_ref: Annotated[
        str | None,
        typer.Option("--list", help=H("help.resolve.list"), metavar="N", show_default=False),
    ] = None,
    ledger: LedgerOpt = None,
    config: ConfigOpt = None,
    today: TodayOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Record the police's decision on a row (or every decision filled into a workbook), with who
    and when; a decided row leaves the open requests."""
    from vaxrecon.ledger.db import existing
    from vaxrecon.render import render_resolve
    from vaxrecon.resolve import resolve_rows
    from vaxrecon.workflow import ledger_file

    cfg = _run(ctx, lambda: _config(config))

    def call() -> dict:
        with existing(ledger_file(cfg, ledger)) as conn:
            return resolve_rows(
                conn,
                cfg,
                _today(today),
                where=where,
                status=status,
                person_id=person_id,
                note=note,
                by=by,
                workbook=workbook,
                list_ref=list_ref,
            )

    done = _run(ctx, call)
    if json_out:
        _print_json(done)
    else:
        render_resolve(out, done, cfg["lang"])


@app.command(help=H("help.explain"), cls=Command)
def explain(
    ctx: typer.Context,
    list_file: Annotated[Path, typer.Argument(help=H("help.explain.list"), metavar="LIST")],
    row: Annotated[str, typer.Option("--row", "-r", help=H("help.explain.row"), metavar="SHEET:ROW")],
    population: PopulationOpt = None,
    lang: LangOpt = None,
    sheet: SheetOpt = None,
    map_: MapOpt = None,
    list_date: ListDateOpt = None,
    commune: CommuneOpt = None,
    train: TrainOpt = False,
    config: ConfigOpt = None,
    today: TodayOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Explain one row's decision: each candidate's comparison levels and match weights (the same
    run as verify, with the same options)."""
    from vaxrecon.explain import explain_row
    from vaxrecon.render import render_explain

    cfg = _run(ctx, lambda: _config(config, lang=lang))
    report = _run(
        ctx,
        lambda: explain_row(
            list_file,
            population,
            row,
            cfg,
            _today(today),
            sheet=sheet,
            overrides=_maps(map_),
            commune=commune,
            list_date=_date(list_date, "--list-date"),
            train=train,
        ),
    )
    if json_out:
        _print_json(report)
    else:
        render_explain(out, report, cfg["lang"])


@app.command(help=H("help.clean"), cls=Command)
def clean(
    ctx: typer.Context,
    doses: Annotated[list[Path], typer.Argument(help=H("help.clean.doses"), metavar="DOSES")],
    population: PopulationOpt = None,
    out_dir: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            help=H("help.clean.out"),
            metavar="FOLDER",
            show_default=False,
        ),
    ] = None,
    export_date: Annotated[
        str | None,
        typer.Option(
            "--export-date",
            help=H("help.clean.export_date"),
            metavar="DATE",
            show_default=False,
        ),
    ] = None,
    jobs: JobsOpt = None,
    engine: EngineOpt = None,
    scheduler: SchedulerOpt = None,
    workers: WorkersOpt = None,
    lang: LangOpt = None,
    sheet: SheetOpt = None,
    map_: MapOpt = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help=H("help.verify.quiet"), metavar="")] = False,
    ledger: LedgerOpt = None,
    no_ledger: NoLedgerOpt = False,
    config: ConfigOpt = None,
    today: TodayOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Clean vaccination records already entered: match each dose's identity, check each person's
    doses, write re-verification lists per site and commune, and record progress in the ledger."""
    from vaxrecon.campaign_job import run_clean
    from vaxrecon.render import StepProgress, render_clean
    from vaxrecon.render_cluster import cluster_progress
    from vaxrecon.workflow import ledger_file

    cfg = _run(
        ctx, lambda: _config(config, lang=lang, **{"match.jobs": jobs}, **_engine(engine, scheduler, workers))
    )
    with StepProgress(err, enabled=not quiet and not json_out) as bar, cluster_progress(bar, err, cfg, quiet):
        job = _run(
            ctx,
            lambda: run_clean(
                doses,
                population,
                cfg,
                _today(today),
                out_dir=out_dir,
                ledger=None if no_ledger else ledger_file(cfg, ledger),
                export_date=_date(export_date, "--export-date"),
                sheet=sheet,
                overrides=_maps(map_),
                progress=bar.progress,
            ),
        )
    if json_out:
        _print_json(job.result.summary())
    elif not quiet:
        render_clean(out, job.result, job.files, cfg["lang"])


@app.command(help=H("help.synth"), cls=Command)
def synth(
    ctx: typer.Context,
    out_dir: Annotated[Path, typer.Option("--out", "-o", help=H("help.synth.out"), metavar="FOLDER")],
    province: Annotated[
        str | None, typer.Option(help=H("help.synth.province"), metavar="NAME", show_default=False)
    ] = None,
    population: Annotated[
        int | None, typer.Option(help=H("help.synth.population"), metavar="N", show_default=False)
    ] = None,
    lists: Annotated[
        int | None, typer.Option(help=H("help.synth.lists"), metavar="K", show_default=False)
    ] = None,
    rows: Annotated[
        int | None, typer.Option(help=H("help.synth.rows"), metavar="R", show_default=False)
    ] = None,
    seed: Annotated[
        int | None, typer.Option(help=H("help.synth.seed"), metavar="S", show_default=False)
    ] = None,
    commune_codes: Annotated[
        bool | None,
        typer.Option(
            "--commune-codes/--no-commune-codes", help=H("help.synth.commune_codes"), show_default=False
        ),
    ] = None,
    config: ConfigOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Write synthetic lists, a population extract, doses and the ground truth."""
    from vaxrecon.render import render_synth
    from vaxrecon.synth.generate import synthesize

    cfg = _run(ctx, lambda: _config(config))
    result = _run(
        ctx,
        lambda: synthesize(
            out_dir,
            cfg,
            province=province,
            population=population,
            lists=lists,
            rows=rows,
            seed=seed,
            commune_codes=commune_codes,
        ),
    )
    if json_out:
        _print_json(
            {
                "out_dir": str(result.out_dir),
                "population": result.population,
                "list_rows": result.list_rows,
                "classes": result.classes,
                "error_rates": result.error_rates,
                "seconds": round(result.seconds, 2),
            }
        )
    else:
        render_synth(out, result, cfg["lang"])


@app.command(help=H("help.template"), cls=Command)
def template(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help=H("help.template.path"), metavar="FILE.xlsx")],
    lang: LangOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Write a blank registration list in the layout vaxrecon reads best."""
    from vaxrecon.documents.template import write_template

    cfg = _run(ctx, lambda: _config(config, lang=lang))
    written = _run(ctx, lambda: write_template(path, cfg["lang"]))
    out.print(t("cli.wrote", cfg["lang"], path=written), highlight=False)


FolderArg = Annotated[Path, typer.Argument(help=H("help.folder"), metavar="FOLDER")]


def _secret(variable: str, what: str) -> str | None:
    """A password or PIN from the environment variable (prompted, hidden, on a terminal); never an option."""
    import sys

    value = os.environ.get(variable)
    if value is None and sys.stdin.isatty():
        value = typer.prompt(what, hide_input=True, default="", show_default=False) or None
    return value


@app.command(help=H("help.minutes"), cls=Command)
def minutes(
    ctx: typer.Context,
    folder: FolderArg,
    out_file: Annotated[
        Path | None,
        typer.Option("--out", "-o", help=H("help.minutes.out"), metavar="FILE.pdf", show_default=False),
    ] = None,
    chair: Annotated[
        str | None,
        typer.Option("--chair", help=H("help.minutes.chair"), metavar="NAME", show_default=False),
    ] = None,
    health: Annotated[
        str | None,
        typer.Option("--health", help=H("help.minutes.health"), metavar="NAME", show_default=False),
    ] = None,
    police: Annotated[
        str | None,
        typer.Option("--police", help=H("help.minutes.police"), metavar="NAME", show_default=False),
    ] = None,
    facility: Annotated[
        bool, typer.Option("--facility", help=H("help.minutes.facility"), metavar="")
    ] = False,
    lang: LangOpt = None,
    ledger: LedgerOpt = None,
    no_ledger: NoLedgerOpt = False,
    config: ConfigOpt = None,
    today: TodayOpt = None,
) -> None:
    """Write the step-4 minutes (bien_ban.pdf): parties, lists, counts and the SHA-256 of every result
    file, with signature blocks; A4, Vietnamese (--lang en for English)."""
    from vaxrecon.render_signing import render_minutes
    from vaxrecon.signing.steps import draw_minutes
    from vaxrecon.workflow import ledger_file

    cfg = _run(
        ctx,
        lambda: _config(
            config,
            lang=lang,
            **{
                "minutes.chair.name": chair,
                "minutes.health.name": health,
                "minutes.police.name": police,
                "minutes.setting": "facility" if facility else None,
            },
        ),
    )
    written, recorded = _run(
        ctx,
        lambda: draw_minutes(
            folder, cfg, _today(today), out_file, None if no_ledger else ledger_file(cfg, ledger)
        ),
    )
    render_minutes(out, written, recorded, cfg["lang"])


@app.command(help=H("help.sign"), cls=Command)
def sign(
    ctx: typer.Context,
    folder: FolderArg,
    cert: Annotated[
        Path | None,
        typer.Option("--cert", help=H("help.sign.cert"), metavar="FILE.p12", show_default=False),
    ] = None,
    password_env: Annotated[
        str | None,
        typer.Option(
            "--password-env",
            help=H("help.sign.password_env"),
            metavar="VARIABLE",
            show_default=False,
        ),
    ] = None,
    pkcs11_lib: Annotated[
        str | None,
        typer.Option("--pkcs11-lib", help=H("help.sign.pkcs11_lib"), metavar="LIB", show_default=False),
    ] = None,
    token_label: Annotated[
        str | None,
        typer.Option("--token-label", help=H("help.sign.token_label"), metavar="LABEL", show_default=False),
    ] = None,
    key_label: Annotated[
        str | None,
        typer.Option(
            "--key-label",
            help=H("help.sign.key_label"),
            metavar="LABEL",
            show_default=False,
        ),
    ] = None,
    pin_env: Annotated[
        str | None,
        typer.Option(
            "--pin-env",
            help=H("help.sign.pin_env"),
            metavar="VARIABLE",
            show_default=False,
        ),
    ] = None,
    lang: LangOpt = None,
    ledger: LedgerOpt = None,
    no_ledger: NoLedgerOpt = False,
    config: ConfigOpt = None,
) -> None:
    """Sign every PDF of a result folder (PAdES), then MANIFEST.sha256 with a detached CMS signature
    (MANIFEST.sha256.p7s). The password or PIN is read from an environment variable, never an option."""
    from vaxrecon.render_signing import render_sign
    from vaxrecon.signing.sign import KeySource
    from vaxrecon.signing.steps import sign_and_record
    from vaxrecon.workflow import ledger_file

    cfg = _run(ctx, lambda: _config(config, lang=lang))
    if cert is not None:
        variable = password_env or cfg["signing"]["password_env"]
        secret = _secret(variable, t("cli.password_prompt", cfg["lang"]))
        source = KeySource(p12=cert, password=secret.encode() if secret else None, secret_from=variable)
    else:
        variable = pin_env or cfg["signing"]["pin_env"]
        secret = _secret(variable, t("cli.pin_prompt", cfg["lang"])) if pkcs11_lib else None
        source = KeySource(
            pkcs11_lib=pkcs11_lib,
            token_label=token_label,
            key_label=key_label,
            pin=secret,
            secret_from=variable,
        )
    result, recorded = _run(
        ctx, lambda: sign_and_record(folder, source, cfg, None if no_ledger else ledger_file(cfg, ledger))
    )
    render_sign(out, result, recorded, cfg["lang"])


@app.command("check-signature", help=H("help.check_signature"), cls=Command)
def check_signature(
    ctx: typer.Context,
    folder: FolderArg,
    ca: Annotated[
        Path | None,
        typer.Option("--ca", help=H("help.check_signature.ca"), metavar="CA.pem", show_default=False),
    ] = None,
    lang: LangOpt = None,
    config: ConfigOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Check a signed result folder: who signed, when, whether the certificate is valid and trusted, and
    that no file was changed, removed or added. Exit 4 on any problem."""
    from vaxrecon.render_signing import render_check
    from vaxrecon.signing.check import check_folder

    cfg = _run(ctx, lambda: _config(config, lang=lang))
    report = _run(ctx, lambda: check_folder(folder, ca))
    if json_out:
        _print_json(report.as_dict(cfg["lang"]))
    else:
        render_check(out, report, cfg["lang"])
    raise typer.Exit(report.exit_code)


def main() -> None:
    app()
