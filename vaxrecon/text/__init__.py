"""Every text a user reads, in Vietnamese (default) and English, looked up in one table.

``t(key, lang, **params)`` formats the entry with ``str.format``; the table is
:data:`vaxrecon.text.table.MESSAGES` (status and reason labels live with their enumerations in
:mod:`vaxrecon.reasons`).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pandas is imported where it is used: `--help` does without it
    import pandas as pd

from vaxrecon.text.table import MESSAGES

LANGS = ("vi", "en")
ENV_VAR = "VAXRECON_LANG"


def t(key: str, lang: str = "vi", **params: object) -> str:
    """The text of ``key`` in ``lang`` (Vietnamese for anything but 'en'), formatted with ``params``
    (a :class:`Phrase` or :class:`Joined` parameter is said in the same language)."""
    vi, en = MESSAGES[key]
    text = en if lang == "en" else vi
    if not params:
        return text
    return text.format(**{k: say(v, lang) for k, v in params.items()})


@dataclass(frozen=True)
class Phrase:
    """A text to be said later, in the reader's language: a message key and its parameters."""

    key: str
    params: Mapping[str, object] = field(default_factory=dict)

    def text(self, lang: str) -> str:
        return t(self.key, lang, **self.params)


@dataclass(frozen=True)
class Joined:
    """Several phrases said one after the other, with a separator ('; ' unless told)."""

    parts: tuple[object, ...]
    sep: str = "; "

    def text(self, lang: str) -> str:
        return self.sep.join(str(say(p, lang)) for p in self.parts)


def grouped(n: int, lang: str) -> str:
    """A count as the language writes it: 1.234.567 in Vietnamese, 1,234,567 in English."""
    return f"{int(n):,}".replace(",", "," if lang == "en" else ".")


@dataclass(frozen=True)
class Count:
    """A count to be said later, grouped as the reader's language writes it (:func:`grouped`)."""

    n: int

    def text(self, lang: str) -> str:
        return grouped(self.n, lang)


def say(value: object, lang: str) -> object:
    """``value`` in ``lang`` when it is a :class:`Phrase`, :class:`Joined` or :class:`Count`, else
    unchanged."""
    return value.text(lang) if isinstance(value, Phrase | Joined | Count) else value


def is_lang(value: object) -> bool:
    return value in LANGS


def env_lang() -> str | None:
    """The language asked for by $VAXRECON_LANG, if any (validated by the caller)."""
    return os.environ.get(ENV_VAR) or None


def dmy(value: dt.date | str | None) -> str:
    """A date as people write it, dd/mm/yyyy ('' when unknown); ISO strings are accepted."""
    if not value:
        return ""
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value[:10]).strftime("%d/%m/%Y")
        except ValueError:
            return value
    return value.strftime("%d/%m/%Y")


def long_date(day: dt.date, lang: str) -> str:
    """'ngày 06 tháng 11 năm 2021' as on Vietnamese forms; '06/11/2021' in English."""
    return t("long_date", lang, d=f"{day.day:02d}", m=f"{day.month:02d}", y=day.year)


def fill(key: str, lang: str, **columns: pd.Series | str) -> pd.Series:
    """Vectorised :func:`t`: the entry with each placeholder replaced by a column (or a scalar)."""
    import pandas as pd

    parts = re.split(r"\{(\w+)\}", t(key, lang))
    index = next(c.index for c in columns.values() if isinstance(c, pd.Series))
    out = pd.Series(parts[0], index=index, dtype=object)
    for i in range(1, len(parts), 2):
        value = columns[parts[i]]
        out = out + (value.astype(str) if isinstance(value, pd.Series) else str(value)) + parts[i + 1]
    return out
