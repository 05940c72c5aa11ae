"""What `clean` hands back: results.csv, summary.json, re-verification lists per vaccination site and
per commune (one workbook each, so each receives only its own people), and the Ministry's
categories per commune and site. All or nothing (a staged folder)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import multiprocessing as mp
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from vaxrecon.campaign.clean import CleanResult
from vaxrecon.campaign.issues import Category, Verdict, issue_actions, issue_labels
from vaxrecon.campaign.tally import place_counts
from vaxrecon.documents.atomic import staged_dir, unique_dir
from vaxrecon.documents.csv_safe import formula_safe
from vaxrecon.documents.documents import annotate
from vaxrecon.documents.excel import new_workbook, table_sheet
from vaxrecon.documents.results_parquet import write_results_parquet
from vaxrecon.engines.jobs import worker_count
from vaxrecon.normalize.text import fold_series
from vaxrecon.progress import Progress, as_progress
from vaxrecon.reasons import Status
from vaxrecon.text import t

SITE_COLUMNS = [
    "seq",
    "person",
    "listed_name",
    "listed_dob",
    "listed_id",
    "phone",
    "record",
    "vaccine",
    "dose_number",
    "dose_date",
    "problem",
    "action",
]
COMMUNE_COLUMNS = [*SITE_COLUMNS[:-2], "site", "verdict", "problem", "action"]
SITE_DIR = "xac_minh_lai_theo_diem_tiem"
COMMUNE_DIR = "xac_minh_lai_theo_xa"


def tx(key: str, lang: str) -> str:
    """A campaign workbook text (``clean.*`` in the message table)."""
    return t(f"clean.xlsx.{key}", lang)


def _dmy(d: object) -> str:
    return pd.Timestamp(str(d)).strftime("%d/%m/%Y") if d else ""


def _per_code(codes: pd.Series, fn: Callable[[str], str]) -> pd.Series:
    uniq = pd.Series(codes.unique())
    return codes.map(dict(zip(uniq, uniq.map(fn), strict=True))).fillna("")


def _join(a: pd.Series, b: pd.Series) -> pd.Series:
    return a + np.where((a != "") & (b != ""), "; ", "") + b


def action_frame(results: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The rows someone must act on (an identity that is not verified, a dose issue or a link
    conflict), each with what is wrong and what to do."""
    needs = (
        ((results["status"] != Status.VERIFIED) & (results["status"] != Status.NON_CITIZEN))
        | (results["dose_issues"] != "")
        | results["reasons"].str.contains("linked_to_other_person")
    )
    df = annotate(results[needs].assign(duplicate_of=""), lang)
    identity = df["status"] != Status.VERIFIED
    ident_req = df["request"]
    ident_req = ident_req.where(
        ident_req != "", np.where(identity & (df["status"] != Status.NON_CITIZEN), tx("bring_card", lang), "")
    )
    issue_text = _per_code(df["dose_issues"], lambda c: issue_labels(c, lang))
    issue_do = _per_code(df["dose_issues"], lambda c: issue_actions(c, lang))
    ident_text = pd.Series(
        np.where(identity, tx("identity", lang) + ": " + df["status_label"], ""), index=df.index
    )
    slot = df["slot"].astype(int)
    df["record"] = df["where"] + np.where(slot > 0, " / " + slot.astype(str), "")
    df["problem"] = _join(ident_text, issue_text)
    df["action"] = _join(ident_req, issue_do)
    df["person"] = df["group"]
    df["verdict"] = df["verdict"].map({v.value: v.label(lang) for v in Verdict})
    tokens = fold_series(df["listed_name"]).str.split(" ")
    df["_given"] = tokens.str[-1].fillna("")
    return df.sort_values(["_given", "group", "dose_date"], kind="stable")


def category_table(results: pd.DataFrame, by: str, lang: str) -> pd.DataFrame:
    """Doses and people per MoH category for each commune or site (a person counted once per
    place, in the worst category of their doses there)."""
    counts = place_counts(results.assign(**{by: results[by].replace("", tx("unknown", lang))}), by)
    cats = [c.value for c in Category]
    doses = counts.pivot_table(
        index="place", columns="category", values="doses", aggfunc="sum", fill_value=0
    ).reindex(columns=cats, fill_value=0)
    people = counts.pivot_table(
        index="place", columns="category", values="people", aggfunc="sum", fill_value=0
    ).reindex(index=doses.index, columns=cats, fill_value=0)
    table = pd.DataFrame({tx("commune" if by == "commune" else "site", lang): doses.index})
    for c in Category:
        table[f"{c.label(lang)} ({tx('doses', lang)})"] = doses[c.value].to_numpy()
        table[f"{c.label(lang)} ({tx('people', lang)})"] = people[c.value].to_numpy()
    table[f"{tx('total', lang)} ({tx('doses', lang)})"] = doses.sum(axis=1).to_numpy()
    table[f"{tx('total', lang)} ({tx('people', lang)})"] = people.sum(axis=1).to_numpy()
    return table


def _slug(names: pd.Series) -> pd.Series:
    base = fold_series(names.fillna("")).str.replace(r"[^0-9a-z]+", "_", regex=True).str.strip("_")
    base = base.str.slice(0, 60).replace("", "chua_ro")
    dup = base.groupby(base).cumcount()
    return base + np.where(dup > 0, "_" + (dup + 1).astype(str), "")


def _list_tasks(
    frame: pd.DataFrame, by: str, columns: list[str], folder: Path, title: list[str], lang: str
) -> list[tuple[Path, list[str], list[str], pd.DataFrame]]:
    """One workbook to write per place: (path, title lines, headers, rows as text)."""
    folder.mkdir()
    headers = [tx(c, lang) for c in columns]
    parts = list(frame.groupby(by, sort=False, dropna=False))
    places = pd.Series([place for place, _ in parts], dtype=object)
    tasks = []
    for (place, part), slug in zip(parts, _slug(places), strict=True):
        rows = part.assign(seq=np.arange(1, len(part) + 1))[columns]
        head = [str(place or tx("unknown", lang)).upper(), *title]
        tasks.append((folder / f"{slug}.xlsx", head, headers, rows))
    return tasks


def _write_list(task: tuple[Path, list[str], list[str], pd.DataFrame]) -> None:
    path, head, headers, rows = task
    wb = new_workbook(path, rows=len(rows))  # a small one assembled in memory: no temporary files
    table_sheet(wb, "xac_minh_lai", head, headers, rows)
    wb.close()


@contextmanager
def _lists_written(tasks: list[tuple[Path, list[str], list[str], pd.DataFrame]], jobs: int) -> Iterator[None]:
    """Write the workbooks, in ``jobs`` worker processes (0 = every core) when fork is available,
    while the body runs (the rest of the outputs), else after it; each workbook is independent,
    so the files are the same either way."""
    workers = min(worker_count(jobs), len(tasks))
    tasks = sorted(tasks, key=lambda t: -len(t[3]))  # largest first evens the load
    if workers < 2 or "fork" not in mp.get_all_start_methods():
        yield
        for task in tasks:
            _write_list(task)
        return
    with ProcessPoolExecutor(workers, mp_context=mp.get_context("fork")) as pool:
        done = pool.map(_write_list, tasks)
        yield
        list(done)


def _csv_text(values: pd.Series) -> pa.Array | pa.ChunkedArray:
    """A column as CSV fields, as pandas writes them (QUOTE_MINIMAL with "\\n" line ends, missing
    as empty)."""
    if pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
        # each distinct number formatted once, as str() does (floats told apart by their bits: -0.0)
        floats = pd.api.types.is_float_dtype(values)
        numbers = values.to_numpy(dtype=np.float64 if floats else None)
        codes, uniques = pd.factorize(numbers.view(np.int64) if floats else numbers)
        uniques = np.asarray(uniques).view(np.float64) if floats else np.asarray(uniques)
        shown = np.array(["" if pd.isna(u) else str(u) for u in uniques] + [""], dtype=object)
        text = pa.array(shown[codes], type=pa.string())
    elif pd.api.types.infer_dtype(values, skipna=True) in ("string", "empty"):
        text = pc.cast(pa.array(values, from_pandas=True), pa.string())
    else:
        text = pa.array([None if pd.isna(v) else str(v) for v in values], type=pa.string())
    text = pc.fill_null(text, "")
    needs = pc.match_substring_regex(text, '[",\n]')
    if not pc.any(needs).as_py():
        return text
    quoted = pc.binary_join_element_wise('"', pc.replace_substring(text, '"', '""'), '"', "")
    return pc.if_else(needs, quoted, text)


def write_csv(frame: pd.DataFrame, path: Path, batch: int = 200_000) -> None:
    """``frame.to_csv(path, index=False, lineterminator="\\n")``, byte for byte, built with
    Arrow's string kernels in batches of rows (pandas formats each cell in Python)."""
    with open(path, "wb") as out:
        head = io.StringIO()
        csv.writer(head, lineterminator="\n").writerow(frame.columns)
        out.write(head.getvalue().encode("utf-8"))
        for start in range(0, len(frame), batch):
            part = frame.iloc[start : start + batch]
            fields = [_csv_text(part[c]) for c in part.columns]
            lines = pc.binary_join_element_wise(*fields, ",")
            lines = pc.binary_join_element_wise(lines, "\n", "")
            for chunk in lines.chunks if isinstance(lines, pa.ChunkedArray) else [lines]:
                offsets = np.frombuffer(chunk.buffers()[1], dtype=np.int32)
                first, last = offsets[chunk.offset], offsets[chunk.offset + len(chunk)]
                out.write(memoryview(chunk.buffers()[2])[first:last])


def default_clean_dir(result: CleanResult, now: dt.datetime) -> Path:
    """``<first file>_lam_sach_<date>_<time>`` (a new name if that one is taken)."""
    first = Path(result.files[0]["name"]).stem if result.files else "vaxrecon"
    return unique_dir(Path(f"{first}_lam_sach_{now:%Y%m%d_%H%M%S}"))


def write_clean_outputs(
    result: CleanResult,
    out_dir: Path,
    lang: str,
    progress: Progress | Callable[[str], None] | None = None,
    jobs: int = 1,
    before_rename: Callable[[], object] | None = None,
    cfg: dict | None = None,
) -> list[Path]:
    """results.csv (and results.parquet for a run of ``engine.results_parquet_rows`` rows or
    more), summary.json, the re-verification workbooks per site and per commune (in ``jobs``
    processes, 0 = every core, meanwhile the rest is written), and the categories workbook;
    returns the files and folders written (``before_rename``: see :func:`staged_dir`)."""
    from vaxrecon.config import load_config

    cfg = cfg if cfg is not None else load_config()
    note = as_progress(progress)
    note.plan(3)
    results = result.results
    title = [
        tx("title_site", lang),
        tx("subtitle", lang),
        tx("dates", lang).format(export=_dmy(result.export_date), today=_dmy(result.today)),
    ]
    with staged_dir(out_dir, before_rename) as tmp:
        note(t("clean.progress.lists", lang))
        acts = action_frame(results, lang)
        tasks = _list_tasks(acts, "site", SITE_COLUMNS, tmp / SITE_DIR, title, lang)
        tasks += _list_tasks(acts, "commune", COMMUNE_COLUMNS, tmp / COMMUNE_DIR, title, lang)
        with _lists_written(tasks, jobs):
            note(t("progress.results_csv", lang))
            write_csv(formula_safe(results), tmp / "results.csv")
            write_results_parquet(results, tmp, cfg["engine"]["results_parquet_rows"])
            (tmp / "summary.json").write_text(
                json.dumps(result.summary(), ensure_ascii=False, indent=2, default=str) + "\n", "utf-8"
            )
            note(t("clean.progress.categories", lang))
            wb = new_workbook(tmp / "phan_loai.xlsx")
            head = [tx("title_categories", lang), tx("subtitle", lang), title[2]]
            for by, key in (("commune", "by_commune"), ("site", "by_site")):
                table = category_table(results, by, lang)
                table_sheet(
                    wb,
                    tx(key, lang),
                    head,
                    list(table.columns),
                    table.astype(str),
                    numeric=tuple(table.columns[1:]),
                )
            wb.close()
        names = sorted(p.name for p in tmp.iterdir())
    return [out_dir / n for n in names]
