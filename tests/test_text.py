"""The message table: every user-facing text has a Vietnamese and an English form, and every key the
package asks for exists."""

import re
import string
from pathlib import Path

import pytest

from vaxrecon.documents.documents import (
    CORRECTION_COLUMNS,
    NON_CITIZEN_COLUMNS,
    POLICE_COLUMNS,
    VERIFIED_COLUMNS,
)
from vaxrecon.documents.returned import APPENDED
from vaxrecon.followup import TIMELINESS
from vaxrecon.normalize.qr import QR_FIELDS
from vaxrecon.reasons import Reason, Status
from vaxrecon.text import dmy, fill, is_lang, long_date, t
from vaxrecon.text.table import MESSAGES

PACKAGE = Path(__file__).resolve().parents[1] / "vaxrecon"


def _fields(text):
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_key_has_vietnamese_and_english_with_the_same_placeholders(key):
    vi, en = MESSAGES[key]
    assert vi.strip() and en.strip(), key
    assert _fields(vi) == _fields(en), key


def test_vietnamese_is_vietnamese():
    """Most entries differ between the languages, and Vietnamese entries carry Vietnamese letters."""
    same = [k for k, (vi, en) in MESSAGES.items() if vi == en]
    assert len(same) < 0.05 * len(MESSAGES), same
    marked = [k for k, (vi, _) in MESSAGES.items() if re.search(r"[à-ỹđĐÀ-Ỹ]", vi)]
    assert len(marked) > 0.7 * len(MESSAGES)


def test_every_key_the_package_asks_for_exists():
    used = set()
    for path in PACKAGE.rglob("*.py"):
        text = path.read_text("utf-8")
        used |= set(re.findall(r"""\b(?:t|text|fill)\(\s*["']([a-z_]+\.[A-Za-z0-9_.]+)["']""", text))
    assert used, "the scan must find the keys"
    assert not used - set(MESSAGES), used - set(MESSAGES)


def test_keys_built_from_data_exist():
    columns = {*VERIFIED_COLUMNS, *CORRECTION_COLUMNS, *NON_CITIZEN_COLUMNS, *POLICE_COLUMNS, *APPENDED}
    wanted = {f"col.{c}" for c in columns} | {f"qr.{f.removeprefix('qr_')}" for f in QR_FIELDS}
    wanted |= {f"timeliness.{x}" for x in TIMELINESS} | {"gender.M", "gender.F"}
    wanted |= {
        f"meta.{k}" for k in ("commune", "commune_code", "district", "province", "list_date", "unit", "title")
    }
    assert not wanted - set(MESSAGES), wanted - set(MESSAGES)


@pytest.mark.parametrize("member", [*Status, *Reason])
def test_status_and_reason_labels_have_both_languages(member):
    assert member.label("vi") and member.label("en") and member.label("vi") != member.value


def test_formatting_and_dates():
    import datetime as dt

    import pandas as pd

    assert t("doc.rows_total", "vi", n=3) == "Tổng số: 3 người"
    assert t("doc.rows_total", "en", n=3) == "Total: 3 people"
    where = fill("doc.where", "vi", sheet=pd.Series(["DS"]), row=pd.Series([12]))
    assert where.tolist() == ["Sheet DS, dòng 12"]
    assert dmy("2021-11-05") == "05/11/2021" and dmy(None) == "" and dmy(dt.date(2021, 1, 2)) == "02/01/2021"
    assert long_date(dt.date(2021, 11, 6), "vi") == "ngày 06 tháng 11 năm 2021"
    assert is_lang("vi") and is_lang("en") and not is_lang("vn")
