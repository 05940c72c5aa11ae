"""CSV cells that Excel would run as formulas are written with a leading apostrophe (OWASP)."""

from __future__ import annotations

import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def formula_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells starting with = + - @ tab or CR begin with ' instead."""
    out = frame.copy()
    for col in out.columns:
        values = out[col]
        if not (pd.api.types.is_object_dtype(values) or pd.api.types.is_string_dtype(values)):
            continue
        risky = values.str.startswith(FORMULA_STARTS).fillna(False).astype(bool)
        if risky.any():
            out[col] = values.where(~risky, "'" + values.astype(str))
    return out
