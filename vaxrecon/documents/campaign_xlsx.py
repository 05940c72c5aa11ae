"""What `clean` hands back: results.csv, summary.json, re-verification lists per vaccination site and
per commune (one workbook each, so each receives only its own people), and the Ministry's
categories per commune and site. All or nothing (a staged folder)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from vaxrecon.campaign.clean import CleanResult
from vaxrecon.campaign.issues import Category, DoseIssue, Verdict
from vaxrecon.campaign.tally import place_counts
from vaxrecon.documents.atomic import staged_dir, unique_dir
from vaxrecon.documents.csv_safe import formula_safe
from vaxrecon.documents.documents import annotate
from vaxrecon.documents.excel import new_workbook, table_sheet
from vaxrecon.normalize.text import fold_series
from vaxrecon.progress import Progress, as_progress
from vaxrecon.reasons import Status

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
TEXT: dict[str, tuple[str, str]] = {
    "seq": ("STT", "No."),
    "person": ("Mã người (trong lần đối chiếu)", "Person (this run)"),
    "listed_name": ("Họ tên (đã nhập)", "Name (as entered)"),
    "listed_dob": ("Ngày sinh (đã nhập)", "Birth date (as entered)"),
    "listed_id": ("Số CCCD/CMND (đã nhập)", "ID (as entered)"),
    "phone": ("Số điện thoại", "Phone"),
    "record": ("Bản ghi (tệp / sheet / dòng / mũi)", "Record (file / sheet / row / dose group)"),
    "vaccine": ("Vắc xin", "Vaccine"),
    "dose_number": ("Mũi số", "Dose"),
    "dose_date": ("Ngày tiêm", "Date"),
    "problem": ("Sai sót", "What is wrong"),
    "action": ("Cần làm", "What to do"),
    "site": ("Điểm tiêm", "Vaccination site"),
    "verdict": ("Kết luận", "Verdict"),
    "commune": ("Xã/phường", "Commune"),
    "people": ("người", "people"),
    "doses": ("mũi", "doses"),
    "total": ("Tổng", "Total"),
    "title_site": ("DANH SÁCH BẢN GHI TIÊM CHỦNG CẦN XÁC MINH LẠI", "VACCINATION RECORDS TO RE-VERIFY"),
    "title_categories": (
        "KẾT QUẢ LÀM SẠCH DỮ LIỆU TIÊM CHỦNG COVID-19",
        "COVID-19 VACCINATION DATA CLEANING",
    ),
    "subtitle": (
        "Đối chiếu với CSDLQG về dân cư (chiến dịch làm sạch dữ liệu tiêm chủng)",
        "Checked against the national population database (data-cleaning campaign)",
    ),
    "dates": (
        "Ngày xuất dữ liệu: {export} — Ngày đối chiếu: {today}",
        "Export date: {export} — Checked on: {today}",
    ),
    "unknown": ("(chưa rõ)", "(unknown)"),
    "bring_card": ("Đề nghị người tiêm mang thẻ CCCD đến đối chiếu", "Ask the person to bring their ID card"),
    "identity": ("Thông tin cá nhân", "Personal details"),
    "by_commune": ("Theo xã", "By commune"),
    "by_site": ("Theo điểm tiêm", "By site"),
}
SITE_DIR = "xac_minh_lai_theo_diem_tiem"
COMMUNE_DIR = "xac_minh_lai_theo_xa"


def tx(key: str, lang: str) -> str:
    return TEXT[key][0 if lang == "vi" else 1]


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
    issue_text = _per_code(
        df["dose_issues"], lambda c: "; ".join(DoseIssue(x).label(lang) for x in c.split(";") if x)
    )
    issue_do = _per_code(
        df["dose_issues"],
        lambda c: "; ".join(dict.fromkeys(DoseIssue(x).action(lang) for x in c.split(";") if x)),
    )
    ident_text = pd.Series(
        np.where(identity, tx("identity", lang) + ": " + df["status_label"], ""), index=df.index
    )
    slot = df["slot"].astype(int)
    df["record"] = df["where"] + np.where(slot > 0, " / " + slot.astype(str), "")
    df["problem"] = _join(ident_text, issue_text)
    df["action"] = _join(ident_req, issue_do)
    df["person"] = df["group"]
    df["verdict"] = df["verdict"].map(lambda v: Verdict(v).label(lang))
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


def _lists(
    frame: pd.DataFrame, by: str, columns: list[str], folder: Path, title: list[str], lang: str
) -> None:
    folder.mkdir()
    places = pd.Series(frame[by].unique())
    for place, slug in zip(places, _slug(places), strict=True):
        part = frame[frame[by] == place].copy()
        part["seq"] = np.arange(1, len(part) + 1)
        wb = new_workbook(folder / f"{slug}.xlsx")
        table_sheet(
            wb,
            "xac_minh_lai",
            [str(place or tx("unknown", lang)).upper(), *title],
            [tx(c, lang) for c in columns],
            part[columns],
        )
        wb.close()


def default_clean_dir(result: CleanResult, now: dt.datetime) -> Path:
    """``<first file>_lam_sach_<date>_<time>`` (a new name if that one is taken)."""
    first = Path(result.files[0]["name"]).stem if result.files else "vaxrecon"
    return unique_dir(Path(f"{first}_lam_sach_{now:%Y%m%d_%H%M%S}"))


def write_clean_outputs(
    result: CleanResult, out_dir: Path, lang: str, progress: Progress | Callable[[str], None] | None = None
) -> list[Path]:
    """results.csv, summary.json, the re-verification workbooks per site and per commune, and the
    categories workbook; returns the files and folders written."""
    note = as_progress(progress)
    note.plan(4)
    results = result.results
    title = [
        tx("title_site", lang),
        tx("subtitle", lang),
        tx("dates", lang).format(export=_dmy(result.export_date), today=_dmy(result.today)),
    ]
    with staged_dir(out_dir) as tmp:
        note("writing results.csv")
        formula_safe(results).to_csv(tmp / "results.csv", index=False, lineterminator="\n")
        (tmp / "summary.json").write_text(
            json.dumps(result.summary(), ensure_ascii=False, indent=2, default=str) + "\n", "utf-8"
        )
        note("writing re-verification lists per site")
        acts = action_frame(results, lang)
        _lists(acts, "site", SITE_COLUMNS, tmp / SITE_DIR, title, lang)
        note("writing re-verification lists per commune")
        _lists(acts, "commune", COMMUNE_COLUMNS, tmp / COMMUNE_DIR, title, lang)
        note("writing categories")
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
