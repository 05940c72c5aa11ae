"""Counts a person reads are grouped as their language writes them: 1.234 in Vietnamese, 1,234 in
English, in terminal summaries and error messages alike; JSON keeps plain numbers."""

from __future__ import annotations

import pytest
from rich.console import Console

from vaxrecon.errors import InputError
from vaxrecon.ingest.csvfile import parse
from vaxrecon.reasons import Status
from vaxrecon.render import render_overdue, render_report, render_verify
from vaxrecon.text import Count, grouped, t

SEP = {"vi": ".", "en": ","}


@pytest.mark.parametrize(
    ("n", "vi", "en"),
    [(0, "0", "0"), (999, "999", "999"), (1234, "1.234", "1,234"), (12345678, "12.345.678", "12,345,678")],
)
def test_grouped(n, vi, en):
    assert (grouped(n, "vi"), grouped(n, "en")) == (vi, en)
    assert (t("report.open", "vi", n=Count(n)), t("report.open", "en", n=Count(n))) == (
        f"Yêu cầu còn mở: {vi}",
        f"Open requests: {en}",
    )


def _shown(render, *args, lang: str) -> str:
    console = Console(record=True, width=250, color_system=None)
    render(console, *args, lang=lang)
    return console.export_text()


class _Verified:
    """A verify result as render_verify reads it."""

    def summary(self) -> dict:
        counts = dict.fromkeys((s.value for s in Status), 1500)
        sheet = {"source": "ds.xlsx", "rows": 9000, **counts}
        return {"counts": counts, "rows": 9000, "duplicates": 1001, "sheets": [sheet], "lists": []}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_verify_summary_groups_counts(lang):
    shown = _shown(render_verify, _Verified(), [], lang=lang)
    s = SEP[lang]
    assert f"9{s}000" in shown and f"1{s}500" in shown and f"1{s}001" in shown
    assert "9000" not in shown and ("9,000" not in shown if lang == "vi" else "9.000" not in shown)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_overdue_and_province_reports_group_counts(lang):
    overdue = {
        "count": 1,
        "as_of": "2021-11-20",
        "deadline_days": 7,
        "communes": [{"commune": "Xã A", "lists_overdue": 1, "rows_overdue": 2345, "oldest_days": 12}],
        "lists": [],
        "rows": [],
    }
    s = SEP[lang]
    assert f"2{s}345" in _shown(render_overdue, overdue, lang=lang)
    counts = dict.fromkeys((st.value for st in Status), 4321)
    commune = {"commune": "Xã A", "commune_code": "22894", "district_code": "1", "lists": 3, **counts}
    commune |= {"on_time": 1, "late": 0, "overdue": 0, "open_requests": 1200}
    province = {
        "schema": "vaxrecon.report.province/1",
        "as_of": "2021-11-20",
        "communes": [commune],
        "districts": [],
        "unknown_metadata": [],
    }
    shown = _shown(render_report, province, lang=lang)
    assert f"4{s}321" in shown and f"1{s}200" in shown and "22894" in shown  # a code is no count


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_an_error_groups_counts_in_the_readers_language(lang):
    with pytest.raises(InputError) as e:
        parse("Họ và tên,Ngày sinh\nAn," + "9" * 6000 + "\n", "ds.csv", 5000, 20)
    s = SEP[lang]
    assert f"6{s}000" in e.value.text(lang) and f"5{s}000" in e.value.text(lang)
