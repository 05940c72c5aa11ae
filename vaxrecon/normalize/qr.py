"""CCCD QR payloads: "ID|old ID|full name|ddmmyyyy|gender|address|issue date"."""

from __future__ import annotations

import pandas as pd

from vaxrecon.normalize.ids import cell_text
from vaxrecon.normalize.text import repair_mojibake

QR_FIELDS = ["qr_id", "qr_old_id", "qr_name", "qr_dob", "qr_gender", "qr_address", "qr_issued"]


def parse_qr(raw: pd.Series) -> pd.DataFrame:
    """Split payloads into fields; ``qr_valid`` needs 7-11 fields and a 12-digit first field.

    Empty fields are kept in place (``||`` never collapses), stray spaces and CR/LF are trimmed,
    and UTF-8 mangled by a latin-1 scanner is repaired.
    """
    text = cell_text(raw).str.strip("\r\n\t ")
    given = text != ""
    fields = pd.DataFrame({name: "" for name in QR_FIELDS}, index=raw.index, dtype=object)
    fields["qr_given"] = given
    fields["qr_valid"] = False
    if not given.any():
        return fields
    parts = text[given].map(repair_mojibake).str.split("|", regex=False)
    sub = pd.DataFrame(
        {
            name: parts.map(lambda p, i=i: p[i].strip() if len(p) > i else "")
            for i, name in enumerate(QR_FIELDS)
        }
    )
    valid = parts.str.len().between(7, 11) & sub["qr_id"].str.fullmatch(r"\d{12}")
    fields.loc[sub.index, QR_FIELDS] = sub.where(valid, "")
    fields.loc[sub.index, "qr_valid"] = valid
    return fields


def describe_qr(payload: str) -> dict[str, str]:
    """The fields of one payload, for `vaxrecon qr`; raises ValueError when unreadable."""
    row = parse_qr(pd.Series([payload], dtype=object)).iloc[0]
    if not row["qr_valid"]:
        raise ValueError("not a CCCD QR payload")
    return {name: row[name] for name in QR_FIELDS}
