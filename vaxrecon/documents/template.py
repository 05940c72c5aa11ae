"""`vaxrecon template`: a blank registration list in the layout vaxrecon reads best."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from vaxrecon.documents.atomic import check_target, write_file_atomic
from vaxrecon.documents.excel import new_workbook
from vaxrecon.errors import InputError
from vaxrecon.text import t

_ROWS = 1000
_WIDTHS = [6, 28, 16, 10, 18, 12, 18, 14, 8, 20]
_TEXT_COLUMNS = (2, 4, 7)  # birth date, ID and phone keep what is typed (leading zeros)


def write_template(path: Path, lang: str = "vi") -> Path:
    """Write the blank list (atomically): title block, header, validations, instructions. Refuses
    an existing file and any name not ending in .xlsx."""
    path = check_target(Path(path))
    if path.suffix.lower() != ".xlsx":
        raise InputError(key="err.template_suffix", suffix=path.suffix or "''")
    if path.exists():
        raise InputError(key="err.file_exists", path=str(path))
    tmp = path.with_name(f".{path.name}.building")
    wb = new_workbook(tmp)
    ws = wb.add_worksheet(t("template.sheet", lang))
    bold = wb.add_format({"bold": True, "align": "center"})
    head = wb.add_format(
        {"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True, "valign": "vcenter"}
    )
    text = wb.add_format({"num_format": "@", "border": 1})
    cell = wb.add_format({"border": 1})
    headers = t("template.headers", lang).split("|")
    last = len(headers) - 1
    ws.merge_range(0, 0, 0, 3, t("template.unit", lang), bold)
    ws.merge_range(0, 5, 0, last, t("doc.country", lang), bold)
    ws.merge_range(1, 5, 1, last, t("doc.motto", lang), bold)
    ws.merge_range(
        3,
        0,
        3,
        last,
        t("template.title", lang),
        wb.add_format({"bold": True, "align": "center", "font_size": 13}),
    )
    ws.write_string(4, 0, t("template.list_date", lang))
    top = 6
    for c, h in enumerate(headers):
        ws.write_string(top, c, h, head)
    for c, width in enumerate(_WIDTHS):
        ws.set_column(c, c, width, text if c in _TEXT_COLUMNS else cell)
    first, end = top + 1, top + _ROWS
    genders = t("template.genders", lang).split("|")
    ws.data_validation(first, 3, end, 3, {"validate": "list", "source": genders})
    ws.data_validation(first, 8, end, 8, {"validate": "list", "source": ["1", "2", "3"]})
    ws.data_validation(
        first,
        2,
        end,
        2,
        {
            "validate": "custom",
            "ignore_blank": True,
            "value": f"=OR(AND(LEN(C{first + 1})=4,ISNUMBER(--C{first + 1})),"
            f'AND(LEN(C{first + 1})=10,MID(C{first + 1},3,1)="/",MID(C{first + 1},6,1)="/"))',
            "input_title": "dd/mm/yyyy",
            "input_message": t("template.dob_prompt", lang),
            "error_message": t("template.dob_error", lang),
        },
    )
    ws.data_validation(
        first,
        4,
        end,
        4,
        {
            "validate": "length",
            "criteria": "between",
            "minimum": 6,
            "maximum": 12,
            "error_message": t("template.id_error", lang),
        },
    )
    ws.freeze_panes(first, 0)
    ws.set_paper(9)
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(top)
    guide = wb.add_worksheet(t("template.guide_sheet", lang))
    guide.set_column(0, 0, 110)
    lines = t("template.guide", lang).split("\n")
    for i, line in enumerate(lines):
        guide.write_string(i, 0, line, bold if i == 0 else None)
    guide.write_string(len(lines) + 1, 0, f"vaxrecon {dt.date.today():%Y}")
    wb.close()
    write_file_atomic(path, tmp.read_bytes())
    tmp.unlink()
    return path
