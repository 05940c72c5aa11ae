"""Step 4 minutes (biên bản): the parties confirm a run's result data, pinned file by file by SHA-256.

A4 PDF set in the shipped DejaVu fonts (full Vietnamese coverage; text stays selectable)."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import pandas as pd
from fpdf import FPDF
from fpdf.fonts import FontFace

from vaxrecon.documents.atomic import write_file_atomic
from vaxrecon.errors import InputError
from vaxrecon.reasons import Status
from vaxrecon.result import sha256
from vaxrecon.signing.manifest import MINUTES_ATTACHMENT, folder_hashes
from vaxrecon.signing.sign import CHAIR_FIELD, add_signature_field, is_signed
from vaxrecon.text import grouped, t

MINUTES_FILE = "bien_ban.pdf"
ROLES = ("chair", "health", "police")
STATUSES = [s.value for s in Status]
FONTS = {
    ("Serif", ""): "DejaVuSerif.ttf",
    ("Serif", "B"): "DejaVuSerif-Bold.ttf",
    ("Serif", "I"): "DejaVuSerif-Italic.ttf",
    ("Mono", ""): "DejaVuSansMono.ttf",
}


@dataclass
class RunFacts:
    """What the minutes state about a result folder, read from its own files."""

    summary: dict
    per_list: pd.DataFrame  # index: list file name; a column per status, then "rows"
    files: dict[str, tuple[int, str]]  # every result file: size in bytes, SHA-256

    @property
    def totals(self) -> dict[str, int]:
        return {s: int(self.per_list[s].sum()) for s in STATUSES}


@dataclass
class Minutes:
    """The written minutes."""

    path: Path
    sha256: str
    pages: int
    facts: RunFacts


def read_run(folder: Path, skip: frozenset[str] = frozenset()) -> RunFacts:
    """Counts per list and status from results.csv, checked against summary.json, and every file's hash."""
    summary_file, results_file = folder / "summary.json", folder / "results.csv"
    if not summary_file.is_file() or not results_file.is_file():
        raise InputError(key="err.not_result_folder", folder=folder)
    try:
        summary = json.loads(summary_file.read_text("utf-8"))
        rows = pd.read_csv(results_file, usecols=["source", "status"], dtype=str, keep_default_na=False)
    except (ValueError, UnicodeDecodeError) as e:
        raise InputError(key="err.result_unreadable", folder=folder, kind=type(e).__name__) from None
    per_list = (
        rows.groupby("source", sort=False)["status"]
        .value_counts()
        .unstack(fill_value=0)
        .reindex(columns=STATUSES, fill_value=0)
    )
    order = [x["name"] for x in summary.get("lists", []) if x["name"] in per_list.index]
    per_list = per_list.reindex(order + [n for n in per_list.index if n not in order])
    per_list["rows"] = per_list[STATUSES].sum(axis=1)
    files = {n: ((folder / n).stat().st_size, h) for n, h in folder_hashes(folder, skip).items()}
    facts = RunFacts(summary, per_list, files)
    if facts.totals != {s: int(summary.get("counts", {}).get(s, 0)) for s in STATUSES} or len(
        rows
    ) != summary.get("rows"):
        raise InputError(key="err.result_counts", folder=folder)
    return facts


def _commune(summary: dict) -> str:
    lists = summary.get("lists") or [{}]
    return next((x["commune"] for x in lists if x.get("commune")), "")


def _lower_prefix(commune: str) -> str:
    """'Xã Phước Hải' → 'xã Phước Hải', as it reads inside a sentence."""
    return re.sub(r"^(Xã|Phường|Thị trấn)\b", lambda m: m.group(1).lower(), commune)


def parties(cfg: dict, summary: dict, lang: str) -> list[dict]:
    """The three parties with name and title from the configuration (command-line options included)."""
    conf = cfg["minutes"]
    commune = _lower_prefix(_commune(summary)) or t("doc.unknown", lang)
    setting = conf["setting"]
    if setting not in ("commune", "facility"):
        raise InputError(
            key="err.setting_choice",
            setting="minutes.setting",
            known="commune, facility",
            value=repr(setting),
        )
    result = []
    for role in ROLES:
        key = f"min.{role}_{'facility' if role == 'chair' and setting == 'facility' else 'commune'}"
        block = f"min.block_{key[4:]}" if role == "chair" else f"min.block_{role}"
        result.append(
            {
                "role": role,
                "name": conf[role]["name"],
                "title": conf[role]["title"] or t(key, lang, commune=commune),
                "block": t(block, lang),
            }
        )
    return result


class _Pdf(FPDF):
    lang = "vi"

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font("Serif", "I", 8)
        self.cell(0, 8, t("min.page", self.lang, n=self.page_no(), total="{nb}"), align="C")


def _new_pdf(lang: str) -> _Pdf:
    pdf = _Pdf(orientation="P", unit="mm", format="A4")
    pdf.lang = lang
    fonts = resources.files("vaxrecon").joinpath("data", "fonts")
    for (family, style), name in FONTS.items():
        with resources.as_file(fonts.joinpath(name)) as path:
            pdf.add_font(family, style, str(path))
    pdf.set_margins(25, 20, 15)
    pdf.set_auto_page_break(True, margin=20)
    pdf.set_title(t("min.title", lang) + " — " + t("min.subtitle", lang))
    pdf.set_creator("vaxrecon")
    pdf.set_lang("vi-VN" if lang == "vi" else "en")
    pdf.add_page()
    return pdf


def _dmy(iso: str | None, lang: str) -> str:
    return dt.date.fromisoformat(iso).strftime("%d/%m/%Y") if iso else t("doc.unknown", lang)


def _header(pdf: _Pdf, unit: str, place: str, day: dt.date, lang: str) -> None:
    top = pdf.get_y()
    pdf.set_font("Serif", "B", 11)
    pdf.multi_cell(68, 5.5, unit.upper(), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Serif", "", 11)
    pdf.cell(68, 6, t("min.number", lang), align="C")
    pdf.set_xy(pdf.l_margin + 68, top)
    pdf.set_font("Serif", "B", 11)
    pdf.cell(102, 5.5, t("doc.country", lang), align="C", new_x="LEFT", new_y="NEXT")
    pdf.set_font("Serif", "B", 12)
    pdf.cell(102, 6, t("doc.motto", lang), align="C", new_x="LEFT", new_y="NEXT")
    mid = pdf.l_margin + 68 + 51
    pdf.line(mid - 26, pdf.get_y(), mid + 26, pdf.get_y())
    pdf.ln(3)
    pdf.set_x(pdf.l_margin + 68)
    pdf.set_font("Serif", "I", 11)
    pdf.cell(102, 6, t("min.place_date", lang, place=place, d=day.day, m=day.month, y=day.year), align="C")
    pdf.set_xy(pdf.l_margin, max(pdf.get_y(), top + 24) + 10)
    pdf.set_font("Serif", "B", 14)
    pdf.cell(0, 7, t("min.title", lang), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Serif", "B", 12)
    pdf.multi_cell(0, 6, t("min.subtitle", lang), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)


def _para(
    pdf: _Pdf, text: str, style: str = "", size: float = 11, indent: bool = True, align: str = "J"
) -> None:
    pdf.set_font("Serif", style, size)
    pdf.multi_cell(0, 6, ("     " if indent else "") + text, align=align, new_x="LMARGIN", new_y="NEXT")


def _keep_room(pdf: _Pdf, mm: float = 45) -> None:
    """Start a new page rather than leave a heading alone at the bottom of one."""
    if pdf.get_y() > pdf.h - pdf.b_margin - mm:
        pdf.add_page()


def _heading(pdf: _Pdf, text: str) -> None:
    _keep_room(pdf)
    pdf.ln(2)
    _para(pdf, text, "B", 11, indent=False)
    pdf.ln(1)


def _table(
    pdf: _Pdf,
    widths: tuple[int, ...],
    head: list[str],
    rows: list[list[str]],
    mono: int | None = None,
    bold_last: bool = False,
    align: str = "LEFT",
) -> None:
    """A bordered table; column ``mono`` (the hashes) is set in the monospace font."""
    pdf.set_font("Serif", "", 9)
    heading = FontFace(family="Serif", emphasis="BOLD", size_pt=9, fill_color=(235, 235, 235))
    with pdf.table(
        col_widths=widths,
        width=sum(widths),
        align=align,
        line_height=4.6,
        headings_style=heading,
        text_align="LEFT",
        padding=1,
    ) as table:
        row = table.row()
        for text in head:
            row.cell(text)
        for i, values in enumerate(rows):
            row = table.row()
            last = bold_last and i == len(rows) - 1
            for j, text in enumerate(values):
                style = (
                    FontFace(family="Mono", size_pt=6.8)
                    if j == mono
                    else FontFace(family="Serif", emphasis="BOLD" if last else None, size_pt=9)
                )
                row.cell(text, style=style)
    pdf.ln(2)


Box = tuple[float, float, float, float]
PT = 72 / 25.4  # PDF points per millimetre


def _signatures(pdf: _Pdf, people: list[dict], lang: str) -> Box:
    """The three signature blocks; returns where the chair signs (PDF points, origin bottom left)."""
    if pdf.get_y() > pdf.h - 75:
        pdf.add_page()
    pdf.ln(6)
    top, width = pdf.get_y(), (pdf.w - pdf.l_margin - pdf.r_margin) / 3
    order = [people[2], people[1], people[0]]  # police, health station, chair on the right
    for i, person in enumerate(order):
        x = pdf.l_margin + i * width
        pdf.set_xy(x, top)
        pdf.set_font("Serif", "B", 10.5)
        pdf.multi_cell(width, 5.5, person["block"], align="C", new_x="LEFT", new_y="NEXT")
        pdf.set_font("Serif", "I", 9.5)
        pdf.multi_cell(width, 5, t("min.sign_hint", lang), align="C", new_x="LEFT", new_y="NEXT")
        pdf.set_xy(x, top + 38)
        pdf.set_font("Serif", "B", 10.5)
        pdf.multi_cell(width, 5.5, person["name"] or "", align="C")
    x = pdf.l_margin + 2 * width + 1
    return x * PT, (pdf.h - top - 37) * PT, (x + width - 2) * PT, (pdf.h - top - 12) * PT


def render(
    facts: RunFacts, people: list[dict], unit: str, place: str, day: dt.date, copies: int, lang: str
) -> tuple[bytes, int, Box]:
    """The minutes as PDF bytes, the number of pages, and the box where the chair signs (last page)."""
    s = facts.summary
    pdf = _new_pdf(lang)
    _header(pdf, unit, place, day, lang)
    _para(pdf, t("min.basis", lang), "I")
    _para(pdf, t("min.opening", lang, date=day.strftime("%d/%m/%Y"), place=place))
    for i, p in enumerate(people, start=1):
        line = t("min.party", lang, name=p["name"] or t("min.blank_name", lang), title=p["title"])
        _para(pdf, f"{i}. {line}{t('min.chairing', lang) if p['role'] == 'chair' else ''}", align="L")
    _para(
        pdf,
        t(
            "min.together",
            lang,
            version=s.get("version", ""),
            run_date=_dmy(s.get("run_date"), lang),
            config_hash=s.get("config_hash", ""),
        ),
        indent=False,
    )

    _heading(pdf, t("min.sec_lists", lang))
    lists = s.get("lists", [])
    _table(
        pdf,
        (10, 62, 50, 24, 24),
        [
            t(k, lang)
            for k in ("col.seq", "min.col_list", "min.col_unit", "min.col_list_date", "min.col_rows")
        ],
        [
            [
                str(i),
                x["name"],
                x.get("unit") or x.get("commune") or t("doc.unknown", lang),
                _dmy(x.get("list_date"), lang),
                grouped(facts.per_list["rows"].get(x["name"], 0), lang),
            ]
            for i, x in enumerate(lists, start=1)
        ],
    )
    _table(
        pdf,
        (10, 62, 98),
        [t("col.seq", lang), t("min.col_list", lang), t("min.col_sha", lang)],
        [[str(i), x["name"], x["sha256"]] for i, x in enumerate(lists, start=1)],
        mono=2,
    )

    _heading(pdf, t("min.sec_counts", lang))
    _para(pdf, t("min.sec_counts_total", lang), indent=False)
    totals = facts.totals
    _table(
        pdf,
        (10, 100, 30),
        [t("col.seq", lang), t("min.col_status", lang), t("min.col_count", lang)],
        [
            [str(i), Status(k).label(lang), grouped(v, lang)]
            for i, (k, v) in enumerate(totals.items(), start=1)
        ]
        + [["", t("fu_total", lang), grouped(sum(totals.values()), lang)]],
        bold_last=True,
    )
    _keep_room(pdf)
    _para(pdf, t("min.sec_counts_lists", lang), indent=False)
    per = facts.per_list
    body = [[str(name), *[grouped(r[c], lang) for c in [*STATUSES, "rows"]]] for name, r in per.iterrows()]
    body.append(
        [
            t("fu_total", lang),
            *[grouped(totals[c], lang) for c in STATUSES],
            grouped(sum(totals.values()), lang),
        ]
    )
    _table(
        pdf,
        (48, 17, 17, 17, 17, 17, 17, 20),
        [t("min.col_list", lang), *[t(f"min.col_{c}", lang) for c in STATUSES], t("min.col_total", lang)],
        body,
        bold_last=True,
    )

    _heading(pdf, t("min.sec_files", lang))
    _para(pdf, t("min.files_note", lang), size=10)
    _table(
        pdf,
        (10, 44, 20, 96),
        [t(k, lang) for k in ("col.seq", "min.col_file", "min.col_size", "min.col_sha")],
        [
            [str(i), name, grouped(size, lang), digest]
            for i, (name, (size, digest)) in enumerate(facts.files.items(), start=1)
        ],
        mono=3,
    )

    _heading(pdf, t("min.sec_conclusion", lang))
    _para(pdf, t("min.conclusion", lang, rows=grouped(sum(totals.values()), lang), copies=copies))
    box = _signatures(pdf, people, lang)
    pinned = {"files": {name: digest for name, (_size, digest) in facts.files.items()}}
    pdf.embed_file(
        bytes=json.dumps(pinned, ensure_ascii=False, indent=1).encode("utf-8"),
        basename=MINUTES_ATTACHMENT,
        mime_type="application/json",
        desc="SHA-256 of the result files these minutes confirm",
    )
    return bytes(pdf.output()), pdf.pages_count, box


def write_minutes(folder: Path, cfg: dict, day: dt.date, out: Path | None = None) -> Minutes:
    """Write the minutes of the result folder (default ``folder/bien_ban.pdf``), atomically."""
    folder = Path(folder)
    lang = cfg["lang"]
    target = Path(out) if out else folder / MINUTES_FILE
    if target.is_file() and is_signed(target.read_bytes()):
        raise InputError(key="err.minutes_signed", path=target)
    inside = target.resolve().is_relative_to(folder.resolve())
    facts = read_run(
        folder,
        frozenset({target.resolve().relative_to(folder.resolve()).as_posix()}) if inside else frozenset(),
    )
    conf = cfg["minutes"]
    lists = facts.summary.get("lists") or [{}]
    unit = conf["unit"] or next((x["unit"] for x in lists if x.get("unit")), "") or _commune(facts.summary)
    place = (
        conf["place"]
        or re.sub(r"^(Xã|Phường|Thị trấn)\s+", "", _commune(facts.summary))
        or t("doc.unknown", lang)
    )
    data, pages, box = render(
        facts, parties(cfg, facts.summary, lang), unit, place, day, int(conf["copies"]), lang
    )
    write_file_atomic(target, add_signature_field(data, CHAIR_FIELD, pages - 1, box))
    return Minutes(target, sha256(target), pages, facts)
