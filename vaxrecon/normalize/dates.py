"""Birth dates: Excel date cells and serials, day-first text in many shapes, year only."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

_EXCEL_EPOCH = dt.date(1899, 12, 30)
# Tried in order; the first that matches a cell wins. Day-first always.
_PATTERNS = [
    ("iso", r"^(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$"),
    ("dmy", r"^(?P<d>\d{1,2})\s*[/.\-]\s*(?P<m>\d{1,2})\s*[/.\-]\s*(?P<y>\d{4}|\d{2})$"),
    ("ymd", r"^(?P<y>(?:19|20)\d{2})(?P<m>0[1-9]|1[0-2])(?P<d>\d{2})$"),
    ("compact", r"^(?P<d>\d{1,2})(?P<m>\d{2})(?P<y>\d{4})$"),
    ("year", r"^(?:năm\s*)?(?P<y>\d{4})(?:\.0+)?$"),
    ("serial", r"^(?P<serial>\d{4,5})(?:\.0+)?$"),
    ("words", r"^(?:ngày\s*)?(?P<d>\d{1,2})\D{1,12}?(?P<m>\d{1,2})\D{1,12}?(?P<y>\d{4})$"),
]
DATE_COLUMNS = ["dob", "dob_y", "dob_m", "dob_d", "dob_precision", "dob_invalid", "dob_two_digit"]


def _cell_to_text(value: object) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip().lower()


def parse_dates(raw: pd.Series, *, today: dt.date, pivot: int = 30, min_year: int = 1900) -> pd.DataFrame:
    """Parse birth dates into year/month/day integers (0 = unknown) and a precision.

    ``dob_precision`` is ``day``, ``year`` or empty; ``dob_invalid`` flags a value that was given
    but is unreadable or impossible (never guessed); ``dob_two_digit`` flags an expanded 2-digit
    year. ``dob`` is the display form: dd/mm/yyyy, yyyy, or empty.
    """
    codes, uniques = pd.factorize(raw, sort=False, use_na_sentinel=True)
    text = pd.Series([_cell_to_text(v) for v in uniques], dtype=object).astype(str)
    y = pd.Series(0, index=text.index, dtype="int64")
    m = y.copy()
    d = y.copy()
    serial = y.copy()
    matched = pd.Series(False, index=text.index)
    year_only = matched.copy()
    for kind, pattern in _PATTERNS:
        got = text[~matched].str.extract(pattern)
        hit = got.notna().any(axis=1)
        idx = got.index[hit]
        if kind == "serial":
            serial.loc[idx] = got.loc[idx, "serial"].astype("int64")
        else:
            y.loc[idx] = got.loc[idx, "y"].astype("int64")
            if kind == "year":
                year_only.loc[idx] = True
            else:
                m.loc[idx] = got.loc[idx, "m"].astype("int64")
                d.loc[idx] = got.loc[idx, "d"].astype("int64")
        matched.loc[idx] = True
    two_digit = matched & (y > 0) & (y < 100)
    y = y.where(~two_digit, np.where(y <= pivot, 2000 + y, 1900 + y))
    has_serial = serial > 0
    if has_serial.any():
        days = pd.to_timedelta(serial[has_serial], unit="D")
        stamps = pd.Timestamp(_EXCEL_EPOCH) + days
        y.loc[has_serial] = stamps.dt.year
        m.loc[has_serial] = stamps.dt.month
        d.loc[has_serial] = stamps.dt.day
    full = matched & ~year_only
    stamp = pd.to_datetime(
        pd.DataFrame({"year": y.where(full, 2000), "month": m.where(full, 1), "day": d.where(full, 1)}),
        errors="coerce",
    )
    valid_day = full & stamp.notna() & (stamp <= pd.Timestamp(today)) & (y >= min_year)
    valid_year = year_only & (y >= min_year) & (y <= today.year)
    given = text != ""
    invalid = given & ~valid_day & ~valid_year
    precision = np.select([valid_day, valid_year], ["day", "year"], "")
    y = y.where(valid_day | valid_year, 0)
    m = m.where(valid_day, 0)
    d = d.where(valid_day, 0)
    display = np.select(
        [valid_day, valid_year],
        [d.astype(str).str.zfill(2) + "/" + m.astype(str).str.zfill(2) + "/" + y.astype(str), y.astype(str)],
        "",
    )
    out = pd.DataFrame(
        {
            "dob": display,
            "dob_y": y,
            "dob_m": m,
            "dob_d": d,
            "dob_precision": precision,
            "dob_invalid": invalid,
            "dob_two_digit": two_digit & (valid_day | valid_year),
        }
    )
    if len(uniques) == 0:
        empty = pd.DataFrame({c: ["" if c in ("dob", "dob_precision") else 0] for c in DATE_COLUMNS})
        empty[["dob_invalid", "dob_two_digit"]] = False
        return empty.iloc[[0] * len(raw)].set_axis(raw.index)
    na_row = len(out)
    out.loc[na_row] = ["", 0, 0, 0, "", False, False]
    take = np.where(codes < 0, na_row, codes)
    return out.take(take).set_axis(raw.index)
