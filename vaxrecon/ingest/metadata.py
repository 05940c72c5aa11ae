"""List metadata written in title and signature rows: commune, list date, issuing unit, title."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import TYPE_CHECKING

from vaxrecon.admin_units import find_communes
from vaxrecon.normalize.text import fold

if TYPE_CHECKING:
    import pandas as pd

    from vaxrecon.ingest.lists import ListRead

_COMMUNE = re.compile(
    r"\b(?:ubnd|uy ban nhan dan|tram y te|cong an)\s+"
    r"((?:xa|phuong|thi tran)\s+[a-z0-9][a-z0-9 \-']*)"
)
_DATE_WORDS = re.compile(r"ngay\s*(\d{1,2})\s*thang\s*(\d{1,2})\s*nam\s*(\d{4})")
_DATE_LABEL = re.compile(r"ngay lap(?: danh sach)?\s*:?\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})")
_UNIT = re.compile(
    r"^(?:ubnd|uy ban nhan dan|tram y te|trung tam y te|benh vien|cong an|cong ty|"
    r"truong|phong kham|co so|so y te|ban chi dao|tong cong ty|nha may|xi nghiep|"
    r"chi nhanh|ngan hang|hop tac xa|doanh nghiep|ban quan ly|hoc vien|dai hoc|vien)\b"
)


def _line(row: list[object]) -> str:
    parts = []
    for v in row:
        if isinstance(v, dt.datetime | dt.date):
            parts.append(v.strftime("%d/%m/%Y"))
        elif v is not None and str(v).strip():
            parts.append(str(v).strip())
    return unicodedata.normalize("NFC", " ".join(parts))


def _date(match: re.Match[str]) -> dt.date | None:
    d, m, y = (int(g) for g in match.groups())
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _cells(rows: list[list[object]]) -> list[str]:
    """Each non-empty cell as its own line, then each row joined (labels beside values)."""
    cells = [_line([v]) for r in rows for v in r]
    return [t for t in cells + [_line(r) for r in rows] if t]


_FOUND: dict[tuple[str, str], pd.DataFrame] = {}


def _communes(name: str, province: str) -> pd.DataFrame:
    """:func:`find_communes`, each name looked up once (lists repeat their title on every sheet)."""
    if (name, province) not in _FOUND:
        _FOUND[(name, province)] = find_communes(name, province)
    return _FOUND[(name, province)]


def _names_commune(m: re.Match[str], province: str) -> bool:
    """A title naming the commune ('UBND XÃ PHƯỚC HẢI'), not words of a note line ('Công an xã đối
    chiếu với CSDLQG…'): a known commune, or a short name at the start of its line."""
    name = m.group(1).strip()
    return bool(len(_communes(name, province))) or (m.start() == 0 and len(name.split()) <= 5)


def read_metadata(
    title_rows: list[list[object]],
    footer_rows: list[list[object]],
    commune_hint: str = "",
    province: str = "",
) -> dict:
    """Commune (with its official code when the name is unambiguous), list date, unit, title.

    ``commune_hint`` (a commune code or name from the list's own columns) is used when the title
    rows do not name the commune; ``province`` narrows commune names that repeat across provinces.
    """
    meta: dict = {
        "commune": "",
        "commune_code": "",
        "district": "",
        "province": "",
        "list_date": None,
        "unit": "",
        "title": "",
    }
    lines = _cells(title_rows)
    for text in lines:
        key = fold(text)
        if not meta["unit"] and _UNIT.match(key):
            meta["unit"] = text
        if not meta["title"] and key.startswith("danh sach"):
            meta["title"] = text
        if not meta["commune"] and (m := _COMMUNE.search(key)) and _names_commune(m, province):
            meta["commune"] = (
                text[m.start(1) : m.end(1)].strip() if len(key) == len(text) else m.group(1).title()
            )
    for text in lines + _cells(footer_rows):
        key = fold(text)
        m = _DATE_LABEL.search(key) or _DATE_WORDS.search(key)
        if m and (found := _date(m)):
            meta["list_date"] = found
            break
    meta["commune"] = meta["commune"] or commune_hint
    if meta["commune"]:
        hits = _communes(meta["commune"], province)
        if len(hits) == 1:
            unit = hits.iloc[0]
            meta.update(
                commune=unit["commune"],
                commune_code=unit["commune_code"],
                district=unit["district"],
                province=unit["province"],
            )
    return meta


_NAME_DATE = [
    re.compile(r"(?<!\d)(20\d{2})[-_.]?(\d{2})[-_.]?(\d{2})(?!\d)"),
    re.compile(r"(?<!\d)(\d{2})[-_.](\d{2})[-_.](20\d{2})(?!\d)"),
]
_NAME_CODE = re.compile(r"(?<!\d)(\d{5})(?!\d)")


def _date_from_name(stem: str) -> dt.date | None:
    for i, pattern in enumerate(_NAME_DATE):
        if m := pattern.search(stem):
            y, mo, d = m.groups() if i == 0 else m.groups()[::-1]
            try:
                return dt.date(int(y), int(mo), int(d))
            except ValueError:
                continue
    return None


def supplied_metadata(
    meta: dict,
    file_stem: str,
    list_date: dt.date | None = None,
    commune: str | None = None,
    province: str = "",
) -> dict:
    """Metadata the title rows did not give: from --list-date/--commune, else the file name
    (a date such as 20211105 or 05-11-2021, and a five-digit commune code)."""
    from vaxrecon.errors import InputError

    out: dict = {}
    if list_date is not None:
        out["list_date"] = list_date
    elif not meta.get("list_date") and (found := _date_from_name(file_stem)):
        out["list_date"] = found
    wanted = commune or (
        ""
        if meta.get("commune_code")
        else next((c for c in _NAME_CODE.findall(file_stem) if len(find_communes(c))), "")
    )
    if wanted:
        hits = find_communes(wanted, province)
        if len(hits) != 1:
            raise InputError(key="err.commune_none" if hits.empty else "err.commune_many", commune=wanted)
        unit = hits.iloc[0]
        out.update(
            commune=unit["commune"],
            commune_code=unit["commune_code"],
            district=unit["district"],
            province=unit["province"],
        )
    return out


def _stated(sheets: list) -> dict:
    """What the list's own title and signature rows say (first sheet first)."""
    meta: dict = {}
    for s in sheets:
        for k, v in s.metadata.items():
            if not meta.get(k):
                meta[k] = v
    return meta


def _extract_like(sheets: list) -> bool:
    """Headers written as database columns (SO_DINH_DANH, HO_VA_TEN…): a population extract."""
    headers = [c.header for s in sheets if s.header is not None for c in s.header.columns if c.field]
    db_style = [h for h in headers if re.fullmatch(r"[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+", h.strip())]
    return len(headers) >= 2 and len(db_style) * 2 >= len(headers)


def _commune_key(name: str) -> str:
    return re.sub(r"^(?:xa|phuong|thi tran)\s+", "", fold(name or ""))


def list_warnings(
    read: ListRead,
    rows: pd.DataFrame,
    list_date: dt.date | None,
    commune: str | None,
    lang: str,
    outside_share: float,
) -> list[dict]:
    """What was assumed about one list, each as ``{"code", "message"}`` in plain words: a missing
    list date, a date or commune taken from the file name, --list-date/--commune contradicting the
    list, row commune codes differing from the list's, an extract passed as a list, and linked
    people mostly registered in another commune; and what reading the file noted (a CSV read in a
    fallback encoding). ``read`` is the ListRead, ``rows`` its results."""
    from vaxrecon.normalize.ids import cell_text
    from vaxrecon.text import Count, dmy, t

    name = read.path.name
    stated, supplied, used = _stated(read.sheets), read.supplied, read.metadata
    out: list[dict] = []

    def warn(code: str, **params: object) -> None:
        out.append({"code": code, "message": t(f"warn.{code}", lang, file=name, **params)})

    for code, params in read.notes:  # how the file was decoded
        warn(code, **params)
    if _extract_like(read.sheets):
        warn("extract_as_list")
    if not used.get("list_date"):
        warn("no_list_date")
    elif list_date is not None and stated.get("list_date") and stated["list_date"] != list_date:
        warn("list_date_contradicts", given=dmy(list_date), stated=dmy(stated["list_date"]))
    elif "list_date" in supplied and list_date is None:
        warn("list_date_from_name", date=dmy(supplied["list_date"]))
    if (
        commune
        and stated.get("commune_code")
        and supplied.get("commune_code")
        and stated["commune_code"] != supplied["commune_code"]
    ):
        warn("commune_contradicts", given=supplied["commune"], stated=stated["commune"])
    elif "commune_code" in supplied and not commune:
        warn("commune_from_name", commune=supplied["commune"])
    if not used.get("commune"):
        warn("no_commune")
    records = read.records
    code = used.get("commune_code", "")
    if code and "commune_code" in records.columns:
        codes = cell_text(records["commune_code"]).str.replace(r"\.0$", "", regex=True)
        other = codes[(codes != "") & (codes != code)]
        if len(other):
            warn(
                "row_codes_differ",
                n=Count(len(other)),
                commune_code=code,
                others=", ".join(sorted(set(other))[:5]),
            )
    linked = rows[rows["person_id"] != ""]
    if used.get("commune") and len(linked):
        away = linked["registered_commune"].map(_commune_key) != _commune_key(used["commune"])
        away &= linked["registered_commune"] != ""
        if away.mean() > outside_share:
            warn("mostly_outside", share=round(100 * away.mean()), commune=used["commune"])
    return out
